"""No personal data in pages, question banks or data files (rules in scripts/model/personal_data.py)."""
from __future__ import annotations

from scripts.model import personal_data
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "persoonsgegevens"


def check(project: Project) -> list[Finding]:
    return personal_data.scan(project.root, read=project.text)
