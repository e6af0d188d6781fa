"""The personal-data check: what it must block, what it must leave alone, and the exceptions."""
import shutil
from pathlib import Path

import pytest

from scripts.model import personal_data
from scripts.checks import privacy as check_module
from scripts.model.clock import today
from scripts.model.project import Project

from scripts import ROOT
ALLOW = personal_data.Allowlist.load(ROOT / "config")


def kinds(line: str) -> list[str]:
    return [kind for kind, _ in personal_data.scan_line(line, ALLOW)]


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Het BSN van de leerling is 111222333.", "BSN"),
        ("bsn: 1112.22.333", "BSN"),
        ("Bel mij op 06-12345678.", "telefoonnummer"),
        ("Telefoon +31 20 123 4567", "telefoonnummer"),
        ("(070) 123 45 67", "telefoonnummer"),
        ("Mail naar jan.jansen@gmail.com voor info.", "e-mailadres"),
        ("Stuur het naar [de mentor](mailto:p.devries@hotmail.nl).", "e-mailadres"),
        ("Hij is geboren op 12-03-2009 in Leiden.", "geboortedatum"),
        ("Leerling X, geb. 12-03-2009", "geboortedatum"),
        ("Geboortedatum: 12 maart 2009", "geboortedatum"),
        ("geboortedatum 2009-03-12", "geboortedatum"),
        ("Hij woont aan de Dorpsstraat 12, 2591 AB Den Haag.", "adres met postcode en huisnummer"),
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
        "Bel bij spoed 112, anders de politie op 0900-8844.",
        "Veilig Thuis: 0800-2000. Meld Misdaad Anoniem: 0800-7000.",
        "De vertrouwensinspecteur: 0900-111 3111.",
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


def test_allowlisted_numbers_come_from_config():
    assert {112, 9008844, 8002000, 8007000, 9001113111} <= ALLOW.numbers
    # Each entry names its source.
    for raw in (ROOT / "config" / personal_data.NUMBERS_FILE).read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            assert "bron: https://" in raw, raw


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
    (tmp_path / "docs" / "sectie").mkdir(parents=True)
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "data").mkdir()
    return tmp_path


def test_check_reports_path_and_line_in_docs_quizzes_and_data(project):
    (project / "docs" / "sectie" / "pagina.md").write_text(
        "---\ntitle: T\n---\n\nGewone tekst.\nMail p.devries@hotmail.nl\n", encoding="utf-8"
    )
    (project / "quizzes" / "vragen.md").write_text("<quiz>\nBSN 111222333?\n</quiz>\n", encoding="utf-8")
    (project / "data" / "partners.yml").write_text("- naam: X\n  telefoon: 06-12345678\n", encoding="utf-8")
    problems = [str(p) for p in check_module.check(Project(project, today()))]
    assert len(problems) == 3, problems
    assert problems[0].startswith("data/partners.yml:2: mogelijk persoonsgegeven (telefoonnummer)")
    assert problems[1].startswith("docs/sectie/pagina.md:6: mogelijk persoonsgegeven (e-mailadres)")
    assert problems[2].startswith("quizzes/vragen.md:2: mogelijk persoonsgegeven (BSN)")


def test_check_is_clean_on_clean_files(project):
    (project / "docs" / "sectie" / "pagina.md").write_text("Bel 112 of 0900-8844.\n", encoding="utf-8")
    assert check_module.check(Project(project, today())) == []

