"""First browser test: home page and a section page load in Chromium without console errors."""
import pytest


@pytest.mark.parametrize("path", ["", "wetgeving/", "conferentie/"])
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
