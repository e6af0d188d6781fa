"""Build step: replace a table marker in a page with a table rendered from data/.

A line ``<!-- tabel: vervolgstappen -->`` becomes the follow-up register, ``<!-- tabel:
sociale-kaart -->`` the referral map. Thin on purpose: loading, validation and rendering
live in scripts/model/registers.py, shared with the check and the tests. A marker that names an
unknown table, or a data file with problems, stops the build with ``path:line: message``.
Run by scripts/build/plugin.py.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts.model import registers


class Tables:
    """No state: each marker is rendered from the data files as they are during this build."""

    def on_page_markdown(self, markdown, page, config, files):
        if "tabel:" not in markdown:
            return markdown
        root = Path(config["config_file_path"]).resolve().parent
        where = f"docs/{page.file.src_uri}"

        for name, line in registers.markers(markdown):
            if name not in registers.REGISTERS:
                raise PluginError(f"{where}:{line}: {registers.unknown_marker_message(name)}")

        def replace(match):
            name = match.group(1)
            table, problems = registers.render(name, root)
            if problems:
                raise PluginError(
                    f"Tabel '{name}' op {where} kan niet worden gemaakt:\n" + "\n".join(map(str, problems))
                )
            return table

        return registers.content_model.sub_outside_code(registers.MARKER_RE, replace, markdown)
