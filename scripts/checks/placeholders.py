"""Local details the SWV still has to fill in: `[nog in te vullen door het SWV: wat]` in pages.

Counted per section in the summary (not an error: the site may go live with open places; each
one is a notice of scripts/checks/open_places.py). A placeholder written another way would be
missed by that count and by editors searching for it, so a misspelled one is an error.
"""
from __future__ import annotations

from collections import Counter

from scripts.model import content_model
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "plekken voor lokale gegevens"
PLACEHOLDER = content_model.PLACEHOLDER_RE
ANY_ATTEMPT = content_model.PLACEHOLDER_ATTEMPT_RE


def numbered_lines(project: Project):
    """(path, line number from 1, line) for every line of every Markdown source outside fenced
    code (a page that shows an editor how to write an open place is not an open place)."""
    for path in project.markdown_sources:
        for number, line in content_model.body_lines(project.text(path), front_matter=True):
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
        counts[rel.split("/", 1)[0] if "/" in rel else "start"] += sum(1 for _ in PLACEHOLDER.finditer(line))
    total = sum(counts.values())
    detail = ", ".join(f"{section} {n}" for section, n in sorted(counts.items()) if n)
    return [f"pagina's: {total} plekken nog in te vullen door het SWV ({detail})"]
