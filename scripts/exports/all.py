"""Every download into a built site folder, whatever generator built it (issue 34).

In the MkDocs build the plugin's steps make the downloads (scripts/build/quiz_pages.py, word_files.py,
print_builds.py). Zensical runs no MkDocs plugins, so after its build this command makes them from the
same models and exports, into the finished folder:

- lms:   the toetsen for a school's LMS (Moodle XML, GIFT, QTI 1.2/2.1) under signalering/export/
- scorm: the SCORM 1.2 packages, with each module page's lesson text taken from the built page (its
         content as the search index reads it, the quiz block cut out: scorm_export.lesson_from_built_page)
- word:  the Word files of the templates (rendered from their Markdown with the site's extensions), and
         the download button on each template page
- pdf:   the step cards as PDFs of one A4 (WeasyPrint, from the built card pages; needs `make pango`),
         linked from each card page and listed on the step card index

    python -m scripts.exports.all --site site-zensical [--project MAP] [--only lms,word] [--keep-going]
                                  [--config mkdocs-offline.yml]

With --config the pages are found as that config builds them (mkdocs-offline.yml: x/y.html, no directory
URLs) and linked relative to them; the LMS files link to the published site either way.

A kind that cannot be made is an error naming the page and why; with --keep-going the other kinds are
still made and the exit code is 0 (the Zensical feature report then tells what is missing).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.model import content_model, project, quiz_model, quiz_order, region

KINDS = ("lms", "scorm", "word", "pdf")


class ExportError(Exception):
    pass


def built_page(site: Path, rel_md: str, directory_urls: bool = True) -> Path:
    """The built HTML file of a page source (x/y/index.html, or x/y.html without directory URLs)."""
    path = site / content_model.page_file(rel_md, directory_urls)
    if not path.is_file():
        raise ExportError(f"docs/{rel_md}: de gebouwde pagina {path} ontbreekt")
    return path


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


class Downloads:
    def __init__(self, site: Path, root: Path, site_url: str | None = None, directory_urls: bool = True,
                 online: bool = True):
        self.site, self.root, self.docs = site, root, root / "docs"
        self.directory_urls = directory_urls  # off in the offline folder (mkdocs-offline.yml)
        self.online = online  # the site online (not the folder: extra.uitvoer): its card index links the downloads
        self.site_url = site_url if site_url is not None else region.site_url(root)
        self._banks = None

    def banks(self) -> list:
        if self._banks is None:
            banks, problems = quiz_model.load_banks(self.root)
            if problems:
                raise ExportError("Toetsvragen kloppen niet:\n" + "\n".join(map(str, problems)))
            self._banks = quiz_order.in_module_order(banks)
        return self._banks

    def url_for(self, docs_path: str) -> str:
        """A page on the published site (the LMS files link there, from the offline folder too)."""
        return self.site_url + content_model.page_url(docs_path)

    def page(self, rel_md: str) -> Path:
        return built_page(self.site, rel_md, self.directory_urls)

    def href(self, target: str, rel_md: str) -> str:
        """A link from the built page of ``rel_md`` to the site's file ``target``, relative."""
        from mkdocs.utils import get_relative_url

        return get_relative_url(target, content_model.page_address(rel_md, self.directory_urls))

    def lms(self) -> list[Path]:
        from scripts.exports import qti_export, quiz_export

        files = quiz_export.export_files(self.banks(), self.url_for, self.docs)
        files.update(qti_export.export_files(self.banks(), self.url_for, self.docs))
        return self._write_all(quiz_export.EXPORT_DIR, files)

    def scorm(self) -> list[Path]:
        from scripts.build import search_index
        from scripts.exports import quiz_export, scorm_export

        lessons = {}
        for bank in self.banks():
            page = self.page(bank.page)
            shown = f"docs/{bank.page}"
            content = search_index.page_content(page.read_text(encoding="utf-8"))
            if content is None:
                raise ExportError(f"{shown}: geen <article> met een titel in de gebouwde pagina {page}")
            try:
                text = scorm_export.lesson_from_built_page(content)
            except ValueError as exc:
                raise ExportError(f"{shown}: SCORM-pakket: {exc}") from None
            url = self.site_url + content_model.page_url(bank.page)
            # The page's relative links resolve against the address it was built for (x/y.html offline).
            base = self.site_url + content_model.page_address(bank.page, self.directory_urls)
            lessons[bank.name] = scorm_export.Lesson(bank.name, text, url, base=base, site=self.site_url)
        try:
            files = scorm_export.export_files(self.banks(), lessons, self.url_for, self.docs)
        except ValueError as exc:
            raise ExportError(f"SCORM-pakket: {exc}") from None
        return self._write_all(quiz_export.EXPORT_DIR, files)

    def word(self) -> list[Path]:
        from scripts.build.word_files import with_download_button
        from scripts.exports import templates_docx

        made = []
        for src in templates_docx.template_pages(self.docs):
            rel = src.relative_to(self.docs).as_posix()
            try:
                template = templates_docx.load_template(src, self.docs, url=content_model.page_url(rel))
                data = templates_docx.build_docx(template, self.site_url or "/")
            except templates_docx.TemplateError as exc:
                raise ExportError(f"Sjabloon kan niet worden omgezet naar Word:\n{exc}") from None
            target = templates_docx.download_rel_path(rel)
            _write(self.site / target, data)
            made.append(self.site / target)
            page = self.page(rel)
            html = page.read_text(encoding="utf-8")
            if 'class="sjabloon-download"' not in html:  # a second run adds no second button
                href = self.href(target, rel)
                page.write_text(with_download_button(html, href, len(data)), encoding="utf-8")
        return made

    def pdf(self) -> list[Path]:
        from scripts.build import print_builds
        from scripts.build.print_builds import CARD_DIV, CARD_PRINT_CSS, CARDS_DIR, pdf_path
        from scripts.exports import print_pdf

        made, cards = [], []
        for src in sorted((self.docs / CARDS_DIR).glob("*.md")):
            rel = src.relative_to(self.docs).as_posix()
            page = self.page(rel)
            html = page.read_text(encoding="utf-8")
            if not CARD_DIV.search(html):
                continue  # the index, or a page without a card
            if CARD_PRINT_CSS not in html:  # as print_builds does in MkDocs: printed, the page is its card
                href = self.href(CARD_PRINT_CSS, rel)
                html = print_builds.with_card_print_css(html, href)
                page.write_text(html, encoding="utf-8")
            try:
                print_pdf.render_card(page, self.site / pdf_path(rel), f"docs/{rel}")
            except print_pdf.PrintError as exc:
                raise ExportError(str(exc)) from None
            made.append(self.site / pdf_path(rel))
            cards.append(rel)
            href = self.href(pdf_path(rel), rel)
            if f'href="{href}"' not in html:  # on screen only, as in the MkDocs build (print_builds)
                link = print_builds.card_link_html(href)
                page.write_text(CARD_DIV.sub(lambda m: link + m.group(), html, count=1), encoding="utf-8")
        if not made:
            raise ExportError(f"docs/{CARDS_DIR}: geen gebouwde pagina met <div class=\"stapkaart\">")
        self._card_index(cards)
        return made

    def _card_index(self, cards: list[str]) -> None:
        """The step card index lists the PDFs after its paragraph <p class="stapkaart-pdfs"> and, online,
        the whole-site downloads, as in MkDocs (print_builds.card_index_html)."""
        import html as html_lib

        from scripts.build.print_builds import CARDS_DIR, DOWNLOADS, INDEX_MARK, card_index_html, pdf_path

        index_rel = CARDS_DIR + "index.md"
        if not (self.docs / index_rel).is_file():
            return
        page = self.page(index_rel)
        html = page.read_text(encoding="utf-8")
        mark = INDEX_MARK.search(html)
        if not mark or "stapkaart-pdfs__lijst" in html:
            return
        items = [(self.href(pdf_path(rel), index_rel),
                  html_lib.escape(str(content_model.page_meta(self.docs / rel).get("title") or Path(rel).stem)))
                 for rel in cards]
        downloads = [(self.href(target, index_rel), text) for target, text in DOWNLOADS] if self.online else []
        listed = card_index_html(items, downloads)
        page.write_text(html[: mark.end()] + listed + html[mark.end():], encoding="utf-8")

    def _write_all(self, folder: str, files: dict) -> list[Path]:
        paths = []
        for name, content in files.items():
            path = self.site / folder / name
            _write(path, content)
            paths.append(path)
        return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    project.project_argument(parser)
    parser.add_argument("--site", type=Path, required=True, help="de gebouwde site")
    parser.add_argument("--only", default=",".join(KINDS), help="welke soorten, met komma's: " + ", ".join(KINDS))
    parser.add_argument("--keep-going", action="store_true", help="een soort die niet lukt stopt de rest niet")
    parser.add_argument("--config", default="mkdocs.yml",
                        help="de config van de site in de projectmap (mkdocs-offline.yml: zonder directory-URL's)")
    args = project.parse_args(parser, argv)
    kinds = [k.strip() for k in args.only.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        parser.error(f"onbekende soort: {', '.join(unknown)} (kies uit {', '.join(KINDS)})")
    if not args.site.is_dir():
        print(f"{args.site}: geen gebouwde site (map ontbreekt)", file=sys.stderr)
        return 1
    extra = content_model.site_config(args.root, args.config).get("extra") or {}
    downloads = Downloads(args.site, args.root, directory_urls=content_model.directory_urls(args.root, args.config),
                          online=extra.get("uitvoer") is None)
    failed = 0
    for kind in kinds:
        try:
            made = getattr(downloads, kind)()
        except ExportError as exc:
            failed += 1
            print(f"{kind}: niet gemaakt: {exc}", file=sys.stderr)
            continue
        print(f"{kind}: {len(made)} bestanden in {args.site}")
    return 0 if args.keep_going or not failed else 1


if __name__ == "__main__":
    sys.exit(main())
