"""The HTML side of the build as one pass over the finished site folder (issue 34).

What needs the finished pages runs here, after any generator (MkDocs with Material now; a successor
such as Zensical, which runs no MkDocs plugins, later):

- the review notice with its due date (``data-controle-voor``, read by docs/assets/controle.js) before
  the page's ``<h1>``, and the page information (sources, owner, review date, "Laatst gewijzigd" and
  the change notes for readers, the 'Wijziging:' trailers of scripts/model/git_dates.py) at the end
  of the page's article: scripts/build/templates/;
- tap to call: every verified phone number in the page becomes a ``tel:`` link (phone_links.py, the
  phone model scripts/model/phones.py);
- the accessibility repairs (a11y_markup.py) and the first-view tweaks (first_view.py).

Each HTML file is matched to its source through the content model (``content_model.built_files``:
the page's URL, a blog post's URL from the blog's settings); its front matter and history come from
the models, nothing parses a page again. A file with the theme's page article
(``<article class="md-content__inner md-typeset">``) that no source maps to is an error, named by
file and line; the theme's 404 page is the one page without a source. Running the pass twice changes
nothing: every step leaves what it did before as it is.

The command, for a site another generator built::

    python -m scripts.build.output_pass --site DIR [--root .] [--config mkdocs.yml]

In MkDocs the build step ``output_pass`` (class OutputPass, run by scripts/build/plugin.py) is the
adapter: the step ``content`` checks each page and leaves its facts in ``page.meta``, and this pass
runs once in on_post_build with those facts, so the front matter is read only by MkDocs.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from scripts.build import a11y_markup, first_view, phone_links
from scripts.model import clock, content_model, git_dates

FACTS_KEY = "kennisbank_feiten"  # page.meta key by which the step `content` hands a page's facts on
NO_SOURCE = ("404.html",)  # the theme's page for a missing address: an article, no source
TEMPLATES = Path(__file__).with_name("templates")
ARTICLE = '<article class="md-content__inner md-typeset">'
ARTICLE_TAG_RE = re.compile(r"<(/?)article\b[^>]*>")
H1_RE = re.compile(r"<h1[\s>]")
MAIN_RE = re.compile(r"<main\b[^>]*>(.*)</main>", re.S)
BODY_RE = re.compile(r"<body\b[^>]*>(.*)</body>", re.S)
NOTICE_MARK = "data-controle-voor="
INFO_MARK = '<aside class="pagina-info"'


class OutputPassError(Exception):
    """Problems the pass cannot decide for itself, one ``bestand:regel: melding`` a line."""


@dataclass(frozen=True)
class Note:
    day: dt.date
    day_nl: str
    note: str


@dataclass(frozen=True)
class PageFacts:
    """What the pass adds to one page, from the content model and the git history."""

    src: str  # the source as messages name it: docs/...
    owner: str
    legal: bool
    checked: dt.date
    due: dt.date
    overdue: bool  # on the day of the build; controle.js checks again on the reader's day
    sources: tuple = ()  # front matter 'bronnen': {titel, url}
    changes: tuple = ()  # Note, newest first

    @property
    def checked_nl(self) -> str:
        return content_model.dutch_date(self.checked)

    @property
    def due_nl(self) -> str:
        return content_model.dutch_date(self.due)


def page_facts(page: content_model.Page, changes: list[git_dates.Change], today: dt.date,
               docs: str = "docs") -> PageFacts | None:
    """The facts of a checked page (no problems); None for a page without a review date."""
    due = page.review_due()
    if page.problems or due is None:
        return None
    return PageFacts(
        src=f"{docs}/{page.path}",
        owner=str(page.meta.get("eigenaar", "")),
        legal=page.is_legal,
        checked=page.meta["laatst_gecontroleerd"],
        due=due,
        overdue=page.overdue(today),
        sources=tuple(page.meta.get("bronnen") or ()),
        changes=tuple(Note(c.day, content_model.dutch_date(c.day), c.note) for c in changes),
    )


_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False,
                          undefined=jinja2.StrictUndefined)


def notice_html(facts: PageFacts) -> str:
    return _ENV.get_template("controle-melding.html").render(f=facts)


def info_html(facts: PageFacts) -> str:
    return _ENV.get_template("pagina-info.html").render(f=facts)


def article_span(html: str) -> tuple[int, int] | None:
    """Where the inside of the theme's page article starts and ends; None without one."""
    start = html.find(ARTICLE)
    if start < 0:
        return None
    depth, begin = 0, start + len(ARTICLE)
    for tag in ARTICLE_TAG_RE.finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return begin, tag.start()
    return None


def add_facts(html: str, facts: PageFacts) -> str:
    """The review notice before the article's <h1> and the page information at its end; a page that
    has them keeps them."""
    span = article_span(html)
    if span is None:
        return html
    begin, end = span
    inner = html[begin:end]
    if INFO_MARK not in inner:
        inner = inner.rstrip() + "\n\n" + info_html(facts) + "\n" + inner[len(inner.rstrip()):]
    if NOTICE_MARK not in inner:
        h1 = H1_RE.search(inner)
        at = h1.start() if h1 else 0
        inner = inner[:at] + notice_html(facts) + "\n\n\n" + inner[at:]
    return html[:begin] + inner + html[end:]


def link_phones(html: str, linker: phone_links.Linker) -> str:
    """Tap to call in the page's article (the theme's header, navigation, table of contents and footer
    hold no number to call, and a large site's navigation would cost most of the time), else in its
    <main>, or in its <body> for a theme without either."""
    span = article_span(html)
    if span:
        begin, end = span
        return html[:begin] + linker.link_html(html[begin:end]) + html[end:]
    part = MAIN_RE.search(html) or BODY_RE.search(html)
    if not part:
        return linker.link_html(html)
    return html[:part.start(1)] + linker.link_html(part.group(1)) + html[part.end(1):]


@dataclass(frozen=True)
class Settings:
    """What the pass needs of the site's configuration."""

    docs: Path
    directory_urls: bool = True
    extra_css: tuple = ()
    blog: content_model.Blog | None = None

    @classmethod
    def from_site_config(cls, root: Path, name: str = "mkdocs.yml") -> "Settings":
        config = content_model.site_config(root, name)
        return cls(docs=root / str(config.get("docs_dir") or "docs"),
                   directory_urls=bool(config.get("use_directory_urls", True)),
                   extra_css=tuple(str(e) for e in config.get("extra_css") or ()),
                   blog=content_model.Blog.from_site_config(config))


@dataclass
class Mapped:
    """The pages of a site by their HTML file (relative to the site root): every page with a source and
    its facts (None when the build has none for it); the pages a generator made without a source of
    ours (blog archives); the problems of pages whose front matter is not right."""

    pages: dict = field(default_factory=dict)  # HTML file -> PageFacts | None
    generated: set = field(default_factory=set)  # HTML files
    problems: dict = field(default_factory=dict)  # HTML file -> ["bestand:regel: melding"]
    # An HTML file with the page article that is none of these is an error. Not in MkDocs: there every
    # page of a source is known, and another file is a plugin's own page, which the pass leaves as the plugin
    # wrote it.
    strict: bool = True


def model_pages(root: Path, settings: Settings, today: dt.date) -> Mapped:
    """Every page of the content model with its facts, by the HTML files it can become."""
    docs_rel = settings.docs.relative_to(root).as_posix() if settings.docs.is_relative_to(root) else "docs"
    history = git_dates.history(root, (docs_rel, content_model.RULES_DIR))
    rules = content_model.rule_includes(root)
    mapped = Mapped()
    for path in sorted(settings.docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        page = content_model.load_page(path, settings.docs, today, text)
        changes = git_dates.page_changes(history, [f"{docs_rel}/{page.path}", *rules(text)])
        facts = page_facts(page, changes, today, docs_rel)
        try:
            files = content_model.built_files(page.path, page.meta, settings.directory_urls, settings.blog)
        except ValueError as exc:  # a post without a date: its HTML cannot be found
            files = (content_model.page_file(page.path, settings.directory_urls),)
            where = f"{docs_rel}/{page.path}:{page.lines.get('date', 1)}"
            mapped.problems.setdefault(files[0], []).append(f"{where}: {exc}")
        for name in files:
            mapped.pages.setdefault(name, facts)
            if page.problems:
                mapped.problems.setdefault(name, []).extend(str(p) for p in page.problems)
    return mapped


@dataclass
class Result:
    files: int = 0
    changed: int = 0


def run(site_dir: Path, root: Path, *, settings: Settings | None = None, mapped: Mapped | None = None,
        today: dt.date | None = None, shown: str | None = None) -> Result:
    """The pass over every HTML file of ``site_dir`` (built from the project at ``root``). Without
    ``mapped`` the pages and their facts come from the models; ``shown`` is how messages name the
    site folder. Raises OutputPassError with every problem found, before any file is written."""
    site, root = Path(site_dir), Path(root)
    settings = settings or Settings.from_site_config(root)
    mapped = mapped if mapped is not None else model_pages(root, settings, today or clock.today())
    shown = shown or site.as_posix()
    linker = phone_links.linker(root / "config")
    view = first_view.FirstView.from_config(settings.extra_css, settings.docs)
    problems: list[str] = []
    out: dict[Path, str] = {}
    result = Result()
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        result.files += 1
        if rel in mapped.problems:
            problems += mapped.problems[rel]
            continue
        source = rel in mapped.pages
        if not source and not mapped.strict and rel not in mapped.generated and rel not in NO_SOURCE:
            continue  # a plugin's own file, written after the pages: as it wrote it
        if not source and mapped.strict and rel not in mapped.generated and rel not in NO_SOURCE and ARTICLE in html:
            line = html.count("\n", 0, html.find(ARTICLE)) + 1
            problems.append(f"{shown}/{rel}:{line}: geen bron in {settings.docs.name}/ voor deze pagina "
                            f"(het contentmodel kent geen pagina met dit adres)")
            continue
        new = html
        if source:
            facts = mapped.pages[rel]
            new = link_phones(add_facts(new, facts) if facts else new, linker)
        new = view.rewrite(a11y_markup.fix_page(new))
        if new != html:
            out[path] = new
    if problems:
        raise OutputPassError("\n".join(problems))
    for path, text in out.items():
        path.write_text(text, encoding="utf-8")
    view.write(site)
    result.changed = len(out)
    return result


class OutputPass:
    """Build step (the MkDocs adapter): the facts of every page once all are rendered (on_env), the
    pass over the site once it is written (on_post_build)."""

    def __init__(self):
        self.mapped = Mapped()

    def on_env(self, env, config, files):
        self.mapped = Mapped(strict=False)
        for file in files.documentation_pages():
            if file.generated_by or not file.abs_src_path or file.page is None:
                self.mapped.generated.add(file.dest_uri)
            else:
                self.mapped.pages[file.dest_uri] = file.page.meta.get(FACTS_KEY)
        return env

    def on_post_build(self, config):
        from mkdocs.exceptions import PluginError

        settings = Settings(docs=Path(config["docs_dir"]), directory_urls=config["use_directory_urls"],
                            extra_css=tuple(str(e) for e in config.get("extra_css") or ()))
        root = Path(config["config_file_path"]).resolve().parent
        try:
            run(Path(config["site_dir"]), root, settings=settings, mapped=self.mapped)
        except OutputPassError as exc:
            raise PluginError(f"de laatste stap over de gebouwde site:\n{exc}") from exc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="De laatste stap over een gebouwde site: tel:-links, "
                                                 "controledatum, wijzigingen, toegankelijkheid, eerste blik.")
    parser.add_argument("--site", required=True, type=Path, help="de map met de gebouwde site")
    parser.add_argument("--root", type=Path, default=Path("."), help="de map van het project (met mkdocs.yml)")
    parser.add_argument("--config", default="mkdocs.yml", help="het configuratiebestand in --root")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if not any(args.site.rglob("*.html")):
        print(f"{args.site}: geen gebouwde site (geen .html-bestanden)", file=sys.stderr)
        return 1
    try:
        result = run(args.site, root, settings=Settings.from_site_config(root, args.config))
    except (OutputPassError, OSError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{args.site}: {result.files} pagina's gelezen, {result.changed} aangepast")
    return 0


if __name__ == "__main__":
    sys.exit(main())
