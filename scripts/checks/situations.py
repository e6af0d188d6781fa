"""The 'Handelen' section (issue 4), with file and line. Every page in docs/handelen/ except the
section index is a situation page, every page in docs/handelen/stapkaarten/ except its index a step
card:

- a situation page has numbered steps and says who does what (a heading 'Wie doet wat?' or
  'Rollen', or a table with a column 'Rol' or 'Stap | Wat | Wie'), and links to a legal page, to the
  sociale kaart or the partners, and to a template (docs/convenanten/);
  These are notices (the Code Quality report shows them as info): a page just made with `make pagina
  sectie=handelen` has none of them yet and must still pass. Once the scaffolder writes them,
  SITUATION_SEVERITY can be ERROR;
- a step card links to the situation page it summarises (``../pagina.md``) and includes only fixed
  rules that this page includes too: a card says what its page says.
"""
from __future__ import annotations

import re
from pathlib import Path

from scripts.checks.rules import INCLUDE_RE
from scripts.model import content_model, region
from scripts.model.findings import ERROR, NOTICE, Finding
from scripts.model.project import Project

NAME = "handelen: situaties en stapkaarten"
CODE = "handelen"
SECTION = "handelen"
CARDS = "stapkaarten"
LINK_RE = re.compile(r"\]\(\s*<?([^)\s#>]+\.md)(?:#[^)\s]*)?>?\s*\)")
STEPS_RE = re.compile(r"^\s*1\. |^\| 1 \|")
ROLES_RE = re.compile(r"^## Wie doet wat\?|^### Rollen|^\| Rol \||^\| Stap \| Wat \| Wie \|")
PARTNERS = (region.SOCIALE_KAART_PAGE, region.PARTNERS_PAGE)  # pages every region has
SITUATION_SEVERITY = NOTICE
CARD_SEVERITY = ERROR


def links(project: Project, path: Path) -> list[tuple[int, str]]:
    """(line, target relative to docs/) of every relative link to a page, outside code."""
    docs = project.docs.resolve()
    out = []
    for number, line in content_model.body_lines(project.text(path)):
        for target in LINK_RE.findall(line):
            if "://" in target:
                continue
            resolved = (path.parent / target).resolve()
            if resolved.is_relative_to(docs):
                out.append((number, resolved.relative_to(docs).as_posix()))
    return out


def included(project: Project, path: Path) -> list[tuple[int, str]]:
    return [(number, match.group(1)) for number, line in content_model.body_lines(project.text(path))
            if (match := INCLUDE_RE.match(line))]


def first_line(lines: list[tuple[int, str]]) -> int:
    """The line of the page's first text after the front matter (its title), where a finding about
    the whole page points."""
    return next((number for number, line in lines if line.strip()), 1)


def _situation(project: Project, path: Path) -> list[Finding]:
    shown = project.shown(path)
    lines = content_model.body_lines(project.text(path))
    title = first_line(lines)
    found = []
    if not any(STEPS_RE.match(line) for _, line in lines):
        found.append(Finding(shown, title, "een situatiepagina heeft genummerde stappen ('1. ...' of een tabel '| 1 |')",
                             SITUATION_SEVERITY))
    if not any(ROLES_RE.match(line) for _, line in lines):
        found.append(Finding(shown, title, (
            "een situatiepagina zegt wie wat doet: een kopje '## Wie doet wat?' of '### Rollen', of een "
            "tabel '| Rol | ...' of '| Stap | Wat | Wie |'"), SITUATION_SEVERITY))
    targets = [target for _, target in links(project, path)]
    wanted = (
        (lambda t: t.startswith("wetgeving/") and t != "wetgeving/index.md", "een juridische pagina (wetgeving/)"),
        (lambda t: t in PARTNERS, "de sociale kaart of de partners (samenwerking/)"),
        (lambda t: t.startswith("convenanten/"), "een sjabloon (convenanten/)"),
    )
    for wants, what in wanted:
        if not any(wants(t) for t in targets):
            found.append(Finding(shown, title, f"een situatiepagina linkt naar {what}", SITUATION_SEVERITY))
    return found


def _card(project: Project, path: Path) -> list[Finding]:
    shown = project.shown(path)
    summarised = [(n, t) for n, t in links(project, path)
                  if t.startswith(f"{SECTION}/") and t.count("/") == 1 and t != f"{SECTION}/index.md"]
    if not summarised:
        return [Finding(shown, first_line(content_model.body_lines(project.text(path))), (
            "een stapkaart linkt naar de situatiepagina die ze samenvat, bijvoorbeeld [Wapen gevonden](../wapen-gevonden.md)"),
            CARD_SEVERITY)]
    page = project.docs / summarised[0][1]
    if not page.is_file():
        return []  # the strict build names the broken link
    on_page = {name for _, name in included(project, page)}
    return [
        Finding(shown, number, (
            f"de stapkaart neemt de vaste regel '{name}' op, maar {project.shown(page)} niet: een kaart zegt "
            "wat haar pagina zegt; neem de regel ook op de pagina op, of haal hem van de kaart"), CARD_SEVERITY)
        for number, name in included(project, path) if name not in on_page
    ]


def check(project: Project) -> list[Finding]:
    section = project.docs / SECTION
    found = []
    for path in sorted(section.glob("*.md")):
        if path.name != "index.md":
            found += _situation(project, path)
    for path in sorted((section / CARDS).glob("*.md")):
        if path.name != "index.md":
            found += _card(project, path)
    return found
