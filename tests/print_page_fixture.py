"""A small project and a small hand-written site for the print page's tests (tests/exports/test_print_page.py,
tests/bench/test_zensical_pdf.py): no generator, a few pages in the shape of the theme's (an article per page),
the invented region's profile (tests/voorbeeldregio) and the project's own cover."""
from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import voorbeeldregio
from conftest import ROOT
from scripts.exports import print_page

DAY = dt.date(2027, 3, 4)

CONFIG = textwrap.dedent("""\
    site_name: Proef
    site_description: Een kleine site om te proberen.
    nav:
      - Start: index.md
      - Deel:
          - deel/index.md
          - Een: deel/een.md
          - Twee: deel/twee.md
      - Samenwerking:
          - samenwerking/index.md
      - Over: regio/over/index.md
    """)

# The pages of the site, by their HTML file: (title, the article's inside).
PAGES = {
    "index.html": ("Proef", '<p>Naar <a href="deel/een/">deel een</a> en <a href="deel/twee/#kop">kop twee</a>.</p>'),
    "deel/index.html": ("Het deel", "<p>Over het deel.</p>"),
    "deel/een/index.html": ("Pagina een", textwrap.dedent("""\
        <h2 id="kop">Kop<a class="headerlink" href="#kop" title="Link naar dit kopje">&para;</a></h2>
        <p><a href="#">boven</a> <a href="../twee/">twee</a> <a href="../twee/#kop">kop van twee</a>
        <a href="../twee/#weg">een anker dat twee niet heeft</a> <a href="../../">start</a>
        <a href="https://example.org/x#y">buiten</a> <a href="mailto:redactie@example.org">mail</a>
        <a href="tel:+31201234567">bel</a> <a href="../../downloads/sjabloon.docx" download>Word</a>
        <a href="../../regio/nieuws/2026/01/05/bericht/">een bericht buiten het menu</a></p>
        <form><input type="radio" id="vraag-1" name="v" aria-describedby="uitleg-1"><label for="vraag-1">Ja</label>
        <p id="uitleg-1">Uitleg.</p></form>
        <p><img src="../../assets/beeld%20een.png" alt="Een beeld"></p>
        <svg><defs><linearGradient id="kleur"></linearGradient></defs><rect fill="url(#kleur)"></rect></svg>
        <script>document.write("alleen op het scherm")</script>
        """)),
    "deel/twee/index.html": ("Pagina twee", '<h2 id="kop">Kop</h2>\n<p>Terug naar <a href="../een/#kop">een</a>.</p>'),
    "samenwerking/index.html": ("Samenwerking", "<p>Samen.</p>"),
    "regio/samenwerking/sociale-kaart/index.html": ("Sociale kaart", "<p>Wie je belt.</p>"),
    "regio/over/index.html": ("Over deze site", "<p>Over.</p>"),
    "regio/nieuws/2026/01/05/bericht/index.html": ("Bericht", "<p>Nieuws.</p>"),
}
# The nav as built: mkdocs.yml's, with the invented region's menu (tests/voorbeeldregio/profiel.yml).
NAV_ORDER = ["index.html", "deel/index.html", "deel/een/index.html", "deel/twee/index.html", "samenwerking/index.html",
             "regio/samenwerking/sociale-kaart/index.html", "regio/over/index.html"]


def built_page(file: str, title: str, inner: str) -> str:
    up = "../" * file.count("/")
    return (f'<!doctype html>\n<html lang="nl" class="no-js">\n<head>\n<title>{title}</title>\n'
            f'<link rel="stylesheet" href="{up}assets/site.css">\n'
            f'<link rel="stylesheet" href="{up}assets/stapkaart-print.css" media="print">\n'
            f'<script src="{up}assets/site.js"></script>\n</head>\n'
            f'<body dir="ltr" data-md-color-scheme="default">\n<nav><a href="{up}">menu</a></nav>\n'
            f'<div class="md-content"><article class="md-content__inner md-typeset">\n'
            f'<h1 id="{title.lower().replace(" ", "-")}">{title}</h1>\n{inner}\n</article></div>\n'
            f'<footer><a href="#nergens">voet</a></footer>\n</body>\n</html>\n')


def write(tmp_path: Path) -> tuple[Path, Path]:
    """(the project, its site): a project with the invented region and the cover, and a site of PAGES."""
    root, site = tmp_path / "project", tmp_path / "site"
    (root / "config" / "print").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    shutil.copy(ROOT / print_page.COVER_TEMPLATE, root / print_page.COVER_TEMPLATE)
    voorbeeldregio.install(root)
    for file, (title, inner) in PAGES.items():
        (site / file).parent.mkdir(parents=True, exist_ok=True)
        (site / file).write_text(built_page(file, title, inner), encoding="utf-8")
    (site / "assets").mkdir()
    for name in ("site.css", "stapkaart-print.css", "site.js", "beeld een.png"):
        (site / "assets" / name).write_text("/* */", encoding="utf-8")
    return root, site
