"""Templates (sjablonen): one Markdown page, one generated Word file, from ONE parse.

Each template under docs/convenanten/ is written once, as the page itself. Its front matter
names the download (``download: schoolveiligheidsconvenant.docx``). The Word file is made from
the page's rendered HTML: in the build from the very HTML MkDocs gives the build step
scripts/build/word_files.py in ``on_page_content``, so page and download are literally one parse;
in the check (scripts/checks/template_files.py) and the tests, without a build, from the page
rendered here with the site's own Markdown configuration (mkdocs.yml ``markdown_extensions``).

The writer (``DocxWriter``) walks that HTML with one method per kind of block: heading,
paragraph, bullet list, numbered list, task list, table and admonition (kader), and per kind of
inline: text, bold, italic, link, line break and fill-in field. Anything else (code, quotes,
images, footnotes, tabs, raw HTML, a list in a list, ...) is refused with a ``TemplateError``
naming the source file and line. Nothing is dropped silently.

Fill-in fields have ONE syntax, defined here::

    {{ invullen: naam van de school }}

On the page a field becomes ``<span class="invulveld">[naam van de school]</span>``; in the
Word file it becomes a yellow-highlighted run ``[naam van de school]``. Guidance blocks
(``!!! tip "Toelichting"``) become paragraphs in the Word style "Toelichting" (italic, blue,
shaded) that start with the bold title, e.g. "Toelichting: ...". Numbered parts are plain
headings such as ``## 1. Partijen``; the front matter ``bronnen`` end the Word file under
"Bronnen", as they end the page.
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import io
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from scripts.model import content_model
from scripts.model.findings import Finding

# --- The fill-in field syntax ------------------------------------------------------------

FIELD_RE = re.compile(r"\{\{\s*invullen:\s*([^{}]+?)\s*\}\}")
FIELD_CSS_CLASS = "invulveld"
# Anything that looks like a field but is not written right (e.g. "{{ invulen: x }}", "{{x}}").
FIELD_LIKE_RE = re.compile(r"\{\{|\}\}")

DOWNLOAD_DIR = "downloads"  # next to the page source's folder in the built site
TEMPLATE_SECTION = "convenanten"
ADMONITION_TYPES = ("tip", "note", "info", "warning", "example", "question")

# Elements that follow w:shd inside w:pPr (ECMA-376 order), so shading lands in a valid place.
PPR_AFTER_SHD = (
    "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)

GUIDANCE_STYLE = "Toelichting"
GUIDANCE_COLOR = (0x1F, 0x4E, 0x79)
A4_CM = (21.0, 29.7)
MARGIN_CM = 2.5
LANGUAGE = "nl-NL"
TASK_BOX, TASK_DONE = "\u2610", "\u2612"  # ☐ and ☒, as the page shows an open or a ticked box
NEEDLE_CHARS = 40  # how much of a block's first text is looked for in the source (Template.line_of)
HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


class TemplateError(Exception):
    """A template that cannot be turned into a Word file; str() is 'path:line: message'."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.problem = Finding(path, line, message)


def field_labels(text: str) -> list[str]:
    """All fill-in field labels in a piece of Markdown, in order."""
    return [m.group(1) for m in FIELD_RE.finditer(content_model.masked_text(text))]


def fields_to_html(markdown_text: str) -> str:
    """Replace every fill-in field by the highlighted span shown on the page."""

    def repl(m: re.Match) -> str:
        label = html.escape(m.group(1), quote=False)
        return f'<span class="{FIELD_CSS_CLASS}">&#91;{label}&#93;</span>'

    return content_model.sub_outside_code(FIELD_RE, repl, markdown_text)  # an example in code stays as written


# --- A template: the page's front matter, its rendered HTML and its source lines ------------

@dataclass
class Template:
    path: str  # shown path, e.g. docs/convenanten/x.md
    rel: str  # relative to docs/
    url: str  # the page's URL in this build, relative to the site root: the base of its relative links
    meta: dict
    html: str  # the page body as rendered HTML: what the Word file is made from
    lines: list  # (line number, text as the page shows it) of the body, rules included; for error lines only
    publisher: tuple = ("", "", "")  # the region's site name, organisation and licence line (its profile)

    @property
    def download(self) -> str:
        return self.meta["download"]

    def cache_inputs(self) -> tuple:
        """Everything that decides the Word file's bytes (with the site URL): not the source lines."""
        return (self.rel, self.url, self.meta, self.html, self.publisher)

    def line_of(self, needle: str, start: int) -> int:
        """The source line of a block, found by its first text.

        How exact: the first source line at or after ``start`` (the line of the block before it)
        that holds the block's first text as whole words, as the page shows it (fields as [label]),
        whole words so that a short text ("A") is not found inside a longer one. That is the
        block's own line whenever its first text stands literally in the Markdown, which is the case
        for text, bold, italic, links, fields and table cells. It can be off when that text is
        written differently in the source (an escape such as ``\\*``, an entity such as ``&amp;``),
        or when the same text comes again before the block; a line from an included rule
        (``--8<--``) is the line of the include. A block without any text (a rule ``---``, an image
        without alt text) gets ``start``, the line of the block before it.
        """
        if needle:
            end = r"(?!\w)" if len(needle) < NEEDLE_CHARS else ""  # a cut needle may end inside a word
            pattern = re.compile(r"(?<!\w)" + re.escape(needle) + end)
            for number, text in self.lines:
                if number >= start and pattern.search(text):
                    return number
        return start

    def first_line(self) -> int:
        return self.lines[0][0] if self.lines else 1


def render_markdown(markdown_text: str, root: Path) -> str:
    """A page body as HTML, rendered with the site's Markdown configuration (``markdown_renderer``)."""
    config = root / "mkdocs.yml"
    renderer = markdown_renderer(root, config.stat().st_mtime_ns if config.is_file() else 0)
    renderer.reset()
    return renderer.convert(markdown_text)


@functools.lru_cache(maxsize=4)
def markdown_renderer(root: Path, _config_mtime: int = 0):
    """A Python-Markdown converter with the site's configuration: MkDocs's built-in extensions and
    mkdocs.yml ``markdown_extensions`` with their settings, in the order MkDocs uses. Not there:
    MkDocs's own link rewriting (.md to page URLs), which ``resolve_url`` makes up for."""
    import markdown
    from mkdocs.config.defaults import MkDocsConfig

    names = list(MkDocsConfig.markdown_extensions.builtins)
    configs: dict = {}
    for item in content_model.site_config(root).get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if options:
            configs[name] = options
    return markdown.Markdown(extensions=names, extension_configs=configs)


def load_template(src: Path, docs: Path, html_text: str | None = None, url: str | None = None) -> Template:
    """One template page. ``html_text`` is the body as MkDocs rendered it and ``url`` the page's URL
    (the build); without them the page is rendered here with the site's Markdown configuration from
    the mkdocs.yml next to ``docs`` (checks, tests). Raises TemplateError with the file and line."""
    rel = src.relative_to(docs).as_posix()
    shown = f"docs/{rel}"
    if not src.is_file():
        raise TemplateError(shown, 1, "sjabloonbestand ontbreekt")
    page = content_model.load_page(src, docs)
    if page.problems:
        raise TemplateError(page.problems[0].path, page.problems[0].line, page.problems[0].message)
    download = page.meta.get("download")
    expected = f"{src.stem}.docx"
    if download != expected:
        raise TemplateError(shown, page.lines.get("download", 1),
                            f"veld 'download' moet '{expected}' zijn (de naam van de pagina + .docx)")
    all_lines = src.read_text(encoding="utf-8").splitlines()
    start = content_model.body_start(all_lines)
    body = list(enumerate(all_lines[start:], start=start + 1))
    try:
        expanded = content_model.snippet_expander(docs.parent)(body, shown)
    except content_model.SnippetError as exc:
        raise TemplateError(exc.problem.path, exc.problem.line, exc.problem.message) from exc
    if not field_labels("\n".join(text for _, text in expanded)):
        raise TemplateError(shown, 1, "een sjabloon heeft invulvelden nodig: {{ invullen: wat er moet komen }}")
    if html_text is None:
        markdown_text = fields_to_html("\n".join(text for _, text in body))
        html_text = render_markdown(markdown_text, docs.parent)
    shown_lines = [(no, FIELD_RE.sub(lambda m: f"[{m.group(1)}]", text)) for no, text in expanded]
    from scripts.model import region

    profile = region.load(docs.parent)
    publisher = (profile.site_naam, profile.licentiegever or profile.naam, region.licence_note(profile))
    return Template(shown, rel, url if url is not None else content_model.page_url(rel), page.meta, html_text, shown_lines,
                    publisher)


def template_pages(docs: Path) -> list[Path]:
    """Every page that declares a download, plus every page in the template section.

    A page in docs/convenanten/ other than index.md without 'download:' is an error
    reported by load_template, so no template is skipped silently.
    """
    found = set()
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        in_section = rel.startswith(f"{TEMPLATE_SECTION}/") and path.name != "index.md"
        if in_section or _declares_download(path):
            found.add(path)
    return sorted(found)


def _declares_download(path: Path) -> bool:
    return "download" in content_model.page_meta(path)


def download_rel_path(rel: str) -> str:
    """Site path of the Word file for a page, e.g. convenanten/downloads/x.docx."""
    folder = posixpath.dirname(rel)
    return posixpath.join(folder, DOWNLOAD_DIR, posixpath.basename(rel)[:-3] + ".docx")


def check_templates(docs: Path) -> list[Finding]:
    """Every template rendered and written as the build does (the Word file is thrown away)."""
    problems = []
    for path in template_pages(docs):
        try:
            DocxWriter(load_template(path, docs), "/").walk()  # as build_docx, without saving the file
        except TemplateError as exc:
            problems.append(exc.problem)
    return problems


# --- Links: from the page's HTML to the published site -------------------------------------

def _page_url(site_url: str, rel_md: str) -> str:
    """Absolute URL of a page on the published site (directory URLs)."""
    return site_url.rstrip("/") + "/" + content_model.page_url(rel_md)


def resolve_url(href: str, page_url: str, page_rel: str, site_url: str) -> str:
    """A link of the page as an absolute link to the published site.

    MkDocs writes links relative to the page's URL (``page_url``: ``x/y/``, or ``x/y.html`` in
    the offline build, whose ``.html`` URLs become the published directory URLs again). A link
    that still ends in ``.md`` (the page rendered without MkDocs, in the check) is relative to the
    page's source ``page_rel``.
    """
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href):
        return href
    target, _, anchor = href.partition("#")
    if target.endswith(".md"):
        path = content_model.page_url(posixpath.join(posixpath.dirname(page_rel), target))
    else:
        path = urljoin("/" + page_url, target).lstrip("/")
        if path == "index.html" or path.endswith("/index.html"):
            path = path[: -len("index.html")]
        elif path.endswith(".html"):
            path = path[: -len(".html")] + "/"
    return site_url.rstrip("/") + "/" + path + ("#" + anchor if anchor else "")


# --- The writer: the page's HTML to a Word file ---------------------------------------------

@dataclass
class Piece:
    """One run of a paragraph: text, field, link or break, with its emphasis."""
    kind: str
    text: str = ""
    bold: bool = False
    italic: bool = False
    url: str = ""


# Blocks and inlines a template may not hold, by tag or class, with what the editor reads.
REFUSED_BLOCKS = {
    "pre": "codeblokken worden niet ondersteund in een sjabloon",
    "highlight": "codeblokken worden niet ondersteund in een sjabloon",
    "blockquote": "citaatblokken (>) worden niet ondersteund in een sjabloon",
    "details": "inklapbare blokken (???) worden niet ondersteund in een sjabloon",
    "tabbed-set": "tabbladen (===) worden niet ondersteund in een sjabloon",
    "hr": "horizontale lijnen worden niet ondersteund in een sjabloon",
    "dl": "definitielijsten worden niet ondersteund in een sjabloon",
    "footnote": "voetnoten worden niet ondersteund in een sjabloon",
    "h5": "kopjes dieper dan #### worden niet ondersteund",
    "h6": "kopjes dieper dan #### worden niet ondersteund",
}
REFUSED_INLINES = {
    "img": "afbeeldingen worden niet ondersteund in een sjabloon",
    "sup": "voetnoten worden niet ondersteund in een sjabloon",
    "code": "code (`...`) wordt niet ondersteund in een sjabloon",
    "abbr": "afkortingen (*[...]:) worden niet ondersteund in een sjabloon",
}
HTML_REFUSED = "HTML wordt niet ondersteund in een sjabloon; gebruik Markdown"
NESTED_REFUSED = "geneste lijsten en blokken in een lijst worden niet ondersteund"


def _classes(el) -> list[str]:
    return (el.get("class") or "").split()


def _first_text(el) -> str:
    """The first text of an element as the page shows it (first line, at most NEEDLE_CHARS characters),
    or else its image text or address: what ``Template.line_of`` looks for in the source."""
    for chunk in el.itertext():
        line = " ".join(chunk.strip().split("\n")[0].split())
        if line and line != "\u00b6":
            return line[:NEEDLE_CHARS]
    for node in el.iter():
        for attr in ("alt", "src", "href"):
            if node.get(attr):
                return node.get(attr)[:NEEDLE_CHARS]
    return ""


class DocxWriter:
    """Writes one template's Word file from its HTML: one method per kind of block and inline.

    ``walk()`` goes through the top-level elements (``write()`` also saves the file); ``block()`` picks the method for each (``heading``,
    ``paragraph``, ``bullet_list``, ``numbered_list``, ``task_list``, ``table``, ``admonition``) and
    refuses any other block with the source file and line. Inside a block, ``pieces()`` turns the
    inline HTML into runs (``text``, ``strong``, ``em``, ``link``, ``field``, ``br``) and refuses
    any other inline the same way.
    """

    BLOCKS = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "p": "paragraph",
              "ul": "bullet_list", "ol": "numbered_list", "table": "table"}

    def __init__(self, template: Template, site_url: str):
        from docx import Document

        self.template = template
        self.site_url = site_url
        self.line = template.first_line()  # the source line of the block being written
        self.guidance: str | None = None  # inside an admonition: its title
        self.title_pending = False  # the admonition title still has to be written
        self.headings = 0
        self.admonitions = 0
        self.doc = Document()
        self._style_ids: dict[str, str | None] = {}
        self._styles()
        self._page_and_language()

    def add_paragraph(self, style: str | None = None):
        """A new body paragraph in a style named as in Word (None: Normal). The same as python-docx's
        add_paragraph(style=...), with the style's id looked up once instead of for every paragraph."""
        from docx.enum.style import WD_STYLE_TYPE

        paragraph = self.doc.add_paragraph()
        if style is not None:
            if style not in self._style_ids:
                self._style_ids[style] = self.doc.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
            paragraph._p.style = self._style_ids[style]
        return paragraph

    # -- errors and lines

    def refuse(self, el, message: str, needle: str | None = None):
        """Stop with the source line of ``el`` (or of ``needle``, a piece of its text)."""
        where = self.template.line_of(_first_text(el) if needle is None else needle, self.line)
        raise TemplateError(self.template.path, where, message)

    def locate(self, el) -> None:
        self.line = self.template.line_of(_first_text(el), self.line)

    # -- the document

    def write(self) -> bytes:
        """The Word file as bytes."""
        self.walk()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    def walk(self) -> None:
        """Every block of the page into the document, then the sources and the footer."""
        import lxml.html

        root = lxml.html.fragment_fromstring(self.template.html, create_parent="div")
        if (root.text or "").strip():
            self.refuse(root, HTML_REFUSED)
        for el in root:
            if not isinstance(el.tag, str):  # an HTML comment: not shown on the page either
                continue
            if self.headings == 0 and el.tag != "h1":
                self.refuse(el, "een sjabloon begint met één kopje '# Titel'")
            self.block(el)
            if (el.tail or "").strip():
                self.refuse(el, HTML_REFUSED)
        if not self.admonitions:
            raise TemplateError(self.template.path, 1, 'een sjabloon heeft toelichting nodig: !!! tip "Toelichting"')
        self.sources()
        self.footer()

    def block(self, el) -> None:
        self.locate(el)
        classes = _classes(el)
        for key in [el.tag, *classes]:
            if key in REFUSED_BLOCKS:
                self.refuse(el, REFUSED_BLOCKS[key])
        if el.tag == "div" and "admonition" in classes:
            return self.admonition(el)
        if el.tag == "ul" and "task-list" in classes:
            return self.task_list(el)
        method = self.BLOCKS.get(el.tag)
        if method is None:
            self.refuse(el, f"{HTML_REFUSED} (<{el.tag}>)")
        getattr(self, method)(el)

    def heading(self, el) -> None:
        level = int(el.tag[1])
        if self.guidance is not None:
            self.refuse(el, "kopjes in een kader (!!!) worden niet ondersteund")
        if level == 1 and self.headings:
            self.refuse(el, "een sjabloon heeft maar één kopje '# Titel'")
        self.headings += 1
        paragraph = self.add_paragraph("Title" if level == 1 else f"Heading {level - 1}")
        self.runs(paragraph, self.pieces(el))

    def paragraph(self, el) -> None:
        paragraph = self.add_paragraph(self.guidance and GUIDANCE_STYLE)
        if self.title_pending:
            paragraph.add_run(f"{self.guidance}: ").bold = True
            self.title_pending = False
        self.runs(paragraph, self.pieces(el))

    def bullet_list(self, el) -> None:
        for item in self.items(el):
            paragraph = self.add_paragraph("List Bullet")
            self.list_item(paragraph, item, marker=None)

    def numbered_list(self, el) -> None:
        start = int(el.get("start") or 1)
        for number, item in enumerate(self.items(el), start=start):
            paragraph = self.add_paragraph(self.guidance and GUIDANCE_STYLE)
            self.list_item(paragraph, item, marker=f"{number}.\t")

    def task_list(self, el) -> None:
        for item in self.items(el):
            if "task-list-item" not in _classes(item):
                self.refuse(item, "zet taken (- [ ]) en gewone punten niet in één lijst")
            box = item.find(".//input")
            done = box is not None and box.get("checked") is not None
            paragraph = self.add_paragraph(self.guidance and GUIDANCE_STYLE)
            self.list_item(paragraph, item, marker=f"{TASK_DONE if done else TASK_BOX}\t")

    def table(self, el) -> None:
        rows = el.findall(".//tr")
        width = max(len(row.findall("th") + row.findall("td")) for row in rows)
        table = self.doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for row, word_row in zip(rows, table.rows):
            self.locate(row)
            for cell, word_cell in zip(row.findall("th") + row.findall("td"), word_row.cells):
                self.runs(word_cell.paragraphs[0], self.pieces(cell, bold=cell.tag == "th"))
        self.doc.add_paragraph()

    def admonition(self, el) -> None:
        if self.guidance is not None:
            self.refuse(el, "een kader in een kader wordt niet ondersteund")
        kind = next((c for c in _classes(el) if c != "admonition"), "")
        if kind not in ADMONITION_TYPES:
            self.refuse(el, f"onbekend soort kader '{kind}' (kies uit: {', '.join(ADMONITION_TYPES)})")
        children = [c for c in el if isinstance(c.tag, str)]
        if not children or "admonition-title" not in _classes(children[0]):
            self.refuse(el, 'geef het kader een titel, bijvoorbeeld !!! tip "Toelichting"')
        if len(children) == 1:
            self.refuse(el, "kader zonder tekst: spring de tekst 4 spaties in")
        self.admonitions += 1
        self.guidance = " ".join(children[0].text_content().split())
        self.title_pending = True
        try:
            for child in children[1:]:
                if self.title_pending and child.tag != "p":
                    # A guidance block that opens with a list gets its title on a line of its own.
                    title = self.add_paragraph(GUIDANCE_STYLE)
                    title.add_run(self.guidance).bold = True
                    title.paragraph_format.space_after = self._pt(2)
                    self.title_pending = False
                self.block(child)
        finally:
            self.guidance, self.title_pending = None, False

    # -- list items

    def items(self, el) -> list:
        items = [c for c in el if isinstance(c.tag, str)]
        for item in items:
            if item.tag != "li":
                self.refuse(item, f"{HTML_REFUSED} (<{item.tag}> in een lijst)")
        return items

    def list_item(self, paragraph, item, marker: str | None) -> None:
        from docx.shared import Cm, Pt, RGBColor

        self.locate(item)
        content = item
        blocks = [c for c in item if isinstance(c.tag, str) and c.tag in ("p", "ul", "ol", "div", "table")]
        if len(blocks) == 1 and blocks[0].tag == "p" and not (item.text or "").strip():
            content = blocks[0]  # a loose list (blank lines between the items): one paragraph per item
        elif blocks:
            self.refuse(blocks[0], NESTED_REFUSED)
        if marker is not None:
            paragraph.paragraph_format.left_indent = Cm(1.4 if self.guidance else 0.8)
            paragraph.paragraph_format.first_line_indent = Cm(-0.6)
            paragraph.add_run(marker)
        self.runs(paragraph, self.pieces(content, italic=bool(self.guidance)))
        if self.guidance:  # a list inside a guidance block looks like the guidance
            if marker is None:
                paragraph.paragraph_format.left_indent = Cm(1.4)
            self._shade(paragraph._p.get_or_add_pPr())
            paragraph.paragraph_format.space_after = Pt(2)
            for run in paragraph.runs:
                run.italic = True
                run.font.color.rgb = RGBColor(*GUIDANCE_COLOR)

    # -- inlines

    def pieces(self, el, bold: bool = False, italic: bool = False) -> list[Piece]:
        """The runs of a block, leading and trailing space removed, inner space as on the page."""
        out: list[Piece] = []
        self._inline_content(el, bold, italic, out)
        if out:
            out[0].text = out[0].text.lstrip()
            out[-1].text = out[-1].text.rstrip()
        return [p for p in out if p.text or p.kind == "br"]

    def _inline_content(self, el, bold: bool, italic: bool, out: list) -> None:
        if el.text:
            self.text(el, el.text, bold, italic, out)
        for child in el:
            if isinstance(child.tag, str):
                self.inline(child, bold, italic, out)
            if child.tail:
                self.text(el, child.tail, bold, italic, out)

    def inline(self, el, bold: bool, italic: bool, out: list) -> None:
        classes = _classes(el)
        if el.tag in REFUSED_INLINES:
            self.refuse(el, REFUSED_INLINES[el.tag])
        if el.tag == "strong":
            self._inline_content(el, True, italic, out)
        elif el.tag == "em":
            self._inline_content(el, bold, True, out)
        elif el.tag == "a" and "headerlink" in classes:
            return  # the heading's permalink (¶) is for the web page only
        elif el.tag == "a":
            self.link(el, bold, italic, out)
        elif el.tag == "span" and FIELD_CSS_CLASS in classes:
            self.field(el, bold, out)
        elif el.tag == "br":
            out.append(Piece("br"))
        elif el.tag == "label" and "task-list-control" in classes:
            return  # the box of a task list item: written as ☐ or ☒ by task_list
        else:
            self.refuse(el, f"{HTML_REFUSED} (<{el.tag}>)")

    def text(self, el, text: str, bold: bool, italic: bool, out: list) -> None:
        m = FIELD_LIKE_RE.search(text)
        if m:
            self.refuse(el, "invulveld niet goed geschreven; gebruik precies {{ invullen: wat er moet komen }}",
                        needle=text[m.start():].split("\n")[0][:NEEDLE_CHARS])
        star = text.replace(" * ", "   ").find("*")
        if star != -1:
            self.refuse(el, "losse '*': vet is **tekst**, cursief is *tekst*", needle=text[star:].split("\n")[0][:NEEDLE_CHARS])
        out.append(Piece("text", re.sub(r"\s+", " ", text), bold, italic))

    def link(self, el, bold: bool, italic: bool, out: list) -> None:
        if len(el) or FIELD_LIKE_RE.search(el.text or ""):
            self.refuse(el, "opmaak of invulvelden in linktekst worden niet ondersteund")
        url = resolve_url(el.get("href") or "", self.template.url, self.template.rel, self.site_url)
        out.append(Piece("link", re.sub(r"\s+", " ", el.text or ""), bold, italic, url))

    def field(self, el, bold: bool, out: list) -> None:
        out.append(Piece("field", el.text_content(), bold))

    def runs(self, paragraph, pieces: list[Piece]) -> None:
        from docx.enum.text import WD_COLOR_INDEX

        for piece in pieces:
            if piece.kind == "link":
                self.hyperlink(paragraph, piece.text, piece.url, bold=piece.bold, italic=piece.italic)
                continue
            run = paragraph.add_run()
            if piece.kind == "br":
                run.add_break()
                continue
            run.text = piece.text
            run.bold = piece.bold or None
            if piece.kind == "field":
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                run.italic = False
            else:
                run.italic = piece.italic or None

    def hyperlink(self, paragraph, text: str, url: str, bold=False, italic=False, size_half_points=None):
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        r_id = paragraph.part.relate_to(url, HYPERLINK_REL, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), r_id)
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")  # children in schema order: b, i, color, sz, u
        if bold:
            rpr.append(OxmlElement("w:b"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        color = OxmlElement("w:color")
        color.set(qn("w:val"), "0563C1")
        rpr.append(color)
        if size_half_points:
            size = OxmlElement("w:sz")
            size.set(qn("w:val"), str(size_half_points))
            rpr.append(size)
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        rpr.append(underline)
        run.append(rpr)
        t = OxmlElement("w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        link.append(run)
        paragraph._p.append(link)

    # -- what the page shows around its content: sources, footer, properties, styles

    def sources(self) -> None:
        bronnen = self.template.meta.get("bronnen") or []
        if bronnen:
            self.add_paragraph("Heading 1").add_run("Bronnen")
            for bron in bronnen:
                self.hyperlink(self.add_paragraph("List Bullet"), bron["titel"], bron["url"])

    def footer(self) -> None:
        checked = self.template.meta.get("laatst_gecontroleerd")
        page_url = _page_url(self.site_url, self.template.rel)
        footer = self.doc.sections[0].footer.paragraphs[0]
        footer.style = self.doc.styles["Normal"]
        run = footer.add_run(
            f"Sjabloon uit de kennisbank {self.template.publisher[0]}. Versie van "
            f"{checked.isoformat() if isinstance(checked, dt.date) else ''}. "
            f"{self.template.publisher[2]}. "
            "Dit is geen juridisch advies: laat de tekst lokaal controleren. Online: "
        )
        run.font.size = self._pt(8)
        self.hyperlink(footer, page_url, page_url, size_half_points=16)

    def _styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Cm, Pt, RGBColor

        styles = self.doc.styles
        styles["Normal"].font.name = "Calibri"
        styles["Normal"].font.size = Pt(11)
        guide = styles.add_style(GUIDANCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        guide.base_style = styles["Normal"]
        guide.font.italic = True
        guide.font.color.rgb = RGBColor(*GUIDANCE_COLOR)
        guide.paragraph_format.left_indent = Cm(0.8)
        guide.paragraph_format.space_after = Pt(6)
        self._shade(guide.element.get_or_add_pPr())

        meta = self.template.meta
        props = self.doc.core_properties
        props.title = meta["title"]
        props.subject = meta.get("description", "")
        props.author = self.template.publisher[1]
        props.keywords = "sjabloon; " + TEMPLATE_SECTION
        checked = meta.get("laatst_gecontroleerd")
        if isinstance(checked, dt.date):
            stamp = dt.datetime(checked.year, checked.month, checked.day)
            props.created = stamp
            props.modified = stamp

    def _page_and_language(self) -> None:
        """A4 with 2.5 cm margins (python-docx's default template is US Letter) and Dutch (nl-NL) as
        the language of every style, so Word checks the spelling in Dutch (the template says en-US)."""
        from docx.oxml.ns import qn
        from docx.shared import Cm

        for section in self.doc.sections:
            section.page_width, section.page_height = Cm(A4_CM[0]), Cm(A4_CM[1])
            section.left_margin = section.right_margin = Cm(MARGIN_CM)
            section.top_margin = section.bottom_margin = Cm(MARGIN_CM)
        styles = self.doc.styles.element
        langs = list(styles.iter(qn("w:lang")))
        if not langs:
            raise RuntimeError("python-docx: het standaardsjabloon heeft geen taal (w:lang) in styles.xml")
        for lang in langs:
            lang.set(qn("w:val"), LANGUAGE)
            if lang.get(qn("w:eastAsia")) == "en-US":
                lang.set(qn("w:eastAsia"), LANGUAGE)
        self.doc.core_properties.language = LANGUAGE

    @staticmethod
    def _shade(ppr) -> None:
        """Light blue background; inserted at its schema position so Word accepts the file."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        fill = OxmlElement("w:shd")
        fill.set(qn("w:val"), "clear")
        fill.set(qn("w:color"), "auto")
        fill.set(qn("w:fill"), "EAF1F8")
        ppr.insert_element_before(fill, *PPR_AFTER_SHD)

    @staticmethod
    def _pt(points: float):
        from docx.shared import Pt

        return Pt(points)


def build_docx(template: Template, site_url: str) -> bytes:
    """The Word file for a template, as bytes. Raises TemplateError for a block it cannot write."""
    return DocxWriter(template, site_url).write()
