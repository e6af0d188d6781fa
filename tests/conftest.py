"""Shared fixtures: the real site built once per test session, served on loopback, and a
headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["sharding"]  # tests/sharding.py: the parallel GitLab jobs' split (CI_NODE_INDEX)

ROOT = Path(__file__).resolve().parent.parent
# Debian's chromium and the local server: shared with the benchmarks (scripts/bench/browser.py).
from scripts.bench.browser import CHROMIUM, CHROMIUM_ARGS, serve_dir  # noqa: E402,F401  (tests import them from here)

# One "today" for the whole suite (scripts/model/clock.py reads it), for this process and every
# subprocess it starts: a fixed day, never the real one. Run the suite with another day by setting
# KENNISBANK_VANDAAG yourself (for instance ten years ahead); tests of ageing set their own day.
SUITE_TODAY = "2026-12-07"
os.environ.setdefault("KENNISBANK_VANDAAG", SUITE_TODAY)


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.fixture(scope="session")
def banks() -> list:
    """The real question banks, read once by the quiz model (tests that read every bank)."""
    from scripts.model import quiz_model

    loaded, problems = quiz_model.load_banks(ROOT)
    assert problems == [], "\n".join(map(str, problems))
    return loaded


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, request) -> Path:
    """The real site, built strictly into a temporary folder: once per test run, also with xdist's
    workers, who share it (the tests only read it). The first worker to ask builds it under a lock;
    the others wait and read its result, a failed build included."""
    base = tmp_path_factory.getbasetemp()
    # Only an xdist worker of this run (xdist gives it `workerinput`) shares the run's folder, above the
    # workers' own. Not the environment variable PYTEST_XDIST_WORKER: a pytest that a test starts
    # inherits it, and would then read a site that an earlier run, of another checkout, left in pytest's
    # own temp root.
    shared = base.parent if hasattr(request.config, "workerinput") else base
    site, result = shared / "site-gebouwd", shared / "site-gebouwd.uitvoer"
    with open(shared / "site-gebouwd.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result.exists():
            run = mkdocs_build(ROOT / "mkdocs.yml", site)
            result.write_text(f"{run.returncode}\n{run.stdout}{run.stderr}", encoding="utf-8")
    code, output = result.read_text(encoding="utf-8").split("\n", 1)
    assert code == "0", output
    return site


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served on 127.0.0.1 on a free port; yields the base URL ending in '/'."""
    with serve_dir(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: installeer Debian's chromium (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield DatedBrowser(chromium)
        chromium.close()


class DatedBrowser:
    """The browser, whose every new context has the suite's "today" as the reader's date (Playwright's
    clock API), so what the page computes from its date (docs/assets/controle.js) matches the build."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        from scripts.model import clock

        context = self._browser.new_context(**options)
        today = clock.today()
        context.clock.set_system_time(dt.datetime(today.year, today.month, today.day, 12, 0))
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture
def page(browser):
    """A fresh browser context (empty localStorage) and page per test."""
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()


SCRATCH_SKIP = {".venv", "site", ".git", "__pycache__", ".pytest_cache", "node_modules"}


def _scratch_ignore(folder: str, names: list[str]) -> list[str]:
    skip = SCRATCH_SKIP | ({"build"} if Path(folder) == ROOT else set())  # build/: make downloads' output
    return [name for name in names if name in skip]


@pytest.fixture
def scratch_copy(tmp_path) -> Path:
    """A copy of the project sources (no .venv, site, build output or .git) to plant faults in. The
    build cache (.cache/) comes along, so builds in the copy start warm as they do in the project."""
    dest = tmp_path / "kopie"
    shutil.copytree(ROOT, dest, ignore=_scratch_ignore)
    return dest


# The test files that take longest, longest first. With --dist loadfile each file runs on one
# worker, and xdist hands the files out in collection order (pytest.ini turns off its own reordering,
# which puts the files with the most tests first, whatever they cost), so the long files start at
# once and the short ones fill up the end on both workers. Only the order depends on this list.
LONG_FIRST = [
    "test_invented_region.py",
    "test_accessibility.py", "test_print_site.py", "test_gitlab_ci_local.py", "test_lms_scorm.py",
    "test_check_cli.py", "test_search_browser.py", "test_pa11y.py", "test_training_browser.py",
    "test_search_lazy.py", "test_build.py", "test_print_cards.py", "test_third_party.py", "test_handelen.py",
    "test_build_cache.py", "test_editor_job.py", "test_phone_links.py", "test_fork_merge.py",
]


def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(LONG_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: a file keeps its order
