"""A first view that does not grow with the site (issue 20): Material's instant navigation reads
sitemap.xml, which grows with every page; our pages fetch it only when the reader first touches,
hovers, clicks or types (scripts/build/zoekindex_later.js). Instant navigation then works as before.

Run in Chromium against the real built site.
"""
from __future__ import annotations

import pytest

from conftest import ROOT
from scripts.model import content_model, region

PAGES = ["", "wetgeving/mag-ik/", "samenwerking/sociale-kaart/"]


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


@pytest.mark.parametrize("path", PAGES)
def test_page_load_fetches_no_sitemap(page, site_url, path):
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)  # time for a late request by Material's bundle
    assert any(url.startswith(site_url) for url in seen)
    assert sitemap_requests(seen) == 0, f"{path or '/'}: sitemap.xml wordt geladen zonder dat de lezer iets doet"


@pytest.mark.parametrize("intent", ["hover", "key", "touch"])
def test_first_touch_fetches_the_sitemap_once_and_navigation_is_instant(page, site_url, intent):
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    serve_sitemap_for(page, site_url)
    page.goto(site_url + "signalering/")
    page.wait_for_load_state("networkidle")
    assert sitemap_requests(seen) == 0
    with page.expect_response("**/sitemap.xml"):
        if intent == "hover":
            page.mouse.move(200, 300)
        elif intent == "key":
            page.keyboard.press("Tab")
        else:
            page.dispatch_event("body", "touchstart")
    page.mouse.move(250, 320)
    page.keyboard.press("Shift+Tab")
    page.wait_for_timeout(300)
    # Material asks once for instant navigation and once per <link rel="alternate"> (the two RSS
    # feeds: it looks for other language versions); all held back until now, none asked again.
    fetched = sitemap_requests(seen)
    assert fetched >= 1
    page.evaluate("window.__sameDocument = true")
    link = page.locator('article a[href$="signalen-herkennen/"]').first
    link.click()
    page.wait_for_url("**/signalering/signalen-herkennen/")
    assert page.evaluate("window.__sameDocument === true"), "geen instant navigation: de pagina is opnieuw geladen"
    assert sitemap_requests(seen) == fetched
