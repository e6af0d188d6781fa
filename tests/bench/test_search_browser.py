"""The site's search in Chromium agrees with the Python replay of the search (search_bench):
- a sample of the benchmark queries of both groups, typed into the site's own search box, gives
  the result list that Python gives;
- every benchmark query, asked of the site's search code (docs/assets/javascripts/zoeken.js, the
  code behind the box), gives Python's top 5, so the browser's figures per group are Python's figures."""
from urllib.parse import urljoin, urlparse

import pytest

from scripts.bench import search_bench
from scripts.build import search_tuning

SAMPLE = ["messen", "mag ik een tas doorzoeken", "opps", "kluisjes controle", "meldcode", "wijkagent",
          "schorsen", "hotline", "brief aan ouders", "veilig thuis",
          # typed as in a hurry (group 'varianten'): typo, diminutive, plural, compounds, loan word, abbreviation
          "stileto", "schorssen", "vlindermesje", "dreigberichten", "huiselijkgeweld", "meld code", "e-learning",
          "OM"]


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    """One page with the search open, used for every sample query: the index loads once, as it does
    for a reader who searches twice."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")  # the keyboard shortcut (Material's) opens the search
    page.locator("input.md-search__input").wait_for(state="visible")
    yield page
    context.close()


def browser_results(page, site_url, query):
    box = page.locator("input.md-search__input")
    box.fill("")  # the previous query goes, as when a reader clears the box
    page.locator(".md-search-result__item").first.wait_for(state="detached", timeout=30000)
    box.focus()
    page.keyboard.type(query)  # typed like a reader, so every keystroke reaches the search
    items = page.locator(".md-search-result__item")
    items.first.wait_for(state="attached", timeout=30000)  # lunr and the index load first
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
    return search_bench.SiteSearch(built_site / search_tuning.INDEX_FILE)


@pytest.mark.parametrize("query", SAMPLE)
def test_browser_search_agrees_with_python(search_page, site_url, replay, query):
    in_browser = browser_results(search_page, site_url, query)
    in_python = replay.search(query)
    assert in_browser, f"no results in the browser for {query!r}"
    assert in_browser[0] == in_python[0], (query, in_browser[:5], in_python[:5])
    assert set(in_browser[:3]) <= set(in_python[:6]), (query, in_browser[:5], in_python[:5])


def test_browser_search_gives_python_figures_for_every_query(page, site_url, replay):
    """The code of the search box, as the benchmark runs it (search_bench.browser_results)."""
    queries = search_bench.load_queries()
    run = search_bench.browser_results(page, site_url, [q.text for q in queries])
    assert not run["errors"], run["errors"]
    differ = [(q.text, js[:5], replay.search(q.text)[:5]) for q, js in zip(queries, run["pages"])
              if js[:5] != replay.search(q.text)[:5]]
    assert not differ, differ
    in_browser = search_bench.evaluate_groups(search_bench.Recorded(queries, run["pages"]), queries)
    in_python = search_bench.evaluate_groups(replay, queries)
    for group in in_python:
        assert (in_browser[group]["mrr"], in_browser[group]["top5"]) == (
            in_python[group]["mrr"], in_python[group]["top5"]), group
