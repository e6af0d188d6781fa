"""One model, six outputs: the site, Moodle XML, GIFT, QTI 1.2, QTI 2.1 and SCORM agree on every module.

Each output is read back on its own terms (site HTML, Moodle XML, GIFT through gift-pegjs, the QTI
manifests and items, the SCORM page's question data) into the same shape: per module, in order,
(question id, kind, right answers as option positions or the fill-in answer). Each must equal what
the quiz model says. Nothing here is a pinned number.
"""
from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import lxml.html
import pytest

from scripts.exports import qti_export
from scripts.exports import quiz_export
from scripts.model import quiz_model, quiz_order
from scripts.exports import scorm_export
from test_lms_gift import gift_parse

from conftest import ROOT
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
Q12 = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
Q21 = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"

@pytest.fixture(scope="module")
def banks(banks):
    """The real banks in the site's module order, as every export lists them (quiz_order)."""
    return quiz_order.in_module_order(banks)



def from_model(bank) -> list:
    out = []
    for q in bank.questions:
        options = quiz_order.options_in_order(q)  # the order every output shows
        right = [q.answer] if q.kind == "invullen" else [i for i, o in enumerate(options) if o.correct]
        out.append((q.id, q.kind, right))
    return out


def positions(flags) -> list:
    return [i for i, flag in enumerate(flags) if flag]


# --- readers, one per format ---------------------------------------------------------------------


def from_site(built_site: Path, bank) -> list:
    page = built_site / bank.page.replace(".md", "") / "index.html"
    doc = lxml.html.parse(str(page)).getroot()
    out = []
    for quiz in doc.xpath("//div[contains(concat(' ', @class, ' '), ' quiz ')][starts-with(@id, 'quiz-')]"):
        qid = quiz.get("id")[len("quiz-"):]
        blanks = quiz.xpath(".//input[contains(@class, 'quiz-blank-input')]")
        if blanks:
            out.append((qid, "invullen", [b.get("data-answer") for b in blanks]))
            continue
        inputs = quiz.xpath(".//input[@name='answer']")
        kind = "enkelvoudig" if inputs[0].get("type") == "radio" else "meervoudig"
        out.append((qid, kind, positions(i.get("data-correct") == "true" for i in inputs)))
    return out


def from_moodle(xml: str) -> list:
    out = []
    for el in ET.fromstring(xml).findall("question"):
        if el.get("type") == "category":
            continue
        answers = el.findall("answer")
        if el.get("type") == "shortanswer":
            out.append((el.findtext("idnumber"), "invullen", [a.findtext("text") for a in answers]))
            continue
        kind = "enkelvoudig" if el.findtext("single") == "true" else "meervoudig"
        out.append((el.findtext("idnumber"), kind, positions(float(a.get("fraction")) > 0 for a in answers)))
    return out


def from_gift(parsed: list) -> list:
    out = []
    for q in parsed:
        if q["type"] == "Category":
            continue
        if q["type"] == "Short":
            out.append((q["title"], "invullen", [c["text"]["text"] for c in q["choices"]]))
            continue
        weighted = any(c["weight"] is not None for c in q["choices"])
        kind = "meervoudig" if weighted else "enkelvoudig"
        right = [(c["weight"] or 0) > 0 if weighted else c["isCorrect"] for c in q["choices"]]
        out.append((q["title"], kind, positions(right)))
    return out


def _zip(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _items(files: dict, item_type: str) -> list:
    manifest = ET.fromstring(files["imsmanifest.xml"])
    return [r.get("href") for r in manifest.iter(CP + "resource") if r.get("type") == item_type]


def from_qti12(data: bytes, ids: dict) -> list:
    files = _zip(data)
    out = []
    for href in _items(files, "imsqti_item_xmlv1p2"):
        item = ET.fromstring(files[href]).find(f"{Q12}item")
        right = []
        for cond in item.iter(f"{Q12}respcondition"):
            setvar = cond.find(f"{Q12}setvar")
            if setvar is None or float(setvar.text) <= 0:
                continue  # a condition that only shows feedback
            for test in cond.find(f"{Q12}conditionvar"):  # <and>: the right option and <not> any wrong one
                right += [test.text] if test.tag == f"{Q12}varequal" else [v.text for v in test.findall(f"{Q12}varequal")]
        lid = item.find(f".//{Q12}response_lid")
        if lid is None:
            out.append((ids[item.get("ident")], "invullen", right))
            continue
        choices = [label.get("ident") for label in lid.iter(f"{Q12}response_label")]
        kind = "enkelvoudig" if lid.get("rcardinality") == "Single" else "meervoudig"
        out.append((ids[item.get("ident")], kind, sorted(choices.index(r) for r in right)))
    return out


def from_qti21(data: bytes, ids: dict) -> list:
    files = _zip(data)
    out = []
    for href in _items(files, "imsqti_item_xmlv2p1"):
        item = ET.fromstring(files[href])
        right = [v.text for v in item.find(f"{Q21}responseDeclaration").iter(f"{Q21}value")]
        interaction = item.find(f".//{Q21}choiceInteraction")
        if interaction is None:
            out.append((ids[item.get("identifier")], "invullen", right))
            continue
        choices = [c.get("identifier") for c in interaction.iter(f"{Q21}simpleChoice")]
        kind = "enkelvoudig" if interaction.get("maxChoices") == "1" else "meervoudig"
        out.append((ids[item.get("identifier")], kind, sorted(choices.index(r) for r in right)))
    return out


def from_scorm(data: bytes, href: str) -> list:
    page = _zip(data)[href].decode("utf-8")
    questions = json.loads(page.split('id="toets-data">', 1)[1].split("</script>", 1)[0])["questions"]
    out = []
    for q in questions:
        if q["kind"] == "invullen":
            out.append((q["id"], "invullen", [q["answer"]]))
        else:
            out.append((q["id"], q["kind"], positions(o["correct"] for o in q["options"])))
    return out


# --- the agreement -----------------------------------------------------------------------------------


def test_every_format_has_the_same_questions_and_right_answers(built_site, banks):
    export = built_site / quiz_export.EXPORT_DIR
    ids = {qti_export.item_identifier(q.id): q.id for b in banks for q in b.questions}
    gift = gift_parse([export / f"{b.name}.gift.txt" for b in banks] + [export / f"{quiz_export.ALL_NAME}.gift.txt"])
    gift = {Path(k).name: v["questions"] for k, v in gift.items()}
    everything = []
    for bank in banks:
        expected = from_model(bank)
        everything += expected
        read = {
            "site": from_site(built_site, bank),
            "Moodle XML": from_moodle((export / f"{bank.name}.moodle.xml").read_text(encoding="utf-8")),
            "GIFT": from_gift(gift[f"{bank.name}.gift.txt"]),
            "QTI 1.2": from_qti12((export / f"{bank.name}.qti12.zip").read_bytes(), ids),
            "QTI 2.1": from_qti21((export / f"{bank.name}.qti21.zip").read_bytes(), ids),
            "SCORM": from_scorm((export / f"{bank.name}{scorm_export.SUFFIX}").read_bytes(), "index.html"),
        }
        for fmt, got in read.items():
            assert got == expected, f"{bank.name}: {fmt} wijkt af van {bank.path}"
    # The course files: all modules in the same order.
    course = quiz_export.ALL_NAME
    scorm_course = (export / f"{course}{scorm_export.SUFFIX}").read_bytes()
    read = {
        "Moodle XML": from_moodle((export / f"{course}.moodle.xml").read_text(encoding="utf-8")),
        "GIFT": from_gift(gift[f"{course}.gift.txt"]),
        "QTI 1.2": from_qti12((export / f"{course}.qti12.zip").read_bytes(), ids),
        "QTI 2.1": from_qti21((export / f"{course}.qti21.zip").read_bytes(), ids),
        "SCORM": [entry for b in banks for entry in from_scorm(scorm_course, f"{b.name}/index.html")],
    }
    for fmt, got in read.items():
        assert got == everything, f"{course}: {fmt} wijkt af van de vragenbanken"


def test_a_changed_answer_in_one_format_is_caught(built_site, banks):
    """The comparison can fail: flip the right answer of one question in Moodle XML."""
    bank = banks[0]
    q = next(q for q in bank.questions if q.kind == "enkelvoudig")
    root = ET.fromstring((built_site / quiz_export.EXPORT_DIR / f"{bank.name}.moodle.xml").read_text(encoding="utf-8"))
    el = next(e for e in root.findall("question") if e.findtext("idnumber") == q.id)
    for answer in el.findall("answer"):
        answer.set("fraction", "0" if answer.get("fraction") == "100" else "100")
    assert from_moodle(ET.tostring(root, encoding="unicode")) != from_model(bank)
