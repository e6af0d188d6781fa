"""The whole knowledge base as one document (issue 22), as `make downloads` makes it: the strict build of
mkdocs.yml, then scripts/exports/print_page.py makes one page of the finished site with a cover and a
table of contents, then scripts/exports/print_pdf.py a PDF of it with WeasyPrint. The PDF has every page
of the navigation in nav order, a table of contents with page numbers, page numbers, each legal page's
peildatum and sources with their addresses, and a cover that calls it a snapshot with the build date
(clock.today(), set here with KENNISBANK_VANDAAG). The site keeps search, the blog and the quiz pages,
and passes the link check; the print page has no '#' link without its target.

One build and one PDF for the module: the PDF takes about 25 CPU seconds.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from pypdf import PdfReader

from conftest import ROOT
from pdf_text import pdf_pages, pdf_words

from scripts import check
from scripts.model import content_model, region
from scripts.exports import print_page, print_pdf


def _snapshot_day() -> dt.date:
    """The test's date: three years after the latest review date, so every page is overdue whatever
    dates the editors set (the test sets the clock, it does not read it)."""
    checked = [page.meta.get("laatst_gecontroleerd") for page in content_model.iter_pages(ROOT / "docs")]
    latest = max(day for day in checked if isinstance(day, dt.date))
    return content_model.add_months(latest, 36)


SNAPSHOT = _snapshot_day()
SNAPSHOT_DAY = SNAPSHOT.isoformat()
SNAPSHOT_NL = content_model.dutch_date(SNAPSHOT)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def norm(text: str) -> str:
    return " ".join(text.replace("¶", "").split())


@pytest.fixture(scope="module")
def print_build(tmp_path_factory):
    """(the site, the PDF, the print page): the strict build on the snapshot day, then the print page of the
    finished site (outside it, as make downloads writes it), then its PDF."""
    folder = tmp_path_factory.mktemp("kennisbank-print")
    site = folder / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KENNISBANK_VANDAAG=SNAPSHOT_DAY)
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "--site-dir", str(site)],
        capture_output=True, text=True, env=env,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    page = print_page.make(site, ROOT, folder / "print" / "kennisbank.html", today=SNAPSHOT)
    pdf = folder / "kennisbank.pdf"
    out = print_pdf.render_site(page, pdf)
    assert out.pages > 1
    return site, pdf, page


@pytest.fixture(scope="module")
def reader(print_build):
    return PdfReader(str(print_build[1]))


@pytest.fixture(scope="module")
def page_texts(print_build, reader):
    """The text of each page, read by pdftotext (pypdf's extract_text takes 20 times as long)."""
    texts = pdf_pages(print_build[1])
    assert len(texts) == len(reader.pages), f"pdftotext leest {len(texts)} pagina's, pypdf {len(reader.pages)}"
    return texts


def nav_entries(nav, out=None):
    """(label, src) in nav order: sections have src None; a page without a label has label None."""
    out = [] if out is None else out
    for item in nav:
        if isinstance(item, str):
            out.append((None, item))
        else:
            (label, value), = item.items()
            if isinstance(value, list):
                out.append((label, None))
                nav_entries(value, out)
            else:
                out.append((label, value))
    return out


def page_title(src: str) -> str:
    """The page's own title, as its H1 in the print page: the first '# ' heading, else the front matter."""
    path = ROOT / "docs" / src
    lines = path.read_text(encoding="utf-8").splitlines()
    body = "\n".join(lines[content_model.body_start(lines):])
    heading = re.search(r"^# (.+)$", body, re.MULTILINE)
    if heading:
        return norm(re.sub(r"[*_`]|\{[^}]*\}", "", heading.group(1)))
    return norm(content_model.load_page(path, ROOT / "docs").meta["title"])


def outline_titles(reader) -> list[str]:
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(norm(item.title))

    walk(reader.outline)
    return out


def in_order(expected: list[str], got: list[str]) -> list[str]:
    """The expected items that are missing from got, or out of order."""
    missing, at = [], 0
    for item in expected:
        try:
            at = got.index(item, at) + 1
        except ValueError:
            missing.append(item)
    return missing


def config():
    return {**content_model.site_config(ROOT), "nav": region.site_nav(ROOT)}  # the nav as built, with the region's menu


def test_every_nav_page_is_in_the_pdf_in_nav_order(reader):
    entries = nav_entries(config()["nav"])
    expected = [label if src is None else page_title(src) for label, src in entries]
    missing = in_order(expected, outline_titles(reader))
    assert missing == [], f"niet (op volgorde) in de pdf: {missing}"


def test_table_of_contents_lists_the_nav_with_page_numbers(print_build, page_texts):
    first = next((i for i, t in enumerate(page_texts[:12]) if t.lstrip().startswith("Inhoud")), None)
    assert first is not None, "geen inhoudsopgave vooraan"
    entries = []
    # -layout keeps each entry's title, dots and page number on one line.
    for page in pdf_pages(print_build[1], layout=True, first=first + 1, last=first + 6):
        for line in page.splitlines():
            match = re.match(r"(.+?)\s*\.{3,}\s*(\d+)$", norm(line))
            if match:
                entries.append((norm(match.group(1)), int(match.group(2))))
    names = [name for name, _ in entries]
    nav = nav_entries(config()["nav"])
    labels = [label or page_title(src) for label, src in nav]
    assert in_order(labels, names) == [], f"inhoudsopgave mist of verwisselt: {in_order(labels, names)}"
    numbers = [n for _, n in entries]
    assert numbers == sorted(numbers) and numbers[0] > first + 1, "paginanummers in de inhoud lopen niet op"
    # Each number leads to the page: a page's own title is on the page the contents give for it.
    at = 0
    for label, src in nav:
        name = label or page_title(src)
        at = names.index(name, at)
        if src is not None:
            target = page_texts[entries[at][1] - 1]
            assert squash(page_title(src)) in squash(target), f"'{name}' staat niet op pagina {entries[at][1]}"
        at += 1


def test_pages_are_numbered(page_texts):
    total = len(page_texts)
    for number in (2, total // 2, total):
        assert re.search(rf"\b{number} / {total}\s*$", page_texts[number - 1].strip()), f"pagina {number} heeft geen nummer"
    assert f"1 / {total}" not in page_texts[0], "de omslag draagt geen paginanummer"


def test_cover_is_a_dated_snapshot(page_texts):
    cover = norm(page_texts[0])
    assert "Momentopname van " + SNAPSHOT_NL in cover
    assert squash(config()["site_name"]) in squash(cover)


def test_legal_pages_show_peildatum_and_sources_as_addresses(print_build, page_texts):
    whole = squash("".join(page_texts))
    legal = [p for p in content_model.iter_pages(ROOT / "docs") if not p.problems and p.is_legal]
    assert legal, "geen juridische pagina's gevonden"
    assert whole.count(squash("Peildatum:")) >= len(legal)
    html = print_build[2].read_text(encoding="utf-8")
    for page in legal:
        assert squash("Peildatum: " + content_model.dutch_date(page.meta["laatst_gecontroleerd"])) in whole, f"{page.path}: geen peildatum"
        for bron in page.meta.get("bronnen") or []:
            assert f'href="{bron["url"]}"' in html
            assert squash(bron["url"]) in whole, f"{page.path}: bron {bron['url']} staat niet als adres in de pdf"



def test_print_build_keeps_search_blog_and_quizzes(print_build, page_texts):
    site = print_build[0]
    assert (site / "search" / "search_index.js").is_file()
    assert (site / "regio" / "nieuws" / "index.html").is_file()
    whole = norm(" ".join(page_texts))
    html = print_build[2].read_text(encoding="utf-8")
    questions = re.findall(r'<div class="quiz-question">(.*?)</div>', html, re.S)
    assert questions, "de toetsvragen staan niet in de printpagina"
    first = norm(re.sub(r"<[^>]+>", " ", questions[0]))
    assert first[:30] in whole, "een toetsvraag staat niet in de pdf"
    # The reset buttons are hidden; their label may still be named in the text around the quiz.
    buttons = re.findall(r'<button[^>]*class="md-button[^"]*quiz-(?:intro|results)-reset"[^>]*>([^<]+)<', html)
    assert buttons, "geen knoppen van de toets in de printpagina: de test zoekt verkeerd"
    label = norm(buttons[0])
    prose = norm(re.sub(r"<[^>]+>", " ", re.sub(r"<button.*?</button>", " ", html, flags=re.S)))
    assert squash(whole).count(squash(label)) <= squash(prose).count(squash(label)), \
        f"knop '{label}' van de toets staat in de pdf"


def test_print_build_passes_the_link_check(print_build):
    ok, report = check.check_links(print_build[0])
    assert ok, report[-3000:]
    tree = lxml.html.parse(str(print_build[2]))
    ids = set(tree.xpath("//@id"))
    dangling = sorted({h for h in tree.xpath("//a/@href") if h.startswith("#") and h[1:] not in ids})
    assert dangling == [], f"links in de printpagina zonder hun anker: {dangling[:10]}"


def test_a_print_page_is_required(tmp_path):
    page = tmp_path / "pagina.html"
    page.write_text("<html><body><p>geen printpagina</p></body></html>", encoding="utf-8")
    with pytest.raises(print_pdf.PrintError, match="inhoudsopgave"):
        print_pdf.render_site(page, tmp_path / "uit.pdf")
    with pytest.raises(print_pdf.PrintError, match="ontbreekt"):
        print_pdf.render_site(tmp_path / "weg.html", tmp_path / "uit.pdf")


def test_review_notices_print_and_screen_notes_do_not(print_build, page_texts):
    """The print page holds every step card, so rules for printing one card page (hide everything
    but the card) may not reach it: the review notices of overdue pages (all of them, on the test's
    date) are in the PDF; what is marked for the screen only (class alleen-scherm) is not."""
    tree = lxml.html.parse(str(print_build[2]))
    whole = squash(" ".join(page_texts))
    notices = [n for n in tree.xpath('//div[contains(@class, "controle-verlopen")]') if n.get("hidden") is None]
    assert notices, f"op {SNAPSHOT_DAY} is geen pagina over tijd: de test ziet niets"
    title = squash(notices[0].xpath('string(.//p[@class="admonition-title"])'))
    assert title and whole.count(title) == len(notices), "niet elke controlemelding staat in de pdf"
    screen_only = [squash(n.text_content()) for n in tree.xpath('//*[contains(@class, "alleen-scherm")]')]
    assert any(screen_only), "geen tekst 'alleen-scherm' in de printpagina: de test ziet niets"
    for text in filter(None, screen_only):
        assert text[:60] not in whole, f"alleen voor het scherm, maar in de pdf: {text[:80]}"



def test_nothing_runs_off_the_paper(print_build):
    """Every word ends inside the page, clear of its right edge: a wide table (the registers, with
    their addresses) fits the paper instead of losing its last column at the edge (they did)."""
    words = pdf_words(print_build[1])
    assert len(words) > 10_000, "te weinig woorden in de pdf: de test ziet niets"
    edge_pt = 14  # 5 mm: the page margin is wider, so no text of the page comes this close
    off = [w for w in words if w.right > w.page_width - edge_pt]
    assert off == [], f"{len(off)} woorden tot aan of over de rechterrand, bijvoorbeeld: {off[:5]}"


def test_the_whole_site_pdf_is_tagged_in_dutch(reader):
    """Tagged PDF (WeasyPrint's PDF/UA-1 variant): a structure tree for assistive technology."""
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert str(root.get("/Lang", "")).startswith("nl")
