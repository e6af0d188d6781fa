"""The site as a folder (issue 22): mkdocs-offline.yml with Material's offline plugin, zipped by
scripts/exports/offline_zip.py. Unpacked and opened from file:// in Chromium, the start page shows, search
finds a page and opens it, and nothing is requested from another host. The normal site keeps its
own behaviour (directory URLs, instant navigation, no offline shim).
"""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ROOT, mkdocs_build

from scripts.exports import offline_zip

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("offline-site")
    run = mkdocs_build(ROOT / "mkdocs-offline.yml", site)
    assert run.returncode == 0, run.stdout + run.stderr
    return site


@pytest.fixture(scope="module")
def unpacked(offline_site, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("usb-stick")
    zip_path = dest / "kennisbank-offline.zip"
    assert offline_zip.main([str(offline_site), str(zip_path)]) == 0
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        assert all(n.startswith(f"{offline_zip.FOLDER}/") for n in names), "alles in één map"
        zf.extractall(dest / "uitgepakt")
    return dest / "uitgepakt" / offline_zip.FOLDER


def config_of(html: str) -> dict:
    return json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))


def test_offline_build_has_file_urls_and_a_search_script(offline_site):
    assert (offline_site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index =")
    assert (offline_site / "wetgeving" / "wapens.html").is_file(), "geen directory-URL's in de map"
    html = (offline_site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/javascripts/zoeken.js"' in html  # the site's own search: no worker, no shim
    assert "iframe-worker" not in html and "unpkg.com" not in html


def test_normal_site_keeps_instant_navigation_and_directory_urls(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "navigation.instant" in config_of(html)["features"]
    assert "iframe-worker" not in html
    assert (built_site / "wetgeving" / "wapens" / "index.html").is_file()
    assert (built_site / "search" / "search_index.js").is_file()  # the same search online (issue 34)


def test_checker_refuses_a_folder_that_loads_from_another_host(offline_site, tmp_path):
    import shutil

    copy = tmp_path / "map"
    shutil.copytree(offline_site, copy)
    page = copy / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</head>", '<script src="https://cdn.example.org/x.js"></script></head>', 1), encoding="utf-8")
    (copy / "search" / "search_index.js").unlink()
    found = offline_zip.problems(copy)
    assert any(p.startswith("index.html:") and "cdn.example.org" in p for p in found), found
    assert any("search_index.js ontbreekt" in p for p in found), found
    assert offline_zip.main([str(copy), str(tmp_path / "x.zip")]) == 1
    assert not (tmp_path / "x.zip").exists()


def test_zip_works_from_disk_with_search_and_asks_no_other_host(browser, unpacked):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    elsewhere: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            elsewhere.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        start = (unpacked / "index.html").as_uri()
        page.goto(start)
        assert page.locator("h1").first.is_visible(), "de startpagina toont geen titel"
        assert page.locator(".md-header").is_visible()

        # A word from a page's own title, so the test follows the content instead of pinning it.
        target = unpacked / "wetgeving" / "wapens.html"
        title = re.search(r"<h1[^>]*>(.*?)<", target.read_text(encoding="utf-8"), re.S).group(1).strip()
        query = max(re.findall(r"\w+", title), key=len)

        page.locator("label.md-search__icon[for='__search']").first.click(timeout=5000) \
            if not page.locator(".md-search__input").is_visible() else None
        page.locator(".md-search__input").fill(query)
        results = page.locator(".md-search-result__item a")
        results.first.wait_for(state="visible", timeout=15000)
        hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
        assert any(h and urlparse(h).path.endswith("/wetgeving/wapens.html") for h in hrefs), \
            f"zoeken op '{query}' vindt {target.name} niet: {hrefs}"

        first = results.first
        first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith("file://") and page.locator("h1").first.is_visible()
    finally:
        context.close()
    assert elsewhere == [], f"verzoeken aan een andere host: {elsewhere}"
    assert errors == [], f"fouten in de pagina: {errors}"


def test_the_offline_folder_has_the_same_lms_files_as_the_site(offline_site, built_site):
    """The folder carries the LMS files of the site itself: links to the published site, no .html."""
    from scripts.exports import quiz_export

    online = {p.name: p.read_bytes() for p in (built_site / quiz_export.EXPORT_DIR).iterdir()}
    offline = {p.name: p.read_bytes() for p in (offline_site / quiz_export.EXPORT_DIR).iterdir()}
    assert online and sorted(offline) == sorted(online)
    different = [name for name in online if online[name] != offline[name]]
    assert different == [], different
