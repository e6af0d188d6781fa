"""Scaffolder: `make pagina sectie=<sectie> titel="<titel>"`.

Creates docs/<sectie>/<slug>.md with front matter that passes the content model, and adds
the page to the section's block of the nav in mkdocs.yml. A section is a national one
(content_model.SECTIONS) or a folder of the region's own pages in docs/regio/ (`regio/<map>`, or just
`<map>` where no national section has that name); such a page goes into the region's menu in its
profile. In the blog's folder (blog_dir of Material's blog plugin in mkdocs.yml, also by its last
part: `nieuws`) it creates a news post in <blog_dir>/posts/ (news posts are not in the nav).
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
from scripts.model import content_model, project, region


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


def blog_dir(root: Path) -> str | None:
    """The folder of the news posts under docs/, as mkdocs.yml sets Material's blog plugin; None without a blog."""
    for item in content_model.site_config(root).get("plugins") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name in ("blog", "material/blog"):
            return str((options or {}).get("blog_dir", "blog")).strip("/")
    return None


def sections(root: Path) -> tuple[str, ...]:
    """What `make pagina sectie=...` accepts in this project: the national sections, the folders of the
    region's own pages (docs/regio/<map>: 'regio/<map>') and the blog's folder."""
    region_dir = root / "docs" / content_model.REGION_PAGES
    regional = sorted(f"{content_model.REGION_PAGES}{p.name}" for p in region_dir.iterdir()
                      if p.is_dir() and not p.name.startswith(".")) if region_dir.is_dir() else []
    blog = blog_dir(root)
    return tuple(dict.fromkeys([*content_model.SECTIONS, *regional, *([blog] if blog else [])]))


def resolve_section(root: Path, section: str) -> str:
    """A section as `make pagina` was given it, as a folder under docs/: a regional folder or the blog's
    may be named by its last part ('conferentie', 'nieuws') unless a national section has that name."""
    known = sections(root)
    if section in known or section in content_model.SECTIONS:
        return section
    matches = [s for s in known if s not in content_model.SECTIONS and s.rsplit("/", 1)[-1] == section]
    if len(matches) == 1:
        return matches[0]
    raise ScaffoldError(f"onbekende sectie '{section}' (kies uit: {', '.join(known)})")


def section_rules(section: str) -> content_model.Section:
    """The rules of a section: those of a page in its folder (a regional folder has the region's)."""
    return content_model.section_of(f"{section}/index.md")


def front_matter(section: str, title: str, today: dt.date, slug: str, root: Path, news: bool = False) -> dict:
    """Front matter that passes the content model: the first choices and the owner come from the
    section's rules (content_model.section_of), the editor adjusts them."""
    rules = section_rules(section)
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
    if news:
        meta["date"] = today
        meta["categories"] = ["Kennisbank"]
    return meta


def open_place(what: str) -> str:
    return f"[nog in te vullen door het SWV: {what}]"


def render(meta: dict, title: str, section: str, news: bool = False) -> str:
    """The page: its front matter and the blocks its section requires, each with an open place (a
    notice in `make check`, not an error) where the editor writes the text."""
    rules = section_rules(section)
    body = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
    text = f"---\n{body}---\n\n# {title}\n\n"
    if news:
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
    section = resolve_section(root, section)
    news = section == blog_dir(root)
    regional = section.startswith(content_model.REGION_PAGES)
    if not title:
        raise ScaffoldError('titel ontbreekt: make pagina sectie=<sectie> titel="Titel van de pagina"')
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"van de titel '{title}' kan geen bestandsnaam gemaakt worden")
    today = today or clock.today()
    if news:
        rel = f"{section}/posts/{today.isoformat()}-{slug}.md"
    else:
        rel = f"{section}/{slug}.md"
    path = root / "docs" / rel
    if path.exists():
        raise ScaffoldError(f"docs/{rel} bestaat al; kies een andere titel")
    # A national page goes into the nav of mkdocs.yml, a page of the region into the menu of its profile.
    config = root / (region.PROFILE_FILE if regional else "mkdocs.yml")
    new_config = None
    if not news:
        new_config = add_to_nav(config.read_text(encoding="utf-8"), section, title, rel,
                                config.relative_to(root).as_posix())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(front_matter(section, title, today, slug, root, news), title, section, news),
                    encoding="utf-8")
    if new_config is not None:
        config.write_text(new_config, encoding="utf-8")
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Maak een nieuwe pagina met geldige front matter.")
    parser.add_argument("--sectie", default="")
    parser.add_argument("--titel", default="")
    project.project_argument(parser)
    args = project.parse_args(parser, argv)
    try:
        path = scaffold(args.root, args.sectie, args.titel)
    except ScaffoldError as exc:
        print(f"fout: {exc}", file=sys.stderr)
        return 2
    rel = path.relative_to(args.root / "docs").as_posix()
    print(f"Aangemaakt: docs/{rel}")
    if rel.startswith(content_model.REGION_PAGES) and not rel.startswith(f"{blog_dir(args.root)}/"):
        print(f"Toegevoegd aan het menu van de regio in {region.PROFILE_FILE}.")
    elif not rel.startswith(f"{blog_dir(args.root)}/"):
        print("Toegevoegd aan de navigatie in mkdocs.yml.")
    print("Vul de beschrijving, doelgroep en thema aan en schrijf de tekst. Controleer met: make check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
