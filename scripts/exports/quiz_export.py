"""LMS exports of the question banks: Moodle XML and GIFT, from the same quiz model as the site.

The build step (scripts/build/quiz_pages.py) adds the files under site/signalering/export/, with the QTI
packages (scripts/exports/qti_export.py) and the SCORM packages (scripts/exports/scorm_export.py).
Run by hand: ``python -m scripts.exports.quiz_export OUT_DIR [--site-url URL]`` (Moodle XML, GIFT and QTI;
SCORM needs the lesson text of the built pages, so it is made by the build only).

Mapping: enkelvoudig -> multichoice (single), meervoudig -> multichoice (multiple; each right
option 100/n %, each wrong option -100 %, so a wrong tick costs the whole mark as on the site),
options in the order of every output (scripts/model/quiz_order.py),
invullen -> shortanswer (not case sensitive, as on the site). Per-option feedback goes with
each option; the explanation plus "Lees meer" links (absolute, to the site) is the general
feedback. A casus question carries the casus text, so each question stands on its own.
"""
from __future__ import annotations

import argparse
import functools
import html
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

import markdown as md


from scripts.model import content_model, project, quiz_model, quiz_order

EXPORT_DIR = "signalering/export"
COURSE = "Veilig op school"
ALL_NAME = "veilig-op-school"
GIFT_SPECIAL = "\\~=#{}:"


@functools.lru_cache(maxsize=4096)  # each text goes into four files (Moodle XML and GIFT, per module and all)
def _html(text: str) -> str:
    """Markdown to one line of HTML (GIFT ends a question at an empty line)."""
    return " ".join(md.markdown(text).split())


def category(bank: quiz_model.Bank) -> str:
    # A colon in a GIFT $CATEGORY line is fine, but keep names plain for every LMS.
    return f"{COURSE}/{bank.title.replace(':', ' -')}"


def question_html(question: quiz_model.Question) -> str:
    text = question.text.replace(quiz_model.BLANK, "_____")
    if question.case:
        case = question.case
        return (
            f"<p><strong>Casus: {html.escape(case.title)}</strong></p>{_html(case.text)}"
            f"<p><strong>Stap {question.step}.</strong></p>{_html(text)}"
        )
    return _html(text)


def general_feedback(question: quiz_model.Question, url_for: Callable[[str], str], docs: Path) -> str:
    links = ", ".join(
        f'<a href="{html.escape(url_for(t))}">{html.escape(quiz_model.page_title(t, docs))}</a>' for t in question.read
    )
    return f"{_html(question.explanation)}<p>Lees meer: {links}.</p>"


def fraction(option: quiz_model.Option, question: quiz_model.Question) -> str:
    if question.kind == "enkelvoudig":
        return "100" if option.correct else "0"
    if not option.correct:
        return "-100"
    value = f"{100 / len(question.correct_options):.5f}".rstrip("0").rstrip(".")
    return value


# --- Moodle XML --------------------------------------------------------------------------


def _text(parent, tag: str, value: str, fmt: str | None = "html"):
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = value
    return el


def _simple(parent, tag: str, value: str):
    ET.SubElement(parent, tag).text = value


def moodle_xml(banks: list, url_for: Callable[[str], str], docs: Path) -> str:
    quiz = ET.Element("quiz")
    for bank in banks:
        cat = ET.SubElement(quiz, "question", {"type": "category"})
        _text(cat, "category", f"$course$/top/{category(bank)}", None)
        for q in bank.questions:
            kind = "shortanswer" if q.kind == "invullen" else "multichoice"
            el = ET.SubElement(quiz, "question", {"type": kind})
            _text(el, "name", q.id, None)
            _text(el, "questiontext", question_html(q))
            _text(el, "generalfeedback", general_feedback(q, url_for, docs))
            _simple(el, "defaultgrade", "1")
            _simple(el, "penalty", "0")
            _simple(el, "hidden", "0")
            _simple(el, "idnumber", q.id)
            if kind == "shortanswer":
                _simple(el, "usecase", "0")
                answer = ET.SubElement(el, "answer", {"fraction": "100", "format": "moodle_auto_format"})
                ET.SubElement(answer, "text").text = q.answer
                _text(answer, "feedback", "")
                continue
            _simple(el, "single", "true" if q.kind == "enkelvoudig" else "false")
            _simple(el, "shuffleanswers", "true")
            _simple(el, "answernumbering", "abc")
            _text(el, "correctfeedback", "<p>Goed.</p>")
            _text(el, "partiallycorrectfeedback", "<p>Gedeeltelijk goed.</p>")
            _text(el, "incorrectfeedback", "<p>Niet goed.</p>")
            for opt in quiz_order.options_in_order(q):
                answer = ET.SubElement(el, "answer", {"fraction": fraction(opt, q), "format": "html"})
                ET.SubElement(answer, "text").text = _html(opt.text)
                _text(answer, "feedback", _html(opt.feedback) if opt.feedback else "")
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


# --- GIFT --------------------------------------------------------------------------------


def gift_escape(text: str) -> str:
    """Escape GIFT's control characters (~ = # { } :) and the backslash itself."""
    return "".join("\\" + ch if ch in GIFT_SPECIAL else ch for ch in text)


def gift(banks: list, url_for: Callable[[str], str], docs: Path) -> str:
    out = ["// Veilig op school – toetsvragen van de trainingsmodules (GIFT-formaat).", ""]
    for bank in banks:
        out += [f"$CATEGORY: $course$/top/{category(bank)}", ""]
        for q in bank.questions:
            head = f"::{gift_escape(q.id)}::[html]{gift_escape(question_html(q))}"
            general = "####" + gift_escape(general_feedback(q, url_for, docs))
            if q.kind == "invullen":
                out += [f"{head} {{", f"\t={gift_escape(q.answer)}", f"\t{general}", "}", ""]
                continue
            lines = [f"{head} {{"]
            for opt in quiz_order.options_in_order(q):
                if q.kind == "enkelvoudig":
                    mark = "=" if opt.correct else "~"
                else:
                    mark = f"~%{fraction(opt, q)}%"
                feedback = f"#{gift_escape(_html(opt.feedback))}" if opt.feedback else ""
                lines.append(f"\t{mark}{gift_escape(_html(opt.text))}{feedback}")
            out += lines + [f"\t{general}", "}", ""]
    return "\n".join(out)


# --- files -------------------------------------------------------------------------------


def export_files(banks: list, url_for: Callable[[str], str], docs: Path) -> dict:
    """{file name: content}: all modules together, and each module on its own."""
    files = {
        f"{ALL_NAME}.moodle.xml": moodle_xml(banks, url_for, docs),
        f"{ALL_NAME}.gift.txt": gift(banks, url_for, docs),
    }
    for bank in banks:
        files[f"{bank.name}.moodle.xml"] = moodle_xml([bank], url_for, docs)
        files[f"{bank.name}.gift.txt"] = gift([bank], url_for, docs)
    return files


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    project.project_argument(parser)
    parser.add_argument("--site-url", default=None, help="het adres van de site (standaard: SITE_URL of het profiel)")
    args = project.parse_args(parser, argv)
    banks, problems = quiz_model.load_banks(args.root)
    banks = quiz_order.in_module_order(banks)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1

    from scripts.model import region

    site_url = args.site_url or region.site_url(args.root)

    def url_for(path: str) -> str:
        return site_url + content_model.page_url(path)

    from scripts.exports import qti_export

    args.out.mkdir(parents=True, exist_ok=True)
    files = export_files(banks, url_for, args.root / "docs")
    files.update(qti_export.export_files(banks, url_for, args.root / "docs"))
    for name, content in files.items():
        path = args.out / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
