"""`make regio`: start a new region (another samenwerkingsverband that runs its own copy).

Writes regio/profiel.yml from the profile's schema (scripts/model/region.py): every field with its help
text above it and an open place where the region fills in its own details, so `make check` passes and
counts what is still open. Then the rest of the region, where it is missing: its registers in regio/data/
(empty lists that pass), every block national pages include (``--8<-- "blokken/naam.md"``: a file with
only a comment that says what may go there) and every page of docs/regio/ a region has (region.REQUIRED_PAGES,
and any other page national pages link to), with valid front matter and an open place. What exists is
kept: an existing profile unless --vervang is given; with --aanvullen an existing profile is kept and only
what is missing is added (after a merge brings a new national block).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import datetime as dt

from scripts.model import clock, project, region, registers

OPEN = "[nog in te vullen door het SWV: {}]"
# What a new profile starts with where an open place cannot stand (a list of choices, an address).
STARTS = {
    "site_adres": "https://example.org/kennisbank/  # vervang door het adres van de site",
    "repository": "https://example.org/kennisbank  # vervang door het adres van de repository (GitLab)",
    "gemeenten": "[\"{}\"]".format(OPEN.format("de gemeenten, gescheiden door komma's")),
    "partners": "{}",
    "rollen": "\n  redactie: redactie SWV\n  juridisch: juridisch adviseur SWV",
    "conferentie": None,
    "controle_maanden": "\n  juridisch: 12\n  overig: 24",
    "secties": "[sociale-kaart]",
    "eigen_namen": "[]",
    "menu": None,  # menu(): the pages every region has
}


def title_of(page: str) -> str:
    """A first title for a page of the region, from its file name (regio/over/index.md: 'Over')."""
    parts = page[:-len(".md")].split("/")
    name = parts[-2] if parts[-1] == "index" else parts[-1]
    return name.replace("-", " ").capitalize()


def menu() -> str:
    """The profile's first menu: the pages every region has, grouped by their folder (a folder with the
    title of a national section goes into that section, scripts/build/region_config.py)."""
    groups: dict[str, list[str]] = {}
    for page in region.REQUIRED_PAGES:
        groups.setdefault(title_of(page.rsplit("/", 1)[0] + "/index.md"), []).append(page)
    lines = []
    for title, pages in groups.items():
        lines.append(f"  - {title}:")
        lines += [f"      - {p}" if p.endswith("/index.md") else f"      - {title_of(p)}: {p}" for p in pages]
    return "\n" + "\n".join(lines)


def render() -> str:
    lines = ["# Het profiel van de regio (make regio). Vul de open plekken in; `make check` telt ze.", ""]
    for f in region.PROFILE.fields:
        lines.append(f"# {f.name}: {f.help}")
        start = menu() if f.name == "menu" else STARTS.get(f.name, "\"" + OPEN.format(f.help) + "\"")
        if start is None:
            lines.append(f"# {f.name}: ")
        else:
            lines.append(f"{f.name}: {start}")
        lines.append("")
    return "\n".join(lines)


REGISTER_START = """# Register '{name}' van de regio: een lijst met per {what} de velden, hier nog leeg. De velden en regels staan in
# scripts/model/registers.py; kijk voor een voorbeeld in de repository waar deze kennisbank vandaan komt.
# Verzin nooit een naam, nummer of adres: schrijf wat u nog niet weet als [nog in te vullen door het SWV: wat].
[]
"""

BLOCK_START = """<!-- Blok van de regio: {at} (regel {line}) neemt dit blok op. Zet hier de tekst van uw regio voor die plek
(bijvoorbeeld de naam van het samenwerkingsverband of een link naar een eigen pagina), of laat het blok zo: dan staat
er niets. Een link schrijft u zoals hij vanaf die pagina klopt. -->
"""


def page_text(page: str, root: Path, today: dt.date) -> str:
    """A page of the region with valid front matter (as `make pagina` writes it) and an open place."""
    from scripts import new_page

    section = Path(page).parent.as_posix()  # its folder under docs/: the region's rules (new_page.section_rules)
    title = title_of(page)
    meta = new_page.front_matter(section, title, today, Path(page).stem, root)
    meta["description"] = f"{title}: {OPEN.format('één zin over wat de lezer op deze pagina vindt')}"
    text = new_page.render(meta, title, section)
    if Path(page).stem == registers.SOCIALE_KAART.name:
        text += "\n<!-- tabel: sociale-kaart -->\n"
    return text + "\n" + OPEN.format(f"de tekst van de pagina '{title}' voor uw regio") + "\n"


def start_region(root: Path, today: dt.date | None = None) -> list[str]:
    """Write what the region lacks (not its profile): registers, blocks and pages. Returns the files
    written, relative to ``root``; existing files are kept."""
    root = Path(root)
    today = today or clock.today()
    written = []

    def write(rel: str, text: str) -> None:
        path = root / rel
        if path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(rel)

    for register in registers.REGISTERS.values():
        write(f"{region.DATA_DIR}/{register.filename}",
              REGISTER_START.format(name=register.name, what=register.what))
    asked = region.needs(root)
    for need in asked:
        if need.kind == "blok":
            write(need.path, BLOCK_START.format(at=need.at, line=need.line))
    pages = list(dict.fromkeys([f"docs/{p}" for p in region.REQUIRED_PAGES]
                               + [n.path for n in asked if n.kind == "pagina"]))
    for page in pages:
        write(page, page_text(page[len("docs/"):], root, today))
    add_to_menu(root, [rel[len("docs/"):] for rel in written if rel.startswith("docs/")])
    return written


def add_to_menu(root: Path, pages: list[str]) -> None:
    """Put new pages that the profile's menu lacks at the end of the menu (MkDocs warns about a page
    outside the nav). The menu must be the last field of the profile, as `make regio` writes it."""
    path = region.profile_path(root)
    menu_pages = set(region.menu_pages(region.load(root).menu))
    missing = [page for page in pages if page not in menu_pages]
    if not missing:
        return
    text = path.read_text(encoding="utf-8")
    keys = [line.split(":", 1)[0] for line in text.splitlines() if line[:1].isalpha()]
    if not keys or keys[-1] != "menu":
        print(f"{region.PROFILE_FILE}: zet deze pagina's in het menu: {', '.join(missing)}", file=sys.stderr)
        return
    lines = "".join(f"  - {title_of(page)}: {page}\n" for page in missing)
    path.write_text(text.rstrip("\n") + "\n" + lines, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Begin een nieuwe regio: profiel, data, blokken en pagina's.")
    project.project_argument(parser)
    parser.add_argument("--vervang", action="store_true", help="vervang een bestaand profiel")
    parser.add_argument("--aanvullen", action="store_true",
                        help="houd het profiel en maak alleen wat ontbreekt (blokken, pagina's, data)")
    args = project.parse_args(parser, argv)
    path = region.profile_path(args.root)
    if path.exists() and not (args.vervang or args.aanvullen):
        print(f"fout: {region.PROFILE_FILE} bestaat al; gebruik 'make regio aanvullen=ja' om alleen aan te vullen "
              "wat ontbreekt, of 'make regio vervang=ja' om opnieuw te beginnen", file=sys.stderr)
        return 2
    if not (path.exists() and args.aanvullen):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(), encoding="utf-8")
        print(f"Aangemaakt: {region.PROFILE_FILE}")
    problems = region.load(args.root).problems
    for problem in problems:
        print(problem, file=sys.stderr)
    for rel in start_region(args.root):
        print(f"Aangemaakt: {rel}")
    print("Vul de open plekken in en draai: make check")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
