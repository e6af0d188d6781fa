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
from scripts.model import schema
from scripts.model.findings import Finding

# Canonical rules, written once and included in pages with a line  --8<-- "naam.md"
# (pymdownx.snippets; mkdocs.yml points its base_path at the same folder).
RULES_DIR = "regels"
REGION_DIR = "regio"  # scripts/model/region.py: its passages for national pages in regio/blokken/
BLOCKS_DIR = f"{REGION_DIR}/blokken"
REGION_PAGES = f"{REGION_DIR}/"  # the region's pages under docs/
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


LEGAL_MIN_SOURCES = 2
REVIEW_MONTHS_LEGAL = 12
REVIEW_MONTHS_OTHER = 24


@dataclass(frozen=True)
class Section:
    """What a section asks of its pages, declared once: the checks, the scaffolder (`make pagina`) and
    the page notices read it here."""

    name: str
    owner: str  # the role that checks its pages, a key of the profile's 'rollen' (region.ROLES)
    doelgroep: tuple[str, ...]  # `make pagina`'s first choice; the editor adjusts it
    thema: tuple[str, ...]
    legal: bool = False  # legal guidance: sources, a yearly review, the owner fixed, "In het kort"
    template: bool = False  # a template: a Word download and fill-in fields
    review_months: int = REVIEW_MONTHS_OTHER


EDITORS, LEGAL_OWNER = "redactie", "juridisch"  # roles; their names are in the region's profile

# The national sections: the same in every region. What is a region's own (its conference, news, the
# pages about it and its part of samenwerking) lies in its folder docs/regio/ (REGION_PAGES) and has
# the rules of REGION_SECTION, whatever its folders there are called.
SECTION_LIST = (
    Section("drillrap", EDITORS, ("docent", "mentor", "veiligheidscoördinator"), ("preventie", "signalering")),
    Section("signalering", EDITORS, ("docent", "mentor", "zorgcoördinator", "veiligheidscoördinator"), ("signalering",)),
    Section("wetgeving", LEGAL_OWNER, ("docent", "mentor", "zorgcoördinator", "veiligheidscoördinator", "schoolleider"),
            ("recht",), legal=True, review_months=REVIEW_MONTHS_LEGAL),
    Section("convenanten", EDITORS, ("veiligheidscoördinator", "schoolleider", "bestuur"), ("samenwerking", "preventie"),
            template=True),
    Section("handelen", EDITORS, ("docent", "mentor", "veiligheidscoördinator", "schoolleider"), ("crisis", "curatie")),
    Section("samenwerking", EDITORS, ("zorgcoördinator", "veiligheidscoördinator", "schoolleider", "ketenpartner"),
            ("samenwerking",)),
)
SECTION_RULES = {s.name: s for s in SECTION_LIST}
SECTIONS = tuple(SECTION_RULES)
REGION_SECTION = Section(REGION_DIR, EDITORS, ("docent", "schoolleider", "veiligheidscoördinator"), ("samenwerking",))
# Pages in these sections are legal guidance: they need sources and are reviewed yearly.
LEGAL_SECTIONS = tuple(s.name for s in SECTION_LIST if s.legal)
OTHER_PAGES = Section("", EDITORS, ("docent",), ("preventie",))  # the home page and pages outside a section

URL_RE = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[^\s]*)?$")

F = schema.Field
# The schema of a page's front matter. Order is the order the scaffolder writes them in.
FRONT_MATTER = schema.Schema("pagina", (
    F("title", "de titel van de pagina", required=True),
    F("description", "één zin die zegt wat de lezer hier vindt (ook voor zoekmachines)", required=True),
    F("doelgroep", "lijst met lezers, uit: " + ", ".join(DOELGROEPEN), schema.TEXTS, True, DOELGROEPEN),
    F("thema", "lijst met thema's, uit: " + ", ".join(THEMAS), schema.TEXTS, True, THEMAS),
    F("eigenaar", "een rol, geen naam (een van de rollen in regio/profiel.yml)", required=True),
    F("laatst_gecontroleerd", "datum van de laatste inhoudelijke controle, als JJJJ-MM-DD", schema.DATE, True),
    F("bronnen", "lijst met bronnen, elk met 'titel' en 'url' (https)", schema.LIST),
    F("zoekwoorden", "lijst met woorden die lezers intypen (synoniemen, meervouden)", schema.TEXTS),
    # Training modules
    F("duur", "geschatte duur in minuten (modules)", schema.NUMBER),
    F("leerdoelen", "lijst met leerdoelen (modules)", schema.TEXTS),
    # Material and plugin settings that editors may use
    F("quiz", "instellingen van mkdocs-quiz (alleen op pagina's met een toets)", schema.ANY, documented=False),
    F("search", "instellingen voor de zoekfunctie", schema.ANY, documented=False),
    F("hide", "onderdelen van het thema verbergen", schema.ANY, documented=False),
    F("tags", "trefwoorden", schema.TEXTS, documented=False),
    # Blog posts (nieuws)
    F("date", "datum van een nieuwsbericht", schema.ANY),
    F("categories", "categorieën van een nieuwsbericht", schema.ANY),
    F("slug", "korte naam in het webadres van een nieuwsbericht", documented=False),
    F("template", "afwijkend sjabloon", documented=False),
    F("download", "naam van het downloadbare bestand (sjablonen): de naam van de pagina + .docx"),
))
FIELDS = FRONT_MATTER.fields
FIELD_NAMES = {f.name: f for f in FIELDS}


def section_of(rel: str) -> Section:
    """The rules of the section a page (path relative to docs/) belongs to: a national section, the
    region's (any page in docs/regio/, whatever its folder there), or OTHER_PAGES."""
    if rel.startswith(REGION_PAGES):
        return REGION_SECTION
    return SECTION_RULES.get(section_name(rel), OTHER_PAGES)


def section_name(rel: str) -> str:
    if rel.startswith(REGION_PAGES):
        rel = rel[len(REGION_PAGES):]
    return rel.split("/", 1)[0] if "/" in rel else ""


@dataclass
class Page:
    path: str  # relative to docs/, with forward slashes
    meta: dict
    lines: dict = field(default_factory=dict)  # key -> line number in the file
    problems: list = field(default_factory=list)
    months: int | None = None  # the region's review period for this page (profile 'controle_maanden'), if it sets one

    @property
    def section(self) -> str:
        return section_name(self.path)

    @property
    def rules(self) -> Section:
        return section_of(self.path)

    @property
    def is_legal(self) -> bool:
        return self.rules.legal

    @property
    def review_months(self) -> int:
        return self.months or self.rules.review_months

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


FAST_LOADER = schema.FAST_LOADER
yaml_error = schema.yaml_error  # line and Dutch message of invalid YAML
load_yaml = schema.load_yaml  # plain values: an impossible date (2026-13-01) stays text, the check names it


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


def _key_lines(root: schema.Node) -> dict:
    """Each top-level key, and each item of a list as 'key[i]', with its line in the file."""
    result = {}
    for key, line, value in root.pairs():
        result[key] = line
        if value.is_seq:
            for idx, item in enumerate(value.items()):
                result[f"{key}[{idx}]"] = item.line
    return result


def load_page(path: Path, docs: Path, today: dt.date | None = None, text: str | None = None) -> Page:
    """One page with its front matter problems (errors); a 'laatst_gecontroleerd' after ``today``
    (default: the clock's today) is one of them. ``text``: the file's text if the caller has it."""
    rel = path.relative_to(docs).as_posix()
    shown = f"docs/{rel}"
    if text is None:
        text = path.read_text(encoding="utf-8")
    page = Page(path=rel, meta={}, months=region_review_months(docs.parent, section_of(rel)))
    yaml_text, first = split_front_matter(text)
    if yaml_text is None:
        page.problems.append(
            Finding(shown, 1, "front matter ontbreekt: begin de pagina met '---', de velden en weer '---'")
        )
        return page
    try:
        root = schema.compose(yaml_text, first)
    except schema.YamlProblem as exc:
        page.problems.append(Finding(shown, exc.line, f"front matter is {exc.message}"))
        return page
    if root is None or not root.is_map:
        page.problems.append(Finding(shown, first, "front matter moet velden met waarden bevatten"))
        return page
    page.meta = root.value or {}
    page.lines = _key_lines(root)
    page.problems.extend(validate(page, today, root, docs.parent))
    return page


def page_from_meta(path: Path, docs: Path, meta: dict, today: dt.date | None = None) -> Page:
    """A page whose front matter MkDocs already read (``page.meta`` in the build), checked by the same
    rules as load_page, by load_page: composing the file's own front matter (with its lines) costs a
    quarter of writing ``meta`` out as YAML and composing that, so the file is read once more."""
    return load_page(path, docs, today)


def region_review_months(project_root: Path, section: Section) -> int | None:
    """The review period the region's profile sets for a section's pages ('controle_maanden'), or None:
    then the section's own (REVIEW_MONTHS_LEGAL, REVIEW_MONTHS_OTHER)."""
    from scripts.model import region

    months = region.load(project_root).controle_maanden
    return months.get("juridisch" if section.legal else "overig")


def section_owner(section: Section, project_root: Path) -> str | None:
    """The name of the role that owns a section's pages, as the region's profile writes it; None when the
    project has no profile (`make check` reports that itself)."""
    from scripts.model import region

    profile = region.load(project_root)
    return None if profile.problems and not profile.rollen else profile.role(section.owner)


def validate(page: Page, today: dt.date | None = None, root: schema.Node | None = None,
             project_root: Path | None = None) -> list[Finding]:
    """All problems with one page's front matter (errors): the schema FRONT_MATTER, the rules of the
    page's section, and what one field asks of its value. Without the YAML nodes (``root``: the build,
    which has only page.meta) the front matter is composed from the values, so the rules are the same
    and only the lines are missing."""
    meta, shown = page.meta, f"docs/{page.path}"
    out: list[Finding] = []
    if root is None:
        root = schema.compose(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False)) \
            or schema.compose("{}")

    def line(key: str) -> int:
        return page.lines.get(key, 1)

    def err(key: str, msg: str) -> None:
        out.append(Finding(shown, line(key), msg))

    def report(at: int, message: str) -> None:
        out.append(Finding(shown, at if page.lines else 1, message))

    section = page.rules
    # A missing field is reported at the page's first line, '---'.
    fields = FRONT_MATTER.read(root, report, missing_line=1) or {}

    if "laatst_gecontroleerd" in fields and not schema.kind_problems(FRONT_MATTER.field("laatst_gecontroleerd"),
                                                                     fields["laatst_gecontroleerd"]):
        value = meta["laatst_gecontroleerd"]
        if value > (today or clock.today()):
            err("laatst_gecontroleerd", f"veld 'laatst_gecontroleerd' ligt in de toekomst ({value})")

    owner = section_owner(section, project_root) if project_root is not None else None
    if section.legal and owner and isinstance(meta.get("eigenaar"), str) and meta["eigenaar"].strip() \
            and meta["eigenaar"].strip() != owner:
        err("eigenaar", f"veld 'eigenaar': een pagina in {section.name}/ wordt gecontroleerd door de "
                        f"{owner}; zet 'eigenaar: {owner}'")

    if section.legal:
        bronnen = meta.get("bronnen")
        if not isinstance(bronnen, list) or len(bronnen) < LEGAL_MIN_SOURCES:
            err("bronnen" if "bronnen" in meta else "title",
                f"veld 'bronnen': een juridische pagina heeft minstens {LEGAL_MIN_SOURCES} bronnen nodig")
    if "bronnen" in meta and isinstance(meta["bronnen"], list):
        for idx, item in enumerate(meta["bronnen"]):
            where = page.lines.get(f"bronnen[{idx}]", line("bronnen"))
            if not isinstance(item, dict) or set(item) != {"titel", "url"}:
                out.append(Finding(shown, where, "bron moet precies de velden 'titel' en 'url' hebben"))
                continue
            if not isinstance(item["titel"], str) or not item["titel"].strip():
                out.append(Finding(shown, where, "bron heeft een lege 'titel'"))
            if not isinstance(item["url"], str) or not URL_RE.match(item["url"]):
                out.append(Finding(shown, where, f"bron heeft geen geldige https-link: '{item.get('url')}'"))
    return out


def list_file(path: Path) -> list[str]:
    """A list file under config/: one entry per line; '#' starts a comment; blank lines are
    skipped. A missing file is an empty list. Every list file is read by this function or by
    list_entries below."""
    return [entry for _line, entry, _comment in list_entries(path)]


def list_entries(path: Path) -> list[tuple[int, str, str]]:
    """The entries of a list file as ``(line, entry, comment)``: for messages with a line and for
    lists whose comment says something (the source of an allowed phone number)."""
    if not path.is_file():
        return []
    out = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        entry, _hash, comment = raw.partition("#")
        if entry.strip():
            out.append((number, entry.strip(), comment.strip()))
    return out


def page_meta(path: Path) -> dict:
    """The front matter of one page, read once per version of the file (the same loader as
    load_page); {} when it has none or it is not valid (load_page names the problem)."""
    stat = path.stat()
    return _page_meta(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16384)  # every page of a large site, read once per version
def _page_meta(path: Path, _mtime: int, _size: int) -> dict:
    return load_page(path, path.parent).meta


def iter_pages(docs: Path, today: dt.date | None = None):
    for path in sorted(docs.rglob("*.md")):
        yield load_page(path, docs, today)


def check_all(docs: Path, today: dt.date | None = None) -> tuple[list[Page], list[Finding]]:
    pages = list(iter_pages(docs, today))
    return pages, [p for page in pages for p in page.problems]


def markdown_sources(root: Path) -> list[Path]:
    """Every Markdown file readers see: the pages and the canonical rules they include."""
    return (sorted((root / "docs").rglob("*.md")) + sorted((root / RULES_DIR).glob("*.md"))
            + sorted((root / BLOCKS_DIR).glob("*.md")))


def snippet_paths(root: Path) -> list[str]:
    """Where ``--8<-- "naam.md"`` looks, as mkdocs.yml sets pymdownx.snippets: the rules, then the
    region's folder (``--8<-- "blokken/naam.md"``)."""
    return [str(root / RULES_DIR), str(root / REGION_DIR)]


def snippet_expander(root: Path):
    """A function that expands ``--8<-- "naam.md"`` lines in numbered lines ``(line, text)``,
    with pymdownx.snippets itself (the build's own expander). Included lines keep the line
    number of the include, so a problem in them points at the page line that includes them.
    A missing rule file raises SnippetError, a ValueError that carries the finding."""
    from pymdownx.snippets import SnippetMissingError

    pre = _snippets(root, check_paths=True)

    def expand(numbered: list[tuple[int, str]], shown: str) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for number, line in numbered:
            if SNIPPET_MARK not in line:
                out.append((number, line))
                continue
            try:
                lines = pre.run([line])
            except SnippetMissingError as exc:
                raise SnippetError(Finding(shown, number, f"regel niet gevonden in {RULES_DIR}/ of {REGION_DIR}/: {exc}")) from exc
            out.extend((number, text) for text in lines)
        return out

    return expand


class SnippetError(ValueError):
    def __init__(self, problem: Finding):
        super().__init__(str(problem))
        self.problem = problem


def _snippets(root: Path, check_paths: bool = False):
    """pymdownx.snippets' preprocessor with the project's base paths, as mkdocs.yml sets them."""
    import markdown

    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": {"base_path": snippet_paths(root), "check_paths": check_paths}},
    )
    return md.preprocessors["snippet"]


def _include_names(pre, text: str) -> list[tuple[int, str]]:
    """The include lines of a text as ``(line, name)``, read by pymdownx.snippets' own patterns; include
    lines in code are text (body_lines). The name is the file part, without a line range or section."""
    found = []
    for number, line in body_lines(text, front_matter=True):
        match = SNIPPET_MARK in line and pre.RE_ALL_SNIPPETS.match(line)
        if not match or match.group("escape") or not match.group("inline_marker"):
            continue
        target = pre.RE_SNIPPET_FILE.match(match.group("snippet")[1:-1].strip())
        if target and target.group(1).strip():
            found.append((number, target.group(1).strip()))
    return found


def snippet_includes(root: Path):
    """A function that gives the include lines of a text as ``(line, name)``, with the name as the
    line writes it (``regels``' ``naam.md`` or the region's ``blokken/naam.md``), found there or not."""
    pre = _snippets(root)
    return lambda text: _include_names(pre, text)


def block_name(include: str) -> str | None:
    """The region's block an include names (``blokken/naam.md`` -> ``regio/blokken/naam.md``), else None."""
    prefix = BLOCKS_DIR[len(REGION_DIR) + 1:] + "/"
    return f"{REGION_DIR}/{include}" if include.startswith(prefix) and include.endswith(".md") else None


# A link to a page in Markdown: [tekst](pad.md), [tekst](pad.md#anker), [tekst](<pad.md> "titel"),
# and a reference definition  [naam]: pad.md
PAGE_LINK_RE = re.compile(r"\]\(\s*<?(?!https?:|mailto:|tel:)([^)\s#>]+\.md)(?:#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)"
                          r"|^\s{0,3}\[[^\]]+\]:\s*<?(?!https?:)([^\s#>]+\.md)")


def page_links(text: str, rel: str) -> list[tuple[int, str]]:
    """The pages a page links to, as ``(line, path relative to docs/)``, for the page ``rel`` (relative
    to docs/); links in code are text, not links (body_lines)."""
    here = posixpath.dirname(rel)
    out = []
    for number, line in body_lines(text):
        for match in PAGE_LINK_RE.finditer(line):
            target = match.group(1) or match.group(2)
            out.append((number, posixpath.normpath(posixpath.join(here, target))))
    return out


def rule_includes(root: Path):
    """A function that gives the rule files a page body includes, as paths relative to ``root``
    (``regels/naam.md``), in order and each once, with the rules those rules include. Include lines
    in code are text, not includes (body_lines); the names are read and found by pymdownx.snippets
    itself, as the build does. A name that is not there is left out (the build reports it)."""
    pre = _snippets(root)

    def find(text: str, found: list[str] | None = None) -> list[str]:
        found = [] if found is None else found
        for _, include in _include_names(pre, text):
            path = pre.get_snippet_path(include)
            if not path:
                continue
            name = Path(path).relative_to(Path(root).absolute()).as_posix()
            if name not in found:
                found.append(name)
                find(Path(path).read_text(encoding="utf-8"), found)
        return found

    return lambda text: find(text)


def site_config(root: Path, name: str = "mkdocs.yml") -> dict:
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


def page_file(rel_md: str, directory_urls: bool = True) -> str:
    """The HTML file a page source becomes, relative to the site root: x/y.md -> x/y/index.html
    (directory URLs) or x/y.html (without); x/index.md -> x/index.html either way."""
    url = page_url(rel_md)
    if directory_urls or url == "" or url.endswith("/") and rel_md.endswith("index.md"):
        return url + "index.html"
    return url.rstrip("/") + ".html"


def page_address(rel_md: str, directory_urls: bool = True) -> str:
    """A page's URL relative to the site root as the generator writes it: page_url with directory URLs
    (x/y/, '' for the home page), else the HTML file itself (x/y.html, x/index.html, index.html)."""
    return page_url(rel_md) if directory_urls else page_file(rel_md, directory_urls=False)


def directory_urls(root: Path, name: str = "mkdocs.yml") -> bool:
    """Whether the site of config ``name`` (INHERIT followed) has directory URLs (use_directory_urls)."""
    return bool(site_config(root, name).get("use_directory_urls", True))


@dataclass(frozen=True)
class Blog:
    """Where Material's blog plugin puts its posts: ``blog_dir`` (relative to docs/), the posts under
    ``<blog_dir>/posts/``, at ``<blog_dir>/<post_url_format>`` with {date} as ``post_url_date_format``."""

    blog_dir: str = "blog"
    post_url_format: str = "{date}/{slug}"
    date_format: str = "yyyy/MM/dd"

    @classmethod
    def from_site_config(cls, config: dict) -> "Blog | None":
        """The blog of a site configuration (site_config), None when it has no blog plugin."""
        for entry in config.get("plugins") or []:
            name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
            if name in ("blog", "material/blog"):
                options = options or {}
                return cls(str(options.get("blog_dir", cls.blog_dir)).strip("/"),
                           str(options.get("post_url_format", cls.post_url_format)),
                           str(options.get("post_url_date_format", cls.date_format)))
        return None

    def post_url(self, rel_md: str, meta: dict) -> str | None:
        """The URL of a post (relative to the site root, ending in '/'), None for a page that is no post.
        Raises ValueError when the format or the post's date cannot be read."""
        if not rel_md.startswith(f"{self.blog_dir}/posts/".lstrip("/")) or not rel_md.endswith(".md"):
            return None
        date = meta.get("date")
        if isinstance(date, dict):  # date: {created: ...}
            date = date.get("created")
        if isinstance(date, dt.datetime):
            date = date.date()
        if not isinstance(date, dt.date):
            raise ValueError("een nieuwsbericht heeft een datum nodig (date: JJJJ-MM-DD)")
        from markdown.extensions.toc import slugify

        fields = {
            "date": self.date_format.replace("yyyy", f"{date.year:04d}").replace("MM", f"{date.month:02d}")
                                   .replace("dd", f"{date.day:02d}"),
            "slug": str(meta.get("slug") or slugify(str(meta.get("title", "")), "-")),
            "file": Path(rel_md).stem,
        }
        try:
            path = self.post_url_format.format(**fields)
        except (KeyError, IndexError) as exc:
            raise ValueError(f"post_url_format '{self.post_url_format}': {exc} is niet te bepalen") from exc
        return f"{self.blog_dir}/{path.strip('/')}/".lstrip("/")


def built_files(rel_md: str, meta: dict, directory_urls: bool = True, blog: Blog | None = None) -> tuple[str, ...]:
    """The HTML files a page source can become in a built site, relative to the site root: a blog
    post where the blog puts it, and every page where a generator without that blog puts it."""
    plain = page_file(rel_md, directory_urls)
    post = blog.post_url(rel_md, meta) if blog else None
    if post is None:
        return (plain,)
    return (post + "index.html" if directory_urls else post.rstrip("/") + ".html", plain)


# An open place for a local detail the SWV still has to fill in, written exactly like this; anything
# else that starts like it ("[nog in te vullen: ...]") is an attempt, and the checks say how to write it.
PLACEHOLDER_RE = re.compile(r"\[nog in te vullen door het SWV: (?P<wat>[^\]\n]+)\]")
PLACEHOLDER_ATTEMPT_RE = re.compile(r"\[\s*nog in te vullen[^\]\n]*\]", re.IGNORECASE)


# What readers never see as text: code (fenced blocks, indented blocks, inline spans) and HTML comments
# other than our markers. A page that shows an editor how to write a marker, an open place or a rule puts
# it in code, and there it is an example, never the thing itself.
_INLINE_CODE_RE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
# Comments that are markers the build, the checks or the blog read: kept as they are.
MARKER_COMMENTS = ("toets", "tabel", "module-feiten", "privacy-ok", "more", "regel")
# Blocks whose content is indented: admonitions, details, tabs, list items, definitions, footnotes.
_CONTAINER_RE = re.compile(r"^(?:(?:!!!|\?\?\?\+?|===)\s|(?:[-*+]|\d+[.)]|:)\s+\S|\[\^[^\]]+\]:\s)")


def code_lines(text: str) -> set[int]:
    """0-based indexes of the lines that belong to a code block: fenced (fences included), as
    Python-Markdown's fenced code and pymdownx.superfences see them (a fence closes with the same
    character, at least as long), and indented (four spaces more than the block it stands in, after
    a blank line; inside a list item, an admonition or a tab that block is the item's content, so the
    indented text of an admonition is not code)."""
    inside: str | None = None
    out: set[int] = set()
    containers: list[int] = []  # content indents of the open list items, admonitions and tabs
    blank_before, in_indented = True, False
    for index, line in enumerate(text.splitlines()):
        match = _FENCE_RE.match(line)
        if inside is not None:
            out.add(index)
            if match and match.group(1)[0] == inside[0] and len(match.group(1)) >= len(inside) \
                    and not line[match.end():].strip():
                inside = None
            continue
        if not line.strip():
            blank_before = True
            if in_indented:
                out.add(index)  # a blank line inside an indented block; trimmed below if it ends it
            continue
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        while containers and indent < containers[-1] and blank_before:
            containers.pop()
        base = containers[-1] if containers else 0
        if (blank_before or in_indented) and indent >= base + 4 and not match:
            out.add(index)
            in_indented, blank_before = True, False
            continue
        if in_indented:  # the indented block ended: its trailing blank lines are no code
            back = index - 1
            while back in out and not text.splitlines()[back].strip():
                out.discard(back)
                back -= 1
        in_indented = False
        if match:
            inside = match.group(1)
            out.add(index)
        elif _CONTAINER_RE.match(line.lstrip()):
            containers.append(indent + 4)
        blank_before = False
    return out


def masked_text(text: str) -> str:
    """The text with what readers never see as text blanked out, position for position (the same
    length and the same line breaks, so a match in it has the line and column of the original):
    code blocks, inline code, and HTML comments that are no marker (MARKER_COMMENTS). Every check,
    report, model and build step that looks for a marker, an open place, a number or a rule in a page
    looks in this text."""
    lines = text.splitlines(keepends=True)
    code = code_lines(text)
    out = []
    for index, line in enumerate(lines):
        if index in code:
            out.append(_blank(line))
        else:
            out.append(_INLINE_CODE_RE.sub(lambda m: " " * len(m.group(0)), line))
    joined = "".join(out)

    def comment(m: re.Match) -> str:
        body = m.group(0)[4:].lstrip()
        return m.group(0) if body.startswith(MARKER_COMMENTS) else _blank(m.group(0))

    return _COMMENT_RE.sub(comment, joined)


def _blank(part: str) -> str:
    return "".join(ch if ch in "\r\n" else " " for ch in part)


def body_lines(text: str, front_matter: bool = False) -> list[tuple[int, str]]:
    """The page text as readers see it: (line number from 1, line) for every line outside code
    blocks, from the first line after the front matter (or from the top with front_matter=True), with
    inline code and comments that are no marker blanked (masked_text). Every check, report and model
    that reads a page line by line takes its lines from here."""
    lines = masked_text(text).splitlines()
    code = code_lines(text)
    start = 0 if front_matter else body_start(text.splitlines())
    return [(i + 1, lines[i]) for i in range(start, len(lines)) if i not in code]


def sub_outside_code(pattern: re.Pattern, repl, text: str) -> str:
    """``pattern.sub(repl, text)`` where the pattern matches outside code and comments (masked_text;
    patterns are per line): ``repl`` gets the match, and its text replaces the original there."""
    masked = masked_text(text)
    out, last = [], 0
    for match in pattern.finditer(masked):
        out.append(text[last:match.start()])
        out.append(repl(match) if callable(repl) else match.expand(repl))
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def finditer_outside_code(pattern: re.Pattern, text: str):
    """(line number from 1, match) for every match outside code and comments (body_lines)."""
    for number, line in body_lines(text, front_matter=True):
        for match in pattern.finditer(line):
            yield number, match


# --- anchors of a page ------------------------------------------------------------------------

_ID_RE = re.compile(r'\bid="([^"]+)"')
_FALLBACK_EXTENSIONS = ["toc", "attr_list", "def_list", "md_in_html", "admonition", "footnotes"]


# The site's own Markdown extension (the markers: tables, quizzes, module facts, fill-in fields).
OWN_EXTENSION = "scripts.markdown_extension.kennisbank"


@functools.lru_cache(maxsize=8)
def markdown_setup(root: Path) -> tuple[list, dict]:
    """The Markdown extensions of the site (mkdocs.yml's markdown_extensions, as MkDocs reads them),
    or the plain ones when the project has no mkdocs.yml. Without our own extension (OWN_EXTENSION):
    a page's text as its author wrote it, the markers not filled in (the build does that)."""
    if not (root / "mkdocs.yml").is_file():
        return _FALLBACK_EXTENSIONS, {}
    names, configs = [], {}
    for item in site_config(root).get("markdown_extensions") or []:
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, None))
        if name == OWN_EXTENSION:
            continue
        names.append(name)
        if options:
            configs[name] = options
    return names, configs


def page_anchors(path: Path, root: Path) -> set[str]:
    """The ids in a page as the site renders it (headings, `{#id}` on any block, included rules), so a
    link to ``page.md#anchor`` can be checked against its source file, with its own file and line."""
    stat = path.stat()
    return _page_anchors(path.resolve(), Path(root).resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)
def _page_anchors(path: Path, root: Path, _mtime: int, _size: int) -> set[str]:
    import markdown

    names, configs = markdown_setup(root)
    text = path.read_text(encoding="utf-8")
    body = "\n".join(text.splitlines()[body_start(text.splitlines()):])
    html = markdown.Markdown(extensions=names, extension_configs=configs).convert(body)
    return set(_ID_RE.findall(html))
