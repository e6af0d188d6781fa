"""Local details the SWV still has to fill in: `[nog in te vullen door het SWV: wat]` in pages.

Counted per section in the summary (not an error: the site may go live with open places; each
one is a notice of scripts/checks/open_places.py). A placeholder written another way would be
missed by that count and by editors searching for it, so a misspelled one is an error.
"""
from __future__ import annotations

import re
from collections import Counter

from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "plekken voor lokale gegevens"
PLACEHOLDER = re.compile(r"\[nog in te vullen door het SWV: [^\]\n]+\]")
ANY_ATTEMPT = re.compile(r"\[\s*nog in te vullen[^\]\n]*\]", re.IGNORECASE)


def numbered_lines(project: Project):
    """(path, line number from 1, line) for every line of every Markdown source."""
    for path in project.markdown_sources:
        for number, line in enumerate(project.text(path).splitlines(), start=1):
            yield path, number, line


def check(project: Project) -> list[Finding]:
    return [
        Finding(project.shown(path), number,
                f"schrijf een open plek precies als '[nog in te vullen door het SWV: wat]', niet als '{attempt}'")
        for path, number, line in numbered_lines(project)
        for attempt in ANY_ATTEMPT.findall(line)
        if not PLACEHOLDER.fullmatch(attempt)
    ]


def summary(project: Project) -> list[str]:
    docs, counts = project.docs, Counter()
    for path, _, line in numbered_lines(project):
        rel = path.relative_to(docs if docs in path.parents else project.root).as_posix()
        counts[rel.split("/", 1)[0] if "/" in rel else "start"] += len(PLACEHOLDER.findall(line))
    total = sum(counts.values())
    detail = ", ".join(f"{section} {n}" for section, n in sorted(counts.items()) if n)
    return [f"pagina's: {total} plekken nog in te vullen door het SWV ({detail})"]
