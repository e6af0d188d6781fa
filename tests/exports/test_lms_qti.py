"""The QTI packages read back as a platform reads them, and by an independent QTI reader.

- QTI 2.1: citolab-qti-convert (PyPI, Citolab's QTI 2.x -> 3.0 converter) reads each package through
  its imsmanifest.xml, parses every item and writes QTI 3.0; we check what it read.
- QTI 1.2 and 2.1: the manifest and the item files are read with ElementTree as an importing platform
  does (resources -> item files -> correct responses). Scoring, feedback and the schemas:
  test_lms_standards.py.
Counts and right answers must be those of the quiz model.
"""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from scripts.exports import qti_export
from scripts.exports import quiz_export
from scripts.model import quiz_model, quiz_order

from conftest import ROOT
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
Q12 = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
Q21 = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
Q3 = "{http://www.imsglobal.org/xsd/imsqtiasi_v3p0}"
CP3 = "{http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1}"

@pytest.fixture(scope="module")
def banks(banks):
    """The real banks in the site's module order, as every export lists them (quiz_order)."""
    return quiz_order.in_module_order(banks)



def packages(built_site, banks, suffix):
    export = built_site / quiz_export.EXPORT_DIR
    out = [(export / f"{quiz_export.ALL_NAME}.{suffix}.zip", [q for b in banks for q in b.questions])]
    out += [(export / f"{b.name}.{suffix}.zip", list(b.questions)) for b in banks]
    return out


def read_zip(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def expected_right(q: quiz_model.Question) -> list:
    """The right answers in the order the options are shown (quiz_order), by their stable ids."""
    if q.kind == "invullen":
        return [q.answer]
    return [ident for ident, o in qti_export.choices(q) if o.correct]


def shown(q: quiz_model.Question) -> list:
    return [ident for ident, _ in qti_export.choices(q)]


def scoring_responses(cond) -> list:
    """The responses a QTI 1.2 condition asks for (those under <not> are the ones it must not have)."""
    out = []
    for child in cond.find(f"{Q12}conditionvar"):
        if child.tag == f"{Q12}varequal":
            out.append(child.text)
        elif child.tag == f"{Q12}and":
            out.extend(v.text for v in child.findall(f"{Q12}varequal"))
    return out


def manifest_items(files: dict, ns: str, item_type: str) -> list:
    """(identifier, href) of the item resources, in manifest order; every href must be in the zip."""
    manifest = ET.fromstring(files["imsmanifest.xml"])
    items = [(r.get("identifier"), r.get("href")) for r in manifest.iter(ns + "resource") if r.get("type") == item_type]
    for _, href in items:
        assert href in files, href
    return items


# --- QTI 1.2 ------------------------------------------------------------------------------------------


def read_qti12_item(xml: bytes) -> dict:
    item = ET.fromstring(xml).find(f"{Q12}item")
    kind = next(f.findtext(f"{Q12}fieldentry") for f in item.iter(f"{Q12}qtimetadatafield") if f.findtext(f"{Q12}fieldlabel") == "question_type")
    right = []
    for cond in item.iter(f"{Q12}respcondition"):
        setvar = cond.find(f"{Q12}setvar")
        if setvar is not None and float(setvar.text) > 0:
            right.extend(scoring_responses(cond))
    lid = item.find(f".//{Q12}response_lid")
    return {
        "ident": item.get("ident"),
        "kind": kind,
        "cardinality": lid.get("rcardinality") if lid is not None else None,
        "choices": [label.get("ident") for label in lid.iter(f"{Q12}response_label")] if lid is not None else [],
        "right": right,
        "case": [v.get("case") for v in item.iter(f"{Q12}varequal")],
        "feedback": {fb.get("ident"): "".join(fb.itertext()) for fb in item.iter(f"{Q12}itemfeedback")},
        "shown": [d.get("linkrefid") for d in item.iter(f"{Q12}displayfeedback")],
    }


def test_qti12_packages_have_the_questions_and_right_answers(built_site, banks):
    kinds = {"enkelvoudig": "multiple_choice_question", "meervoudig": "multiple_answers_question", "invullen": "short_answer_question"}
    for path, questions in packages(built_site, banks, "qti12"):
        files = read_zip(path)
        items = manifest_items(files, CP, "imsqti_item_xmlv1p2")
        assert [i for i, _ in items] == [qti_export.item_identifier(q.id) for q in questions], path.name
        assessment = ET.fromstring(files["assessment.xml"])
        assert [r.get("linkrefid") for r in assessment.iter(f"{Q12}itemref")] == [i for i, _ in items]
        for (ident, href), q in zip(items, questions):
            item = read_qti12_item(files[href])
            where = f"{path.name} {q.id}"
            assert item["ident"] == ident and item["kind"] == kinds[q.kind], where
            assert item["right"] == expected_right(q), where
            if q.kind == "invullen":
                assert item["case"] == ["No"], where  # not case sensitive, as on the site
            else:
                assert item["cardinality"] == ("Single" if q.kind == "enkelvoudig" else "Multiple"), where
                assert item["choices"] == shown(q), where
            # Every feedback is referenced by a displayfeedback, and every reference has its feedback.
            assert sorted(item["shown"]) == sorted(item["feedback"]), where
            assert qti_export.GENERAL in item["feedback"], where
            for ident, option in qti_export.choices(q) if q.kind != "invullen" else []:
                if not option.correct:  # each wrong option's own feedback, shown when it is chosen
                    assert option.feedback.split(".")[0] in item["feedback"][ident], (where, option.text)


# --- QTI 2.1 ------------------------------------------------------------------------------------------


def test_qti21_packages_have_the_questions_and_right_answers(built_site, banks):
    for path, questions in packages(built_site, banks, "qti21"):
        files = read_zip(path)
        items = manifest_items(files, CP, "imsqti_item_xmlv2p1")
        assert [i for i, _ in items] == [qti_export.item_identifier(q.id) for q in questions], path.name
        test = ET.fromstring(files["assessment.xml"])
        assert [(r.get("identifier"), r.get("href")) for r in test.iter(f"{Q21}assessmentItemRef")] == items
        for (ident, href), q in zip(items, questions):
            item = ET.fromstring(files[href])
            where = f"{path.name} {q.id}"
            assert item.get("identifier") == ident, where
            declarations = item.findall(f"{Q21}responseDeclaration")
            assert len(declarations) == 1, where
            right = [v.text for v in declarations[0].iter(f"{Q21}value")]
            assert right == expected_right(q), where
            if q.kind == "invullen":
                assert declarations[0].get("baseType") == "string"
                assert item.find(f".//{Q21}textEntryInteraction") is not None, where
                assert item.find(f".//{Q21}stringMatch").get("caseSensitive") == "false", where
            else:
                interaction = item.find(f".//{Q21}choiceInteraction")
                assert interaction.get("maxChoices") == ("1" if q.kind == "enkelvoudig" else "0"), where
                assert declarations[0].get("cardinality") == ("single" if q.kind == "enkelvoudig" else "multiple")
                body = "".join(item.find(f"{Q21}itemBody").itertext())
                assert "<p>" not in body, where  # plain text: a 2.1 player would show CDATA tags literally


def test_an_independent_qti_reader_reads_the_qti21_packages(built_site, banks):
    try:
        import qti_convert  # citolab-qti-convert, pinned in requirements-test.lock
    except ImportError as error:
        pytest.fail(f"citolab-qti-convert ontbreekt ({error}): draai 'make install' (requirements-test.lock)")
    for path, questions in packages(built_site, banks, "qti21"):
        result = qti_convert.upgrade_package(str(path))
        assert not getattr(result, "warnings", None), (path.name, result.warnings)
        manifest = ET.fromstring(result.files["imsmanifest.xml"])
        items = [r.get("href") for r in manifest.iter(CP3 + "resource") if r.get("type") == "imsqti_item_xmlv3p0"]
        assert len(items) == len(questions), path.name
        for href, q in zip(items, questions):
            content = result.files[href]
            item = ET.fromstring(content.encode("utf-8") if isinstance(content, str) else content)
            where = f"{path.name} {q.id}"
            assert item.tag == f"{Q3}qti-assessment-item" and item.get("identifier") == qti_export.item_identifier(q.id), where
            right = [v.text for r in item.iter(f"{Q3}qti-correct-response") for v in r.iter(f"{Q3}qti-value")]
            assert right == expected_right(q), where
            if q.kind == "invullen":
                assert item.find(f".//{Q3}qti-text-entry-interaction") is not None, where
            else:
                choices = [c.get("identifier") for c in item.iter(f"{Q3}qti-simple-choice")]
                assert choices == shown(q), where


def test_every_file_in_every_qti_package_is_xml(built_site):
    for path in (built_site / quiz_export.EXPORT_DIR).glob("*.qti*.zip"):
        for name, content in read_zip(path).items():
            ET.parse(io.BytesIO(content))  # raises with the line on malformed XML


def test_quotes_in_a_question_give_valid_xml(tmp_path):
    """mkdocs-quiz's writers do not escape quotes in titles; our packages must still be XML."""
    (tmp_path / "docs" / "m").mkdir(parents=True)
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "docs" / "m" / "p.md").write_text("---\ntitle: P\n---\n\n<!-- toets: t -->\n", encoding="utf-8")
    (tmp_path / "quizzes" / "t.yml").write_text(
        'titel: \'T "test"\'\npagina: m/p.md\nvragen:\n'
        "  - id: t-1\n    soort: enkelvoudig\n    vraag: 'Wat is \"drill\" & <rap>?'\n    opties:\n"
        "      - tekst: Muziek\n        goed: true\n      - tekst: Nee\n        feedback: 'Nee, \"zo\".'\n"
        "    uitleg: Uitleg.\n    lees: m/p.md\n",
        encoding="utf-8",
    )
    banks, problems = quiz_model.load_banks(tmp_path)
    assert problems == []
    files = qti_export.export_files(banks, lambda p: "https://example.org/" + p, tmp_path / "docs")
    for name, content in files.items():
        for inner, xml in read_zip_bytes(content).items():
            ET.fromstring(xml)
    from mkdocs_quiz.qti import utils

    assert utils.xml_escape('"') == '"'  # the writers are left as they were afterwards


def read_zip_bytes(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_qti_packages_are_reproducible_outside_the_build(built_site, tmp_path):
    """The command-line export gives byte-for-byte the packages the build serves (fixed zip times)."""
    from mkdocs.config import load_config

    site_url = load_config(str(ROOT / "mkdocs.yml")).site_url
    assert quiz_export.main([str(tmp_path), "--root", str(ROOT), "--site-url", site_url]) == 0
    built = sorted((built_site / quiz_export.EXPORT_DIR).glob("*.qti*.zip"))
    assert built
    for path in built:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
