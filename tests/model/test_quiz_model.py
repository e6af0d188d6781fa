"""The quiz model (scripts/model/quiz_model.py) and its check on small banks planted with faults,
and the build step (scripts/build/quiz_pages.py) on a minimal MkDocs project."""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from scripts.model import quiz_model
from scripts.checks import quizzes as quizzes_check
from scripts.model.clock import today
from scripts.model.project import Project

from scripts import ROOT

PAGE = """---
title: Testmodule
description: Een module om te testen.
doelgroep: [docent]
thema: [signalering]
eigenaar: redactie SWV
laatst_gecontroleerd: 2026-11-29
duur: 20
leerdoelen: [iets leren]
quiz:
  enabled: true
  auto_submit: false
---

# Testmodule

<!-- module-feiten -->

## Toets {{#toets}}

<!-- toets: {bank} -->
"""

TARGET = """---
title: Meldcode
description: Een doelpagina.
doelgroep: [docent]
thema: [recht]
eigenaar: redactie SWV
laatst_gecontroleerd: 2026-11-29
---

# Meldcode
"""

GOOD_BANK = """\
titel: "Module T: Test"
pagina: mod/{bank}.md
vragen:
  - id: {prefix}-een
    soort: enkelvoudig
    vraag: Welke kleur heeft gras?
    opties:
      - tekst: Groen
        goed: true
      - tekst: Paars
        feedback: Nee, gras is groen.
    uitleg: Gras is groen.
    lees: wet/meldcode.md
  - id: {prefix}-meer
    soort: meervoudig
    vraag: Welke zijn getallen?
    opties:
      - tekst: Een
        goed: true
      - tekst: Twee
        goed: true
      - tekst: Appel
        feedback: Nee, een appel is fruit.
    uitleg: Een en twee zijn getallen.
    lees: [wet/meldcode.md, mod/{bank}.md#toets]
  - casus:
      id: {prefix}-casus
      titel: De test
      tekst: |
        Deze casus is verzonnen.

        Er gebeurt iets.
      vragen:
        - id: {prefix}-casus-1
          soort: invullen
          vraag: Het nummer is ___.
          antwoord: "112"
          uitleg: Bel 112.
          lees: wet/meldcode.md
        - id: {prefix}-casus-2
          soort: enkelvoudig
          vraag: En dan?
          opties:
            - tekst: Melden
              goed: true
            - tekst: Niets
              feedback: Nee, je meldt het.
          uitleg: Je meldt het.
          lees: wet/meldcode.md
"""


def make_root(tmp_path: Path, banks: dict) -> Path:
    """A project root with docs/ (a target page and one module page per bank) and quizzes/."""
    (tmp_path / "docs" / "wet").mkdir(parents=True)
    (tmp_path / "docs" / "mod").mkdir()
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "docs" / "wet" / "meldcode.md").write_text(TARGET, encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(TARGET.replace("Meldcode", "Start"), encoding="utf-8")
    for name, text in banks.items():
        (tmp_path / "docs" / "mod" / f"{name}.md").write_text(PAGE.format(bank=name), encoding="utf-8")
        (tmp_path / "quizzes" / f"{name}.yml").write_text(text, encoding="utf-8")
    return tmp_path


def good(name: str = "test", prefix: str = "t") -> str:
    return GOOD_BANK.format(bank=name, prefix=prefix)


def problems_of(tmp_path: Path, text: str) -> list[str]:
    root = make_root(tmp_path, {"test": text})
    _, problems = quiz_model.load_banks(root)
    return [str(p) for p in problems]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return lines[nth - 1]


# --- the check of the banks (scripts/checks/quizzes.py) ----------------------------------


def test_a_badge_naming_no_bank_fails_with_file_and_line(tmp_path):
    root = make_root(tmp_path, {"test": good()})
    page = root / "docs" / "mod" / "index.md"
    page.write_text("# Modules\n\nTekst.\n<span class=\"module-status\" data-module=\"bestaat-niet\">x</span>\n\n"
                    + INDEX_ROW, encoding="utf-8")
    problems = [str(p) for p in quizzes_check.check(Project(root, today()))]
    assert problems == [f"docs/mod/index.md:4: module 'bestaat-niet' heeft geen vragenbank: kies uit test "
                        f"(de naam van een bestand in quizzes/ zonder .yml)"]


def test_short_feedback_on_a_wrong_answer_fails_at_the_option(tmp_path):
    root = make_root(tmp_path, {"test": good().replace("feedback: Nee, gras is groen.", "feedback: Nee.")})
    problems = [str(p) for p in quizzes_check.check(Project(root, today()))]
    line = line_of(good(), "- tekst: Paars")
    assert problems == [f"quizzes/test.yml:{line}: de feedback bij het foute antwoord 'Paars' is te kort: "
                        "leg in een zin uit waarom het niet klopt"]


def test_a_bank_renders_one_quiz_per_question_with_page_relative_links(tmp_path):
    root = make_root(tmp_path, {"test": good()})
    [bank], problems = quiz_model.load_banks(root)
    assert problems == []
    md = quiz_model.render_bank(bank, bank.page, root / "docs")
    assert md.count("<quiz>") == md.count("</quiz>") == len(bank.questions)
    assert "](../wet/meldcode.md" in md  # relative to the module page in docs/mod/
    assert "](wet/" not in md  # docs-relative paths are never left as they are


def test_check_module_passes_on_the_real_project():
    assert quizzes_check.check(Project(ROOT, today())) == []


# --- planted faults: each gives path:line: message --------------------------------------


def test_good_bank_has_no_problems(tmp_path):
    assert problems_of(tmp_path, good()) == []


def test_no_correct_answer(tmp_path):
    text = good().replace("        goed: true\n      - tekst: Paars", "      - tekst: Paars", 1)
    problems = problems_of(tmp_path, text)
    first_option = next(i for i, line in enumerate(text.splitlines(), 1) if "tekst: Groen" in line)
    assert (f"quizzes/test.yml:{first_option}: vraag 't-een': geen enkele optie is goed; "
            "zet 'goed: true' bij het juiste antwoord") in problems, problems


def test_single_choice_with_two_correct_answers(tmp_path):
    text = good().replace("        feedback: Nee, gras is groen.", "        goed: true", 1)
    problems = problems_of(tmp_path, text)
    want = f"quizzes/test.yml:{line_of(text, 'tekst: Groen')}: vraag 't-een': enkelvoudige vraag met 2 goede opties"
    assert any(p.startswith(want) for p in problems), problems


def test_duplicate_id_in_one_bank(tmp_path):
    text = good().replace("id: t-meer", "id: t-een")
    problems = problems_of(tmp_path, text)
    assert any(
        p.startswith(f"quizzes/test.yml:{line_of(text, 'id: t-een', 2)}: id 't-een' bestaat al (quizzes/test.yml:")
        for p in problems
    ), problems


def test_duplicate_id_across_banks(tmp_path):
    root = make_root(tmp_path, {"aa": good("aa", "x"), "bb": good("bb", "x")})
    _, problems = quiz_model.load_banks(root)
    messages = [str(p) for p in problems]
    assert any(m.startswith("quizzes/bb.yml:") and "id 'x-een' bestaat al (quizzes/aa.yml:" in m for m in messages)


def test_unknown_field(tmp_path):
    text = good().replace("    uitleg: Gras is groen.", "    uitleg: Gras is groen.\n    hint: kijk naar buiten")
    problems = problems_of(tmp_path, text)
    assert f"quizzes/test.yml:{line_of(text, 'hint:')}: vraag: onbekend veld 'hint'" in " ".join(problems)


def test_broken_page_link(tmp_path):
    text = good().replace("    lees: wet/meldcode.md\n  - id: t-meer", "    lees: wet/bestaat-niet.md\n  - id: t-meer")
    problems = problems_of(tmp_path, text)
    assert f"quizzes/test.yml:{line_of(text, 'bestaat-niet')}: vraag 't-een': pagina 'docs/wet/bestaat-niet.md' bestaat niet" in problems


def test_empty_and_missing_feedback_and_explanation(tmp_path):
    text = good().replace("feedback: Nee, gras is groen.", 'feedback: ""').replace("uitleg: Een en twee zijn getallen.", "uitleg: ' '")
    text = text.replace("        feedback: Nee, een appel is fruit.\n", "")
    problems = " | ".join(problems_of(tmp_path, text))
    assert "veld 'feedback' is leeg" in problems
    assert "veld 'uitleg' is leeg" in problems
    assert "optie 'Appel' is fout maar heeft geen 'feedback'" in problems


def test_duplicate_options(tmp_path):
    text = good().replace("      - tekst: Twee\n", "      - tekst: een\n")
    problems = problems_of(tmp_path, text)
    assert any("optie 'een' staat er twee keer" in p for p in problems), problems


def test_casus_must_say_it_is_invented(tmp_path):
    problems = problems_of(tmp_path, good().replace("Deze casus is verzonnen.", "Dit gebeurde echt."))
    assert any("moet zeggen 'Deze casus is verzonnen.'" in p for p in problems), problems


def test_fill_in_needs_exactly_one_blank(tmp_path):
    problems = problems_of(tmp_path, good().replace("Het nummer is ___.", "Het nummer is ___ of ___."))
    assert any("precies één '___'" in p for p in problems), problems


def test_quiz_syntax_in_text_is_refused(tmp_path):
    text = good().replace("Welke kleur heeft gras?", "Welke kleur heeft [[gras]]?")
    problems = problems_of(tmp_path, text)
    assert any("'[[' en ']]' zijn voor invulvragen" in p for p in problems), problems


def test_page_without_marker(tmp_path):
    root = make_root(tmp_path, {"test": good()})
    (root / "docs" / "mod" / "test.md").write_text(PAGE.format(bank="iets-anders"), encoding="utf-8")
    _, problems = quiz_model.load_banks(root)
    assert any("toont deze toets niet: zet daar de regel <!-- toets: test -->" in str(p) for p in problems)


def test_invalid_yaml_names_the_line(tmp_path):
    text = good().replace("    vraag: Welke kleur heeft gras?", "    vraag: [Welke kleur")
    problems = problems_of(tmp_path, text)
    bad = next(i for i, line in enumerate(text.splitlines(), 1) if "[Welke kleur" in line)
    assert len(problems) == 1, problems
    line = int(re.match(r"quizzes/test\.yml:(\d+): geen geldige YAML", problems[0]).group(1))
    assert line in (bad, bad + 1)  # libyaml names the bad line or the one where it noticed


def test_export_cli_fails_with_path_and_line(tmp_path):
    root = make_root(tmp_path, {"test": good().replace("soort: meervoudig", "soort: open")})
    run = subprocess.run(
        [sys.executable, "-m", "scripts.exports.quiz_export", str(tmp_path / "uit"), "--root", str(root)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "quizzes/test.yml:" in run.stderr and "onbekende soort 'open'" in run.stderr


# --- rendering -----------------------------------------------------------------------------


def test_render_converts_links_and_blanks(tmp_path):
    root = make_root(tmp_path, {"test": good()})
    [bank], _ = quiz_model.load_banks(root)
    md = quiz_model.render_bank(bank, "mod/test.md", root / "docs")
    assert "[Meldcode](../wet/meldcode.md)" in md
    assert "[Testmodule](test.md#toets)" in md
    assert "Het nummer is [[112]]." in md
    assert "- [x] Groen\n- [ ] Paars\n> Nee, gras is groen." in md
    assert '!!! example "Casus: De test"\n    Deze casus is verzonnen.' in md
    assert "**Casus 'De test', stap 2.** En dan?" in md


def test_module_facts_show_audience_duration_and_objectives():
    meta = {"doelgroep": ["docent", "mentor"], "duur": 25, "leerdoelen": ["signalen noemen"]}
    text = quiz_model.render_module_facts(meta)
    assert "**Voor wie:** docenten en mentoren" in text
    assert "ongeveer 25 minuten" in text
    assert "- signalen noemen" in text


# --- the step in a real (minimal) build ---------------------------------------------------


def mini_project(tmp_path: Path, page_extra: str = "") -> Path:
    root = make_root(tmp_path, {"test": good()})
    (root / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""\
            site_name: Test
            site_url: https://example.org/kb/
            theme: {{name: mkdocs}}
            plugins:
              - mkdocs_quiz: {{enabled_by_default: false, language: en}}
              - kennisbank: {{steps: [quiz_pages]}}
            markdown_extensions: [admonition, attr_list, md_in_html, toc]
            validation:
              links: {{not_found: warn, unrecognized_links: warn, anchors: warn}}
            """
        ),
        encoding="utf-8",
    )
    if page_extra:
        page = root / "docs" / "mod" / "test.md"
        page.write_text(page.read_text(encoding="utf-8") + page_extra, encoding="utf-8")
    return root


def build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")],
        capture_output=True,
        text=True,
    )


def test_hook_renders_quiz_facts_and_exports(tmp_path):
    root = mini_project(tmp_path)
    run = build(root)
    assert run.returncode == 0, run.stderr
    html = (root / "site" / "mod" / "test" / "index.html").read_text(encoding="utf-8")
    bank = quiz_model.load_bank(root / "quizzes" / "test.yml", root)
    ids = re.findall(r'<div class="quiz[ "][^>]*\bid="(quiz-[\w-]+)"', html)
    assert ids == [quiz_model.question_key(q) for q in bank.questions]  # keyed by id, in bank order
    assert 'data-answer="112"' in html
    assert "Voor wie:" in html and "ongeveer 20 minuten, met een toets van 4 vragen" in html
    export = root / "site" / "signalering" / "export"
    assert (export / "test.moodle.xml").is_file() and (export / "test.gift.txt").is_file()


def test_hook_fails_on_missing_bank_naming_page_and_marker(tmp_path):
    root = mini_project(tmp_path, "\n<!-- toets: bestaat-niet -->\n")
    run = build(root)
    assert run.returncode != 0
    line = line_of((root / "docs" / "mod" / "test.md").read_text(encoding="utf-8"), "bestaat-niet")
    assert f"docs/mod/test.md:{line}: '<!-- toets: bestaat-niet -->' verwijst naar quizzes/bestaat-niet.yml" in run.stderr


def test_hook_fails_on_bad_bank(tmp_path):
    root = mini_project(tmp_path)
    bank = root / "quizzes" / "test.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("      - tekst: Paars\n", "      - tekst: Groen\n"))
    run = build(root)
    assert run.returncode != 0
    assert "quizzes/test.yml:" in run.stderr and "staat er twee keer" in run.stderr


def test_a_read_link_to_a_missing_anchor_is_reported_at_the_banks_line(tmp_path):
    text = good().replace("mod/{bank}.md#toets".format(bank="test"), "mod/test.md#bestaat-niet")
    assert "#bestaat-niet" in text
    problems = problems_of(tmp_path, text)
    line = line_of(text, "#bestaat-niet")
    assert problems == [f"quizzes/test.yml:{line}: vraag 't-meer': 'lees' wijst naar een kopje dat niet bestaat: "
                        f"docs/mod/test.md heeft geen anker '#bestaat-niet'"]


INDEX_ROW = '| [Test](test.md) | Iets | 20 min. | <span class="module-status" data-module="test">Niet begonnen</span> |\n'


@pytest.mark.parametrize("row, message", [
    ("", "de tabel met modules mist een rij voor quizzes/test.yml"),
    (INDEX_ROW.replace("20 min.", "25 min."), "de duur van module 'test' is 20 minuten"),
    (INDEX_ROW.replace('data-module="test"', 'data-module="ander"'), "deze rij mist de status van module 'test'"),
], ids=["no-row", "other-duration", "no-badge"])
def test_the_module_index_keeps_in_step_with_the_banks(tmp_path, row, message):
    """The table of modules is written by hand: make check names the row that is out of step."""
    root = make_root(tmp_path, {"test": good()})
    index = root / "docs" / "mod" / "index.md"
    index.write_text('# Modules\n\n| Module | Wat | Duur | Status |\n|---|---|---|---|\n' + row
                     + '\n<span class="module-status" data-module="test"></span>\n', encoding="utf-8")
    problems = [p for p in quizzes_check.check(Project(root, today())) if message in p.message]
    assert [(p.path, p.line) for p in problems] == [("docs/mod/index.md", 5 if row else 1)], problems
