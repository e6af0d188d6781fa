"""The editorial rules of `make check` that used to live only in tests (issue 31): the fixed rules
of regels/ (scripts/checks/rules.py), the names that may never appear (scripts/checks/names.py) and
the weapon categories (scripts/checks/weapons.py). Each runs `python -m scripts.check --root` on a
small project of its own (tests/checks/small_project.py): the good one passes, and each planted
fault fails with its file and line."""
from __future__ import annotations

import pytest

import small_project
from small_project import RULE, line_of, make, run_check
from scripts.checks import names


def fails_at(root, *places: tuple[str, str, str]) -> None:
    """The check fails and reports each (file, needle on the line, part of the message)."""
    run = run_check(root)
    assert run.returncode == 1, run.stdout + run.stderr
    for rel, needle, message in places:
        line = line_of(root, rel, needle) if needle else 1
        reported = [out for out in run.stdout.splitlines() if out.startswith(f"{rel}:{line}: ")]
        assert any(message in out for out in reported), (rel, line, message, run.stdout)


def test_the_small_project_passes_every_check(tmp_path):
    run = run_check(make(tmp_path))
    assert run.returncode == 0, run.stdout + run.stderr
    for name in ("vaste regels", "wapentabellen", "namen van slachtoffers"):
        assert f"[ok] {name}" in run.stderr


# --------------------------------------------------------------------------- regels/


def test_a_rule_that_no_page_includes_fails_at_the_rule_and_the_register(tmp_path):
    root = make(tmp_path, {"regels/kluisjes.md": RULE})
    fails_at(root, ("regels/kluisjes.md", "", "geen pagina neemt deze vaste regel op"),
             ("docs/wetgeving/vaste-regels.md", "", "de vaste regel 'kluisjes' staat niet goed"))


def test_a_rule_only_the_register_includes_fails(tmp_path):
    register = small_project.FILES["docs/wetgeving/vaste-regels.md"]
    root = make(tmp_path, {
        "regels/kluisjes.md": RULE,
        "docs/wetgeving/vaste-regels.md": register + '\n## Kluisjes {#kluisjes}\n\n--8<-- "kluisjes.md"\n',
    })
    fails_at(root, ("regels/kluisjes.md", "", "alleen docs/wetgeving/vaste-regels.md telt niet mee"))


def test_a_rule_without_its_anchor_on_the_register_fails_at_its_include(tmp_path):
    register = small_project.FILES["docs/wetgeving/vaste-regels.md"].replace(" {#tas-jas-zakken}", "")
    root = make(tmp_path, {"docs/wetgeving/vaste-regels.md": register})
    fails_at(root, ("docs/wetgeving/vaste-regels.md", '--8<-- "tas-jas-zakken.md"', "{#tas-jas-zakken}"))


@pytest.mark.parametrize("text, needle, message", [
    ("# Tas\n\n" + RULE, "# Tas", "een vaste regel heeft geen kop"),
    (RULE + "- Zie [de pagina](../wetgeving/wapens.md).\n", "../wetgeving", "moet een volledige https-link zijn"),
    ("- Een regel zonder bron.\n", "", "de bron ontbreekt"),
    ("\n\n", "", "de vaste regel is leeg"),
], ids=["heading", "relative-link", "no-source", "empty"])
def test_a_badly_written_rule_fails_at_its_line(tmp_path, text, needle, message):
    root = make(tmp_path, {"regels/tas-jas-zakken.md": text})
    fails_at(root, ("regels/tas-jas-zakken.md", needle, message))


def test_a_second_wording_that_contradicts_a_rule_fails_in_pages_and_banks(tmp_path):
    page = small_project.front("Test", extra="zoekwoorden: [zakken leegmaken]\n") + (
        "Je mag een leerling wel vragen zijn zakken leeg te maken.\n\n"
        "```text\nzakken leeg maken: zo schrijf je het niet\n```\n\n"
        "Het kluisje blijft van de school.\n")
    bank = "titel: Test\nvragen:\n  - vraag: Mag je de tas doorzoeken tegen de wil van de leerling?\n"
    root = make(tmp_path, {"docs/handelen/test.md": page, "quizzes/test.yml": bank})
    fails_at(root, ("docs/handelen/test.md", "zijn zakken leeg", '"tas-jas-zakken.md"'),
             ("docs/handelen/test.md", "kluisje blijft", '"kluisjes.md"'),
             ("quizzes/test.yml", "tegen de wil", '"tas-jas-zakken.md"'))
    reported = run_check(root).stdout
    # The search word in the front matter and the example in a code block are no statements.
    assert f"docs/handelen/test.md:{line_of(root, 'docs/handelen/test.md', 'zakken leegmaken')}:" not in reported
    assert f"docs/handelen/test.md:{line_of(root, 'docs/handelen/test.md', 'zo schrijf je')}:" not in reported


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize("text", [
    "In de clip was TESTNAAM vóórbeeldig te zien.\n",
    "Een verdachte (Testnaam\nVoorbeeldig) werd aangehouden.\n",
], ids=["case-and-accents", "across-a-line-break"])
def test_a_listed_name_fails_at_its_line(tmp_path, text):
    page = small_project.front("Nieuws") + "Eerste regel.\n\n" + text
    root = make(tmp_path, {"docs/nieuws.md": page})
    needle = text.split()[3] if "TESTNAAM" in text else "(Testnaam"
    fails_at(root, ("docs/nieuws.md", needle, "een naam van de lijst met namen die nooit op de site mogen"))
    assert "oorbeeldig" not in run_check(root).stdout.lower()  # the place is named, never the words


def test_a_name_in_a_register_fails_too(tmp_path):
    kaart = small_project.FILES["regio/data/sociale-kaart.yml"].replace("Zorgen over thuis.", "Vraag naar testnaam voorbeeldig.")
    root = make(tmp_path, {"regio/data/sociale-kaart.yml": kaart})
    fails_at(root, ("regio/data/sociale-kaart.yml", "testnaam", "nooit op de site mogen"))


def test_a_name_written_out_in_the_list_fails_at_its_line(tmp_path):
    listed = small_project.FILES["config/verboden-namen.txt"] + "Jan Jansen\n"
    root = make(tmp_path, {"config/verboden-namen.txt": listed})
    fails_at(root, ("config/verboden-namen.txt", "Jan Jansen", "hier staat geen hash"))


def test_the_hash_of_a_name_ignores_case_accents_spacing_and_punctuation():
    assert names.name_hash("  Testnaam   Vóórbeeldig. ") == names.name_hash("testnaam voorbeeldig")
    assert len(names.name_hash("x")) == 64


# --------------------------------------------------------------------------- weapon categories


def wapens(old: str, new: str) -> dict[str, str]:
    text = small_project.FILES["docs/wetgeving/wapens.md"]
    assert old in text
    return {"docs/wetgeving/wapens.md": text.replace(old, new, 1)}


@pytest.mark.parametrize("old, new, needle, message", [
    ("| Vlindermes | I |", "| Vlindermes | II |", "| Vlindermes", "'vlindermes' valt volgens de Wet wapens en munitie in categorie I"),
    ("| Keukenmes | Geen vaste categorie; soms IV |", "| Keukenmes | IV |", "| Keukenmes", "'keukenmes' heeft geen vaste categorie"),
    ("Altijd verboden. | [Wwm, art. 2](https://wetten.overheid.nl/BWBR0008804/2026-07-01#Artikel2)",
     "Altijd verboden. | Wwm, art. 2", "| Vlindermes", "deze rij linkt niet naar het artikel"),
], ids=["wrong-category", "no-fixed-category", "no-article"])
def test_a_weapons_table_row_fails_at_its_line(tmp_path, old, new, needle, message):
    root = make(tmp_path, wapens(old, new))
    fails_at(root, ("docs/wetgeving/wapens.md", needle, message))


def test_a_wapenstok_in_brackets_is_an_explanation_not_the_item(tmp_path):
    """The good project's taser row says '(ook een elektrische wapenstok)': no finding (category II)."""
    root = make(tmp_path)
    assert "elektrische wapenstok" in (root / "docs/wetgeving/wapens.md").read_text(encoding="utf-8")
    assert run_check(root).returncode == 0


def test_a_bad_line_in_the_category_list_fails_at_its_line(tmp_path):
    listed = small_project.FILES["config/wapencategorieen.txt"] + "werpmes V\n"
    root = make(tmp_path, {"config/wapencategorieen.txt": listed})
    fails_at(root, ("config/wapencategorieen.txt", "werpmes", "schrijf per regel één woord en een categorie"))


# --------------------------------------------------------------------------- handelen


SITUATION = "docs/handelen/tas.md"
CARD = "docs/handelen/stapkaarten/tas.md"


@pytest.mark.parametrize("old, new, message", [
    ("1. Vraag", "- Vraag", "genummerde stappen"),
    ("## Wie doet wat?", "## Verder", "zegt wie wat doet"),
    ("../wetgeving/wapens.md", "../index.md", "linkt naar een juridische pagina"),
    ("../regio/samenwerking/sociale-kaart.md", "../index.md", "linkt naar de sociale kaart of de partners"),
    ("../convenanten/protocol.md", "../index.md", "linkt naar een sjabloon"),
], ids=["steps", "roles", "legal-page", "partners", "template"])
def test_a_situation_page_without_its_parts_is_a_notice_at_its_title(tmp_path, old, new, message):
    """A notice, not an error: a page just made with `make pagina sectie=handelen` must pass."""
    text = small_project.FILES[SITUATION]
    assert old in text
    root = make(tmp_path, {SITUATION: text.replace(old, new)})
    run = run_check(root)
    assert run.returncode == 0, run.stdout
    line = line_of(root, SITUATION, "# Een tas controleren")
    assert any(out.startswith(f"{SITUATION}:{line}: ") and message in out for out in run.stderr.splitlines()), run.stderr


def test_a_card_with_a_rule_its_page_does_not_include_fails_at_the_include(tmp_path):
    card = small_project.FILES[CARD] + '\n2. Open het kluisje.\n\n    --8<-- "kluisjes.md"\n'
    register = small_project.FILES["docs/wetgeving/vaste-regels.md"] + '\n## Kluisjes {#kluisjes}\n\n--8<-- "kluisjes.md"\n'
    root = make(tmp_path, {CARD: card, "regels/kluisjes.md": RULE, "docs/wetgeving/vaste-regels.md": register})
    fails_at(root, (CARD, '"kluisjes.md"', f"de stapkaart neemt de vaste regel 'kluisjes.md' op, maar {SITUATION} niet"))


def test_a_card_without_a_link_to_its_page_fails(tmp_path):
    card = small_project.FILES[CARD].replace("[Een tas controleren](../tas.md)", "de situatiepagina")
    root = make(tmp_path, {CARD: card})
    fails_at(root, (CARD, "# Stapkaart", "een stapkaart linkt naar de situatiepagina die ze samenvat"))
