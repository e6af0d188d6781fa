"""A question bank as the HTML mkdocs-quiz writes, for a build in which mkdocs-quiz does not run.

In the MkDocs build mkdocs-quiz renders the quizzes: the bank becomes ``<quiz>`` Markdown
(quiz_model.render_bank) and the plugin turns that into HTML. Zensical runs no MkDocs plugins, so there
the Markdown extension (scripts/markdown_extension/kennisbank.py) renders the same bank to the same HTML itself:
the same elements, classes, ids, data attributes and texts (the translations of locales/nl.po), the
intro and results blocks, the progress sidebar and the scripts mkdocs-quiz appends to the page, and
then the stable keys of quiz_model.key_by_question_id (the ids and values voortgang.js and mkdocs-quiz's
own JS store a learner's answers under). mkdocs-quiz's CSS and JS are loaded from the files the site
ships (scripts/build/quiz_assets.py) or written inline, as mkdocs-quiz does.

mkdocs-quiz 1.7 has no public function that renders one quiz (its renderer is a private method of the
plugin, bound to MkDocs' page and files), so the templates below follow its plugin.py. Nothing of
mkdocs-quiz is replaced; tests/build/test_markdown_extension.py compares this HTML with what mkdocs-quiz
itself writes for the same bank and fails when an upgrade writes something else.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

from scripts.model import content_model, quiz_model, quiz_order

INTRO = "<!-- mkdocs-quiz intro -->"
RESULTS = "<!-- mkdocs-quiz results -->"
QUIZ_PLUGIN = "mkdocs_quiz"
# mkdocs-quiz's option defaults (its config_scheme) and the ones a page may set in its front matter.
DEFAULTS = {
    "show_correct": True, "auto_submit": True, "disable_after_submit": True, "auto_number": False,
    "shuffle_answers": False, "show_progress": True, "confetti": True, "progress_sidebar_position": "top",
    "language": None, "custom_translations": {},
}
PAGE_OPTIONS = ("show_correct", "auto_submit", "disable_after_submit", "auto_number", "shuffle_answers",
                "show_progress")
_FILL_BLANK = re.compile(r"\[\[([^\]]+)\]\]")  # mkdocs-quiz's FILL_BLANK_REGEX


@dataclass(frozen=True)
class QuizSettings:
    """mkdocs-quiz's settings for the site (its entry under plugins: in mkdocs.yml) and the theme."""

    options: dict
    root: Path
    material: bool = True  # the progress sidebar is only written for Material
    theme_language: str | None = None

    @classmethod
    def from_site(cls, root: Path) -> "QuizSettings":
        config = content_model.site_config(root) if (root / "mkdocs.yml").is_file() else {}
        options = dict(DEFAULTS)
        for item in config.get("plugins") or []:
            if isinstance(item, dict) and QUIZ_PLUGIN in item:
                options.update(item[QUIZ_PLUGIN] or {})
        theme = config.get("theme") or {}
        name = theme.get("name") if isinstance(theme, dict) else theme
        language = theme.get("language") if isinstance(theme, dict) else None
        return cls(options, root, material=name in ("material", "materialx", None), theme_language=language)

    def for_page(self, meta: dict) -> dict:
        options = {key: self.options[key] for key in PAGE_OPTIONS}
        quiz = meta.get("quiz")
        if isinstance(quiz, dict):
            options.update({k: v for k, v in quiz.items() if k in options})
        return options

    def translations(self, meta: dict):
        from mkdocs_quiz.translations import TranslationManager  # its public translation class

        language = self.theme_language or "en"  # mkdocs-quiz's order: theme, its own option, the page
        if self.options.get("language") is not None:
            language = self.options["language"]
        quiz = meta.get("quiz")
        if isinstance(quiz, dict) and quiz.get("language"):
            language = quiz["language"]
        custom = (self.options.get("custom_translations") or {}).get(language)
        return TranslationManager(language, self.root / custom if custom else None)


def relative_url(url: str, from_url: str) -> str:
    """``url`` (relative to the site root) as a link from the page at ``from_url``, the way MkDocs writes
    it (mkdocs.utils.get_relative_url; the same rule, so that it also holds where MkDocs is not there)."""
    path, hash_, anchor = url.partition("#")
    dirname, _, basename = from_url.rpartition("/")
    if "." in basename:
        from_url = dirname

    def parts(p: str) -> list[str]:
        p = posixpath.normpath("/" + p.lstrip("/"))[1:]  # a leading slash is ignored
        return p.split("/") if p else []

    other, dest = parts(from_url), parts(path)
    common = 0
    for a, b in zip(other, dest):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(other) - common) + dest[common:]) or "."
    return (rel + "/" if path.endswith("/") else rel) + hash_ + anchor


def site_url(src: str, directory_urls: bool = True) -> str:
    """The URL of a docs page (relative to docs/) on the site, as MkDocs names it: x/y/ (x/y.html)."""
    if not directory_urls:
        return src[:-3] + ".html" if src.endswith(".md") else src
    return content_model.page_url(src) or "./"  # the home page's file URL


class _PageLinks:
    """Links to pages (x.md, ../y.md#z) as the page's URLs, like MkDocs' own link rewriting."""

    def __init__(self, page_path: str, page_url: str):
        self.page_path, self.page_url = page_path, page_url
        self.directory_urls = not page_url.endswith(".html")

    def __call__(self, root: etree.Element) -> None:
        for element in root.iter("a"):
            href = element.get("href")
            if not href or re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", href):
                continue
            target, hash_, anchor = href.partition("#")
            if not target.endswith(".md"):
                continue
            src = posixpath.normpath(posixpath.join(posixpath.dirname(self.page_path), target))
            element.set("href", relative_url(site_url(src, self.directory_urls), self.page_url) + hash_ + anchor)


def fragment_markdown(root: Path, page_path: str, page_url: str, links: str = "urls"):
    """A converter for the parts of a quiz (question, answers, feedback, explanation), as mkdocs-quiz
    makes one: the site's Markdown extensions (MkDocs' built-in ones first) and, with links="urls", links
    to pages as their URLs (MkDocs does not rewrite links in HTML); links="source" keeps them as written
    (x.md), for a host that rewrites the links of the finished HTML itself (Zensical)."""
    import markdown
    from markdown.treeprocessors import Treeprocessor

    names, configs = content_model.markdown_setup(root)
    names = [n for n in ("toc", "tables", "fenced_code") if n not in names] + list(names)
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    rewrite = _PageLinks(page_path, page_url)

    class Links(Treeprocessor):
        def run(self, root):
            rewrite(root)

    if links == "urls":
        md.treeprocessors.register(Links(md), "kennisbank_quiz_links", 1)
    return md


class BankHtml:
    """One bank on one page, rendered the way mkdocs-quiz renders its ``<quiz>`` Markdown."""

    def __init__(self, bank: quiz_model.Bank, page_path: str, meta: dict, settings: QuizSettings, docs: Path,
                 page_url: str | None = None, links: str = "urls"):
        self.bank, self.page_path, self.meta, self.docs = bank, page_path, meta, docs
        self.page_url = page_url if page_url is not None else content_model.page_url(page_path)
        self.links = links  # "urls": as the site's URLs; "source": as written in the page (fragment_markdown)
        self.settings = settings
        self.options = settings.for_page(meta)
        self.t = settings.translations(meta)
        self.md = fragment_markdown(settings.root, page_path, self.page_url, links)

    def convert(self, text: str) -> str:
        self.md.reset()
        return self.md.convert(text)

    @staticmethod
    def _inline(converted: str) -> str:
        return re.sub(r"^\s*<p>(.*)</p>\s*$", r"\1", converted, flags=re.S)

    def parts(self) -> list[tuple[str, str]]:
        """The bank in page order: ("html", block) for mkdocs-quiz's blocks, ("markdown", text) for a
        case's admonition, which the page's own conversion renders (as in the MkDocs build)."""
        out = [("html", self.intro())]
        number = 0
        for item in self.bank.items:
            questions = item.questions if isinstance(item, quiz_model.Case) else [item]
            if isinstance(item, quiz_model.Case):
                out.append(("markdown", quiz_model.render_case(item)))
            for question in questions:
                out.append(("html", self.question(question, number)))
                number += 1
        out.append(("html", self.results()))
        return out

    def keyed(self, html_text: str) -> str:
        """The stable ids and option values the MkDocs build gives the same HTML (post_page)."""
        return quiz_model.key_by_question_id(html_text, self.bank)

    def _after(self, question) -> str:
        return f"{question.explanation}\n\n{quiz_model.read_more(question, self.page_path, self.docs)}"

    def _header(self, quiz_id: int) -> str:
        if not self.options["auto_number"]:
            return ""
        return f'<h4 class="quiz-number">{self.t.get("Question {n}", n=quiz_id + 1)}</h4>'

    def question(self, question, quiz_id: int) -> str:
        if question.kind == "invullen":
            return self._fill_blank(question, quiz_id)
        options = self.options
        ordered = quiz_order.options_in_order(question)
        as_checkboxes = sum(1 for o in ordered if o.correct) > 1
        quiz_header_id = f"quiz-{quiz_id}"
        question_html = self.convert(quiz_model.question_prompt(question))
        answers = []
        for i, option in enumerate(ordered):
            input_id = f"quiz-{quiz_id}-{i}"
            input_type = "checkbox" if as_checkboxes else "radio"
            correct_attr = 'data-correct="true"' if option.correct else ""
            label = self._inline(self.convert(option.text))
            feedback = ""
            if option.feedback and option.feedback.strip():
                feedback = f'<div class="answer-feedback hidden">{self._inline(self.convert(option.feedback))}</div>'
            answers.append(
                f'<div><input type="{input_type}" name="answer" value="{html.escape(str(i))}" '
                f'id="{input_id}" {correct_attr}>'
                f'<label for="{input_id}">{label}</label>'
                f"{feedback}</div>"
            )
        content_html = self.convert("\n" + self._after(question))
        data_attrs = []
        if options["show_correct"]:
            data_attrs.append('data-show-correct="true"')
        if options["auto_submit"]:
            data_attrs.append('data-auto-submit="true"')
        if options["disable_after_submit"]:
            data_attrs.append('data-disable-after-submit="true"')
        if options["shuffle_answers"]:
            data_attrs.append('data-shuffle-answers="true"')
        attrs = " ".join(data_attrs)
        submit_button = (
            "" if options["auto_submit"] and not as_checkboxes
            else f'<button type="submit" class="quiz-button">{self.t.get("Submit")}</button>'
        )
        question_header = self._header(quiz_id)
        answers_html = "".join(answers)
        return dedent(f"""
            <div class="quiz" {attrs} id="{quiz_header_id}">
                <a href="#{quiz_header_id}" class="quiz-header-link">#</a>
                {question_header}
                <div class="quiz-question" id="{quiz_header_id}-question">
                    {question_html}
                </div>
                <form action="javascript:void(0);" onsubmit="return false;">
                    <fieldset aria-labelledby="{quiz_header_id}-question">{answers_html}</fieldset>
                    <div class="quiz-feedback hidden"></div>
                    {submit_button}
                </form>
                <section class="content hidden">{content_html}</section>
            </div>
        """).strip()

    def _fill_blank(self, question, quiz_id: int) -> str:
        options = self.options
        prompt = quiz_model.question_prompt(question).replace(quiz_model.BLANK, f"[[{question.answer}]]")
        blanks: dict[str, str] = {}

        def hold(match: re.Match) -> str:
            placeholder = f"<!--BLANK_PLACEHOLDER_{len(blanks)}-->"
            blanks[placeholder] = match.group(1).strip()
            return placeholder

        question_html = self.convert("\n" + _FILL_BLANK.sub(hold, prompt) + "\n")
        for number, (placeholder, answer) in enumerate(blanks.items()):
            field = (
                f'<input type="text" class="quiz-blank-input" '
                f'id="quiz-{quiz_id}-blank-{number}" data-answer="{html.escape(answer)}" autocomplete="off" '
                f'size="{max(5, len(answer) + 2)}" aria-label="{self.t.get("Answer")}">'
            )
            question_html = question_html.replace(placeholder, field)
        content_html = self.convert(self._after(question) + "\n")
        data_attrs = ['data-quiz-type="fill-blank"']
        if options["show_correct"]:
            data_attrs.append('data-show-correct="true"')
        if options["disable_after_submit"]:
            data_attrs.append('data-disable-after-submit="true"')
        attrs = " ".join(data_attrs)
        quiz_header_id = f"quiz-{quiz_id}"
        question_header = self._header(quiz_id)
        submit_text = self.t.get("Submit")
        return dedent(f"""
            <div class="quiz quiz-fill-blank" {attrs} id="{quiz_header_id}">
                <a href="#{quiz_header_id}" class="quiz-header-link">#</a>
                {question_header}
                <div class="quiz-question">
                    {question_html}
                </div>
                <form action="javascript:void(0);" onsubmit="return false;">
                    <div class="quiz-feedback hidden"></div>
                    <button type="submit" class="quiz-button">{submit_text}</button>
                </form>
                <section class="content hidden">{content_html}</section>
            </div>
        """).strip()

    def intro(self) -> str:
        t = self.t
        intro_text = t.get(
            "Quiz results are saved to your browser's local storage and will persist between sessions.")
        return dedent(f"""
            <div class="quiz-intro">
                <p>{intro_text}</p>
                <button type="button" class="md-button quiz-intro-reset">{t.get("Reset quiz")}</button>
            </div>
        """).strip()

    def results(self) -> str:
        t = self.t
        return dedent(f"""
            <div id="quiz-results" class="quiz-results">
                <div class="quiz-results-progress">
                    <h3>{t.get("Quiz Progress")}</h3>
                    <p class="quiz-results-stats">
                        <span class="quiz-results-answered">0</span> / <span class="quiz-results-total">0</span> {t.get("questions answered")}
                        (<span class="quiz-results-percentage">0%</span>)
                    </p>
                    <p class="quiz-results-correct-stats">
                        <span class="quiz-results-correct">0</span> {t.get("correct")}
                    </p>
                </div>
                <div class="quiz-results-complete hidden">
                    <h2 class="quiz-results-title">{t.get("Quiz Complete!")}</h2>
                    <div class="quiz-results-score-display">
                        <span class="quiz-results-score-value">0%</span>
                    </div>
                    <p class="quiz-results-message"></p>
                    <button type="button" class="md-button md-button--primary quiz-results-reset">{t.get("Reset quiz")}</button>
                </div>
            </div>
        """).strip()

    def sidebar(self) -> str:
        t = self.t
        quiz_progress, answered, correct, reset = (
            t.get("Quiz Progress"), t.get("Answered:"), t.get("Correct:"), t.get("Reset"))
        return dedent(f"""
            <div id="quiz-progress-sidebar" aria-label="{quiz_progress}" style="display: none;">
              <!-- mkdocs-quiz progress sidebar (desktop) -->
              <label class="md-nav__title">
                <span class="md-nav__icon md-icon"></span>
                {quiz_progress}
              </label>
              <ul class="md-nav__list" data-md-component="quiz-progress">
                <li class="md-nav__item">
                  <div class="md-nav__link">
                    <span class="md-ellipsis">
                      {answered} <span class="quiz-progress-answered">0</span> / <span class="quiz-progress-total">0</span> (<span class="quiz-progress-answered-percentage">0%</span>)
                    </span>
                  </div>
                </li>
                <li class="md-nav__item">
                  <div class="md-nav__link">
                    <div class="quiz-progress-bar">
                      <div class="quiz-progress-bar-incorrect" style="width: 0%"></div>
                      <div class="quiz-progress-bar-correct" style="width: 0%"></div>
                    </div>
                  </div>
                </li>
                <li class="md-nav__item">
                  <div class="md-nav__link quiz-correct-reset">
                    <span class="md-ellipsis">
                      {correct} <span class="quiz-progress-score">0</span> / <span class="quiz-progress-score-total">0</span> (<span class="quiz-progress-score-percentage">0%</span>)
                    </span>
                    <a href="#" class="quiz-reset-all-link" style="color: var(--md-primary-fg-color); text-decoration: none;">
                      {reset}
                    </a>
                  </div>
                </li>
              </ul>
            </div>
            <nav id="quiz-progress-mobile" class="quiz-progress-mobile md-nav" aria-label="{quiz_progress}" style="display: none;">
              <!-- mkdocs-quiz progress sidebar (mobile) -->
              <div class="quiz-progress-bar">
                <div class="quiz-progress-bar-incorrect" style="width: 0%"></div>
                <div class="quiz-progress-bar-correct" style="width: 0%"></div>
              </div>
              <div data-md-component="quiz-progress">
                <div class="quiz-correct-reset">
                  <span class="md-ellipsis">
                    {answered} <span class="quiz-progress-answered">0</span> / <span class="quiz-progress-total">0</span>
                  </span>
                  <span class="md-ellipsis">
                    {correct} <span class="quiz-progress-score">0</span> / <span class="quiz-progress-score-total">0</span>
                  </span>
                  <a href="#" class="quiz-reset-all-link" style="color: var(--md-primary-fg-color); text-decoration: none;">
                    {reset}
                  </a>
                </div>
              </div>
            </nav>
        """).strip()

    def page_end(self, assets: str = "files") -> str:
        """What mkdocs-quiz appends to a page with quizzes: the sidebar (Material), its CSS, the
        translations and settings for its JS, its JS. ``assets``: "files" links the files the site
        ships (assets/quiz/, as the MkDocs build does after quiz_assets), "inline" writes them in."""
        from scripts.build import quiz_assets

        found = {a.path.rsplit(".", 1)[1]: a for a in quiz_assets.plugin_assets()}
        url = self.page_url

        def href(path: str) -> str:
            if self.links == "source":  # relative to the page's source file, as a link in its Markdown
                return posixpath.relpath(path, posixpath.dirname(self.page_path) or ".")
            return relative_url(path, url)

        def block(kind: str) -> str:
            asset = found.get(kind)
            if asset is None:
                return ""
            return asset.inline if assets == "inline" else asset.tag(href(asset.path))

        options = self.options
        confetti = bool(self.settings.options.get("confetti", True))
        confetti_script = ""
        if confetti:
            from mkdocs_quiz import js
            from importlib.resources import files

            body = (files(js) / "vendor" / "js-confetti.browser.js").read_text(encoding="utf-8")
            confetti_script = f'<script type="text/javascript">{body}</script>'
        translations_json = json.dumps(self.t.to_dict(), ensure_ascii=False)
        translations_script = dedent(f"""
            <script type="text/javascript">
            window.mkdocsQuizTranslations = {translations_json};
            </script>
        """).strip()
        show_progress = options.get("show_progress", True)
        position = self.settings.options.get("progress_sidebar_position", "top")
        config_script = dedent(f"""
            <script type="text/javascript">
            window.mkdocsQuizConfig = {{
              confetti: {str(confetti).lower()},
              showProgress: {str(show_progress).lower()},
              progressSidebarPosition: "{position}"
            }};
            </script>
        """).strip()
        auto_number_script = ""
        if options["auto_number"]:
            auto_number_script = dedent("""
                <script type="text/javascript">
                document.addEventListener("DOMContentLoaded", function() {
                  var article = document.querySelector("article") || document.querySelector("main") || document.body;
                  article.classList.add("quiz-auto-number");
                });
                </script>
            """).strip()
        sidebar = self.sidebar() if self.settings.material else ""
        return (sidebar + block("css") + confetti_script + translations_script + config_script + block("js")
                + auto_number_script)
