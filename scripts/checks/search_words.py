"""Search words (front matter `zoekwoorden`, a boosted field of the search index; issue 19).

- Each search word stands once on a page. Case, punctuation and extra spaces do not make a word
  new: 'AVG' and 'avg', or 'no face, no case' and 'no face no case', are the same search word.
  A word twice only adds weight that the benchmark (make bench) did not choose.
- Every name of a glossary term (docs/drillrap/begrippenlijst.md; variants written as
  '**Opp / opps** {#opp}') is a search word of the glossary page, so a reader who types any
  variant finds the glossary.
Problems read `path:line: message`, at the line of the repeated word or of the glossary term.
"""
from __future__ import annotations

import re

from scripts.model import content_model
from scripts.checks import glossary
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "zoekwoorden"

_NOT_WORD = re.compile(r"[\W_]+")
VARIANT_SEPARATOR = re.compile(r"\s*/\s*")


def normalise(word) -> str:
    """The search word as the search sees it: lower case, words only ('No face, no case' -> 'no face no case')."""
    return " ".join(_NOT_WORD.sub(" ", str(word).casefold()).split())


def variants(name: str) -> list[str]:
    """The names of one glossary term: 'Diss / dissen / disstrack' -> ['Diss', 'dissen', 'disstrack']."""
    return [v for v in VARIANT_SEPARATOR.split(name.strip()) if v]


def duplicates(page: content_model.Page) -> list[Finding]:
    words = page.meta.get("zoekwoorden")
    if not isinstance(words, list):
        return []  # the content model reports a field that is not a list
    shown = f"docs/{page.path}"
    seen: dict[str, int] = {}
    out = []
    for idx, word in enumerate(words):
        key = normalise(word)
        if not key:
            continue
        line = page.lines.get(f"zoekwoorden[{idx}]", page.lines.get("zoekwoorden", 1))
        if key in seen:
            first = words[seen[key]]
            out.append(Finding(shown, line, f"zoekwoord '{word}' staat al in de lijst ('{first}', item "
                                            f"{seen[key] + 1}): zet elk zoekwoord één keer"))
        else:
            seen[key] = idx
    return out


def glossary_variants(project: Project, page: content_model.Page | None) -> list[Finding]:
    parsed = glossary.parsed(project)
    if page is None or parsed is None:
        return []  # the glossary check reports a missing glossary
    terms, _ = parsed
    words = {normalise(w) for w in page.meta.get("zoekwoorden") or [] if isinstance(w, (str, int))}
    out = []
    for term in terms:
        for name in variants(term.name):
            if normalise(name) not in words:
                out.append(Finding(glossary.GLOSSARY.as_posix(), term.line,
                                   f"begrip '{term.name}': zet '{name}' bij de zoekwoorden van de "
                                   "begrippenlijst, zodat wie dat woord intypt de lijst vindt"))
    return out


def check(project: Project) -> list[Finding]:
    problems: list[Finding] = []
    glossary_page = None
    for path, page in zip(project.page_files, project.pages):
        problems.extend(duplicates(page))
        if path == project.root / glossary.GLOSSARY:
            glossary_page = page
    problems.extend(glossary_variants(project, glossary_page))
    return problems
