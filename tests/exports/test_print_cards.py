"""Step cards as PDF (issue 22): made in the build by WeasyPrint (scripts/build/print_builds.py) when
KENNISBANK_PDF=1, as `make downloads` does; no browser.

Each card page under handelen/stapkaarten/ gives a PDF of exactly one A4 page whose text is the
card's text in the built page, fill-in fields included; the card and the step card index link to
it. A card that no longer fits one page stops the build with the file's name, and a filled-in
field shows up in the next PDF. Without KENNISBANK_PDF the build makes no PDFs and links none.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from pypdf import PdfReader

from pdf_text import pdf_pages
from conftest import ROOT
from scripts.model import content_model
CARDS_DIR = ROOT / "docs" / "handelen" / "stapkaarten"
CARDS = sorted(p.stem for p in CARDS_DIR.glob("*.md") if p.name != "index.md")
PLACEHOLDER = content_model.PLACEHOLDER_RE  # the one way an open place is written
A4_PT = (595.28, 841.89)


def build(root: Path, site: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "--site-dir", str(site)],
        capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env),
    )


class CardText(HTMLParser):
    """The text inside <div class="stapkaart"> of a built page, as the printed card shows it."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            if tag == "div":
                self.depth += 1
        elif tag == "div" and ("class", "stapkaart") in attrs:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def card_text(html: str) -> str:
    parser = CardText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(pdf_pages(path)).split())


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w[\w'’-]*", text))


def hrefs(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+\.pdf)"', html)


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site-pdf")
    run = build(ROOT, site, KENNISBANK_PDF="1")
    assert run.returncode == 0, run.stdout + run.stderr
    return site


def card_page(site: Path, card: str) -> Path:
    return site / "handelen" / "stapkaarten" / card / "index.html"


def card_pdf(site: Path, card: str) -> Path:
    html = card_page(site, card).read_text(encoding="utf-8")
    links = hrefs(html)
    assert len(links) == 1, f"{card}: de kaart linkt precies één keer naar haar pdf, niet {links}"
    return Path(urljoin(card_page(site, card).as_uri(), links[0]).removeprefix("file://"))


def test_there_are_cards():
    assert CARDS, "geen stapkaarten gevonden in docs/handelen/stapkaarten/"


@pytest.mark.parametrize("card", CARDS)
def test_card_pdf_is_one_a4_page(pdf_site, card):
    pdf = card_pdf(pdf_site, card)
    assert pdf.is_file(), f"{card}: {pdf} ontbreekt"
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1, f"{card}: {len(reader.pages)} pagina's"
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - A4_PT[0]) < 1 and abs(float(box.height) - A4_PT[1]) < 1, "geen A4"


@pytest.mark.parametrize("card", CARDS)
def test_card_pdf_has_the_text_of_the_page(pdf_site, card):
    html = card_page(pdf_site, card).read_text(encoding="utf-8")
    expected = card_text(html)
    assert expected, f"{card}: geen <div class=\"stapkaart\"> in de gebouwde pagina"
    got = pdf_text(card_pdf(pdf_site, card))
    # The step numbers are drawn by CSS (counter), so they are in the PDF and not in the HTML text.
    steps = len(re.findall(r"<li>", html.split('class="stappen"', 1)[1].split("</ol>", 1)[0]))
    numbers = Counter(str(i) for i in range(1, steps + 1))
    assert words(got) - numbers == words(expected), f"{card}: de tekst van de pdf wijkt af van de pagina"
    flat = got.replace(" ", "")
    for field in (m.group(0) for m in PLACEHOLDER.finditer(expected)):
        assert field.replace(" ", "") in flat, f"{card}: invulveld {field} staat niet in de pdf"


def test_index_links_every_card_pdf(pdf_site):
    index = pdf_site / "handelen" / "stapkaarten" / "index.html"
    linked = {Path(urljoin(index.as_uri(), href).removeprefix("file://")).resolve() for href in hrefs(index.read_text(encoding="utf-8"))}
    for card in CARDS:
        assert card_pdf(pdf_site, card).resolve() in linked, f"de index linkt niet naar de pdf van {card}"


def test_pdf_link_is_on_screen_only(pdf_site):
    html = card_page(pdf_site, CARDS[0]).read_text(encoding="utf-8")
    assert re.search(r'<p class="stapkaart-pdf alleen-scherm"><a href="[^"]+\.pdf" download>', html)


def test_plain_build_makes_and_links_no_pdfs(built_site):
    """`make build` stays fast: no WeasyPrint, and so no links to PDFs that are not there."""
    cards = built_site / "handelen" / "stapkaarten"
    assert not list(cards.rglob("*.pdf"))
    for page in cards.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert not hrefs(html), f"{page}: link naar een pdf die deze build niet maakt"
        assert 'class="stapkaart-pdfs"' not in html, "de zin over de pdf's staat er zonder pdf's"


@pytest.fixture(scope="module")
def changed_copy(tmp_path_factory):
    """A copy of the project whose first card has its first fill-in field filled in."""
    import shutil

    dest = tmp_path_factory.mktemp("kopie") / "kb"
    ignore = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", "node_modules", "build")
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


def test_filled_in_field_is_in_the_next_pdf(changed_copy, tmp_path):
    card = next(c for c in CARDS if PLACEHOLDER.search((CARDS_DIR / f"{c}.md").read_text(encoding="utf-8")))
    path = changed_copy / "docs" / "handelen" / "stapkaarten" / f"{card}.md"
    text = path.read_text(encoding="utf-8")
    field = PLACEHOLDER.search(text).group()
    path.write_text(text.replace(field, "Kamer B12, toestel Zuid", 1), encoding="utf-8")
    run = build(changed_copy, tmp_path / "site", KENNISBANK_PDF="1")
    assert run.returncode == 0, run.stdout + run.stderr
    got = pdf_text(card_pdf(tmp_path / "site", card))
    assert "Kamer B12, toestel Zuid" in got
    assert field.replace(" ", "") not in got.replace(" ", "")


def test_card_over_one_page_stops_the_build(changed_copy, tmp_path):
    card = CARDS[-1]
    path = changed_copy / "docs" / "handelen" / "stapkaarten" / f"{card}.md"
    text = path.read_text(encoding="utf-8")
    extra = "".join(f"\n<p>Extra regel {i} die de kaart te lang maakt.</p>" for i in range(60))
    path.write_text(text.replace('<p class="stapkaart__voet">', extra + '\n<p class="stapkaart__voet">', 1), encoding="utf-8")
    run = build(changed_copy, tmp_path / "site", KENNISBANK_PDF="1")
    assert run.returncode != 0
    assert f"docs/handelen/stapkaarten/{card}.md: de stapkaart past niet op één A4" in run.stdout + run.stderr


@pytest.mark.parametrize("card", CARDS)
def test_card_pdf_is_tagged_in_dutch(pdf_site, card):
    """Tagged PDF (WeasyPrint's PDF/UA-1 variant): a structure tree for assistive technology."""
    root = PdfReader(str(card_pdf(pdf_site, card))).trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"]), card
    assert str(root.get("/Lang", "")).startswith("nl"), card
