"""mkdocs-quiz's stylesheet and script as cacheable files instead of inline code in every quiz page.

mkdocs-quiz 1.7.1 appends its whole CSS (10 KB) and JS (44 KB) inline to every page with a quiz,
so a reader who opens five modules downloads them five times. The build step QuizAssetFiles (below)
writes them once, minified as first_view.py serves the site's own files, as
site/assets/quiz/quiz.<hash>.css and .js (the hash changes with the content, so a host may cache
them for a long time) and replaces the inline blocks with a <link> and a <script src> at the same
place in the page:

- the <script> keeps its place and has no `defer`, so it runs at the same moment as the inline
  code did (before Material's bundle; with instant navigation Material reloads scripts in the
  page content in order);
- the <link> stays in the page content, so instant navigation to a quiz page brings it along.

Only the exact blocks the plugin writes are replaced. If an upgrade of mkdocs-quiz changes them,
nothing is replaced and the pages keep the inline code (tests/build/test_quiz_assets.py then fails).

After a build by another generator (Zensical), `python -m scripts.build.quiz_assets --site DIR` writes
the same two files into the finished site.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from scripts.build import first_view

ASSET_DIR = "assets/quiz"
_INNER = re.compile(r"\A<(style|script)\b[^>]*>(?P<body>.*)</\1>\Z", re.S)


@dataclass(frozen=True)
class Asset:
    inline: str  # the exact block mkdocs-quiz appends to a page
    path: str  # site path of the file, e.g. assets/quiz/quiz.1a2b3c4d.css
    content: str

    def tag(self, href: str) -> str:
        if self.path.endswith(".css"):
            return f'<link rel="stylesheet" href="{href}">'
        return f'<script src="{href}"></script>'


def make_asset(inline: str, ext: str) -> Asset | None:
    match = _INNER.match(inline or "")
    if not match or not match.group("body").strip():
        return None
    body = first_view.minified(f".{ext}", match.group("body"))  # served without comments (first_view.py)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:8]
    return Asset(inline=inline, path=f"{ASSET_DIR}/quiz.{digest}.{ext}", content=body)


def plugin_assets() -> list[Asset]:
    """The CSS and JS blocks of the installed mkdocs-quiz (empty if it has none)."""
    from mkdocs_quiz import plugin

    found = (make_asset(getattr(plugin, "style", ""), "css"), make_asset(getattr(plugin, "js_script", ""), "js"))
    return [asset for asset in found if asset]


def externalise(html: str, assets: list[Asset], href_for) -> str:
    """Replace each inline block by a tag that loads the file; href_for(path) gives the relative URL."""
    for asset in assets:
        if asset.inline in html:
            html = html.replace(asset.inline, asset.tag(href_for(asset.path)))
    return html


class QuizAssetFiles:
    """Build step, one per build: the plugin's blocks as files (on_files), linked from quiz pages (on_post_page)."""

    def __init__(self):
        self.assets: list[Asset] = []

    def on_files(self, files, config):
        self.assets = plugin_assets()
        for asset in self.assets:
            files.append(File.generated(config, asset.path, content=asset.content))
        return files

    def on_post_page(self, output, page, config):
        if not self.assets or 'class="quiz' not in output:  # cheap: most pages have no quiz
            return output
        return externalise(output, self.assets, lambda path: get_relative_url(path, page.url))


def write_files(site) -> list:
    """The plugin's CSS and JS as the site's files, into a site another generator built (Zensical, issue
    34: there the Markdown extension links them from each quiz page, and no build step writes them)."""
    written = []
    for asset in plugin_assets():
        path = Path(site) / asset.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(asset.content, encoding="utf-8")
        written.append(path)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="mkdocs-quiz's CSS and JS as files in a built site")
    parser.add_argument("--site", type=Path, required=True)
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"{args.site}: geen gebouwde site (map ontbreekt)", file=sys.stderr)
        return 1
    for path in write_files(args.site):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
