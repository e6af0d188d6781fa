"""Build step: the site on paper and offline (issue 22).

- With `extra.stapkaart_pdf` on (KENNISBANK_PDF=1, as `make downloads` does): each step card (a page
  under handelen/stapkaarten/ with a <div class="stapkaart">) becomes a PDF of one A4 page, made
  with WeasyPrint from the built page and the site's print CSS, at
  handelen/stapkaarten/pdf/stapkaart-<naam>.pdf. The card links to its PDF (on screen only); the
  step card index lists them all, and the whole-site PDF and zip, after its paragraph marked
  <p class="stapkaart-pdfs">. Off in a plain build: WeasyPrint adds about 3 s to a 2.5 s build.
- Every page that holds a card, in every build, links docs/assets/stapkaart-print.css (print only):
  printed, such a page shows the card alone. Those rules need no CSS :has() this way, so they do
  not reach the print page (scripts/exports/print_page.py), which holds every card.
- `extra.uitvoer: map` (mkdocs-offline.yml): the site as a folder for file://. It needs no plugin:
  mkdocs-offline.yml turns directory URLs off, and the site's own search (scripts/build/search_index.py,
  issue 34) reads its index as a script and runs without a worker, from disk as from a server.

The whole knowledge base as one page and one PDF is no build of its own: scripts/exports/print_page.py
makes it from the finished site, after any generator. Thin on purpose: the rendering lives in
scripts/exports/print_pdf.py.
"""
from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from scripts.exports import print_pdf

CARDS_DIR = "handelen/stapkaarten/"
CARD_DIV = re.compile(r'<div class="stapkaart"')
CARD_PRINT_CSS = "assets/stapkaart-print.css"  # printing a card page: the card only (see that file)
INDEX_MARK = re.compile(r'<p class="stapkaart-pdfs">.*?</p>', re.S)
MODES = ("map",)
DOWNLOADS = (
    ("downloads/kennisbank.pdf", "De hele kennisbank als één pdf, met inhoudsopgave en bronnen"),
    ("downloads/kennisbank-offline.zip", "De hele kennisbank als map (zip) voor een usb-stick of het intranet: "
                                         "uitpakken en index.html openen"),
)


def pdf_path(src_uri: str) -> str:
    """Where the PDF of a card page is written in the site (the same with and without directory URLs)."""
    return f"{CARDS_DIR}pdf/stapkaart-{Path(src_uri).stem}.pdf"


def mode(config) -> str | None:
    value = (config.extra or {}).get("uitvoer")
    if value not in (None, *MODES):
        raise PluginError(f"extra.uitvoer: '{value}' onbekend; kies map (de printpagina maakt "
                          "python -m scripts.exports.print_page van de gebouwde site)")
    return value


def card_link_html(href: str) -> str:
    """The link on a card page to its PDF (on screen only), for this build step and for
    scripts/exports/all.py after another generator."""
    return (f'<p class="stapkaart-pdf alleen-scherm"><a href="{href}" download>'
            f'Download deze kaart als pdf</a> (één A4, om te mailen of te printen)</p>\n')


def with_card_print_css(html: str, href: str) -> str:
    """A card page's <head> with stapkaart-print.css (print only: printed, the page is its card)."""
    return html.replace("</head>", f'<link rel="stylesheet" href="{href}" media="print">\n</head>', 1)


def card_index_html(cards: list[tuple[str, str]], downloads: list[tuple[str, str]] = ()) -> str:
    """The list on the step card index: each card's PDF ((href, title as HTML)) and, for the site
    online, the whole-site downloads ((href, text)) that `make downloads` puts next to it."""
    items = "".join(f'<li><a href="{href}" download>{title}</a> (pdf)</li>' for href, title in cards)
    out = f'<ul class="stapkaart-pdfs__lijst">{items}</ul>'
    if downloads:
        links = "".join(f'<li><a href="{href}" download>{text}</a></li>' for href, text in downloads)
        out += f'<p>Voor de crisismap of zonder internet:</p><ul class="kennisbank-downloads">{links}</ul>'
    return out


def _card_link(page, target: str) -> str:
    return card_link_html(get_relative_url(target, page.url))


class PrintBuilds:
    """One per build: which output this is (mode), whether step card PDFs are made, and the cards
    found so far (for the PDFs in on_post_build)."""

    def __init__(self):
        self.mode: str | None = None  # None (the site) or "map" (extra.uitvoer)
        self.pdf = False  # step card PDFs in this build
        self.cards: dict = {}  # card page src_uri -> (PDF path in the site, the built page)
        self.linked: dict = {}  # PDF path in the site -> src_uri of the index page that links it

    def on_config(self, config):
        self.mode = mode(config)
        self.pdf = str(config.extra.get("stapkaart_pdf", "")).lower() in ("1", "true", "ja")
        return config

    def _index_list(self, page, files) -> str:
        section = page.parent.children if page.parent else []
        cards = [p for p in section if getattr(p, "is_page", False) and p.file.src_uri != page.file.src_uri]
        if not cards:  # not in the navigation: every other page in the folder
            cards = [f.page for f in files.documentation_pages()
                     if f.src_uri.startswith(CARDS_DIR) and f.src_uri != page.file.src_uri and f.page]
        items = []
        for card in cards:
            target = pdf_path(card.file.src_uri)
            self.linked[target] = page.file.src_uri
            items.append((get_relative_url(target, page.url), html_lib.escape(card.title or Path(card.file.src_uri).stem)))
        downloads = ([(get_relative_url(target, page.url), text) for target, text in DOWNLOADS]
                     if self.mode is None else [])  # the site online, not the folder
        return card_index_html(items, downloads)

    def on_page_content(self, html, page, config, files):
        src = page.file.src_uri
        if src.startswith(CARDS_DIR) and not page.file.generated_by:
            if self.pdf and CARD_DIV.search(html):
                target = pdf_path(src)
                self.cards[src] = (target, page.file.abs_dest_path)
                html = CARD_DIV.sub(lambda m: _card_link(page, target) + m.group(), html, count=1)
            elif src == CARDS_DIR + "index.md":
                mark = INDEX_MARK.search(html)
                if not self.pdf:  # no PDFs in this build: no sentence announcing them
                    html = INDEX_MARK.sub("", html)
                elif mark:
                    html = html[: mark.end()] + self._index_list(page, files) + html[mark.end():]
                else:
                    html += self._index_list(page, files)
        return html

    def on_post_page(self, output, page, config):
        src = page.file.src_uri
        if src.startswith(CARDS_DIR) and not page.file.generated_by and CARD_DIV.search(output):
            href = get_relative_url(CARD_PRINT_CSS, page.url)
            output = with_card_print_css(output, href)
        return output

    def on_post_build(self, config):
        site = Path(config.site_dir)
        if not self.pdf:
            return
        made = {target for target, _ in self.cards.values()}
        for target, index in self.linked.items():
            if target not in made:
                raise PluginError(f"docs/{index}: linkt naar {target}, maar die pagina heeft geen "
                                  f'<div class="stapkaart" markdown>')
        for src, (target, page_html) in self.cards.items():
            try:
                print_pdf.render_card(Path(page_html), site / target, f"docs/{src}")
            except print_pdf.PrintError as exc:
                raise PluginError(str(exc)) from exc
