"""The SCORM lesson read back from a finished page (scorm_export.lesson_from_built_page), as after a
Zensical build: the quiz block from its intro to its results becomes the slot, mkdocs-quiz's page end
and tel: links are left out, and a page without a quiz block is refused. On HTML of its own."""
from __future__ import annotations

import pytest

from scripts.exports import scorm_export

PAGE = """<h1 id="m">Module</h1><p>Les. Bel <a class="tel" href="tel:112">112</a>.</p>
<div class="quiz-intro"><p>Intro</p></div><div class="quiz" id="quiz-a">Vraag</div>
<div id="quiz-results" class="quiz-results">Resultaat</div><p>Na de toets.</p>
<div id="quiz-progress-sidebar">Voortgang</div><nav class="quiz-progress-mobile md-nav">Mobiel</nav>
<script>window.x = 1;</script>"""


def test_the_quiz_block_becomes_the_slot_and_the_rest_stays():
    lesson = scorm_export.lesson_from_built_page(PAGE)
    before, after = lesson.split(scorm_export.QUIZ_SLOT)
    assert "Les. Bel 112." in before and "tel:" not in lesson
    assert "Na de toets." in after
    for gone in ("Intro", "Vraag", "Resultaat", "Voortgang", "Mobiel", "window.x"):
        assert gone not in lesson


def test_a_page_without_a_quiz_block_is_refused():
    with pytest.raises(ValueError, match="geen toetsblok"):
        scorm_export.lesson_from_built_page("<h1>Module</h1><p>Geen toets.</p>")
