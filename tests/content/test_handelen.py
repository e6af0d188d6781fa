"""The 'Handelen' section: printable step cards and the situation pages.

Browser tests print each step card to PDF (A4, print media) and require exactly one page; they check that
the print stylesheet hides the site chrome (header, tabs, sidebars, footer, page info, edit button) and the
screen-only print hint. That every situation page has steps and roles and links to the legal pages, to
samenwerking and to a template, and that a step card includes only rules of its page, are checks of `make
check` (scripts/checks/situations.py, tested in tests/checks/test_content_rules.py). Source tests check that
a printed card shows only allowed phone numbers (the phone rule of scripts/model/phones.py, which `make check`
applies to every page and rule as its personal-data check), and that a card's local details are filled in or an
open place in the content model's format (make check checks open places on every page). Cards and pages are
found in the folder, never listed here.
"""
from __future__ import annotations

import re

import pytest

from scripts.model import personal_data, phones, registers

from conftest import ROOT
from scripts.model import content_model
HANDELEN = ROOT / "docs" / "handelen"

# Every page in the stapkaarten folder except its index is a card.
CARDS = tuple(sorted(p.stem for p in (HANDELEN / "stapkaarten").glob("*.md") if p.name != "index.md"))


def verified_numbers() -> dict[str, str]:
    """Digits -> partner for every national number in the referral map that has a source: the one
    place where a phone number is verified (regio/data/sociale-kaart.yml, checked by scripts/model/registers.py)."""
    loaded = registers.load_sociale_kaart(root=ROOT)
    assert loaded.problems == [], [str(p) for p in loaded.problems]
    return {
        re.sub(r"\D", "", e.values["telefoon"]): e.values["partner"]
        for e in loaded.entries
        if e.values.get("gemeente") == registers.LANDELIJK and e.values.get("bron")
        and e.values.get("telefoon") and not registers.is_placeholder(e.values["telefoon"])
    }


ALLOWED_NUMBERS = set(verified_numbers())
ALLOW = personal_data.Allowlist.load(ROOT / "config")  # the allowed numbers, read by the phone rule
PLACEHOLDER_RE = content_model.PLACEHOLDER_RE  # the one way an open place is written

# Elements of Material and of our templates that must not appear on a printed card.
CHROME = {
    "header": ".md-header",
    "tabs": ".md-tabs",
    "primary sidebar": ".md-sidebar--primary",
    "footer": ".md-footer",
    "page info": ".pagina-info",
    "edit button": ".md-content__button",
}


# ---------- helpers ----------

def pdf_page_count(pdf: bytes) -> int:
    """Count page objects in a PDF, cross-checked with the /Count of the page tree."""
    objects = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    counts = [int(c) for c in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(c) for c in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    if counts:
        assert max(counts) == objects, f"page objects ({objects}) and /Count ({max(counts)}) disagree"
    return objects


def phone_problems(text: str, shown: str) -> list[str]:
    """Numbers in a text that the phone rule finds and the allowlist does not allow (the check of
    scripts/model/personal_data.py, here on a card's printed text, its included rules in it)."""
    out = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        for found in phones.find(line, ALLOW.numbers):
            if not ALLOW.phones.allows(found.phone):
                out.append(f"{shown}:{lineno}: telefoonnummer '{found.raw}' is niet geverifieerd; "
                           f"gebruik [nog in te vullen door het SWV: ...]")
    return out


def card_url(site_url: str, card: str) -> str:
    return f"{site_url}handelen/stapkaarten/{card}/"


# ---------- browser: the printed cards ----------

@pytest.mark.parametrize("card", CARDS)
def test_step_card_prints_on_one_a4_page(page, site_url, card):
    response = page.goto(card_url(site_url, card))
    assert response is not None and response.status == 200
    page.emulate_media(media="print")
    assert page.locator(".stapkaart").count() == 1, "de pagina heeft precies één stapkaart"
    assert page.locator(".stapkaart").is_visible()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert pdf_page_count(pdf) == 1, f"stapkaart {card} past niet op één A4"


def test_page_counter_sees_more_than_one_page(page):
    """The counter itself must be able to fail: a page of its own, three A4 pages long, is three pages."""
    page.set_content("<!doctype html><html lang='nl'><body>"
                     + "".join(f"<p style='break-after: page'>Pagina {i}</p>" for i in range(3)) + "</body></html>")
    page.emulate_media(media="print")
    assert pdf_page_count(page.pdf(format="A4")) == 3


@pytest.mark.parametrize("card", CARDS)
def test_print_hides_site_chrome_but_not_the_card(page, site_url, card):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(card_url(site_url, card))
    page.emulate_media(media="screen")
    for name, selector in CHROME.items():
        assert page.locator(selector).count() >= 1, f"{name} ({selector}) ontbreekt op de pagina"
    assert page.locator(".md-header").is_visible(), "op het scherm hoort de kop zichtbaar te zijn"
    assert page.locator(".pagina-info").is_visible()
    assert page.locator("h1").first.is_visible()

    page.emulate_media(media="print")
    for name, selector in CHROME.items():
        visible = [page.locator(selector).nth(i).is_visible() for i in range(page.locator(selector).count())]
        assert not any(visible), f"{name} ({selector}) wordt geprint"
    assert not page.locator("h1").first.is_visible(), "de paginatitel buiten de kaart wordt geprint"
    assert page.locator(".stapkaart").is_visible()


@pytest.mark.parametrize("card", CARDS)
def test_print_hint_on_screen_only(page, site_url, card):
    page.goto(card_url(site_url, card))
    hint = page.get_by_text("Print deze kaart (Ctrl+P)")
    page.emulate_media(media="screen")
    assert hint.is_visible()
    page.emulate_media(media="print")
    assert not hint.is_visible()


@pytest.mark.parametrize("card", CARDS)
def test_card_is_readable_at_a_glance(page, site_url, card):
    page.goto(card_url(site_url, card))
    page.emulate_media(media="print")
    steps = page.locator(".stapkaart .stappen > ol > li")
    assert 4 <= steps.count() <= 9, "een kaart heeft 4 tot 9 genummerde stappen"
    size = steps.first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 16, f"stappen zijn te klein in print ({size}px, minimaal 12pt)"
    text = page.locator(".stapkaart").inner_text()
    assert "112" in text
    # Every number on the card is verified; a local detail is a number or an open place, never empty.
    assert phone_problems(text, f"stapkaart {card}") == []
    cells = page.locator(".stapkaart .stapkaart__nummers td:nth-child(2)")
    assert cells.count() >= 2
    for i in range(cells.count()):
        value = cells.nth(i).inner_text().strip()
        assert value, f"stapkaart {card}: lege regel in de nummers"
        attempts = content_model.PLACEHOLDER_ATTEMPT_RE.findall(value)
        assert all(PLACEHOLDER_RE.fullmatch(a) for a in attempts), f"stapkaart {card}: open plek verkeerd geschreven: {value}"


# ---------- source: numbers ----------

def test_allowed_numbers_come_from_sourced_national_entries():
    assert ALLOWED_NUMBERS, "de sociale kaart heeft geen landelijke nummers met een bron"


def test_checkers_catch_bad_input():
    """The phone check above must reject what it is meant to reject. (Open places are checked by
    `make check` on every page: scripts/checks/placeholders.py, tested in tests/checks/.)"""
    bad = "Bel de wijkagent op 010-1234567.\nOf mail [nog in te vullen: mailadres]."
    assert not ALLOW.phones.allows(phones.parse("010-1234567"))
    assert phone_problems("Zie BWBR0008804 en 2026-11-29.", "x.md") == []
    assert phone_problems(bad, "x.md") and phone_problems(bad, "x.md")[0].startswith("x.md:1:")
    good = f"Bel 112 of {min(ALLOWED_NUMBERS)}, of [nog in te vullen door het SWV: telefoonnummer wijkagent]."
    assert phone_problems(good, "x.md") == []
