"""Templates (sjablonen): every page with 'download:' becomes a Word file at build time that
matches its Markdown source; a broken template stops the build and names the file and line.

The expected headings and fields are read from the raw Markdown here, independently of the
parser in scripts/exports/templates_docx.py; the Word files are read back with python-docx.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from conftest import ROOT, mkdocs_build


from scripts.checks import template_files
from scripts.exports import templates_docx
from scripts.model.clock import today
from scripts.model.project import Project

DOCS = ROOT / "docs"
RULES = ROOT / "regels"
# Every page of the templates section except its index is a template.
TEMPLATES = sorted(p for p in (DOCS / "convenanten").glob("*.md") if p.name != "index.md")
FIELD = re.compile(r"\{\{\s*invullen:\s*(.+?)\s*\}\}")
INCLUDE = re.compile(r'^([ \t]*)--8<--[ \t]+"([^"]+)"[ \t]*$')


def raw_body_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    end = lines.index("---", 1)
    return lines[end + 1:]


def body_lines(path: Path) -> list[str]:
    """The body with every canonical rule included (read here from regels/, not through the parser)."""
    out = []
    for line in raw_body_lines(path):
        m = INCLUDE.match(line)
        if m:
            out += [m.group(1) + rule for rule in (RULES / m.group(2)).read_text(encoding="utf-8").splitlines()]
        else:
            out.append(line)
    return out


def included_rules(path: Path) -> list[str]:
    return [m.group(2) for m in map(INCLUDE.match, raw_body_lines(path)) if m]


def md_headings(path: Path) -> list[tuple[int, str]]:
    out = []
    for line in body_lines(path):
        m = re.match(r"^(#{1,4}) (.+)$", line)
        if m:
            text = FIELD.sub(lambda f: f"[{f.group(1)}]", m.group(2)).replace("**", "")
            out.append((len(m.group(1)), text.strip()))
    return out


def md_fields(path: Path) -> list[str]:
    return FIELD.findall("\n".join(body_lines(path)))


def docx_path(site: Path, page: Path) -> Path:
    return site / "convenanten" / "downloads" / f"{page.stem}.docx"


def test_every_template_declares_its_download():
    assert TEMPLATES, "geen sjablonen gevonden in docs/convenanten/"
    for page in TEMPLATES:
        text = page.read_text(encoding="utf-8")
        assert f"\ndownload: {page.stem}.docx\n" in text, page.name
    assert set(TEMPLATES) <= set(templates_docx.template_pages(DOCS))


@pytest.mark.parametrize("page", TEMPLATES, ids=lambda p: p.stem)
def test_docx_matches_markdown(built_site, page):
    path = docx_path(built_site, page)
    assert path.is_file(), f"{path} is niet gemaakt"
    headings, fields = templates_docx.docx_outline(path)
    expected = md_headings(page) + [(2, "Bronnen")]
    assert headings == expected
    # Same fields, in the same order (so also the same set).
    assert fields == md_fields(page)
    assert set(fields) == set(md_fields(page))
    assert fields, f"{page.name}: een sjabloon heeft invulvelden"
    # Numbered parts: every level-2 heading starts with a part number like "1." or "A1.".
    assert all(re.match(r"^([A-Z]\d*|\d+)\. ", text) for level, text in headings[1:-1] if level == 2)


@pytest.mark.parametrize("page", TEMPLATES, ids=lambda p: p.stem)
def test_docx_shows_guidance_and_marked_fields(built_site, page):
    doc = Document(str(docx_path(built_site, page)))
    source = page.read_text(encoding="utf-8")
    guidance = [p for p in doc.paragraphs if p.style.name == "Toelichting" and p.text.startswith("Toelichting: ")]
    assert len(guidance) == source.count('!!! tip "Toelichting"')
    assert all(p.runs[0].bold for p in guidance)
    highlighted = [
        r for p in doc.paragraphs for r in p.runs if r.font.highlight_color is not None
    ] + [
        r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
        if r.font.highlight_color is not None
    ]
    assert highlighted and all(r.text.startswith("[") and r.text.endswith("]") for r in highlighted)
    assert doc.core_properties.title == re.search(r"^title: (.+)$", source, re.M).group(1)
    # Relative links to other pages become absolute links to the published site.
    targets = [rel.target_ref for rel in doc.part.rels.values() if rel.reltype.endswith("/hyperlink")]
    assert targets and all(t.startswith("https://") for t in targets)


def plain(markdown: str) -> str:
    """Text of a Markdown line as Word shows it: no list marks, emphasis or link targets."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)
    text = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", text).replace("**", "").replace("*", "")
    return " ".join(text.split())


@pytest.mark.parametrize("page", [p for p in TEMPLATES if included_rules(p)], ids=lambda p: p.stem)
def test_docx_holds_the_text_of_every_included_rule(built_site, page):
    doc = Document(str(docx_path(built_site, page)))
    text = " ".join(" ".join(p.text.split()) for p in doc.paragraphs)
    for name in included_rules(page):
        for line in (RULES / name).read_text(encoding="utf-8").splitlines():
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


BROKEN = [
    ("codeblok", "```\nprint('x')\n```\n", "codeblokken worden niet ondersteund"),
    ("tikfout in veld", "Naam: {{ invulen: naam }}\n", "invulveld niet goed geschreven"),
    ("geneste lijst", "- punt\n    - subpunt\n", "geneste lijsten"),
    ("onbekend kader", '!!! danger "Let op"\n    Tekst.\n', "onbekend soort kader 'danger'"),
]


@pytest.mark.parametrize("name,snippet,message", BROKEN, ids=[b[0] for b in BROKEN])
def test_parser_refuses_unsupported_markup_with_file_and_line(tmp_path, name, snippet, message):
    docs = tmp_path / "docs"
    target = docs / "convenanten" / "evaluatie-incident.md"
    target.parent.mkdir(parents=True)
    shutil.copytree(RULES, tmp_path / "regels")  # the template includes canonical rules
    original = (DOCS / "convenanten" / "evaluatie-incident.md").read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    insert_at = len(lines)
    target.write_text(original + "\n" + snippet, encoding="utf-8")
    with pytest.raises(templates_docx.TemplateError) as err:
        templates_docx.load_template(target, docs)
    problem = err.value.problem
    assert problem.path == "docs/convenanten/evaluatie-incident.md"
    assert problem.line > insert_at
    assert message in problem.message


def test_template_without_download_key_is_not_skipped(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS / "convenanten", docs / "convenanten")
    shutil.copytree(RULES, tmp_path / "regels")  # templates include canonical rules
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
    assert templates_docx.resolve_url("privacyprotocol.md", "convenanten/x.md", site) == (
        "https://example.org/kb/convenanten/privacyprotocol/"
    )
    assert templates_docx.resolve_url("../handelen/stapkaarten/index.md", "convenanten/x.md", site) == (
        "https://example.org/kb/handelen/stapkaarten/"
    )
    assert templates_docx.resolve_url("../wetgeving/wapens.md#a", "convenanten/x.md", site) == (
        "https://example.org/kb/wetgeving/wapens/#a"
    )
    assert templates_docx.resolve_url("https://wetten.overheid.nl/x", "convenanten/x.md", site) == (
        "https://wetten.overheid.nl/x"
    )


def test_word_file_opens_in_libreoffice(built_site, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is niet geïnstalleerd (optioneel)")
    source = docx_path(built_site, TEMPLATES[0])
    run = subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / f"{TEMPLATES[0].stem}.pdf"
    assert run.returncode == 0 and pdf.is_file() and pdf.stat().st_size > 5000, run.stdout + run.stderr
