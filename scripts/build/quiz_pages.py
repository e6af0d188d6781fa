"""Build step: training quizzes from quizzes/*.yml.

- ``<!-- toets: <bank> -->`` in a page becomes that bank as mkdocs-quiz markdown. This runs
  before the mkdocs_quiz plugin turns ``<quiz>`` into HTML (the order: scripts/build/plugin.py).
- ``<!-- module-feiten -->`` shows audience, duration and objectives from the front matter.
- ``<!-- toets-modules -->`` becomes a JSON list of modules (page link, question count,
  duration) that docs/assets/voortgang.js reads for the progress page and the module index.
- The LMS exports (Moodle XML, GIFT, QTI 1.2/2.1, SCORM 1.2) are added as generated files under
  signalering/export/, so links to them are checked like any other link. A SCORM package needs the
  lesson text: each module page's HTML is kept in on_page_content (before mkdocs-quiz fills in the
  quiz) and the zips are filled in on_env, after every page is rendered and before files are copied.

Thin on purpose: the markers are filled in by the functions of the Markdown extension
(scripts/markdown_extension/kennisbank.py), the rules live in scripts/model/quiz_model.py and
scripts/exports/quiz_export.py.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from scripts.build import build_cache
from scripts.markdown_extension import kennisbank
from scripts.model import content_model
from scripts.exports import quiz_export
from scripts.model import quiz_model, quiz_order
from scripts.exports import scorm_export

QTI_EXPORT = "scripts.exports.qti_export"  # with mkdocs-quiz's QTI exporter: imported only on a cache miss


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _export_inputs(banks, files, config, docs) -> tuple:
    """Everything the LMS exports read besides their own code: the bank files, the site URL, the URL
    and the front matter of every page (links, 'Lees meer' titles, durations). The cache keys on these."""
    pages = sorted((f.src_uri, f.url) for f in files.documentation_pages())
    meta = [(src, content_model.page_meta(docs / src)) for src, _ in pages if (docs / src).is_file()]
    sources = sorted(Path(bank.path) for bank in banks)  # the bank files themselves (name and bytes)
    root = _root(config)
    return ([root / path for path in sources], config.site_url or "", config.use_directory_urls, pages, meta)


class QuizPages:
    """One per build: the question banks, the LMS export cache and the SCORM packages being filled in."""

    def __init__(self):
        self.banks: dict = {}  # bank name -> quiz_model bank
        self.cache: build_cache.Cache | None = None  # the LMS exports (made again only when an input changed)
        self.scorm_files: dict = {}  # package name -> generated File, filled in on_env
        self.lessons: dict = {}  # bank name -> scorm_export.Lesson (the module page's text)
        self.inputs: tuple = ()  # what the exports read (_export_inputs)
        self.url_for = None

    def bank_of(self, page):
        return next((b for b in self.banks.values() if b.page == page.file.src_path), None)

    def on_files(self, files, config):
        quiz_model.clear_caches()  # `mkdocs serve` rebuilds in the same process
        banks, problems = quiz_model.load_banks(_root(config))
        if problems:
            raise PluginError("Toetsvragen kloppen niet:\n" + "\n".join(map(str, problems)))
        banks = quiz_order.in_module_order(banks)  # Module 1, 2, ... as on the site
        self.banks = {bank.name: bank for bank in banks}

        def url_for(docs_path: str) -> str:
            # The address of the page on the published site (directory URLs), also in a build
            # without them (the offline folder): its LMS files are then the same as online.
            page, _, anchor = docs_path.partition("#")
            url = content_model.page_url(page) if files.get_file_from_path(page) else page
            return (config.site_url or "") + url + (f"#{anchor}" if anchor else "")

        docs = Path(config["docs_dir"])
        assets = sorted(p for p in scorm_export.ASSETS.rglob("*") if p.is_file())  # player, schemas
        self.cache = build_cache.Cache(
            "lms", _root(config), version=build_cache.digest(*[(p.name, p.read_bytes()) for p in assets]),
            code=[quiz_model, quiz_order, quiz_export, QTI_EXPORT, scorm_export], libraries=["mkdocs-quiz"])
        self.inputs = _export_inputs(banks, files, config, docs)

        def make_exports() -> dict:
            qti_export = importlib.import_module(QTI_EXPORT)  # only when the exports are made again
            made = quiz_export.export_files(banks, url_for, docs)
            made.update(qti_export.export_files(banks, url_for, docs))
            return made

        exports = self.cache.get_or_make_files(("exports", self.inputs), make_exports)
        for name, content in exports.items():
            files.append(File.generated(config, f"{quiz_export.EXPORT_DIR}/{name}", content=content))
        self.scorm_files, self.lessons, self.url_for = {}, {}, url_for
        for name in scorm_export.export_names(banks):  # filled in on_env, once the lessons are rendered
            self.scorm_files[name] = File.generated(config, f"{quiz_export.EXPORT_DIR}/{name}", content=b"")
            files.append(self.scorm_files[name])
        return files

    def on_page_markdown(self, markdown, page, config, files):
        """The training markers through the Markdown extension's functions (scripts/markdown_extension/kennisbank.py),
        with this page: the module list, the module facts and the banks as <quiz> Markdown for mkdocs-quiz."""
        if "<!--" not in markdown:
            return markdown
        docs = Path(config["docs_dir"])
        shown = kennisbank.page_from_file(page.file.src_path, docs, url=page.url, meta=page.meta)
        banks = kennisbank.Banks(_root(config), list(self.banks.values()), docs)
        try:
            # The banks first: a wrong marker is then reported at its line in the page as written.
            markdown = kennisbank.expand_quizzes(markdown, banks, shown)
            markdown = kennisbank.expand_module_facts(markdown, banks, shown)
            return kennisbank.expand_module_list(
                markdown, banks, shown, url_of=lambda src: files.get_file_from_path(src).url)
        except kennisbank.MarkerError as exc:
            raise PluginError(str(exc)) from None

    def on_page_content(self, html, page, config, files):
        """The module page's lesson text for its SCORM package, before mkdocs-quiz puts in the quiz."""
        bank = self.bank_of(page)
        if bank is not None:
            try:
                lesson = scorm_export.lesson_from_page_content(html)
            except ValueError as exc:
                raise PluginError(f"docs/{page.file.src_path}: SCORM-pakket: {exc}") from exc
            site = config.site_url or ""
            self.lessons[bank.name] = scorm_export.Lesson(
                bank.name, lesson, site + content_model.page_url(page.file.src_uri), base=site + page.url, site=site)
        return html

    def on_post_page(self, output, page, config):
        """Key the finished quiz HTML by question id, not position (quiz_model.key_by_question_id)."""
        bank = self.bank_of(page)
        if bank is None:
            return output
        try:
            return quiz_model.key_by_question_id(output, bank)
        except ValueError as exc:
            raise PluginError(f"docs/{page.file.src_path}: {exc}") from exc

    def on_env(self, env, config, files):
        if self.scorm_files:
            docs = Path(config["docs_dir"])
            lessons = self.lessons
            try:
                packages = self.cache.get_or_make_files(
                    ("scorm", self.inputs, sorted(lessons.items())),
                    lambda: scorm_export.export_files(list(self.banks.values()), lessons, self.url_for, docs))
            except ValueError as exc:
                raise PluginError(f"SCORM-pakket: {exc}") from exc
            for name, content in packages.items():
                self.scorm_files[name].content_bytes = content
        return env

    def on_post_build(self, config):
        if self.cache is not None:
            self.cache.finish()
