"""The 'Mag ik ...?' page (docs/wetgeving/mag-ik.md): every question is a '### Mag ik ...?' or
'### Moet ik ...?' heading, its answer opens with a bold Ja / Nee / Soms and links to an existing
page in docs/wetgeving/, and the page has at least MIN_QUESTIONS questions. The parsing lives in
scripts/model/mag_ik.py, which the tests share.

The sources on legal pages (at least two, valid https links) are a rule of the content model and
are reported by the front matter check, not here a second time.
"""
from __future__ import annotations

from scripts.model import mag_ik
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "wetgeving: Mag ik ...?"


def check(project: Project) -> list[Finding]:
    return mag_ik.problems(project.docs)
