"""Templates (sjablonen): every page with 'download:' becomes a Word file at build time, made from
the page's own rendered HTML; a broken template stops the build and names the file and line.

The Word files are read back with python-docx and compared with the built pages read with lxml,
independently of the writer in scripts/exports/templates_docx.py: the whole text, block by block,
headings with their levels, fields in order. The fields are also read from the raw Markdown here.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import lxml.html
import pytest
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from conftest import ROOT, mkdocs_build


from scripts.checks import template_files
from scripts.exports import templates_docx
from scripts.model import content_model, region
from scripts.model.clock import today
from scripts.model.project import Project

DOCS = ROOT / "docs"
RULES = ROOT / "regels"
# Every page of the templates section except its index is a template.
TEMPLATES = sorted(p for p in (DOCS / "convenanten").glob("*.md") if p.name != "index.md")
FIELD = re.compile(r"\{\{\s*invullen:\s*(.+?)\s*\}\}")
INCLUDE = re.compile(r'^([ \t]*)--8<--[ \t]+"([^"]+)"[ \t]*$')

# What the page shows and the Word file leaves out, by design:
PAGE_ONLY = (
    "a.headerlink",  # the permalink (¶) after each heading: a web link to the heading itself
    "a.md-content__button",  # "Wijzig deze pagina": the editors' link to the source on GitLab
    "p.sjabloon-download",  # the download button: the Word file does not download itself
    "div.controle-verlopen",  # the overdue-review notice, shown by the browser after the due date;
    # the Word file carries its version date in the footer instead
    "p.pagina-beheer",  # owner, checked and changed dates of the web page (the footer has the version)
    "details.pagina-wijzigingen",  # the page's git history
)
W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def raw_body_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    end = lines.index("---", 1)
    return lines[end + 1:]


def body_lines(path: Path) -> list[str]:
    """The body with every canonical rule and regional block included, by the content model's expander
    (pymdownx.snippets, as the build)."""
    numbered = list(enumerate(raw_body_lines(path), start=1))
    return [line for _, line in content_model.snippet_expander(ROOT)(numbered, path.name)]


def include_file(name: str) -> Path:
    """Where an include line's file is: regels/naam.md, or the region's regio/blokken/naam.md."""
    return next(Path(p) / name for p in content_model.snippet_paths(ROOT) if (Path(p) / name).is_file())


def included_rules(path: Path) -> list[str]:
    return [m.group(2) for m in map(INCLUDE.match, raw_body_lines(path)) if m]


def md_fields(path: Path) -> list[str]:
    return FIELD.findall("\n".join(body_lines(path)))


def docx_path(site: Path, page: Path) -> Path:
    return site / "convenanten" / "downloads" / f"{page.stem}.docx"


def norm(text: str) -> str:
    return " ".join(text.split())


# --- The Word file as a reader sees it: python-docx ------------------------------------------

def word_blocks(path: Path) -> list[tuple[str, str]]:
    """(style, text) of every body paragraph and every table cell, in document order; empty ones
    (the spacing paragraph after a table, an empty cell) left out. Not the footer."""
    doc = Document(str(path))
    out = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, doc)
            out.append((paragraph.style.name, norm(paragraph.text)))
        elif tag == "tbl":
            out += [("cel", norm(cell.text)) for row in Table(child, doc).rows for cell in row.cells]
    return [(style, text) for style, text in out if text]


def word_text(path: Path) -> list[str]:
    return [text for _, text in word_blocks(path)]


def word_headings(path: Path) -> list[tuple[int, str]]:
    """(level as on the page, text): Word's Title is the page's h1, Heading n its h(n+1)."""
    out = []
    for style, text in word_blocks(path):
        if style == "Title":
            out.append((1, text))
        elif style.startswith("Heading "):
            out.append((int(style.split()[1]) + 1, text))
    return out


def highlighted_runs(path: Path) -> list[str]:
    """The text of every highlighted run, paragraphs and table cells in document order."""
    doc = Document(str(path))
    return [run.text for p in doc.element.body.iter(W_P) for run in Paragraph(p, doc).runs
            if run.font.highlight_color is not None]


# --- The page as a reader sees it: the built HTML -------------------------------------------

def page_article(site: Path, page: Path):
    tree = lxml.html.parse(str(site / "convenanten" / page.stem / "index.html"))
    article = tree.find(".//article")
    for selector in PAGE_ONLY:
        tag, cls = selector.split(".")
        for el in article.xpath(f".//{tag}[contains(concat(' ', @class, ' '), ' {cls} ')]"):
            el.drop_tree()
    return article


def page_text(site: Path, page: Path) -> list[str]:
    """The text of the page's article block by block, as a reader sees it: list numbers and task
    boxes included (the browser draws them; the Word file writes them as text). An admonition's
    title runs into its first paragraph as "Titel: ..." in the Word file, or stands on its own line
    when the admonition opens with a list; the expected text says so too."""
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            classes = (child.get("class") or "").split()
            if child.tag == "div" and "admonition" in classes:
                title, *body = [c for c in child if isinstance(c.tag, str)]
                start = len(out)
                wrapper = lxml.html.Element("div")
                wrapper.extend(body)
                walk(wrapper)
                if body and body[0].tag == "p":
                    out[start] = f"{norm(title.text_content())}: {out[start]}"
                else:
                    out.insert(start, norm(title.text_content()))
            elif child.tag in ("ol", "ul"):
                number = int(child.get("start") or 1)
                for item in child.findall("li"):
                    if "task-list-item" in (item.get("class") or ""):
                        box = "\u2612" if item.find(".//input").get("checked") is not None else "\u2610"
                        out.append(f"{box} {norm(item.text_content())}")
                    elif child.tag == "ol":
                        out.append(f"{number}. {norm(item.text_content())}")
                        number += 1
                    else:
                        out.append(norm(item.text_content()))
            elif child.tag in HEADINGS or child.tag in ("p", "th", "td"):
                out.append(norm(child.text_content()))
            else:
                walk(child)

    walk(page_article(site, page))
    return [text for text in out if text]


def page_headings(site: Path, page: Path) -> list[tuple[int, str]]:
    article = page_article(site, page)
    return [(int(h.tag[1]), norm(h.text_content())) for h in article.iter(*HEADINGS)]


# --- The tests --------------------------------------------------------------------------------

def test_every_template_declares_its_download():
    assert TEMPLATES, "geen sjablonen gevonden in docs/convenanten/"
    for page in TEMPLATES:
        text = page.read_text(encoding="utf-8")
        assert f"\ndownload: {page.stem}.docx\n" in text, page.name
    assert set(TEMPLATES) <= set(templates_docx.template_pages(DOCS))


@pytest.mark.parametrize("page", TEMPLATES, ids=lambda p: p.stem)
def test_docx_holds_the_whole_text_of_its_page(built_site, page):
    path = docx_path(built_site, page)
    assert path.is_file(), f"{path} is niet gemaakt"
    expected = page_text(built_site, page)
    assert len(expected) > 10 and any(t.startswith("Toelichting: ") for t in expected), expected[:5]
    assert word_text(path) == expected


@pytest.mark.parametrize("page", TEMPLATES, ids=lambda p: p.stem)
def test_docx_headings_and_fields_are_those_of_the_page(built_site, page):
    path = docx_path(built_site, page)
    headings = word_headings(path)
    assert headings == page_headings(built_site, page)
    assert headings[0][0] == 1 and headings[-1] == (2, "Bronnen")
    # Numbered parts: every level-2 heading starts with a part number like "1." or "A1.".
    assert all(re.match(r"^([A-Z]\d*|\d+)\. ", text) for level, text in headings[1:-1] if level == 2)
    # The same fields in the same order as in the Markdown (rules included), each marked in yellow.
    fields = md_fields(page)
    assert fields, f"{page.name}: een sjabloon heeft invulvelden"
    assert highlighted_runs(path) == [f"[{label}]" for label in fields]


@pytest.mark.parametrize("page", TEMPLATES, ids=lambda p: p.stem)
def test_docx_shows_guidance_links_and_version(built_site, page):
    doc = Document(str(docx_path(built_site, page)))
    source = page.read_text(encoding="utf-8")
    guidance = [p for p in doc.paragraphs if p.style.name == "Toelichting" and p.text.startswith("Toelichting: ")]
    assert len(guidance) == source.count('!!! tip "Toelichting"')
    assert all(p.runs[0].bold and p.runs[0].text == "Toelichting: " for p in guidance)
    assert doc.core_properties.title == re.search(r"^title: (.+)$", source, re.M).group(1)
    # Relative links to other pages become absolute links to the published site.
    site_url = region.site_url(ROOT)
    targets = [rel.target_ref for rel in doc.part.rels.values() if rel.reltype.endswith("/hyperlink")]
    assert targets and all(t.startswith("https://") for t in targets)
    own = [t for t in targets if t.startswith(site_url)]
    assert own, "geen link naar een andere pagina van de site"
    assert not [t for t in own if t.split("#")[0].endswith((".md", ".html")) or "/../" in t]
    footer = doc.sections[0].footer.paragraphs[0]
    checked = re.search(r"^laatst_gecontroleerd: (\S+)$", source, re.M).group(1)
    assert f"Versie van {checked}." in footer.text
    assert footer.text.endswith(f"{site_url}convenanten/{page.stem}/")


def plain(markdown: str) -> str:
    """Text of a Markdown line as Word shows it: no list marks, emphasis or link targets."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)
    text = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", text).replace("**", "").replace("*", "")
    return " ".join(text.split())


@pytest.mark.parametrize("page", [p for p in TEMPLATES if included_rules(p)], ids=lambda p: p.stem)
def test_docx_holds_the_text_of_every_included_rule(built_site, page):
    text = " ".join(word_text(docx_path(built_site, page)))
    for name in included_rules(page):
        numbered = list(enumerate(include_file(name).read_text(encoding="utf-8").splitlines(), start=1))
        for _, line in content_model.snippet_expander(ROOT)(numbered, name):  # with the blocks it includes
            if line.strip():
                assert plain(line)[:60] in text, f"{page.name}: regel {name} staat niet in het Word-bestand"


def test_pages_link_their_download_and_mark_fields(built_site):
    for page in TEMPLATES:
        html = (built_site / "convenanten" / page.stem / "index.html").read_text(encoding="utf-8")
        m = re.search(r'<p class="sjabloon-download"><a [^>]*href="([^"]+)"', html)
        assert m, f"{page.name}: geen downloadknop"
        target = (built_site / "convenanten" / page.stem / m.group(1)).resolve()
        assert target == docx_path(built_site, page).resolve() and target.is_file()
        assert html.count('<span class="invulveld">') == len(md_fields(page))
        assert "{{" not in html and "invullen:" not in html


@pytest.mark.parametrize("page", TEMPLATES, ids=lambda p: p.stem)
def test_check_renders_as_the_build_does(built_site, page):
    """Without a build (the check), the page is rendered with the site's Markdown configuration:
    the Word file it gives is the one the build made, part for part."""
    site_url = region.site_url(ROOT)
    made = templates_docx.build_docx(templates_docx.load_template(page, DOCS), site_url)
    with zipfile.ZipFile(docx_path(built_site, page)) as built, zipfile.ZipFile(io.BytesIO(made)) as here:
        assert built.namelist() == here.namelist()
        assert [n for n in built.namelist() if built.read(n) != here.read(n)] == []


def small_project(tmp_path: Path, *pages: str) -> Path:
    """The parts of the project the check reads: mkdocs.yml (its Markdown settings), the rules and
    the named template pages. Returns the docs folder."""
    docs = tmp_path / "docs"
    (docs / "convenanten").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(RULES, tmp_path / "regels")  # templates include canonical rules ...
    shutil.copytree(ROOT / "regio", tmp_path / "regio")  # ... and the region's blocks
    for name in pages:
        shutil.copy(DOCS / "convenanten" / name, docs / "convenanten" / name)
    return docs


# (name, Markdown appended to a template, which line of it the error names, message)
# The line is that of the block's first text (see Template.line_of): for a code block the line
# after its opening fence.
BROKEN = [
    ("codeblok", "```\nprint('x')\n```\n", 1, "codeblokken worden niet ondersteund"),
    ("tikfout in veld", "Naam: {{ invulen: naam }}\n", 0, "invulveld niet goed geschreven"),
    ("geneste lijst", "- punt\n    - subpunt\n", 1, "geneste lijsten"),
    ("onbekend kader", '!!! danger "Let op"\n    Tekst.\n', 0, "onbekend soort kader 'danger'"),
    ("kader zonder titel", '!!! tip ""\n    Tekst.\n', 1, "geef het kader een titel"),
    ("kopje in kader", '!!! tip "Toelichting"\n    ## Kop\n', 1, "kopjes in een kader"),
    ("citaat", "Eerst dit.\n\n> Een citaat\n", 2, "citaatblokken (>)"),
    ("afbeelding", "Zie de kaart:\n![plattegrond](kaart.png)\n", 1, "afbeeldingen worden niet ondersteund"),
    ("voetnoot", "Zie de wet.[^1]\n\n[^1]: Artikel 1.\n", 0, "voetnoten worden niet ondersteund"),
    ("code in tekst", "Typ `ja` in het veld.\n", 0, "code (`...`) wordt niet ondersteund"),
    ("html", "Dit is <b>vet</b>.\n", 0, "HTML wordt niet ondersteund"),
    ("tweede titel", "# Nog een titel\n", 0, "maar één kopje '# Titel'"),
    ("te diep kopje", "##### Diep\n", 0, "kopjes dieper dan ####"),
    ("tabbladen", '=== "A"\n    Tekst.\n', 0, "tabbladen (===)"),
    ("losse ster", "Dit * is * goed, maar dit *niet.\n", 0, "losse '*'"),
]


@pytest.mark.parametrize("name,snippet,offset,message", BROKEN, ids=[b[0] for b in BROKEN])
def test_unsupported_markup_is_refused_with_file_and_line(tmp_path, name, snippet, offset, message):
    docs = small_project(tmp_path, "evaluatie-incident.md")
    target = docs / "convenanten" / "evaluatie-incident.md"
    original = target.read_text(encoding="utf-8")
    first = len(original.splitlines()) + 2  # the snippet's first line, after one blank line
    target.write_text(original + "\n" + snippet, encoding="utf-8")
    problems = templates_docx.check_templates(docs)
    assert len(problems) == 1, problems
    assert (problems[0].path, problems[0].line) == ("docs/convenanten/evaluatie-incident.md", first + offset)
    assert message in problems[0].message


def test_a_template_needs_one_title_guidance_and_fields(tmp_path):
    docs = small_project(tmp_path, "evaluatie-incident.md")
    target = docs / "convenanten" / "evaluatie-incident.md"
    original = target.read_text(encoding="utf-8")
    head, body = original.split("\n---\n", 1)
    cases = {
        "Een inleiding.\n\n" + body: "een sjabloon begint met één kopje '# Titel'",
        # a box ends at the first line that is not indented (a blank line inside it is part of it)
        re.sub(r'!!! tip "Toelichting"\n(?:    .*\n|\n(?=    ))+', "", re.sub(r'!!! info .*\n(?:    .*\n|\n(?=    ))+', "", body)):
            "een sjabloon heeft toelichting nodig",
        FIELD.sub("x", body): "een sjabloon heeft invulvelden nodig",
    }
    for new_body, message in cases.items():
        target.write_text(head + "\n---\n" + new_body, encoding="utf-8")
        problems = templates_docx.check_templates(docs)
        assert len(problems) == 1 and message in problems[0].message, (message, problems)


def test_template_without_download_key_is_not_skipped(tmp_path):
    docs = small_project(tmp_path, *(p.name for p in TEMPLATES))
    page = docs / "convenanten" / "charter-netwerk.md"
    page.write_text(page.read_text(encoding="utf-8").replace("download: charter-netwerk.docx\n", ""), "utf-8")
    problems = templates_docx.check_templates(docs)
    assert [str(p) for p in problems] == [
        "docs/convenanten/charter-netwerk.md:1: veld 'download' moet 'charter-netwerk.docx' zijn "
        "(de naam van de pagina + .docx)"
    ]


def test_check_runner_reports_broken_template(scratch_copy):
    page = scratch_copy / "docs" / "convenanten" / "afsprakenkaart-wijkagent.md"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.append("\n> Een citaat\n")
    page.write_text("".join(lines), encoding="utf-8")
    found = [str(p) for p in template_files.check(Project(scratch_copy, today()))]
    assert any(f.startswith(f"docs/convenanten/afsprakenkaart-wijkagent.md:{len(lines) + 1}: citaatblokken") for f in found), found


@pytest.mark.parametrize(
    "fault",
    ["unsupported markup", "invalid front matter"],
)
def test_broken_template_fails_the_build(scratch_copy, fault):
    page = scratch_copy / "docs" / "convenanten" / "protocol-kluis-en-tascontrole.md"
    text = page.read_text(encoding="utf-8")
    if fault == "unsupported markup":
        lines = text.splitlines(keepends=True)
        lines.append("\n![foto](foto.png)\n")
        page.write_text("".join(lines), encoding="utf-8")
        expected = f"docs/convenanten/protocol-kluis-en-tascontrole.md:{len(lines) + 1}: afbeeldingen"
    else:
        page.write_text(text.replace("thema: [preventie, recht]", "thema: [preventie, recht"), encoding="utf-8")
        expected = "docs/convenanten/protocol-kluis-en-tascontrole.md"
    run = mkdocs_build(scratch_copy / "mkdocs.yml", scratch_copy / "site")
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert expected in output, output[-3000:]
    assert not (scratch_copy / "site" / "convenanten" / "downloads").exists()


def test_links_in_word_resolve_to_the_published_site():
    site = "https://example.org/kb/"

    def resolve(href, page_url="convenanten/x/"):
        return templates_docx.resolve_url(href, page_url, "convenanten/x.md", site)

    # As MkDocs writes them: relative to the page's URL.
    assert resolve("../privacyprotocol/") == "https://example.org/kb/convenanten/privacyprotocol/"
    assert resolve("../../handelen/stapkaarten/") == "https://example.org/kb/handelen/stapkaarten/"
    assert resolve("../../wetgeving/wapens/#a") == "https://example.org/kb/wetgeving/wapens/#a"
    assert resolve("#b") == "https://example.org/kb/convenanten/x/#b"
    assert resolve("../downloads/x.docx") == "https://example.org/kb/convenanten/downloads/x.docx"
    # The offline build (no directory URLs): the published site's directory URLs all the same.
    assert resolve("privacyprotocol.html", "convenanten/x.html") == "https://example.org/kb/convenanten/privacyprotocol/"
    assert resolve("../handelen/stapkaarten/index.html", "convenanten/x.html") == (
        "https://example.org/kb/handelen/stapkaarten/"
    )
    # Rendered without MkDocs (the check): still the source's .md links.
    assert resolve("privacyprotocol.md") == "https://example.org/kb/convenanten/privacyprotocol/"
    assert resolve("../handelen/stapkaarten/index.md") == "https://example.org/kb/handelen/stapkaarten/"
    assert resolve("../wetgeving/wapens.md#a") == "https://example.org/kb/wetgeving/wapens/#a"
    assert resolve("https://wetten.overheid.nl/x") == "https://wetten.overheid.nl/x"
    assert resolve("mailto:info@example.org") == "mailto:info@example.org"


def test_word_file_opens_in_libreoffice(built_site, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.fail("LibreOffice ontbreekt: draai 'make libreoffice' (Debian's libreoffice-writer-nogui; make test installeert het zelf)")
    source = docx_path(built_site, TEMPLATES[0])
    run = subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / f"{TEMPLATES[0].stem}.pdf"
    assert run.returncode == 0 and pdf.is_file() and pdf.stat().st_size > 5000, run.stdout + run.stderr


def test_every_word_file_is_a4_and_dutch(built_site):
    """A4 with margins, and nl-NL as the language of the styles (python-docx's template: Letter, en-US)."""
    from docx.oxml.ns import qn

    files = sorted(built_site.rglob("*.docx"))
    assert files
    for path in files:
        doc = Document(str(path))
        for section in doc.sections:
            assert abs(section.page_width.cm - 21.0) < 0.05 and abs(section.page_height.cm - 29.7) < 0.05, path.name
            assert section.left_margin.cm >= 1.5 and section.right_margin.cm >= 1.5, path.name
        langs = [lang.get(qn("w:val")) for lang in doc.styles.element.iter(qn("w:lang"))]
        assert langs and set(langs) == {"nl-NL"}, (path.name, langs)
        with zipfile.ZipFile(path) as zf:
            assert b"en-US" not in zf.read("word/styles.xml"), path.name
