"""The region layer (scripts/model/region.py): the profile in regio/profiel.yml is complete and valid,
and the national content names no region.

Most pages, rules and question banks are national: the same for every samenwerkingsverband that
runs this knowledge base. A national text that names this region (its name, a gemeente, a regional
partner, another of the profile's own names) would be wrong on another region's site, and would make
a fork change a national file, so that the next correction of that file no longer merges. Such a
name belongs in the region's own pages (docs/regio/), its passages (regio/blokken/) or its profile. Where a
national text names a place for another reason (a slang word for a city, a court case), the line or
the line above says so: ``<!-- regio-ok: reden -->``.
"""
from __future__ import annotations

import re

from scripts.model import content_model, region
from scripts.model.findings import Finding, notice
from scripts.model.project import Project

NAME = "regio: profiel en landelijke inhoud"
OK_RE = re.compile(r"regio-ok\s*:\s*\S")


def national_sources(project: Project, profile: region.Profile):
    """The national Markdown files and banks: everything but the region's own pages and passages."""
    own = (project.docs / region.PAGES_DIR, project.root / region.REGION_DIR)
    for path in project.markdown_sources + sorted((project.root / "quizzes").glob("*.yml")):
        if not any(folder in path.parents for folder in own):
            yield path


def check(project: Project) -> list[Finding]:
    profile = region.load(project.root)
    out = list(profile.problems)
    path = region.profile_path(project.root)
    if path.is_file():  # what a new region still has to fill in (make regio): notices, like the pages' open places
        for number, match in content_model.finditer_outside_code(content_model.PLACEHOLDER_RE, project.text(path)):
            out.append(notice(region.PROFILE_FILE, number, f"open plek in het profiel: {match.group(0)}"))
    out += needs_problems(project)
    names = profile.names
    if not names:
        return out
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r")(?!\w)")
    for path in national_sources(project, profile):
        text = project.text(path)
        raw = text.splitlines()
        lines = content_model.body_lines(text, front_matter=True) if path.suffix == ".md" \
            else list(enumerate(raw, start=1))
        for number, line in lines:
            found = sorted(set(pattern.findall(line)))
            if not found:
                continue
            if OK_RE.search(raw[number - 1]) or (number > 1 and OK_RE.search(raw[number - 2])):
                continue
            out.append(Finding(project.shown(path), number, (
                f"een landelijke tekst noemt de regio ({', '.join(repr(n) for n in found)}): schrijf "
                f"'het samenwerkingsverband' of zet dit op een regionale pagina; noemt de tekst de plaats om "
                f"een andere reden, zet dan <!-- regio-ok: reden --> op de regel")))
    return out


def needs_problems(project: Project) -> list[Finding]:
    """What national content asks of the region (region.needs): a link to a page of docs/regio/ that not
    every region has fails at the link; a block or required page the region lacks fails at the include
    or link that needs it."""
    out = []
    places = region.needs(project.root, project.text, every=True)
    for need in places:
        if not need.allowed:
            out.append(Finding(need.at, need.line, (
                f"een landelijke pagina linkt naar {need.path}, een pagina die niet elke regio heeft: zet de zin "
                f"met de link in een blok van de regio ({region.BLOCKS_DIR}/) of link naar een pagina die elke regio "
                f"heeft (region.REQUIRED_PAGES: sociale kaart, partners, over deze site)")))
    asked = {}
    for need in places:
        asked.setdefault(need.path, need)
    for path, need in asked.items():
        if need.allowed and not (project.root / path).is_file():
            what = "het blok" if need.kind == "blok" else "de pagina"
            out.append(Finding(need.at, need.line, (
                f"de regio mist {what} {path}, dat deze landelijke tekst {'opneemt' if need.kind == 'blok' else 'linkt'}: "
                f"maak het met 'make regio aanvullen=ja' (met een open plek) en vul het in")))
    return out
