"""The training in a real browser: answer a module, keep the answers after a reload, see the module
completed on the progress page and the module index, print the certificate, answer every question
type with the keyboard only, and survive broken data in localStorage.

The site under test is the real one (conftest: built_site, site_url, page), whatever its modules are:
they come from the banks (quiz_model), the progress page and the module index are the pages whose
source holds their element, and the test of an edited bank writes its own questions.
"""
from __future__ import annotations

import json

import pytest
import yaml

from scripts.model import content_model
from scripts.model import quiz_model, quiz_order
from conftest import ROOT, mkdocs_build, serve_dir

KEY_PREFIX = "quiz_progress_/"


def page_with(marker: str) -> str:
    """The site path ('x/y/') of the first page whose source holds ``marker``."""
    for path in sorted((ROOT / "docs").rglob("*.md")):
        if marker in path.read_text(encoding="utf-8"):
            return content_model.page_url(path.relative_to((ROOT / "docs")).as_posix())
    raise AssertionError(f"geen pagina in docs/ bevat {marker!r}")


PROGRESS_PATH = page_with('id="voortgang-overzicht"')
INDEX_PATH = page_with('class="module-status"')


def url_of(bank) -> str:
    return content_model.page_url(bank.page)


@pytest.fixture(scope="module")
def banks():
    banks, problems = quiz_model.load_banks(ROOT)
    assert problems == [] and banks
    return {bank.name: bank for bank in banks}


@pytest.fixture(scope="module")
def module(banks):
    """The module the tests take: the first bank."""
    return banks[sorted(banks)[0]]


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


def test_complete_module_keep_answers_and_print_certificate(page, site_url, banks, module):
    errors = watch_errors(page)
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    page.goto(site_url + url_of(module))
    facts = page.locator(".module-feiten")  # audience, duration and objectives from the front matter
    assert facts.is_visible()
    duration = quiz_model.module_duration(module, (ROOT / "docs"))
    assert "Voor wie:" in facts.inner_text() and f"ongeveer {duration} minuten" in facts.inner_text()
    assert facts.locator("li").count() >= 3
    quizzes = page.locator("div.quiz[id^='quiz-']")
    total = len(module.questions)
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
    row = page.locator(f"tr[data-module='{module.name}']")
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
    assert module.title in cert.inner_text()
    for other in banks.values():
        if other.name != module.name:
            assert other.title not in cert.inner_text()

    page.emulate_media(media="print")
    assert cert.is_visible()
    assert not page.locator("h1").first.is_visible()  # the print view shows only the certificate
    assert not page.locator("#certificaat-formulier").is_visible()
    pdf = page.pdf()
    assert pdf[:4] == b"%PDF"
    page.emulate_media(media="screen")

    page.goto(site_url + INDEX_PATH)
    badge = page.locator(f".module-status[data-module='{module.name}'] .module-badge")
    assert badge.inner_text() == "Afgerond"
    assert errors == []


def test_progress_states_and_reset_per_module(page, site_url, banks):
    """Up to three modules: one partly answered, one completed, one all answered with none right."""
    errors = watch_errors(page)
    chosen = [banks[name] for name in sorted(banks)][:3]
    answered = []  # (bank, answered, right, expected status)
    for bank, kind in zip(chosen, ("deels", "goed", "fout")):
        n = len(bank.questions)
        if kind == "deels":
            part = max(1, min(3, n - 1))
            answered.append((bank, part, min(2, part), "bezig" if part < n else "afgerond"))
        elif kind == "goed":
            answered.append((bank, n, n, "afgerond"))
        else:
            answered.append((bank, n, 0, "bezig"))
    set_storage(page, site_url, {KEY_PREFIX + url_of(b): progress_value(b, a, r) for b, a, r, _ in answered})
    page.goto(site_url + PROGRESS_PATH)
    for bank, count, _, status in answered:
        row = page.locator(f"tr[data-module='{bank.name}']")
        assert row.get_attribute("data-status") == status, bank.name
        if count < len(bank.questions):
            assert f"{count} van {len(bank.questions)} vragen beantwoord" in row.inner_text()

    completed = [bank for bank, _, _, status in answered if status == "afgerond"]
    for bank in completed:
        page.once("dialog", lambda dialog: dialog.accept())
        page.locator(f"tr[data-module='{bank.name}'] button.voortgang-wis").click()
        assert page.locator(f"tr[data-module='{bank.name}']").get_attribute("data-status") == "niet-begonnen"
        assert page.evaluate(f"localStorage.getItem('{KEY_PREFIX}{url_of(bank)}')") is None
        assert "gewist" in page.locator("#voortgang-melding").inner_text()
    kept = [bank for bank, _, _, status in answered if status != "afgerond"]
    for bank in kept:  # wiping one module leaves the others
        assert page.evaluate(f"localStorage.getItem('{KEY_PREFIX}{url_of(bank)}')") is not None

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
    """The first question of each kind the banks hold, answered on its module page with the keyboard."""
    errors = watch_errors(page)
    first_of_kind = {}
    for name in sorted(banks):
        for question in banks[name].questions:
            first_of_kind.setdefault(question.kind, (banks[name], question))
    assert set(first_of_kind) <= set(quiz_model.KINDS)
    for kind, (bank, question) in first_of_kind.items():
        page.goto(site_url + url_of(bank))
        key = quiz_model.question_key(question)
        quiz = page.locator(f"#{key}")
        focus_first_answer(page, quiz)
        if question.kind == "invullen":
            page.keyboard.type(question.answer.upper() + " ")  # case and spaces do not matter
        elif question.kind == "enkelvoudig":
            shown = quiz_order.options_in_order(question)  # the order the site shows them in
            target = f"{key}-{[o.correct for o in shown].index(True)}"
            for _ in range(len(shown)):
                if active_id(page) == target:
                    break
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
        else:
            shown = quiz_order.options_in_order(question)
            for opt_index, option in enumerate(shown):
                assert active_id(page) == f"{key}-{opt_index}"
                if option.correct:
                    page.keyboard.press("Space")
                if opt_index < len(shown) - 1:
                    page.keyboard.press("Tab")
        submit_with_keyboard(page, quiz)
        assert quiz.locator(".quiz-feedback-item.correct").count() >= 1, (question.kind, question.id)
        stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY_PREFIX}{url_of(bank)}')"))
        assert stored[key]["answered"] is True and stored[key]["correct"] is True, (kind, question.id)
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
def test_broken_storage_does_not_break_progress_or_index(page, site_url, banks, module, value):
    errors = watch_errors(page)
    last = banks[sorted(banks)[-1]]
    set_storage(
        page,
        site_url,
        {
            KEY_PREFIX + url_of(module): value,
            KEY_PREFIX + url_of(last) + "index.html": value,
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
    page.goto(site_url + url_of(module))  # mkdocs-quiz itself on the module page
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

    page.route(f"**/{PROGRESS_PATH}", corrupt)
    page.goto(site_url + PROGRESS_PATH)
    assert page.locator("h1").is_visible()
    assert page.locator("tr[data-module]").count() == 0
    assert errors == []


def own_question(ident: str, page: str) -> dict:
    """A question of the test's own, in the bank's format (CONTRIBUTING, section 6)."""
    return {"id": ident, "soort": "enkelvoudig", "vraag": f"Vraag {ident} van de test?",
            "opties": [{"tekst": "Goed", "goed": True, "feedback": "Klopt."},
                       {"tekst": "Fout", "feedback": "Nee, het andere antwoord."}],
            "uitleg": "Uitleg van de test.", "lees": page}


def test_stored_answers_stay_with_their_questions_when_the_bank_is_edited(page, scratch_copy, tmp_path, module):
    """Answer two questions, then an editor reorders the bank and deletes one of them; after the
    rebuild the kept answer is on its own question and the deleted one's answer is gone. The bank
    of the copy holds three questions of the test's own."""
    bank_file = scratch_copy / module.path
    data = yaml.safe_load(bank_file.read_text(encoding="utf-8"))
    data["vragen"] = [own_question(ident, module.page) for ident in ("test-een", "test-twee", "test-drie")]
    bank_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    bank = quiz_model.load_bank(bank_file, scratch_copy)
    assert bank.problems == [], [str(p) for p in bank.problems]
    kept, deleted = bank.questions[0], bank.questions[1]
    path = url_of(bank)
    site = tmp_path / "site"
    run = mkdocs_build(scratch_copy / "mkdocs.yml", site)
    assert run.returncode == 0, run.stderr
    with serve_dir(site) as url:
        page.goto(url + path)
        for question in (kept, deleted):
            answer_correctly(page.locator(f"#{quiz_model.question_key(question)}"))

        data["vragen"] = [item for item in reversed(data["vragen"]) if item["id"] != deleted.id]
        bank_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        run = mkdocs_build(scratch_copy / "mkdocs.yml", site)
        assert run.returncode == 0, run.stderr

        page.reload()
        quizzes = page.locator("div.quiz[id^='quiz-']")
        assert quizzes.count() == 2
        position = [q.get_attribute("id") for q in quizzes.all()].index(quiz_model.question_key(kept))
        assert position != 0  # the bank really moved it
        restored = page.locator("div.quiz:has(.quiz-feedback-item.correct)")
        assert [q.get_attribute("id") for q in restored.all()] == [quiz_model.question_key(kept)]
        right = [o.correct for o in quiz_order.options_in_order(kept)].index(True)
        assert page.locator(f"#{quiz_model.question_key(kept)}-{right}").is_checked()
        stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY_PREFIX}{path}')"))
        assert set(stored) == {quiz_model.question_key(kept)}  # the deleted question's answer is dropped

        page.goto(url + PROGRESS_PATH)
        row = page.locator(f"tr[data-module='{bank.name}']")
        assert "1 van 2 vragen beantwoord" in row.inner_text()
