"""No personal data in pages, question banks or data files (rules in scripts/model/personal_data.py),
and an allowlist of phone numbers (config/toegestane-nummers.txt) with only numbers of organisations,
each with its source, written so that they can be called (the phone rule, scripts/model/phones.py)."""
from __future__ import annotations

from scripts.model import personal_data
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "persoonsgegevens"


def check(project: Project) -> list[Finding]:
    return personal_data.scan(project.root, read=project.text)
