"""Accessibility of the built site: axe-core (WCAG 2.0/2.1 A and AA) on every page at three sizes,
quiz pages in answered state, the search dialog, and keyboard-only use of navigation, search and a
quiz.

The three sizes, on one load of each page: the viewport is set to each size in turn, and axe runs
once the page has laid itself out again (Material listens for resizes; an experiment on every sixth
page found the same violations, passes and incomplete results as a fresh load at each size):
- desktop: 1280 x 800 CSS px;
- 320 px wide (WCAG 1.4.10 reflow; the same as 1280 px at 400% zoom);
- 200% zoom: a 640 x 400 CSS px viewport. Browser zoom makes a CSS px two device px, so a 1280 px
  window at 200% lays the page out in 640 CSS px, media queries included. device_scale_factor 2
  is not zoom (only sharper pixels, the same 1280 px layout); CSS `zoom: 2` on <html> keeps the
  1280 px viewport for media queries, so it does not show what a zoomed reader sees either.
At every size no page scrolls sideways: document.documentElement.scrollWidth <= clientWidth. Code
blocks and wide tables scroll inside their own box (overflow: auto) and so do not count. At 320 px
every visible tel: link is at least 24 x 24 CSS px (WCAG 2.5.8; the tap-to-call links of issue 20,
scripts/build/phone_links.py).

The same one load of every page (page_sweep) also records every request it makes to another host
(guard_context in axe_helpers), also those made after 'load'
or by a resize: test_no_page_asks_another_host_for_anything, the every-page half of the privacy
tests in test_third_party.py.

axe-core comes from npm (package.json pins it; `make node` installs it into node_modules/).
The repairs that make this pass live in scripts/build/a11y_markup.py and docs/assets/extra.css.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from scripts.build import a11y_markup

from scripts import ROOT
from axe_helpers import AXE, AXE_RUN, SETTLED, WCAG_TAGS, describe, guard_context, page_paths, quiz_paths, run_axe  # noqa: F401


VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "320px": {"width": 320, "height": 640},
    "zoom-200": {"width": 640, "height": 400},  # 1280 x 800 at 200%: see the module docstring
}


class SizedPages:
    """One browser context per size, created when first asked for (axe_pages(size)), and its one
    page, reused. Each context records the requests to another host: foreign[size]."""

    def __init__(self, browser, site_url: str):
        self.browser, self.site_url = browser, site_url
        self.pages: dict = {}
        self.foreign: dict[str, list[str]] = {}

    def __call__(self, size: str):
        if size not in self.pages:
            context = self.browser.new_context(viewport=VIEWPORTS[size])
            context.add_init_script(path=str(AXE))
            self.foreign[size] = guard_context(context, self.site_url, block=False)  # keeps the HTTP cache
            self.pages[size] = context.new_page()
        return self.pages[size]

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="module")
def axe_pages(browser, site_url):
    if not AXE.is_file():
        pytest.fail(f"{AXE} ontbreekt: installeer axe-core met 'make node' (npm ci)")
    pages = SizedPages(browser, site_url)
    yield pages
    pages.close()


@pytest.fixture(scope="module")
def axe_page(axe_pages):
    return axe_pages("desktop")


# Sideways scrolling of the page itself, with the elements that stick out (outside a box that
# scrolls or clips by design) to say where to look.
REFLOW = """() => {
  const de = document.documentElement, width = de.clientWidth;
  if (de.scrollWidth <= width) return [];
  const contained = el => { for (let p = el.parentElement; p && p !== de; p = p.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true; }
    return false; };
  const out = [`de pagina is ${de.scrollWidth} px breed bij een venster van ${width} px`];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 0.5 && !contained(el)) {
      const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
      out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} steekt uit tot ${Math.round(r.right)} px`);
      if (out.length > 6) break;
    }
  }
  return out;
}"""


def test_axe_version_is_the_pinned_one():
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]
    installed = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == pinned, "draai 'make node' om de vastgezette versie van axe-core te installeren"


# Two animation frames: the resize events and observers have run and the new layout is painted.
LAID_OUT = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def resize(page, size: str) -> None:
    page.set_viewport_size(VIEWPORTS[size])
    page.evaluate(LAID_OUT)


@dataclass
class Swept:
    """What the one load of a page found: the axe, reflow and viewport problems at the three sizes,
    the tel: links at 320 px, and the requests to another host made while it was the page loaded."""
    problems: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    tel_links: list[dict] = field(default_factory=list)  # visible tel: links at 320 px, with their size


# WCAG 2.5.8 for the tap-to-call links: each visible one in the article at least 24 x 24 CSS px.
TAP_SIZE = """() => [...document.querySelectorAll('article a[href^="tel:"]')]
  .map(a => { const r = a.getBoundingClientRect();
              return {text: a.textContent, w: r.width, h: r.height, visible: !!a.offsetParent && r.width > 0}; })
  .filter(box => box.visible)"""


@pytest.fixture(scope="module")
def page_sweep(axe_pages, built_site, site_url) -> dict[str, Swept]:
    """Every built page loaded once, in the desktop context, and judged at the three sizes; keyed by
    '/' + the page's path. A request belongs to the document the main frame had committed to when it
    was made, from its navigation until the next one replaced it: what a page fetches after 'load',
    on a resize or as it is left counts too. The last page is left for about:blank, so that its late
    requests are counted as well."""
    page, foreign = axe_pages("desktop"), axe_pages.foreign["desktop"]
    paths = page_paths(built_site)
    swept = {f"/{path}": Swept() for path in paths}
    # Where each document's requests begin in `foreign`. Playwright passes requests and navigations
    # to Python in one stream, in the order it saw them, so a request seen first came first.
    documents = [(len(foreign), page.url)]

    def committed(frame) -> None:
        if frame == page.main_frame:
            documents.append((len(foreign), frame.url))

    page.on("framenavigated", committed)
    for path in paths:
        where = f"/{path}"
        resize(page, "desktop")
        page.goto(site_url + path, wait_until="load")
        for size in VIEWPORTS:
            resize(page, size)
            if page.evaluate("window.innerWidth") != VIEWPORTS[size]["width"]:
                swept[where].problems.append(f"{where} ({size}): het venster werd niet {VIEWPORTS[size]['width']} px breed")
            swept[where].problems.extend(f"{where} ({size}): {line}" for line in run_axe(page))
            swept[where].problems.extend(f"{where} ({size}): reflow: {line}" for line in page.evaluate(REFLOW))
            if size == "320px":  # after run_axe, so laid out as settled (a group below the screen too)
                swept[where].tel_links.extend(page.evaluate(TAP_SIZE))
    page.goto("about:blank")
    page.remove_listener("framenavigated", committed)
    resize(page, "desktop")  # as the other tests of this page expect
    documents.append((len(foreign), None))
    for (start, url), (end, _) in zip(documents, documents[1:]):
        if start < end:
            where = "/" + url.split("#")[0].removeprefix(site_url) if url.startswith(site_url) else url
            swept.setdefault(where, Swept()).foreign.extend(foreign[start:end])
    return swept


def test_every_page_has_no_axe_violations_and_no_sideways_scrolling(page_sweep):
    assert page_sweep, "de sweep zag geen pagina"
    problems = [line for swept in page_sweep.values() for line in swept.problems]
    assert problems == [], "\n".join(problems)


def test_tel_links_are_big_enough_to_tap_at_320px(page_sweep):
    """WCAG 2.5.8 at 320 px on every page with a tel: link (measured in the sweep above)."""
    assert any(swept.tel_links for swept in page_sweep.values()), "geen zichtbare tel:-link gemeten"
    small = [f"{where}: tel:-link '{box['text']}' is {box['w']:.0f} x {box['h']:.0f} px, kleiner dan 24 x 24"
             for where, swept in page_sweep.items() for box in swept.tel_links if box["w"] < 24 or box["h"] < 24]
    assert small == [], "\n".join(small)


def test_no_page_asks_another_host_for_anything(page_sweep):
    """Privacy (see test_third_party.py): no page fetches anything from another host, on the one
    load of every page above; search, which loads its files only when used, is tested there."""
    assert page_sweep, "de sweep zag geen pagina"
    foreign = [f"{where}: {url}" for where, swept in page_sweep.items() for url in swept.foreign]
    assert foreign == [], "\n".join(foreign)


# Elements the browser shows but has not laid out yet (content-visibility: auto, below the screen).
NOT_LAID_OUT = """() => [...document.querySelectorAll('*')]
  .filter(el => el.checkVisibility() && !el.checkVisibility({contentVisibilityAuto: true})).length"""


def page_with_marker(marker: str) -> str:
    """The site path of the first page whose source holds ``marker`` (the sociale kaart's table)."""
    from scripts.model import content_model

    docs = ROOT / "docs"
    for path in sorted(docs.rglob("*.md")):
        if marker in path.read_text(encoding="utf-8"):
            return content_model.page_url(path.relative_to(docs).as_posix())
    raise AssertionError(f"geen pagina bevat {marker!r}")


def test_axe_judges_content_below_the_screen_too(axe_pages, site_url):
    """The sociale kaart lays out a gemeente's group only when the reader scrolls to it; axe cannot
    judge the contrast of what is not laid out. run_axe has it laid out first."""
    page = axe_pages("320px")
    page.goto(site_url + page_with_marker("<!-- tabel: sociale-kaart -->"), wait_until="load")
    assert page.evaluate(NOT_LAID_OUT) > 0, "niets wacht op scrollen: de test ziet niets"
    run_axe(page)
    assert page.evaluate(NOT_LAID_OUT) == 0


def test_viewports_are_what_they_say(axe_pages, site_url):
    """The zoom viewport is the 1280 px desktop at 200%; 320 px is WCAG 1.4.10's width."""
    assert VIEWPORTS["zoom-200"]["width"] * 2 == VIEWPORTS["desktop"]["width"]
    assert VIEWPORTS["320px"]["width"] == 320
    for size, viewport in VIEWPORTS.items():
        page = axe_pages(size)
        page.goto(site_url, wait_until="load")
        assert page.evaluate("window.innerWidth") == viewport["width"], size
    # The one page the every-page test resizes: media queries see each new width.
    page = axe_pages("desktop")
    page.goto(site_url, wait_until="load")
    for size, viewport in VIEWPORTS.items():
        resize(page, size)
        assert page.evaluate("w => matchMedia(`(width: ${w}px)`).matches", viewport["width"]), size
    resize(page, "desktop")


def test_reflow_check_catches_a_page_that_scrolls_sideways(axe_pages, site_url):
    page = axe_pages("320px")
    page.goto(site_url, wait_until="load")
    assert page.evaluate(REFLOW) == []
    page.evaluate("""() => { const d = document.createElement('div'); d.id = 'te-breed';
        d.style.width = '500px'; d.textContent = 'x'; document.querySelector('article').append(d); }""")
    found = page.evaluate(REFLOW)
    assert found and any("div#te-breed" in line for line in found), found
    # the same wide box inside a box that scrolls by design is fine
    page.evaluate("""() => { const d = document.getElementById('te-breed'); const w = document.createElement('div');
        w.style.overflowX = 'auto'; d.before(w); w.append(d); }""")
    assert page.evaluate(REFLOW) == []


def test_quiz_pages_exist(built_site):
    assert quiz_paths(built_site), "geen pagina met een toets gevonden in de gebouwde site"


# Every quiz on the page answered, in the page in one go (one Playwright call per question made
# most of this test's CPU time; real clicks and keys are in test_training_browser.py and the keyboard
# test below): a blank gets a wrong answer, and the other quizzes alternate right and wrong, so that
# both kinds of feedback are on screen; then "submit" where the quiz has a visible submit button.
# Compared once with Playwright's check() and click() on every quiz page: the same answers, feedback
# and disabled inputs; only the last feedback, which takes the focus, shows it as keyboard focus.
ANSWER_EVERY_QUIZ = """() => [...document.querySelectorAll('div.quiz')].map((quiz, i) => {
  const blank = quiz.querySelector('input.quiz-blank-input');
  if (blank) {
    blank.value = 'fout antwoord';
    blank.dispatchEvent(new Event('input', {bubbles: true}));
  } else {
    const inputs = [...quiz.querySelectorAll('input[name="answer"]')];
    const want = i % 2 === 0;
    const pick = inputs.find(input => (input.dataset.correct === 'true') === want) || inputs[0];
    if (!pick) return `toets ${i}: geen antwoorden`;
    if (!pick.checked) pick.click();
  }
  const submit = quiz.querySelector('button[type="submit"]');
  if (submit && submit.checkVisibility()) submit.click();
  return null;
}).filter(Boolean)"""


def test_answered_quizzes_have_no_axe_violations(axe_page, built_site, site_url):
    """Feedback (right and wrong), the results panel and disabled controls, on every quiz page."""
    problems = []
    for path in quiz_paths(built_site):
        axe_page.goto(site_url + path, wait_until="load")
        assert axe_page.evaluate(ANSWER_EVERY_QUIZ) == [], path
        axe_page.wait_for_timeout(200)
        assert axe_page.locator(".quiz-feedback:not(.hidden)").count() > 0
        problems += [f"/{path} (beantwoord): {line}" for line in run_axe(axe_page)]
        axe_page.evaluate("localStorage.clear()")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("size", ["desktop", "320px"])
def test_open_search_dialog_has_no_axe_violations(size, axe_pages, site_url):
    page = axe_pages(size)
    page.goto(site_url, wait_until="load")
    page.keyboard.press("/")
    page.keyboard.type("wapen")
    page.locator(".md-search-result__item").first.wait_for()
    assert run_axe(page) == []


def test_quiz_markup_repairs_are_in_the_built_html(built_site):
    for path in quiz_paths(built_site):
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        fieldsets = re.findall(r"<fieldset[^>]*>(.{0,200})", html, re.S)
        assert fieldsets and all(body.startswith('<legend class="quiz-legend">') for body in fieldsets), path
        assert '<div id="quiz-progress-sidebar" role="group"' in html, path
        assert 'role="status" aria-live="polite"' in html, path
        # With auto-submit, an arrow key in a radio group would answer the question at once.
        for quiz in re.findall(r'<div class="quiz"[^>]*>', html):
            assert "data-auto-submit" not in quiz, f"{path}: toets met auto_submit (niet met het toetsenbord te gebruiken)"


# ---- The repairs themselves (no browser) ----------------------------------------------------


def test_markup_repairs_on_plugin_and_theme_html():
    html = (
        '<div class="quiz" id="quiz-0"><a href="#quiz-0" class="quiz-header-link">#</a>'
        '<fieldset aria-labelledby="quiz-0-question"><div><input type="radio" name="answer"></div></fieldset>'
        '<div class="quiz-feedback hidden"></div></div>'
        '<div class="quiz" id="quiz-1"><fieldset aria-labelledby="quiz-1-question">'
        '<div><input type="checkbox" name="answer"></div></fieldset></div>'
        '<div id="quiz-progress-sidebar" aria-label="Voortgang toets" style="display: none;">\n'
        '  <!-- mkdocs-quiz progress sidebar (desktop) -->\n  <label class="md-nav__title">Voortgang</label></div>'
        "<table><tr><td>a</td></tr></table>"
        '<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled/>'
        '<span class="task-list-indicator"></span></label> Bel <strong>112</strong> &amp; wacht.</li>'
    )
    out = a11y_markup.fix_page(html)
    assert a11y_markup.fix_page(out) == out  # the output pass may run twice: nothing is repaired twice
    assert '<legend class="quiz-legend">Kies één antwoord.</legend>' in out
    assert '<legend class="quiz-legend">Meer antwoorden zijn goed. Kies ze allemaal.</legend>' in out
    assert 'aria-label="Link naar vraag 1">#</a>' in out
    assert '<div class="quiz-feedback hidden" role="status" aria-live="polite">' in out
    assert '<div id="quiz-progress-sidebar" role="group" aria-label="Voortgang toets"' in out
    assert '<span class="md-nav__title">Voortgang</span>' in out and "<label class=\"md-nav__title\">" not in out
    assert '<div class="tabel-scroll" role="region" tabindex="0" aria-label="Tabel"><table>' in out
    assert '<input type="checkbox" disabled aria-label="Bel 112 &amp; wacht."/>' in out


# ---- Keyboard only ---------------------------------------------------------------------------


def tab_until(page, selector: str, limit: int = 150) -> None:
    """Press Tab until the focused element matches selector; fail if it is never reached."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    focused = page.evaluate("document.activeElement && document.activeElement.outerHTML.slice(0, 120)")
    pytest.fail(f"{selector} niet bereikt met Tab (focus op: {focused})")


def test_keyboard_skip_link_and_navigation(page, site_url):
    page.goto(site_url, wait_until="load")
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert skip.is_visible()
    tab_until(page, '.md-tabs__link[href$="wetgeving/"]')
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "de toetsenbordfocus is niet zichtbaar"
    page.keyboard.press("Enter")
    page.wait_for_url("**/wetgeving/")
    assert page.locator("h1").first.is_visible()


def test_keyboard_search_to_a_result(page, site_url):
    page.goto(site_url, wait_until="load")
    tab_until(page, "input.md-search__input")
    page.keyboard.type("kluisjes")
    page.locator(".md-search-result__item").first.wait_for()
    # Material's search is a combobox: the arrow keys move through the results (Tab closes it).
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.md-search-result__link')")
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target.split("#")[0] + "*")
    assert page.locator("h1").first.is_visible()


def test_keyboard_answers_a_quiz(page, site_url, built_site):
    path = quiz_paths(built_site)[0]
    page.goto(site_url + path, wait_until="load")
    quiz = page.locator("div.quiz:has(input[type=radio])").first
    quiz_id = quiz.get_attribute("id")
    tab_until(page, f"#{quiz_id} input[type=radio]")
    page.keyboard.press("ArrowDown")  # moves to and selects the second answer ...
    assert page.evaluate("document.activeElement.checked")
    assert "hidden" in quiz.locator(".quiz-feedback").get_attribute("class")  # ... without answering yet
    tab_until(page, f'#{quiz_id} button[type="submit"]', limit=5)
    page.keyboard.press("Enter")
    feedback = quiz.locator(".quiz-feedback")
    feedback.wait_for(state="visible")
    assert feedback.inner_text().strip()
    stored = page.evaluate("Object.keys(localStorage)")
    assert any(key.startswith("quiz_progress_") for key in stored)
