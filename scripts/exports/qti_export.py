"""QTI 1.2 and 2.1 packages of the question banks, written by the QTI exporter that mkdocs-quiz ships.

We do not write QTI ourselves: each bank is mapped onto mkdocs-quiz's own model
(mkdocs_quiz.qti.models: QuizCollection, Quiz, Answer, Blank) and its QTI12Exporter /
QTI21Exporter write the manifest, the assessment and the item files. Only the zip is ours, so that
it is deterministic (the exporter's own zip stamps the current time).

Mapping:
- enkelvoudig -> Quiz with one right Answer (the exporter writes a single-choice item);
- meervoudig -> Quiz with several right Answers (a multiple-response item);
- invullen -> Quiz whose question has ``{{BLANK_1}}`` where our ``___`` is, and one Blank with the
  answer (not case sensitive in both versions, as on the site); its text is plain text, because the
  writers cut the text in two at the blank;
- identifiers are our stable ids: the question id for the item, ``<id>-<n>`` for option n and
  ``<id>-invul`` for the blank, so a platform sees the same item after an update;
- a casus question carries the casus text, as in the Moodle/GIFT export;
- the explanation and "Lees meer" links are the item's general feedback (``Quiz.content``).

What the exporter's model cannot carry, and what we do about it:
- feedback per option: ``Answer.feedback`` exists, but neither writer puts it in the item. We add
  each wrong option's feedback to the general feedback ("Waarom niet ..."), so it is not lost;
- formatted text in QTI 2.1: the writer wraps any HTML in CDATA, which a QTI 2.1 player shows as
  literal tags. For 2.1 we therefore give it plain text (Markdown stripped, links written out);
  QTI 1.2 gets HTML, which its ``mattext texttype="text/html"`` is meant for;
- quotes in attributes: the writers escape titles with ``xml.sax.saxutils.escape``, which leaves
  ``"`` as it is, so a question with a quote gave an item that is not XML (found by the QTI reader in
  tests/exports/test_lms_qti.py). While our packages are written, their escape also escapes quotes
  (``_quote_safe_writers``); text content is unchanged by that;
- partial credit: QTI 1.2 multiple response gives each right option +100/n and each wrong one -100/n
  (the writer's choice); QTI 2.1 scores 1 only for exactly the right set, as the site does.
"""
from __future__ import annotations

import contextlib
import html
import re
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape as _sax_escape

from mkdocs_quiz.qti import Answer, Blank, QTIExporter, QTIVersion, Quiz, QuizCollection
from mkdocs_quiz.qti import qti12 as _qti12, qti21 as _qti21, utils as _qti_utils


from scripts.exports import quiz_export
from scripts.model import quiz_model
from scripts.exports import scorm_export

VERSIONS = {"qti12": QTIVersion.V1_2, "qti21": QTIVersion.V2_1}
BLANK_PLACEHOLDER = "{{BLANK_1}}"
_ID_START = re.compile(r"^[A-Za-z_]")


def item_identifier(question_id: str) -> str:
    """Our id as an XML identifier (must not start with a digit)."""
    return question_id if _ID_START.match(question_id) else f"q-{question_id}"


def option_identifier(question_id: str, index: int) -> str:
    return f"{item_identifier(question_id)}-{index + 1}"


def blank_identifier(question_id: str) -> str:
    return f"{item_identifier(question_id)}-invul"


def _plain(html_text: str) -> str:
    """HTML from the Markdown as plain text: links as 'text (url)', tags dropped, entities decoded."""
    text = re.sub(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', lambda m: f"{m.group(2)} ({html.unescape(m.group(1))})", html_text)
    text = re.sub(r"</(p|li|ul|ol|div|h\d)>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _inline(text: str) -> str:
    """One paragraph of Markdown as inline HTML (no <p>), to sit inside a list item."""
    out = quiz_export._html(text)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def _question_text(q: quiz_model.Question, as_html: bool) -> str:
    body = quiz_export.question_html(q)
    if q.kind == "invullen":
        # The writers split the text at the blank and wrap each part on its own: HTML would be cut
        # in half, so a fill-in question is plain text in both versions.
        return _plain(body).replace("_____", BLANK_PLACEHOLDER)
    return body if as_html else _plain(body)


def _general_feedback(q: quiz_model.Question, url_for: Callable[[str], str], docs: Path, as_html: bool) -> str:
    parts = [quiz_export.general_feedback(q, url_for, docs)]
    wrong = [o for o in q.options if not o.correct and o.feedback]
    if wrong:
        items = "".join(f"<li><em>{_inline(o.text)}</em>: {_inline(o.feedback)}</li>" for o in wrong)
        parts.append(f"<p>Waarom niet ...</p><ul>{items}</ul>")
    out = "".join(parts)
    return out if as_html else _plain(out)


def collection(banks: list, title: str, identifier: str, url_for: Callable[[str], str], docs: Path, as_html: bool) -> QuizCollection:
    """Our banks in mkdocs-quiz's model."""
    coll = QuizCollection(title=title, identifier=identifier, description=None)
    for bank in banks:
        for q in bank.questions:
            quiz = Quiz(
                question=_question_text(q, as_html),
                content=_general_feedback(q, url_for, docs, as_html),
                identifier=item_identifier(q.id),
                source_file=Path(bank.path),
                source_line=q.line,
            )
            if q.kind == "invullen":
                quiz.blanks.append(Blank(correct_answer=q.answer, identifier=blank_identifier(q.id)))
            else:
                for i, o in enumerate(q.options):
                    text = quiz_export._html(o.text)
                    quiz.answers.append(
                        Answer(
                            text=text if as_html else _plain(text),
                            is_correct=o.correct,
                            identifier=option_identifier(q.id, i),
                            feedback=o.feedback or None,
                        )
                    )
            coll.add_quiz(quiz)
    errors = coll.validate()
    if errors:
        raise ValueError(f"QTI: vragen die mkdocs-quiz niet kan schrijven: {errors}")
    return coll


def _escape_quotes_too(text: str, entities: dict | None = None) -> str:
    return _sax_escape(text, {'"': "&quot;", **(entities or {})})


@contextlib.contextmanager
def _quote_safe_writers():
    """mkdocs-quiz 1.7.1 puts titles in attributes without escaping quotes; escape them while we write."""
    modules = (_qti_utils, _qti12, _qti21)
    saved = [m.xml_escape for m in modules]
    try:
        for m in modules:
            m.xml_escape = _escape_quotes_too
        yield
    finally:
        for m, original in zip(modules, saved):
            m.xml_escape = original


def package(banks: list, version: QTIVersion, title: str, identifier: str, url_for: Callable[[str], str], docs: Path) -> bytes:
    coll = collection(banks, title, identifier, url_for, docs, as_html=version is QTIVersion.V1_2)
    exporter = QTIExporter.create(coll, version)
    with _quote_safe_writers():
        files = {"imsmanifest.xml": exporter.generate_manifest(), "assessment.xml": exporter.generate_assessment()}
        files.update(exporter.generate_items())
    return scorm_export.deterministic_zip(files)


def export_files(banks: list, url_for: Callable[[str], str], docs: Path | None = None) -> dict:
    """{file name: zip bytes}: QTI 1.2 and 2.1, all modules together and each module on its own."""
    docs = docs or quiz_model.ROOT / "docs"
    files = {}
    for suffix, version in VERSIONS.items():
        files[f"{quiz_export.ALL_NAME}.{suffix}.zip"] = package(
            banks, version, f"{quiz_export.COURSE}: alle modules", quiz_export.ALL_NAME, url_for, docs
        )
        for bank in banks:
            files[f"{bank.name}.{suffix}.zip"] = package([bank], version, bank.title, bank.name, url_for, docs)
    return files
