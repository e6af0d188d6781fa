"""Legal guidance under docs/wetgeving/: sources on every page and a well-formed 'Mag ik ...?' page.

- Every page in the legal section has at least two sources with a valid https link. The rule
  and its messages live in content_model (one definition); this check reports the source
  problems of the legal pages only, so an editor of this section sees them under one name.
- docs/wetgeving/mag-ik.md: every question is a '### Mag ik ...?' or '### Moet ik ...?' heading,
  its answer opens with a bold Ja / Nee / Soms and links to an existing page in docs/wetgeving/,
  and the page has at least MIN_QUESTIONS questions. The parsing lives in scripts/mag_ik.py, which
  the tests share.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import content_model  # noqa: E402
import mag_ik  # noqa: E402
from content_model import Problem  # noqa: E402

NAME = "wetgeving (bronnen en Mag ik ...?)"

SECTION = "wetgeving"
# How content_model words its problems with 'bronnen' (see content_model.validate).
SOURCE_MESSAGES = ("veld 'bronnen'", "bron ")


def source_problems(docs: Path) -> list[Problem]:
    """Content-model problems about 'bronnen' on the pages of the legal section."""
    out: list[Problem] = []
    section = docs / SECTION
    if not section.is_dir():
        return out
    for path in sorted(section.rglob("*.md")):
        page = content_model.load_page(path, docs)
        out.extend(p for p in page.problems if p.message.startswith(SOURCE_MESSAGES))
    return out


def check(root: Path) -> list[Problem]:
    docs = root / "docs"
    problems = source_problems(docs)
    problems.extend(mag_ik.problems(docs))
    return problems
