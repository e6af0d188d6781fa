"""Build step for the site's own search (issue 34; Material's `search` plugin is off): every page's
documents for the index (scripts/build/search_tuning.py: sections, `zoekwoorden`, no quiz markup),
written as search/search_index.js at the end of the build.

The index is read when the page's content is final (on_page_context, after the blog plugin has
filled its index pages; when each handler runs: scripts/build/plugin.py). Nothing is put into the
pages: the header's search box (overrides/partials/zoeken.html) and docs/assets/javascripts/zoeken.js
load lunr and the index only when the reader first uses search (issue 20: a light first view).

After a build by another generator (Zensical: `make zensical`), `python -m scripts.build.search_index
--site DIR [--config mkdocs-offline.yml]` makes the same index from the finished pages (the config says
whether the pages have directory URLs).
"""
from __future__ import annotations

import argparse
import html as html_lib
import re
import sys
from pathlib import Path

from scripts.build import search_tuning
from scripts.model import content_model, project


class SearchIndex:
    """One per build: the index documents of every page, in build order."""

    def __init__(self):
        self.docs: dict[str, list[dict]] = {}  # page URL -> its documents

    def on_page_context(self, context, page, config, nav):
        self.docs[page.url] = search_tuning.page_entries(page.content or "", page.url, page.title, page.meta)
        return context

    def on_post_build(self, config):
        search_tuning.write_index(Path(config["site_dir"]), [doc for docs in self.docs.values() for doc in docs],
                                  Path(config["config_file_path"]).resolve().parent)


# --- the same index for a site that another generator built (Zensical, issue 34) ------------------
# There no build step sees page.content: each page's own content is read back from the finished HTML,
# the theme's <article> from the page's title (<h1>) to our page-info partial (overrides/partials).
ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.S)
PAGE_INFO = '<aside class="pagina-info"'
NO_PAGE = ("404.html",)  # the theme's page for a missing address: an article and a title, no page of ours


def page_content(html: str) -> str | None:
    """A built page's own content, or None for a file without an <article> and a title (404, redirects)."""
    found = ARTICLE.search(html)
    if not found:
        return None
    body = found.group(1)
    start = body.find("<h1")
    if start < 0:
        return None
    end = body.find(PAGE_INFO, start)
    return body[start:end if end >= 0 else len(body)]


def site_entries(site: Path, docs: Path, directory_urls: bool = True) -> list[dict]:
    """The index documents of every page of a built site, with each page's front matter from the model
    where its HTML file is a page of docs/ (a blog post's date URL has none: its title comes from its <h1>).
    Without directory URLs (the offline folder, mkdocs-offline.yml) each page is its own x/y.html and its
    address is that file, as MkDocs indexes it there; the theme's 404.html is no page."""
    sources = {content_model.page_file(p.relative_to(docs).as_posix(), directory_urls): p
               for p in sorted(docs.rglob("*.md"))}
    entries = []
    for html_file in sorted(site.rglob("index.html" if directory_urls else "*.html")):
        rel = html_file.relative_to(site).as_posix()
        if rel in NO_PAGE:
            continue
        url = rel[: -len("index.html")] if directory_urls else rel
        content = page_content(html_file.read_text(encoding="utf-8"))
        if content is None:
            continue
        source = sources.get(rel)
        meta = content_model.page_meta(source) if source else {}
        title = meta.get("title") or re.sub(r"<[^>]+>", "", content[: content.find("</h1>")]).replace("¶", "")
        entries += search_tuning.page_entries(content, url, html_lib.unescape(title).strip(), meta)
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="search/search_index.js for a site another generator built")
    project.project_argument(parser)
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--config", default="mkdocs.yml",
                        help="de config van de site in de projectmap (mkdocs-offline.yml: zonder directory-URL's)")
    args = project.parse_args(parser, argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: geen gebouwde site (index.html ontbreekt)", file=sys.stderr)
        return 1
    entries = site_entries(args.site, args.root / "docs", content_model.directory_urls(args.root, args.config))
    path = search_tuning.write_index(args.site, entries, args.root)
    print(f"{path}: {len(entries)} documenten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
