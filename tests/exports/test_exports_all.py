"""The downloads made into a site another generator built (python -m scripts.exports.all --site): a
missing site or a page that was not built is an error that names it. On the small test project."""
from __future__ import annotations

import shutil

import pytest

import small_project
from conftest import ROOT
from scripts.exports import all as exports


def test_a_missing_site_folder_stops_with_its_name(tmp_path, capsys):
    assert exports.main(["--site", str(tmp_path / "geen-site")]) == 1
    assert "geen-site: geen gebouwde site" in capsys.readouterr().err


def test_an_unknown_kind_is_refused(tmp_path):
    with pytest.raises(SystemExit):
        exports.main(["--site", str(tmp_path), "--only", "lms,video"])


def test_a_page_that_was_not_built_is_named(tmp_path):
    root = small_project.make(tmp_path / "project")
    (tmp_path / "site").mkdir()
    downloads = exports.Downloads(tmp_path / "site", root=root, site_url="https://voorbeeld.example/")
    with pytest.raises(exports.ExportError, match=r"docs/handelen/stapkaarten/tas\.md: de gebouwde pagina .* ontbreekt"):
        downloads.pdf()


def test_keep_going_makes_the_other_kinds_and_says_what_failed(tmp_path, capsys, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()

    def fails(self):
        raise exports.ExportError("docs/x.md: kapot")

    monkeypatch.setattr(exports.Downloads, "pdf", fails)
    monkeypatch.setattr(exports.Downloads, "word", lambda self: [site / "a.docx"])
    assert exports.main(["--site", str(site), "--only", "word,pdf", "--keep-going"]) == 0
    out = capsys.readouterr()
    assert "word: 1 bestanden" in out.out and "pdf: niet gemaakt: docs/x.md: kapot" in out.err
    assert exports.main(["--site", str(site), "--only", "word,pdf"]) == 1


def test_without_directory_urls_pages_are_their_html_files_and_links_are_relative_to_them(tmp_path):
    """The offline folder (mkdocs-offline.yml): a card page is handelen/stapkaarten/tas.html; its PDF link
    and its print stylesheet are relative to that file, as MkDocs writes them there."""
    root = small_project.make(tmp_path / "project")
    site = tmp_path / "site"
    downloads = exports.Downloads(site, root=root, site_url="https://voorbeeld.example/", directory_urls=False)
    with pytest.raises(exports.ExportError, match=r"docs/handelen/stapkaarten/tas\.md: de gebouwde pagina "
                                                  r".*handelen/stapkaarten/tas\.html ontbreekt"):
        downloads.pdf()
    card = site / "handelen" / "stapkaarten" / "tas.html"
    card.parent.mkdir(parents=True)
    (site / "assets").mkdir()  # the print stylesheet the card page links, as the site has it
    shutil.copy(ROOT / "docs" / "assets" / "stapkaart-print.css", site / "assets")
    card.write_text('<html><head><title>Tas</title></head><body><article><h1>Stapkaart</h1>'
                    '<div class="stapkaart"><p>Vraag de leerling de tas te openen.</p></div></article></body></html>',
                    encoding="utf-8")
    made = downloads.pdf()
    assert made == [site / "handelen" / "stapkaarten" / "pdf" / "stapkaart-tas.pdf"] and made[0].is_file()
    html = card.read_text(encoding="utf-8")
    assert '<a href="pdf/stapkaart-tas.pdf" download>' in html
    assert 'href="../../assets/stapkaart-print.css" media="print"' in html


def test_without_directory_urls_a_scorm_lesson_links_to_the_published_pages(tmp_path):
    """A module page of the offline folder links ../wetgeving/index.html from signalering/x.html: in the
    package that is the published page wetgeving/, as the MkDocs build of mkdocs-offline.yml writes it."""
    import zipfile

    from mkdocs.utils import get_relative_url

    from scripts.model import content_model

    site, site_url = tmp_path / "site", "https://voorbeeld.example/kennisbank/"
    downloads = exports.Downloads(site, root=ROOT, site_url=site_url, directory_urls=False)
    for bank in downloads.banks():
        address = content_model.page_address(bank.page, directory_urls=False)
        link = get_relative_url("wetgeving/index.html", address)
        page = site / address
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<article><h1 id="m">Module</h1><p>Lees over de <a href="{link}">wet</a>.</p>'
                        '<div class="quiz-intro"><p>Intro</p></div><div class="quiz" id="quiz-a">Vraag</div>'
                        '<div id="quiz-results" class="quiz-results">Resultaat</div></article>', encoding="utf-8")
    packages = [path for path in downloads.scorm() if path.name.endswith(".scorm12.zip")]
    assert packages
    for package in packages:
        with zipfile.ZipFile(package) as archive:  # one lesson, or one per module of the whole course
            lessons = [archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".html")]
        assert lessons and all(f'href="{site_url}wetgeving/"' in lesson for lesson in lessons), package.name


@pytest.mark.parametrize("online", [True, False])
def test_card_index_lists_the_card_pdfs_and_online_the_whole_site_downloads(tmp_path, online):
    """As the MkDocs build does (print_builds.card_index_html): the index lists each card's PDF after its
    paragraph <p class="stapkaart-pdfs">; the site online also links the whole-site PDF and zip, the
    offline folder (extra.uitvoer: map) does not."""
    from scripts.build.print_builds import DOWNLOADS

    root = small_project.make(tmp_path / "project")
    (root / "docs/handelen/stapkaarten/index.md").write_text("---\ntitle: Stapkaarten\n---\n# Stapkaarten\n",
                                                            encoding="utf-8")
    site = tmp_path / "site"
    index = site / "handelen" / "stapkaarten" / "index.html"
    index.parent.mkdir(parents=True)
    index.write_text('<article><h1>Stapkaarten</h1><p class="stapkaart-pdfs">De kaarten als pdf:</p></article>',
                     encoding="utf-8")
    downloads = exports.Downloads(site, root=root, site_url="https://voorbeeld.example/", online=online)
    downloads._card_index(["handelen/stapkaarten/tas.md"])
    html = index.read_text(encoding="utf-8")
    assert '<a href="pdf/stapkaart-tas.pdf" download>Stapkaart een tas controleren</a> (pdf)' in html
    for target, _ in DOWNLOADS:
        assert (f'href="../../{target}"' in html) is online, target
    downloads._card_index(["handelen/stapkaarten/tas.md"])  # a second run adds nothing
    assert index.read_text(encoding="utf-8") == html
