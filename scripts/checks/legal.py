"""The 'Mag ik ...?' page (docs/wetgeving/mag-ik.md): every question is a '### Mag ik ...?' or
'### Moet ik ...?' heading, its answer opens with a bold Ja / Nee / Soms and links to an existing
page in docs/wetgeving/, and the page has at least MIN_QUESTIONS questions. The parsing lives in
scripts/model/mag_ik.py, which the tests share.

Every topic page of the section (legal_pages.NOT_TOPIC left out) is linked from at least one
question: a notice at the topic page, so a new page made with `make pagina` still passes.

The sources on legal pages (at least two, valid https links) are a rule of the content model and
are reported by the front matter check, not here a second time.
"""
from __future__ import annotations

from scripts.checks import legal_pages
from scripts.model import mag_ik
from scripts.model.findings import Finding, notice
from scripts.model.project import Project

NAME = "wetgeving: Mag ik ...?"


def unlinked_topics(project: Project) -> list[Finding]:
    """A notice at every topic page of the section that no question links to."""
    if not (project.docs / mag_ik.PAGE).is_file():
        return []
    linked = set().union(*(q.pages for q in mag_ik.parse(project.docs)))
    section = project.docs / mag_ik.SECTION
    return [
        notice(project.shown(path), 1, (
            f"geen vraag op docs/{mag_ik.PAGE.as_posix()} linkt naar deze pagina: zet er een vraag "
            "'### Mag ik ...?' bij met een link hierheen"))
        for path in sorted(section.glob("*.md"))
        if path.name not in legal_pages.NOT_TOPIC and path.relative_to(project.docs).as_posix() not in linked
    ]


def check(project: Project) -> list[Finding]:
    return mag_ik.problems(project.docs) + unlinked_topics(project)
