"""Build step for search: `zoekwoorden` from the front matter become a boosted field of the
index (mkdocs.yml: search.fields.zoekwoorden), quiz markup stays out of the index, and every page
uses the forgiving search worker (docs/assets/javascripts/workers/zoeken.js, issue 19), which
loads Material's own worker and rewrites the query in front of it.

The search plugin indexes page.content in on_page_context. This step hands it the page without
quiz blocks (on_page_content, after mkdocs-quiz) and puts the full page back right after the
indexing (on_page_context, after the search plugin), before the page is rendered. When each
handler runs: scripts/build/plugin.py.

A light first view (issue 20): Material requests the whole search index on every page load. A
small inline script (scripts/build/zoekindex_later.js), put before Material's bundle, holds that
request back until the reader opens search.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts.build import search_tuning

LAZY_INDEX_JS = Path(__file__).with_name("zoekindex_later.js")
# Material's base.html loads its bundle with a plain script element (no defer, no module).
_BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')
LAZY_MARK = "data-zoekindex-later"  # scripts/bench/performance.py reads it: this page fetches no index on load


def lazy_index_script() -> str:
    """The inline script, without its comments and indentation (it is in every page)."""
    text = re.sub(r"/\*.*?\*/", "", LAZY_INDEX_JS.read_text(encoding="utf-8"), flags=re.S)
    lines = (line.strip() for line in text.splitlines())
    return f"<script {LAZY_MARK}>" + "\n".join(line for line in lines if line) + "</script>"


def with_lazy_index(html: str, where: str) -> str:
    """The page with the inline script right before Material's bundle. A page config without the
    bundle is an error: Material changed how it loads its code, and the index would load again."""
    if 'id="__config"' not in html or LAZY_MARK in html:
        return html
    new, count = _BUNDLE.subn(lambda m: lazy_index_script() + m.group(0), html, count=1)
    if count != 1:
        raise PluginError(f"{where}: Material's bundle script not found (scripts/build/search_index.py expects "
                          '<script src=".../assets/javascripts/bundle.<hash>.min.js"></script>)')
    return new


class SearchIndex:
    """One per build: the keywords of every page and the full HTML of quiz pages while they are indexed."""

    def __init__(self):
        self.keywords: dict[str, str] = {}  # page URL -> its zoekwoorden
        self.full_html: dict[str, str] = {}  # page URL -> its HTML with the quiz, back after indexing

    def on_page_content(self, html, page, config, files):
        words = search_tuning.keywords_text(page.meta)
        if words:
            self.keywords[page.url] = words
        if 'class="quiz' in html:
            self.full_html[page.url] = html
            return search_tuning.without_quiz_markup(html)
        return html

    def on_page_context(self, context, page, config, nav):
        if page.url in self.full_html:
            page.content = self.full_html.pop(page.url)
        return context

    def on_post_page(self, output, page, config):
        output = search_tuning.use_forgiving_worker(output, page.file.src_uri)
        return with_lazy_index(output, page.file.src_uri)

    def on_post_template(self, output_content, template_name, config):
        if 'id="__config"' in output_content:  # 404.html: a page without a Markdown source
            output_content = search_tuning.use_forgiving_worker(output_content, template_name)
            return with_lazy_index(output_content, template_name)
        return output_content

    def on_post_build(self, config):
        index = Path(config["site_dir"]) / "search" / "search_index.json"
        if index.is_file():
            search_tuning.add_keywords(index, self.keywords)
