"""Build step: replace a table marker in a page with a table rendered from data/.

A line ``<!-- tabel: vervolgstappen -->`` becomes the follow-up register, ``<!-- tabel:
sociale-kaart -->`` the referral map. Thin on purpose: the Markdown extension's function
(scripts/markdown_extension/kennisbank.py, expand_tables) fills the marker in; loading, validation and rendering
live in scripts/model/registers.py, shared with the check and the tests. A marker that names an
unknown table, or a data file with problems, stops the build with ``path:line: message``.
Run by scripts/build/plugin.py.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts.markdown_extension import kennisbank


class Tables:
    """No state: each marker is rendered from the data files as they are during this build."""

    def on_page_markdown(self, markdown, page, config, files):
        if "tabel:" not in markdown:
            return markdown
        root = Path(config["config_file_path"]).resolve().parent
        docs = Path(config.get("docs_dir") or root / "docs")
        try:
            return kennisbank.expand_tables(markdown, root, kennisbank.page_from_file(page.file.src_uri, docs, meta={}))
        except kennisbank.MarkerError as exc:
            raise PluginError(str(exc)) from None
