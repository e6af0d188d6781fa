"""The Zensical report judges the whole-site PDF by what it is (scripts/bench/zensical_report.py, Report.whole_pdf):
there, more than one page, and its outline holds the nav's sections and page titles in order. On the small
site of tests/print_page_fixture.py, with a PDF made by print_page and print_pdf (WeasyPrint)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from print_page_fixture import DAY, write
from scripts.bench import zensical_report
from scripts.build.print_builds import DOWNLOADS
from scripts.exports import print_page, print_pdf

TARGET = DOWNLOADS[0][0]


@pytest.fixture
def project(tmp_path) -> tuple[Path, Path]:
    return write(tmp_path)


def report(project, log: Path | None = None) -> zensical_report.Report:
    root, site = project
    return zensical_report.Report(site, "", None, log, root)


@pytest.fixture
def with_pdf(project, tmp_path):
    root, site = project
    page = print_page.make(site, root, tmp_path / "kennisbank.html", today=DAY)
    print_pdf.render_site(page, site / TARGET)
    return project


def test_a_whole_pdf_with_the_nav_in_order_works(with_pdf):
    ok, why, measured = report(with_pdf).whole_pdf(TARGET)
    assert ok, why
    assert measured["paginas"] > 1 and measured["ontbreken_of_verkeerde_volgorde"] == []
    assert measured["kopjes_in_de_navigatie"] == len(print_page.outline(with_pdf[1], with_pdf[0]))


def test_a_pdf_that_lacks_pages_of_the_nav_does_not(with_pdf, tmp_path):
    root, site = with_pdf
    # Another site's PDF: the nav of this project now names a page the PDF does not have.
    late = site / "deel" / "drie" / "index.html"
    late.parent.mkdir()
    shutil.copy(site / "deel" / "twee" / "index.html", late)
    late.write_text(late.read_text(encoding="utf-8").replace("Pagina twee", "Pagina drie"), encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      - Twee: deel/twee.md\n",
                                                                 "      - Twee: deel/twee.md\n      - Drie: deel/drie.md\n"),
                      encoding="utf-8")
    ok, why, measured = report(with_pdf).whole_pdf(TARGET)
    assert not ok and "'Pagina drie'" in why
    assert measured["ontbreken_of_verkeerde_volgorde"] == ["Pagina drie"]


def test_a_missing_pdf_says_why_from_its_log(project, tmp_path):
    log = tmp_path / "log"
    log.mkdir()
    (log / "kennisbank-pdf.log").write_text("docs/deel/twee.md: staat in de navigatie, maar ... ontbreekt\n",
                                            encoding="utf-8")
    ok, why, measured = report(project, log).whole_pdf(TARGET)
    assert not ok and "docs/deel/twee.md" in why and measured == {"bestand": False}
