"""The suite split into shards for GitLab's parallel `tests` jobs (issue 33).

GitLab runs the job CI_NODE_TOTAL times side by side and gives each copy its CI_NODE_INDEX (1 to
CI_NODE_TOTAL). With both set and CI_NODE_TOTAL above 1, this plugin keeps only the tests of that
shard and deselects the rest; without them (a developer's `make test`) it does nothing.

- The unit is a test file: the suite runs with --dist loadfile and module and session fixtures, so
  a file's tests stay together.
- The split is deterministic and balanced by measured durations: tests/durations.json holds the
  seconds each file took (setup, call and teardown of its tests, on one xdist worker). The files
  are handed out longest first, each to the shard with the least work so far (ties: the lower
  shard number; equal durations: the path). A file missing from it (a new test file) weighs the
  median of the measured ones, so a new test never breaks the split; a file that no longer exists
  is ignored.
- `pytest --shard-durations-write` measures the durations again and writes them into
  tests/durations.json (`make testduur` runs the whole suite for it; a partial run updates only
  the files it ran).
- Every test runs with the pinned tools: the venv's bin folder (the pinned Node of
  requirements-test.lock, lychee) comes first on PATH, also when pytest is started without make.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DURATIONS = ROOT / "tests" / "durations.json"
INDEX, TOTAL = "CI_NODE_INDEX", "CI_NODE_TOTAL"


def read_durations(path: Path = DURATIONS) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError as error:
        raise pytest.UsageError(f"{path}:{getattr(error, 'lineno', 1)}: geen geldige JSON: {error}") from None
    if not isinstance(data, dict) or not all(isinstance(v, (int, float)) and v >= 0 for v in data.values()):
        raise pytest.UsageError(f"{path}:1: verwacht een object met per testbestand een aantal seconden")
    return {str(k): float(v) for k, v in data.items()}


def assign(files: list[str], durations: dict[str, float], total: int) -> dict[str, int]:
    """Shard number (1..total) per test file: longest first, each to the least loaded shard."""
    known = [durations[f] for f in files if f in durations]
    default = statistics.median(known) if known else 1.0
    weight = {f: durations.get(f, default) for f in files}
    load = [0.0] * total
    shard_of = {}
    for f in sorted(set(files), key=lambda f: (-weight[f], f)):
        shard = min(range(total), key=lambda i: (load[i], i))
        load[shard] += weight[f]
        shard_of[f] = shard + 1
    return shard_of


def shard_from_env(env=os.environ) -> tuple[int, int] | None:
    if not env.get(TOTAL):
        return None
    try:
        index, total = int(env.get(INDEX, "")), int(env[TOTAL])
    except ValueError:
        raise pytest.UsageError(f"{INDEX} en {TOTAL} moeten gehele getallen zijn "
                                f"(nu {env.get(INDEX)!r} en {env.get(TOTAL)!r})") from None
    if not 1 <= index <= total:
        raise pytest.UsageError(f"{INDEX}={index} ligt niet tussen 1 en {TOTAL}={total}")
    return (index, total) if total > 1 else None


def relative(path) -> str:
    return Path(path).resolve().relative_to(ROOT).as_posix()


def pytest_addoption(parser):
    parser.addoption("--shard-durations-write", action="store_true",
                     help=f"meet per testbestand de duur en schrijf {DURATIONS.relative_to(ROOT)}")


def pytest_configure(config):
    venv_bin = str(Path(sys.executable).parent)
    if os.environ.get("PATH", "").split(os.pathsep)[0] != venv_bin:
        os.environ["PATH"] = venv_bin + os.pathsep + os.environ.get("PATH", "")
    config._shard = shard_from_env()
    if config.getoption("--shard-durations-write"):
        config.pluginmanager.register(DurationRecorder(), "shard-durations")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    if config._shard is None:
        return
    index, total = config._shard
    shard_of = assign([relative(item.path) for item in items], read_durations(), total)
    keep, drop = [], []
    for item in items:
        (keep if shard_of[relative(item.path)] == index else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_report_header(config):
    if config._shard is not None:
        return f"deel {config._shard[0]} van {config._shard[1]} ({INDEX}/{TOTAL}), verdeeld volgens {DURATIONS.relative_to(ROOT)}"


class DurationRecorder:
    """--shard-durations-write: adds up each test file's phases (on xdist's controller, which
    receives every worker's reports) and, at the end, writes them into tests/durations.json. A
    partial run updates only the files it ran; files that no longer exist leave the file."""

    def __init__(self):
        self.seconds = defaultdict(float)

    def pytest_runtest_logreport(self, report):
        self.seconds[report.nodeid.split("::", 1)[0]] += report.duration

    def pytest_sessionfinish(self, session):
        if os.environ.get("PYTEST_XDIST_WORKER") or not self.seconds:
            return
        merged = {**read_durations(), **{path: round(s, 1) for path, s in self.seconds.items()}}
        kept = {path: merged[path] for path in sorted(merged) if (ROOT / path).is_file()}
        DURATIONS.write_text(json.dumps(kept, indent=1) + "\n", encoding="utf-8")
