"""Every template page (download: in the front matter, or a page in docs/convenanten/) can be
turned into a Word file: supported Markdown only, fill-in fields written right."""
from __future__ import annotations

from scripts.exports import templates_docx
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "sjablonen"


def check(project: Project) -> list[Finding]:
    return templates_docx.check_templates(project.docs)
