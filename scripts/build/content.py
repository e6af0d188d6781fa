"""Build step: validate every page against the content model during the build, and leave each page's
facts (owner, review date, overdue notice, sources, change notes for readers) in page.meta for the
output pass (scripts/build/output_pass.py), which puts them into the finished page, and for the print
page (print_builds.py).

Thin on purpose: the rules live in scripts/model/content_model.py. Run by scripts/build/plugin.py.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts.build import output_pass
from scripts.model import clock
from scripts.model import content_model
from scripts.model import git_dates


class PageInfo:
    """One per build: the git history of the pages, read once in on_config."""

    def __init__(self):
        self.changed: dict = {}  # 'docs/...' and 'regels/...' -> [git_dates.Change], newest first
        self.rules = None  # page body -> the rule files it includes (content_model.rule_includes)
        self.docs = "docs"  # docs_dir relative to the repo root, as git names its files

    def on_config(self, config):
        # One git call per build, over the pages and the rules they include; empty outside git,
        # partial in a shallow clone (then the template shows only the review date, which every
        # page has). Only changes with a note for readers ('Wijziging:') are in it.
        root = Path(config["config_file_path"]).absolute().parent  # `mkdocs build -f x.yml` gives 'x.yml'
        self.docs = Path(os.path.relpath(config["docs_dir"], root)).as_posix()
        self.changed = git_dates.history(root, (self.docs, content_model.RULES_DIR))
        self.rules = content_model.rule_includes(root)
        return config

    def on_page_markdown(self, markdown, page, config, files):
        if page.file.generated_by or not page.file.abs_src_path:
            return markdown  # pages made by plugins (blog archive, categories) have no front matter
        docs = Path(config["docs_dir"])
        loaded = content_model.page_from_meta(Path(page.file.abs_src_path), docs, page.meta)
        if loaded.problems:
            raise PluginError("Front matter klopt niet:\n" + "\n".join(map(str, loaded.problems)))
        # A change to an included rule is a change to every page that includes it.
        changes = git_dates.page_changes(self.changed, [f"{self.docs}/{page.file.src_uri}", *self.rules(markdown)])
        page.meta[output_pass.FACTS_KEY] = output_pass.page_facts(loaded, changes, clock.today(), self.docs)
        return markdown
