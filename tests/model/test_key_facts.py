"""Key facts (config/kernfeiten.yml): a statement with another value fails with file and line;
the right value, the same value in words and text inside a code block pass; a broken fact
table is reported with its own line. The planted values are derived from the real table, so
the tests follow when the law (and the table) changes."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from scripts.model import key_facts

from conftest import ROOT


def make_root(tmp_path: Path, page: str, table: str | None = None) -> Path:
    root = tmp_path / "root"
    (root / "config").mkdir(parents=True)
    (root / "regio" / "data").mkdir(parents=True)
    (root / "docs" / "conferentie").mkdir(parents=True)
    (root / "docs" / "conferentie" / "werkgroepen.md").write_text("# Werkgroepen\n", encoding="utf-8")
    for cited in re.findall(r"^\s+pagina: (\S+)$", (ROOT / key_facts.CONFIG).read_text(encoding="utf-8"), re.M):
        (root / "docs" / cited).parent.mkdir(parents=True, exist_ok=True)  # pages the real table names as source
        (root / "docs" / cited).write_text("# Bron\n", encoding="utf-8")
    shutil.copy(ROOT / "regio" / "data" / "sociale-kaart.yml", root / "regio" / "data")
    if table is None:
        shutil.copy(ROOT / key_facts.CONFIG, root / key_facts.CONFIG)
    else:
        (root / key_facts.CONFIG).write_text(table, encoding="utf-8")
    (root / "docs" / "pagina.md").write_text(page, encoding="utf-8")
    return root


def real_fact(fact_id: str) -> key_facts.Fact:
    facts, problems = key_facts.load(ROOT)
    assert not problems, problems
    return next(f for f in facts if f.id == fact_id)


def test_real_table_loads_and_every_fact_has_a_value_per_placeholder():
    facts, problems = key_facts.load(ROOT)
    assert problems == []
    assert facts
    for fact in facts:
        assert fact.pattern.groups == len(fact.values) > 0


def test_other_value_fails_with_file_and_line(tmp_path):
    hours, weeks = (int(v) for v in real_fact("verzuim-16-uur").values)
    page = f"# Verzuim\n\nGoed: bij {hours} uur verzuim in {weeks} weken meldt de school.\n" \
           f"Fout: bij {hours + 1} uur verzuim in {weeks} weken meldt de school.\n"
    problems = key_facts.check(make_root(tmp_path, page))
    assert [(p.path, p.line) for p in problems] == [("docs/pagina.md", 4)]
    assert "verzuim-16-uur" in problems[0].message and str(hours) in problems[0].message


def test_value_in_words_counts_as_the_same_value(tmp_path):
    words = {v: k for k, v in key_facts.WORDS.items() if k not in ("eén", "één")}
    hours, weeks = (int(v) for v in real_fact("verzuim-16-uur").values)
    page = f"Bij {words[hours]} uur verzuim in {words[weeks]} lesweken.\nBij {words[hours]} uur verzuim in {words[weeks + 1]} lesweken.\n"
    problems = key_facts.check(make_root(tmp_path, page))
    assert [p.line for p in problems] == [2]


def test_phone_number_comes_from_the_sociale_kaart(tmp_path):
    right = real_fact("nummer-veilig-thuis").values[0]
    wrong = "0800" + str((int(right[-4:]) + 1) % 10000).zfill(4)
    page = f"Bel Veilig Thuis: 0{right}.\n\nBel Veilig Thuis op {wrong[:4]}-{wrong[4:]}.\n"
    problems = key_facts.check(make_root(tmp_path, page))
    assert [p.line for p in problems] == [3]


def test_code_blocks_are_not_read(tmp_path):
    hours, weeks = (int(v) for v in real_fact("verzuim-16-uur").values)
    page = f"Voorbeeld voor redacteuren:\n\n```\nbij {hours + 5} uur verzuim in {weeks} weken\n```\n"
    assert key_facts.check(make_root(tmp_path, page)) == []


def test_question_banks_and_rules_are_read(tmp_path):
    hours, weeks = (int(v) for v in real_fact("verzuim-16-uur").values)
    root = make_root(tmp_path, "# Leeg\n")
    (root / "quizzes").mkdir()
    (root / "quizzes" / "bank.yml").write_text(f"vragen:\n  - uitleg: Bij {hours + 2} uur verzuim in {weeks} weken.\n")
    (root / "regels").mkdir()
    (root / "regels" / "regel.md").write_text(f"Na {hours - 1} uur verzuim in {weeks} weken.\n")
    problems = key_facts.check(root)
    assert sorted((p.path, p.line) for p in problems) == [("quizzes/bank.yml", 2), ("regels/regel.md", 1)]


def test_broken_table_is_reported_with_its_line(tmp_path):
    table = """- id: a
  feit: Een feit.
  bron: {titel: Wet, url: "https://wetten.overheid.nl/x"}
  patroon: '{getal} uur'
  waarde: [1, 2]
- id: b
  feit: Een feit zonder bron.
  patroon: 'x'
- id: c
  feit: Een kapot patroon.
  bron: {titel: Wet, url: "https://wetten.overheid.nl/x"}
  patroon: '(('
  waarde: []
"""
    problems = key_facts.check(make_root(tmp_path, "# x\n", table))
    assert [(p.path, p.line) for p in problems] == [
        ("config/kernfeiten.yml", 1), ("config/kernfeiten.yml", 6), ("config/kernfeiten.yml", 9)]
    assert "1 waarde(n)" in problems[0].message and "bron" in problems[1].message


def test_the_pass_mark_fact_is_the_quiz_models():
    """The training's 80% rule is written in pages as a key fact; its value is the model's."""
    from scripts.model import quiz_model

    assert real_fact("toets-afgerond-bij-80-procent").values == [str(round(quiz_model.PASS_FRACTION * 100))]


def test_a_fact_with_an_unknown_or_missing_field_is_named_at_its_line(tmp_path):
    table = ("- id: een-feit\n  feit: Een feit.\n  bron: {titel: Wet, url: 'https://wetten.overheid.nl/BWBR0001'}\n"
             "  patroon: 'x {getal}'\n  waarde: [1]\n  kleur: rood\n"
             "- id: twee\n  feit: Nog een.\n  patroon: 'y'\n")
    _, problems = key_facts.load(make_root(tmp_path, "# Pagina\n", table))
    assert [str(p) for p in problems] == [
        "config/kernfeiten.yml:6: feit 'een-feit': onbekend veld 'kleur' (toegestaan: "
        + ", ".join(key_facts.FACT.names) + ")",
        "config/kernfeiten.yml:7: feit 'twee': veld 'bron' ontbreekt: " + key_facts.FACT.field("bron").help,
    ]


REGIONAL_FACT = """- id: uren-hotline
  feit: "De hotline van de regio is open van 8.00 tot 18.00 uur (verzonnen)."
  bron:
    titel: Een verzonnen bron
    url: https://www.example.org/hotline
  patroon: 'hotline[^.\\n]{{0,40}}?{{tijd}}\\s*tot\\s*{{tijd}}'
  waarde: ["8.00", "18.00"]
"""


def _regional(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    (root / "config").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / key_facts.CONFIG).write_text("[]\n", encoding="utf-8")
    (root / key_facts.REGIONAL).parent.mkdir()
    (root / key_facts.REGIONAL).write_text(REGIONAL_FACT.format(), encoding="utf-8")
    (root / "docs" / "p.md").write_text("# P\n\nDe hotline is open van 7.00 tot 19.00 uur.\n", encoding="utf-8")
    return root


def test_the_regions_own_facts_are_checked_and_named_by_their_file(tmp_path):
    found = [str(f) for f in key_facts.check(_regional(tmp_path))]
    assert len(found) == 1 and found[0].startswith("docs/p.md:3: kernfeit 'uren-hotline'"), found
    assert f"(zie {key_facts.REGIONAL.as_posix()}:1)" in found[0]


def test_a_regional_fact_with_a_national_id_is_named_at_its_line(tmp_path):
    root = _regional(tmp_path)
    (root / key_facts.CONFIG).write_text(REGIONAL_FACT.format(), encoding="utf-8")  # the same id, nationally
    facts, problems = key_facts.load(root)
    assert [str(p) for p in problems] == [
        f"{key_facts.REGIONAL.as_posix()}:1: feit 'uren-hotline' staat ook in {key_facts.CONFIG.as_posix()}"]
    assert [f.file for f in facts] == [key_facts.CONFIG.as_posix()]
