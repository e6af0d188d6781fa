"""The site's markers as a Python-Markdown extension (issue 34), so they work in any generator that runs
Python-Markdown with mkdocs.yml's ``markdown_extensions`` (MkDocs, Zensical), not only in a MkDocs plugin.

In mkdocs.yml::

    markdown_extensions:
      - scripts.markdown_extension.kennisbank:
          root: !relative $config_dir    # the project folder (quizzes/, data/, config/); default: this checkout

The markers, on a line of their own and never inside code (content_model.sub_outside_code):

- ``<!-- toets: <bank> -->``: the question bank quizzes/<bank>.yml (quiz_model). Under MkDocs the build
  step quiz_pages has already made it mkdocs-quiz's ``<quiz>`` Markdown (``expand_quizzes`` below, before
  mkdocs-quiz reads the page), and mkdocs-quiz renders it. A marker that reaches the Markdown conversion
  had no plugin to do that: the extension renders the bank as mkdocs-quiz's HTML itself (quiz_html.py,
  option ``quiz_html``, on by default), with the same ids and stored-answer keys, and the page loads
  mkdocs-quiz's CSS and JS (``quiz_assets``: the files the site ships, or inline).
- ``<!-- module-feiten -->``: audience, duration and objectives from the page's front matter.
- ``<!-- toets-modules -->``: the modules as JSON for docs/assets/voortgang.js.
- ``<!-- tabel: <register> -->``: a register from data/ as a table (registers).
- ``{{ invullen: ... }}``: a fill-in field of a template, as its highlighted span (templates_docx).

Each is one function of (text, ...) -> text that asks the models; the MkDocs build steps call the same
functions with the page they have (scripts/build/quiz_pages.py, tables.py, word_files.py), so after them
the conversion finds no marker left and the extension changes nothing. The page being converted: the one
the host names (Zensical's rendering context), else the page of the bank a toets marker names; without
either, the module list and module facts stay as comments. A marker naming a bank or register that does
not exist stops the conversion with MarkerError: file and line when the page is known, else the marker's
line and the bank or register.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from scripts import ROOT
from scripts.model import content_model, quiz_model, quiz_order, registers

MODULES_MARKER = "<!-- toets-modules -->"
FACTS_MARKER = "<!-- module-feiten -->"
QUIZ_ENABLED = "quiz: {enabled: true}"
_PLACEHOLDER = "<!-- kennisbank-blok-{n} -->"
_PLACEHOLDER_RE = re.compile(r"<!-- kennisbank-blok-(\d+) -->")


class MarkerError(ValueError):
    """A marker the models cannot fill in; the message names file and line (or the marker's bank)."""


@dataclass(frozen=True)
class Page:
    """The page whose Markdown is converted."""

    path: str  # relative to docs/, e.g. signalering/signalen-herkennen.md
    meta: dict = field(default_factory=dict)  # its front matter
    url: str | None = None  # its URL relative to the site root; default: directory URLs
    first_line: int = 1  # the line in the file of the text's first line (after the front matter)

    @property
    def page_url(self) -> str:
        return self.url if self.url is not None else content_model.page_url(self.path)

    def where(self, line: int) -> str:
        return f"docs/{self.path}:{line + self.first_line - 1}"


def page_from_file(path: str, docs: Path, url: str | None = None, meta: dict | None = None) -> Page:
    """A docs page by its path relative to docs/, with its front matter from the content model."""
    source = docs / path
    first = 1
    if source.is_file():
        lines = source.read_text(encoding="utf-8").splitlines()
        first = content_model.body_start(lines) + 1
        while first <= len(lines) and lines[first - 1] == "" and first > 1:
            first += 1  # MkDocs gives the text after the front matter without its leading empty lines
    meta = content_model.page_meta(source) if meta is None and source.is_file() else (meta or {})
    return Page(path, meta, url, first)


class Banks:
    """The question banks of a project, in module order (quiz_order), loaded on first use."""

    def __init__(self, root: Path = ROOT, banks: list | None = None, docs: Path | None = None):
        self.root = Path(root)
        self.docs = Path(docs) if docs is not None else self.root / "docs"
        self._banks = {b.name: b for b in banks} if banks is not None else None  # given: in module order

    @property
    def by_name(self) -> dict:
        if self._banks is None:
            loaded, problems = quiz_model.load_banks(self.root)
            if problems:
                raise MarkerError("Toetsvragen kloppen niet:\n" + "\n".join(map(str, problems)))
            self._banks = {b.name: b for b in quiz_order.in_module_order(loaded)}
        return self._banks

    def of_page(self, path: str):
        return next((b for b in self.by_name.values() if b.page == path), None)


def _lines(pattern: re.Pattern, text: str) -> dict[int, int]:
    """Start offset -> line number (from 1) of every match outside code."""
    masked = content_model.masked_text(text)
    return {m.start(): masked.count("\n", 0, m.start()) + 1 for m in pattern.finditer(masked)}


def _sub(pattern: re.Pattern, text: str, repl: Callable[[re.Match, int], str]) -> str:
    """content_model.sub_outside_code, with the line number of each match."""
    lines = _lines(pattern, text)
    return content_model.sub_outside_code(pattern, lambda m: repl(m, lines[m.start()]), text)


# --- the markers, one function each ---------------------------------------------------------------------

def expand_module_list(text: str, banks: Banks, page: Page, url_of: Callable[[str], str] | None = None) -> str:
    """``<!-- toets-modules -->`` as the JSON list voortgang.js reads: per module its page (relative to
    this page), question count, answer keys and duration. url_of(docs path) gives a page's URL in this
    build (default: directory URLs)."""
    if MODULES_MARKER not in text:
        return text
    from scripts.markdown_extension import quiz_html

    url_of = url_of or content_model.page_url
    docs = banks.docs

    def data(match, line) -> str:
        modules = [
            {
                "id": bank.name,
                "titel": bank.title,
                "url": quiz_html.relative_url(url_of(bank.page), page.page_url),
                "vragen": len(bank.questions),
                "sleutels": [quiz_model.question_key(q) for q in bank.questions],  # where the answers are stored
                "duur": quiz_model.module_duration(bank, docs),
            }
            for bank in banks.by_name.values()  # in module order
        ]
        # '<' escaped so the JSON can never close the script element.
        body = json.dumps({"drempel": quiz_model.PASS_FRACTION, "modules": modules}, ensure_ascii=False)
        body = body.replace("<", "\\u003c")
        return f'<script type="application/json" id="toets-modules">{body}</script>'

    return _sub(re.compile(re.escape(MODULES_MARKER)), text, data)


def expand_module_facts(text: str, banks: Banks, page: Page) -> str:
    """``<!-- module-feiten -->``: audience, duration and objectives from the page's front matter."""
    if FACTS_MARKER not in text:
        return text
    bank = banks.of_page(page.path)
    return _sub(re.compile(re.escape(FACTS_MARKER)), text,
                lambda m, line: quiz_model.render_module_facts(page.meta, bank))


def quiz_markers(text: str) -> list[tuple[str, int]]:
    """(bank name, line) of every toets marker outside code."""
    return [(m.group(1), line) for line, m in content_model.finditer_outside_code(quiz_model.MARKER_RE, text)]


def expand_quizzes(text: str, banks: Banks, page: Page, render: Callable | None = None) -> str:
    """``<!-- toets: <bank> -->`` as the bank: render(bank, page) gives the text that replaces the
    marker, by default mkdocs-quiz's ``<quiz>`` Markdown (quiz_model.render_bank)."""
    if "<!--" not in text or not quiz_markers(text):
        return text
    quiz_meta = page.meta.get("quiz")
    if not (isinstance(quiz_meta, dict) and quiz_meta.get("enabled") is True):
        raise MarkerError(f"docs/{page.path}: deze pagina toont een toets; zet '{QUIZ_ENABLED}' in de front matter")
    docs = banks.docs
    render = render or (lambda bank, page: quiz_model.render_bank(bank, page.path, docs))

    def replace(match, line) -> str:
        name = match.group(1)
        bank = banks.by_name.get(name)
        if bank is None:
            raise MarkerError(
                f"{page.where(line)}: '{match.group(0).strip()}' verwijst naar quizzes/{name}.yml, "
                f"maar die vragenbank bestaat niet (wel: {', '.join(sorted(banks.by_name)) or 'geen'})")
        if bank.page != page.path:
            raise MarkerError(f"{page.where(line)}: toets '{name}' hoort volgens quizzes/{name}.yml op docs/{bank.page}")
        return render(bank, page)

    return _sub(quiz_model.MARKER_RE, text, replace)


def expand_fields(text: str) -> str:
    """``{{ invullen: ... }}`` as the highlighted span of a template's fill-in field."""
    if "invullen" not in text:
        return text
    from scripts.exports import templates_docx

    return templates_docx.fields_to_html(text)


def expand_tables(text: str, root: Path, page: Page | None = None) -> str:
    """``<!-- tabel: <register> -->`` as the register's table; an unknown register or a data file with
    problems raises MarkerError with file and line."""
    if "tabel:" not in text:
        return text
    where = page.where if page is not None else (lambda line: f"regel {line}")
    for name, line in registers.markers(text):
        if name not in registers.REGISTERS:
            raise MarkerError(f"{where(line)}: {registers.unknown_marker_message(name)}")

    def replace(match, line) -> str:
        table, problems = registers.render(match.group(1), root)
        if problems:
            shown = f"docs/{page.path}" if page is not None else f"regel {line}"
            raise MarkerError(f"Tabel '{match.group(1)}' op {shown} kan niet worden gemaakt:\n"
                              + "\n".join(map(str, problems)))
        return table

    return _sub(registers.MARKER_RE, text, replace)


# --- the extension ------------------------------------------------------------------------------------

def host_page(md, docs: Path) -> Page | None:
    """The page the host says it is converting: Zensical registers a preprocessor with a ``page`` (path,
    url, meta). Read only; None when the host says nothing (MkDocs, a plain markdown.markdown call)."""
    for processor in md.preprocessors:
        page = getattr(processor, "page", None)
        path = getattr(page, "path", None)
        if isinstance(path, str) and path.endswith(".md"):
            source = Path(path)
            if source.is_absolute():
                try:
                    path = source.resolve().relative_to(docs.resolve()).as_posix()
                except ValueError:
                    return None
            meta = getattr(page, "meta", None)
            url = getattr(page, "url", None)
            return page_from_file(path, docs, url.lstrip("/") if isinstance(url, str) else None,  # Zensical: /x/y/
                                  meta if isinstance(meta, dict) and meta else None)
    return None


class MarkerPreprocessor(Preprocessor):
    """Every marker of the page, before pymdownx.snippets includes the rules (as the MkDocs steps do it,
    on the page's own Markdown). Quiz HTML is held as a placeholder comment and put in afterwards."""

    def __init__(self, md, extension: "KennisbankExtension"):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        ext = self.extension
        ext.blocks, ext.page_end, ext.bank_html = [], "", None
        if "<!--" not in text and "invullen" not in text:
            return lines
        root = ext.root
        docs = root / "docs"
        banks = Banks(root)
        page = host_page(self.md, docs)
        ext.links = ext.getConfig("links")
        if ext.links == "auto":  # a host that names its page (Zensical) rewrites the links of the HTML itself
            ext.links = "source" if page is not None else "urls"
        named = quiz_markers(text) if "toets:" in text else []
        if page is None and named:
            known = [banks.by_name[name] for name, _ in named if name in banks.by_name]
            if known:
                page = page_from_file(known[0].page, docs)
        if page is None and named:
            unknown = ", ".join(name for name, _ in named)
            known = ", ".join(sorted(banks.by_name))
            raise MarkerError(f"{_first_line(text)}: een markering voor de training, maar de pagina is onbekend "
                              f"en geen vragenbank heet zo (toets: {unknown}; wel: {known})")
        # Without a page (no host names it, no bank marker), the module list and facts stay as they are:
        # HTML comments, as in a build without our steps.
        # The tables first, then the banks: a wrong marker is reported at its line in the text as written.
        text = expand_tables(text, root, page)
        if page is not None:
            text = expand_quizzes(text, banks, page, self._render if ext.getConfig("quiz_html") else None)
            text = expand_module_facts(text, banks, page)
            text = expand_module_list(text, banks, page)
        text = expand_fields(text)
        return text.split("\n")

    def _render(self, bank, page: Page) -> str:
        from scripts.markdown_extension import quiz_html

        ext = self.extension
        rendered = quiz_html.BankHtml(bank, page.path, page.meta, quiz_html.QuizSettings.from_site(ext.root),
                                      ext.root / "docs", page.page_url, ext.links)
        parts = []
        for kind, part in rendered.parts():
            if kind == "html":
                ext.blocks.append(part)
                part = _PLACEHOLDER.format(n=len(ext.blocks) - 1)
            parts.append(part)
        ext.bank_html = rendered
        ext.page_end = rendered.page_end(ext.getConfig("quiz_assets"))
        return "\n\n".join(parts) + "\n"


def _first_line(text: str) -> str:
    for name, line in quiz_markers(text):
        return f"regel {line} ('<!-- toets: {name} -->')"
    return "regel 1"


class QuizPostprocessor(Postprocessor):
    """The quiz HTML in place of its placeholders, mkdocs-quiz's page end after the content, and the
    stable keys (quiz_model.key_by_question_id) over the page, as the MkDocs build gives them."""

    def __init__(self, md, extension: "KennisbankExtension"):
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        ext = self.extension
        # Python-Markdown also runs postprocessors on parts (toc on a heading's text): only the page has them.
        if not ext.blocks or not _PLACEHOLDER_RE.search(text):
            return text
        # mkdocs-quiz appends its page end to the converted (stripped) content.
        text = _PLACEHOLDER_RE.sub(lambda m: ext.blocks[int(m.group(1))], text).strip() + ext.page_end
        try:
            return ext.bank_html.keyed(text)
        except ValueError as exc:
            raise MarkerError(str(exc)) from exc


class KennisbankExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "root": [str(ROOT), "the project folder: docs/, quizzes/, data/, config/ (default: this checkout)"],
            "quiz_html": [True, "a toets marker that reaches the conversion becomes mkdocs-quiz's HTML (True) "
                                "or its <quiz> Markdown (False, for a host that runs mkdocs-quiz afterwards)"],
            "quiz_assets": ["files", "mkdocs-quiz's CSS and JS: 'files' (assets/quiz/, as the site ships them) "
                                     "or 'inline'"],
            "links": ["auto", "links in the quiz HTML: 'urls' (the pages' URLs, as MkDocs writes them), 'source' "
                              "(as written, x.md, for a host that rewrites the links of the HTML: Zensical) or "
                              "'auto' (source when the host names the page it converts, else urls)"],
        }
        super().__init__(**kwargs)
        self.blocks: list[str] = []
        self.page_end = ""
        self.bank_html = None
        self.links = "urls"

    @property
    def root(self) -> Path:
        return Path(self.getConfig("root")).resolve()

    def extendMarkdown(self, md):
        md.registerExtension(self)
        # Before pymdownx.snippets (32) and the whitespace normaliser (30): the page's own text, as written.
        md.preprocessors.register(MarkerPreprocessor(md, self), "kennisbank_markers", 33)
        # After the raw HTML is back in the page (30) and before the entities (20).
        md.postprocessors.register(QuizPostprocessor(md, self), "kennisbank_quiz", 25)

    def reset(self):
        self.blocks, self.page_end, self.bank_html = [], "", None


def makeExtension(**kwargs) -> KennisbankExtension:
    return KennisbankExtension(**kwargs)
