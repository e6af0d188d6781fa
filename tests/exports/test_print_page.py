"""The print page of the whole knowledge base, made from a finished site folder (scripts/exports/print_page.py):
a small project and a small hand-written site, no generator. The page follows the nav as built (the
region's menu spliced in), gives every id its page's prefix, points links between pages at anchors in the
print page, makes a link to any other file of the site an address on the site, links the site's
stylesheets and images as files that exist wherever the print page is written, and leaves no '#' link
without its target. A nav page the site lacks is an error that names it."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest

from conftest import ROOT
from print_page_fixture import DAY, NAV_ORDER, PAGES, built_page, write
from scripts.exports import print_page
from scripts.model import content_model, region

@pytest.fixture
def project(tmp_path) -> tuple[Path, Path]:
    return write(tmp_path)


def make(project, out: Path) -> lxml.html.HtmlElement:
    root, site = project
    written = print_page.make(site, root, out, today=DAY)
    assert written == out
    return lxml.html.fromstring(out.read_text(encoding="utf-8"))


def key(file: str) -> str:
    return next(k for k, f in keys().items() if f == file)


def keys() -> dict:
    """The anchor of each page in the print page: its address, folders joined by '-' (the start page 'start')."""
    return {(file[: -len("index.html")].strip("/").replace("/", "-") or "start"): file for file in NAV_ORDER}


def test_the_pages_follow_the_nav_as_built_with_the_regions_menu(project, tmp_path):
    tree = make(project, tmp_path / "uit" / "kennisbank.html")
    pages = [s.get("id") for s in tree.xpath('//section[contains(@class, "print-page")][not(contains(@class, "print-sectie"))]')]
    assert pages == [key(f) for f in NAV_ORDER]
    titles = [" ".join(h.text_content().split()) for h in tree.xpath('//section[contains(@class, "print-page")]/h1')]
    assert titles == ["Proef", "Deel", "Het deel", "Pagina een", "Pagina twee", "Samenwerking", "Samenwerking",
                      "Sociale kaart", "Over", "Over deze site"]
    nav = region.site_nav(project[0])
    assert [e.label for e in print_page.nav_entries(nav)] == ["Start", "Deel", "Samenwerking", "Over"]
    assert [e.src for e in print_page.nav_entries(nav)[-1].children] == ["regio/over/index.md"]  # the menu's section


def test_the_table_of_contents_lists_the_nav_and_leads_to_each_anchor(project, tmp_path):
    tree = make(project, tmp_path / "kennisbank.html")
    toc = tree.get_element_by_id(print_page.TOC_ID)
    links = [(a.text_content(), a.get("href")) for a in toc.iter("a")]
    # The nav's label where it has one, else the page's own title; a section by its label.
    assert [text for text, _ in links] == ["Start", "Deel", "Het deel", "Een", "Twee", "Samenwerking", "Samenwerking",
                                           "Sociale kaart", "Over", "Over deze site"]
    ids = set(tree.xpath("//@id"))
    assert all(href.startswith("#") and href[1:] in ids for _, href in links)
    nested = toc.xpath("./ul/li[2]/ul/li/a")
    assert [a.text_content() for a in nested] == ["Het deel", "Een", "Twee"]


def test_every_id_gets_its_pages_prefix_and_the_links_follow(project, tmp_path):
    tree = make(project, tmp_path / "kennisbank.html")
    een, twee = key("deel/een/index.html"), key("deel/twee/index.html")
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids)), "een id staat twee keer in de printpagina"
    assert {f"{een}--kop", f"{twee}--kop", f"{een}--vraag-1", f"{een}--kleur"} <= set(ids)
    page = tree.get_element_by_id(een)
    hrefs = [a.get("href") for a in page.iter("a")]
    assert hrefs[:7] == [f"#{een}--kop", f"#{een}", f"#{twee}", f"#{twee}--kop", f"#{twee}", "#start",
                         "https://example.org/x#y"]
    assert page.xpath(".//label")[0].get("for") == f"{een}--vraag-1"
    assert page.xpath(".//input")[0].get("aria-describedby") == f"{een}--uitleg-1"
    assert page.xpath(".//rect")[0].get("fill") == f"url(#{een}--kleur)"
    back = tree.get_element_by_id(twee).xpath(".//p/a")[0]
    assert back.get("href") == f"#{een}--kop"


def test_no_link_points_at_an_anchor_the_page_lacks(project, tmp_path):
    tree = make(project, tmp_path / "kennisbank.html")
    ids = set(tree.xpath("//@id"))
    dangling = [h for h in tree.xpath("//a/@href") if h.startswith("#") and h[1:] not in ids]
    assert dangling == []
    assert "#nergens" not in tree.xpath("//a/@href"), "alleen het artikel van een pagina komt in de printpagina"


def test_links_out_of_the_site_stay_and_other_files_of_the_site_get_its_address(project, tmp_path):
    tree = make(project, tmp_path / "kennisbank.html")
    address = region.site_url(project[0])
    hrefs = tree.xpath("//a/@href")
    assert {"mailto:redactie@example.org", "tel:+31201234567", "https://example.org/x#y"} <= set(hrefs)
    assert address + "downloads/sjabloon.docx" in hrefs
    assert address + "regio/nieuws/2026/01/05/bericht/" in hrefs


@pytest.mark.parametrize("where", ["elders/diep/kennisbank.html", "site/print/index.html"])
def test_stylesheets_and_images_are_files_of_the_site_wherever_the_page_is_written(project, tmp_path, where):
    out = tmp_path / where
    tree = make(project, out)
    site = project[1]
    files = tree.xpath("//link[@rel='stylesheet']/@href") + tree.xpath("//img/@src")
    assert len(files) == 2
    for href in files:
        assert not re.match(r"[a-z]+:", href) and (out.parent / unquote(href)).resolve().is_file(), href
    assert (out.parent / unquote(files[-1])).resolve() == (site / "assets" / "beeld een.png").resolve()
    # The stylesheet that prints a step card page as its card alone is left out, and so are the scripts.
    assert not any("stapkaart-print" in h for h in files)
    assert tree.xpath("//script") == [] and "alleen op het scherm" not in out.read_text(encoding="utf-8")


def test_the_cover_names_the_site_and_the_day(project, tmp_path):
    tree = make(project, tmp_path / "kennisbank.html")
    cover = " ".join(tree.get_element_by_id(print_page.COVER_ID).text_content().split())
    assert region.load(project[0]).site_naam in cover
    assert "Momentopname van " + content_model.dutch_date(DAY) in cover
    assert tree.xpath("//time/@datetime") == [DAY.isoformat()]
    assert tree.get("lang") == "nl"


def test_a_nav_page_missing_from_the_site_is_named(project, tmp_path):
    root, site = project
    (site / "deel" / "twee" / "index.html").unlink()
    with pytest.raises(print_page.PrintPageError) as info:
        print_page.make(site, root, tmp_path / "kennisbank.html", today=DAY)
    assert str(info.value).startswith("docs/deel/twee.md: ")
    assert f"{site.as_posix()}/deel/twee/index.html" in str(info.value)
    assert not (tmp_path / "kennisbank.html").exists()


def test_the_command_uses_the_day_of_the_clock_and_says_what_is_wrong(project, tmp_path, monkeypatch, capsys):
    root, site = project
    monkeypatch.setenv("KENNISBANK_VANDAAG", DAY.isoformat())
    out = tmp_path / "kennisbank.html"
    assert print_page.main(["--site", str(site), "--project", str(root), "--out", str(out)]) == 0
    cover = lxml.html.fromstring(out.read_text(encoding="utf-8")).get_element_by_id(print_page.COVER_ID)
    assert "Momentopname van " + content_model.dutch_date(DAY) in " ".join(cover.text_content().split())
    (site / "samenwerking" / "index.html").unlink()
    assert print_page.main(["--site", str(site), "--project", str(root), "--out", str(out)]) == 1
    assert "docs/samenwerking/index.md: " in capsys.readouterr().err


def test_a_page_starts_with_its_title_and_its_review_notice_follows():
    notice = '<div class="admonition warning controle-verlopen" role="note" data-controle-voor="2027-01-01">\n<p>Te laat.</p>\n</div>'
    html = f'<a class="md-content__button" href="x">wijzig</a>\n{notice}\n\n<h1 id="t">Titel</h1>\n<div class="stapkaart"><p>Kaart</p></div>'
    moved = print_page.title_first(html)
    assert moved.index("<h1") < moved.index("data-controle-voor") < moved.index("stapkaart")
    assert moved.count("Te laat.") == 1 and moved.count("Kaart") == 1
    assert print_page.title_first(moved) == moved
    assert print_page.title_first('<h1 id="t">Titel</h1>\n' + notice) == '<h1 id="t">Titel</h1>\n' + notice


def test_a_step_card_longer_than_a_sheet_keeps_the_rest_of_the_document(project, tmp_path):
    """With the site's own print CSS (WeasyPrint): a card longer than a sheet is printed whole, over two
    sheets, and every page after it is still in the PDF."""
    from pdf_text import pdf_pages
    from scripts.exports import print_pdf

    root, site = project
    css = "".join((ROOT / "docs" / "assets" / name).read_text(encoding="utf-8") for name in ("stapkaart.css", "print.css"))
    (site / "assets" / "site.css").write_text(css, encoding="utf-8")
    steps = "".join(f"<li><strong>Stap {i}.</strong> Wat je doet, en nog wat uitleg erbij om de regel te vullen.</li>"
                    for i in range(40))
    card = f'<div class="stapkaart"><p class="stapkaart__titel">Een kaart</p><div class="stappen"><ol>{steps}</ol></div></div>'

    title, inner = PAGES["deel/een/index.html"]
    (site / "deel" / "een" / "index.html").write_text(built_page("deel/een/index.html", title, inner + card),
                                                      encoding="utf-8")
    make(project, tmp_path / "kennisbank.html")
    pdf = tmp_path / "kennisbank.pdf"
    rendered = print_pdf.render_site(tmp_path / "kennisbank.html", pdf)
    text = " ".join(" ".join(pdf_pages(pdf)).split())
    assert "Stap 39." in text
    for later in ("Pagina twee", "Sociale kaart", "Over deze site"):
        assert later in text, f"'{later}' staat niet meer in de pdf na de lange stapkaart"
    assert rendered.pages > 4


def test_without_an_address_a_download_stays_a_file_of_the_site(project, tmp_path, monkeypatch):
    root, site = project
    monkeypatch.delenv("SITE_URL", raising=False)
    profile = root / region.PROFILE_FILE
    address = region.load(root).site_adres
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        address, '"[nog in te vullen door het SWV: het adres van de site]"'), encoding="utf-8")
    out = tmp_path / "uit" / "kennisbank.html"
    tree = make(project, out)
    hrefs = tree.get_element_by_id(key("deel/een/index.html")).xpath(".//a/@href")
    word = next(h for h in hrefs if h.endswith("sjabloon.docx"))
    assert (out.parent / unquote(word)).resolve() == (site / "downloads" / "sjabloon.docx").resolve()
