"""Instant navigation (Material's navigation.instant) reads sitemap.xml and then opens the pages it
lists without a page reload.

Until issue 34 our pages held sitemap.xml back until the reader first touched the page (issue 20),
by wrapping XMLHttpRequest's open and send; that was patching the browser's prototypes, which
issue 34 forbids, and Material has no option to wait. So the sitemap loads with the page again
(about 1 KB gzip now, some 3 KB per 1,000 pages more: scripts/bench/performance.py counts it in the
first view); this test keeps that it is fetched once and that navigation stays instant.

Run in Chromium against the real built site.
"""
from __future__ import annotations

from conftest import ROOT
from scripts.model import content_model, region


def sitemap_requests(seen: list[str]) -> int:
    return sum(1 for url in seen if url.split("?")[0].endswith("/sitemap.xml"))


def serve_sitemap_for(page, site_url: str) -> None:
    """Material navigates instantly only to URLs in sitemap.xml, which names the production host
    (site_url in mkdocs.yml); serve it with the test server's address, as it is in production."""
    production = region.site_url(ROOT)

    def sitemap(route):
        body = route.fetch().text().replace(production, site_url)
        route.fulfill(status=200, body=body, headers={"Content-Type": "application/xml"})

    page.route("**/sitemap.xml", sitemap)


def test_sitemap_is_read_at_start_up_and_navigation_is_instant(page, site_url):
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    serve_sitemap_for(page, site_url)
    page.goto(site_url + "signalering/")
    page.wait_for_load_state("networkidle")
    # Material asks once for instant navigation and once per <link rel="alternate"> (the two RSS
    # feeds: it looks for other language versions); none is asked again when navigating.
    fetched = sitemap_requests(seen)
    assert fetched >= 1
    page.evaluate("window.__sameDocument = true")
    link = page.locator('article a[href$="signalen-herkennen/"]').first
    link.click()
    page.wait_for_url("**/signalering/signalen-herkennen/")
    assert page.evaluate("window.__sameDocument === true"), "geen instant navigation: de pagina is opnieuw geladen"
    assert sitemap_requests(seen) == fetched
