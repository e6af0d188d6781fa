"""Key facts (config/kernfeiten.yml): a page, rule or question bank that states one of them
with another value fails with file and line. The rules live in scripts/model/key_facts.py."""
from __future__ import annotations

from scripts.model import key_facts
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "kernfeiten (vaste waarden zoals 16 uur in 4 weken en schorsen ten hoogste één week)"


def check(project: Project) -> list[Finding]:
    return key_facts.check(project.root, project.text)
