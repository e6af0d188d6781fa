"""PDF files from the built site, with WeasyPrint: no browser, no network.

- Step cards: each page under handelen/stapkaarten/ that holds a card becomes one A4 PDF, made
  from the built page with the site's own print CSS (docs/assets/stapkaart.css, stapkaart-print.css, print.css). A
  card that needs more than one page stops the build with the page's name.
- The whole knowledge base: the print page that scripts/exports/print_page.py makes from a finished
  site (cover, table of contents, every page of the nav), with the page numbers of its table of
  contents and of every sheet from docs/assets/print.css.

Used by scripts/build/print_builds.py during the build and by print_page.py; `python -m
scripts.exports.print_pdf HTML PDF` renders one built page by hand (for trying out the print CSS), and
`python -m scripts.exports.print_pdf --kennisbank PRINTPAGINA PDF` a print page.
"""
from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

A4_MM = (210, 297)
PDF_VARIANT = "pdf/ua-1"  # tagged PDF for assistive technology (WeasyPrint 70)

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


def render_site(print_page: Path, pdf: Path) -> Rendered:
    """The whole knowledge base (the print page of scripts/exports/print_page.py) as one PDF."""
    from scripts.exports.print_page import TOC_ID

    if not print_page.is_file():
        raise PrintError(f"{print_page}: de printpagina ontbreekt; maak hem met "
                         f"python -m scripts.exports.print_page --site MAP --out {print_page}")
    if f'id="{TOC_ID}"' not in print_page.read_text(encoding="utf-8"):
        raise PrintError(f"{print_page}: geen printpagina met een inhoudsopgave; maak hem met "
                         "python -m scripts.exports.print_page")
    return render(print_page, pdf)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("html", type=Path, help="een gebouwde pagina (index.html)")
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--kennisbank", action="store_true", help="HTML is de printpagina van de hele kennisbank (scripts/exports/print_page.py)")
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
