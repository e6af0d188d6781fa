"""QTI 1.2 and 2.1 packages of the question banks, from the quiz model.

We write the items ourselves (ElementTree), to the official schemas: IMS QTI ASI 1.2.1
(ims_qtiasiv1p2) and IMS QTI 2.1 (imsqti_v2p1). mkdocs-quiz's exporter, used before, left the
fill-in items of 1.2 invalid, scored multiple response to 99.99 and below 0, referenced no feedback,
set no FEEDBACK in 2.1 and gave the test no outcome processing (issue 35).

Mapping:
- identifiers are our stable ids: the question id for the item, ``<id>-<n>`` for option n (its place
  in the bank, so an option keeps its id when the order changes) and ``<id>-invul`` for the blank;
- options are shown in the order of every output (scripts/model/quiz_order.py), not shuffled again
  by the platform (``shuffle="No"`` / ``shuffle="false"``): the same order as on the site;
- a casus question carries the casus text, as in the Moodle/GIFT export;
- feedback: the explanation and the "Lees meer" links are the feedback ``algemeen``, shown after
  every answer; each wrong option's own feedback is shown when that option is chosen.

Scoring, the same rule as the Moodle/GIFT export (each right option 100/n %, a wrong one -100 %,
never below 0):
- QTI 1.2: SCORE 0..100. Single choice and fill-in: 100 when right. Multiple response: each right
  option ticked adds its share, but only while no wrong option is ticked; the shares add up to exactly
  100 (the last one takes the rest). So the score is never below 0, and ticking every option gives 0.
- QTI 2.1: SCORE 0..1 per item with MAXSCORE 1; for multiple response 1 only for exactly the right
  set, as on the site and in SCORM. The test sums the items' SCORE and MAXSCORE
  (outcomeProcessing).

Text: QTI 1.2 gets HTML in ``mattext texttype="text/html"``; QTI 2.1 gets plain text in paragraphs
(links written out as "text (url)"): its item body is XHTML in the QTI namespace, and plain text is
what every 2.1 player shows right.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

from scripts.exports import quiz_export, scorm_export
from scripts.model import quiz_model, quiz_order

VERSIONS = ("qti12", "qti21")
NS12 = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
NS21 = "http://www.imsglobal.org/xsd/imsqti_v2p1"
NS_CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = {
    "qti12": f"{NS12} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd",
    "qti21": f"{NS21} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd",
}
ITEM_TYPE = {"qti12": "imsqti_item_xmlv1p2", "qti21": "imsqti_item_xmlv2p1"}
TEST_TYPE = {"qti12": "imsqti_xmlv1p2", "qti21": "imsqti_test_xmlv2p1"}
GENERAL = "algemeen"  # identifier of the feedback shown after every answer
_ID_START = re.compile(r"^[A-Za-z_]")


def item_identifier(question_id: str) -> str:
    """Our id as an XML identifier (must not start with a digit)."""
    return question_id if _ID_START.match(question_id) else f"q-{question_id}"


def option_identifier(question_id: str, index: int) -> str:
    return f"{item_identifier(question_id)}-{index + 1}"


def blank_identifier(question_id: str) -> str:
    return f"{item_identifier(question_id)}-invul"


def shares(n: int) -> list:
    """n shares of 100 with two decimals that add up to exactly 100 (the last takes the rest)."""
    base = int(10000 / n) / 100
    return [base] * (n - 1) + [round(100 - base * (n - 1), 2)]


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _plain(html_text: str) -> str:
    """HTML from the Markdown as plain text: links as 'text (url)', tags dropped, entities decoded."""
    text = re.sub(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', lambda m: f"{m.group(2)} ({html.unescape(m.group(1))})", html_text)
    text = re.sub(r"</(p|li|ul|ol|div|h\d)>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def choices(q: quiz_model.Question) -> list:
    """(identifier, option) in the order every output shows them."""
    index = {id(o): i for i, o in enumerate(q.options)}
    return [(option_identifier(q.id, index[id(o)]), o) for o in quiz_order.options_in_order(q)]


def _feedback_html(q: quiz_model.Question, url_for: Callable[[str], str], docs: Path) -> str:
    return quiz_export.general_feedback(q, url_for, docs)


def _title(q: quiz_model.Question) -> str:
    text = _plain(quiz_export._html(q.text.replace(quiz_model.BLANK, "...")))
    return text if len(text) <= 80 else text[:77].rstrip() + "..."


# --- QTI 1.2 -----------------------------------------------------------------------------------


def _e12(parent, tag: str, attrib: dict | None = None, text: str | None = None):
    el = ET.SubElement(parent, f"{{{NS12}}}{tag}", attrib or {})
    if text is not None:
        el.text = text
    return el


def _material12(parent, text: str, texttype: str = "text/html"):
    material = _e12(parent, "material")
    _e12(material, "mattext", {"texttype": texttype}, text)
    return material


def _root12():
    root = ET.Element(f"{{{NS12}}}questestinterop", {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION["qti12"]})
    return root


def item12(q: quiz_model.Question, url_for: Callable[[str], str], docs: Path) -> ET.Element:
    root = _root12()
    item = _e12(root, "item", {"ident": item_identifier(q.id), "title": _title(q)})
    kind = {"enkelvoudig": "multiple_choice_question", "meervoudig": "multiple_answers_question",
            "invullen": "short_answer_question"}[q.kind]
    meta = _e12(_e12(item, "itemmetadata"), "qtimetadata")
    field = _e12(meta, "qtimetadatafield")
    _e12(field, "fieldlabel", text="question_type")
    _e12(field, "fieldentry", text=kind)
    presentation = _e12(item, "presentation")
    body = quiz_export.question_html(q)
    shown = choices(q) if q.kind != "invullen" else []
    if q.kind == "invullen":
        # Plain text around the blank: cutting the HTML there would leave half an element on each side.
        before, _, after = _plain(body).partition("_____")
        _material12(presentation, before, "text/plain")
        response = _e12(presentation, "response_str", {"ident": blank_identifier(q.id), "rcardinality": "Single"})
        fib = _e12(response, "render_fib", {"fibtype": "String", "prompt": "Box",
                                             "columns": str(max(10, len(q.answer) + 5))})
        _e12(fib, "response_label", {"ident": f"{blank_identifier(q.id)}-veld"})
        if after.strip():
            _material12(presentation, after, "text/plain")
    else:
        _material12(presentation, body)
        cardinality = "Single" if q.kind == "enkelvoudig" else "Multiple"
        response = _e12(presentation, "response_lid", {"ident": "RESPONSE", "rcardinality": cardinality})
        render = _e12(response, "render_choice", {"shuffle": "No"})
        if q.kind == "meervoudig":
            render.set("maxnumber", str(len(q.options)))
        for ident, option in shown:
            label = _e12(render, "response_label", {"ident": ident})
            _material12(label, quiz_export._html(option.text))

    processing = _e12(item, "resprocessing")
    _e12(_e12(processing, "outcomes"), "decvar",
         {"varname": "SCORE", "vartype": "Decimal", "defaultval": "0", "minvalue": "0", "maxvalue": "100"})

    def condition(title: str, build, score: tuple | None = None, feedback: str | None = None):
        cond = _e12(processing, "respcondition", {"title": title, "continue": "Yes"})
        build(_e12(cond, "conditionvar"))
        if score:
            _e12(cond, "setvar", {"varname": "SCORE", "action": score[0]}, score[1])
        if feedback:
            _e12(cond, "displayfeedback", {"feedbacktype": "Response", "linkrefid": feedback})

    if q.kind == "invullen":
        condition("goed", lambda cv: _e12(cv, "varequal", {"respident": blank_identifier(q.id), "case": "No"}, q.answer),
                  ("Set", "100"))
    elif q.kind == "enkelvoudig":
        right = next(ident for ident, o in shown if o.correct)
        condition("goed", lambda cv: _e12(cv, "varequal", {"respident": "RESPONSE"}, right), ("Set", "100"))
    else:
        wrong = [ident for ident, o in shown if not o.correct]
        right = [ident for ident, o in shown if o.correct]
        for ident, share in zip(right, shares(len(right))):
            def build(cv, ident=ident):
                both = _e12(cv, "and")
                _e12(both, "varequal", {"respident": "RESPONSE"}, ident)
                none_wrong = _e12(both, "not")
                alternatives = _e12(none_wrong, "or")
                for other in wrong:
                    _e12(alternatives, "varequal", {"respident": "RESPONSE"}, other)
            condition(f"goed {ident}", build, ("Add", _number(share)))
    for ident, option in shown:
        if not option.correct and option.feedback:
            condition(f"feedback {ident}", lambda cv, ident=ident: _e12(cv, "varequal", {"respident": "RESPONSE"}, ident),
                      feedback=ident)
    condition("uitleg", lambda cv: _e12(cv, "other"), feedback=GENERAL)

    general = _e12(item, "itemfeedback", {"ident": GENERAL, "view": "Candidate"})
    _material12(general, _feedback_html(q, url_for, docs))
    for ident, option in shown:
        if not option.correct and option.feedback:
            own = _e12(item, "itemfeedback", {"ident": ident, "view": "Candidate"})
            _material12(own, quiz_export._html(option.feedback))
    return root


def assessment12(banks: list, identifier: str, title: str) -> ET.Element:
    root = _root12()
    assessment = _e12(root, "assessment", {"ident": identifier, "title": title})
    meta = _e12(assessment, "qtimetadata")
    field = _e12(meta, "qtimetadatafield")
    _e12(field, "fieldlabel", text="qmd_assessmenttype")
    _e12(field, "fieldentry", text="Assessment")
    # The test's score is the sum of the items' SCORE.
    processing = _e12(assessment, "outcomes_processing", {"scoremodel": "SumOfScores"})
    _e12(_e12(processing, "outcomes"), "decvar", {"varname": "SCORE", "vartype": "Decimal", "defaultval": "0", "minvalue": "0"})
    section = _e12(assessment, "section", {"ident": "alle-vragen", "title": title})
    for bank in banks:
        for q in bank.questions:
            _e12(section, "itemref", {"linkrefid": item_identifier(q.id)})
    return root


# --- QTI 2.1 -----------------------------------------------------------------------------------


def _e21(parent, tag: str, attrib: dict | None = None, text: str | None = None):
    el = ET.SubElement(parent, f"{{{NS21}}}{tag}", attrib or {})
    if text is not None:
        el.text = text
    return el


def _paragraphs(parent, html_text: str) -> None:
    for line in _plain(html_text).splitlines():
        _e21(parent, "p", text=line)


def _value(parent, base_type: str, value: str):
    return _e21(parent, "baseValue", {"baseType": base_type}, value)


def _set(parent, identifier: str):
    return _e21(parent, "setOutcomeValue", {"identifier": identifier})


def item21(q: quiz_model.Question, url_for: Callable[[str], str], docs: Path) -> ET.Element:
    root = ET.Element(f"{{{NS21}}}assessmentItem", {
        f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION["qti21"], "identifier": item_identifier(q.id),
        "title": _title(q), "adaptive": "false", "timeDependent": "false"})
    shown = choices(q) if q.kind != "invullen" else []
    response_id = blank_identifier(q.id) if q.kind == "invullen" else "RESPONSE"
    if q.kind == "invullen":
        decl = _e21(root, "responseDeclaration", {"identifier": response_id, "cardinality": "single", "baseType": "string"})
        _e21(_e21(decl, "correctResponse"), "value", text=q.answer)
    else:
        cardinality = "single" if q.kind == "enkelvoudig" else "multiple"
        decl = _e21(root, "responseDeclaration", {"identifier": response_id, "cardinality": cardinality, "baseType": "identifier"})
        correct = _e21(decl, "correctResponse")
        for ident, option in shown:
            if option.correct:
                _e21(correct, "value", text=ident)
    for name, default in (("SCORE", "0"), ("MAXSCORE", "1")):
        outcome = _e21(root, "outcomeDeclaration", {"identifier": name, "cardinality": "single", "baseType": "float"})
        _e21(_e21(outcome, "defaultValue"), "value", text=default)
    _e21(root, "outcomeDeclaration", {"identifier": "FEEDBACK", "cardinality": "multiple", "baseType": "identifier"})

    body = _e21(root, "itemBody")
    question = quiz_export.question_html(q)
    if q.kind == "invullen":
        lines = _plain(question).splitlines()
        for line in lines:
            p = _e21(body, "p")
            if "_____" not in line:
                p.text = line
                continue
            before, _, after = line.partition("_____")
            p.text = before
            entry = _e21(p, "textEntryInteraction", {"responseIdentifier": response_id,
                                                      "expectedLength": str(max(10, len(q.answer) + 5))})
            entry.tail = after
    else:
        _paragraphs(body, question)
        interaction = _e21(body, "choiceInteraction", {
            "responseIdentifier": response_id, "shuffle": "false",
            "maxChoices": "1" if q.kind == "enkelvoudig" else "0"})
        for ident, option in shown:
            _e21(interaction, "simpleChoice", {"identifier": ident}, _plain(quiz_export._html(option.text)))

    processing = _e21(root, "responseProcessing")
    scoring = _e21(processing, "responseCondition")
    branch = _e21(scoring, "responseIf")
    if q.kind == "invullen":
        test = _e21(branch, "stringMatch", {"caseSensitive": "false"})
    else:
        test = _e21(branch, "match")
    _e21(test, "variable", {"identifier": response_id})
    _e21(test, "correct", {"identifier": response_id})
    _value(_set(branch, "SCORE"), "float", "1")
    _value(_set(_e21(scoring, "responseElse"), "SCORE"), "float", "0")
    # FEEDBACK: the explanation after every answer, plus the chosen options (their own feedback).
    feedback = _e21(_set(processing, "FEEDBACK"), "multiple")
    _value(feedback, "identifier", GENERAL)
    if q.kind != "invullen":
        _e21(feedback, "variable", {"identifier": response_id})

    general = _e21(root, "modalFeedback", {"outcomeIdentifier": "FEEDBACK", "showHide": "show", "identifier": GENERAL})
    _paragraphs(general, _feedback_html(q, url_for, docs))
    for ident, option in shown:
        if not option.correct and option.feedback:
            own = _e21(root, "modalFeedback", {"outcomeIdentifier": "FEEDBACK", "showHide": "show", "identifier": ident})
            _paragraphs(own, quiz_export._html(option.feedback))
    return root


def assessment21(banks: list, identifier: str, title: str) -> ET.Element:
    root = ET.Element(f"{{{NS21}}}assessmentTest", {
        f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION["qti21"], "identifier": identifier, "title": title})
    for name in ("SCORE", "MAXSCORE"):
        outcome = _e21(root, "outcomeDeclaration", {"identifier": name, "cardinality": "single", "baseType": "float"})
        _e21(_e21(outcome, "defaultValue"), "value", text="0")
    part = _e21(root, "testPart", {"identifier": "toets", "navigationMode": "nonlinear", "submissionMode": "individual"})
    for bank in banks:
        section = _e21(part, "assessmentSection", {"identifier": item_identifier(bank.name), "title": bank.title, "visible": "true"})
        for q in bank.questions:
            ident = item_identifier(q.id)
            _e21(section, "assessmentItemRef", {"identifier": ident, "href": f"items/{ident}.xml"})
    outcomes = _e21(root, "outcomeProcessing")
    for name in ("SCORE", "MAXSCORE"):
        total = _e21(_set(outcomes, name), "sum")
        _e21(total, "testVariables", {"variableIdentifier": name})
    return root


# --- package -----------------------------------------------------------------------------------


def _xml(root: ET.Element, default_ns: str) -> str:
    # ElementTree's default_namespace option refuses unqualified attributes; a registered empty
    # prefix gives the same xmlns="..." (registered again each time: the three files differ).
    ET.register_namespace("", default_ns)
    ET.register_namespace("xsi", XSI)
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def manifest(version: str, identifier: str, title: str, item_ids: list) -> str:
    root = ET.Element(f"{{{NS_CP}}}manifest", {"identifier": f"{identifier}-{version}"})
    meta = ET.SubElement(root, f"{{{NS_CP}}}metadata")
    schema, schema_version = ("IMS Content", "1.1.3") if version == "qti12" else ("QTIv2.1 Package", "1.0.0")
    ET.SubElement(meta, f"{{{NS_CP}}}schema").text = schema
    ET.SubElement(meta, f"{{{NS_CP}}}schemaversion").text = schema_version
    ET.SubElement(root, f"{{{NS_CP}}}organizations")
    resources = ET.SubElement(root, f"{{{NS_CP}}}resources")
    test = ET.SubElement(resources, f"{{{NS_CP}}}resource", {"identifier": "toets", "type": TEST_TYPE[version], "href": "assessment.xml"})
    ET.SubElement(test, f"{{{NS_CP}}}file", {"href": "assessment.xml"})
    for ident in item_ids:
        ET.SubElement(test, f"{{{NS_CP}}}dependency", {"identifierref": ident})
    for ident in item_ids:
        href = f"items/{ident}.xml"
        res = ET.SubElement(resources, f"{{{NS_CP}}}resource", {"identifier": ident, "type": ITEM_TYPE[version], "href": href})
        ET.SubElement(res, f"{{{NS_CP}}}file", {"href": href})
    return _xml(root, NS_CP)


def package_files(banks: list, version: str, title: str, identifier: str, url_for: Callable[[str], str], docs: Path) -> dict:
    """{path in the zip: XML text} of one package."""
    ns = NS12 if version == "qti12" else NS21
    make_item = item12 if version == "qti12" else item21
    make_test = assessment12 if version == "qti12" else assessment21
    files = {}
    ids = []
    for bank in banks:
        for q in bank.questions:
            ident = item_identifier(q.id)
            ids.append(ident)
            files[f"items/{ident}.xml"] = _xml(make_item(q, url_for, docs), ns)
    files["assessment.xml"] = _xml(make_test(banks, identifier, title), ns)
    files["imsmanifest.xml"] = manifest(version, identifier, title, ids)
    return files


def package(banks: list, version: str, title: str, identifier: str, url_for: Callable[[str], str], docs: Path) -> bytes:
    return scorm_export.deterministic_zip(package_files(banks, version, title, identifier, url_for, docs))


def export_files(banks: list, url_for: Callable[[str], str], docs: Path) -> dict:
    """{file name: zip bytes}: QTI 1.2 and 2.1, all modules together and each module on its own."""
    files = {}
    for version in VERSIONS:
        files[f"{quiz_export.ALL_NAME}.{version}.zip"] = package(
            banks, version, f"{quiz_export.COURSE}: alle modules", quiz_export.ALL_NAME, url_for, docs
        )
        for bank in banks:
            files[f"{bank.name}.{version}.zip"] = package([bank], version, bank.title, bank.name, url_for, docs)
    return files
