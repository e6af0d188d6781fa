"""Templates (sjablonen): one Markdown page, one generated Word file.

Each template under docs/convenanten/ is written once, as the page itself. Its front matter
names the download (``download: schoolveiligheidsconvenant.docx``); the build hook
(scripts/build/word_files.py) turns the same Markdown into that .docx with python-docx, so the
download matches the page. The check (scripts/checks/template_files.py) and the tests use the same
parser.

Fill-in fields have ONE syntax, defined here::

    {{ invullen: naam van de school }}

On the page a field becomes ``<span class="invulveld">[naam van de school]</span>``; in the
Word file it becomes a yellow-highlighted run ``[naam van de school]``. Guidance blocks
(``!!! tip "Toelichting"``) become paragraphs in the Word style "Toelichting" (italic, blue,
shaded) that start with the bold title, e.g. "Toelichting: ...". Numbered parts are plain
headings such as ``## 1. Partijen``; the front matter ``bronnen`` end the Word file under
"Bronnen", as they end the page.

The parser knows a small subset of Markdown and refuses anything else with ``path:line``:
headings (#, ##, ###, ####), paragraphs, bullet lists (``-``), numbered lists (``1.``),
task lists (``- [ ]``), tables, admonitions (``!!! tip "Toelichting"`` with an indented
body of paragraphs and lists), and inline **bold**, *italic*, [links](url) and fields.
Nothing is dropped silently.
"""
from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from scripts.model import content_model

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

SITE_NAME = "Veilig op school – kennisbank SWV VO Zuid-Holland West"


class TemplateError(Exception):
    """A template that cannot be turned into a Word file; str() is 'path:line: message'."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.problem = content_model.Problem(path, line, message)


def field_labels(text: str) -> list[str]:
    """All fill-in field labels in a piece of Markdown, in order."""
    return [m.group(1) for m in FIELD_RE.finditer(text)]


def fields_to_html(markdown_text: str) -> str:
    """Replace every fill-in field by the highlighted span shown on the page."""

    def repl(m: re.Match) -> str:
        label = html.escape(m.group(1), quote=False)
        return f'<span class="{FIELD_CSS_CLASS}">&#91;{label}&#93;</span>'

    return FIELD_RE.sub(repl, markdown_text)


# --- The document model ------------------------------------------------------------------

@dataclass
class Inline:
    kind: str  # text, bold, italic, bolditalic, link, field
    text: str
    url: str = ""


@dataclass
class Block:
    kind: str  # heading, para, bullets, numbers, tasks, table, admonition
    line: int
    level: int = 0  # headings
    inlines: list = field(default_factory=list)  # heading, para
    items: list = field(default_factory=list)  # lists: list[list[Inline]]; table: rows of cells
    start: int = 1  # numbered lists
    title: str = ""  # admonitions
    kind_detail: str = ""  # admonition type
    children: list = field(default_factory=list)  # admonition body


@dataclass
class Template:
    path: str  # shown path, e.g. docs/convenanten/x.md
    rel: str  # relative to docs/
    meta: dict
    blocks: list

    @property
    def download(self) -> str:
        return self.meta["download"]

    def headings(self) -> list[tuple[int, str]]:
        return [(b.level, plain(b.inlines)) for b in self.blocks if b.kind == "heading"]

    def fields(self) -> list[str]:
        out: list[str] = []

        def walk(blocks):
            for b in blocks:
                for inl in b.inlines:
                    if inl.kind == "field":
                        out.append(inl.text)
                for item in b.items:
                    cells = item if b.kind == "table" else [item]
                    for cell in cells:
                        out.extend(i.text for i in cell if i.kind == "field")
                walk(b.children)

        walk(self.blocks)
        return out


def plain(inlines: list[Inline]) -> str:
    return "".join(f"[{i.text}]" if i.kind == "field" else i.text for i in inlines)


# --- Inline parsing ----------------------------------------------------------------------

INLINE_RE = re.compile(
    r"(?P<field>\{\{\s*invullen:\s*(?P<label>[^{}]+?)\s*\}\})"
    r"|\*\*\*(?P<bi>[^*]+?)\*\*\*"
    r"|\*\*(?P<bold>[^*]+?)\*\*"
    r"|\*(?P<italic>[^*\s][^*]*?)\*"
    r"|\[(?P<ltext>[^\]]+)\]\((?P<url>[^)\s]+)\)"
)
UNSUPPORTED_INLINE = (
    (re.compile(r"!\["), "afbeeldingen worden niet ondersteund in een sjabloon"),
    (re.compile(r"\[\^"), "voetnoten worden niet ondersteund in een sjabloon"),
    (re.compile(r"<[A-Za-z/!]"), "HTML wordt niet ondersteund in een sjabloon; gebruik Markdown"),
    (re.compile(r"`"), "code (`...`) wordt niet ondersteund in een sjabloon"),
)


def parse_inline(text: str, path: str, line: int) -> list[Inline]:
    for pattern, message in UNSUPPORTED_INLINE:
        if pattern.search(text):
            raise TemplateError(path, line, message)
    out: list[Inline] = []
    pos = 0
    for m in INLINE_RE.finditer(text):
        if m.start() > pos:
            out.append(Inline("text", text[pos:m.start()]))
        if m.group("field"):
            out.append(Inline("field", m.group("label")))
        elif m.group("bi") is not None:
            out.append(Inline("bolditalic", m.group("bi")))
        elif m.group("bold") is not None:
            inner = m.group("bold")
            out.append(Inline("bold", inner))
        elif m.group("italic") is not None:
            out.append(Inline("italic", m.group("italic")))
        else:
            out.append(Inline("link", m.group("ltext"), m.group("url")))
        pos = m.end()
    if pos < len(text):
        out.append(Inline("text", text[pos:]))
    for inl in out:
        if inl.kind == "field":
            continue
        if FIELD_LIKE_RE.search(inl.text):
            raise TemplateError(
                path, line, "invulveld niet goed geschreven; gebruik precies {{ invullen: wat er moet komen }}"
            )
        if inl.kind != "link" and "*" in inl.text.replace(" * ", ""):
            raise TemplateError(path, line, "losse '*': vet is **tekst**, cursief is *tekst*")
        if inl.kind == "link" and ("{{" in inl.text or "*" in inl.text):
            raise TemplateError(path, line, "opmaak of invulvelden in linktekst worden niet ondersteund")
    return out


# --- Block parsing -----------------------------------------------------------------------

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
BULLET_RE = re.compile(r"^- (?!\[[ xX]\] )(.*)$")
TASK_RE = re.compile(r"^- \[[ xX]\] (.*)$")
NUMBER_RE = re.compile(r"^(\d+)\. (.*)$")
ADMONITION_RE = re.compile(r'^!!!\s+([a-z]+)(?:\s+"([^"]*)")?\s*$')
TABLE_SEP_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
UNSUPPORTED_BLOCK = (
    (re.compile(r"^(```|~~~)"), "codeblokken worden niet ondersteund in een sjabloon"),
    (re.compile(r"^>"), "citaatblokken (>) worden niet ondersteund in een sjabloon"),
    (re.compile(r"^(\?\?\?|===)"), "inklapbare blokken en tabbladen worden niet ondersteund in een sjabloon"),
    (re.compile(r"^<"), "HTML wordt niet ondersteund in een sjabloon; gebruik Markdown"),
    (re.compile(r"^[*+] "), "gebruik '- ' voor een opsomming"),
    (re.compile(r"^(\*\*\*|---|___)\s*$"), "horizontale lijnen worden niet ondersteund in een sjabloon"),
    (re.compile(r"^\s*\[\^?[^\]]+\]:"), "voetnoten en linkdefinities worden niet ondersteund in een sjabloon"),
    (re.compile(r"^\*\[.+\]:"), "afkortingen (*[...]:) worden niet ondersteund in een sjabloon"),
    (re.compile(r"^:\s"), "definitielijsten worden niet ondersteund in een sjabloon"),
)


def _starts_block(line: str) -> bool:
    return bool(
        HEADING_RE.match(line)
        or BULLET_RE.match(line)
        or TASK_RE.match(line)
        or NUMBER_RE.match(line)
        or ADMONITION_RE.match(line)
        or line.startswith("|")
        or line.startswith("!!!")
        or any(p.match(line) for p, _ in UNSUPPORTED_BLOCK)
    )


def _split_row(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return [c.strip() for c in row.split("|")]


def parse_blocks(lines: list[tuple[int, str]], path: str, nested: bool = False) -> list[Block]:
    """Parse (line number, text) pairs into blocks."""
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    while i < n:
        no, line = lines[i]
        if not line.strip():
            i += 1
            continue
        if line.startswith(" ") or line.startswith("\t"):
            raise TemplateError(path, no, "onverwachte inspringing: alleen de tekst in een kader (!!!) springt in")
        for pattern, message in UNSUPPORTED_BLOCK:
            if pattern.match(line):
                raise TemplateError(path, no, message)
        m = HEADING_RE.match(line)
        if m:
            if nested:
                raise TemplateError(path, no, "kopjes in een kader (!!!) worden niet ondersteund")
            level = len(m.group(1))
            if level > 4:
                raise TemplateError(path, no, "kopjes dieper dan #### worden niet ondersteund")
            blocks.append(Block("heading", no, level=level, inlines=parse_inline(m.group(2), path, no)))
            i += 1
            continue
        m = ADMONITION_RE.match(line)
        if line.startswith("!!!"):
            if not m:
                raise TemplateError(path, no, 'kader niet goed geschreven; gebruik !!! tip "Toelichting"')
            if nested:
                raise TemplateError(path, no, "een kader in een kader wordt niet ondersteund")
            kind, title = m.group(1), m.group(2)
            if kind not in ADMONITION_TYPES:
                raise TemplateError(
                    path, no, f"onbekend soort kader '{kind}' (kies uit: {', '.join(ADMONITION_TYPES)})"
                )
            if not title:
                raise TemplateError(path, no, 'geef het kader een titel, bijvoorbeeld !!! tip "Toelichting"')
            body: list[tuple[int, str]] = []
            i += 1
            while i < n and (not lines[i][1].strip() or lines[i][1].startswith("    ")):
                body.append((lines[i][0], lines[i][1][4:]))
                i += 1
            while body and not body[-1][1].strip():
                body.pop()
            if not body:
                raise TemplateError(path, no, "kader zonder tekst: spring de tekst 4 spaties in")
            children = parse_blocks(body, path, nested=True)
            blocks.append(Block("admonition", no, title=title, kind_detail=kind, children=children))
            continue
        if line.startswith("|"):
            if i + 1 >= n or not TABLE_SEP_RE.match(lines[i + 1][1]):
                raise TemplateError(path, no, "tabel zonder scheidingsregel (| --- | --- |) onder de kop")
            header = _split_row(line)
            rows = [[parse_inline(c, path, no) for c in header]]
            i += 2
            while i < n and lines[i][1].startswith("|"):
                rno, row = lines[i]
                cells = _split_row(row)
                if len(cells) != len(header):
                    raise TemplateError(
                        path, rno, f"tabelrij heeft {len(cells)} cellen, de kop heeft er {len(header)}"
                    )
                rows.append([parse_inline(c, path, rno) for c in cells])
                i += 1
            blocks.append(Block("table", no, items=rows))
            continue
        for kind, regex in (("tasks", TASK_RE), ("bullets", BULLET_RE), ("numbers", NUMBER_RE)):
            m = regex.match(line)
            if not m:
                continue
            items = []
            start = int(m.group(1)) if kind == "numbers" else 1
            while i < n:
                ino, iline = lines[i]
                mm = regex.match(iline)
                if not mm:
                    break
                text = mm.group(mm.lastindex)
                i += 1
                # Continuation lines of the same item: indented text, no blank line in between.
                while i < n and lines[i][1].startswith("  ") and lines[i][1].strip():
                    cont = lines[i][1].strip()
                    if _starts_block(cont):
                        raise TemplateError(
                            path, lines[i][0], "geneste lijsten en blokken in een lijst worden niet ondersteund"
                        )
                    text += " " + cont
                    i += 1
                items.append(parse_inline(text.strip(), path, ino))
                # A blank line ends the list unless the next item follows directly.
                if i < n and not lines[i][1].strip():
                    j = i
                    while j < n and not lines[j][1].strip():
                        j += 1
                    if j < n and regex.match(lines[j][1]):
                        raise TemplateError(
                            path, lines[j][0], "lege regel binnen een lijst: haal hem weg (losse lijst)"
                        )
                    break
            blocks.append(Block(kind, no, items=items, start=start))
            break
        else:
            # A paragraph: consecutive lines until a blank line or another block.
            text_lines = [line.strip()]
            i += 1
            while i < n and lines[i][1].strip() and not _starts_block(lines[i][1]) and not lines[i][1].startswith(" "):
                text_lines.append(lines[i][1].strip())
                i += 1
            if i < n and lines[i][1].startswith(" ") and lines[i][1].strip():
                raise TemplateError(path, lines[i][0], "onverwachte inspringing in een alinea")
            blocks.append(Block("para", no, inlines=parse_inline(" ".join(text_lines), path, no)))
    return blocks


def load_template(src: Path, docs: Path) -> Template:
    """Parse one template page. Raises TemplateError with the file and line."""
    rel = src.relative_to(docs).as_posix()
    shown = f"docs/{rel}"
    if not src.is_file():
        raise TemplateError(shown, 1, "sjabloonbestand ontbreekt")
    page = content_model.load_page(src, docs)
    if page.problems:
        raise TemplateError(page.problems[0].path, page.problems[0].line, page.problems[0].message)
    download = page.meta.get("download")
    line = page.lines.get("download", 1)
    expected = f"{src.stem}.docx"
    if download != expected:
        raise TemplateError(shown, line, f"veld 'download' moet '{expected}' zijn (de naam van de pagina + .docx)")
    text = src.read_text(encoding="utf-8")
    all_lines = text.splitlines()
    # Skip the front matter: find the closing '---'.
    end = next(i for i, ln in enumerate(all_lines[1:], start=1) if ln.strip() in ("---", "..."))
    body = [(no, ln.rstrip()) for no, ln in enumerate(all_lines[end + 1:], start=end + 2)]
    try:
        body = content_model.snippet_expander(docs.parent)(body, shown)
    except content_model.SnippetError as exc:
        raise TemplateError(exc.problem.path, exc.problem.line, exc.problem.message) from exc
    blocks = parse_blocks(body, shown)
    headings = [b for b in blocks if b.kind == "heading"]
    if not headings or headings[0].level != 1 or blocks[0] is not headings[0]:
        raise TemplateError(shown, body[0][0] if body else 1, "een sjabloon begint met één kopje '# Titel'")
    if sum(1 for h in headings if h.level == 1) > 1:
        extra = [h for h in headings if h.level == 1][1]
        raise TemplateError(shown, extra.line, "een sjabloon heeft maar één kopje '# Titel'")
    if not any(b.kind == "admonition" for b in blocks):
        raise TemplateError(shown, 1, 'een sjabloon heeft toelichting nodig: !!! tip "Toelichting"')
    if not field_labels(text):
        raise TemplateError(shown, 1, "een sjabloon heeft invulvelden nodig: {{ invullen: wat er moet komen }}")
    return Template(shown, rel, page.meta, blocks)


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


def check_templates(docs: Path) -> list[content_model.Problem]:
    problems = []
    for path in template_pages(docs):
        try:
            load_template(path, docs)
        except TemplateError as exc:
            problems.append(exc.problem)
    return problems


# --- Word output -------------------------------------------------------------------------

def _page_url(site_url: str, rel_md: str) -> str:
    """Absolute URL of a page on the published site (directory URLs)."""
    rel_md = posixpath.normpath(rel_md)
    if rel_md.endswith("index.md"):
        path = rel_md[: -len("index.md")]
    else:
        path = rel_md[:-3] + "/"
    return site_url.rstrip("/") + "/" + path.lstrip("./")


def resolve_url(url: str, page_rel: str, site_url: str) -> str:
    if re.match(r"^[a-z]+:", url):
        return url
    target, _, anchor = url.partition("#")
    if not target:
        return _page_url(site_url, page_rel) + ("#" + anchor if anchor else "")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), target))
    if joined.endswith(".md"):
        out = _page_url(site_url, joined)
    else:
        out = site_url.rstrip("/") + "/" + joined
    return out + ("#" + anchor if anchor else "")


def build_docx(template: Template, site_url: str) -> bytes:
    """The Word file for a template, as bytes."""
    import io

    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_COLOR_INDEX
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    styles = doc.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(11)
    guide = styles.add_style("Toelichting", WD_STYLE_TYPE.PARAGRAPH)
    guide.base_style = styles["Normal"]
    guide.font.italic = True
    guide.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    guide.paragraph_format.left_indent = Cm(0.8)
    guide.paragraph_format.space_after = Pt(6)
    def shade_ppr(ppr):
        """Light blue background; inserted at its schema position so Word accepts the file."""
        fill = OxmlElement("w:shd")
        fill.set(qn("w:val"), "clear")
        fill.set(qn("w:color"), "auto")
        fill.set(qn("w:fill"), "EAF1F8")
        ppr.insert_element_before(fill, *PPR_AFTER_SHD)

    shade_ppr(guide.element.get_or_add_pPr())

    meta = template.meta
    props = doc.core_properties
    props.title = meta["title"]
    props.subject = meta.get("description", "")
    props.author = "Samenwerkingsverband VO Zuid-Holland West"
    props.keywords = "sjabloon; " + TEMPLATE_SECTION
    checked = meta.get("laatst_gecontroleerd")
    if isinstance(checked, dt.date):
        stamp = dt.datetime(checked.year, checked.month, checked.day)
        props.created = stamp
        props.modified = stamp
    page_url = _page_url(site_url, template.rel)

    def shade(paragraph):
        shade_ppr(paragraph._p.get_or_add_pPr())

    def add_hyperlink(paragraph, text: str, url: str, bold=False, italic=False, size_half_points=None):
        part = paragraph.part
        r_id = part.relate_to(
            url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True
        )
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

    def add_inlines(paragraph, inlines, italic=False):
        for inl in inlines:
            if inl.kind == "link":
                add_hyperlink(paragraph, inl.text, resolve_url(inl.url, template.rel, site_url), italic=italic)
                continue
            if inl.kind == "field":
                run = paragraph.add_run(f"[{inl.text}]")
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                run.italic = False
                continue
            run = paragraph.add_run(inl.text)
            run.bold = inl.kind in ("bold", "bolditalic") or None
            run.italic = (inl.kind in ("italic", "bolditalic") or italic) or None

    def add_blocks(blocks, guidance_prefix: str | None = None):
        first = True
        if guidance_prefix is not None and blocks and blocks[0].kind != "para":
            # A guidance block that opens with a list gets its title on a line of its own.
            title = doc.add_paragraph(style="Toelichting")
            title.add_run(guidance_prefix).bold = True
            title.paragraph_format.space_after = Pt(2)
            first = False
        for b in blocks:
            style = "Toelichting" if guidance_prefix is not None else None
            if b.kind == "heading":
                p = doc.add_heading(level=0 if b.level == 1 else b.level - 1)
                add_inlines(p, b.inlines)
            elif b.kind == "para":
                p = doc.add_paragraph(style=style)
                if guidance_prefix is not None and first:
                    p.add_run(f"{guidance_prefix}: ").bold = True
                add_inlines(p, b.inlines, italic=False)
            elif b.kind in ("bullets", "numbers", "tasks"):
                for idx, item in enumerate(b.items):
                    if b.kind == "bullets":
                        p = doc.add_paragraph(style="List Bullet")
                    else:
                        p = doc.add_paragraph(style=style)
                        p.paragraph_format.left_indent = Cm(1.4 if style else 0.8)
                        p.paragraph_format.first_line_indent = Cm(-0.6)
                        marker = f"{b.start + idx}.\t" if b.kind == "numbers" else "\u2610\t"
                        p.add_run(marker)
                    add_inlines(p, item, italic=bool(style))
                    if style:  # a list inside a guidance block looks like the guidance
                        if b.kind == "bullets":
                            p.paragraph_format.left_indent = Cm(1.4)
                        shade(p)
                        p.paragraph_format.space_after = Pt(2)
                        for r in p.runs:
                            r.italic = True
                            r.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
            elif b.kind == "table":
                rows = b.items
                table = doc.add_table(rows=len(rows), cols=len(rows[0]))
                table.style = "Table Grid"
                for r_idx, row in enumerate(rows):
                    for c_idx, cell_inlines in enumerate(row):
                        cell = table.cell(r_idx, c_idx)
                        p = cell.paragraphs[0]
                        add_inlines(p, cell_inlines)
                        if r_idx == 0:
                            for run in p.runs:
                                run.bold = True
                doc.add_paragraph()
            elif b.kind == "admonition":
                add_blocks(b.children, guidance_prefix=b.title)
            else:  # pragma: no cover - the parser makes no other kinds
                raise TemplateError(template.path, b.line, f"onbekend blok '{b.kind}'")
            first = False

    add_blocks(template.blocks)

    bronnen = meta.get("bronnen") or []
    if bronnen:
        doc.add_heading("Bronnen", level=1)
        for bron in bronnen:
            p = doc.add_paragraph(style="List Bullet")
            add_hyperlink(p, bron["titel"], bron["url"])

    section = doc.sections[0]
    footer = section.footer.paragraphs[0]
    footer.style = styles["Normal"]
    run = footer.add_run(
        f"Sjabloon uit de kennisbank {SITE_NAME}. Versie van "
        f"{checked.isoformat() if isinstance(checked, dt.date) else ''}. "
        "Dit is geen juridisch advies: laat de tekst lokaal controleren. Online: "
    )
    run.font.size = Pt(8)
    add_hyperlink(footer, page_url, page_url, size_half_points=16)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# --- Reading a Word file back (tests, reports) --------------------------------------------

def docx_outline(path: Path) -> tuple[list[tuple[int, str]], list[str]]:
    """(headings as (markdown level, text), field labels) of a generated Word file."""
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX

    doc = Document(str(path))
    headings: list[tuple[int, str]] = []
    fields: list[str] = []

    def scan_paragraph(p):
        for run in p.runs:
            if run.font.highlight_color == WD_COLOR_INDEX.YELLOW:
                text = run.text
                assert text.startswith("[") and text.endswith("]"), text
                fields.append(text[1:-1])

    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            from docx.text.paragraph import Paragraph

            p = Paragraph(block, doc)
            name = p.style.name
            if name == "Title":
                headings.append((1, p.text))
            elif name.startswith("Heading "):
                headings.append((int(name.split()[1]) + 1, p.text))
            scan_paragraph(p)
        elif tag == "tbl":
            from docx.table import Table

            for row in Table(block, doc).rows:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        scan_paragraph(p)
    return headings, fields
