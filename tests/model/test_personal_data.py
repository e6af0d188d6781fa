"""The personal-data check: what it must block, what it must leave alone, and the exceptions. Phone
numbers come from the fixture allowlist of tests/phone_fixtures.py (invented numbers), never from the
real config/toegestane-nummers.txt."""
import shutil
from pathlib import Path

import pytest

import phone_fixtures as fx
from scripts.model import personal_data, phones
from scripts.checks import privacy as check_module
from scripts.model.clock import today
from scripts.model.project import Project

from conftest import ROOT
REAL = personal_data.Allowlist.load(ROOT / "config")  # for its e-mail domains only
ALLOW = personal_data.Allowlist(phones.Allowlist(tuple(phones.parse(w) for w, _n, _a in fx.NUMBERS)), REAL.domains)


def kinds(line: str) -> list[str]:
    return [kind for kind, _ in personal_data.scan_line(line, ALLOW)]


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Het BSN van de leerling is 111222333.", "BSN"),
        ("bsn: 1112.22.333", "BSN"),
        ("Bel mij op 06-12345678.", "telefoonnummer"),
        ("Telefoon +31 20 123 4567", "telefoonnummer"),
        ("(070) 765 43 21", "telefoonnummer"),
        ("Mail naar jan.jansen@gmail.com voor info.", "e-mailadres"),
        ("Stuur het naar [de mentor](mailto:p.devries@hotmail.nl).", "e-mailadres"),
        ("Hij is geboren op 12-03-2009 in Leiden.", "geboortedatum"),
        ("Leerling X, geb. 12-03-2009", "geboortedatum"),
        ("Geboortedatum: 12 maart 2009", "geboortedatum"),
        ("geboortedatum 2009-03-12", "geboortedatum"),
        ("Hij woont aan de Dorpsstraat 12, 1234 AB Voorbeeldstad.", "adres met postcode en huisnummer"),
        ("Adres: Laan van Meerdervoort 5a 2517 AB", "adres met postcode en huisnummer"),
        ("postcode 2591 AB 12", "adres met postcode en huisnummer"),
        ("2591AB, huisnummer 7", "adres met postcode en huisnummer"),
    ],
)
def test_blocks_personal_data(line, kind):
    assert kind in kinds(line)


@pytest.mark.parametrize(
    "line",
    [
        "Zie artikel 3.40 lid 2 WVO 2020 en art. 8.14.",
        "Wwm, art. 26 lid 5 en artikel 54",
        "Uitspraak ECLI:NL:RBDHA:2021:12345 en ECLI:NL:GHDHA:2022:1234.",
        "De Wet van 12 maart 2020 (Stb. 2020, 123) geldt sinds 1 augustus 2021.",
        "Kamerstukken II 2021/22, 35 785, nr. 3; dossier 36 606.",
        "[Wwm, art. 2](https://wetten.overheid.nl/BWBR0008804/2024-01-01#Hoofdstuk1_Artikel2)",
        "Tussen 2019 en 2021 waren er 1.234 meldingen; in 2022 ongeveer 1500.",
        "Het spreekuur is van 09.00-17.00 uur, of om 08.30 uur.",
        '<div class="quiz" id="quiz-123456789"></div> quiz-0-1',
        f"Bel bij spoed 112, anders {fx.PAID[0]}.",
        f"Gratis: {fx.FREE[0]}. Kantoor: {fx.GEOGRAPHIC[0]} of +31 {fx.GEOGRAPHIC[0][1:]}.",
        f"Leerplicht: {fx.MUNICIPAL[0]} of {fx.MUNICIPAL_LONG[0]}; het bedrijf: {fx.COMPANY[0]}.",
        f"Hulplijn {fx.HARMONISED[0]}.",
        "Voorbeeld: info@example.org",
        "Postbus 2730, 3500 GS Utrecht",
        "Het getal 123456789 haalt de elfproef niet.",
        "Hij is geboren in 2009 en zit in klas 3.",
        "Vraag nooit naar de geboortedatum als dat niet nodig is.",
        "In 2021 en 15 andere jaren.",
        "[nog in te vullen door het SWV: telefoonnummer van de wijkagent]",
    ],
)
def test_no_false_positives(line):
    assert kinds(line) == []


def test_allowlist_reads_every_kind_of_organisation_number(tmp_path):
    allow = personal_data.Allowlist.load(fx.write_config(tmp_path / "config"))
    assert allow.phones.problems == []
    assert allow.numbers == {national for _w, national, _a in fx.NUMBERS}


def test_allowlist_refuses_mobile_numbers_non_numbers_and_entries_without_source(tmp_path):
    config = fx.write_config(tmp_path / "config")
    with open(config / personal_data.NUMBERS_FILE, "a", encoding="utf-8") as f:
        f.write(f"{fx.MOBILE}      # iemand — bron: https://example.org/a\n"
                "bel ons          # geen nummer — bron: https://example.org/b\n"
                f"{fx.OFF_THE_LIST}  # testorganisatie zonder bron\n")
    first = fx.ALLOWLIST.count("\n") + 1
    problems = [str(p) for p in personal_data.Allowlist.load(config).phones.problems]
    assert len(problems) == 3, problems
    assert problems[0].startswith(f"config/toegestane-nummers.txt:{first}: '{fx.MOBILE}' is een mobiel"), problems
    assert problems[1].startswith(f"config/toegestane-nummers.txt:{first + 1}: 'bel ons' is geen"), problems
    assert problems[2].startswith(f"config/toegestane-nummers.txt:{first + 2}: '{fx.OFF_THE_LIST}' heeft geen bron"), problems
    # A listed mobile number is still personal data on a page.
    allow = personal_data.Allowlist.load(config)
    assert kinds_with(f"Bel {fx.MOBILE}.", allow) == ["telefoonnummer"]


def kinds_with(line: str, allow) -> list[str]:
    return [kind for kind, _ in personal_data.scan_line(line, allow)]


def test_number_that_works_only_in_the_netherlands_is_not_written_with_31():
    findings = [str(f) for f in personal_data.scan_text(f"Bel +31 {fx.MUNICIPAL[0]}.\n", "docs/x.md", ALLOW)]
    assert findings == [f"docs/x.md:1: telefoonnummer '+31 {fx.MUNICIPAL[0]}' werkt alleen binnen Nederland: "
                        f"schrijf het zonder +31, zo: {fx.MUNICIPAL[0]}"]


def test_allowlisted_domain_covers_subdomains_only():
    assert ALLOW.email_ok("a@mail.example.org", "mail.example.org")
    assert not ALLOW.email_ok("a@notexample.org", "notexample.org")


def test_exception_marker_same_line_or_line_before():
    text = (
        "Bel 06-12345678 <!-- privacy-ok: verzonnen nummer uit een oefening -->\n"
        "<!-- privacy-ok: nummer van de landelijke Kindertelefoon -->\n"
        "Bel 06-12345678\n"
        "\n"
        "Bel 06-12345678\n"
    )
    findings = personal_data.scan_text(text, "docs/x.md", ALLOW)
    assert [(f.line, "(telefoonnummer)" in f.message) for f in findings] == [(5, True)]


def test_exception_marker_needs_a_reason():
    findings = personal_data.scan_text("BSN 111222333 <!-- privacy-ok: -->\n", "docs/x.md", ALLOW)
    assert any("persoonsgegeven (uitzondering zonder reden)" in f.message for f in findings)
    assert any("persoonsgegeven (BSN)" in f.message for f in findings)


def test_yaml_marker():
    text = "contact:\n  # privacy-ok: algemeen nummer van de school, gecontroleerd\n  telefoon: 070-1234567\n"
    assert personal_data.scan_text(text, "data/x.yml", ALLOW) == []


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "config", tmp_path / "config")
    fx.write_config(tmp_path / "config")  # the fixture numbers instead of the real ones
    (tmp_path / "docs" / "sectie").mkdir(parents=True)
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "regio" / "data").mkdir(parents=True)
    return tmp_path


def test_check_reports_path_and_line_in_docs_quizzes_and_data(project):
    (project / "docs" / "sectie" / "pagina.md").write_text(
        "---\ntitle: T\n---\n\nGewone tekst.\nMail p.devries@hotmail.nl\n", encoding="utf-8"
    )
    (project / "quizzes" / "vragen.md").write_text("<quiz>\nBSN 111222333?\n</quiz>\n", encoding="utf-8")
    (project / "regio" / "data" / "partners.yml").write_text("- naam: X\n  telefoon: 06-12345678\n", encoding="utf-8")
    problems = [str(p) for p in check_module.check(Project(project, today()))]
    assert len(problems) == 3, problems
    assert problems[0].startswith("docs/sectie/pagina.md:6: mogelijk persoonsgegeven (e-mailadres)")
    assert problems[1].startswith("quizzes/vragen.md:2: mogelijk persoonsgegeven (BSN)")
    assert problems[2].startswith("regio/data/partners.yml:2: mogelijk persoonsgegeven (telefoonnummer)")


def test_check_is_clean_on_clean_files(project):
    (project / "docs" / "sectie" / "pagina.md").write_text(f"Bel 112 of {fx.PAID[0]}.\n", encoding="utf-8")
    assert check_module.check(Project(project, today())) == []


def test_check_allows_listed_14_0xx_and_088_numbers_and_refuses_a_mobile_one_with_file_and_line(project):
    """The editor's edit of issue 31: a gemeente's 14 + area code number and a company's 088 number,
    each on the allowlist with its source, in a page and in a register; a 06 number is refused."""
    (project / "docs" / "sectie" / "pagina.md").write_text(
        f"---\ntitle: T\n---\n\nLeerplicht: {fx.MUNICIPAL[0]}.\nHet bedrijf: {fx.COMPANY[0]}.\n"
        f"De mentor: {fx.MOBILE}.\n", encoding="utf-8")
    (project / "regio" / "data" / "kaart.yml").write_text(
        f'- partner: Leerplicht\n  telefoon: "{fx.MUNICIPAL_LONG[0]}"\n  bron: https://example.org/bron\n'
        f'- partner: Bedrijf\n  telefoon: "{fx.COMPANY[0]}"\n  bron: https://example.org/bron\n'
        f'- partner: Iemand\n  telefoon: "{fx.MOBILE}"\n', encoding="utf-8")
    problems = [str(p) for p in check_module.check(Project(project, today()))]
    assert len(problems) == 2, problems
    assert problems[0].startswith(f"docs/sectie/pagina.md:7: mogelijk persoonsgegeven (telefoonnummer): '{fx.MOBILE}'")
    assert problems[1].startswith(f"regio/data/kaart.yml:8: mogelijk persoonsgegeven (telefoonnummer): '{fx.MOBILE}'")


def test_check_reports_bad_allowlist_lines(project):
    with open(project / "config" / personal_data.NUMBERS_FILE, "a", encoding="utf-8") as f:
        f.write(f"{fx.MOBILE}  # iemand — bron: https://example.org/\n")
    problems = [str(p) for p in check_module.check(Project(project, today()))]
    assert problems == [p for p in problems if p.startswith("config/toegestane-nummers.txt:")] and len(problems) == 1

