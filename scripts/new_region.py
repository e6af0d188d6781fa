"""`make regio`: start the profile of a new region (another samenwerkingsverband that runs its own copy).

Writes regio/profiel.yml from the profile's schema (scripts/model/region.py): every field with its help
text above it and an open place where the region fills in its own details, so `make check` passes and
counts what is still open. An existing profile is kept unless --vervang is given.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.model import project, region, schema

OPEN = "[nog in te vullen door het SWV: {}]"
# What a new profile starts with where an open place cannot stand (a list of choices, an address).
STARTS = {
    "site_adres": "https://example.org/kennisbank/  # vervang door het adres van de site",
    "repository": None,
    "gemeenten": "[\"{}\"]".format(OPEN.format("de gemeenten, gescheiden door komma's")),
    "partners": "{}",
    "rollen": "\n  redactie: redactie SWV\n  juridisch: juridisch adviseur SWV",
    "conferentie": None,
    "controle_maanden": "\n  juridisch: 12\n  overig: 24",
    "secties": "[sociale-kaart]",
    "eigen_namen": "[]",
    "menu": "\n  - Over:\n      - regio/over/index.md",
}


def render() -> str:
    lines = ["# Het profiel van de regio (make regio). Vul de open plekken in; `make check` telt ze.", ""]
    for f in region.PROFILE.fields:
        lines.append(f"# {f.name}: {f.help}")
        start = STARTS.get(f.name, "\"" + OPEN.format(f.help) + "\"")
        if start is None:
            lines.append(f"# {f.name}: ")
        else:
            lines.append(f"{f.name}: {start}")
        lines.append("")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Begin het profiel van een nieuwe regio.")
    project.project_argument(parser)
    parser.add_argument("--vervang", action="store_true", help="vervang een bestaand profiel")
    args = project.parse_args(parser, argv)
    path = region.profile_path(args.root)
    if path.exists() and not args.vervang:
        print(f"fout: {region.PROFILE_FILE} bestaat al; gebruik 'make regio vervang=ja' om opnieuw te beginnen",
              file=sys.stderr)
        return 2
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(), encoding="utf-8")
    problems = region.load(args.root).problems
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"Aangemaakt: {region.PROFILE_FILE}. Vul de open plekken in en draai: make check")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
