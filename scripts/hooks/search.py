"""MkDocs hook for search: `zoekwoorden` from the front matter become a boosted field of the
index (mkdocs.yml: search.fields.zoekwoorden), quiz markup stays out of the index, and every page
uses the forgiving search worker (docs/assets/javascripts/workers/zoeken.js, issue 19), which
loads Material's own worker and rewrites the query in front of it.

The search plugin indexes page.content in on_page_context. This hook hands it the page without
quiz blocks (on_page_content, after mkdocs-quiz) and puts the full page back right after the
indexing (on_page_context, after the search plugin), before the page is rendered.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import search_tuning  # noqa: E402

_keywords: dict[str, str] = {}
_full_html: dict[str, str] = {}


def on_pre_build(config):
    _keywords.clear()
    _full_html.clear()


@event_priority(-100)  # after mkdocs-quiz has written its HTML
def on_page_content(html, page, config, files):
    words = search_tuning.keywords_text(page.meta)
    if words:
        _keywords[page.url] = words
    if 'class="quiz' in html:
        _full_html[page.url] = html
        return search_tuning.without_quiz_markup(html)
    return html


@event_priority(-100)  # after the search plugin has indexed the page
def on_page_context(context, page, config, nav):
    if page.url in _full_html:
        page.content = _full_html.pop(page.url)
    return context


def on_post_page(output, page, config):
    return search_tuning.use_forgiving_worker(output, page.file.src_uri)


def on_post_template(output_content, template_name, config):
    if 'id="__config"' in output_content:  # 404.html: a page without a Markdown source
        return search_tuning.use_forgiving_worker(output_content, template_name)
    return output_content


@event_priority(-100)  # after the search plugin has written search_index.json
def on_post_build(config):
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.is_file():
        search_tuning.add_keywords(index, _keywords)
