"""Rules for legal content that editors follow, with file and line:

- a link to wetten.overheid.nl names a law whose id is on the verified list config/wetten.txt
  (in pages, rules, question banks and the `bronnen` of the front matter alike);
- every topic page under docs/wetgeving/ opens with an "In het kort" box before its first section.
"""
from __future__ import annotations

import re
from pathlib import Path

from scripts.model import content_model
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "wetgeving: gecontroleerde wetten en opbouw"
LAWS_FILE = Path("config") / "wetten.txt"
LAW_LINK_RE = re.compile(r"https://wetten\.overheid\.nl/(BWBR\d{7})")
SUMMARY_RE = re.compile(r'^(?:!!!|\?\?\?\+?)\s+\w+\s+"In het kort"')
SECTION_RE = re.compile(r"^## ")
# Pages of the section that are no topic page: the overview, the questions page (its own check,
# scripts/checks/legal.py) and the register of rules.
NOT_TOPIC = {"index.md", "mag-ik.md", "vaste-regels.md"}


def verified_laws(root: Path) -> set[str]:
    return set(content_model.list_file(root / LAWS_FILE))


def check(project: Project) -> list[Finding]:
    root = project.root
    laws = verified_laws(root)
    problems = []
    sources = project.markdown_sources + sorted((root / "quizzes").glob("*.yml"))
    for path in sources:
        shown = project.shown(path)
        text = project.text(path)
        for number, match in content_model.finditer_outside_code(LAW_LINK_RE, text):
            if match.group(1) not in laws:
                problems.append(Finding(shown, number, (
                    f"link naar een wet die niet op de lijst van gecontroleerde wetten staat ({match.group(1)}): "
                    f"lees het artikel en zet het id met de naam van de wet in {LAWS_FILE.as_posix()}")))
    for path in sorted((root / "docs" / content_model.LEGAL_SECTIONS[0]).glob("*.md")):
        if path.name in NOT_TOPIC:
            continue
        body = content_model.body_lines(project.text(path))  # a heading in a code example is no heading
        first_section = next((n for n, line in body if SECTION_RE.match(line)), None)
        if not any(SUMMARY_RE.match(line) for n, line in body if first_section is None or n < first_section):
            where = first_section or (body[-1][0] + 1 if body else 1)
            problems.append(Finding(project.shown(path), where, (
                'een juridische pagina begint met een blok \'!!! abstract "In het kort"\' vóór het eerste '
                "kopje '## ...': drie of vier zinnen met de kern en de wet")))
    return problems
