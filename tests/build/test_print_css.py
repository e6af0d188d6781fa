"""The print stylesheet (docs/assets/print.css), in Chromium's print emulation: navigation and quiz
controls are not printed, the questions are; an external link prints its address after its text,
an internal link and a link on a step card do not; on screen nothing changes.
"""
from __future__ import annotations

import re

import pytest

from conftest import ROOT

NAVIGATION = (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-skip")
QUIZ_CONTROLS = (".quiz-button", ".quiz-intro-reset", ".quiz-results-reset", ".quiz-results")


def quiz_page(built_site) -> str:
    for path in sorted(built_site.rglob("index.html")):
        if 'class="quiz-button"' in path.read_text(encoding="utf-8"):
            return path.parent.relative_to(built_site).as_posix() + "/"
    pytest.fail("geen pagina met een toets in de site")


def after(page, selector: str) -> str:
    return page.locator(selector).first.evaluate("el => getComputedStyle(el, '::after').content")


def test_print_hides_navigation_and_quiz_controls(page, built_site, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + quiz_page(built_site))
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible() and page.locator(".quiz-button").first.is_visible()
    page.emulate_media(media="print")
    for selector in NAVIGATION + QUIZ_CONTROLS:
        for i in range(page.locator(selector).count()):
            assert not page.locator(selector).nth(i).is_visible(), f"{selector} wordt geprint"
    assert page.locator(".quiz-question").first.is_visible(), "de vraag zelf hoort op papier"
    assert page.locator("article h1").first.is_visible(), "de titel van de pagina hoort op papier"


def test_print_shows_where_external_links_go(page, built_site, site_url):
    # A legal page: its sources are external links in the text.
    page.goto(site_url + "wetgeving/wapens/")
    external = ".md-content .md-typeset p a[href^='http']"
    internal = ".md-content .md-typeset a[href]:not([href^='http']):not(.headerlink)"
    assert page.locator(external).count() and page.locator(internal).count()
    page.emulate_media(media="screen")
    assert after(page, external) in ("none", "normal")
    page.emulate_media(media="print")
    href = page.locator(external).first.get_attribute("href")
    assert after(page, external) == f'" (" attr(href) ")"' or href in after(page, external), after(page, external)
    assert after(page, internal) in ("none", "normal")


def test_no_addresses_on_a_step_card(page, site_url, built_site):
    cards = [p for p in (built_site / "handelen" / "stapkaarten").glob("*/index.html")
             if re.search(r'<div class="stapkaart">.*?<a href="http', p.read_text(encoding="utf-8"), re.S)]
    if not cards:
        # No card links out today: plant the case in the stylesheet's terms instead of skipping.
        page.goto(site_url + "handelen/stapkaarten/" + sorted((built_site / "handelen" / "stapkaarten").glob("*/index.html"))[0].parent.name + "/")
        page.evaluate("""() => { const a = document.createElement('a'); a.href = 'https://example.org/';
                          a.textContent = 'x'; a.id = 'geplant'; document.querySelector('.stapkaart').append(a); }""")
        selector = "#geplant"
    else:
        page.goto(site_url + "handelen/stapkaarten/" + cards[0].parent.name + "/")
        selector = ".stapkaart a[href^='http']"
    page.emulate_media(media="print")
    assert after(page, selector) in ("none", "normal")


def test_print_css_is_linked_on_every_page(built_site):
    missing = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")
               if 'id="__config"' in p.read_text(encoding="utf-8") and "assets/print.css" not in p.read_text(encoding="utf-8")]
    assert missing == []
    assert (ROOT / "docs" / "assets" / "print.css").is_file()
