"""The region layer: what belongs to one samenwerkingsverband, in its profile (regio/profiel.yml).

Most of the knowledge base is the same for every samenwerkingsverband VO in the country: the law,
drill rap, signalling, the modules, the incident steps, the templates. What is regional (the
organisation and its name, its gemeenten, the regional names of its partners, its site address, its
contact, the licensor, its roles, the date of its conference) is in the profile, read here, once,
with the one YAML reader and a declared schema, so no code or test names a region. Another
samenwerkingsverband that forks the repository changes its profile (and its regional pages and data),
and keeps receiving the national content.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from scripts.model import schema
from scripts.model.findings import Finding

# The region's files: its profile, data and passages in regio/ (beside config/), its pages in docs/regio/
# (the site's addresses /regio/...). A fork changes these two folders and nothing else.
REGION_DIR = "regio"
PROFILE_FILE = f"{REGION_DIR}/profiel.yml"
DATA_DIR = f"{REGION_DIR}/data"  # the registers: sociale kaart, vervolgstappen (scripts/model/registers.py)
BLOCKS_DIR = f"{REGION_DIR}/blokken"  # passages a national page includes: --8<-- "blokken/naam.md"
PAGES_DIR = REGION_DIR  # under docs/: the region's pages
# The pages every region has (under docs/): the ones national pages may link to, and the statements every
# site needs (about the site, privacy, accessibility, colophon). A national page links to no other page
# of the region (scripts/checks/region.py); a link to such a page belongs in one of the region's blocks.
# `make regio` starts each of them (scripts/new_region.py).
SOCIALE_KAART_PAGE = f"{PAGES_DIR}/samenwerking/sociale-kaart.md"
PARTNERS_PAGE = f"{PAGES_DIR}/samenwerking/partners.md"
REQUIRED_PAGES = (
    SOCIALE_KAART_PAGE,
    PARTNERS_PAGE,
    f"{PAGES_DIR}/over/index.md",
    f"{PAGES_DIR}/over/privacy.md",
    f"{PAGES_DIR}/over/toegankelijkheid.md",
    f"{PAGES_DIR}/over/colofon.md",
    f"{PAGES_DIR}/nieuws/index.md",  # the blog's index (mkdocs.yml, blog_dir)
)
SECTIONS = ("conferentie", "vervolgstappen", "sociale-kaart", "nieuws")
ROLES = ("redactie", "juridisch")
REVIEW_KINDS = ("juridisch", "overig")  # controle_maanden: legal pages, all other pages

_F = schema.Field
PROFILE = schema.Schema("profiel", (
    _F("naam", "de volledige naam van het samenwerkingsverband, zoals het zichzelf noemt", required=True),
    _F("korte_naam", "de korte naam, zoals op de site (bijvoorbeeld 'SWV VO Stad')", required=True),
    _F("site_naam", "de naam van de site (titel in de browser, de Word-bestanden en de pakketten)", required=True),
    _F("site_adres", "het https-adres waar de site staat", required=True),
    _F("repository", "het https-adres van de repository in GitLab"),
    _F("contact", "hoe lezers de redactie bereiken (een adres of pagina, geen naam van een persoon)", required=True),
    _F("licentiegever", "wie de licentie van de inhoud geeft: de naam van de rechthebbende", required=True),
    _F("gemeenten", "lijst met de gemeenten van het samenwerkingsverband", schema.TEXTS, True),
    _F("partners", "de regionale namen van partners, als 'soort: naam' (politie: Politie Eenheid X)", schema.ANY),
    _F("rollen", "de namen van de rollen die pagina's controleren: 'redactie' en 'juridisch'", schema.ANY, True),
    _F("conferentie", "de datum van de conferentie van het samenwerkingsverband (JJJJ-MM-DD), als die er is",
       schema.DATE),
    _F("secties", "de regionale secties die er zijn, uit: " + ", ".join(SECTIONS), schema.TEXTS, choices=SECTIONS),
    _F("eigen_namen", "andere namen die alleen bij deze regio horen (een landelijke pagina mag ze niet noemen)",
       schema.TEXTS),
    _F("controle_maanden", "na hoeveel maanden een pagina opnieuw gecontroleerd moet zijn: 'juridisch' (de "
                           "pagina's met wetgeving) en 'overig', elk een aantal maanden (1 tot 60); zonder dit "
                           "veld 12 en 24", schema.ANY),
    _F("menu", "de pagina's van de regio (docs/regio/) in de navigatie, zoals 'nav:' in mkdocs.yml: een kopje "
               "met de naam van een landelijk deel komt in dat deel, de andere op de plaats van 'Over'",
       schema.ANY, True),
))


@dataclass
class Profile:
    path: str  # as messages name it
    naam: str = ""
    korte_naam: str = ""
    site_naam: str = ""
    site_adres: str = ""
    repository: str = ""
    contact: str = ""
    licentiegever: str = ""
    gemeenten: tuple[str, ...] = ()
    partners: dict = field(default_factory=dict)
    rollen: dict = field(default_factory=dict)
    conferentie: dt.date | None = None
    secties: tuple[str, ...] = ()
    eigen_namen: tuple[str, ...] = ()
    menu: list = field(default_factory=list)
    controle_maanden: dict = field(default_factory=dict)  # 'juridisch'/'overig' -> months; empty: the national default
    problems: list = field(default_factory=list)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name that belongs to this region only: a national page names none of them."""
        found = [self.naam, self.korte_naam, *self.gemeenten, *(str(v) for v in self.partners.values()),
                 *self.eigen_namen]
        return tuple(dict.fromkeys(name.strip() for name in found
                                   if name and name.strip() and not name.strip().startswith("[nog in te vullen")))

    def role(self, key: str) -> str:
        """The name of a role ('redactie', 'juridisch') as pages write it in 'eigenaar'."""
        return str(self.rollen.get(key) or key)

    def has(self, section: str) -> bool:
        return section in self.secties


def profile_path(root: Path) -> Path:
    return Path(root) / PROFILE_FILE


def load(root: Path) -> Profile:
    """The profile of the project at ``root``, with its problems (errors with their line); read once per
    version of the file."""
    path = profile_path(root)
    if not path.is_file():
        return Profile(PROFILE_FILE, problems=[Finding(PROFILE_FILE, 1, (
            "het profiel van de regio ontbreekt: maak het met 'make regio' (zie README, 'Een eigen kennisbank')"))])
    stat = path.stat()
    return _load(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _load(path: Path, _mtime: int, _size: int) -> Profile:
    profile = Profile(PROFILE_FILE)
    report = schema.Reader(PROFILE_FILE, profile.problems)
    node = schema.read_file(path, report, "het profiel is leeg: " + ", ".join(f.name for f in PROFILE.fields if f.required))
    if node is None:
        return profile
    fields = PROFILE.read(node, report)
    if fields is None:
        return profile
    values = {name: value.value for name, value in fields.items()}
    for name in ("naam", "korte_naam", "site_naam", "site_adres", "repository", "contact", "licentiegever"):
        if isinstance(values.get(name), str):
            setattr(profile, name, values[name].strip())
    for name in ("gemeenten", "secties", "eigen_namen"):
        if isinstance(values.get(name), list):
            setattr(profile, name, tuple(str(v) for v in values[name]))
    for name in ("partners", "rollen"):
        value = values.get(name)
        if value is not None and not isinstance(value, dict):
            report(fields[name].line, f"veld '{name}' moet velden met waarden hebben (soort: naam)")
        elif value:
            setattr(profile, name, {str(k): str(v) for k, v in value.items()})
    if isinstance(values.get("conferentie"), dt.date):
        profile.conferentie = values["conferentie"]
    for key in ROLES:
        if "rollen" in fields and key not in profile.rollen:
            report(fields["rollen"].line, f"veld 'rollen': de rol '{key}' ontbreekt")
    from scripts.model.content_model import URL_RE  # one rule for a valid link

    for name in ("site_adres", "repository"):
        value = getattr(profile, name)
        if value and not URL_RE.match(value) and not value.startswith("[nog in te vullen"):
            report(fields[name].line, f"veld '{name}' moet een https-adres zijn, niet '{value}'")
    if "controle_maanden" in fields:
        node = fields["controle_maanden"]
        for key, line, value in node.pairs():
            if key not in REVIEW_KINDS:
                report(line, f"controle_maanden: onbekende soort '{key}' (kies uit: {', '.join(REVIEW_KINDS)})")
            elif not (isinstance(value.value, int) and not isinstance(value.value, bool) and 1 <= value.value <= 60):
                report(line, f"controle_maanden: '{key}' moet een aantal maanden zijn, van 1 tot 60")
            else:
                profile.controle_maanden[key] = value.value
        if not node.is_map:
            report(node.line, "veld 'controle_maanden' moet velden hebben: juridisch: 12, overig: 24")
    if "menu" in fields:
        profile.menu = _menu(fields["menu"], report)
    if profile.has("vervolgstappen") and profile.conferentie is None:
        report(fields["secties"].line, "een register van vervolgstappen hoort bij een conferentie: zet haar datum "
                                       "bij 'conferentie'")
    return profile


def is_regional(rel: str) -> bool:
    """A page (path relative to docs/) of the region's own folder."""
    return rel.startswith(PAGES_DIR + "/")


def _menu(node: schema.Node, report) -> list:
    """The profile's menu as MkDocs' nav: a list of pages ('regio/x.md' or 'Titel: regio/x.md') and
    sections ('Titel: [...]'), every page in docs/regio/."""
    def item(n: schema.Node):
        if n.is_scalar:
            value = n.text or ""
            if not is_regional(value) or not value.endswith(".md"):
                report(n.line, f"menu: '{value}' is geen pagina in docs/{PAGES_DIR}/ (regio/naam.md)")
            return value
        pairs = n.pairs()
        if len(pairs) == 1:
            title, _, child = pairs[0]
            return {title: [item(c) for c in child.items()] if child.is_seq else item(child)}
        report(n.line, "menu: elk punt is een pagina, 'Titel: pagina' of 'Titel:' met een lijst eronder")
        return None

    if not node.is_seq:
        report(node.line, "veld 'menu' moet een lijst zijn")
        return []
    return [i for i in (item(c) for c in node.items()) if i is not None]


def menu_pages(menu) -> list[str]:
    """Every page the menu names, in order."""
    out: list[str] = []
    for entry in menu:
        if isinstance(entry, str):
            out.append(entry)
        elif isinstance(entry, dict):
            for value in entry.values():
                out.extend(menu_pages(value if isinstance(value, list) else [value]))
    return out


PLACE = f"{PAGES_DIR}/over/index.md"  # the nav item the region's menu takes the place of


def with_menu(nav: list, menu: list) -> list:
    """The national nav with the region's menu: a section of the menu with the title of a national
    section goes at the end of that section; the others take the place of the item that shows the
    region's page (PLACE), in the menu's order. Without that item they go at the end."""
    nav = [dict(e) if isinstance(e, dict) else e for e in nav]
    titles = {next(iter(e)): e for e in nav if isinstance(e, dict) and isinstance(next(iter(e.values())), list)}
    new = []
    for entry in menu:
        title = next(iter(entry)) if isinstance(entry, dict) else None
        if title in titles and isinstance(entry[title], list):
            titles[title][title] = [*titles[title][title], *entry[title]]
        else:
            new.append(entry)
    place = next((i for i, e in enumerate(nav) if (e == PLACE) or (isinstance(e, dict) and list(e.values()) == [PLACE])),
                 len(nav))
    return nav[:place] + new + nav[place + 1:]


def site_nav(root: Path) -> list:
    """The nav as the build makes it: mkdocs.yml's with the region's menu (scripts/build/region_config.py)."""
    from scripts.model.content_model import site_config

    return with_menu(site_config(root)["nav"], load(root).menu)


def site_url(root: Path, environ: dict | None = None) -> str:
    """The address the site is built for, as the build sets it: SITE_URL (a review or published build),
    else the profile's site_adres (scripts/build/region_config.py). Tests and exports outside the build
    ask here."""
    import os

    env = os.environ if environ is None else environ
    return env.get("SITE_URL") or load(root).site_adres


CONTENT_LICENCE = "CC BY 4.0"


def licence_note(profile: Profile) -> str:
    """One line for the downloads (Word, PDF, SCORM): the content's licence and its licensor."""
    who = f" ({profile.licentiegever})" if profile.licentiegever else ""
    return (f"Inhoud: {CONTENT_LICENCE}{who}, https://creativecommons.org/licenses/by/4.0/deed.nl; "
            f"citaten, logo's en namen uitgezonderd (LICENSE-INHOUD.md)")


@dataclass(frozen=True)
class Need:
    """A file of the region that national content asks for, with the first place that asks."""
    path: str  # relative to the root: regio/blokken/naam.md or docs/regio/.../naam.md
    at: str  # the national file that includes or links it, relative to the root
    line: int
    kind: str  # "blok" (an include) or "pagina" (a link)

    @property
    def allowed(self) -> bool:
        """A block may be any; a page must be one that every region has (REQUIRED_PAGES)."""
        return self.kind == "blok" or self.path[len("docs/"):] in REQUIRED_PAGES


def national_markdown(root: Path) -> list[Path]:
    """The national Markdown files: pages outside docs/regio/ and the rules (not the region's blocks)."""
    from scripts.model import content_model

    own = (Path(root) / "docs" / PAGES_DIR, Path(root) / REGION_DIR)
    return [p for p in content_model.markdown_sources(root) if not any(folder in p.parents for folder in own)]


def needs(root: Path, text=None, every: bool = False) -> list[Need]:
    """What the national content asks of the region: every block a national page or rule includes
    (``--8<-- "blokken/naam.md"``) and every page of docs/regio/ a national page links to, each once, at
    the first place that asks (with ``every``: each place that asks). ``text(path)`` reads a file (the
    checks' Project.text reads each once)."""
    from scripts.model import content_model

    root = Path(root)
    text = text or (lambda p: p.read_text(encoding="utf-8"))
    includes = content_model.snippet_includes(root)
    found: dict[str, Need] = {}
    places: list[Need] = []

    def add(need: Need) -> None:
        places.append(need)
        found.setdefault(need.path, need)

    for path in national_markdown(root):
        shown = path.relative_to(root).as_posix()
        body = text(path)
        for line, name in includes(body):
            block = content_model.block_name(name)
            if block:
                add(Need(block, shown, line, "blok"))
        if not shown.startswith("docs/"):
            continue  # a rule's links are read in the page that includes it
        for line, target in content_model.page_links(body, shown[len("docs/"):]):
            if is_regional(target):
                add(Need(f"docs/{target}", shown, line, "pagina"))
    return places if every else list(found.values())
