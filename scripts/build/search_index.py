"""Build step for the site's own search (issue 34; Material's `search` plugin is off): every page's
documents for the index (scripts/build/search_tuning.py: sections, `zoekwoorden`, no quiz markup),
written as search/search_index.js at the end of the build.

The index is read when the page's content is final (on_page_context, after the blog plugin has
filled its index pages; when each handler runs: scripts/build/plugin.py). Nothing is put into the
pages: the header's search box (overrides/partials/zoeken.html) and docs/assets/javascripts/zoeken.js
load lunr and the index only when the reader first uses search (issue 20: a light first view).
"""
from __future__ import annotations

from pathlib import Path

from scripts.build import search_tuning


class SearchIndex:
    """One per build: the index documents of every page, in build order."""

    def __init__(self):
        self.docs: dict[str, list[dict]] = {}  # page URL -> its documents

    def on_page_context(self, context, page, config, nav):
        self.docs[page.url] = search_tuning.page_entries(page.content or "", page.url, page.title, page.meta)
        return context

    def on_post_build(self, config):
        search_tuning.write_index(Path(config["site_dir"]), [doc for docs in self.docs.values() for doc in docs],
                                  Path(config["config_file_path"]).resolve().parent)
