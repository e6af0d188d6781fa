"""PDF files from the built site, with WeasyPrint: no browser, no network.

- Step cards: each page under handelen/stapkaarten/ that holds a card becomes one A4 PDF, made
  from the built page with the site's own print CSS (docs/assets/stapkaart.css, stapkaart-print.css, print.css). A
  card that needs more than one page stops the build with the page's name.
- The whole knowledge base: the print page of mkdocs-print-site-plugin (mkdocs-print.yml) with a
  table of contents filled in here (the plugin fills it with JavaScript, which WeasyPrint does
  not run), page numbers from docs/assets/print.css.

Used by scripts/build/print_builds.py during the build; `python -m scripts.exports.print_pdf HTML PDF` renders
one built page by hand (for trying out the print CSS).
"""
from __future__ import annotations

import argparse
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path

A4_MM = (210, 297)
PDF_VARIANT = "pdf/ua-1"  # tagged PDF for assistive technology (WeasyPrint 70)

# The plugin's placeholder for the table of contents, and the theme's table of contents of the print
# page in the right sidebar (Material renders page.toc there: every section and page in nav order).
TOC_PLACEHOLDER = re.compile(r'(<nav role=[\'"]navigation[\'"] class=[\'"]print-page-toc-nav[\'"]>\s*<h1[^>]*>.*?</h1>)', re.S)
SIDEBAR_TOC = re.compile(
    r'<nav class="md-nav md-nav--secondary"[^>]*>.*?(<ul class="md-nav__list"[^>]*>.*</ul>)\s*</nav>\s*</div>\s*</div>\s*</div>',
    re.S,
)


class PrintError(Exception):
    """A PDF that cannot be made as promised (a card over one page, a missing file)."""


@dataclass
class Rendered:
    pdf: Path
    pages: int
    width_mm: float
    height_mm: float


def offline_fetcher():
    """WeasyPrint's URL fetcher for files of the built site only: never the network. A missing
    stylesheet or image stops the PDF instead of leaving it out silently."""
    from weasyprint import URLFetcher

    return URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)


def _quiet_weasyprint() -> None:
    # WeasyPrint reports every CSS property of Material it does not know (hundreds of lines).
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)


def render(html: Path | str, pdf: Path, *, base_url: str | None = None) -> Rendered:
    """Render one built HTML page (a file, or a string with base_url) to a PDF file."""
    from weasyprint import HTML

    _quiet_weasyprint()
    if isinstance(html, Path):
        document = HTML(filename=str(html), url_fetcher=offline_fetcher(), media_type="print")
    else:
        document = HTML(string=html, base_url=base_url, url_fetcher=offline_fetcher(), media_type="print")
    doc = document.render()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    # Tagged (PDF/UA-1): headings, lists, tables and reading order for screen readers, plus the
    # document's language and title from the page (WeasyPrint's PDF/UA variant).
    doc.write_pdf(str(pdf), pdf_variant=PDF_VARIANT)
    first = doc.pages[0]
    px_per_mm = 96 / 25.4
    return Rendered(pdf, len(doc.pages), first.width / px_per_mm, first.height / px_per_mm)


def render_card(html: Path, pdf: Path, shown: str) -> Rendered:
    """A step card as one A4 page; anything else is an error naming the page."""
    out = render(html, pdf)
    if out.pages != 1:
        pdf.unlink(missing_ok=True)
        raise PrintError(f"{shown}: de stapkaart past niet op één A4 ({out.pages} pagina's); maak de kaart korter")
    if abs(out.width_mm - A4_MM[0]) > 1 or abs(out.height_mm - A4_MM[1]) > 1:
        pdf.unlink(missing_ok=True)
        raise PrintError(f"{shown}: de pdf is {out.width_mm:.0f} x {out.height_mm:.0f} mm, geen A4")
    return out


def with_table_of_contents(html: str) -> str:
    """Put the theme's table of contents of the print page where the plugin's script would put it."""
    place = TOC_PLACEHOLDER.search(html)
    toc = SIDEBAR_TOC.search(html)
    if not place or not toc:
        raise PrintError("printpagina: geen inhoudsopgave gevonden (is print-site ingeschakeld?)")
    ul = toc.group(1).replace('data-md-component="toc"', "").replace("data-md-scrollfix", "")
    return html[: place.end()] + ul + html[place.end():]


def render_site(print_page: Path, pdf: Path) -> Rendered:
    """The whole knowledge base (print-site's page) as one PDF with a table of contents."""
    if not print_page.is_file():
        raise PrintError(f"{print_page}: de printpagina ontbreekt; bouw met mkdocs-print.yml")
    html = with_table_of_contents(print_page.read_text(encoding="utf-8"))
    return render(html, pdf, base_url=print_page.resolve().as_uri())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("html", type=Path, help="een gebouwde pagina (index.html)")
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--kennisbank", action="store_true", help="de printpagina van de hele kennisbank")
    args = parser.parse_args(argv)
    try:
        out = render_site(args.html, args.pdf) if args.kennisbank else render(args.html, args.pdf)
    except PrintError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{out.pdf}: {out.pages} pagina('s), {out.width_mm:.0f} x {out.height_mm:.0f} mm")
    return 0


if __name__ == "__main__":
    sys.exit(main())
