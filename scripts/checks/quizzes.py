"""Question banks in quizzes/ against the quiz model (scripts/model/quiz_model.py), and every module
status badge (<span class="module-status" data-module="...">) naming a bank that exists."""
from __future__ import annotations

import re

from scripts.model import content_model
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "toetsvragen"
BADGE_RE = re.compile(r'data-module="([^"]*)"')


def check(project: Project) -> list[Finding]:
    banks, found = project.banks
    problems = list(found)
    names = {bank.name for bank in banks}
    for path in project.page_files:
        for number, line in content_model.body_lines(project.text(path), front_matter=True):
            for name in BADGE_RE.findall(line):
                if name not in names:
                    problems.append(Finding(
                        project.shown(path), number,
                        f"module '{name}' heeft geen vragenbank: kies uit {', '.join(sorted(names))} "
                        f"(de naam van een bestand in quizzes/ zonder .yml)"))
    return problems
