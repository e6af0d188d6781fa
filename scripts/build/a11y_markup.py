"""Accessibility repairs to the HTML that Material and mkdocs-quiz 1.7.1 write.

The output pass (scripts/build/output_pass.py) applies them to every page of the finished site;
running them twice changes nothing. tests/content/test_accessibility.py checks the result with
axe-core and the keyboard. The patterns follow the plugin's and theme's templates;
if an upgrade changes them the repairs stop matching and the axe test says so.

- quiz answers: each <fieldset> gets a <legend> saying how many answers to pick (WCAG 1.3.1; the
  question itself stays the accessible name through aria-labelledby);
- quiz feedback is a polite live region, so a screen reader reads "goed"/"fout" after answering;
- the "#" link of each question gets a name ("Link naar vraag 2");
- the question number is an <h3>, not the plugin's <h4>: quizzes follow "## Toets", and a skipped
  heading level confuses screen-reader navigation (Lighthouse/axe heading-order; CSS in extra.css);
- the progress block (#quiz-progress-sidebar) gets role="group" (aria-label on a plain <div> is
  not allowed: axe aria-prohibited-attr) and its title becomes a <span> (a <label> without a
  form field is not a label);
- every plain table sits in a focusable, named scroll region, so a wide table can be scrolled
  with the keyboard (axe scrollable-region-focusable; CSS in docs/assets/extra.css);
- the disabled checkboxes of task lists (- [ ] ...) get the item text as their name (axe label).
"""
from __future__ import annotations

import html as htmllib
import itertools
import re

FIELDSET_RE = re.compile(r'<fieldset aria-labelledby="(?P<question>quiz-[\w-]+-question)">(?P<body>.*?)</fieldset>', re.S)
FEEDBACK_RE = re.compile(r'<div class="quiz-feedback hidden">')
QUIZ_NUMBER_RE = re.compile(r'<h4 class="quiz-number">(.*?)</h4>', re.S)
# Any question id: mkdocs-quiz numbers them (quiz-0), our quiz step keys them by question (quiz-sh-patroon).
HEADER_LINK_RE = re.compile(r'<a href="#(?P<id>quiz-[\w-]+)" class="quiz-header-link">#</a>')
SIDEBAR_RE = re.compile(r'<div id="quiz-progress-sidebar" aria-label=')
SIDEBAR_TITLE_RE = re.compile(
    r'(<div id="quiz-progress-sidebar"[^>]*>\s*(?:<!--.*?-->\s*)?)<label class="md-nav__title">(.*?)</label>', re.S
)
# Material wraps exactly these tables (table:not([class])) in its own scroll box at run time.
TABLE_RE = re.compile(r"<table>.*?</table>", re.S)
TASK_RE = re.compile(
    r'(?P<head><label class="task-list-control"><input type="checkbox" disabled(?: checked)?)(?P<end>\s*/?>)'
    r'(?P<mid><span class="task-list-indicator"></span></label>)(?P<text>.*?)(?=</li>|<ul|<ol|</p>|<div)',
    re.S,
)
TAG_RE = re.compile(r"<[^>]+>")

LEGEND_ONE = "Kies één antwoord."
LEGEND_MANY = "Meer antwoorden zijn goed. Kies ze allemaal."


def _legend(match: re.Match) -> str:
    body = match.group("body")
    if body.startswith('<legend class="quiz-legend">'):  # repaired before
        return match.group(0)
    text = LEGEND_MANY if 'type="checkbox"' in body else LEGEND_ONE
    return (
        f'<fieldset aria-labelledby="{match.group("question")}">'
        f'<legend class="quiz-legend">{text}</legend>{body}</fieldset>'
    )


def fix_quiz(html: str) -> str:
    html = FIELDSET_RE.sub(_legend, html)
    html = FEEDBACK_RE.sub('<div class="quiz-feedback hidden" role="status" aria-live="polite">', html)
    number = itertools.count(1)  # the question's place on the page, as readers count
    html = HEADER_LINK_RE.sub(
        lambda m: f'<a href="#{m.group("id")}" class="quiz-header-link" '
        f'aria-label="Link naar vraag {next(number)}">#</a>',
        html,
    )
    html = QUIZ_NUMBER_RE.sub(r'<h3 class="quiz-number">\1</h3>', html)
    html = SIDEBAR_RE.sub('<div id="quiz-progress-sidebar" role="group" aria-label=', html)
    html = SIDEBAR_TITLE_RE.sub(r'\1<span class="md-nav__title">\2</span>', html)
    return html


def _task_label(match: re.Match) -> str:
    text = " ".join(htmllib.unescape(TAG_RE.sub("", match.group("text"))).split())
    if not text:
        return match.group(0)
    label = htmllib.escape(text[:150], quote=True)
    return f'{match.group("head")} aria-label="{label}"{match.group("end")}{match.group("mid")}{match.group("text")}'


SCROLL_BOX = '<div class="tabel-scroll" role="region" tabindex="0" aria-label="Tabel">'


def _table(match: re.Match) -> str:
    if match.string.endswith(SCROLL_BOX, 0, match.start()):  # in its box already
        return match.group(0)
    return f"{SCROLL_BOX}{match.group(0)}</div>"


def fix_page(html: str) -> str:
    html = TABLE_RE.sub(_table, html)
    if "task-list-control" in html:
        html = TASK_RE.sub(_task_label, html)
    if 'class="quiz' in html:
        html = fix_quiz(html)
    return html
