"""The Zensical report's row for the offline zip (scripts/bench/zensical_report.py): the zip is judged by
what it is. Unpacked and opened from file:// in Chromium, a folder whose links lead to page files and
whose search box finds a page works; the same folder with a directory URL in its links does not, and
the row names the link. On a small folder of its own, with the site's own search code and an index
made by scripts/build/search_index.py."""
from __future__ import annotations

import shutil

import pytest

import small_project
from conftest import ROOT
from scripts.bench import zensical_report
from scripts.build import search_index, search_tuning
from scripts.build.print_builds import DOWNLOADS
from scripts.exports import offline_zip

ZIP = next(target for target, _ in DOWNLOADS if target.endswith(".zip"))
PAGE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title>
<script id="__config" type="application/json">{{"base": "{base}", "translations": {{}}}}</script></head>
<body><input type="checkbox" id="__search">
<header><form name="zoeken"><input type="text" class="md-search__input" data-zoeken-vraag>
<div data-zoeken-suggestie></div></form><div data-zoeken-melding></div>
<ol class="md-search-result__list" data-zoeken-lijst></ol></header>
<article class="md-content__inner md-typeset"><h1 id="top">{title}</h1>{body}</article>
<script src="{base}/assets/javascripts/zoeken.js"></script></body></html>"""


def folder(path, project, link: str):
    """A site folder as the offline build makes it: index.html links to wetgeving/wapens.html (``link``)."""
    (path / "wetgeving").mkdir(parents=True)
    (path / "index.html").write_text(PAGE.format(title="Start", base=".", body=f'<p><a href="{link}">Wapens</a></p>'),
                                     encoding="utf-8")
    (path / "wetgeving" / "wapens.html").write_text(
        PAGE.format(title="Wapens", base="..", body="<p>Een vlindermes is op school verboden.</p>"), encoding="utf-8")
    shutil.copytree(ROOT / "docs" / "assets" / "javascripts", path / "assets" / "javascripts")
    entries = search_index.site_entries(path, project / "docs", directory_urls=False)
    search_tuning.write_index(path, entries, ROOT)
    return path


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return small_project.make(tmp_path_factory.mktemp("project"))


def row_for(tmp_path, project, browser, link: str):
    site = tmp_path / "site"
    offline_zip.make_zip(folder(tmp_path / "map", project, link), site / ZIP)
    return zensical_report.Report(site, "", browser, None, project).offline_folder()


def test_a_folder_with_page_links_and_search_works_from_disk(tmp_path, project, browser):
    row = row_for(tmp_path, project, browser, "wetgeving/wapens.html")
    assert row.status == zensical_report.WORKS, row
    assert row.measured["zoekpagina"] == "wetgeving/wapens.md"  # a page of the content model, by its title
    assert "wetgeving/wapens.html" in row.measured["resultaten"]
    assert row.measured["link_opent_pagina"] and row.measured["resultaat_opent_pagina"]
    assert row.measured["andere_host"] == [] and row.measured["fouten"] == []


def test_a_directory_url_in_the_folder_is_named(tmp_path, project, browser):
    row = row_for(tmp_path, project, browser, "wetgeving/")
    assert row.status == zensical_report.BROKEN
    assert row.measured["directory_links"] == ["wetgeving/"]
    assert "links naar een map" in row.why and "wetgeving/" in row.why


def test_a_missing_zip_is_named_with_why_from_the_log(tmp_path, project, browser):
    log = tmp_path / "log"
    log.mkdir()
    (log / "offline-zip.log").write_text("map/index.html:3: laadt iets van een andere host: <script ...>\n",
                                         encoding="utf-8")
    (tmp_path / "site").mkdir()
    row = zensical_report.Report(tmp_path / "site", "", browser, log, project).offline_folder()
    assert row.status == zensical_report.BROKEN
    assert ZIP in row.why and "laadt iets van een andere host" in row.why
