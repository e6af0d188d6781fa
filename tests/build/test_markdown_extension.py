"""The site's Markdown extension (scripts/markdown_extension/kennisbank.py) on fixture Markdown: every marker it
fills in, a clear error for a marker naming a bank or register that does not exist, and the quiz HTML it
writes where mkdocs-quiz does not run, compared with what mkdocs-quiz itself writes for the same bank in
a small MkDocs build."""
from __future__ import annotations

import html.parser
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import markdown
import pytest

import small_project
from scripts.markdown_extension import kennisbank, quiz_html
from scripts.model import content_model, quiz_model

PAGE = """---
title: Testmodule
description: Een module om te testen.
doelgroep: [docent, mentor]
thema: [signalering]
eigenaar: redactie SWV
laatst_gecontroleerd: 2026-11-29
duur: 20
leerdoelen: [iets leren]
quiz:
  enabled: true
---

# Testmodule

<!-- module-feiten -->

## Toets {#toets}

<!-- toets: test -->

Na de toets.
"""

TARGET = """---
title: Meldcode
description: Een doelpagina.
doelgroep: [docent]
thema: [recht]
eigenaar: redactie SWV
laatst_gecontroleerd: 2026-11-29
---

# Meldcode

## Stappen {#stappen}
"""

BANK = """\
titel: "Module T: Test"
pagina: mod/test.md
vragen:
  - id: t-een
    soort: enkelvoudig
    vraag: Welke kleur heeft **gras**?
    opties:
      - tekst: Groen
        goed: true
      - tekst: Paars
        feedback: Nee, gras is groen.
    uitleg: Gras is groen.
    lees: [wet/meldcode.md#stappen, mod/test.md#toets]
  - id: t-meer
    soort: meervoudig
    vraag: Welke zijn getallen?
    opties:
      - tekst: Een
        goed: true
      - tekst: Twee
        goed: true
      - tekst: Appel
        feedback: Nee, een appel is fruit.
    uitleg: Een en twee zijn getallen.
    lees: wet/meldcode.md
  - casus:
      id: t-casus
      titel: De test
      tekst: |
        Deze casus is verzonnen.

        Er gebeurt iets.
      vragen:
        - id: t-casus-1
          soort: invullen
          vraag: Het nummer is ___.
          antwoord: "112"
          uitleg: Bel 112.
          lees: wet/meldcode.md
        - id: t-casus-2
          soort: enkelvoudig
          vraag: En dan?
          opties:
            - tekst: Melden
              goed: true
            - tekst: Niets
              feedback: Nee, je meldt het.
          uitleg: Je meldt het.
          lees: index.md
"""

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Submit"
msgstr "Controleer"

msgid "Question {n}"
msgstr "Vraag {n}"

msgid "Reset quiz"
msgstr "Opnieuw beginnen"
"""

MKDOCS_YML = """\
site_name: Test
site_url: https://example.org/kb/
theme: {name: material, language: nl}
plugins:
  - mkdocs_quiz: {enabled_by_default: false, language: en, custom_translations: {en: nl.po}, confetti: false,
                  embed_source: false, auto_number: true, auto_submit: false}
  - kennisbank: {steps: [quiz_pages]}
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc
  - pymdownx.superfences
  - scripts.markdown_extension.kennisbank: {root: !relative $config_dir}
validation:
  links: {not_found: info, unrecognized_links: warn, anchors: warn}  # the small project's other pages
nav: [index.md, wet/meldcode.md, mod/test.md]
"""


@pytest.fixture
def project(tmp_path) -> Path:
    """A small project (registers, a target page) with one module page and its bank."""
    root = small_project.make(tmp_path, {
        "docs/wet/meldcode.md": TARGET, "docs/mod/test.md": PAGE, "quizzes/test.yml": BANK,
        "nl.po": PO, "mkdocs.yml": MKDOCS_YML,
    })
    return root


def convert(text: str, root: Path, **options) -> str:
    names, configs = content_model.markdown_setup(root)
    ext = kennisbank.makeExtension(root=str(root), **options)
    return markdown.markdown(text, extensions=[*names, ext], extension_configs=configs)


def body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return "\n".join(text.splitlines()[content_model.body_start(text.splitlines()):])


# --- registers, fill-in fields, module facts ---------------------------------------------------------

def test_table_marker_becomes_the_register_table(project):
    out = convert("# T\n\n<!-- tabel: vervolgstappen -->\n", project)
    assert "<table>" in out and "VS-01" in out and "<!--" not in out


def test_a_marker_in_code_is_an_example_and_stays(project):
    text = "```markdown\n<!-- tabel: vervolgstappen -->\n<!-- toets: test -->\n```\n"
    out = convert(text, project)
    assert "&lt;!-- tabel: vervolgstappen --&gt;" in out and "<table>" not in out and 'class="quiz' not in out


def test_unknown_register_stops_with_its_line_and_name(project):
    with pytest.raises(kennisbank.MarkerError, match=r"regel 3: onbekende tabel 'bestaat-niet'"):
        convert("# T\n\n<!-- tabel: bestaat-niet -->\n", project)


def test_unknown_register_names_file_and_line_when_the_page_is_known(project):
    page = kennisbank.Page("x.md", first_line=9)
    with pytest.raises(kennisbank.MarkerError, match=r"^docs/x\.md:11: onbekende tabel 'bestaat-niet'"):
        kennisbank.expand_tables("# T\n\n<!-- tabel: bestaat-niet -->\n", project, page)


def test_fill_in_field_becomes_its_span(project):
    out = convert("Naam: {{ invullen: naam van de school }}\n\n`{{ invullen: voorbeeld }}`\n", project)
    assert '<span class="invulveld">&#91;naam van de school&#93;</span>' in out
    assert "<code>{{ invullen: voorbeeld }}</code>" in out


def test_module_facts_and_module_list_from_the_page_and_banks(project):
    banks = kennisbank.Banks(project)
    page = kennisbank.page_from_file("mod/test.md", project / "docs")
    facts = kennisbank.expand_module_facts("<!-- module-feiten -->\n", banks, page)
    assert "**Voor wie:** docenten en mentoren" in facts and "met een toets van 4 vragen" in facts
    listing = kennisbank.expand_module_list("<!-- toets-modules -->\n", banks, kennisbank.Page("index.md"))
    assert '"url": "mod/test/"' in listing and '"sleutels": ["quiz-t-een", "quiz-t-meer", "quiz-t-casus-1", "quiz-t-casus-2"]' in listing


def test_without_a_known_page_the_module_list_stays_a_comment(project):
    """A build without our steps and a host that names no page (bare Material) keeps the marker as it is."""
    assert "<!-- toets-modules -->" in convert("<!-- toets-modules -->\n", project)


# --- quizzes ----------------------------------------------------------------------------------------

def test_unknown_bank_stops_with_its_line_and_name(project):
    text = "# T\n\n<!-- toets: bestaat-niet -->\n"
    with pytest.raises(kennisbank.MarkerError, match=r"regel 3 \('<!-- toets: bestaat-niet -->'\).*wel: test"):
        convert(text, project)
    page = kennisbank.page_from_file("mod/test.md", project / "docs")
    with pytest.raises(kennisbank.MarkerError, match=r"^docs/mod/test\.md:16: '<!-- toets: bestaat-niet -->' verwijst naar "
                                                    r"quizzes/bestaat-niet\.yml, maar die vragenbank bestaat niet"):
        kennisbank.expand_quizzes(text, kennisbank.Banks(project), page)


def test_a_bank_on_another_page_or_without_quiz_enabled_stops(project):
    banks = kennisbank.Banks(project)
    with pytest.raises(kennisbank.MarkerError, match=r"docs/wet/meldcode\.md: deze pagina toont een toets"):
        kennisbank.expand_quizzes("<!-- toets: test -->\n", banks, kennisbank.Page("wet/meldcode.md"))
    other = kennisbank.Page("wet/meldcode.md", {"quiz": {"enabled": True}})
    with pytest.raises(kennisbank.MarkerError, match=r"toets 'test' hoort volgens quizzes/test\.yml op docs/mod/test\.md"):
        kennisbank.expand_quizzes("<!-- toets: test -->\n", banks, other)


def test_without_html_the_bank_becomes_quiz_markdown_as_the_build_step_writes_it(project):
    banks = kennisbank.Banks(project)
    page = kennisbank.page_from_file("mod/test.md", project / "docs")
    out = kennisbank.expand_module_facts(body(project / "docs" / "mod" / "test.md"), banks, page)
    out = kennisbank.expand_quizzes(out, banks, page)
    bank = banks.by_name["test"]
    assert quiz_model.render_bank(bank, "mod/test.md", project / "docs") in out and "<!-- toets" not in out
    # In the conversion that Markdown passes unchanged: the MkDocs step has done the work, mkdocs-quiz renders it.
    assert kennisbank.MarkerPreprocessor(markdown.Markdown(), kennisbank.makeExtension(root=str(project))).run(
        out.split("\n")) == out.split("\n")


def test_quiz_html_has_stable_ids_keys_and_page_links(project):
    out = convert(body(project / "docs" / "mod" / "test.md"), project)
    bank = quiz_model.load_bank(project / "quizzes" / "test.yml", project)
    assert re.findall(r'<div class="quiz[ "][^>]*\bid="(quiz-[\w-]+)"', out) == [
        quiz_model.question_key(q) for q in bank.questions]
    first = bank.questions[0]
    assert {f'value="{quiz_model.option_key(o)}"' for o in first.options} <= set(re.findall(r'value="\w+"', out))
    assert 'href="../../wet/meldcode/#stappen"' in out and 'href="./#toets"' in out  # page URLs, as MkDocs links
    assert 'data-answer="112"' in out and "<strong>gras</strong>" in out
    assert out.index("Na de toets.") < out.index('id="quiz-progress-sidebar"')  # appended to the page, as mkdocs-quiz
    assert 'rel="stylesheet" href="../../assets/quiz/quiz.' in out  # the CSS and JS files the site ships


def test_host_page_is_used_when_the_host_names_it(project):
    """Zensical registers a preprocessor with the page it converts (path, url, meta): the extension reads it."""

    class Page:
        path, url, meta = "mod/test.md", "mod/test.html", {"quiz": {"enabled": True}, "doelgroep": ["bestuur"]}

    class Host(markdown.Extension):
        def extendMarkdown(self, md):
            pre = markdown.preprocessors.Preprocessor(md)
            pre.run, pre.page = (lambda lines: lines), Page()
            md.preprocessors.register(pre, "host_context", 0)

    names, configs = content_model.markdown_setup(project)
    ext = kennisbank.makeExtension(root=str(project))
    out = markdown.markdown("<!-- module-feiten -->\n\n<!-- toets: test -->\n",
                            extensions=[*names, Host(), ext], extension_configs=configs)
    assert "Voor wie:</strong> bestuurders" in out
    # Such a host rewrites the links of the finished HTML itself: they stay as written in the source.
    assert 'href="../wet/meldcode.md#stappen"' in out and 'href="../assets/quiz/quiz.' in out
    urls = markdown.markdown("<!-- toets: test -->\n", extensions=[*names, Host(), kennisbank.makeExtension(
        root=str(project), links="urls")], extension_configs=configs)
    assert 'href="../wet/meldcode.html#stappen"' in urls  # the host's URL for the page: no directory URLs


class _Tags(html.parser.HTMLParser):
    """Every start tag with its id, class and data attributes, in document order."""

    def __init__(self):
        super().__init__()
        self.tags: list = []

    def handle_starttag(self, tag, attrs):
        kept = sorted((k, v) for k, v in attrs if k in ("id", "class", "for", "name", "type", "value", "aria-labelledby")
                      or k.startswith("data-"))
        self.tags.append((tag, tuple(kept)))


def _tags(text: str) -> list:
    parser = _Tags()
    parser.feed(text)
    return parser.tags


def _quiz_part(text: str) -> str:
    start = text.index('<div class="quiz-intro">')
    end = text.index("</script>", text.index("quiz-auto-number")) + len("</script>")
    return text[start:end]


def test_quiz_html_is_what_mkdocs_quiz_writes_for_the_same_bank(project):
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")],
        capture_output=True, text=True, cwd=project)
    assert run.returncode == 0, run.stderr
    built = _quiz_part((project / "site" / "mod" / "test" / "index.html").read_text(encoding="utf-8"))
    mine = _quiz_part(convert(body(project / "docs" / "mod" / "test.md"), project, quiz_assets="inline"))
    assert _tags(mine) == _tags(built)  # the same elements, ids, classes and data attributes
    assert mine == built  # and the same text, byte for byte


def test_quiz_settings_come_from_the_quiz_plugins_entry(project):
    settings = quiz_html.QuizSettings.from_site(project)
    assert settings.options["auto_number"] is True and settings.options["auto_submit"] is False
    assert settings.for_page({"quiz": {"enabled": True, "show_correct": False}})["show_correct"] is False
    assert settings.translations({}).get("Submit") == "Controleer"


@pytest.mark.parametrize("url, page, expected", [
    ("wet/meldcode/", "mod/test/", "../../wet/meldcode/"),
    ("", "mod/test/", "../.."),
    ("./", "mod/test/", "../../"),
    ("mod/test/", "mod/test/", "./"),
    ("mod/test/", "", "mod/test/"),
    ("wet/meldcode.html", "mod/test.html", "../wet/meldcode.html"),
    ("assets/quiz/q.css", "mod/test/", "../../assets/quiz/q.css"),
])
def test_relative_url_as_mkdocs_writes_it(url, page, expected):
    from mkdocs.utils import get_relative_url

    assert quiz_html.relative_url(url, page) == expected == get_relative_url(url, page)
