"""Privacy of the site: no request to any host but the site itself, no cookies, and only the
browser storage that docs/regio/over/privacy.md describes.

That no page asks another host for anything while it loads is checked on the one load of every page
that the accessibility sweep makes (test_no_page_asks_another_host_for_anything in
tests/content/test_accessibility.py, with the same guard_context from axe_helpers). Here: search,
which fetches its worker and index only when used, the built files themselves, and storage."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from axe_helpers import guard_context, quiz_paths

from conftest import ROOT
# Where a page can make the browser fetch something by itself (links a reader clicks do not count).
FETCH_RE = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed|object|link)\b[^>]*?\s(?:src|href|data|srcset|poster)=[\"']"
    r"(?P<url>(?:https?:)?//[^\"']+)",
    re.I,
)
CSS_URL_RE = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"'])(?P<url>(?:https?:)?//[^\"')\s]+)", re.I)
# Rel values of <link> that make no request (canonical address, feeds, site navigation).
NO_FETCH_REL = re.compile(r"rel=[\"'](?:canonical|alternate|prev|next|author|license|me)[\"']", re.I)


@pytest.fixture
def guarded(browser, site_url):
    """A browser context that records every request to another host and blocks it."""
    context = browser.new_context()
    foreign = guard_context(context, site_url)
    yield context, context.new_page(), foreign
    context.close()


def test_search_asks_no_other_host(guarded, site_url):
    """Search loads its worker, index and language files on demand: use it once."""
    context, page, foreign = guarded
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("wapen")
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert foreign == []


def test_built_files_reference_no_other_host(built_site):
    problems = []
    for html in built_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for tag in re.findall(r"<link\b[^>]*>", text, re.I):
            if NO_FETCH_REL.search(tag):
                text = text.replace(tag, "")
        problems += [f"{html.relative_to(built_site)}: {m.group('url')}" for m in FETCH_RE.finditer(text)]
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        problems += [f"{css.relative_to(built_site)}: {m.group('url')}" for m in CSS_URL_RE.finditer(text)]
    assert problems == [], "\n".join(problems)


def test_no_cookies_and_only_documented_storage(guarded, built_site, site_url):
    context, page, foreign = guarded
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("meldcode")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    quiz_page = quiz_paths(built_site)[0]
    page.goto(site_url + quiz_page, wait_until="load")
    quiz = page.locator("div.quiz:has(input[type=radio])").first
    quiz.locator("input[type=radio]").first.check()
    quiz.locator('button[type="submit"]').click()
    page.wait_for_timeout(200)

    assert context.cookies() == []
    local = page.evaluate("Object.keys(localStorage)")
    session = page.evaluate("Object.keys(sessionStorage)")
    assert local, "het antwoord op de toets is niet in localStorage bewaard"
    assert all(key.startswith("quiz_progress_") for key in local), local
    assert session == []
    # What the site keeps in the browser is named on a page (the privacy statement, wherever it is).
    named = [p for p in sorted((ROOT / "docs").rglob("*.md")) if "quiz_progress_" in p.read_text(encoding="utf-8")]
    assert named, "geen pagina noemt de sleutel quiz_progress_ die de site in de browser bewaart"
    assert foreign == []
