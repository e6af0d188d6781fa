"""SCORM 1.2 packages of the training modules: the lesson text of the built page and the test from the quiz model.

One package per module (one SCO) and one with all modules (one SCO per module, so the platform
records each module on its own). A SCO is one self-contained HTML page: the module page's article
HTML as the site built it, with the quiz block swapped for the player (scripts/exports/scorm/player.js and
player.css, inlined), and the questions as JSON from scripts/model/quiz_model.py. The player reports
lesson_status (incomplete, then passed/failed at quiz_model.PASS_FRACTION), score.raw and
suspend_data (answers keyed by question id) to the platform, or keeps them in localStorage when it
is opened outside one.

The build step (scripts/build/quiz_pages.py) takes each module page's HTML before mkdocs-quiz renders the
quiz (``<!-- mkdocs-quiz intro -->`` .. ``<!-- mkdocs-quiz results -->`` mark where the quiz goes)
and writes the zips under signalering/export/. Zips are deterministic: fixed timestamps and order.
"""
from __future__ import annotations

import html
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit

import lxml.html


from scripts.exports import quiz_export
from scripts.model import quiz_model, quiz_order

ASSETS = Path(__file__).resolve().parent / "scorm"
# The four schema files the manifest names in xsi:schemaLocation (and the one they import), in the
# root of every package as ADL's conformance rules ask; where they come from: scorm/schemas/README.md.
SCHEMAS = ASSETS / "schemas"
SCHEMA_FILES = ("imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd", "adlcp_rootv1p2.xsd", "ims_xml.xsd")
SUFFIX = ".scorm12.zip"
QUIZ_START = "<!-- mkdocs-quiz intro -->"
QUIZ_END = "<!-- mkdocs-quiz results -->"
QUIZ_SLOT = "<!-- scorm-toets -->"
ZIP_TIME = (2020, 1, 1, 0, 0, 0)  # fixed, so a rebuild gives the same bytes
SUSPEND_DATA_MAX = 4096  # SCORM 1.2, cmi.suspend_data is CMIString4096
BLANK_SPOT = '<span class="invul-plek"></span>'
_BLANK_TOKEN = "INVULPLEKXYZ"


@dataclass
class Lesson:
    """The article HTML of a module page, with QUIZ_SLOT where the test goes."""

    bank: str
    html: str
    url: str  # absolute URL of the page on the published site (directory URLs)
    base: str = ""  # the URL the page was built for, to resolve its relative links (default: url)
    site: str = ""  # the site's root URL: a link under it is written with directory URLs


def published_url(url: str, site: str) -> str:
    """A link into the site as the published site has it: x/y.html -> x/y/, x/index.html -> x/.

    A build without directory URLs (the offline folder) links pages as .html files; the packages
    link to the published site, whatever build made them."""
    if not site or not url.startswith(site):
        return url
    page, hash_, anchor = url.partition("#")
    if page.endswith("/index.html"):
        page = page[: -len("index.html")]
    elif page.endswith(".html") and not page.endswith("/404.html"):
        page = page[: -len(".html")] + "/"
    return page + hash_ + anchor


def option_key(option: quiz_model.Option) -> str:
    """The option's key as the site stores it (quiz_model.option_key): an edited option no longer matches."""
    return quiz_model.option_key(option)


def mastery_score() -> int:
    return round(quiz_model.PASS_FRACTION * 100)


# --- lesson text -----------------------------------------------------------------------------------


def lesson_from_page_content(content_html: str) -> str:
    """The page HTML (on_page_content, before mkdocs-quiz) with the quiz block replaced by QUIZ_SLOT."""
    start, end = content_html.find(QUIZ_START), content_html.find(QUIZ_END)
    if start < 0 or end < start:
        raise ValueError("de pagina heeft geen toetsblok (<!-- mkdocs-quiz intro --> .. results)")
    return content_html[:start] + QUIZ_SLOT + content_html[end + len(QUIZ_END):]


# What mkdocs-quiz puts where its two markers were, and what it appends to the page (the progress
# sidebar, its CSS and JS): found in a finished page, where the markers are gone.
QUIZ_INTRO_CLASS, QUIZ_RESULTS_ID = "quiz-intro", "quiz-results"
QUIZ_PAGE_END = "//*[@id='quiz-progress-sidebar'] | //*[contains(concat(' ', @class, ' '), ' quiz-progress-mobile ')]"


def lesson_from_built_page(content_html: str) -> str:
    """The same lesson from a finished page's own content (a site another generator built, such as
    Zensical, where no build step sees the content before the quiz is in): everything from the quiz's
    intro to its results becomes QUIZ_SLOT, and mkdocs-quiz's additions after it are left out."""
    wrapper = lxml.html.fragment_fromstring(content_html, create_parent="div")
    intro = wrapper.find(f"./div[@class='{QUIZ_INTRO_CLASS}']")
    results = wrapper.find(f"./div[@id='{QUIZ_RESULTS_ID}']")
    if intro is None or results is None:
        raise ValueError(f'de pagina heeft geen toetsblok (<div class="{QUIZ_INTRO_CLASS}"> .. '
                         f'<div id="{QUIZ_RESULTS_ID}">)')
    children = list(wrapper)
    first, last = children.index(intro), children.index(results)
    if last < first:
        raise ValueError("de pagina heeft de resultaten van de toets vóór de toets")
    for node in wrapper.xpath(QUIZ_PAGE_END):
        node.drop_tree()
    # The finished page has tel: links (a pass over the output adds them); the lesson has the text as
    # written, as in the MkDocs build, where it is taken before that step.
    for link in wrapper.xpath("//a[starts-with(@href, 'tel:')]"):
        link.drop_tag()
    before = "".join(lxml.html.tostring(child, encoding="unicode") for child in children[:first])
    after = "".join(lxml.html.tostring(child, encoding="unicode") for child in children[last + 1:]
                    if child.getparent() is wrapper and child.tag not in ("script", "link", "style"))
    return (wrapper.text or "") + before + QUIZ_SLOT + after


def clean_lesson(lesson: Lesson) -> str:
    """Links absolute to the site (opened in a new tab), no permalink marks, nothing that loads from a host."""
    wrapper = lxml.html.fragment_fromstring(lesson.html, create_parent="div")
    for a in wrapper.xpath("//a[contains(concat(' ', @class, ' '), ' headerlink ')]"):
        a.drop_tree()
    for a in wrapper.iter("a"):
        href = a.get("href")
        if not href or href.startswith("#"):
            continue
        target = published_url(urljoin(lesson.base or lesson.url, href), lesson.site)
        page, _, anchor = target.partition("#")
        if page == lesson.url.partition("#")[0] and anchor:
            a.set("href", "#" + anchor)  # a section of this lesson: it is in the package
            continue
        a.set("href", target)
        a.set("target", "_blank")
        a.set("rel", "noopener")
    # Nothing in a lesson may load from elsewhere (the site has no images in its lessons; if it gets
    # some, they are dropped here rather than fetched from the site).
    for node in wrapper.xpath("//img | //script | //link | //iframe | //video | //audio | //source | //object"):
        node.drop_tree()
    # A paragraph that points to the site's progress page is about the site's own storage ("your
    # answers stay in this browser"); in a package the player says where the answers go instead.
    for node in wrapper.xpath("//p[a[contains(@href, 'signalering/voortgang/')]]"):
        node.drop_tree()
    for node in wrapper.xpath("//*[@style]"):
        if "url(" in node.get("style", ""):
            del node.attrib["style"]
    out = "".join(
        lxml.html.tostring(child, encoding="unicode") if not isinstance(child, str) else html.escape(child)
        for child in _children_with_text(wrapper)
    )
    return out


def _children_with_text(wrapper):
    if wrapper.text:
        yield wrapper.text
    for child in wrapper:
        yield child  # tostring includes the tail


# --- the test as data ------------------------------------------------------------------------------


def _md(text: str) -> str:
    return quiz_export._html(text)  # the same Markdown as the Moodle/GIFT export


def quiz_data(bank: quiz_model.Bank, lesson_url: str, url_for: Callable[[str], str], docs: Path) -> dict:
    """The bank as the player reads it: every question with its id, kind, texts and right answers."""
    lesson_page = lesson_url.partition("#")[0]

    def read_link(target: str) -> dict:
        url = url_for(target)
        page, _, anchor = url.partition("#")
        href = f"#{anchor}" if page == lesson_page and anchor else url
        return {"title": html.escape(quiz_model.page_title(target, docs)), "href": html.escape(href, quote=True)}

    questions = []
    for q in bank.questions:
        entry = {
            "id": q.id,
            "kind": q.kind,
            # As on the site: a casus question says which casus and which step it is.
            "text_html": _md(quiz_model.question_prompt(q).replace(quiz_model.BLANK, _BLANK_TOKEN)).replace(
                _BLANK_TOKEN, BLANK_SPOT
            ),
            "explanation_html": _md(q.explanation),
            "read": [read_link(t) for t in q.read],
            "case": {"id": q.case.id, "title_html": html.escape(q.case.title), "html": _md(q.case.text)} if q.case else None,
            "step": q.step,
        }
        if q.kind == "invullen":
            entry["answer"] = q.answer
        else:
            entry["options"] = [
                {"key": option_key(o), "text_html": _md(o.text), "correct": o.correct, "feedback_html": _md(o.feedback) if o.feedback else ""}
                for o in quiz_order.options_in_order(q)
            ]
        questions.append(entry)
    return {"module": bank.name, "title": bank.title, "threshold": quiz_model.PASS_FRACTION, "questions": questions}


def longest_suspend_data(bank: quiz_model.Bank) -> int:
    """Length of cmi.suspend_data with every question answered in the longest way the player allows."""
    answers = {}
    for q in bank.questions:
        if q.kind == "invullen":
            answers[q.id] = "x" * 100
        elif q.kind == "enkelvoudig":
            answers[q.id] = [option_key(q.options[0])]
        else:
            answers[q.id] = [option_key(o) for o in q.options]
    return len(json.dumps({"v": 1, "a": answers}, ensure_ascii=False, separators=(",", ":")))


# --- pages, manifest, zip --------------------------------------------------------------------------


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _json_script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")  # can never close the script element


def sco_page(bank: quiz_model.Bank, lesson_html: str, data: dict) -> str:
    # Under the page's own "Toets" heading; ids prefixed so they never clash with the lesson's.
    toets = (
        '<div class="toets">'
        '<p id="pakket-melding" class="pakket-melding" role="status"></p>'
        '<div id="pakket-toets"></div>'
        '<div id="pakket-uitslag" class="uitslag" role="status" aria-live="polite">'
        '<div class="uitslag-tekst"></div>'
        '<button type="button" class="opnieuw">Opnieuw beginnen</button></div>'
        "</div>"
    )
    if QUIZ_SLOT not in lesson_html:
        raise ValueError(f"{bank.path}: de lestekst heeft geen plek voor de toets")
    body = lesson_html.replace(QUIZ_SLOT, toets, 1)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # The page may load nothing from anywhere: the browser enforces it.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{html.escape(bank.title)} – Veilig op school</title>\n"
        f"<style>\n{_asset('player.css')}</style>\n</head>\n<body>\n<main>\n"
        f"{body}\n</main>\n"
        f'<script type="application/json" id="toets-data">{_json_script(data)}</script>\n'
        f"<script>\n{_asset('player.js')}</script>\n</body>\n</html>\n"
    )


def manifest(identifier: str, title: str, scos: list, licence: str = "") -> str:
    """imsmanifest.xml for SCORM 1.2: one item and one resource per (bank, href)."""
    e = lambda s: html.escape(s, quote=True)  # noqa: E731
    items = "\n".join(
        f'      <item identifier="item-{e(b.name)}" identifierref="res-{e(b.name)}">\n'
        f"        <title>{e(b.title)}</title>\n"
        f"        <adlcp:masteryscore>{mastery_score()}</adlcp:masteryscore>\n"
        f"      </item>"
        for b, _ in scos
    )
    resources = "\n".join(
        f'    <resource identifier="res-{e(b.name)}" type="webcontent" adlcp:scormtype="sco" href="{e(href)}">\n'
        f'      <file href="{e(href)}"/>\n'
        f"    </resource>"
        for b, href in scos
    )
    note = f"<!-- {e(licence).replace('--', '- -')} -->\n" if licence else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
{note}<manifest identifier="{e(identifier)}" version="1.0"
          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org-{e(identifier)}">
    <organization identifier="org-{e(identifier)}">
      <title>{e(title)}</title>
{items}
    </organization>
  </organizations>
  <resources>
{resources}
  </resources>
</manifest>
"""


def deterministic_zip(files: dict) -> bytes:
    """A zip of {name: str | bytes}, sorted by name, with fixed times and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            content = files[name]
            zf.writestr(info, content.encode("utf-8") if isinstance(content, str) else content)
    return buffer.getvalue()


def package(banks: list, lessons: dict, url_for: Callable[[str], str], docs: Path, identifier: str, title: str) -> bytes:
    """One SCORM 1.2 zip: index.html for a single module, <bank>/index.html per module otherwise."""
    files = {}
    scos = []
    for bank in banks:
        lesson = lessons.get(bank.name)
        if lesson is None:
            raise ValueError(f"{bank.path}: geen lestekst van docs/{bank.page} gevonden voor het SCORM-pakket")
        href = "index.html" if len(banks) == 1 else f"{bank.name}/index.html"
        page = sco_page(bank, clean_lesson(lesson), quiz_data(bank, lesson.url, url_for, docs))
        files[href] = page
        scos.append((bank, href))
    from scripts.model import region

    files["imsmanifest.xml"] = manifest(identifier, title, scos, region.licence_note(region.load(docs.parent)))
    files.update({name: (SCHEMAS / name).read_bytes() for name in SCHEMA_FILES})
    return deterministic_zip(files)


def export_names(banks: list) -> list:
    return [quiz_export.ALL_NAME + SUFFIX] + [bank.name + SUFFIX for bank in banks]


def export_files(banks: list, lessons: dict, url_for: Callable[[str], str], docs: Path) -> dict:
    """{file name: zip bytes}: all modules together, and each module on its own."""
    files = {
        quiz_export.ALL_NAME + SUFFIX: package(
            banks, lessons, url_for, docs, quiz_export.ALL_NAME, f"{quiz_export.COURSE}: alle modules"
        )
    }
    for bank in banks:
        files[bank.name + SUFFIX] = package([bank], lessons, url_for, docs, bank.name, bank.title)
    return files


_ABSOLUTE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def is_external(url: str) -> bool:
    """A URL that points away from the package (another host)."""
    return bool(_ABSOLUTE.match(url)) and urlsplit(url).scheme not in ("data", "javascript", "about")
