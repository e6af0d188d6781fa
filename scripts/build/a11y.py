"""MkDocs hook: accessibility repairs to the finished HTML of every page (theme and mkdocs-quiz).

Thin on purpose: the repairs live in scripts/build/a11y_markup.py.
"""
from __future__ import annotations



from scripts.build import a11y_markup
from mkdocs.plugins import event_priority


@event_priority(-50)  # after the plugins (mkdocs-quiz) have written their HTML
def on_post_page(output, page, config):
    return a11y_markup.fix_page(output)
