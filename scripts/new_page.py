"""Scaffolder: `make pagina sectie=<sectie> titel="<titel>"`.

Creates docs/<sectie>/<slug>.md with front matter that passes the content model, and adds
the page to the section's block of the nav in mkdocs.yml. In the section 'nieuws' it creates
a news post in docs/regio/nieuws/posts/ (news posts are not in the nav). A section of the region's own
(conferentie, nieuws, over) writes into docs/regio/ and its menu in regio/profiel.yml.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from pathlib import Path

import yaml


from scripts.model import clock
from scripts.model import content_model, region
from scripts import ROOT


# A legal page needs two sources before it builds; these are real starting points that the
# editor replaces with the law and article the page is about.
LEGAL_START_SOURCES = [
    {"titel": "Wetten.nl (vervang door de wet en het artikel van deze pagina)", "url": "https://wetten.overheid.nl/"},
    {"titel": "Rijksoverheid: onderwerpen (vervang door een officiële toelichting)", "url": "https://www.rijksoverheid.nl/onderwerpen"},
]


class ScaffoldError(Exception):
    pass


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-")


def front_matter(section: str, title: str, today: dt.date, slug: str = "", root: Path = ROOT) -> dict:
    """Front matter that passes the content model: the first choices and the owner come from the
    section's rules (content_model.SECTION_RULES), the editor adjusts them."""
    rules = content_model.SECTION_RULES[section]
    meta = {
        "title": title,
        "description": f"Korte samenvatting van '{title}' (pas deze zin aan).",
        "doelgroep": list(rules.doelgroep),
        "thema": list(rules.thema),
        "eigenaar": content_model.section_owner(rules, root) or rules.owner,
        "laatst_gecontroleerd": today,
    }
    if rules.legal:
        meta["bronnen"] = LEGAL_START_SOURCES
    if rules.template:
        meta["download"] = f"{slug}.docx"
    if section == "nieuws":
        meta["date"] = today
        meta["categories"] = ["Kennisbank"]
    return meta


def open_place(what: str) -> str:
    return f"[nog in te vullen door het SWV: {what}]"


def render(meta: dict, title: str, section: str) -> str:
    """The page: its front matter and the blocks its section requires, each with an open place (a
    notice in `make check`, not an error) where the editor writes the text."""
    rules = content_model.SECTION_RULES[section]
    body = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
    text = f"---\n{body}---\n\n# {title}\n\n"
    if section == "nieuws":
        return text + "Eerste alinea: de kern van het bericht.\n\n<!-- more -->\n\nDe rest van het bericht.\n"
    if rules.legal:
        text += ('!!! abstract "In het kort"\n'
                 f"    {open_place('de kern in drie of vier zinnen, met de wet en het artikel')}\n\n")
    if rules.template:
        text += ('!!! tip "Toelichting"\n'
                 f"    {open_place('waarvoor dit sjabloon is en hoe de school het aanpast')}\n\n"
                 "{{ invullen: naam van de school }}\n\n")
    text += "Schrijf hier de tekst van de pagina. Zie CONTRIBUTING.md voor de schrijfregels.\n"
    return text


def add_to_nav(config_text: str, section: str, title: str, rel: str, shown: str = "mkdocs.yml") -> str:
    """Insert `- title: rel` at the end of the section's nav block (the block holding section/index.md)."""
    lines = config_text.splitlines(keepends=True)
    anchor = next((i for i, l in enumerate(lines) if l.strip() == f"- {section}/index.md"), None)
    if anchor is None:
        raise ScaffoldError(f"{shown}: geen blok in de navigatie gevonden met '- {section}/index.md'")
    indent = len(lines[anchor]) - len(lines[anchor].lstrip())
    end = anchor + 1
    while end < len(lines) and (len(lines[end]) - len(lines[end].lstrip()) >= indent) and lines[end].strip():
        end += 1
    entry = yaml.safe_dump([{title: rel}], allow_unicode=True, width=1000).strip()
    lines.insert(end, " " * indent + entry + "\n")
    return "".join(lines)


def scaffold(root: Path, section: str, title: str, today: dt.date | None = None) -> Path:
    title = (title or "").strip()
    if section not in content_model.SECTIONS:
        raise ScaffoldError(f"onbekende sectie '{section}' (kies uit: {', '.join(content_model.SECTIONS)})")
    if not title:
        raise ScaffoldError('titel ontbreekt: make pagina sectie=<sectie> titel="Titel van de pagina"')
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"van de titel '{title}' kan geen bestandsnaam gemaakt worden")
    today = today or clock.today()
    rules = content_model.SECTION_RULES[section]
    folder = f"{content_model.REGION_PAGES}{section}" if rules.regional else section  # the region's own: docs/regio/
    if section == "nieuws":
        rel = f"{folder}/posts/{today.isoformat()}-{slug}.md"
    else:
        rel = f"{folder}/{slug}.md"
    path = root / "docs" / rel
    if path.exists():
        raise ScaffoldError(f"docs/{rel} bestaat al; kies een andere titel")
    # A national page goes into the nav of mkdocs.yml, a page of the region into the menu of its profile.
    config = root / (region.PROFILE_FILE if rules.regional else "mkdocs.yml")
    new_config = None
    if section != "nieuws":
        new_config = add_to_nav(config.read_text(encoding="utf-8"), folder, title, rel, config.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(front_matter(section, title, today, slug, root), title, section), encoding="utf-8")
    if new_config is not None:
        config.write_text(new_config, encoding="utf-8")
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Maak een nieuwe pagina met geldige front matter.")
    parser.add_argument("--sectie", default="")
    parser.add_argument("--titel", default="")
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    try:
        path = scaffold(args.root, args.sectie, args.titel)
    except ScaffoldError as exc:
        print(f"fout: {exc}", file=sys.stderr)
        return 2
    print(f"Aangemaakt: {path.relative_to(args.root)}")
    if args.sectie != "nieuws":
        print("Toegevoegd aan de navigatie in mkdocs.yml.")
    print("Vul de beschrijving, doelgroep en thema aan en schrijf de tekst. Controleer met: make check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
