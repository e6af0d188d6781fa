"""SCORM 1.2 packages played by a real LMS runtime: scorm-again 3.4.3 (node_modules/scorm-again) in Chromium.

A small LMS page (below) gives the package scorm-again's SCORM 1.2 API, opens a SCO from the
package's imsmanifest.xml in an iframe, and keeps what an LMS keeps between visits (status, score,
suspend_data, exit). The answers come from the quiz model, never from the page. Everything is
served on 127.0.0.1; a package may not ask anything of another host.
"""
from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.exports import quiz_export
from scripts.model import quiz_model, quiz_order
from scripts.exports import scorm_export

from conftest import serve_dir
from conftest import ROOT
SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"

HARNESS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/scorm12.js"></script>
<script>
  var q = new URLSearchParams(location.search);
  window.API = new Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  var record = window.LMS_RECORD || null;  // what the LMS kept from the last visit (set by the test)
  var start = { "cmi.core.student_id": "t-1", "cmi.core.student_name": "Test, Cursist",
                "cmi.core.lesson_mode": q.get("mode") || "normal", "cmi.core.credit": "credit",
                "cmi.student_data.mastery_score": q.get("mastery") || "" };
  if (record) {
    start["cmi.core.lesson_status"] = record.status;
    start["cmi.core.score.raw"] = record.score;
    start["cmi.suspend_data"] = record.suspend_data;
    start["cmi.core.entry"] = record.exit === "suspend" ? "resume" : "";
  } else {
    start["cmi.core.entry"] = "ab-initio";
  }
  API.loadFromFlattenedJSON(start);
  window.lmsErrors = [];
  window.lmsCalls = [];
  function keep() {
    var f = API.getFlattenedCMI();
    window.lmsRecord = {
      status: f["cmi.core.lesson_status"] || "", score: String(f["cmi.core.score.raw"] || ""),
      suspend_data: f["cmi.suspend_data"] || "", exit: f["cmi.core.exit"] || "",
      session_time: f["cmi.core.session_time"] || ""
    };
  }
  API.on("LMSInitialize", function () { lmsCalls.push("LMSInitialize"); });
  API.on("LMSCommit", function () { lmsCalls.push("LMSCommit"); keep(); });
  API.on("LMSFinish", function () { lmsCalls.push("LMSFinish"); keep(); });
  var setValue = API.LMSSetValue.bind(API);  // every value the SCO sets must be accepted
  API.LMSSetValue = function (el, v) {
    var ok = setValue(el, v);
    if (String(ok) !== "true") lmsErrors.push(el + "=" + v + ": " + API.LMSGetErrorString(API.LMSGetLastError()));
    return ok;
  };
  function closeSco() { document.getElementById("sco").src = "about:blank"; }
</script></head>
<body><iframe id="sco" title="SCO" style="width:100%;height:90vh" src=""></iframe>
<script>document.getElementById("sco").src = q.get("sco");</script>
</body></html>
"""

# Records every violation of the package's Content-Security-Policy (a blocked request never reaches the network).
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  (window.top.__cspViolations || window.__cspViolations).push(e.blockedURI + " " + e.violatedDirective);
});
"""

@pytest.fixture(scope="module")
def banks(banks):
    """The real banks in the site's module order, as every export lists them (quiz_order)."""
    return quiz_order.in_module_order(banks)



@pytest.fixture(scope="module")
def lms(built_site, tmp_path_factory):
    """The packages unzipped next to the LMS page and scorm-again, served on 127.0.0.1."""
    assert SCORM_AGAIN.is_file(), "scorm-again ontbreekt: npm ci (make node)"
    root = tmp_path_factory.mktemp("lms")
    (root / "lms.html").write_text(HARNESS, encoding="utf-8")
    (root / "scorm12.js").write_bytes(SCORM_AGAIN.read_bytes())
    export = built_site / quiz_export.EXPORT_DIR
    for zip_path in sorted(export.glob("*" + scorm_export.SUFFIX)):
        with zipfile.ZipFile(zip_path) as zf:
            zf.extractall(root / "pkg" / zip_path.name[: -len(scorm_export.SUFFIX)])
    with serve_dir(root) as url:
        yield {"url": url, "root": root}


def scos(pkg_dir: Path) -> list:
    """(item identifier, href, mastery score) for every SCO in the package's manifest."""
    manifest = ET.parse(pkg_dir / "imsmanifest.xml").getroot()
    resources = {r.get("identifier"): r for r in manifest.iter(CP + "resource")}
    out = []
    for item in manifest.iter(CP + "item"):
        res = resources[item.get("identifierref")]
        assert res.get(ADLCP + "scormtype") == "sco"
        out.append((item.get("identifier"), res.get("href"), item.findtext(ADLCP + "masteryscore")))
    return out


def open_sco(page, lms, package: str, href: str, mastery: str, record: dict | None = None, mode: str = "normal"):
    if record is not None:
        page.add_init_script(f"window.LMS_RECORD = {json.dumps(record)};")
    page.goto(f"{lms['url']}lms.html?sco=/pkg/{package}/{href}&mastery={mastery}&mode={mode}")
    frame = page.frame_locator("#sco")
    frame.locator("#pakket-toets .vraag").first.wait_for()
    return frame


def response(q: quiz_model.Question, right: bool) -> tuple[list[str], str | None]:
    """A right or a wrong answer to q, from the quiz model: the option keys to tick, or the text to fill in."""
    if q.kind == "invullen":
        return [], q.answer if right else q.answer + "-fout"
    chosen = q.correct_options if right else [next(o for o in q.options if not o.correct)]
    return [scorm_export.option_key(o) for o in chosen], None


def answer(frame, q: quiz_model.Question, right: bool) -> None:
    section = frame.locator(f'[data-vraag="{q.id}"]')
    keys, text = response(q, right)
    if text is not None:
        section.locator("input.invul").fill(text)
    for key in keys:
        section.locator(f'[data-optie="{key}"] input').check()
    section.locator("button.controleer").click()
    section.locator(".uitleg").wait_for()


# What answer() does with Playwright's clicks, done in the page in one go: the option inputs clicked
# (or the text typed in), then "Controleer". The many Playwright round trips of answer() made most of
# this file's CPU time; answer(), with real clicks, stays in test_wrong_answers_give_failed and in the
# tests of the package's own page.
ANSWER_ALL = """(root, answers) => answers.map(([id, keys, text]) => {
  const section = root.querySelector(`[data-vraag="${id}"]`);
  if (!section) return `${id}: geen vraag`;
  if (text !== null) {
    const input = section.querySelector("input.invul");
    input.value = text;
    input.dispatchEvent(new Event("input", {bubbles: true}));
  }
  for (const key of keys) {
    const input = section.querySelector(`[data-optie="${key}"] input`);
    if (!input) return `${id}: geen optie ${key}`;
    if (!input.checked) input.click();
  }
  section.querySelector("button.controleer").click();
  return section.querySelector(".uitleg.verborgen") ? `${id}: geen uitleg na Controleer` : null;
}).filter(Boolean)"""


def answer_all(frame, questions: list[quiz_model.Question], right) -> None:
    """Answer the questions in the page, right or wrong: right is a bool, or a function of the index."""
    answers = [[q.id, *response(q, right(i) if callable(right) else right)] for i, q in enumerate(questions)]
    assert frame.locator("#pakket-toets").evaluate(ANSWER_ALL, answers) == []


def close(page) -> dict:
    page.evaluate("closeSco()")
    page.wait_for_function("window.lmsCalls.indexOf('LMSFinish') >= 0")
    return page.evaluate("window.lmsRecord")


def lms_state(page) -> dict:
    return page.evaluate("({record: window.lmsRecord, calls: window.lmsCalls, errors: window.lmsErrors})")


def single(banks, name):
    return next(b for b in banks if b.name == name)


# --- package structure ------------------------------------------------------------------------------


def test_every_module_and_the_whole_course_has_a_package(built_site, banks):
    export = built_site / quiz_export.EXPORT_DIR
    names = {p.name for p in export.glob("*" + scorm_export.SUFFIX)}
    assert names == set(scorm_export.export_names(banks))
    for bank in banks:
        with zipfile.ZipFile(export / (bank.name + scorm_export.SUFFIX)) as zf:
            assert sorted(zf.namelist()) == sorted(["imsmanifest.xml", "index.html", *scorm_export.SCHEMA_FILES])
    with zipfile.ZipFile(export / (quiz_export.ALL_NAME + scorm_export.SUFFIX)) as zf:
        expected = {"imsmanifest.xml", *scorm_export.SCHEMA_FILES} | {f"{b.name}/index.html" for b in banks}
        assert set(zf.namelist()) == expected


def test_manifest_lists_one_sco_per_module_with_the_site_pass_mark(lms, banks):
    root = lms["root"] / "pkg"
    all_scos = scos(root / quiz_export.ALL_NAME)
    assert [href for _, href, _ in all_scos] == [f"{b.name}/index.html" for b in banks]
    for bank in banks:
        ((_, href, mastery),) = scos(root / bank.name)
        assert href == "index.html"
        assert float(mastery) == pytest.approx(quiz_model.PASS_FRACTION * 100)
        manifest = ET.parse(root / bank.name / "imsmanifest.xml").getroot()
        assert manifest.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"


def test_zips_are_reproducible(built_site, banks):
    """Fixed timestamps and order: the same input gives the same bytes."""
    for path in (built_site / quiz_export.EXPORT_DIR).glob("*.zip"):
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
        assert [i.filename for i in infos] == sorted(i.filename for i in infos), path.name
        assert {i.date_time for i in infos} == {scorm_export.ZIP_TIME}, path.name
    files = {"b.txt": "twee", "a.txt": b"een"}
    assert scorm_export.deterministic_zip(files) == scorm_export.deterministic_zip(dict(reversed(files.items())))


def test_package_pages_carry_the_lesson_and_the_bank(lms, banks):
    """The lesson text comes from the built page; the questions and their keys from the model."""
    for bank in banks:
        text = (lms["root"] / "pkg" / bank.name / "index.html").read_text(encoding="utf-8")
        assert f"<title>{bank.title}" in text.replace("&#x27;", "'")
        assert scorm_export.QUIZ_SLOT not in text and scorm_export.QUIZ_START not in text
        assert "headerlink" not in text
        data = json.loads(text.split('id="toets-data">', 1)[1].split("</script>", 1)[0])
        assert data["threshold"] == quiz_model.PASS_FRACTION
        assert [q["id"] for q in data["questions"]] == [q.id for q in bank.questions]
        for entry, q in zip(data["questions"], bank.questions):
            if q.kind == "invullen":
                assert entry["answer"] == q.answer
            else:
                # In the order of every output (quiz_order), keyed by text as on the site.
                assert [o["key"] for o in entry["options"]] == [
                    scorm_export.option_key(o) for o in quiz_order.options_in_order(q)
                ]
                assert {o["key"] for o in entry["options"] if o["correct"]} == {
                    scorm_export.option_key(o) for o in q.correct_options
                }


def test_saved_answers_fit_in_suspend_data(banks):
    for bank in banks:
        assert scorm_export.longest_suspend_data(bank) <= scorm_export.SUSPEND_DATA_MAX, bank.path


def test_no_resource_in_a_package_points_to_another_host(lms):
    import lxml.html

    for page_path in (lms["root"] / "pkg").rglob("*.html"):
        doc = lxml.html.parse(str(page_path)).getroot()
        for el in doc.xpath("//*[@src] | //link[@href] | //*[@data]"):
            url = el.get("src") or el.get("href") or el.get("data")
            assert not scorm_export.is_external(url), (page_path, url)
        for a in doc.xpath("//a[@href]"):
            if scorm_export.is_external(a.get("href")):
                assert a.get("target") == "_blank", (page_path, a.get("href"))  # never replaces the SCO


# --- scorm-again as the LMS ---------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(5))
def test_all_right_gives_passed_and_score_100(page, lms, banks, index):
    if index >= len(banks):
        pytest.skip("minder modules")
    bank = banks[index]
    ((_, href, mastery),) = scos(lms["root"] / "pkg" / bank.name)
    frame = open_sco(page, lms, bank.name, href, mastery)
    state = lms_state(page)
    assert state["calls"][0] == "LMSInitialize"
    assert state["record"]["status"] == "incomplete"
    answer_all(frame, bank.questions, right=True)
    record = close(page)
    assert lms_state(page)["errors"] == []
    assert record["status"] == "passed"
    assert float(record["score"]) == 100
    assert record["exit"] == ""


def test_wrong_answers_give_failed(page, lms, banks):
    bank = banks[0]
    ((_, href, mastery),) = scos(lms["root"] / "pkg" / bank.name)
    frame = open_sco(page, lms, bank.name, href, mastery)
    for q in bank.questions:
        answer(frame, q, right=False)
    record = close(page)
    assert lms_state(page)["errors"] == []
    assert record["status"] == "failed"
    assert float(record["score"]) == 0


def test_pass_mark_is_the_site_rule(browser, lms, banks):
    """Exactly the share quiz_model.PASS_FRACTION right passes; one right answer fewer fails."""
    bank = banks[0]
    n = len(bank.questions)
    needed = math.ceil(quiz_model.PASS_FRACTION * n - 1e-9)
    ((_, href, mastery),) = scos(lms["root"] / "pkg" / bank.name)
    for right, status in ((needed, "passed"), (needed - 1, "failed")):
        context = browser.new_context()
        page = context.new_page()
        frame = open_sco(page, lms, bank.name, href, mastery)
        answer_all(frame, bank.questions, right=lambda i, right=right: i < right)
        record = close(page)
        context.close()
        assert record["status"] == status, (right, n)
        assert float(record["score"]) == round(100 * right / n)


def test_resume_after_reopening(browser, lms, banks):
    """Half the answers, close; the LMS keeps suspend_data; a fresh browser (no localStorage) resumes."""
    bank = banks[0]
    ((_, href, mastery),) = scos(lms["root"] / "pkg" / bank.name)
    half = bank.questions[: len(bank.questions) // 2]
    first = browser.new_context()
    page = first.new_page()
    frame = open_sco(page, lms, bank.name, href, mastery)
    answer_all(frame, half, right=True)
    record = close(page)
    first.close()
    assert record["status"] == "incomplete"
    assert record["exit"] == "suspend"
    saved = json.loads(record["suspend_data"])["a"]
    assert sorted(saved) == sorted(q.id for q in half)  # keyed by question id

    second = browser.new_context()
    page = second.new_page()
    frame = open_sco(page, lms, bank.name, href, mastery, record=record)
    for q in bank.questions:
        section = frame.locator(f'[data-vraag="{q.id}"]')
        done = q in half
        assert section.locator("button.controleer").is_disabled() == done, q.id
        if done and q.kind != "invullen":
            for option in q.options:
                box = section.locator(f'[data-optie="{scorm_export.option_key(option)}"] input')
                assert box.is_checked() == option.correct, (q.id, option.text)
    answer_all(frame, bank.questions[len(half):], right=True)
    record = close(page)
    second.close()
    assert record["status"] == "passed" and float(record["score"]) == 100


def test_a_later_try_keeps_passed_and_the_best_score(browser, lms, banks):
    """Passed once, then 'Opnieuw beginnen' and everything wrong: the platform keeps passed and the score."""
    bank = banks[0]
    ((_, href, mastery),) = scos(lms["root"] / "pkg" / bank.name)
    context = browser.new_context()
    page = context.new_page()
    frame = open_sco(page, lms, bank.name, href, mastery)
    answer_all(frame, bank.questions, right=True)
    record = close(page)
    context.close()
    assert record["status"] == "passed"

    context = browser.new_context()
    page = context.new_page()
    frame = open_sco(page, lms, bank.name, href, mastery, record=record)
    frame.locator("#pakket-uitslag button.opnieuw").click()
    answer_all(frame, bank.questions, right=False)
    again = close(page)
    assert lms_state(page)["errors"] == []
    context.close()
    assert again["status"] == "passed"
    assert float(again["score"]) == 100
    assert json.loads(again["suspend_data"])["a"]  # the new answers are kept for the next visit


def test_review_mode_shows_the_answers_and_changes_nothing(browser, lms, banks):
    """lesson_mode 'review': the saved answers are shown, and answering more changes nothing in the LMS."""
    bank = banks[0]
    ((_, href, mastery),) = scos(lms["root"] / "pkg" / bank.name)
    first = bank.questions[0]
    kept = first.answer if first.kind == "invullen" else [scorm_export.option_key(o) for o in first.correct_options]
    saved = {"v": 1, "a": {first.id: kept}}
    record = {"status": "incomplete", "score": "", "exit": "suspend", "suspend_data": json.dumps(saved)}
    context = browser.new_context()
    page = context.new_page()
    frame = open_sco(page, lms, bank.name, href, mastery, record=record, mode="review")
    assert frame.locator(f'[data-vraag="{first.id}"] button.controleer').is_disabled()
    answer_all(frame, bank.questions[1:], right=True)
    after = close(page)
    context.close()
    assert after["status"] == "incomplete"
    assert after["score"] == ""
    assert json.loads(after["suspend_data"]) == saved


def test_resume_ignores_answers_to_options_that_changed(browser, lms, banks):
    """A saved answer whose option key no longer exists (the option was edited) is dropped, not misread."""
    bank = banks[0]
    q = next(q for q in bank.questions if q.kind != "invullen")
    ((_, href, mastery),) = scos(lms["root"] / "pkg" / bank.name)
    record = {"status": "incomplete", "score": "", "exit": "suspend",
              "suspend_data": json.dumps({"v": 1, "a": {q.id: ["00000000"], "geen-vraag": ["x"]}})}
    context = browser.new_context()
    page = context.new_page()
    frame = open_sco(page, lms, bank.name, href, mastery, record=record)
    assert not frame.locator(f'[data-vraag="{q.id}"] button.controleer').is_disabled()
    context.close()


def test_course_package_runs_every_module_sco(browser, lms, banks):
    for (item, href, mastery), bank in zip(scos(lms["root"] / "pkg" / quiz_export.ALL_NAME), banks):
        context = browser.new_context()
        page = context.new_page()
        frame = open_sco(page, lms, quiz_export.ALL_NAME, href, mastery)
        assert frame.locator("#pakket-toets .vraag").count() == len(bank.questions), item
        assert lms_state(page)["record"]["status"] == "incomplete"
        context.close()


def test_outside_a_platform_answers_stay_in_this_browser(page, lms, banks):
    bank = banks[0]
    url = f"{lms['url']}pkg/{bank.name}/index.html"
    page.goto(url)
    assert "alleen in deze browser" in page.locator("#pakket-melding").inner_text()
    q = bank.questions[0]
    answer(page, q, right=True)
    page.reload()
    assert page.locator(f'[data-vraag="{q.id}"] button.controleer').is_disabled()
    assert not page.locator(f'[data-vraag="{bank.questions[1].id}"] button.controleer').is_disabled()


def test_packages_ask_nothing_of_another_host(browser, lms, banks):
    """Every SCO, in the LMS and on its own: every request goes to 127.0.0.1, no CSP violation, also
    once the network has been quiet for half a second. One SCO at a time: an open page costs
    Chromium CPU while it waits, so eleven side by side cost more than the waits they share."""
    pages = [(quiz_export.ALL_NAME, href, m) for _, href, m in scos(lms["root"] / "pkg" / quiz_export.ALL_NAME)]
    pages += [(b.name, "index.html", scos(lms["root"] / "pkg" / b.name)[0][2]) for b in banks]
    for package, href, mastery in pages:
        context = browser.new_context()
        requests: list = []
        context.on("request", lambda r, requests=requests: requests.append(r.url))
        context.add_init_script(CSP_WATCH)
        page = context.new_page()
        errors: list = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        open_sco(page, lms, package, href, mastery)
        page.goto(f"{lms['url']}pkg/{package}/{href}")
        page.locator("#pakket-toets .vraag").first.wait_for()
        page.wait_for_load_state("networkidle")
        hosts = {urlsplit(u).hostname for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")}
        assert hosts == {"127.0.0.1"}, (package, href, requests)
        assert page.evaluate("window.__cspViolations") == [], (package, href)
        assert errors == [], (package, href)
        context.close()


def test_package_page_has_no_axe_violations(browser, lms, banks):
    """axe-core (as in tests/content/test_accessibility.py) on a package page, fresh and with answers shown."""
    from axe_helpers import AXE, run_axe

    if not AXE.is_file():
        pytest.fail(f"{AXE} ontbreekt: installeer axe-core met 'make node' (npm ci)")
    bank = next(b for b in banks if any(q.kind == "invullen" for q in b.questions))
    context = browser.new_context()
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto(f"{lms['url']}pkg/{bank.name}/index.html")
    page.locator("#pakket-toets .vraag").first.wait_for()
    problems = [f"nieuw: {line}" for line in run_axe(page)]
    kinds_done = set()
    for q in bank.questions:
        if q.kind in kinds_done:
            continue
        answer(page, q, right=len(kinds_done) % 2 == 0)
        kinds_done.add(q.kind)
    problems += [f"beantwoord: {line}" for line in run_axe(page)]
    context.close()
    assert problems == []
