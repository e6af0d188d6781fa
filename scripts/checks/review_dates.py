"""Pages past their review date (laatst_gecontroleerd plus 12 months for legal pages, 24 for
the others; scripts/model/content_model.py): a notice on the page's 'laatst_gecontroleerd'
line. Time alone never blocks a merge request; the scheduled report (`check.py --rapport`) is
the job that fails on them."""
from __future__ import annotations

from scripts.model.findings import Finding, notice
from scripts.model.project import Project

NAME = "controledatum"
CODE = "controledatum"


def check(project: Project) -> list[Finding]:
    return [
        notice(f"docs/{page.path}", page.lines.get("laatst_gecontroleerd", 1),
               f"let op: controle verlopen sinds {page.review_due()} (eigenaar: {page.meta.get('eigenaar')})")
        for page in project.pages
        if not page.problems and page.overdue(project.today)
    ]
