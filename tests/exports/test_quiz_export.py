"""LMS exports (scripts/exports/quiz_export.py): Moodle XML structure and GIFT escaping, counted against the banks."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scripts.exports import quiz_export
from scripts.model import quiz_model, quiz_order
from scripts.exports import scorm_export

from conftest import ROOT
SITE = "https://example.org/kb/"

@pytest.fixture(scope="module")
def banks(banks):
    """The real banks in the site's module order, as every export lists them (quiz_order)."""
    return quiz_order.in_module_order(banks)



def url_for(path: str) -> str:
    page, _, anchor = path.partition("#")
    return SITE + page[: -len(".md")] + "/" + (f"#{anchor}" if anchor else "")


@pytest.fixture(scope="module")
def files(banks):
    return quiz_export.export_files(banks, url_for, ROOT / "docs")


def questions_by_id(banks):
    return {q.id: q for bank in banks for q in bank.questions}


# --- Moodle XML ------------------------------------------------------------------------------


def test_moodle_xml_has_exactly_the_questions_of_the_site(banks, files):
    root = ET.fromstring(files["veilig-op-school.moodle.xml"])
    assert root.tag == "quiz"
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    categories = [q for q in root.findall("question") if q.get("type") == "category"]
    assert len(categories) == len(banks)
    expected = questions_by_id(banks)
    assert [q.findtext("idnumber") for q in questions] == [q.id for b in banks for q in b.questions]
    assert len(questions) == len(expected) >= 65
    for el in questions:
        q = expected[el.findtext("idnumber")]
        assert el.findtext("name/text") == q.id
        assert el.get("type") == ("shortanswer" if q.kind == "invullen" else "multichoice")
        assert el.findtext("questiontext/text").strip()
        general = el.findtext("generalfeedback/text")
        assert "Lees meer" in general and SITE in general


def test_moodle_xml_choice_answers_carry_fractions_and_feedback(banks, files):
    expected = questions_by_id(banks)
    root = ET.fromstring(files["veilig-op-school.moodle.xml"])
    for el in root.findall("question[@type='multichoice']"):
        q = expected[el.findtext("idnumber")]
        answers = el.findall("answer")
        assert len(answers) == len(q.options)
        assert el.findtext("single") == ("true" if q.kind == "enkelvoudig" else "false")
        right = [float(a.get("fraction")) for a in answers if float(a.get("fraction")) > 0]
        assert len(right) == len(q.correct_options)
        assert sum(right) == pytest.approx(100, abs=0.001)
        for answer, option in zip(answers, quiz_order.options_in_order(q)):
            if not option.correct:
                assert float(answer.get("fraction")) <= 0
                assert option.feedback and option.feedback.split()[0] in answer.findtext("feedback/text")


def test_moodle_xml_short_answers_match_the_banks(banks, files):
    expected = questions_by_id(banks)
    root = ET.fromstring(files["veilig-op-school.moodle.xml"])
    short = root.findall("question[@type='shortanswer']")
    assert len(short) == sum(q.kind == "invullen" for q in expected.values()) >= 5
    for el in short:
        q = expected[el.findtext("idnumber")]
        assert el.findtext("usecase") == "0"  # not case sensitive, as on the site
        assert [a.findtext("text") for a in el.findall("answer")] == [q.answer]


def test_per_module_files_split_the_same_questions(banks, files):
    for bank in banks:
        root = ET.fromstring(files[f"{bank.name}.moodle.xml"])
        ids = [q.findtext("idnumber") for q in root.findall("question") if q.get("type") != "category"]
        assert ids == [q.id for q in bank.questions]
        assert count_gift_questions(files[f"{bank.name}.gift.txt"]) == len(bank.questions)


def test_casus_questions_carry_the_casus_text(banks, files):
    case_questions = [q for b in banks for q in b.questions if q.case]
    assert case_questions
    root = ET.fromstring(files["veilig-op-school.moodle.xml"])
    texts = {el.findtext("idnumber"): el.findtext("questiontext/text") for el in root.findall("question")}
    for q in case_questions:
        assert "Deze casus is verzonnen." in texts[q.id]
        assert f"Stap {q.step}." in texts[q.id]


# --- GIFT -------------------------------------------------------------------------------------


def test_gift_escape_special_characters():
    assert quiz_export.gift_escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert quiz_export.gift_escape("gewone tekst") == "gewone tekst"


def split_unescaped(text: str, char: str) -> list[str]:
    return re.split(r"(?<!\\)" + re.escape(char), text)


def count_gift_questions(text: str) -> int:
    blocks = [b for b in text.split("\n\n") if b.strip().startswith("::")]
    return len(blocks)


def gift_answer_block(question_text: str) -> str:
    """The part between the one unescaped { and the one unescaped }; fails if there are more."""
    opening = split_unescaped(question_text, "{")
    assert len(opening) == 2, question_text
    closing = split_unescaped(opening[1], "}")
    assert len(closing) == 2, question_text
    return closing[0]


def test_gift_has_one_answer_block_per_question_with_all_options(banks, files):
    expected = questions_by_id(banks)
    text = files["veilig-op-school.gift.txt"]
    blocks = [b for b in text.split("\n\n") if b.strip().startswith("::")]
    assert len(blocks) == len(expected)
    for block in blocks:
        qid = block.split("::")[1]
        q = expected[qid]
        body = gift_answer_block(block)
        lines = [line.strip() for line in body.strip().splitlines()]
        answers = [line for line in lines if line and line[0] in "=~"]
        assert len(answers) == (1 if q.kind == "invullen" else len(q.options))
        assert lines[-1].startswith("####")  # general feedback with the explanation
        for line, opt in zip(answers, quiz_order.options_in_order(q)):
            has_feedback = len(split_unescaped(line, "#")) == 2
            assert has_feedback == bool(opt.feedback), (qid, line)


def test_gift_escapes_text_from_the_bank(tmp_path):
    """A bank with every GIFT control character in its texts still gives one clean answer block."""
    tricky = "Let op: a=b, ~c, #d en {e}"
    (tmp_path / "docs" / "m").mkdir(parents=True)
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "docs" / "m" / "p.md").write_text("---\ntitle: P\n---\n\n<!-- toets: t -->\n", encoding="utf-8")
    (tmp_path / "quizzes" / "t.yml").write_text(
        "titel: 'T: test'\npagina: m/p.md\nvragen:\n"
        f"  - id: t-1\n    soort: enkelvoudig\n    vraag: '{tricky}?'\n    opties:\n"
        f"      - tekst: '{tricky}'\n        goed: true\n      - tekst: Nee\n        feedback: '{tricky}.'\n"
        f"    uitleg: '{tricky}.'\n    lees: m/p.md\n",
        encoding="utf-8",
    )
    banks, problems = quiz_model.load_banks(tmp_path)
    assert problems == []
    gift = quiz_export.gift(banks, url_for, tmp_path / "docs")
    block = [b for b in gift.split("\n\n") if b.startswith("::")][0]
    assert "a\\=b, \\~c, \\#d en \\{e\\}" in block
    body = gift_answer_block(block)
    assert len([line for line in body.splitlines() if line.strip() and line.strip()[0] in "=~"]) == 2
    ET.fromstring(quiz_export.moodle_xml(banks, url_for, tmp_path / "docs"))  # still well-formed XML


# --- the built site serves the same files --------------------------------------------------------


def test_built_site_has_the_exports_linked_from_the_lms_page(built_site, banks):
    export = built_site / quiz_export.EXPORT_DIR
    root = ET.parse(export / "veilig-op-school.moodle.xml").getroot()
    ids = [q.findtext("idnumber") for q in root.findall("question") if q.get("type") != "category"]
    assert ids == [q.id for b in banks for q in b.questions]
    page = (built_site / "signalering" / "lms-export" / "index.html").read_text(encoding="utf-8")
    names = [quiz_export.ALL_NAME] + [b.name for b in banks]
    suffixes = [".moodle.xml", ".gift.txt", ".qti12.zip", ".qti21.zip", scorm_export.SUFFIX]
    expected = {name + suffix for name in names for suffix in suffixes}
    assert {p.name for p in export.iterdir()} == expected  # every module has every format, nothing else
    for name in sorted(expected):
        assert f'href="../export/{name}"' in page, f"docs/signalering/lms-export.md linkt niet naar {name}"


def test_lms_page_states_the_pass_mark_of_the_model(built_site):
    """The LMS page says the pass mark in words; it must be the one the site and the packages use."""
    page = (built_site / "signalering" / "lms-export" / "index.html").read_text(encoding="utf-8")
    stated = {int(m) for m in re.findall(r"minstens (\d+)%", page)}
    assert stated == {round(quiz_model.PASS_FRACTION * 100)}
