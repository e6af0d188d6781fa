"""MkDocs hook: validate every page against the content model during the build and
give the templates what they show (owner, review date, overdue notice, sources).

Thin on purpose: the rules live in scripts/content_model.py.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import content_model  # noqa: E402
import git_dates  # noqa: E402

_changed: dict = {}

MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


def dutch_date(day) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def on_config(config):
    # One git call per build; empty outside git, partial in a shallow clone (then the
    # template shows only the review date, which every page has).
    _changed.clear()
    _changed.update(git_dates.last_changed(Path(config["config_file_path"]).parent))
    return config


def on_page_markdown(markdown, page, config, files):
    if page.file.generated_by or not page.file.abs_src_path:
        return markdown  # pages made by plugins (blog archive, categories) have no front matter
    docs = Path(config["docs_dir"])
    loaded = content_model.load_page(Path(page.file.abs_src_path), docs)
    if loaded.problems:
        raise PluginError("Front matter klopt niet:\n" + "\n".join(map(str, loaded.problems)))
    checked = loaded.meta["laatst_gecontroleerd"]
    page.meta["gecontroleerd_nl"] = dutch_date(checked)
    page.meta["controle_voor_nl"] = dutch_date(loaded.review_due())
    page.meta["controle_verlopen"] = loaded.overdue()
    page.meta["juridisch"] = loaded.is_legal
    changed = _changed.get(f"docs/{page.file.src_uri}")
    page.meta["gewijzigd_nl"] = dutch_date(changed) if changed else None
    return markdown
