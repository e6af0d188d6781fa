"""Change notes for readers from git history, with a fallback when there is none.

Readers see only what an editor wrote for them: the trailer ``Wijziging: <één zin>`` at the end of a
commit message (CONTRIBUTING, chapter 1). A commit without one is not a change for readers: it is
not listed and it does not move a page's "Laatst gewijzigd". A developer's commit subject is never
read, so it cannot reach a page.

One `git log` call for the whole tree. In a shallow clone or outside git the history may be
missing or cut short; callers then fall back to the page's own `laatst_gecontroleerd`.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

TRAILER = "Wijziging"  # the key of the trailer, matched as git does: case-insensitive


@dataclass(frozen=True)
class Change:
    day: dt.date
    note: str  # the text of the commit's 'Wijziging:' trailer(s), for readers
    commit: str = field(default="", compare=False)
    order: int = field(default=0, compare=False)  # place in the history, 0 = newest


def history(root: Path, folders: tuple[str, ...] = ("docs",), per_file: int = 5) -> dict[str, list[Change]]:
    """Map paths relative to the repo root ('docs/...', 'regels/...') to their newest changes for
    readers, newest first; a path that git knows but that has no such change maps to [].

    In a shallow clone the oldest commit that is there seems to add every file: such a boundary
    commit is left out, so a page lists only changes that really happened (and none when its
    history is cut off).
    """
    try:
        run = subprocess.run(
            ["git", "-C", str(root), "log", "--name-only",
             f"--format=%x1e%cs %H%x1f%(trailers:key={TRAILER},valueonly,unfold,separator=%x20)",
             "--", *folders],
            capture_output=True, text=True, timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if run.returncode != 0:
        return {}
    boundary = shallow_commits(root)
    changes: dict[str, list[Change]] = {}
    for order, record in enumerate(run.stdout.split("\x1e")[1:]):
        head, *names = record.split("\n")
        stamp, note = (head.split("\x1f") + [""])[:2]
        day, commit = stamp.split()
        note = " ".join(note.split())
        change = None if commit in boundary or not note else Change(dt.date.fromisoformat(day), note, commit, order)
        for name in filter(None, (n.strip() for n in names)):
            listed = changes.setdefault(name, [])
            if change is not None and len(listed) < per_file:
                listed.append(change)
    return changes


def page_changes(changes: dict[str, list[Change]], paths: list[str], limit: int = 5) -> list[Change]:
    """The newest changes for readers of a page that consists of several files (the page and the
    rules it includes): each commit once, newest first, at most ``limit``."""
    seen: dict[str, Change] = {}
    for path in paths:
        for change in changes.get(path, ()):
            seen.setdefault(change.commit, change)
    return sorted(seen.values(), key=lambda c: c.order)[:limit]


def last_changed(root: Path, folders: tuple[str, ...] = ("docs",)) -> dict[str, dt.date]:
    """Map paths to the date of their newest change for readers; no date when there is none (a
    path whose commits carry no note, or whose newest commit is a shallow clone's boundary)."""
    dates = {}
    for name, listed in history(root, folders, per_file=1).items():
        if listed:
            dates[name] = listed[0].day
    return dates


def shallow_commits(root: Path) -> set[str]:
    run = subprocess.run(["git", "-C", str(root), "rev-parse", "--git-path", "shallow"],
                         capture_output=True, text=True)
    path = Path(run.stdout.strip())
    if run.returncode != 0 or not run.stdout.strip():
        return set()
    if not path.is_absolute():
        path = root / path
    return set(path.read_text().split()) if path.is_file() else set()


def is_shallow(root: Path) -> bool:
    run = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-shallow-repository"],
                         capture_output=True, text=True)
    return run.stdout.strip() == "true"


# The commit a merge request is compared with: GitLab sets it in a merge request pipeline; elsewhere
# KENNISBANK_VERGELIJK names a branch or commit, and by default it is where HEAD left origin/main
# (or main), so `make check` on an editor's branch sees the same as the pipeline.
BASE_VARIABLES = ("CI_MERGE_REQUEST_DIFF_BASE_SHA", "KENNISBANK_VERGELIJK")


def changed_files(root: Path, folder: str, environ: dict | None = None) -> set[str] | None:
    """Paths under ``folder`` (relative to the repo root) that differ from the comparison base, the
    uncommitted changes included; None when there is no git or no base to compare with."""
    import os

    env = os.environ if environ is None else environ
    base = next((env[name] for name in BASE_VARIABLES if env.get(name)), None)

    def git(*args: str) -> subprocess.CompletedProcess | None:
        try:
            return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return None

    if base is None:
        for ref in ("origin/main", "main"):
            run = git("merge-base", "HEAD", ref)
            if run is not None and run.returncode == 0 and run.stdout.strip():
                base = run.stdout.strip()
                break
    if base is None:
        return None
    run = git("diff", "--name-only", base, "--", folder)
    if run is None or run.returncode != 0:
        return None
    untracked = git("ls-files", "--others", "--exclude-standard", "--", folder)
    names = run.stdout.split() + (untracked.stdout.split() if untracked and untracked.returncode == 0 else [])
    return set(names)
