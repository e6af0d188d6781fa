"""The 'Handelen' section: printable step cards and the situation pages.

Browser tests print each step card to PDF (A4, print media) and require exactly one page; they check that
the print stylesheet hides the site chrome (header, tabs, sidebars, footer, page info, edit button) and the
screen-only print hint. Source tests check that every situation page links to the legal pages, to
samenwerking and to a template, that only verified national phone numbers appear, and that local details
use the placeholder format of the content model.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HANDELEN = ROOT / "docs" / "handelen"

CARDS = ("wapen-vermoed", "wapen-gevonden", "online-dreiging", "ernstig-incident")

SITUATION_PAGES = (
    "vermoeden-wapenbezit.md",
    "wapen-gevonden.md",
    "online-dreiging.md",
    "ernstig-incident.md",
    "aanhouding-op-school.md",
    "nazorg.md",
    "evaluatie.md",
    "communicatie.md",
    "registratie.md",
    "hotline-en-veiligheidsteam.md",
)

# Verified national numbers (see the source links on the pages): politie, Veilig Thuis, Meld Misdaad Anoniem,
# vertrouwensinspecteur. 112 has no leading zero and is not matched by PHONE_RE.
ALLOWED_NUMBERS = {"09008844", "08002000", "08007000", "09001113111"}
PHONE_RE = re.compile(r"(?<![\w/])0\d{2,3}[- ]?\d{3,4}(?:[ -]?\d{2,4})?(?![\w/])|(?<![\w/])\+31[\d ()-]{8,}")
PLACEHOLDER_START = re.compile(r"nog in te vullen", re.IGNORECASE)
PLACEHOLDER_RE = re.compile(r"\[nog in te vullen door het SWV: [^\[\]\n]+\]")
LINK_RE = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)]*)?\)")

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
    out = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        for match in PHONE_RE.finditer(line):
            digits = re.sub(r"\D", "", match.group())
            if digits not in ALLOWED_NUMBERS:
                out.append(f"{shown}:{lineno}: telefoonnummer '{match.group()}' is niet geverifieerd; "
                           f"gebruik [nog in te vullen door het SWV: ...]")
    return out


def placeholder_problems(text: str, shown: str) -> list[str]:
    out = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        starts = len(PLACEHOLDER_START.findall(line))
        good = len(PLACEHOLDER_RE.findall(line))
        if starts != good:
            out.append(f"{shown}:{lineno}: schrijf een lokaal gegeven precies als "
                       f"[nog in te vullen door het SWV: <wat>]")
    return out


def md_links(path: Path) -> list[Path]:
    """Relative .md links in a page, resolved against the page's folder."""
    text = path.read_text(encoding="utf-8")
    return [(path.parent / target).resolve() for target in LINK_RE.findall(text) if "://" not in target]


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


def test_page_counter_sees_more_than_one_page(page, site_url):
    """The counter itself must be able to fail: a long normal page prints on several pages."""
    page.goto(f"{site_url}handelen/communicatie/")
    page.emulate_media(media="print")
    assert pdf_page_count(page.pdf(format="A4")) > 1


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
    assert "0900-8844" in text
    assert "[nog in te vullen door het SWV:" in text, "lokale nummers staan als placeholder op de kaart"


# ---------- source: links, numbers, placeholders ----------

@pytest.mark.parametrize("name", SITUATION_PAGES)
def test_situation_page_links_to_law_samenwerking_and_templates(name):
    path = HANDELEN / name
    links = md_links(path)
    missing = [link for link in links if not link.exists()]
    assert not missing, f"{name}: links naar niet-bestaande pagina's: {missing}"
    docs = (ROOT / "docs").resolve()
    rel = [link.relative_to(docs).as_posix() for link in links]
    assert any(r.startswith("wetgeving/") and r != "wetgeving/index.md" for r in rel), \
        f"{name}: geen link naar een juridische pagina"
    assert any(r in ("samenwerking/sociale-kaart.md", "samenwerking/partners.md") for r in rel), \
        f"{name}: geen link naar de sociale kaart of de partners"
    assert any(r.startswith("convenanten/") for r in rel), f"{name}: geen link naar een sjabloon"


@pytest.mark.parametrize("name", SITUATION_PAGES)
def test_situation_page_has_numbered_steps_and_roles(name):
    text = (HANDELEN / name).read_text(encoding="utf-8")
    assert re.search(r"^\s*1\. ", text, re.MULTILINE) or re.search(r"^\| 1 \|", text, re.MULTILINE), \
        f"{name}: geen genummerde stappen"
    assert re.search(r"^## Wie doet wat\?|^### Rollen|^\| Rol \||^\| Stap \| Wat \| Wie \|", text, re.MULTILINE), \
        f"{name}: geen rollen"


def test_only_verified_phone_numbers_in_handelen():
    problems = []
    for path in sorted(HANDELEN.rglob("*.md")):
        problems += phone_problems(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    assert problems == []


def test_placeholders_use_the_content_model_format():
    problems = []
    for path in sorted(HANDELEN.rglob("*.md")):
        problems += placeholder_problems(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    assert problems == []


def test_checkers_catch_bad_input():
    """The two source checks above must reject what they are meant to reject."""
    bad = "Bel de wijkagent op 010-1234567.\nOf mail [nog in te vullen: mailadres]."
    assert phone_problems("Zie BWBR0008804 en 2026-11-29.", "x.md") == []
    assert phone_problems(bad, "x.md") and phone_problems(bad, "x.md")[0].startswith("x.md:1:")
    assert placeholder_problems(bad, "x.md") and placeholder_problems(bad, "x.md")[0].startswith("x.md:2:")
    good = "Bel 112 of 0900-8844, of [nog in te vullen door het SWV: telefoonnummer wijkagent]."
    assert phone_problems(good, "x.md") == [] and placeholder_problems(good, "x.md") == []
