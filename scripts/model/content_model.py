"""The content model: one front matter schema for every page under docs/.

The checks (scripts/check.py), the build (scripts/build/content.py) and the
scaffolder (scripts/new_page.py) all read the schema from here, so a field is
defined once. Errors read ``path:line: message`` in words an editor understands.
"""
from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.model import clock
from scripts.model.findings import Finding
from scripts import ROOT

DOCS = ROOT / "docs"
# Canonical rules, written once and included in pages with a line  --8<-- "naam.md"
# (pymdownx.snippets; mkdocs.yml points its base_path at the same folder).
RULES_DIR = "regels"
SNIPPET_MARK = "--8<--"

DOELGROEPEN = (
    "docent",
    "mentor",
    "zorgcoördinator",
    "veiligheidscoördinator",
    "schoolleider",
    "bestuur",
    "ketenpartner",
)
THEMAS = ("preventie", "signalering", "curatie", "crisis", "recht", "samenwerking")

SECTIONS = (
    "conferentie",
    "drillrap",
    "signalering",
    "wetgeving",
    "convenanten",
    "handelen",
    "samenwerking",
    "nieuws",
    "over",
)

# Pages in these sections are legal guidance: they need sources and are reviewed yearly.
LEGAL_SECTIONS = ("wetgeving",)
LEGAL_MIN_SOURCES = 2
REVIEW_MONTHS_LEGAL = 12
REVIEW_MONTHS_OTHER = 24

URL_RE = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[^\s]*)?$")


@dataclass(frozen=True)
class Field:
    name: str
    required: bool
    help: str


# The schema. Order is the order the scaffolder writes them in.
FIELDS = (
    Field("title", True, "de titel van de pagina"),
    Field("description", True, "één zin die zegt wat de lezer hier vindt (ook voor zoekmachines)"),
    Field("doelgroep", True, "lijst met lezers, uit: " + ", ".join(DOELGROEPEN)),
    Field("thema", True, "lijst met thema's, uit: " + ", ".join(THEMAS)),
    Field("eigenaar", True, "een rol, geen naam (bijvoorbeeld 'redactie SWV')"),
    Field("laatst_gecontroleerd", True, "datum van de laatste inhoudelijke controle, als JJJJ-MM-DD"),
    Field("bronnen", False, "lijst met bronnen, elk met 'titel' en 'url' (https)"),
    Field("zoekwoorden", False, "lijst met woorden die lezers intypen (synoniemen, meervouden)"),
    # Training modules
    Field("duur", False, "geschatte duur in minuten (modules)"),
    Field("leerdoelen", False, "lijst met leerdoelen (modules)"),
    # Material and plugin settings that editors may use
    Field("quiz", False, "instellingen van mkdocs-quiz (alleen op pagina's met een toets)"),
    Field("search", False, "instellingen voor de zoekfunctie"),
    Field("hide", False, "onderdelen van het thema verbergen"),
    Field("tags", False, "trefwoorden"),
    # Blog posts (nieuws)
    Field("date", False, "datum van een nieuwsbericht"),
    Field("categories", False, "categorieën van een nieuwsbericht"),
    Field("slug", False, "korte naam in het webadres van een nieuwsbericht"),
    Field("template", False, "afwijkend sjabloon"),
    Field("download", False, "naam van het downloadbare bestand (sjablonen)"),
)
FIELD_NAMES = {f.name: f for f in FIELDS}


@dataclass
class Page:
    path: str  # relative to docs/, with forward slashes
    meta: dict
    lines: dict = field(default_factory=dict)  # key -> line number in the file
    problems: list = field(default_factory=list)

    @property
    def section(self) -> str:
        return self.path.split("/", 1)[0] if "/" in self.path else ""

    @property
    def is_legal(self) -> bool:
        return self.section in LEGAL_SECTIONS

    @property
    def review_months(self) -> int:
        return REVIEW_MONTHS_LEGAL if self.is_legal else REVIEW_MONTHS_OTHER

    def review_due(self) -> dt.date | None:
        checked = self.meta.get("laatst_gecontroleerd")
        if not isinstance(checked, dt.date):
            return None
        return add_months(checked, self.review_months)

    def overdue(self, today: dt.date | None = None) -> bool:
        due = self.review_due()
        return due is not None and (today or clock.today()) > due


MONTHS_NL = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


def dutch_date(day: dt.date) -> str:
    """1 januari 2027: the one way the site writes a date for readers."""
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"


def add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    # The last valid day of the target month (29 Feb -> 28 Feb).
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster per page


def yaml_error(exc: yaml.YAMLError, first_line: int = 1) -> tuple[int, str]:
    """Line and Dutch message for invalid YAML; ``first_line``: the file line of the text's first line."""
    mark = getattr(exc, "problem_mark", None)
    return (mark.line + first_line if mark else 1), f"geen geldige YAML: {getattr(exc, 'problem', None) or exc}"


class _Loader(FAST_LOADER):
    """SafeLoader that keeps an impossible date (2026-13-01) as text, so that the check can
    name the field and line instead of failing on the whole file."""


def _timestamp(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def load_yaml(text: str):
    return yaml.load(text, Loader=_Loader)


def body_start(lines: list[str]) -> int:
    """Index of the first line after the front matter; 0 when there is none."""
    if not lines or lines[0].strip() != "---":
        return 0
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return i + 1
    return 0


def split_front_matter(text: str) -> tuple[str | None, int]:
    """Return (yaml text, line number of the first yaml line) or (None, 0)."""
    lines = text.splitlines()
    end = body_start(lines)
    if not end:
        return None, 0
    return "\n".join(lines[1:end - 1]), 2


def _key_lines(yaml_text: str, first_line: int) -> dict:
    """Map each top-level key to its line in the file, using the YAML node marks."""
    node = yaml.compose(yaml_text, Loader=_Loader)
    result = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            result[key.value] = key.start_mark.line + first_line
            if isinstance(value, yaml.SequenceNode):
                for idx, item in enumerate(value.value):
                    result[f"{key.value}[{idx}]"] = item.start_mark.line + first_line
    return result


def load_page(path: Path, docs: Path = DOCS, today: dt.date | None = None, text: str | None = None) -> Page:
    """One page with its front matter problems (errors); a 'laatst_gecontroleerd' after ``today``
    (default: the clock's today) is one of them. ``text``: the file's text if the caller has it."""
    rel = path.relative_to(docs).as_posix()
    shown = f"docs/{rel}"
    if text is None:
        text = path.read_text(encoding="utf-8")
    page = Page(path=rel, meta={})
    yaml_text, first = split_front_matter(text)
    if yaml_text is None:
        page.problems.append(
            Finding(shown, 1, "front matter ontbreekt: begin de pagina met '---', de velden en weer '---'")
        )
        return page
    try:
        meta = load_yaml(yaml_text) or {}
        page.lines = _key_lines(yaml_text, first)
    except yaml.YAMLError as exc:
        line, message = yaml_error(exc, first)
        page.problems.append(Finding(shown, line, f"front matter is {message}"))
        return page
    if not isinstance(meta, dict):
        page.problems.append(Finding(shown, first, "front matter moet velden met waarden bevatten"))
        return page
    page.meta = meta
    page.problems.extend(validate(page, today))
    return page


def page_from_meta(path: Path, docs: Path, meta: dict, today: dt.date | None = None) -> Page:
    """A page from front matter that MkDocs already read (``page.meta`` in the build), checked by
    the same rules as load_page. Only when a rule fails is the file read again, by load_page, for
    the line numbers of the message; a page that passes is never read a second time."""
    page = Page(path=path.relative_to(docs).as_posix(), meta=dict(meta))
    if isinstance(meta, dict) and meta and not validate(page, today):
        return page
    return load_page(path, docs, today)


def validate(page: Page, today: dt.date | None = None) -> list[Finding]:
    """All problems with one page's front matter (errors)."""
    meta, shown = page.meta, f"docs/{page.path}"
    out: list[Finding] = []

    def line(key: str) -> int:
        return page.lines.get(key, 1)

    def err(key: str, msg: str) -> None:
        out.append(Finding(shown, line(key), msg))

    for key in meta:
        if key not in FIELD_NAMES:
            err(key, f"onbekend veld '{key}' (toegestaan: {', '.join(FIELD_NAMES)})")
    for f in FIELDS:
        if f.required and f.name not in meta:
            out.append(Finding(shown, 1, f"veld '{f.name}' ontbreekt: {f.help}"))

    for key in ("title", "description", "eigenaar"):
        if key in meta and (not isinstance(meta[key], str) or not meta[key].strip()):
            err(key, f"veld '{key}' moet tekst zijn en mag niet leeg zijn")

    for key, allowed in (("doelgroep", DOELGROEPEN), ("thema", THEMAS)):
        if key not in meta:
            continue
        value = meta[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            err(key, f"veld '{key}' moet een lijst zijn met minstens één waarde uit: {', '.join(allowed)}")
            continue
        for idx, item in enumerate(value):
            if item not in allowed:
                out.append(
                    Finding(
                        shown,
                        page.lines.get(f"{key}[{idx}]", line(key)),
                        f"veld '{key}': onbekende waarde '{item}' (kies uit: {', '.join(allowed)})",
                    )
                )

    if "laatst_gecontroleerd" in meta:
        value = meta["laatst_gecontroleerd"]
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            err("laatst_gecontroleerd", "veld 'laatst_gecontroleerd' moet een datum zijn als JJJJ-MM-DD")
        elif value > (today or clock.today()):
            err("laatst_gecontroleerd", f"veld 'laatst_gecontroleerd' ligt in de toekomst ({value})")

    if page.is_legal:
        bronnen = meta.get("bronnen")
        if not isinstance(bronnen, list) or len(bronnen) < LEGAL_MIN_SOURCES:
            err(
                "bronnen" if "bronnen" in meta else "title",
                f"veld 'bronnen': een juridische pagina heeft minstens {LEGAL_MIN_SOURCES} bronnen nodig",
            )
    if "bronnen" in meta:
        bronnen = meta["bronnen"]
        if not isinstance(bronnen, list):
            err("bronnen", "veld 'bronnen' moet een lijst zijn van items met 'titel' en 'url'")
        else:
            for idx, item in enumerate(bronnen):
                where = page.lines.get(f"bronnen[{idx}]", line("bronnen"))
                if not isinstance(item, dict) or set(item) != {"titel", "url"}:
                    out.append(Finding(shown, where, "bron moet precies de velden 'titel' en 'url' hebben"))
                    continue
                if not isinstance(item["titel"], str) or not item["titel"].strip():
                    out.append(Finding(shown, where, "bron heeft een lege 'titel'"))
                if not isinstance(item["url"], str) or not URL_RE.match(item["url"]):
                    out.append(
                        Finding(shown, where, f"bron heeft geen geldige https-link: '{item.get('url')}'")
                    )

    for key in ("zoekwoorden", "leerdoelen", "tags"):
        if key in meta:
            value = meta[key]
            # A number such as 112 is a fine search word; YAML reads it as a number.
            scalar = (str, int) if key == "zoekwoorden" else (str,)
            if not isinstance(value, list):
                err(key, f"veld '{key}' moet een lijst met tekst zijn")
                continue
            for idx, item in enumerate(value):
                if not isinstance(item, scalar) or isinstance(item, bool) or not str(item).strip():
                    hint = (" (bevat de tekst een dubbele punt? Zet hem dan tussen aanhalingstekens)"
                            if isinstance(item, dict) else "")
                    out.append(Finding(shown, page.lines.get(f"{key}[{idx}]", line(key)),
                                       f"veld '{key}': item {idx + 1} is geen tekst{hint}"))
    if "duur" in meta and (not isinstance(meta["duur"], int) or meta["duur"] <= 0):
        err("duur", "veld 'duur' moet een positief aantal minuten zijn")
    return out


def list_file(path: Path) -> list[str]:
    """A list file under config/: one entry per line; '#' starts a comment; blank lines are
    skipped. A missing file is an empty list. Every list file is read by this function."""
    if not path.is_file():
        return []
    entries = (raw.split("#", 1)[0].strip() for raw in path.read_text(encoding="utf-8").splitlines())
    return [entry for entry in entries if entry]


def page_meta(path: Path) -> dict:
    """The front matter of one page, read once per version of the file (the same loader as
    load_page); {} when it has none or it is not valid (load_page names the problem)."""
    stat = path.stat()
    return _page_meta(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=1024)
def _page_meta(path: Path, _mtime: int, _size: int) -> dict:
    return load_page(path, path.parent).meta


def iter_pages(docs: Path = DOCS, today: dt.date | None = None):
    for path in sorted(docs.rglob("*.md")):
        yield load_page(path, docs, today)


def check_all(docs: Path = DOCS, today: dt.date | None = None) -> tuple[list[Page], list[Finding]]:
    pages = list(iter_pages(docs, today))
    return pages, [p for page in pages for p in page.problems]


def markdown_sources(root: Path = ROOT) -> list[Path]:
    """Every Markdown file readers see: the pages and the canonical rules they include."""
    return sorted((root / "docs").rglob("*.md")) + sorted((root / RULES_DIR).glob("*.md"))


def snippet_expander(root: Path = ROOT):
    """A function that expands ``--8<-- "naam.md"`` lines in numbered lines ``(line, text)``,
    with pymdownx.snippets itself (the build's own expander). Included lines keep the line
    number of the include, so a problem in them points at the page line that includes them.
    A missing rule file raises SnippetError, a ValueError that carries the finding."""
    import markdown
    from pymdownx.snippets import SnippetMissingError

    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": {"base_path": [str(root / RULES_DIR)], "check_paths": True}},
    )
    pre = md.preprocessors["snippet"]

    def expand(numbered: list[tuple[int, str]], shown: str) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for number, line in numbered:
            if SNIPPET_MARK not in line:
                out.append((number, line))
                continue
            try:
                lines = pre.run([line])
            except SnippetMissingError as exc:
                raise SnippetError(Finding(shown, number, f"regel niet gevonden in {RULES_DIR}/: {exc}")) from exc
            out.extend((number, text) for text in lines)
        return out

    return expand


class SnippetError(ValueError):
    def __init__(self, problem: Finding):
        super().__init__(str(problem))
        self.problem = problem


def rule_includes(root: Path = ROOT):
    """A function that gives the rule files a page body includes, as paths relative to ``root``
    (``regels/naam.md``), in order and each once, with the rules those rules include. Include lines
    in code are text, not includes (body_lines); the names are read and found by pymdownx.snippets
    itself, as the build does. A name that is not there is left out (the build reports it)."""
    import markdown

    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": {"base_path": [str(root / RULES_DIR)]}},
    )
    pre = md.preprocessors["snippet"]

    def find(text: str, found: list[str] | None = None) -> list[str]:
        found = [] if found is None else found
        for _, line in body_lines(text, front_matter=True):
            match = SNIPPET_MARK in line and pre.RE_ALL_SNIPPETS.match(line)
            if not match or match.group("escape") or not match.group("inline_marker"):
                continue
            target = pre.parse_snippet_target(match.group("snippet")[1:-1].strip())
            path = target and pre.get_snippet_path(target["path"])
            if not path:
                continue
            name = Path(path).relative_to(Path(root).absolute()).as_posix()
            if name not in found:
                found.append(name)
                find(Path(path).read_text(encoding="utf-8"), found)
        return found

    return lambda text: find(text)


def site_config(root: Path = ROOT, name: str = "mkdocs.yml") -> dict:
    """The site configuration as MkDocs reads it (!ENV tags, INHERIT), with
    ``!relative $config_dir/...`` given as an absolute path. Every reader of mkdocs.yml
    outside the build asks this function."""
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    loader = get_yaml_loader()  # a fresh subclass: adding a constructor changes nothing else

    def relative(ldr, node):
        return ldr.construct_scalar(node).replace("$config_dir", str(root))

    loader.add_constructor("!relative", relative)
    with open(root / name, encoding="utf-8") as fh:
        return yaml_load(fh, loader=loader)


# --- markers outside code -----------------------------------------------------------------

_FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def page_url(rel_md: str) -> str:
    """The URL of a page source relative to the site root, with MkDocs' directory URLs:
    x/index.md -> x/, x/y.md -> x/y/, index.md -> '' (an '#anchor' is kept)."""
    rel_md, hash_, anchor = rel_md.partition("#")
    rel_md = posixpath.normpath(rel_md).lstrip("./") if rel_md else rel_md
    if rel_md in ("", ".") or rel_md == "index.md" or rel_md.endswith("/index.md"):
        url = rel_md[: -len("index.md")] if rel_md.endswith("index.md") else ""
    else:
        url = (rel_md[:-3] if rel_md.endswith(".md") else rel_md).rstrip("/") + "/"
    return url + hash_ + anchor


# An open place for a local detail the SWV still has to fill in, written exactly like this; anything
# else that starts like it ("[nog in te vullen: ...]") is an attempt, and the checks say how to write it.
PLACEHOLDER_RE = re.compile(r"\[nog in te vullen door het SWV: (?P<wat>[^\]\n]+)\]")
PLACEHOLDER_ATTEMPT_RE = re.compile(r"\[\s*nog in te vullen[^\]\n]*\]", re.IGNORECASE)


def code_lines(text: str) -> set[int]:
    """0-based indexes of the lines that belong to a fenced code block (fences included), as
    Python-Markdown's fenced code and pymdownx.superfences see them: a fence closes with the same
    character, at least as long. A page that shows an editor how to write a marker puts it in a
    code block, and there it is text, never a marker."""
    inside: str | None = None
    out: set[int] = set()
    for index, line in enumerate(text.splitlines()):
        match = _FENCE_RE.match(line)
        if inside is None:
            if match:
                inside = match.group(1)
                out.add(index)
        else:
            out.add(index)
            if match and match.group(1)[0] == inside[0] and len(match.group(1)) >= len(inside) \
                    and not line[match.end():].strip():
                inside = None
    return out


def body_lines(text: str, front_matter: bool = False) -> list[tuple[int, str]]:
    """The page text as the line readers see it: (line number from 1, line) for every line outside
    fenced code, from the first line after the front matter (or from the top with front_matter=True).
    Every check, report and model that reads a page line by line takes its lines from here."""
    lines = text.splitlines()
    code = code_lines(text)
    start = 0 if front_matter else body_start(lines)
    return [(i + 1, lines[i]) for i in range(start, len(lines)) if i not in code]


def sub_outside_code(pattern: re.Pattern, repl, text: str) -> str:
    """``pattern.sub(repl, text)`` on every line outside fenced code (patterns are per line)."""
    skip = code_lines(text)
    lines = text.splitlines(keepends=True)
    return "".join(line if i in skip else pattern.sub(repl, line) for i, line in enumerate(lines))


def finditer_outside_code(pattern: re.Pattern, text: str):
    """(line number from 1, match) for every match outside fenced code."""
    for number, line in body_lines(text, front_matter=True):
        for match in pattern.finditer(line):
            yield number, match
