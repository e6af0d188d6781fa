"""Build step: templates (sjablonen) as pages and as Word downloads.

- Every fill-in field ``{{ invullen: ... }}`` becomes a highlighted span on the page.
- Every page with ``download:`` (and every page in docs/convenanten/ except the index) is a
  template: its Word file is made by scripts/exports/templates_docx.py from the page's own HTML, as
  MkDocs gives it in on_page_content (one parse for page and download); a broken template stops the
  build with path:line.
- The Word file is written after the build to
  <site>/<section>/downloads/<name>.docx; the page gets a download button (inserted into
  the HTML, after MkDocs has validated the Markdown links, so the strict build does not
  look for a file that only exists after the build; lychee checks it in `make check`).

- A Word file is made only when its input changed: the build cache (scripts/build/build_cache.py,
  .cache/build/sjablonen/) is keyed by the page's rendered HTML, front matter and URL, the site URL
  and the code of scripts/exports/templates_docx.py and python-docx. A template whose HTML a build
  already wrote without error is that same HTML, so a broken one still stops the build.

Thin on purpose: the logic lives in scripts/exports/templates_docx.py. Run by scripts/build/plugin.py.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from scripts.build import build_cache
from scripts.exports import templates_docx
from scripts.markdown_extension import kennisbank

CACHE_NAME = "sjablonen"


def with_download_button(html: str, href: str, size: int) -> str:
    """The page's HTML with the Word file's download button after its title (or first, without one).
    Also used after a build by another generator (scripts/exports/all.py)."""
    size_kb = max(1, round(size / 1024))
    button = (
        '<p class="sjabloon-download">'
        f'<a class="md-button md-button--primary" href="{href}" download>'
        f"Download als Word-bestand (.docx, {size_kb} kB)</a></p>"
    )
    head_end = html.find("</h1>")
    if head_end == -1:
        return button + html
    head_end += len("</h1>")
    return html[:head_end] + button + html[head_end:]


class WordFiles:
    """One per build: the template pages, the Word files made so far, and their build cache."""

    def __init__(self):
        self.expected: dict[str, Path] = {}  # page path relative to docs/ -> source
        self.generated: dict[str, bytes] = {}  # page path relative to docs/ -> Word file
        self.cache: build_cache.Cache | None = None

    def on_config(self, config):
        root = Path(config["config_file_path"]).resolve().parent
        self.cache = build_cache.Cache(CACHE_NAME, root, code=[templates_docx], libraries=["python-docx"])
        docs = Path(config["docs_dir"])
        for path in templates_docx.template_pages(docs):
            self.expected[path.relative_to(docs).as_posix()] = path
        return config

    def on_page_markdown(self, markdown, page, config, files):
        return kennisbank.expand_fields(markdown)  # the Markdown extension's function (fields_to_html)

    def on_page_content(self, html, page, config, files):
        rel = page.file.src_uri
        if rel not in self.expected:
            return html
        docs = Path(config["docs_dir"])
        try:
            template = templates_docx.load_template(self.expected[rel], docs, html, page.url)
            site_url = config["site_url"] or "/"
            self.generated[rel] = self.cache.get_or_make(
                (template.cache_inputs(), site_url), lambda: templates_docx.build_docx(template, site_url))
        except templates_docx.TemplateError as exc:
            raise PluginError(f"Sjabloon kan niet worden omgezet naar Word:\n{exc}") from None
        href = get_relative_url(templates_docx.download_rel_path(rel), page.url)
        return with_download_button(html, href, len(self.generated[rel]))

    def on_post_build(self, config):
        missing = sorted(set(self.expected) - set(self.generated))
        if missing:
            raise PluginError(
                "Sjabloon niet gebouwd (staat het in de nav van mkdocs.yml?):\n"
                + "\n".join(f"docs/{rel}:1: geen Word-bestand gemaakt" for rel in missing)
            )
        site = Path(config["site_dir"])
        for rel, data in sorted(self.generated.items()):
            out = site / templates_docx.download_rel_path(rel)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
        self.cache.finish()
