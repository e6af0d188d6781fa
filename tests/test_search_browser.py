"""A sample of the benchmark queries typed into the site's own search box in Chromium: the result
list a reader sees agrees with the Python replay of the search (search_bench)."""
from urllib.parse import urljoin, urlparse

import pytest

import search_bench

SAMPLE = ["messen", "mag ik een tas doorzoeken", "opps", "kluisjes controle", "meldcode", "wijkagent",
          "schorsen", "hotline", "brief aan ouders", "veilig thuis"]


def browser_results(page, site_url, query):
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")  # Material's keyboard shortcut opens the search
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    page.keyboard.type(query)  # typed like a reader, so every keystroke reaches the search
    items = page.locator(".md-search-result__item")
    items.first.wait_for(state="attached", timeout=30000)  # the worker loads the index first
    # The list is redrawn for every keystroke's query: read it until it stays the same.
    read = "els => els.map(e => e.querySelector('a').href)"
    hrefs, previous = items.evaluate_all(read), None
    for _ in range(20):
        if hrefs == previous:
            break
        page.wait_for_timeout(250)
        previous, hrefs = hrefs, items.evaluate_all(read)
    base = urlparse(site_url).path
    pages = []
    for href in hrefs:
        path = urlparse(urljoin(site_url, href)).path
        location = path[len(base):] if path.startswith(base) else path
        if location not in pages:
            pages.append(location)
    return pages


@pytest.fixture(scope="module")
def replay(built_site):
    return search_bench.SiteSearch(built_site / "search" / "search_index.json")


@pytest.mark.parametrize("query", SAMPLE)
def test_browser_search_agrees_with_python(page, site_url, replay, query):
    in_browser = browser_results(page, site_url, query)
    in_python = replay.search(query)
    assert in_browser, f"no results in the browser for {query!r}"
    assert in_browser[0] == in_python[0], (query, in_browser[:5], in_python[:5])
    assert set(in_browser[:3]) <= set(in_python[:6]), (query, in_browser[:5], in_python[:5])
