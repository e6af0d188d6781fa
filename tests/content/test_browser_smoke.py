"""First browser test: the home page and every section's index load in Chromium without console
errors; the browser's date is the suite's "today" (tests/conftest.py), and the review notice
(docs/assets/controle.js) follows that date."""
import datetime as dt

import pytest

from conftest import ROOT
from scripts.model import clock, content_model

SECTION_PAGES = [""] + [f"{s}/" for s in content_model.SECTIONS if (ROOT / "docs" / s / "index.md").is_file()]


@pytest.mark.parametrize("path", SECTION_PAGES)
def test_page_has_no_console_errors(page, site_url, path):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    response = page.goto(site_url + path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.is_visible()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert errors == []


def test_the_browser_date_is_the_suites_today_and_ages_the_review_notice(page):
    today = clock.today()
    script = (ROOT / "docs" / "assets" / "controle.js").read_text(encoding="utf-8")
    notices = "".join(f'<div id="n{i}" hidden data-controle-voor="{(today + dt.timedelta(days=d)).isoformat()}"></div>'
                      for i, d in enumerate((-1, 0, 1)))
    page.set_content(f"<!doctype html><html lang='nl'><body>{notices}</body></html>")
    page.add_script_tag(content=script)
    shown = page.evaluate("new Date().getFullYear() + '-' + (new Date().getMonth() + 1) + '-' + new Date().getDate()")
    assert shown == f"{today.year}-{today.month}-{today.day}"
    # Due yesterday: shown; due today or tomorrow: still hidden (the due date is the last good day).
    assert page.evaluate("[0, 1, 2].map(i => document.getElementById('n' + i).hidden)") == [False, True, True]
