"""The drill glossary (docs/drillrap/begrippenlijst.md): every term has a meaning, a context
and at least one source link, and the list holds at least MIN_TERMS sourced terms.

The glossary is a Markdown definition list (def_list and attr_list are on in mkdocs.yml):

    **Opp / opps** {#opp}
    :   Betekenis: een tegenstander of vijand ...

        Waar je het tegenkomt: in songteksten en in reacties onder clips ...

        Bron: [Vijf vragen over drillmuziek (de Volkskrant, 2020)](https://www.volkskrant.nl/...)

A term is a line with the name in bold and an anchor; its definition starts on the next line
with ':' and continues on lines indented by four spaces. The three labels may be bold.
Problems read ``path:line: message`` and point at the term's line, so an editor sees which
entry to fix. The page itself is rendered by MkDocs; this module only reads the source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from scripts.model import content_model
from scripts.model.content_model import URL_RE
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "begrippenlijst drillrap"

GLOSSARY = Path("docs/drillrap/begrippenlijst.md")
MIN_TERMS = 12

TERM_RE = re.compile(r"^\*\*(?P<name>[^*]+?)\*\*\s*\{#(?P<anchor>[a-z0-9][a-z0-9-]*)\}\s*$")
DEF_START_RE = re.compile(r"^:[ \t]{1,4}\S")
LINK_RE = re.compile(r"\[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)")

# Label -> how the message names it. Matched at the start of a paragraph, bold or not.
LABELS = {
    "Betekenis": "wat het woord betekent",
    "Waar je het tegenkomt": "waar medewerkers het woord tegenkomen",
    "Bron": "een bron",
}
LABEL_RE = re.compile(
    r"^(?:\*\*)?(?P<label>" + "|".join(map(re.escape, LABELS)) + r"):(?:\*\*)?[ \t]*(?P<rest>.*)$"
)
FORMAT_HINT = "**Naam** {#anker}, met op de volgende regel ':   Betekenis: ...'"


@dataclass
class Term:
    name: str
    anchor: str
    line: int
    fields: dict = field(default_factory=dict)  # label -> text of that paragraph
    sources: list = field(default_factory=list)  # (title, url) for every https link under 'Bron:'

    @property
    def sourced(self) -> bool:
        return bool(self.sources)


def _definition(lines: list[tuple[int, str]], i: int) -> tuple[list[str], int]:
    """The paragraphs of the definition starting at index i, and the index after it."""
    paragraphs, current = [], [lines[i][1].lstrip(":").strip()]
    i += 1
    while i < len(lines):
        _, line = lines[i]
        if not line.strip():
            if current:
                paragraphs.append(" ".join(current))
                current = []
        elif line.startswith(("    ", "\t")):
            current.append(line.strip())
        elif DEF_START_RE.match(line):  # a second definition of the same term
            if current:
                paragraphs.append(" ".join(current))
            current = [line.lstrip(":").strip()]
        else:
            break
        i += 1
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs, i


def parse(text: str, shown: str = str(GLOSSARY)) -> tuple[list[Term], list[Finding]]:
    """All terms in the glossary text, and the problems with each of them."""
    lines = content_model.body_lines(text)
    terms: list[Term] = []
    problems: list[Finding] = []
    seen: dict[str, int] = {}
    i = 0
    while i < len(lines):
        number, line = lines[i]
        if not DEF_START_RE.match(line):
            i += 1
            continue
        # The term is the nearest non-blank line above the definition.
        j = i - 1
        while j >= 0 and not lines[j][1].strip():
            j -= 1
        term_line, term_text = lines[j] if j >= 0 else (number, "")
        paragraphs, i = _definition(lines, i)
        match = TERM_RE.match(term_text.strip())
        if not match:
            problems.append(
                Finding(shown, term_line, f"begrip heeft niet de afgesproken vorm: schrijf {FORMAT_HINT}")
            )
            continue
        term = Term(match["name"].strip(), match["anchor"], term_line)
        for paragraph in paragraphs:
            label = LABEL_RE.match(paragraph)
            if label:
                term.fields[label["label"]] = label["rest"].strip()
        for title, url in LINK_RE.findall(term.fields.get("Bron", "")):
            if URL_RE.match(url) and title.strip():
                term.sources.append((title.strip(), url))
        terms.append(term)

        if term.anchor in seen:
            problems.append(
                Finding(shown, term_line, f"anker '#{term.anchor}' staat al bij regel {seen[term.anchor]}: "
                        "kies een ander anker")
            )
        seen.setdefault(term.anchor, term_line)
        for label, what in LABELS.items():
            if label == "Bron":
                continue
            if not term.fields.get(label):
                problems.append(
                    Finding(shown, term_line, f"begrip '{term.name}' mist '{label}:' ({what})")
                )
        if not term.sourced:
            problems.append(
                Finding(
                    shown,
                    term_line,
                    f"begrip '{term.name}' heeft geen bron: zet onder 'Bron:' een link naar een citeerbare "
                    "bron, bijvoorbeeld [Titel (jaar)](https://...); publiceer geen begrip zonder bron",
                )
            )
    return terms, problems


def parsed(project: Project) -> tuple[list[Term], list[Finding]] | None:
    """The glossary of the project, parsed once per run; None when the page is missing."""
    path = project.root / GLOSSARY
    if not path.is_file():
        return None
    return project.once("glossary", lambda: parse(project.text(path), GLOSSARY.as_posix()))


def check(project: Project) -> list[Finding]:
    shown = GLOSSARY.as_posix()
    glossary = parsed(project)
    if glossary is None:
        return [Finding(shown, 1, "begrippenlijst ontbreekt")]
    terms, found = glossary
    problems = list(found)
    sourced = sum(1 for t in terms if t.sourced)
    if sourced < MIN_TERMS:
        problems.append(
            Finding(shown, 1, f"begrippenlijst heeft {sourced} begrippen met een bron; minimaal {MIN_TERMS} nodig")
        )
    return problems
