"""The data registers (data/vervolgstappen.yml, data/sociale-kaart.yml) and the table
markers in the pages. Open places in the referral map and steps whose outcome is unknown are
counted in the summary, not errors; a claim that went stale with time is a notice; the rules for
statuses (scripts/model/registers.py) are errors with file and line. A contact in the referral map
is a role, reached through the fields for phone and website: no e-mail address or number in it."""
from __future__ import annotations

import re

from scripts.model import registers
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "registers (vervolgstappen, sociale kaart)"
CONTACT_DETAILS_RE = re.compile(r"@|\d{3}")


def contact_problems(loaded: registers.Loaded) -> list[Finding]:
    found = []
    for entry in loaded.entries:
        contact = entry.values.get("contactpersoon")
        if isinstance(contact, str) and not registers.is_placeholder(contact) and CONTACT_DETAILS_RE.search(contact):
            found.append(Finding(loaded.path, entry.lines.get("contactpersoon", entry.line), (
                "veld 'contactpersoon' noemt een rol (bijvoorbeeld 'de wijkagent van de school'), geen "
                "e-mailadres of nummer: zet een algemeen nummer bij 'telefoon' en een adres bij 'website'")))
    return found


def check(project: Project) -> list[Finding]:
    found = []
    for name in registers.REGISTERS:
        loaded = project.register(name)
        found += loaded.problems + loaded.notices
        if name == registers.SOCIALE_KAART.name:
            found += contact_problems(loaded)
    for path in project.page_files:
        for name, line in registers.markers(project.text(path)):
            if name not in registers.REGISTERS:
                found.append(Finding(project.shown(path), line, registers.unknown_marker_message(name)))
    return found


def summary(project: Project) -> list[str]:
    lines = []
    steps = project.register("vervolgstappen")
    if not steps.problems:
        unknown = sum(1 for e in steps.entries if e.values.get("status") == "onbekend")
        lines.append(f"vervolgstappen: {unknown} van {len(steps.entries)} stappen met onbekende stand"
                     " (het SWV vult ze in)")
    card = project.register("sociale-kaart")
    if not card.problems:
        lines.append(f"sociale kaart: {card.placeholders()} velden nog in te vullen door het SWV")
    return lines
