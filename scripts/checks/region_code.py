"""No region fact in the code, the tests, the theme or the pipeline: the names of the profile (its
names, gemeenten, partners and own names, also as an address writes them: lower case, hyphens), the group and
host of its addresses and the date of its conference appear only in the profile and the region's own
pages. Code that needs one asks the profile (scripts/model/region.py); a test takes it from the
profile or uses the invented region (tests/voorbeeldregio/). So another samenwerkingsverband's copy
changes no code, and a later correction of the code merges there without a conflict.

The Markdown and the banks are checked by scripts/checks/region.py; the region's own facts are in
regio/ (its profile, data, key facts and passages), which is not checked here.
The tests may name their own invented region (TEST_REGION), also in a copy that is built as that region.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from scripts.model import content_model, region, registers
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "regio: code, tests en pipeline"
# What is checked, relative to the project folder.
FOLDERS = ("scripts", "tests", "overrides", "docs/assets", "locales", "config", ".gitlab")
FILES = (".gitlab-ci.yml", "Makefile", "pyproject.toml", "package.json")
SUFFIXES = {".py", ".js", ".css", ".html", ".yml", ".yaml", ".json", ".toml", ".txt", ".md", ".po", ""}
TESTS, TEST_REGION = "tests", "tests/voorbeeldregio/profiel.yml"  # the tests' own, invented region
TEST_REGION_DIR = TEST_REGION.rsplit("/", 1)[0]  # its folder's name is no name of a region in the text


def region_terms(profile: region.Profile) -> tuple[str, ...]:
    """What names the region outside its own pages: its names, each also as an address writes it
    (lower case, hyphens), the host of its site and the group of its repository, its conference date."""
    terms = list(profile.names)
    terms += [registers.gemeente_slug(name) for name in profile.names]
    site = urlparse(profile.site_adres or "").netloc
    if site:
        terms.append(site)
        if site.count(".") >= 2 and not site.startswith("www."):
            terms.append(site.split(".", 1)[0])  # the group in <group>.gitlab.io
    group = urlparse(profile.repository or "").path.strip("/").split("/")[0]
    if group:
        terms.append(group)  # the region's group on its GitLab
    if profile.conferentie:
        terms += [profile.conferentie.isoformat(), profile.conferentie.strftime("%d-%m-%Y"),
                  content_model.dutch_date(profile.conferentie)]
    return tuple(dict.fromkeys(t for t in terms if len(t) >= 4))


def files(root: Path) -> list[Path]:
    found = [root / name for name in FILES if (root / name).is_file()]
    for folder in FOLDERS:
        found += [p for p in sorted((root / folder).rglob("*")) if p.is_file() and p.suffix in SUFFIXES
                  and "__pycache__" not in p.parts and "node_modules" not in p.parts]
    return found


def _pattern(terms) -> re.Pattern | None:
    if not terms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
                      + r")(?!\w)", re.I)


def _test_region_terms(root: Path) -> set[str]:
    path = root / TEST_REGION
    if not path.is_file():
        return set()
    stat = path.stat()
    return {t.lower() for t in region_terms(region._load(path.resolve(), stat.st_mtime_ns, stat.st_size))}


def check(project: Project) -> list[Finding]:
    terms = region_terms(region.load(project.root))
    invented = _test_region_terms(project.root)
    lowered = {t.lower() for t in terms}
    groups = {False: (_pattern(terms), lowered), True: (_pattern([t for t in terms if t.lower() not in invented]),
                                                       lowered - invented)}
    out = []
    for path in files(project.root):
        pattern, words = groups[project.shown(path).startswith(f"{TESTS}/")]
        try:
            text = project.text(path)
        except UnicodeDecodeError:
            continue
        lower = text.lower().replace(TEST_REGION_DIR, "")
        if pattern is None or not any(word in lower for word in words):  # most files: no line to look at
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            found = sorted(set(pattern.findall(line.replace(TEST_REGION_DIR, ""))))
            if found:
                out.append(Finding(project.shown(path), number, (
                    f"code of een test noemt de regio ({', '.join(repr(f) for f in found)}): vraag het profiel "
                    f"({region.PROFILE_FILE}, scripts/model/region.py) of gebruik in een test de verzonnen regio "
                    "(tests/voorbeeldregio/)")))
    return out
