"""Registers kept as data: the follow-up steps of the conference and the referral map.

One model for the check (scripts/checks/register_data.py), the build step
(scripts/build/tables.py) and the tests: ``load_*`` reads a YAML file and validates it,
``render_*`` turns the entries into Markdown tables. Problems read ``path:line: message``
with the line taken from the YAML node marks (``yaml.compose``), so an editor who
changes the file by merge request sees exactly where it goes wrong.

Values are read as plain text from the YAML nodes (no implicit typing), so ``112``
stays a phone number and a date like ``2026-13-01`` is reported, not a crash.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from scripts.model import clock
from scripts.model import content_model, phones
from scripts.model import region
from scripts.model import schema as schema_model
from scripts.model.findings import Finding, notice

# Marker on a line of its own that the build replaces with a rendered table:
#   <!-- tabel: vervolgstappen -->
MARKER_RE = re.compile(r"^[ \t]*<!--\s*tabel:\s*([^\s>]*)\s*-->[ \t]*$", re.M)

# The same open place inside a longer text (a step's toelichting), and anything that tries to be one.
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL_RE = content_model.URL_RE  # one rule for a valid link, shared with the front matter
ID_RE = re.compile(r"^[A-Z]{2,4}-\d{2,3}$")

dutch_date = content_model.dutch_date  # one way to write a date for readers


# --------------------------------------------------------------------------- schema


@dataclass(frozen=True)
class Register:
    name: str  # the name used in the page marker
    filename: str  # under data/
    what: str  # how an entry is called in messages ("stap", "route")
    schema: schema_model.Schema  # the fields of one entry, declared once (all text as written)

    @property
    def fields(self) -> tuple[str, ...]:
        return self.schema.names

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.schema.fields if f.required)


def _fields(what: str, *fields: tuple[str, str, bool]) -> schema_model.Schema:
    return schema_model.Schema(what, tuple(schema_model.Field(name, help, required=required)
                                           for name, help, required in fields))


# The statuses of a follow-up step and what each one tells the reader (shown under the table).
STATUS_MEANINGS = {
    "gepland": "De stap is voorgenomen en nog niet begonnen. Dat is nagegaan op de datum onder de status.",
    "lopend": "Er wordt aan gewerkt. De toelichting zegt wat er al is gebeurd.",
    "afgerond": "De stap is klaar. De toelichting zegt wat het opleverde.",
    "vervallen": "De stap gaat niet door. De toelichting zegt waarom.",
    "onbekend": "De redactie weet niet wat er van de stap is geworden. Het SWV vult de stand in.",
}
STATUSES = tuple(STATUS_MEANINGS)

# The register holds the steps of one conference (its date is in the region's profile,
# scripts/model/region.py): nothing can have happened to them before it.
# Statuses that report something that happened after the conference: they need a later date.
NEWS_STATUSES = ("lopend", "afgerond", "vervallen")
# 'gepland' says "not yet started, as far as we know now": a claim that goes stale.
GEPLAND_GELDIG_DAGEN = 365

VERVOLGSTAPPEN = Register("vervolgstappen", "vervolgstappen.yml", "stap", _fields(
    "stap",
    ("id", "vaste korte naam, zoals VS-01", True),
    ("wat", "de stap zoals het verslag hem noemt", True),
    ("wie", "wie de stap zou zetten, zoals het verslag het zegt", True),
    ("status", "de stand: " + ", ".join(STATUSES), True),
    ("bijgewerkt", "de datum waarop de stand is nagegaan, als JJJJ-MM-DD", True),
    ("toelichting", "wat er is gebeurd, of een open plek", True),
))

# The routes of the sociale kaart are national or for one of the region's gemeenten (its profile).
LANDELIJK = "landelijk"


def gemeenten(root: Path) -> tuple[str, ...]:
    """The values 'gemeente' may have: national, then the region's gemeenten in the profile's order."""
    return (LANDELIJK, *region.load(root).gemeenten)


SOCIALE_KAART = Register("sociale-kaart", "sociale-kaart.yml", "route", _fields(
    "route",
    ("partner", "de organisatie", True),
    ("gemeente", "de gemeente, of 'landelijk'", True),
    ("wanneer", "wanneer de school deze partner belt", True),
    ("route", "hoe de school de partner bereikt", True),
    ("telefoon", "een algemeen nummer uit config/toegestane-nummers.txt, of een open plek", False),
    ("website", "de https-link van de organisatie", False),
    ("contactpersoon", "een functie, nooit een naam", False),
    ("bron", "de https-link waar het nummer staat", False),
))

REGISTERS = {r.name: r for r in (VERVOLGSTAPPEN, SOCIALE_KAART)}


# --------------------------------------------------------------------------- loading


@dataclass
class Entry:
    values: dict  # field -> text
    line: int  # line of the entry's first key
    lines: dict = field(default_factory=dict)  # field -> line of its key


@dataclass
class Loaded:
    register: Register
    path: str  # as shown in messages
    entries: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    # Things to look at that never block a merge request: a claim that went stale with time
    # (the same content can be fine today and old next year, so time alone never turns CI red).
    notices: list = field(default_factory=list)
    gemeenten: tuple = ()  # the sociale kaart: the values 'gemeente' may have (gemeenten(root))

    def placeholders(self) -> int:
        return sum(
            1 for e in self.entries for v in e.values.values() if isinstance(v, str) and is_placeholder(v)
        )


def is_placeholder(value: str) -> bool:
    return bool(content_model.PLACEHOLDER_RE.fullmatch(value.strip()))


def shown_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _read_entries(register: Register, path: Path, shown: str) -> Loaded:
    """Parse the file into entries of plain text (as written), with the line of every key, and report
    what the register's schema does not allow (unknown, doubled, missing or empty fields)."""
    loaded = Loaded(register, shown)

    def err(line: int, msg: str) -> None:
        loaded.problems.append(Finding(shown, line, msg))

    if not path.is_file():
        err(1, f"bestand ontbreekt: maak {shown} aan met een lijst van items")
        return loaded
    node = schema_model.read_file(path, err, f"het bestand is leeg: zet er een lijst in met per {register.what} de "
                                             "velden " + ", ".join(register.required))
    if node is None:
        return loaded
    if not node.is_seq:
        err(node.line, f"het bestand moet een lijst zijn: begin elke {register.what} met '- '")
        return loaded
    for item in node.items():
        pairs = item.pairs()
        label = _label(register, Entry(values={key: value.text for key, _, value in pairs}, line=item.line))
        fields = register.schema.read(item, err, label=label)
        if fields is None:
            continue
        key_lines = {key: line for key, line, _ in reversed(pairs)}  # the first of a doubled key
        loaded.entries.append(Entry(
            values={key: value.text for key, value in fields.items()},  # None for a list where text belongs
            line=item.line, lines={key: key_lines[key] for key in fields}))
    return loaded


def _label(register: Register, entry: Entry) -> str:
    if register is VERVOLGSTAPPEN and isinstance(entry.values.get("id"), str):
        return f"stap '{entry.values['id']}'"
    if register is SOCIALE_KAART and isinstance(entry.values.get("partner"), str):
        return f"route '{entry.values['partner']}' ({entry.values.get('gemeente') or '?'})"
    return register.what


def _text(entry: Entry, key: str) -> str | None:
    value = entry.values.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def parse_date(value: str) -> dt.date | None:
    if not DATE_RE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def load_vervolgstappen(path: Path | None = None, *, root: Path, today: dt.date | None = None) -> Loaded:
    path = path or root / region.DATA_DIR / VERVOLGSTAPPEN.filename
    loaded = _read_entries(VERVOLGSTAPPEN, path, shown_path(path, root))
    today = today or clock.today()
    conference = region.load(root).conferentie  # None: the profile names no conference (it says so itself)
    seen: dict[str, int] = {}
    for entry in loaded.entries:
        label = _label(VERVOLGSTAPPEN, entry)
        ident = _text(entry, "id")
        if ident:
            line = entry.lines["id"]
            if not ID_RE.match(ident):
                loaded.problems.append(Finding(
                    loaded.path, line, f"{label}: id moet eruitzien als 'VS-01' (letters, streepje, cijfers)",
                ))
            if ident in seen:
                loaded.problems.append(Finding(
                    loaded.path, line, f"id '{ident}' komt twee keer voor (eerder op regel {seen[ident]})",
                ))
            else:
                seen[ident] = line
        status = _text(entry, "status")
        if status and status not in STATUSES:
            loaded.problems.append(Finding(
                loaded.path, entry.lines["status"],
                f"{label}: onbekende status '{status}' (kies uit: {', '.join(STATUSES)})",
            ))
        raw = _text(entry, "bijgewerkt")
        day = None
        if raw:
            day = parse_date(raw)
            line = entry.lines["bijgewerkt"]
            if day is None:
                loaded.problems.append(Finding(
                    loaded.path, line,
                    f"{label}: veld 'bijgewerkt' moet een bestaande datum zijn als JJJJ-MM-DD, niet '{raw}'",
                ))
            elif day > today:
                loaded.problems.append(Finding(
                    loaded.path, line, f"{label}: veld 'bijgewerkt' ligt in de toekomst ({raw})",
                ))
            elif conference and day < conference:
                loaded.problems.append(Finding(
                    loaded.path, line,
                    f"{label}: veld 'bijgewerkt' ({raw}) ligt voor de conferentie van {dutch_date(conference)}",
                ))
        if status in STATUSES and day is not None and day <= today:
            _check_status(loaded, entry, label, status, day, today, conference)
        _check_placeholders(loaded, entry, label)
    return loaded


def _check_status(loaded: Loaded, entry: Entry, label: str, status: str, day: dt.date, today: dt.date,
                  conference: dt.date | None) -> None:
    """What a status claims must be backed: by a date after the conference, or by an open place."""
    line = entry.lines["status"]
    if status in NEWS_STATUSES and conference and day <= conference:
        loaded.problems.append(Finding(
            loaded.path, entry.lines["bijgewerkt"],
            f"{label}: status '{status}' meldt iets van na de conferentie; zet bij 'bijgewerkt' de datum"
            f" (na {dutch_date(conference)}) waarop dat is nagegaan",
        ))
    if status == "gepland" and (today - day).days > GEPLAND_GELDIG_DAGEN:
        loaded.notices.append(notice(
            loaded.path, line,
            f"let op: {label}: status 'gepland' is voor het laatst nagegaan op {dutch_date(day)}, langer dan een jaar"
            " geleden; ga na wat er van de stap is geworden, of kies 'onbekend' met in de toelichting"
            " '[nog in te vullen door het SWV: wat]'",
        ))
    toelichting = entry.values.get("toelichting")
    if status == "onbekend" and isinstance(toelichting, str) and not content_model.PLACEHOLDER_RE.search(toelichting):
        loaded.problems.append(Finding(
            loaded.path, entry.lines.get("toelichting", entry.line),
            f"{label}: bij status 'onbekend' hoort in de toelichting een open plek voor het SWV:"
            " '[nog in te vullen door het SWV: wat]'",
        ))
    if status != "onbekend" and isinstance(toelichting, str) and content_model.PLACEHOLDER_RE.search(toelichting):
        loaded.problems.append(Finding(
            loaded.path, entry.lines["toelichting"],
            f"{label}: de toelichting heeft nog een open plek; vul die in, of zet de status op 'onbekend'",
        ))


def _check_placeholders(loaded: Loaded, entry: Entry, label: str) -> None:
    for key, value in entry.values.items():
        if not isinstance(value, str):
            continue
        for attempt in content_model.PLACEHOLDER_ATTEMPT_RE.findall(value):
            if not content_model.PLACEHOLDER_RE.fullmatch(attempt) or key != "toelichting":
                where = "" if key == "toelichting" else " (een open plek hoort alleen in 'toelichting')"
                loaded.problems.append(Finding(
                    loaded.path, entry.lines.get(key, entry.line),
                    f"{label}: veld '{key}': schrijf een open plek precies als"
                    f" '[nog in te vullen door het SWV: wat]'{where}",
                ))


def load_sociale_kaart(path: Path | None = None, *, root: Path) -> Loaded:
    path = path or root / region.DATA_DIR / SOCIALE_KAART.filename
    loaded = _read_entries(SOCIALE_KAART, path, shown_path(path, root))
    loaded.gemeenten = gemeenten(root)
    seen: dict[tuple[str, str], int] = {}
    for entry in loaded.entries:
        label = _label(SOCIALE_KAART, entry)

        def err(key: str, msg: str) -> None:
            loaded.problems.append(Finding(loaded.path, entry.lines.get(key, entry.line), f"{label}: {msg}"))

        gemeente = _text(entry, "gemeente")
        if gemeente and gemeente not in loaded.gemeenten:
            err("gemeente", f"onbekende gemeente '{gemeente}' (kies uit: {', '.join(loaded.gemeenten)};"
                            f" een nieuwe gemeente komt eerst in {region.PROFILE_FILE})")
        partner = _text(entry, "partner")
        if partner and gemeente:
            key = (partner, gemeente)
            if key in seen:
                err("partner", f"staat twee keer in de sociale kaart (eerder op regel {seen[key]})")
            else:
                seen[key] = entry.line
        telefoon = _text(entry, "telefoon")
        if telefoon and not is_placeholder(telefoon):
            if phones.parse(telefoon) is None:  # the one phone rule, scripts/model/phones.py
                err("telefoon", f"'{telefoon}' is geen telefoonnummer: schrijf het zoals u het belt (0800-2000,"
                                " 14 070, 112), of een tekst '[nog in te vullen door het SWV: ...]'")
            if not _text(entry, "bron"):
                err("telefoon", "een ingevuld telefoonnummer heeft een 'bron' nodig (https-link naar de"
                                " officiële pagina waar het nummer staat)")
        for key in ("website", "bron"):
            value = _text(entry, key)
            if value and not is_placeholder(value) and not URL_RE.match(value):
                err(key, f"veld '{key}' moet een https-link zijn, niet '{value}'")
        for key in SOCIALE_KAART.fields:
            value = _text(entry, key)
            if value and value.startswith("[") and not is_placeholder(value):
                err(key, f"veld '{key}': schrijf een open plek precies als "
                         "'[nog in te vullen door het SWV: wat]'")
    return loaded


LOADERS = {"vervolgstappen": load_vervolgstappen, "sociale-kaart": load_sociale_kaart}


def load(name: str, root: Path, today: dt.date | None = None) -> Loaded:
    """One register with its problems (errors) and notices; ``today`` as for load_vervolgstappen."""
    if name == VERVOLGSTAPPEN.name:
        return load_vervolgstappen(root=root, today=today)
    return LOADERS[name](root=root)


# --------------------------------------------------------------------------- rendering


def _placeholder_span(what: str) -> str:
    return f'<span class="nog-in-te-vullen">[nog in te vullen door het SWV: {html.escape(what)}]</span>'


def cell(value: str | None) -> str:
    """One table cell: escaped text, placeholders (whole or inside the text) marked for the SWV."""
    if value is None or not value.strip():
        return "–"
    value = " ".join(value.split())
    parts, at = [], 0
    for match in content_model.PLACEHOLDER_RE.finditer(value):
        parts.append(html.escape(value[at:match.start()], quote=False).replace("|", "&#124;"))
        parts.append(_placeholder_span(match.group(1)).replace("|", "&#124;"))
        at = match.end()
    parts.append(html.escape(value[at:], quote=False).replace("|", "&#124;"))
    return "".join(parts)


def link(url: str | None, as_html: bool = False) -> str:
    """A link named after its site (``politie.nl``), so link texts say where they go; Markdown,
    or HTML for a raw HTML table (no Markdown is parsed in there)."""
    if not url or not url.strip():
        return "–"
    url = url.strip()
    if is_placeholder(url):
        return _inline(url) if as_html else cell(url)
    host = url.split("/")[2].removeprefix("www.")
    return f'<a href="{html.escape(url)}">{html.escape(host)}</a>' if as_html else f"[{host}]({url})"


def render_vervolgstappen(loaded: Loaded) -> str:
    rows = [
        "| Nr. | Wat | Wie | Status (bijgewerkt) | Toelichting |",
        "| --- | --- | --- | --- | --- |",
    ]
    for e in loaded.entries:
        day = parse_date(e.values.get("bijgewerkt") or "")
        rows.append(
            f"| {cell(e.values.get('id'))} | {cell(e.values.get('wat'))} | {cell(e.values.get('wie'))} "
            f"| **{cell(e.values.get('status'))}**<br>{dutch_date(day) if day else '–'} "
            f"| {cell(e.values.get('toelichting'))} |"
        )
    counts = {s: sum(1 for e in loaded.entries if e.values.get("status") == s) for s in STATUSES}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    return "\n".join(rows) + f"\n\n*Stand: {len(loaded.entries)} stappen ({summary}).*\n\n" + render_statuses()


def render_statuses() -> str:
    """The meaning of every status, from the model, so page and check never disagree."""
    rows = ["## Wat betekent de status?", "", "| Status | Betekenis |", "| --- | --- |"]
    rows += [f"| **{status}** | {html.escape(meaning, quote=False)} |" for status, meaning in STATUS_MEANINGS.items()]
    return "\n".join(rows) + "\n"


GEMEENTE_TITLES = {LANDELIJK: "Landelijke nummers (voor alle gemeenten)"}
# Column headings of the referral map. On a wide screen and on paper they head a table; below
# about 600 px (docs/assets/sociale-kaart.css) every row is a card and each cell shows its heading
# from the data-label attribute. One rendering, so table and cards never disagree.
KAART_KOLOMMEN = ("Partner", "Wanneer", "Route", "Telefoon", "Website en contactpersoon")


def gemeente_slug(gemeente: str) -> str:
    """A gemeente as an HTML id part: 'Stad aan de Rivier' -> 'stad-aan-de-rivier'."""
    return re.sub(r"[^a-z0-9]+", "-", gemeente.lower()).strip("-")


def _inline(value: str | None) -> str:
    """Escaped HTML for a cell of a raw HTML table (no Markdown is parsed in there)."""
    return cell(value).replace("&#124;", "|")


def _filter(gemeenten: list[str]) -> str:
    """Radio buttons that show one gemeente (CSS only, docs/assets/sociale-kaart.css); the
    national numbers stay in view. Kept out of the search index and hidden on paper."""
    choices = [("alle", "Alle gemeenten")] + [(gemeente_slug(g), g) for g in gemeenten if g != LANDELIJK]
    if len(choices) <= 2:
        return ""
    items = "".join(
        f'<span class="sk-keuze"><input type="radio" name="sk-gemeente" id="sk-toon-{slug}" value="{slug}"'
        f'{" checked" if slug == "alle" else ""}><label for="sk-toon-{slug}">{html.escape(label)}</label></span>'
        for slug, label in choices
    )
    return (_filter_style([slug for slug, _ in choices[1:]])
            + f'<fieldset class="sk-filter" data-search-exclude><legend>Toon de routes van</legend>{items}'
            "</fieldset>\n")


def _filter_style(slugs: list[str]) -> str:
    """The rules that make the filter work: a chosen gemeente hides the other gemeenten (headings and
    tables), never the national numbers. One rule per gemeente of this kaart, written with the page,
    so the stylesheet names no gemeente and any region's kaart filters the same way."""
    national = f':not([data-gemeente="{gemeente_slug(LANDELIJK)}"])'
    rules = ",\n".join(f'.md-content:has(#sk-toon-{slug}:checked) [data-gemeente]{national}'
                       f':not([data-gemeente="{slug}"])' for slug in slugs)
    return f"<style>\n{rules} {{\n  display: none;\n}}\n</style>\n\n"


def _route_row(v: dict) -> str:
    number = v.get("telefoon")
    if number and not is_placeholder(number) and v.get("bron"):
        # The number as text: scripts/build/phone_links.py makes it a tel: link (the call button on a
        # phone). Class 'telefoon' (docs/assets/extra.css) keeps it on one line.
        telefoon = (f'<strong class="telefoon sk-bel">{_inline(number)}</strong> '
                    f'(<a class="sk-bron" href="{html.escape(v["bron"].strip())}">bron</a>)')
    else:
        telefoon = _inline(number)
    contact = [link(v.get("website"), as_html=True)] if v.get("website") else []
    if v.get("contactpersoon"):
        contact.append(_inline(v.get("contactpersoon")))
    cells = (_inline(v.get("partner")), _inline(v.get("wanneer")), _inline(v.get("route")), telefoon,
             "<br>".join(contact) or "–")
    # One cell per line, as Markdown writes a table: the search index reads a line break as a space.
    tds = "\n".join(f'<td data-label="{label}">{content}</td>' for label, content in zip(KAART_KOLOMMEN, cells))
    return f"<tr>\n{tds}\n</tr>"


def render_sociale_kaart(loaded: Loaded) -> str:
    present = [g for g in loaded.gemeenten if any(e.values.get("gemeente") == g for e in loaded.entries)]
    parts = [_filter(present)]
    head = "\n".join(f"<th>{label}</th>" for label in KAART_KOLOMMEN)
    for gemeente in present:
        slug = gemeente_slug(gemeente)
        entries = [e for e in loaded.entries if e.values.get("gemeente") == gemeente]
        parts.append(f'## {GEMEENTE_TITLES.get(gemeente, gemeente)} {{: data-gemeente="{slug}" }}\n')
        rows = "\n".join(_route_row(e.values) for e in entries)
        parts.append(f'<div class="sk-groep" data-gemeente="{slug}">\n<table>\n<thead>\n<tr>\n{head}\n</tr>\n</thead>\n'
                     f"<tbody>\n{rows}\n</tbody>\n</table>\n</div>\n")
    return "\n".join(parts) + f"\n*Open plekken in deze kaart: {loaded.placeholders()}.*\n"


RENDERERS = {"vervolgstappen": render_vervolgstappen, "sociale-kaart": render_sociale_kaart}


def render(name: str, root: Path) -> tuple[str, list[Finding]]:
    """The table for a page marker, or the problems that stop it."""
    loaded = load(name, root)
    if loaded.problems:
        return "", loaded.problems
    return RENDERERS[name](loaded), []


def markers(text: str):
    """(name, line) for every table marker in a page, outside fenced code."""
    for line, match in content_model.finditer_outside_code(MARKER_RE, text):
        yield match.group(1), line


def unknown_marker_message(name: str) -> str:
    return f"onbekende tabel '{name}' in een markering <!-- tabel: ... --> (bekend: {', '.join(REGISTERS)})"
