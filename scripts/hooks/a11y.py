"""MkDocs hook: accessibility repairs to the finished HTML of every page (theme and mkdocs-quiz).

Thin on purpose: the repairs live in scripts/a11y_markup.py.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import a11y_markup  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402


@event_priority(-50)  # after the plugins (mkdocs-quiz) have written their HTML
def on_post_page(output, page, config):
    return a11y_markup.fix_page(output)
