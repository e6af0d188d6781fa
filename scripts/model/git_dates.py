"""Last-change dates of files from git history, with a fallback when there is none.

One `git log` call for the whole tree. In a shallow clone or outside git the history may be
missing or cut short; callers then fall back to the page's own `laatst_gecontroleerd`.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Change:
    day: dt.date
    # For readers: the commit's trailer 'Wijziging: <korte zin>' when it has one, else its subject line.
    subject: str



def history(root: Path, folder: str = "docs", per_file: int = 5) -> dict[str, list[Change]]:
    """Map 'docs/...' paths (relative to the repo root) to their newest commits, newest first.

    One `git log` call for the whole tree. In a shallow clone the oldest commit that is there
    seems to add every file: such a boundary commit is left out, so a page lists only changes
    that really happened (and none when its history is cut off).
    """
    try:
        run = subprocess.run(
            ["git", "-C", str(root), "log", "--name-only",
             "--format=%x1e%cs %H%x1f%s%x1f%(trailers:key=Wijziging,valueonly,separator=%x20)", "--", folder],
            capture_output=True, text=True, timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if run.returncode != 0:
        return {}
    boundary = shallow_commits(root)
    changes: dict[str, list[Change]] = {}
    for record in run.stdout.split("\x1e")[1:]:
        head, *names = record.split("\n")
        stamp, subject, note = (head.split("\x1f") + ["", ""])[:3]
        day, commit = stamp.split()
        change = None if commit in boundary else Change(dt.date.fromisoformat(day), note.strip() or subject.strip())
        for name in filter(None, (n.strip() for n in names)):
            listed = changes.setdefault(name, [])
            if change is not None and len(listed) < per_file:
                listed.append(change)
    return changes


def last_changed(root: Path, folder: str = "docs") -> dict[str, dt.date]:
    """Map 'docs/...' paths to the date of their last commit; no date when the newest commit
    there is a shallow clone's boundary (see history)."""
    dates = {}
    for name, listed in history(root, folder, per_file=1).items():
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
