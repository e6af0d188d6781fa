"""Question banks in quizzes/ against the quiz model (scripts/model/quiz_model.py), and every module
status badge (<span class="module-status" data-module="...">) naming a bank that exists. The feedback
on a wrong answer explains why it is wrong: more than MIN_FEEDBACK characters, not a bare "Nee.".
The module index (the page with the badges, a table written by hand) has a row for every bank, with
a link to its module page, its duration ('| 30 min. |', from the page's 'duur') and its badge."""
from __future__ import annotations

import os
import re

from scripts.model import content_model
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "toetsvragen"
BADGE_RE = re.compile(r'data-module="([^"]*)"')
MIN_FEEDBACK = 10


def check(project: Project) -> list[Finding]:
    banks, found = project.banks
    problems = list(found)
    names = {bank.name for bank in banks}
    for bank in banks:
        for question in bank.questions:
            for option in question.options:
                if not option.correct and option.feedback and len(option.feedback.strip()) <= MIN_FEEDBACK:
                    problems.append(Finding(bank.path, option.line, (
                        f"de feedback bij het foute antwoord '{option.text}' is te kort: leg in een zin uit "
                        "waarom het niet klopt")))
    for path in project.page_files:
        for number, line in content_model.body_lines(project.text(path), front_matter=True):
            for name in BADGE_RE.findall(line):
                if name not in names:
                    problems.append(Finding(
                        project.shown(path), number,
                        f"module '{name}' heeft geen vragenbank: kies uit {', '.join(sorted(names))} "
                        f"(de naam van een bestand in quizzes/ zonder .yml)"))
    return problems + index_problems(project, banks)


def index_problems(project: Project, banks: list) -> list[Finding]:
    """Every bank without its row, or with another duration, on each page that shows badges."""
    found = []
    meta = {page.path: page.meta for page in project.pages}
    for path in project.page_files:
        text = project.text(path)
        if 'class="module-status"' not in text:
            continue
        rows = [(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.startswith("|")]
        shown = project.shown(path)
        for bank in banks:
            target = os.path.relpath(project.docs / bank.page, path.parent).replace(os.sep, "/")
            row = next(((n, line) for n, line in rows if f"]({target})" in line), None)
            if row is None:
                found.append(Finding(shown, 1, (
                    f"de tabel met modules mist een rij voor {bank.path}: zet een rij met een link naar "
                    f"{target}, de duur en <span class=\"module-status\" data-module=\"{bank.name}\">")))
                continue
            number, line = row
            duur = meta.get(bank.page, {}).get("duur")
            if isinstance(duur, int) and f"| {duur} min. |" not in line:
                found.append(Finding(shown, number, (
                    f"de duur van module '{bank.name}' is {duur} minuten ('duur' op {bank.page}): schrijf "
                    f"'| {duur} min. |' in deze rij")))
            if f'data-module="{bank.name}"' not in line:
                found.append(Finding(shown, number, (
                    f"deze rij mist de status van module '{bank.name}': "
                    f"<span class=\"module-status\" data-module=\"{bank.name}\">Niet begonnen</span>")))
    return found
