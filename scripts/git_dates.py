"""Last-change dates of files from git history, with a fallback when there is none.

One `git log` call for the whole tree. In a shallow clone or outside git the history may be
missing or cut short; callers then fall back to the page's own `laatst_gecontroleerd`.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_changed(root: Path, folder: str = "docs") -> dict[str, dt.date]:
    """Map 'docs/...' paths (relative to the repo root) to the date of their last commit.

    In a shallow clone the oldest commit that is there seems to add every file; a file whose
    newest commit is such a boundary commit gets no date rather than a wrong one.
    """
    try:
        run = subprocess.run(
            ["git", "-C", str(root), "log", "--format=@%cs %H", "--name-only", "--", folder],
            capture_output=True, text=True, timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if run.returncode != 0:
        return {}
    boundary = shallow_commits(root)
    dates: dict[str, dt.date] = {}
    seen: set[str] = set()
    current = None
    for line in run.stdout.splitlines():
        if line.startswith("@"):
            day, commit = line[1:].split()
            current = None if commit in boundary else dt.date.fromisoformat(day)
        elif line.strip() and line.strip() not in seen:
            seen.add(line.strip())  # newest commit comes first
            if current is not None:
                dates[line.strip()] = current
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
