"""The training in a real browser: answer a module, keep the answers after a reload, see the module
completed on the progress page and the module index, print the certificate, answer every question
type with the keyboard only, and survive broken data in localStorage.

The site under test is the real one (conftest: built_site, site_url, page).
"""
from __future__ import annotations

import json

import pytest
import yaml

from scripts.model import content_model
from scripts.model import quiz_model
from conftest import mkdocs_build, serve_dir

MODULE = "signalen-herkennen"
MODULE_PATH = "signalering/signalen-herkennen/"
PROGRESS_PATH = "signalering/voortgang/"
INDEX_PATH = "signalering/"
KEY_PREFIX = "quiz_progress_/"


@pytest.fixture(scope="module")
def banks():
    banks, problems = quiz_model.load_banks()
    assert problems == []
    return {bank.name: bank for bank in banks}


def watch_errors(page) -> list:
    errors: list = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def answer_correctly(quiz) -> None:
    """Answer one rendered mkdocs-quiz question correctly, using the mouse."""
    blank = quiz.locator("input.quiz-blank-input")
    if blank.count():
        blank.fill(blank.get_attribute("data-answer"))
    else:
        for option in quiz.locator('input[name="answer"][data-correct="true"]').all():
            option.check()
    quiz.locator('button[type="submit"]').click()


def set_storage(page, site_url: str, entries: dict) -> None:
    page.goto(site_url)
    page.evaluate(
        "entries => { for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v); }", entries
    )


def progress_value(bank, n_answered: int, n_correct: int) -> str:
    """Stored progress as mkdocs-quiz writes it, keyed by the questions' ids (quiz_model.question_key)."""
    keys = [quiz_model.question_key(q) for q in bank.questions[:n_answered]]
    return json.dumps({k: {"answered": True, "correct": i < n_correct, "selectedValues": []} for i, k in enumerate(keys)})


def test_complete_module_keep_answers_and_print_certificate(page, site_url, banks):
    errors = watch_errors(page)
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    page.goto(site_url + MODULE_PATH)
    facts = page.locator(".module-feiten")  # audience, duration and objectives from the front matter
    assert facts.is_visible()
    duration = quiz_model.module_duration(banks[MODULE], content_model.DOCS)
    assert "Voor wie:" in facts.inner_text() and f"ongeveer {duration} minuten" in facts.inner_text()
    assert facts.locator("li").count() >= 3
    quizzes = page.locator("div.quiz[id^='quiz-']")
    total = len(banks[MODULE].questions)
    assert quizzes.count() == total
    for i in range(total):
        quiz = quizzes.nth(i)
        answer_correctly(quiz)
        feedback = quiz.locator(".quiz-feedback")
        assert feedback.is_visible()
        assert feedback.locator(".quiz-feedback-item.correct").count() >= 1
        assert quiz.locator("section.content").is_visible()  # the explanation with its "Lees meer" link
        assert quiz.locator("section.content a").count() >= 1

    page.reload()
    for i in range(total):
        quiz = quizzes.nth(i)
        assert quiz.locator(".quiz-feedback-item.correct").count() >= 1, f"vraag {i + 1} niet bewaard"
    assert quizzes.nth(0).locator('input[name="answer"]:checked').count() == 1

    page.goto(site_url + PROGRESS_PATH)
    row = page.locator(f"tr[data-module='{MODULE}']")
    assert row.get_attribute("data-status") == "afgerond"
    assert f"{total} van {total} goed" in row.inner_text()
    others = page.locator("tr[data-status='niet-begonnen']")
    assert others.count() == len(banks) - 1

    page.fill("#certificaat-naam", "Testpersoon Certificaat")
    page.click("#certificaat-knop")
    assert page.evaluate("window.__printed") == 1
    cert = page.locator("#certificaat")
    assert cert.is_visible()
    assert "Testpersoon Certificaat" in cert.inner_text()
    assert banks[MODULE].title in cert.inner_text()
    assert banks["recht-en-privacy"].title not in cert.inner_text()

    page.emulate_media(media="print")
    assert cert.is_visible()
    assert not page.locator("h1").first.is_visible()  # the print view shows only the certificate
    assert not page.locator("#certificaat-formulier").is_visible()
    pdf = page.pdf()
    assert pdf[:4] == b"%PDF"
    page.emulate_media(media="screen")

    page.goto(site_url + INDEX_PATH)
    badge = page.locator(f".module-status[data-module='{MODULE}'] .module-badge")
    assert badge.inner_text() == "Afgerond"
    assert errors == []


def test_progress_states_and_reset_per_module(page, site_url, banks):
    errors = watch_errors(page)
    n2 = len(banks["van-signaal-naar-actie"].questions)
    n3 = len(banks["drillrap-en-jeugdgroepen"].questions)
    set_storage(
        page,
        site_url,
        {
            KEY_PREFIX + "signalering/van-signaal-naar-actie/": progress_value(banks["van-signaal-naar-actie"], 3, 2),
            KEY_PREFIX + "signalering/drillrap-en-jeugdgroepen/": progress_value(banks["drillrap-en-jeugdgroepen"], n3, n3),
            KEY_PREFIX + "signalering/recht-en-privacy/": progress_value(
                banks["recht-en-privacy"], len(banks["recht-en-privacy"].questions), 0
            ),  # all answered, too few right
        },
    )
    page.goto(site_url + PROGRESS_PATH)
    busy = page.locator("tr[data-module='van-signaal-naar-actie']")
    assert busy.get_attribute("data-status") == "bezig"
    assert f"3 van {n2} vragen beantwoord" in busy.inner_text()
    assert page.locator("tr[data-module='recht-en-privacy']").get_attribute("data-status") == "bezig"
    assert page.locator("tr[data-module='drillrap-en-jeugdgroepen']").get_attribute("data-status") == "afgerond"

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("tr[data-module='drillrap-en-jeugdgroepen'] button.voortgang-wis").click()
    assert page.locator("tr[data-module='drillrap-en-jeugdgroepen']").get_attribute("data-status") == "niet-begonnen"
    assert page.evaluate(f"localStorage.getItem('{KEY_PREFIX}signalering/drillrap-en-jeugdgroepen/')") is None
    assert page.evaluate(f"localStorage.getItem('{KEY_PREFIX}signalering/van-signaal-naar-actie/')") is not None
    assert "gewist" in page.locator("#voortgang-melding").inner_text()

    page.fill("#certificaat-naam", "Iemand")
    page.click("#certificaat-knop")  # nothing completed now: no certificate, a message instead
    assert not page.locator("#certificaat").is_visible()
    assert "nog geen module afgerond" in page.locator("#voortgang-melding").inner_text()
    assert errors == []


def focus_first_answer(page, quiz) -> None:
    """Tab from the question's own link into its answers, as a keyboard user does."""
    quiz.locator("a.quiz-header-link").focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        inside = quiz.evaluate("q => q.contains(document.activeElement) && document.activeElement.tagName === 'INPUT'")
        if inside:
            return
    raise AssertionError("geen antwoordveld bereikbaar met Tab")


def active_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def submit_with_keyboard(page, quiz) -> None:
    for _ in range(10):
        page.keyboard.press("Tab")
        if quiz.evaluate("q => document.activeElement === q.querySelector('button[type=submit]')"):
            page.keyboard.press("Enter")
            return
    raise AssertionError("knop Controleer niet bereikbaar met Tab")


def test_every_question_type_with_keyboard_only(page, site_url, banks):
    errors = watch_errors(page)
    bank = banks[MODULE]
    page.goto(site_url + MODULE_PATH)
    done = {}
    for index, question in enumerate(bank.questions):
        if question.kind in done:
            continue
        key = quiz_model.question_key(question)
        quiz = page.locator(f"#{key}")
        focus_first_answer(page, quiz)
        if question.kind == "invullen":
            page.keyboard.type(question.answer.upper() + " ")  # case and spaces do not matter
        elif question.kind == "enkelvoudig":
            target = f"{key}-{[o.correct for o in question.options].index(True)}"
            for _ in range(len(question.options)):
                if active_id(page) == target:
                    break
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
        else:
            for opt_index, option in enumerate(question.options):
                assert active_id(page) == f"{key}-{opt_index}"
                if option.correct:
                    page.keyboard.press("Space")
                if opt_index < len(question.options) - 1:
                    page.keyboard.press("Tab")
        submit_with_keyboard(page, quiz)
        assert quiz.locator(".quiz-feedback-item.correct").count() >= 1, (question.kind, question.id)
        done[question.kind] = key
        if len(done) == 3:
            break
    assert set(done) == set(quiz_model.KINDS)
    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY_PREFIX}{MODULE_PATH}')"))
    for key in done.values():
        assert stored[key]["answered"] is True and stored[key]["correct"] is True
    assert errors == []


@pytest.mark.parametrize(
    "value",
    [
        "{not json",
        "[1, 2, 3]",
        "null",
        '"een tekst"',
        '{"quiz-0": "ja", "quiz-1": {"answered": "true", "correct": 1}, "quiz-2": null}',
        "x" * 60000,
    ],
)
def test_broken_storage_does_not_break_progress_or_index(page, site_url, banks, value):
    errors = watch_errors(page)
    set_storage(
        page,
        site_url,
        {
            KEY_PREFIX + MODULE_PATH: value,
            KEY_PREFIX + "signalering/recht-en-privacy/index.html": value,
            KEY_PREFIX + "elders/": '{"quiz-0": {"answered": true, "correct": true}}',
            "iets-anders": "{kapot",
        },
    )
    page.goto(site_url + PROGRESS_PATH)
    rows = page.locator("tr[data-module]")
    assert rows.count() == len(banks)
    assert page.locator("tr[data-status='niet-begonnen']").count() == len(banks)
    page.goto(site_url + INDEX_PATH)
    assert page.locator(".module-status .module-badge--niet-begonnen").count() == len(banks)
    page.goto(site_url + MODULE_PATH)  # mkdocs-quiz itself on the module page
    assert page.locator("div.quiz").first.is_visible()
    assert errors == []


def test_broken_module_list_does_not_break_the_page(page, site_url):
    """If the module list itself is unreadable, the page still works (no status, no errors)."""
    errors = watch_errors(page)

    def corrupt(route):
        response = route.fetch()
        body = response.text()
        assert 'id="toets-modules">{' in body
        route.fulfill(response=response, body=body.replace('id="toets-modules">{', 'id="toets-modules">{kapot'))

    page.route("**/signalering/voortgang/", corrupt)
    page.goto(site_url + PROGRESS_PATH)
    assert page.locator("h1").is_visible()
    assert page.locator("tr[data-module]").count() == 0
    assert errors == []


def test_stored_answers_stay_with_their_questions_when_the_bank_is_edited(page, scratch_copy, tmp_path, banks):
    """Answer two questions, then an editor reorders the bank and deletes one of them; after the
    rebuild the kept answer is on its own question and the deleted one's answer is gone."""
    bank = banks[MODULE]
    singles = [q for q in bank.items if isinstance(q, quiz_model.Question) and q.kind == "enkelvoudig"]
    kept, deleted = singles[0], singles[1]
    site = tmp_path / "site"
    run = mkdocs_build(scratch_copy / "mkdocs.yml", site)
    assert run.returncode == 0, run.stderr
    with serve_dir(site) as url:
        page.goto(url + MODULE_PATH)
        for question in (kept, deleted):
            answer_correctly(page.locator(f"#{quiz_model.question_key(question)}"))

        bank_file = scratch_copy / bank.path
        data = yaml.safe_load(bank_file.read_text(encoding="utf-8"))
        data["vragen"] = [item for item in reversed(data["vragen"]) if item.get("id") != deleted.id]
        bank_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        run = mkdocs_build(scratch_copy / "mkdocs.yml", site)
        assert run.returncode == 0, run.stderr

        page.reload()
        quizzes = page.locator("div.quiz[id^='quiz-']")
        assert quizzes.count() == len(bank.questions) - 1
        position = [q.get_attribute("id") for q in quizzes.all()].index(quiz_model.question_key(kept))
        assert position != 0  # the bank really moved it
        restored = page.locator("div.quiz:has(.quiz-feedback-item.correct)")
        assert [q.get_attribute("id") for q in restored.all()] == [quiz_model.question_key(kept)]
        right = [o.correct for o in kept.options].index(True)
        assert page.locator(f"#{quiz_model.question_key(kept)}-{right}").is_checked()
        stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY_PREFIX}{MODULE_PATH}')"))
        assert set(stored) == {quiz_model.question_key(kept)}  # the deleted question's answer is dropped

        page.goto(url + PROGRESS_PATH)
        row = page.locator(f"tr[data-module='{MODULE}']")
        assert f"1 van {len(bank.questions) - 1} vragen beantwoord" in row.inner_text()
