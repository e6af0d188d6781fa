"""A light first view (issue 20): no page downloads the search index or lunr until the reader opens
search, and no page ever starts a search worker (the site's own search, issue 34, needs none); search
then works as before (results, suggestions, highlighting).

Run in Chromium against the real built site. The pages are the kinds the issue names; any page
would do, since the rule is the same for all of them.
"""
from __future__ import annotations

import pytest

PAGES = ["", "wetgeving/wapens/", "wetgeving/mag-ik/", "signalering/signalen-herkennen/",
         "regio/samenwerking/sociale-kaart/"]
INDEX = "search/search_index.js"
LUNR = "/assets/javascripts/lunr/"


def watch(page) -> list[str]:
    """Every URL the page requests, in order (a live list)."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def index_requests(seen: list[str]) -> int:
    return sum(1 for url in seen if url.split("?")[0].endswith(INDEX))


def worker_requests(seen: list[str]) -> int:
    return sum(1 for url in seen if "/assets/javascripts/workers/" in url)


def lunr_requests(seen: list[str]) -> int:
    return sum(1 for url in seen if LUNR in url)


def settle(page, ms: int = 1500):
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(ms)  # time for a late request by Material's bundle or worker


def results(page, timeout=30000) -> list[str]:
    items = page.locator(".md-search-result__item")
    items.first.wait_for(state="attached", timeout=timeout)
    return items.evaluate_all("els => els.map(e => e.querySelector('a').href)")


@pytest.mark.parametrize("path", PAGES)
def test_page_load_fetches_no_search_index(page, site_url, path):
    seen = watch(page)
    page.goto(site_url + path)
    settle(page)
    assert any(url.startswith(site_url) for url in seen)
    assert index_requests(seen) == 0, f"{path or '/'}: de zoekindex wordt geladen zonder dat er gezocht wordt"
    assert lunr_requests(seen) == 0, f"{path or '/'}: lunr wordt geladen zonder dat er gezocht wordt"
    assert worker_requests(seen) == 0, f"{path or '/'}: er start een zoekworker"


def test_keyboard_shortcut_loads_index_once_and_search_works(page, site_url):
    seen = watch(page)
    page.goto(site_url)
    settle(page)
    assert index_requests(seen) == 0
    page.keyboard.press("/")  # Material's keyboard shortcut
    page.keyboard.type("meldcode")
    found = results(page)
    assert any("wetgeving/meldcode/" in href for href in found), found
    assert index_requests(seen) == 1 and lunr_requests(seen) >= 1 and worker_requests(seen) == 0
    # Suggestions still come from the index (search.suggest).
    page.locator(".md-search__suggest").wait_for(state="attached")
    # A result opens its page with the words highlighted (?h=).
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("networkidle")
    assert "h=" in page.url
    page.locator("article mark").first.wait_for(state="attached", timeout=10000)


def test_tapping_search_on_a_phone_loads_index(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        seen = watch(page)
        page.goto(site_url + "wetgeving/wapens/")
        settle(page)
        assert index_requests(seen) == 0
        page.locator("label.md-header__button[for=__search]").tap()
        page.locator("input.md-search__input").fill("veilig thuis")
        assert results(page)
        assert index_requests(seen) == 1
    finally:
        context.close()


def test_page_opened_from_a_search_link_is_highlighted(page, site_url):
    """A link with ?h= (as a search result makes) highlights the words, also as the first page,
    without the index."""
    seen = watch(page)
    page.goto(site_url + "wetgeving/meldcode/?h=meldcode")
    page.wait_for_load_state("networkidle")
    page.locator("article mark").first.wait_for(state="attached", timeout=10000)
    assert index_requests(seen) == 0
