"""The whole knowledge base as one print page, made from a finished site folder (issues 22 and 34).

Any generator can have built the site (MkDocs with Material, or Zensical, which runs no MkDocs plugins);
the output pass (scripts/build/output_pass.py) has put each page's review notice and its page
information (peildatum, sources) into the page's article already. This step reads only the finished
site and the models:

- the order is the nav as built (``region.site_nav``: mkdocs.yml's nav with the region's menu); a nav
  section becomes a heading, a page contributes its article (``output_pass.article_span``); the HTML
  file of a page comes from the content model (``content_model.built_files``);
- a cover (config/print/omslag.tpl) with the site's name after the region step and "Momentopname van
  <datum>" (``clock.today()``), and a table of contents of the nav whose links lead to each page, so the
  PDF can print their page numbers (docs/assets/print.css, ``target-counter``);
- every id of a page gets the page's own prefix; a link to a page of the print page (with its
  ``#anchor``) points at that anchor in the print page; a link to anything else of the site (a download,
  a post not in the nav) becomes an address on the site (``region.site_url``); links out of the site
  stay; images and stylesheets are linked as files of the site folder, relative to the print page,
  wherever it is written. No link in the print page points at an anchor it lacks;
- scripts are left out: paper runs none (the quiz questions stay, print.css hides their buttons).

    python -m scripts.exports.print_page --site site [--project MAP] [--out build/print/kennisbank.html]
                                         [--pdf site/downloads/kennisbank.pdf]

With --pdf the PDF is made too (scripts/exports/print_pdf.py, WeasyPrint). A nav page that the site
lacks is an error naming its source and the file that is missing.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html as html_lib
import os
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from scripts.build import output_pass
from scripts.build.print_builds import CARD_PRINT_CSS
from scripts.model import clock, content_model, project, region

DEFAULT_OUT = Path("build/print/kennisbank.html")
COVER_TEMPLATE = "config/print/omslag.tpl"
TITLE = "De hele kennisbank"
TOC_TITLE = "Inhoud"
# The ids docs/assets/print.css lays out: the cover, the table of contents, the document.
COVER_ID, TOC_ID, DOCUMENT_ID = "print-omslag", "print-inhoud", "print-kennisbank"

# One token of HTML: a comment, a script (left out), or a tag with its attributes.
TOKEN_RE = re.compile(
    r"<!--.*?-->|<script\b.*?</script\s*>|<(?P<name>[a-zA-Z][^\s/>]*)(?P<attrs>(?:\s+[^\s=/>]+"
    r"(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*(?P<close>/?)>",
    re.S | re.I)
ATTR_RE = re.compile(r"(?P<space>\s+)(?P<name>[^\s=/>]+)(?:\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s>]+))?")
CONTENT_DIV = '<div class="md-content__inner'
DIV_TAG_RE = re.compile(r"<(/?)div\b[^>]*>", re.I)
H1_RE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.I)
HEADERLINK_RE = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.S | re.I)
TAG_RE = re.compile(r"<[^>]+>")
HEAD_RE = re.compile(r"<head\b[^>]*>(.*?)</head>", re.S | re.I)
# Attributes that name one or more ids of the same document.
ID_LIST_ATTRS = frozenset({"for", "headers", "list", "form", "aria-labelledby", "aria-describedby", "aria-controls",
                           "aria-owns", "aria-activedescendant", "aria-details", "aria-errormessage", "aria-flowto",
                           "popovertarget"})
URL_ATTRS = frozenset({"href", "src", "poster", "data", "xlink:href"})
LINK_TAGS = frozenset({"a", "area"})  # their href is a link to follow; any other URL is a file to load
LOCAL_URL_RE = re.compile(r"url\(\s*(['\"]?)#([^)'\"]+)\1\s*\)")


class PrintPageError(Exception):
    """The print page cannot be made: one ``bestand: melding`` a line."""


@dataclass
class Entry:
    """One item of the nav: a section (src None, with children) or a page."""

    label: str | None
    src: str | None = None
    children: list = field(default_factory=list)
    key: str = ""  # its anchor in the print page
    title: str = ""  # as the table of contents shows it: the nav's label, else the page's own title


def nav_entries(nav: list) -> list[Entry]:
    """The nav as a tree of entries; an external link in the nav is not a page of the site."""
    out = []
    for item in nav or []:
        label, value = (None, item) if isinstance(item, str) else next(iter(item.items()))
        if isinstance(value, list):
            out.append(Entry(label, children=nav_entries(value)))
        elif isinstance(value, str) and not urlsplit(value).scheme:
            out.append(Entry(label, value))
    return out


def walk(entries: list[Entry]):
    for entry in entries:
        yield entry
        yield from walk(entry.children)


@dataclass
class Page:
    src: str  # relative to docs/
    file: str  # the HTML file, relative to the site folder
    key: str
    html: str  # the inside of its article
    title: str
    ids: set = field(default_factory=set)


def _text(fragment: str) -> str:
    return " ".join(html_lib.unescape(TAG_RE.sub("", HEADERLINK_RE.sub("", fragment))).split())


def _value(raw: str | None) -> str | None:
    """An attribute's value as written (quoted or not), unquoted and unescaped; None without one."""
    return None if raw is None else html_lib.unescape(raw[1:-1] if raw[:1] in "\"'" else raw)


def _attrs(text: str) -> list[tuple[str, str | None]]:
    """(name, value or None) of each attribute of a tag."""
    return [(m.group("name"), _value(m.group("value"))) for m in ATTR_RE.finditer(text)]


def page_ids(html: str) -> set[str]:
    return {value for m in TOKEN_RE.finditer(html) if m.group("name")
            for attr, value in _attrs(m.group("attrs")) if attr.lower() == "id" and value}


def _meta(root: Path, src: str) -> dict:
    path = Path(root) / "docs" / src
    return content_model.page_meta(path) if path.is_file() else {}


def _key(src: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9_-]+", "-", content_model.page_url(src).strip("/")).strip("-") or "start"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


class Site:
    """A finished site folder as the print page needs it: which file each page became, and how a link
    from one of its pages is written in the print page."""

    def __init__(self, site: Path, root: Path, out: Path):
        self.site, self.root, self.out = Path(site), Path(root), Path(out)
        self.config = content_model.site_config(self.root)
        self.directory_urls = bool(self.config.get("use_directory_urls", True))
        self.blog = content_model.Blog.from_site_config(self.config)
        self.site_url = region.site_url(self.root)  # "" while the profile's address is still an open place
        self.site_url = self.site_url.rstrip("/") + "/" if content_model.URL_RE.match(self.site_url or "") else ""
        self.pages: dict[str, Page] = {}  # HTML file -> page
        self.by_key: dict[str, Page] = {}  # anchor in the print page -> page

    def built_file(self, src: str) -> str | None:
        meta = _meta(self.root, src)
        try:
            names = content_model.built_files(src, meta, self.directory_urls, self.blog)
        except ValueError:
            names = (content_model.page_file(src, self.directory_urls),)
        return next((name for name in names if (self.site / name).is_file()), None)

    def target_file(self, path: str) -> str:
        """The file a site path names: a folder means its index.html."""
        if path in ("", ".") or path.endswith("/") or (self.site / path).is_dir():
            return posixpath.join(path.rstrip("/") if path not in ("", ".") else "", "index.html").lstrip("/")
        return path

    def file_url(self, path: str) -> str:
        """A file of the site, relative to the print page (for WeasyPrint and a browser alike)."""
        rel = os.path.relpath(self.site.absolute() / path, self.out.absolute().parent)
        return quote(Path(rel).as_posix())

    def rewrite_url(self, value: str, page: Page, link: bool) -> str:
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith("//"):
            return value  # out of the site (or data:, mailto:, tel:)
        if not parts.path and not parts.query:
            return self.anchor(page, unquote(parts.fragment))
        base = posixpath.dirname(page.file)
        path = unquote(parts.path)
        if path.startswith("/"):  # from the site's root: its address may have a folder (/kennisbank/...)
            prefix = urlsplit(self.site_url).path or "/"
            path = path[len(prefix):] if path.startswith(prefix) else path.lstrip("/")
            base = ""
        joined = posixpath.join(base, path)
        resolved = posixpath.normpath(joined) if joined else ""
        if resolved.startswith("../") or resolved == "..":
            return value  # above the site folder: not ours to change
        if path.endswith("/") and resolved not in ("", "."):
            resolved += "/"
        target = self.target_file(resolved)
        if target in self.pages and not parts.query:
            return self.anchor(self.pages[target], unquote(parts.fragment))
        if link and self.site_url:
            shown = "" if resolved in (".", "") else resolved
            return (self.site_url + quote(shown) + (f"?{parts.query}" if parts.query else "")
                    + (f"#{parts.fragment}" if parts.fragment else ""))
        return self.file_url(resolved) + (f"#{parts.fragment}" if parts.fragment else "")

    @staticmethod
    def anchor(page: Page, fragment: str) -> str:
        return f"#{page.key}--{fragment}" if fragment in page.ids else f"#{page.key}"

    def rewrite(self, page: Page) -> str:
        """The page's article with its ids prefixed and its links and files pointed anew."""

        def attribute(tag: str, m: re.Match) -> str:
            """One attribute as it was written, or anew where its value changes."""
            attr, old = m.group("name"), _value(m.group("value"))
            if old is None:
                return m.group()
            low, value = attr.lower(), old
            if low == "id":
                value = f"{page.key}--{old}"
            elif low in ID_LIST_ATTRS:
                value = " ".join(f"{page.key}--{v}" if v in page.ids else v for v in old.split())
            elif low in URL_ATTRS and old.strip():
                value = self.rewrite_url(old.strip(), page, link=tag in LINK_TAGS)
            elif low == "srcset":
                value = ", ".join(" ".join([self.rewrite_url(c.split()[0], page, False), *c.split()[1:]])
                                  for c in old.split(",") if c.split())
            if "url(#" in value.replace(" ", ""):
                value = LOCAL_URL_RE.sub(lambda u: f"url(#{page.key}--{u.group(2)})"
                                         if u.group(2) in page.ids else u.group(), value)
            return m.group() if value == old else f'{m.group("space")}{attr}="{html_lib.escape(value)}"'

        def one(m: re.Match) -> str:
            name = m.group("name")
            if not name:
                return "" if m.group().startswith("<script") else m.group()
            attrs = ATTR_RE.sub(lambda a: attribute(name.lower(), a), m.group("attrs"))
            if attrs == m.group("attrs"):
                return m.group()
            return f"<{name}{attrs}{' /' if m.group('close') else ''}>"

        return TOKEN_RE.sub(one, title_first(page.html))


def _stylesheets(html: str) -> list[tuple[str, str | None]]:
    """(href, media) of each stylesheet the page's head links."""
    head = HEAD_RE.search(html)
    out = []
    for m in TOKEN_RE.finditer(head.group(1) if head else ""):
        if (m.group("name") or "").lower() != "link":
            continue
        attrs = {a.lower(): v for a, v in _attrs(m.group("attrs"))}
        if "stylesheet" in (attrs.get("rel") or "").lower().split() and attrs.get("href"):
            out.append((attrs["href"], attrs.get("media")))
    return out


def _open_tag_attrs(html: str, name: str) -> str:
    m = re.search(rf"<{name}\b([^>]*)>", html, re.I)
    return m.group(1) if m else ""


def _div_end(html: str, start: int) -> tuple[int, int] | None:
    """Where the <div> that opens at ``start`` closes: (start of its </div>, end of it)."""
    depth = 0
    for tag in DIV_TAG_RE.finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.start(), tag.end()
    return None


def content_span(html: str) -> tuple[int, int] | None:
    """Where a page's own content starts and ends: the theme's page article (output_pass.article_span),
    else the theme's content block (a blog's index: the page's text, then its posts' excerpts)."""
    span = output_pass.article_span(html)
    start = html.find(CONTENT_DIV)
    if span is not None or start < 0:
        return span
    end = _div_end(html, start)
    return (html.index(">", start) + 1, end[0]) if end else None


def title_first(html: str) -> str:
    """In the print page a page starts with its own title: the review notice that the output pass puts
    before the <h1> moves to right after it (a step card, which fills its sheet, then keeps its title)."""
    h1 = H1_RE.search(html)
    mark = html.find(output_pass.NOTICE_MARK)
    start = html.rfind("<div", 0, mark) if mark >= 0 else -1
    if not h1 or start < 0 or start > h1.start():
        return html
    end = _div_end(html, start)
    if not end or end[1] > h1.start():
        return html
    return html[:start] + html[end[1]:h1.end()] + "\n" + html[start:end[1]] + html[h1.end():]


def site_settings(root: Path) -> dict:
    """The site's configuration after the region step (its name, address and copyright), as the build
    makes it: the step's own code (scripts/build/region_config.py)."""
    from mkdocs.exceptions import PluginError

    from scripts.build import region_config

    try:
        return region_config.applied(content_model.site_config(root), Path(root) / "mkdocs.yml")
    except PluginError as exc:
        raise PrintPageError(str(exc)) from None


def cover_html(root: Path, config: dict, day: dt.date) -> str:
    import jinja2

    path = Path(root) / COVER_TEMPLATE
    if not path.is_file():
        raise PrintPageError(f"{COVER_TEMPLATE}: de omslag van de pdf ontbreekt")
    env = jinja2.Environment(autoescape=True)  # a setting the config lacks (site_description) prints as nothing
    try:
        return env.from_string(path.read_text(encoding="utf-8")).render(
            config=config, momentopname=content_model.dutch_date(day), momentopname_iso=day.isoformat())
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None) or 1
        raise PrintPageError(f"{COVER_TEMPLATE}:{line}: {exc}") from None


def _toc(entries: list[Entry]) -> str:
    items = "".join(f'<li><a href="#{e.key}">{html_lib.escape(e.title)}</a>{_toc(e.children) if e.children else ""}</li>'
                    for e in entries)
    return f"<ul>{items}</ul>"


def _body(entries: list[Entry], site: Site, done: set) -> str:
    """The sections and pages of the nav in order; a page the nav names twice is printed once."""
    parts = []
    for entry in entries:
        if entry.src is None:
            parts.append(f'<section class="print-page print-sectie" id="{entry.key}">\n'
                         f"<h1>{html_lib.escape(entry.title)}</h1>\n{_body(entry.children, site, done)}</section>\n")
        elif entry.key not in done:
            done.add(entry.key)
            page = site.by_key[entry.key]
            parts.append(f'<section class="print-page" id="{page.key}">\n{site.rewrite(page)}\n</section>\n')
    return "".join(parts)


def read(site_dir: Path, root: Path, out: Path = DEFAULT_OUT) -> tuple[Site, list[Entry], str]:
    """The nav's entries with their anchors and titles, and every page of the nav in the site at ``site_dir``
    (built from the project at ``root``), for a print page at ``out``; the first page's whole HTML."""
    site_dir, root = Path(site_dir), Path(root)
    site = Site(site_dir, root, out)
    entries = nav_entries(region.site_nav(root))
    problems, taken, first = [], set(), None
    sections = 0
    for entry in walk(entries):
        if entry.src is None:
            sections += 1
            entry.key = _key(f"sectie-{sections}", taken)
            entry.title = entry.label or ""
            continue
        name = site.built_file(entry.src)
        shown = f"{site_dir.as_posix()}/{content_model.page_file(entry.src, site.directory_urls)}"
        if name is None:
            problems.append(f"docs/{entry.src}: staat in de navigatie, maar de gebouwde pagina {shown} ontbreekt")
            continue
        html = (site_dir / name).read_text(encoding="utf-8")
        span = content_span(html)
        if span is None:
            problems.append(f"{site_dir.as_posix()}/{name}: geen inhoud van het thema in de pagina "
                            f"({output_pass.ARTICLE} of {CONTENT_DIV}...>)")
            continue
        inner = html[span[0]:span[1]]
        h1 = H1_RE.search(inner)
        title = _text(h1.group(1)) if h1 else ""
        entry.title = entry.label or title or str(_meta(root, entry.src).get("title") or Path(entry.src).stem)
        if name in site.pages:  # the nav names a page twice: the print page holds it once
            entry.key = site.pages[name].key
            continue
        entry.key = _key(entry.src, taken)
        site.pages[name] = site.by_key[entry.key] = Page(entry.src, name, entry.key, inner, title, page_ids(inner))
        first = first or html
    if problems:
        raise PrintPageError("\n".join(problems))
    if first is None:
        raise PrintPageError("mkdocs.yml: de navigatie (nav) noemt geen pagina")
    return site, entries, first


def outline(site_dir: Path, root: Path) -> list[str]:
    """The headings the PDF's outline shows for the nav, in order: each section's label and each page's own
    title (its <h1>), a page once (scripts/bench/zensical_report.py judges a PDF by them)."""
    site, entries, _ = read(site_dir, root)
    seen, out = set(), []
    for entry in walk(entries):
        if entry.src is None:
            out.append(entry.title)
        elif entry.key not in seen:
            seen.add(entry.key)
            out.append(site.by_key[entry.key].title)
    return [title for title in out if title]


def make(site_dir: Path, root: Path, out: Path = DEFAULT_OUT, today: dt.date | None = None) -> Path:
    """Write the print page of the site at ``site_dir`` (built from the project at ``root``) to ``out``."""
    out = Path(out)
    day = today or clock.today()
    config = site_settings(root)
    site, entries, first = read(site_dir, root, out)
    document = _document(site, entries, config, day, first)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(document, encoding="utf-8")
    return out


def _document(site: Site, entries: list[Entry], config: dict, day: dt.date, first: str) -> str:
    links, seen = [], set()
    for page in site.by_key.values():
        html = (site.site / page.file).read_text(encoding="utf-8")
        for href, media in _stylesheets(html):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.file), unquote(urlsplit(href).path)))
            if urlsplit(href).scheme or resolved in seen or resolved == CARD_PRINT_CSS:  # printed, a card page shows its card alone
                continue
            seen.add(resolved)
            media_attr = f' media="{html_lib.escape(media)}"' if media else ""
            links.append(f'<link rel="stylesheet" href="{site.file_url(resolved)}"{media_attr}>')

    title = html_lib.escape(f"{TITLE} - {config.get('site_name') or ''}".rstrip(" -"))
    return (f"<!doctype html>\n<html{_open_tag_attrs(first, 'html')}>\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{title}</title>\n" + "\n".join(links) + "\n</head>\n"
            f"<body{_open_tag_attrs(first, 'body')}>\n"
            f'<div class="md-content__inner md-typeset" id="{DOCUMENT_ID}">\n'
            f'<section id="{COVER_ID}">\n{cover_html(site.root, config, day)}\n</section>\n'
            f'<nav id="{TOC_ID}" aria-labelledby="{TOC_ID}-titel">\n<h1 id="{TOC_ID}-titel">{TOC_TITLE}</h1>\n'
            f"{_toc(entries)}\n</nav>\n"
            f"{_body(entries, site, set())}</div>\n</body>\n</html>\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="De hele kennisbank als één printpagina (en pdf), uit een "
                                                 "gebouwde site.")
    project.project_argument(parser)
    parser.add_argument("--site", type=Path, required=True, help="de map met de gebouwde site")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"de printpagina (standaard {DEFAULT_OUT})")
    parser.add_argument("--pdf", type=Path, help="maak er ook deze pdf van (WeasyPrint)")
    args = project.parse_args(parser, argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: geen gebouwde site (index.html ontbreekt)", file=sys.stderr)
        return 1
    try:
        out = make(args.site, args.root, args.out)
    except PrintPageError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{out}: printpagina van {args.site}")
    if args.pdf:
        from scripts.exports import print_pdf

        return print_pdf.main(["--kennisbank", str(out), str(args.pdf)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
