"""mkdocs-quiz's translations and Markdown instance made once instead of per quiz
(scripts/build/quiz_reuse.py, build step QuizReuse), on the real config and the pinned mkdocs-quiz."""
from __future__ import annotations

import os

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from scripts import ROOT
from scripts.build import quiz_reuse

QUIZ_PAGE = "signalering/signalen-herkennen.md"
# Fragments of the kinds a quiz is made of, with the state Markdown keeps between documents:
# footnotes, abbreviations, a heading id, a relative link and an admonition.
FRAGMENTS = [
    "Wat doet u **eerst**?[^1]\n\n[^1]: Zie de meldcode.",
    "*[SWV]: Samenwerkingsverband\n\nHet SWV helpt.",
    "## Uitleg\n\nLees [de registratie](../handelen/registratie.md).",
    "!!! note \"Let op\"\n    Bel 112 bij direct gevaar.",
    "Wat doet u **eerst**?[^1]\n\n[^1]: Zie de meldcode.",
]


@pytest.fixture(scope="module")
def configured():
    """The real mkdocs.yml with every plugin's on_config run, as a build starts."""
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        config = load_config(str(ROOT / "mkdocs.yml"))
        config = config.plugins.on_config(config)
        yield config
    finally:
        os.chdir(old)


def quiz_plugin(config):
    return config.plugins["mkdocs_quiz"]


def test_the_step_is_active_on_the_pinned_mkdocs_quiz(configured):
    from mkdocs_quiz import plugin as quiz_module

    plugin = quiz_plugin(configured)
    assert isinstance(quiz_module.TranslationManager, quiz_reuse.SharedTranslations), \
        "mkdocs-quiz heeft geen TranslationManager meer: scripts/build/quiz_reuse.py aanpassen"
    assert "_create_fragment_markdown" in vars(plugin), \
        "mkdocs-quiz heeft geen _create_fragment_markdown meer: scripts/build/quiz_reuse.py aanpassen"


def test_one_markdown_per_page_gives_what_a_fresh_one_gives(configured):
    plugin = quiz_plugin(configured)
    files = get_files(configured)
    page = Page(None, files.get_file_from_path(QUIZ_PAGE), configured)
    other = Page(None, files.get_file_from_path("index.md"), configured)
    fresh = type(plugin)._create_fragment_markdown

    reused = plugin._create_fragment_markdown(page, configured, files)
    assert plugin._create_fragment_markdown(page, configured, files) is reused
    assert plugin._create_fragment_markdown(other, configured, files) is not reused

    converted = []
    for text in FRAGMENTS:
        same_instance = plugin._convert_fragment_markdown(
            text, page, configured, files, md_inst=plugin._create_fragment_markdown(page, configured, files))
        new_instance = plugin._convert_fragment_markdown(text, page, configured, files,
                                                         md_inst=fresh(plugin, page, configured, files))
        assert same_instance == new_instance, text
        converted.append(same_instance)
    assert 'href="../../handelen/registratie/"' in converted[2]  # links resolved for this page
    assert converted[4] == converted[0]  # the footnote is number 1 again: nothing left from before


def test_translations_are_read_again_when_a_po_file_changes(tmp_path):
    made = []

    class Manager:
        def __init__(self, language, custom_path):
            made.append((language, custom_path))

    shared = quiz_reuse.SharedTranslations(Manager, tmp_path / "locales")
    po = tmp_path / "nl.po"
    po.write_text('msgid "Submit"\nmsgstr "Controleer"\n', encoding="utf-8")
    first = shared("en", po)
    assert shared("en", po) is first and len(made) == 1
    assert shared("fr", po) is not first
    stat = po.stat()
    os.utime(po, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # an editor saved the file
    assert shared("en", po) is not first
    assert len(made) == 3
