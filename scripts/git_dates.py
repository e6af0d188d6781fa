"""Last-change dates of files from git history, with a fallback when there is none.

One `git log` call for the whole tree. In a shallow clone or outside git the history may be
missing or cut short; callers then fall back to the page's own `laatst_gecontroleerd`.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_changed(root: Path, folder: str = "docs") -> dict[str, dt.date]:
    """Map 'docs/...' paths (relative to the repo root) to the date of their last commit."""
    try:
        run = subprocess.run(
            ["git", "-C", str(root), "log", "--format=@%cs", "--name-only", "--", folder],
            capture_output=True, text=True, timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if run.returncode != 0:
        return {}
    dates: dict[str, dt.date] = {}
    current = None
    for line in run.stdout.splitlines():
        if line.startswith("@"):
            current = dt.date.fromisoformat(line[1:])
        elif line.strip() and current is not None:
            dates.setdefault(line.strip(), current)  # newest commit comes first
    return dates


def is_shallow(root: Path) -> bool:
    run = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-shallow-repository"],
                         capture_output=True, text=True)
    return run.stdout.strip() == "true"
