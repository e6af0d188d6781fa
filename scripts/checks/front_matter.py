"""Every page under docs/ against the content model."""
from __future__ import annotations

from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "front matter"


def check(project: Project) -> list[Finding]:
    return [problem for page in project.pages for problem in page.problems]
