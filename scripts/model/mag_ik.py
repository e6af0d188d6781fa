"""The 'Mag ik ...?' page (docs/wetgeving/mag-ik.md): find its questions and check their markup.

Markup an editor writes (one block per question):

    ### Mag ik in de tas van een leerling kijken?

    **Nee, niet zelf doorzoeken.** Uitleg met wet en artikel ...
    Lees meer: [Kluisjes en tassen controleren](kluisjes-en-tassen.md).

A question is a heading below the page title (level 2-6) that starts with one of QUESTION_STARTS;
it must be level 3. Its answer is everything up to the next heading of level 1-3. Shared by scripts/checks/legal.py (the check) and the tests.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from scripts.model import content_model
from scripts.model.findings import Finding

PAGE = Path("wetgeving") / "mag-ik.md"  # relative to docs/
SECTION = "wetgeving"
MIN_QUESTIONS = 20
QUESTION_LEVEL = 3
QUESTION_STARTS = ("Mag ik", "Moet ik", "Mag de school", "Moet de school")
ANSWER_STARTS = ("**Ja", "**Nee", "**Soms")

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# [tekst](doel) or [tekst](doel "titel"); images are links too, which is harmless here.
LINK_RE = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
ATTR_RE = re.compile(r"\{[^}]*\}\s*$")  # attr_list suffix: '### Vraag? {#anker}'


@dataclass
class Question:
    text: str
    line: int
    level: int
    first_answer_line: str = ""
    links: list = field(default_factory=list)  # (target, line)
    pages: set = field(default_factory=set)  # existing docs/wetgeving pages linked, e.g. 'wetgeving/wapens.md'
    broken: list = field(default_factory=list)  # (target, line): link into the section to a missing page


def _resolve(target: str, page_dir: Path, docs: Path) -> Path | None:
    """The file a relative link points at, or None for external links and pure anchors."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith(("#", "/")):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None
    return (page_dir / path).resolve()


def parse(docs: Path) -> list[Question]:
    path = docs / PAGE
    text = path.read_text(encoding="utf-8")
    docs_resolved = docs.resolve()
    section = (docs / SECTION).resolve()
    page_dir = path.parent
    questions: list[Question] = []
    current: Question | None = None
    for number, line in content_model.body_lines(text):
        heading = HEADING_RE.match(line)
        if heading:
            level, title = len(heading.group(1)), ATTR_RE.sub("", heading.group(2)).strip()
            if level > 1 and title.startswith(QUESTION_STARTS):  # level 1 is the page title
                current = Question(text=title, line=number, level=level)
                questions.append(current)
                continue
            if level <= QUESTION_LEVEL:
                current = None
            continue
        if current is None:
            continue
        if not current.first_answer_line and line.strip():
            current.first_answer_line = line.strip()
        for match in LINK_RE.finditer(line):
            target = match.group(1)
            current.links.append((target, number))
            resolved = _resolve(target, page_dir, docs)
            if resolved is None or resolved.suffix != ".md":
                continue
            try:
                resolved.relative_to(section)
            except ValueError:
                continue
            if resolved.is_file():
                current.pages.add(resolved.relative_to(docs_resolved).as_posix())
            else:
                current.broken.append((target, number))
    return questions


def problems(docs: Path) -> list[Finding]:
    shown = f"docs/{PAGE.as_posix()}"
    if not (docs / PAGE).is_file():
        return [Finding(shown, 1, "de pagina 'Mag ik ...?' ontbreekt")]
    out: list[Finding] = []
    questions = parse(docs)
    for q in questions:
        if q.level != QUESTION_LEVEL:
            out.append(Finding(shown, q.line, f"vraag '{q.text}' moet een kopje van niveau 3 zijn ('### ...')"))
        if not q.text.endswith("?"):
            out.append(Finding(shown, q.line, f"vraag '{q.text}' moet eindigen op een vraagteken"))
        if not q.first_answer_line.startswith(ANSWER_STARTS):
            out.append(
                Finding(
                    shown,
                    q.line,
                    f"het antwoord op '{q.text}' moet beginnen met een vetgedrukt kort antwoord: "
                    "**Ja ...**, **Nee ...** of **Soms ...**",
                )
            )
        for target, line in q.broken:
            out.append(Finding(shown, line, f"link '{target}' wijst naar een pagina die niet bestaat"))
        if not q.pages:
            out.append(
                Finding(
                    shown,
                    q.line,
                    f"het antwoord op '{q.text}' heeft geen link naar een pagina in docs/{SECTION}/",
                )
            )
    if len(questions) < MIN_QUESTIONS:
        out.append(
            Finding(
                shown,
                1,
                f"de pagina heeft {len(questions)} vragen; er moeten er minstens {MIN_QUESTIONS} zijn "
                "(kopjes '### Mag ik ...?' of '### Moet ik ...?')",
            )
        )
    return out
