"""The fixed rules of regels/ (written once, included in pages with ``--8<-- "naam.md"``), with
file and line:

- every rule file is included on a page of docs/ other than the register of rules, and the register
  (docs/wetgeving/vaste-regels.md) shows it under a heading with its own anchor, ``{#naam}``;
- a rule file has text, no heading, only https links (it is included at every depth) and a source;
- no page, template or question bank states one of these rules again in words that contradict it
  (CONTRADICTIONS: wordings found before); it includes the rule or links to it instead.
"""
from __future__ import annotations

import re
from pathlib import Path

from scripts.model import content_model
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "vaste regels: opgenomen en niet tegengesproken"
CODE = "vaste_regels"
RULES_PAGE = Path("docs") / "wetgeving" / "vaste-regels.md"
INCLUDE_RE = re.compile(r'^\s*' + re.escape(content_model.SNIPPET_MARK) + r'\s+"([^"]+)"\s*$')
LINK_RE = re.compile(r"\]\(\s*([^)\s]+)")
ANCHOR_RE = re.compile(r"^##\s+.*\{#(?P<anchor>[a-z0-9-]+)\}\s*$")

# Wordings that state a rule of regels/ again in a way that contradicts it: (rule, pattern, why).
CONTRADICTIONS = (
    (
        "tas-jas-zakken",
        re.compile(r"zakken\s+leeg", re.IGNORECASE),
        "een leerling vragen zijn zakken leeg te maken: kleding en zakken zijn voor de politie (Wwm, art. 52)",
    ),
    (
        "tas-jas-zakken",
        re.compile(r"doorzoek\w*\b[^.\n]{0,40}?\btegen\s+de\s+wil", re.IGNORECASE),
        "'niet doorzoeken tegen de wil van de leerling' laat lezen dat het met toestemming wel mag; "
        "de leerling opent zelf, medewerkers halen er niets uit",
    ),
    (
        "kluisjes",
        re.compile(
            r"(?:school\s+is\s+(?:de\s+)?eigenaar\s+van\s+de\s+kluis|kluisje\s+(?:is|blijft)\s+van\s+de\s+school)",
            re.IGNORECASE,
        ),
        "de school is niet altijd eigenaar van de kluisjes; het recht om te openen komt uit de gebruiksvoorwaarden",
    ),
)


def rule_files(project: Project) -> list[Path]:
    return sorted((project.root / content_model.RULES_DIR).glob("*.md"))


def includes(project: Project) -> dict[str, list[tuple[str, int]]]:
    """Rule file name -> every (page, line) that includes it, outside code."""
    used: dict[str, list[tuple[str, int]]] = {}
    for path in project.page_files:
        for number, line in content_model.body_lines(project.text(path)):
            match = INCLUDE_RE.match(line)
            if match:
                used.setdefault(match.group(1), []).append((project.shown(path), number))
    return used


def _included(project: Project, rules: list[Path]) -> list[Finding]:
    found = []
    used = includes(project)
    register = RULES_PAGE.as_posix()
    register_path = project.root / RULES_PAGE
    anchors = {}
    if register_path.is_file():
        for number, line in content_model.body_lines(project.text(register_path)):
            match = ANCHOR_RE.match(line)
            if match:
                anchors[match.group("anchor")] = number
    for rule in rules:
        shown = project.shown(rule)
        places = used.get(rule.name, [])
        elsewhere = [place for place in places if place[0] != register]
        include = f'{content_model.SNIPPET_MARK} "{rule.name}"'
        if not elsewhere:
            found.append(Finding(shown, 1, (
                f"geen pagina neemt deze vaste regel op (alleen {register} telt niet mee): zet {include} "
                "op de pagina waar de regel geldt, of haal de regel weg")))
        if not register_path.is_file():
            continue
        on_register = [number for page, number in places if page == register]
        if rule.stem not in anchors or not on_register:
            found.append(Finding(register, on_register[0] if on_register else 1, (
                f"de vaste regel '{rule.stem}' staat niet goed op deze pagina: schrijf een kopje "
                f"'## Titel {{#{rule.stem}}}' met daaronder {include}")))
    return found


def _rule_format(project: Project, rules: list[Path]) -> list[Finding]:
    found = []
    for rule in rules:
        shown = project.shown(rule)
        lines = project.text(rule).splitlines()
        if not any(line.strip() for line in lines):
            found.append(Finding(shown, 1, "de vaste regel is leeg: schrijf de regel met zijn bron"))
            continue
        for number, line in enumerate(lines, start=1):
            if line.lstrip().startswith("#"):
                found.append(Finding(shown, number, (
                    "een vaste regel heeft geen kop: de pagina die hem opneemt zet de kop erboven")))
            for target in LINK_RE.findall(line):
                if not target.startswith("https://"):
                    found.append(Finding(shown, number, (
                        f"link '{target}' moet een volledige https-link zijn: de regel staat op pagina's "
                        "in verschillende mappen, waar een relatieve link ergens anders heen wijst")))
        if not any(LINK_RE.search(line) for line in lines):
            found.append(Finding(shown, 1, (
                "de bron ontbreekt: zet een link naar de wet of de officiële bron in de regel")))
    return found


def contradictions(project: Project) -> list[Finding]:
    """Every line of a page, template or question bank that states a rule in contradicting words."""
    found = []
    banks = sorted((project.root / "quizzes").glob("*.yml"))
    for path in project.page_files + banks:
        text = project.text(path)
        numbered = content_model.body_lines(text, front_matter=path.suffix != ".md")
        for number, line in numbered:
            for rule, pattern, why in CONTRADICTIONS:
                if pattern.search(line):
                    found.append(Finding(project.shown(path), number, (
                        f"{why}; neem de vaste regel op met {content_model.SNIPPET_MARK} \"{rule}.md\" "
                        f"of link naar wetgeving/vaste-regels.md#{rule}")))
    return found


def check(project: Project) -> list[Finding]:
    rules = rule_files(project)
    return _included(project, rules) + _rule_format(project, rules) + contradictions(project)
