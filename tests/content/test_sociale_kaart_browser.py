"""The sociale kaart in Chromium: on a phone (320 px) every route is a card with its call link and
nothing scrolls sideways; on a wide screen (1280 px) it is a table; the filter per gemeente shows
one gemeente and keeps the national numbers; on paper every gemeente is there.

The routes and numbers come from regio/data/sociale-kaart.yml through scripts/model/registers.py, so the test
reads the expected routes from the same model instead of from today's content. Whether a call link calls
its number is asked of the phone rule (scripts/model/phones.py) and judged against RFC 3966 by
tests/phone_fixtures.py. A fixture kaart with invented numbers (a 14 + area code and an 088 number among
them) is built and opened too, so the kinds of number a gemeente has are tested whatever the real
kaart holds.
"""
from __future__ import annotations

import re

import pytest
import yaml

import phone_fixtures as fx
import voorbeeldregio
from conftest import mkdocs_build, serve_dir
from scripts import ROOT
from scripts.model import phones, registers

PAGE = "regio/samenwerking/sociale-kaart/"


@pytest.fixture(scope="module")
def routes():
    loaded = registers.load_sociale_kaart()
    assert loaded.problems == [], loaded.problems
    assert loaded.entries, "de sociale kaart is leeg"
    # In the order of the page: grouped by gemeente in the profile's order, each group in the data's order.
    return sorted(loaded.entries, key=lambda e: loaded.gemeenten.index(e.values["gemeente"]))


def with_number(entry) -> bool:
    number = entry.values.get("telefoon")
    return bool(number and not registers.is_placeholder(number) and entry.values.get("bron"))


def digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def same_number(href: str, number: str) -> bool:
    """A tel: link is a valid RFC 3966 URI that calls the number (+31... or a local number with its
    phone-context for 14 070)."""
    phone = phones.parse(number)
    return phone is not None and phones.parse(href) == phone and fx.tel_problem(href, phone.national) is None


def open_kaart(browser, site_url, width, height=800):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(site_url + PAGE)
    page.wait_for_load_state("networkidle")
    return context, page


# Each row as the reader sees it once scrolled to (a group below the screen is laid out only then:
# content-visibility: auto): is it laid out as a card (a block) or a table row, its text, and the
# tel: links in it with their accessible text and size.
READ_ROWS = """async () => {
 const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))
 const out = []
 for (const tr of document.querySelectorAll('.sk-groep tbody tr')) {
  if (tr.checkVisibility() && !tr.checkVisibility({contentVisibilityAuto: true})) {
    tr.scrollIntoView(); await frame()
  }
  out.push(readRow(tr))
 }
 window.scrollTo(0, 0)
 return out
 function readRow(tr) {
  const box = tr.getBoundingClientRect()
  return {
    gemeente: tr.closest('.sk-groep').dataset.gemeente,
    display: getComputedStyle(tr).display,
    visible: box.width > 0 && box.height > 0,
    right: box.right,
    partner: tr.cells[0].innerText.trim(),
    labels: [...tr.cells].map(td => getComputedStyle(td, '::before').content),
    calls: [...tr.querySelectorAll('td[data-label="Telefoon"] a[href^="tel:"]')].map(a => {
      const r = a.closest('.sk-bel, td').getBoundingClientRect()
      const before = getComputedStyle(a, '::before').content.replace(/^"|"$/g, '')
      return {href: a.getAttribute('href'), text: a.innerText.trim(),
              shown: ((before === 'none' ? '' : before) + a.innerText).trim(), width: r.width, height: r.height}
    }),
  }
 }
}"""


def test_phone_width_shows_every_route_as_a_card_with_its_call_link(browser, site_url, routes):
    context, page = open_kaart(browser, site_url, 320, 640)
    try:
        overflow = page.evaluate("""() => ({
          doc: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
          body: [document.body.scrollWidth, document.body.clientWidth],
          boxes: [...document.querySelectorAll('.sk-groep, .sk-groep .tabel-scroll, .sk-filter')]
                   .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.className),
        })""")
        assert overflow["doc"][0] <= overflow["doc"][1], f"de pagina scrolt opzij op 320 px: {overflow}"
        assert overflow["body"][0] <= overflow["body"][1], f"de pagina scrolt opzij op 320 px: {overflow}"
        assert not overflow["boxes"], f"een deel van de kaart scrolt opzij op 320 px: {overflow}"

        rows = page.evaluate(READ_ROWS)
        assert len(rows) == len(routes), "niet elke route uit regio/data/sociale-kaart.yml staat op de pagina"
        for entry, row in zip(routes, rows):
            name = entry.values["partner"]
            assert row["visible"] and row["display"] == "block", f"{name}: geen kaart op 320 px ({row})"
            assert row["right"] <= 320, f"{name}: de kaart steekt buiten het scherm ({row})"
            # Every card says what each part is (the column heading), except its title.
            assert all(label not in ("none", "normal", '""') for label in row["labels"][1:]), (name, row["labels"])
            if with_number(entry):
                wanted = digits(entry.values["telefoon"])
                calls = [c for c in row["calls"] if digits(c["text"]) == wanted]
                assert calls, f"{name}: geen bel-link voor {entry.values['telefoon']} ({row['calls']})"
                call = calls[0]
                assert same_number(call["href"], entry.values["telefoon"]), (name, call)
                assert call["shown"].lower().startswith("bel "), f"{name}: de knop zegt niet 'Bel' ({call})"
                assert call["height"] >= 24 and call["width"] >= 24, f"{name}: de belknop is te klein ({call})"
            else:
                assert not row["calls"], f"{name}: een bel-link zonder geverifieerd nummer ({row['calls']})"
    finally:
        context.close()


def test_wide_screen_shows_a_table(browser, site_url, routes):
    context, page = open_kaart(browser, site_url, 1280)
    try:
        rows = page.evaluate(READ_ROWS)
        assert len(rows) == len(routes)
        assert all(r["display"] == "table-row" and r["visible"] for r in rows), rows
        header = page.evaluate("""() => [...document.querySelectorAll('.sk-groep thead')]
            .map(t => t.getBoundingClientRect().height)""")
        assert header and all(h > 0 for h in header), "de tabelkop is niet te zien op een breed scherm"
        for entry, row in zip(routes, rows):
            if with_number(entry):
                assert any(same_number(c["href"], entry.values["telefoon"]) for c in row["calls"]), row
    finally:
        context.close()


def test_filter_shows_one_gemeente_and_keeps_the_national_numbers(browser, site_url, routes):
    gemeenten = [g for g in registers.gemeenten(ROOT) if g != registers.LANDELIJK
                 and any(e.values["gemeente"] == g for e in routes)]
    if len(gemeenten) < 2:
        pytest.skip("minder dan twee gemeenten in de kaart: geen filter nodig")
    context, page = open_kaart(browser, site_url, 320, 640)
    try:
        chosen = gemeenten[-1]
        page.get_by_label(chosen, exact=True).check()  # the label of the radio button
        shown = page.evaluate("""() => [...document.querySelectorAll('[data-gemeente]')]
            .filter(el => el.getBoundingClientRect().height > 0).map(el => el.dataset.gemeente)""")
        assert set(shown) == {registers.LANDELIJK, registers.gemeente_slug(chosen)}, shown
        page.get_by_label("Alle gemeenten", exact=True).check()
        shown = page.evaluate("""() => new Set([...document.querySelectorAll('.sk-groep')]
            .filter(el => el.getBoundingClientRect().height > 0).map(el => el.dataset.gemeente)).size""")
        assert shown == len(gemeenten) + 1
    finally:
        context.close()


def test_paper_shows_every_gemeente_as_a_table(browser, site_url, routes):
    context, page = open_kaart(browser, site_url, 320, 640)
    try:
        page.get_by_label(registers.gemeenten(ROOT)[-1], exact=True).check()  # a choice made on screen
        page.emulate_media(media="print")
        rows = page.evaluate(READ_ROWS)
        assert len(rows) == len(routes)
        assert all(r["display"] == "table-row" and r["visible"] for r in rows), rows
        assert not page.locator(".sk-filter").is_visible(), "het filter staat op papier"
    finally:
        context.close()


# ---- A fixture kaart with invented numbers ------------------------------------------------

FIXTURE_ROUTES = [  # (gemeente, partner, number as written): invented, as are the gemeenten (tests/voorbeeldregio)
    (registers.LANDELIJK, "Testalarm", fx.ALARM[0]),
    (registers.LANDELIJK, "Testlijn gratis", fx.FREE[0]),
    ("Voorbeeldstad", "Testleerplicht", fx.MUNICIPAL[0]),
    ("Voorbeeldstad", "Testbedrijf", fx.COMPANY[0]),
    ("Dorp aan Zee", "Testgemeente", fx.MUNICIPAL_LONG[0]),
    ("Dorp aan Zee", "Testwijkagent", "[nog in te vullen door het SWV: telefoonnummer wijkagent]"),
]


@pytest.fixture(scope="module")
def fixture_kaart(tmp_path_factory):
    project = tmp_path_factory.mktemp("kaart")
    voorbeeldregio.install(project)
    fx.write_config(project / "config")
    (project / "regio" / "data").mkdir(parents=True)
    (project / "regio" / "data" / "sociale-kaart.yml").write_text(yaml.safe_dump([
        {"partner": partner, "gemeente": gemeente, "wanneer": "Testsituatie (verzonnen).",
         "route": "Testroute (verzonnen).", "telefoon": number, "bron": "https://example.org/bron"}
        for gemeente, partner, number in FIXTURE_ROUTES], allow_unicode=True, sort_keys=False), encoding="utf-8")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Sociale kaart (test)\n\n<!-- tabel: sociale-kaart -->\n",
                                               encoding="utf-8")
    (project / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "kaart-test", "use_directory_urls": True,
        "plugins": [{"kennisbank": {"steps": ["tables", "output_pass"]}}],
        "markdown_extensions": ["attr_list", "md_in_html", "tables"],
    }), encoding="utf-8")
    run = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert run.returncode == 0, run.stdout + run.stderr
    return project / "site"


def test_fixture_kaart_calls_14_0xx_and_088_numbers_with_valid_links(browser, fixture_kaart):
    with serve_dir(fixture_kaart) as url:
        context = browser.new_context(viewport={"width": 320, "height": 640})
        page = context.new_page()
        try:
            page.goto(url)
            rows = page.evaluate(READ_ROWS)
        finally:
            context.close()
    assert [r["partner"] for r in rows] == [partner for _g, partner, _n in FIXTURE_ROUTES]
    for (_gemeente, partner, number), row in zip(FIXTURE_ROUTES, rows):
        if registers.is_placeholder(number):
            assert not row["calls"], (partner, row["calls"])
            continue
        assert [c["text"] for c in row["calls"]] == [number], (partner, row["calls"])
        assert same_number(row["calls"][0]["href"], number), (partner, row["calls"])
    hrefs = {partner: row["calls"][0]["href"] for (_g, partner, _n), row in zip(FIXTURE_ROUTES, rows) if row["calls"]}
    assert hrefs["Testleerplicht"] == f"tel:{fx.MUNICIPAL[1]};phone-context=+31"
    assert hrefs["Testgemeente"] == f"tel:{fx.MUNICIPAL_LONG[1]};phone-context=+31"
    assert hrefs["Testbedrijf"] == f"tel:+31{fx.COMPANY[1]}"
    assert hrefs["Testalarm"] == "tel:112"
