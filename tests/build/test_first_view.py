"""A light first view (issue 20), scripts/build/first_view.py: a stylesheet with print rules only
is linked with media="print", so the screen does not wait for it; any other stays as it is."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from scripts.build import first_view


@pytest.mark.parametrize("css, expected", [
    ("/* note */\n@media print {\n  a { color: black }\n  @page { @bottom-right { content: counter(page) } }\n}\n", True),
    ("@media print { a { color: black } }\n@media print { b { color: black } }", True),
    ("@media print { a { color: black } }\n.screen { color: red }", False),  # one screen rule: keep it blocking
    (".screen { color: red }", False),
    ("@media screen { a { color: black } }", False),
    ("@media print { a { color: black }", False),  # unbalanced: not sure, leave it
    ("/* only a comment */", False),
])
def test_print_only(css, expected):
    assert first_view.print_only(css) is expected


def test_stylesheets_of_every_page(built_site):
    """Every page links the print-only stylesheets with media="print" and the others as one file
    that holds each of them, in the order of mkdocs.yml, and nothing else."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    entries = re.findall(r"^  - (assets/\S+\.css)", config[config.index("extra_css:"):config.index("extra_javascript:")], re.M)
    assert entries
    printed = [e for e in entries if first_view.print_only((ROOT / "docs" / e).read_text(encoding="utf-8"))]
    screen = [e for e in entries if e not in printed]
    pages = [p for p in built_site.rglob("*.html") if 'id="__config"' in p.read_text(encoding="utf-8")]
    assert pages
    combined = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for entry in printed:
            links = re.findall(rf'<link rel="stylesheet" href="[^"]*{re.escape(entry)}"[^>]*>', html)
            assert links == [links[0]] and 'media="print"' in links[0], (page, entry, links)
        for entry in screen:
            assert not re.search(rf'href="[^"]*{re.escape(entry)}"', html), (page, entry)
        found = re.findall(rf'<link rel="stylesheet" href="[^"]*({first_view.BUNDLE_DIR}/kennisbank\.[0-9a-f]+\.css)">', html)
        assert len(found) == 1, (page, found)
        combined.add(found[0])
    assert len(combined) == 1, combined
    text = (built_site / combined.pop()).read_text(encoding="utf-8")
    assert text == first_view.joined([(e, (ROOT / "docs" / e).read_text(encoding="utf-8")) for e in screen])
