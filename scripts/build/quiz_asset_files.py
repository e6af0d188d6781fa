"""MkDocs hook: mkdocs-quiz's CSS and JS as cacheable files under assets/quiz/, linked from
quiz pages instead of inlined in each of them. Thin on purpose: see scripts/build/quiz_assets.py.
"""
from __future__ import annotations


from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url


from scripts.build import quiz_assets

_assets: list = []


def on_files(files, config):
    _assets[:] = quiz_assets.plugin_assets()
    for asset in _assets:
        files.append(File.generated(config, asset.path, content=asset.content))
    return files


@event_priority(-60)  # after the plugins and the other hooks have written the page
def on_post_page(output, page, config):
    if not _assets or 'class="quiz' not in output:  # cheap: most pages have no quiz
        return output
    return quiz_assets.externalise(output, _assets, lambda path: get_relative_url(path, page.url))
