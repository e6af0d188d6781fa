"""MkDocs hook: tap to call. Every verified phone number in a page's content becomes a tel: link.

Runs on the rendered HTML of each page (after the plugins), so pages, step cards and the
sociale kaart table all get their links from the number itself, never typed twice. Verified
means on config/toegestane-nummers.txt, read by scripts/model/personal_data.py. Thin on purpose: the
rules live in scripts/build/phone_links.py.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority


from scripts.build import phone_links


@event_priority(-90)  # after the plugins and the other hooks have written the page content
def on_page_content(html, page, config, files):
    config_dir = Path(config["config_file_path"]).resolve().parent / "config"
    return phone_links.linker(config_dir).link_html(html)
