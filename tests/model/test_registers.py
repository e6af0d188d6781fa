"""The data registers: regio/data/vervolgstappen.yml and regio/data/sociale-kaart.yml.

One model (scripts/model/registers.py) serves the check, the build step tables.py and these tests.
Every invalid case asserts its message and its line, so an editor is pointed at the
exact place in the file.
"""
from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT

import small_project
from scripts.model import content_model
from scripts.model import personal_data
from scripts.model import phones
from scripts.model import registers
from scripts.model.project import Project

import voorbeeldregio

TODAY = dt.date(2026, 11, 29)

GOOD_STEP = """\
- id: VS-01
  wat: Iets afstemmen.
  wie: SWV
  status: gepland
  bijgewerkt: 2026-10-01
  toelichting: Uit het verslag.
"""
CONFERENTIE = voorbeeldregio.profile().conferentie.isoformat()  # the invented region's conference


def write(tmp_path: Path, name: str, text: str) -> Path:
    voorbeeldregio.install(tmp_path)  # the conference date and the gemeenten of an invented region
    path = tmp_path / "regio" / "data" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def steps(tmp_path, text):
    return registers.load_vervolgstappen(write(tmp_path, "vervolgstappen.yml", text), root=tmp_path, today=TODAY)


def kaart(tmp_path, text):
    return registers.load_sociale_kaart(write(tmp_path, "sociale-kaart.yml", text), root=tmp_path)


# --------------------------------------------------------------------------- vervolgstappen


def test_valid_step_has_no_problems(tmp_path):
    loaded = steps(tmp_path, GOOD_STEP)
    assert loaded.problems == []
    assert loaded.entries[0].values["status"] == "gepland"


@pytest.mark.parametrize(
    "text, line, message",
    [
        pytest.param(
            GOOD_STEP.replace("status: gepland", "status: klaar"),
            4, f"stap 'VS-01': onbekende status 'klaar' (kies uit: {', '.join(registers.STATUSES)})",
            id="unknown-status",
        ),
        pytest.param(
            GOOD_STEP.replace("  wie: SWV\n", ""),
            1, "stap 'VS-01': veld 'wie' ontbreekt", id="missing-field",
        ),
        pytest.param(
            GOOD_STEP + "  eigenaar: Jan\n",
            7, "stap 'VS-01': onbekend veld 'eigenaar'", id="unknown-field",
        ),
        pytest.param(
            GOOD_STEP + "\n" + GOOD_STEP,
            8, "id 'VS-01' komt twee keer voor (eerder op regel 1)", id="duplicate-id",
        ),
        pytest.param(
            GOOD_STEP.replace("2026-10-01", "2021-13-01"),
            5, "stap 'VS-01': veld 'bijgewerkt' moet een bestaande datum zijn als JJJJ-MM-DD, niet '2021-13-01'",
            id="bad-date",
        ),
        pytest.param(
            GOOD_STEP.replace("2026-10-01", "01-10-2026"),  # the good date, day first
            5, "veld 'bijgewerkt' moet een bestaande datum zijn", id="date-wrong-order",
        ),
        pytest.param(
            GOOD_STEP.replace("2026-10-01", "2027-01-01"),
            5, "veld 'bijgewerkt' ligt in de toekomst (2027-01-01)", id="future-date",
        ),
        pytest.param(
            GOOD_STEP.replace("2026-10-01", "2020-01-14"),
            5, "veld 'bijgewerkt' (2020-01-14) ligt voor de conferentie van 15 januari 2020", id="before-conference",
        ),
        pytest.param(
            GOOD_STEP.replace("status: gepland", "status: afgerond").replace("2026-10-01", CONFERENTIE),
            5, "status 'afgerond' meldt iets van na de conferentie", id="afgerond-without-later-date",
        ),
        pytest.param(
            GOOD_STEP.replace("status: gepland", "status: lopend").replace("2026-10-01", CONFERENTIE),
            5, "status 'lopend' meldt iets van na de conferentie", id="lopend-without-later-date",
        ),
        pytest.param(
            GOOD_STEP.replace("status: gepland", "status: onbekend"),
            6, "bij status 'onbekend' hoort in de toelichting een open plek", id="onbekend-without-placeholder",
        ),
        pytest.param(
            GOOD_STEP.replace("Uit het verslag.", "'Uit het verslag. [nog in te vullen door het SWV: stand]'"),
            6, "de toelichting heeft nog een open plek", id="placeholder-but-not-onbekend",
        ),
        pytest.param(
            GOOD_STEP.replace("status: gepland", "status: onbekend")
            .replace("Uit het verslag.", "'Uit het verslag. [nog in te vullen: stand]'"),
            6, "veld 'toelichting': schrijf een open plek precies als", id="misspelled-placeholder",
        ),
        pytest.param(
            GOOD_STEP.replace("wie: SWV", "wie: '[nog in te vullen door het SWV: wie]'"),
            3, "een open plek hoort alleen in 'toelichting'", id="placeholder-outside-toelichting",
        ),
        pytest.param(
            GOOD_STEP.replace("id: VS-01", "id: stap1"),
            1, "id moet eruitzien als 'VS-01'", id="bad-id",
        ),
        pytest.param(
            GOOD_STEP.replace("toelichting: Uit het verslag.", "toelichting: ''"),
            6, "veld 'toelichting' is leeg", id="empty-field",
        ),
        pytest.param(
            GOOD_STEP.replace("  wie: SWV\n", "  wie: SWV\n  wie: gemeente\n"),
            4, "veld 'wie' staat er twee keer", id="duplicate-key",
        ),
        pytest.param(
            GOOD_STEP.replace("wie: SWV", "wie: [SWV, gemeente]"),
            3, "veld 'wie' moet tekst zijn", id="list-instead-of-text",
        ),
        pytest.param("id: VS-01\n", 1, "het bestand moet een lijst zijn", id="not-a-list"),
        pytest.param("- id: VS-01\n  wat: [niet gesloten\n", 3, "geen geldige YAML", id="yaml-syntax"),
        pytest.param("", 1, "het bestand is leeg", id="empty-file"),
    ],
)
def test_invalid_steps_are_reported_with_line(tmp_path, text, line, message):
    loaded = steps(tmp_path, text)
    hits = [p for p in loaded.problems if message in p.message]
    assert hits, f"verwacht {message!r}, kreeg {[str(p) for p in loaded.problems]}"
    assert hits[0].line == line
    assert hits[0].path == "regio/data/vervolgstappen.yml"
    assert str(hits[0]).startswith(f"regio/data/vervolgstappen.yml:{line}: ")


def test_missing_file_is_a_problem(tmp_path):
    loaded = registers.load_vervolgstappen(tmp_path / "regio" / "data" / "vervolgstappen.yml", root=tmp_path)
    assert [p.message for p in loaded.problems] == ["bestand ontbreekt: maak regio/data/vervolgstappen.yml aan met een lijst van items"]


@pytest.mark.parametrize(
    "status, day",
    [("gepland", "2026-10-01"), ("lopend", "2022-01-10"), ("afgerond", "2022-04-09"), ("vervallen", "2023-02-01")],
)
def test_statuses_with_their_dates_are_valid(tmp_path, status, day):
    loaded = steps(tmp_path, GOOD_STEP.replace("status: gepland", f"status: {status}").replace("2026-10-01", day))
    assert loaded.problems == []


ONBEKEND_STEP = GOOD_STEP.replace("status: gepland", "status: onbekend").replace(
    "toelichting: Uit het verslag.", "toelichting: 'Uit het verslag. [nog in te vullen door het SWV: wat er van de stap is geworden]'"
)


def test_onbekend_with_an_open_place_is_valid_and_shown_as_open(tmp_path):
    loaded = steps(tmp_path, ONBEKEND_STEP)
    assert loaded.problems == []
    table = registers.render_vervolgstappen(loaded)
    assert ("| **onbekend**<br>1 oktober 2026 | Uit het verslag. <span class=\"nog-in-te-vullen\">"
            "[nog in te vullen door het SWV: wat er van de stap is geworden]</span> |") in table


def test_render_vervolgstappen_is_a_table_with_dutch_dates(tmp_path):
    table = registers.render_vervolgstappen(steps(tmp_path, GOOD_STEP))
    assert table.splitlines()[0] == "| Nr. | Wat | Wie | Status (bijgewerkt) | Toelichting |"
    assert "| VS-01 | Iets afstemmen. | SWV | **gepland**<br>1 oktober 2026 | Uit het verslag. |" in table
    assert "1 stappen (1 gepland)" in table


def test_render_explains_every_status_of_the_model(tmp_path):
    table = registers.render_vervolgstappen(steps(tmp_path, GOOD_STEP))
    legend = table[table.index("## Wat betekent de status?"):]
    rows = [line for line in legend.splitlines() if line.startswith("| **")]
    assert [re.match(r"\| \*\*(\w+)\*\*", row).group(1) for row in rows] == list(registers.STATUSES)
    assert all(row.count("|") == 3 and row.split("|")[2].strip() for row in rows)


def test_pipe_in_text_does_not_break_the_table(tmp_path):
    table = registers.render_vervolgstappen(steps(tmp_path, GOOD_STEP.replace("Iets afstemmen.", "A | B")))
    row = next(line for line in table.splitlines() if "VS-01" in line)
    assert row.count("|") == 6 and "A &#124; B" in row


# --------------------------------------------------------------------------- sociale kaart

GOOD_ROUTE = """\
- partner: Wijkagent
  gemeente: Voorbeeldstad
  wanneer: Zorgen rond de school.
  route: Via de vaste contactpersoon.
  telefoon: "[nog in te vullen door het SWV: telefoonnummer wijkagent]"
  contactpersoon: "[nog in te vullen door het SWV: functie]"
- partner: Veilig Thuis
  gemeente: landelijk
  wanneer: Zorgen over thuis.
  route: Bel het landelijke nummer.
  telefoon: "0800-2000"
  bron: https://www.rijksoverheid.nl/onderwerpen/huiselijk-geweld
"""


def test_valid_routes_have_no_problems_and_placeholders_are_counted(tmp_path):
    loaded = kaart(tmp_path, GOOD_ROUTE)
    assert loaded.problems == []
    assert loaded.placeholders() == 2


@pytest.mark.parametrize(
    "text, line, message",
    [
        pytest.param(GOOD_ROUTE.replace("gemeente: Voorbeeldstad", "gemeente: Delft"), 2,
                     "onbekende gemeente 'Delft'", id="unknown-gemeente"),
        pytest.param(GOOD_ROUTE.replace("  route: Via de vaste contactpersoon.\n", ""), 1,
                     "route 'Wijkagent' (Voorbeeldstad): veld 'route' ontbreekt", id="missing-field"),
        pytest.param(GOOD_ROUTE.replace("  wanneer: Zorgen over thuis.\n", "  wanneer: Zorgen over thuis.\n  email: x@y.nl\n"), 10,
                     "onbekend veld 'email'", id="unknown-field"),
        pytest.param(GOOD_ROUTE.replace('  bron: https://www.rijksoverheid.nl/onderwerpen/huiselijk-geweld\n', ""), 11,
                     "een ingevuld telefoonnummer heeft een 'bron' nodig", id="number-without-source"),
        pytest.param(GOOD_ROUTE.replace('"0800-2000"', '"bel ons"'), 11,
                     "'bel ons' is geen telefoonnummer", id="not-a-number"),
        pytest.param(GOOD_ROUTE.replace("https://www.rijksoverheid.nl/onderwerpen/huiselijk-geweld", "www.rijksoverheid.nl"), 12,
                     "veld 'bron' moet een https-link zijn", id="bad-url"),
        pytest.param(GOOD_ROUTE.replace('"[nog in te vullen door het SWV: functie]"', '"[invullen: functie]"'), 6,
                     "schrijf een open plek precies als", id="misspelled-placeholder"),
        pytest.param(GOOD_ROUTE + GOOD_ROUTE[: GOOD_ROUTE.index("- partner: Veilig")], 13,
                     "staat twee keer in de sociale kaart (eerder op regel 1)", id="duplicate-route"),
    ],
)
def test_invalid_routes_are_reported_with_line(tmp_path, text, line, message):
    loaded = kaart(tmp_path, text)
    hits = [p for p in loaded.problems if message in p.message]
    assert hits, f"verwacht {message!r}, kreeg {[str(p) for p in loaded.problems]}"
    assert hits[0].line == line
    assert str(hits[0]).startswith(f"regio/data/sociale-kaart.yml:{line}: ")


def test_render_sociale_kaart_groups_per_gemeente_and_marks_placeholders(tmp_path):
    out = registers.render_sociale_kaart(kaart(tmp_path, GOOD_ROUTE))
    assert out.index("## Landelijke nummers") < out.index("## Voorbeeldstad")
    assert '<span class="nog-in-te-vullen">[nog in te vullen door het SWV: telefoonnummer wijkagent]</span>' in out


def _kaart_rows(out: str) -> list[dict]:
    """Every rendered route as {column heading: cell HTML}, in page order."""
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", out, flags=re.S):
        cells = re.findall(r'<td data-label="([^"]+)">(.*?)</td>', tr, flags=re.S)
        if cells:
            rows.append(dict(cells))
    return rows


def test_render_sociale_kaart_one_rendering_for_table_and_cards(tmp_path):
    """Each route is one row whose every cell names its column (the card shows the name on a
    phone, the table heading on a wide screen); a verified number stands as plain text for the
    tap-to-call hook, with its source beside it; an open place is never a number."""
    loaded = kaart(tmp_path, GOOD_ROUTE)
    out = registers.render_sociale_kaart(loaded)
    rows = _kaart_rows(out)
    assert len(rows) == len(loaded.entries)
    for row in rows:
        assert tuple(row) == registers.KAART_KOLOMMEN
    by_partner = {re.sub(r"<[^>]+>", "", row["Partner"]): row for row in rows}
    telefoon = by_partner["Veilig Thuis"]["Telefoon"]
    assert re.search(r">\s*0800-2000\s*<", telefoon), telefoon  # the number as written, as text
    assert 'href="https://www.rijksoverheid.nl/onderwerpen/huiselijk-geweld"' in telefoon
    assert "tel:" not in out  # the tel: link is the phone hook's work, made from the number once
    assert "nog-in-te-vullen" in by_partner["Wijkagent"]["Telefoon"]
    # Every gemeente in the data has its heading and its group, which the filter can show.
    for gemeente in {e.values["gemeente"] for e in loaded.entries}:
        slug = registers.gemeente_slug(gemeente)
        assert f'data-gemeente="{slug}"' in out
        assert f'<div class="sk-groep" data-gemeente="{slug}">' in out


def test_sociale_kaart_filter_offers_each_gemeente_of_the_data(tmp_path):
    two = GOOD_ROUTE + GOOD_ROUTE[: GOOD_ROUTE.index("- partner: Veilig")].replace("Voorbeeldstad", "Dorp aan Zee")
    out = registers.render_sociale_kaart(kaart(tmp_path, two))
    choices = re.findall(r'<input type="radio" name="sk-gemeente" id="sk-toon-([^"]+)"', out)
    assert choices == ["alle", "voorbeeldstad", "dorp-aan-zee"]  # the profile's order; national numbers always show
    for slug in choices:
        assert f'<label for="sk-toon-{slug}">' in out
    # The page brings the rule of each gemeente (the stylesheet names none): a choice hides the others.
    style = re.search(r"<style>\n(.*?)</style>", out, re.S).group(1)
    for slug in choices[1:]:
        assert (f'.md-content:has(#sk-toon-{slug}:checked) [data-gemeente]:not([data-gemeente="landelijk"])'
                f':not([data-gemeente="{slug}"])') in style
    # One gemeente only: nothing to choose, so no filter.
    assert "sk-filter" not in registers.render_sociale_kaart(kaart(tmp_path, GOOD_ROUTE))


def test_sociale_kaart_cells_escape_html(tmp_path):
    out = registers.render_sociale_kaart(kaart(tmp_path, GOOD_ROUTE.replace("Zorgen rond de school.", "A <b> & | C")))
    assert "A &lt;b&gt; &amp; | C" in out


# --------------------------------------------------------------------------- the real data


def test_real_vervolgstappen_follow_the_rules():
    loaded = registers.load_vervolgstappen(root=ROOT)
    assert loaded.problems == []
    assert loaded.entries, "het register van vervolgstappen is leeg"


def test_real_sociale_kaart_validates_and_filled_numbers_are_allowed_and_sourced():
    """The rule, not today's numbers: a filled-in number is on the list of verified general
    numbers (config/toegestane-nummers.txt) and its route names a source."""
    allowed = personal_data.Allowlist.load(ROOT / "config").phones  # the phone rule, scripts/model/phones.py
    loaded = registers.load_sociale_kaart(root=ROOT)
    assert loaded.problems == []
    for e in loaded.entries:
        number = e.values.get("telefoon")
        if number and not registers.is_placeholder(number):
            phone = phones.parse(number)
            assert phone and allowed.allows(phone), f"{e.values['partner']}: {number} staat niet op de lijst"
            assert e.values.get("bron"), e.values["partner"]
    assert {e.values["gemeente"] for e in loaded.entries} <= set(registers.gemeenten(ROOT))
    # A contact is a role, without contact details: a check of make check (scripts/checks/register_data.py).


# --------------------------------------------------------------------------- hook and check, on the small project


class _File:
    def __init__(self, src_uri):
        self.src_uri = src_uri


class _Page:
    def __init__(self, src_uri):
        self.file = _File(src_uri)


def _hook():
    from scripts.build import tables

    return tables.Tables()


def _config(root: Path) -> dict:
    return {"config_file_path": str(root / "mkdocs.yml")}


def test_hook_replaces_marker_and_rejects_unknown_table(tmp_path):
    root = small_project.make(tmp_path)
    out = _hook().on_page_markdown("# T\n\n<!-- tabel: vervolgstappen -->\n", _Page("x.md"), _config(root), None)
    assert "<!--" not in out and "| VS-01 |" in out
    with pytest.raises(PluginError, match=r"docs/x\.md:3: onbekende tabel 'bestaat-niet'"):
        _hook().on_page_markdown("# T\n\n<!-- tabel: bestaat-niet -->\n", _Page("x.md"), _config(root), None)


def test_hook_stops_on_bad_data(tmp_path):
    steps = small_project.FILES["regio/data/vervolgstappen.yml"].replace("status: gepland", "status: klaar")
    root = small_project.make(tmp_path, {"regio/data/vervolgstappen.yml": steps})
    with pytest.raises(PluginError, match=r"regio/data/vervolgstappen\.yml:4: stap 'VS-01': onbekende status 'klaar'"):
        _hook().on_page_markdown("<!-- tabel: vervolgstappen -->\n", _Page("x.md"), _config(root), None)


def test_check_fails_on_planted_bad_status_with_file_and_line(tmp_path):
    steps = small_project.FILES["regio/data/vervolgstappen.yml"].replace("status: gepland", "status: bijna-klaar")
    root = small_project.make(tmp_path, {"regio/data/vervolgstappen.yml": steps})
    run = small_project.run_check(root)
    assert run.returncode == 1
    assert "regio/data/vervolgstappen.yml:4: stap 'VS-01': onbekende status 'bijna-klaar'" in run.stdout


def test_check_flags_an_unknown_marker_with_file_and_line(tmp_path):
    page = small_project.front("Stappen") + "<!-- tabel: vervolgstappen -->\n\n<!-- tabel: onbekend -->\n"
    root = small_project.make(tmp_path, {"docs/regio/conferentie/vervolgstappen.md": page})
    from scripts.checks import register_data as check_module  # the project's own check module

    problems = check_module.check(Project(root, TODAY))
    line = small_project.line_of(root, "docs/regio/conferentie/vervolgstappen.md", "tabel: onbekend")
    assert [str(p) for p in problems] == [
        f"docs/regio/conferentie/vervolgstappen.md:{line}: " + registers.unknown_marker_message("onbekend")
    ]


@pytest.mark.parametrize("contact", ["j.jansen@school.nl", "mevrouw, toestel 4411"])
def test_a_contact_with_contact_details_fails_at_its_line(tmp_path, contact):
    """A contact is a role, reached through the fields for phone and website."""
    kaart_text = small_project.FILES["regio/data/sociale-kaart.yml"] + f"  contactpersoon: {contact}\n"
    root = small_project.make(tmp_path, {"regio/data/sociale-kaart.yml": kaart_text})
    run = small_project.run_check(root)
    assert run.returncode == 1
    line = small_project.line_of(root, "regio/data/sociale-kaart.yml", "contactpersoon:")
    assert f"regio/data/sociale-kaart.yml:{line}: veld 'contactpersoon' noemt een rol" in run.stdout


def test_a_contact_that_is_a_role_passes(tmp_path):
    kaart_text = small_project.FILES["regio/data/sociale-kaart.yml"] + "  contactpersoon: de aandachtsfunctionaris\n"
    assert small_project.run_check(small_project.make(tmp_path, {"regio/data/sociale-kaart.yml": kaart_text})).returncode == 0


# --------------------------------------------------------------------------- the built site


def _article(built_site: Path, page: str) -> str:
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    return re.search(r"<article.*?</article>", html, re.S).group(0)


def test_vervolgstappen_table_in_built_site(built_site):
    article = _article(built_site, "regio/conferentie/vervolgstappen")
    assert "tabel:" not in article
    table = re.search(r"<table>.*?</table>", article, re.S).group(0)
    loaded = registers.load_vervolgstappen(root=ROOT)
    for entry in loaded.entries:
        row = re.search(rf"<tr>\s*<td>{entry.values['id']}</td>.*?</tr>", table, re.S)
        assert row, entry.values["id"]
        day = registers.dutch_date(registers.parse_date(entry.values["bijgewerkt"]))
        assert f"<strong>{entry.values['status']}</strong><br>{day}" in row.group(0)
        if content_model.PLACEHOLDER_RE.search(entry.values["toelichting"]):
            assert '<span class="nog-in-te-vullen">' in row.group(0)
    legend = article[article.index("Wat betekent de status?"):]
    for status in registers.STATUSES:
        assert f"<strong>{status}</strong>" in legend


def test_sociale_kaart_tables_in_built_site(built_site):
    article = _article(built_site, "regio/samenwerking/sociale-kaart")
    assert "tabel:" not in article
    loaded = registers.load_sociale_kaart(root=ROOT)
    for gemeente in {e.values["gemeente"] for e in loaded.entries}:
        assert f">{registers.GEMEENTE_TITLES.get(gemeente, gemeente)}<" in article
    for e in loaded.entries:
        number = e.values.get("telefoon")
        if number and not registers.is_placeholder(number):
            # In its route's telephone cell, the number as written, the tel: link the phone rule gives it
            # (scripts/model/phones.py: +31..., or a local number with phone-context for 14 070).
            calls = re.findall(r'<td data-label="Telefoon">.*?<a [^>]*href="(tel:[^"]+)"[^>]*>([^<]*)</a>', article)
            assert any(text == number and href == phones.parse(number).href for href, text in calls), (number, calls)
    assert article.count('class="nog-in-te-vullen"') >= loaded.placeholders()


def test_a_stale_gepland_step_is_a_notice_never_an_error(tmp_path):
    """Time alone never turns a merge request red: a 'gepland' step not checked for over a year
    is reported to look at, with its line, and the register still builds."""
    (tmp_path / "regio" / "data").mkdir(parents=True, exist_ok=True)
    (tmp_path / "regio" / "data" / "vervolgstappen.yml").write_text(GOOD_STEP, encoding="utf-8")
    checked = dt.date(2026, 10, 1)  # GOOD_STEP's bijgewerkt
    loaded = registers.load_vervolgstappen(root=tmp_path, today=checked + dt.timedelta(days=registers.GEPLAND_GELDIG_DAGEN + 1))
    assert loaded.problems == []
    assert [(n.path, n.line) for n in loaded.notices] == [("regio/data/vervolgstappen.yml", 4)]
    assert "langer dan een jaar geleden" in loaded.notices[0].message
    fresh = registers.load_vervolgstappen(root=tmp_path, today=checked + dt.timedelta(days=registers.GEPLAND_GELDIG_DAGEN))
    assert fresh.problems == [] and fresh.notices == []
