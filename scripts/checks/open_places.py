"""Each open place `[nog in te vullen door het SWV: ...]` with its file and line: a notice for
the Code Quality report, so the merge request shows it next to the line. The job log has their
count per section (the summary of scripts/checks/placeholders.py), not every one of them."""
from __future__ import annotations

from scripts.checks.placeholders import PLACEHOLDER, numbered_lines
from scripts.model.findings import Finding, notice
from scripts.model.project import Project

NAME = "open plekken"
CODE = "open-plekken"
LIST_NOTICES = False


def check(project: Project) -> list[Finding]:
    return [
        notice(project.shown(path), number, f"open plek: {match.group(0)}")
        for path, number, line in numbered_lines(project)
        for match in PLACEHOLDER.finditer(line)
    ]
