"""The 'Mag ik ...?' page (docs/wetgeving/mag-ik.md): every question is a '### Mag ik ...?' or
'### Moet ik ...?' heading, its answer opens with a bold Ja / Nee / Soms and links to an existing
page in docs/wetgeving/, and the page has at least MIN_QUESTIONS questions. The parsing lives in
scripts/mag_ik.py, which the tests share.

The sources on legal pages (at least two, valid https links) are a rule of the content model and
are reported by the front matter check, not here a second time.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mag_ik  # noqa: E402
from content_model import Problem  # noqa: E402

NAME = "wetgeving: Mag ik ...?"


def check(root: Path) -> list[Problem]:
    return mag_ik.problems(root / "docs")
