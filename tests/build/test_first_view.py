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


def test_minified_drops_comments_and_space_keeps_bang_comments():
    js = "/*! licence */\n// a note\nfunction add(a, b) {\n    return a + b;  /* sum */\n}\n"
    css = "/*! docs/assets/x.css */\n/* a note */\n.a  >  .b {\n  color : red ;\n}\n"
    small_js, small_css = first_view.minified("x.js", js), first_view.minified("x.css", css)
    assert small_js.startswith("/*! licence */") and "a note" not in small_js and "sum" not in small_js
    assert "function add(a,b){return a+b;}" in small_js
    assert small_css.startswith("/*! docs/assets/x.css */") and "a note" not in small_css
    assert ".a>.b{color:red}" in small_css
    assert first_view.minified("x.js", small_js) == small_js  # the pass may run twice
    assert first_view.minified("x.css", small_css) == small_css
    assert first_view.minified("x.html", js) == js


def test_write_minifies_the_docs_folders_own_files_only(tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    sources = {"assets/a.js": "// note\nvar a = 1;\n", "assets/b.css": "/* note */\n.b { color: red }\n",
               "assets/lib.min.js": "/* theirs */ var x = 1;", "assets/only-in-docs.js": "var c = 3;"}
    for rel, text in sources.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
        if rel != "assets/only-in-docs.js":
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).write_text(text, encoding="utf-8")
    (site / "assets/theme.js").write_text("// the theme's\nvar t = 1;\n", encoding="utf-8")
    view = first_view.FirstView.from_config([], docs)
    assert view.own == ["assets/a.js", "assets/b.css", "assets/only-in-docs.js"]
    view.write(site)
    view.write(site)
    assert (site / "assets/a.js").read_text(encoding="utf-8") == "var a=1;"
    assert (site / "assets/b.css").read_text(encoding="utf-8") == ".b{color:red}"
    assert (site / "assets/lib.min.js").read_text(encoding="utf-8") == sources["assets/lib.min.js"]
    assert (site / "assets/theme.js").read_text(encoding="utf-8") == "// the theme's\nvar t = 1;\n"
    assert not (site / "assets/only-in-docs.js").exists()
    assert (docs / "assets/a.js").read_text(encoding="utf-8") == sources["assets/a.js"]


def test_site_serves_the_docs_assets_minified(built_site):
    """Every script and stylesheet of docs/ is in the site as its minified text, and is smaller."""
    own = first_view.own_assets(ROOT / "docs")
    assert any(rel.endswith(".js") for rel in own) and any(rel.endswith(".css") for rel in own)
    for rel in own:
        source = (ROOT / "docs" / rel).read_text(encoding="utf-8")
        served = (built_site / rel).read_text(encoding="utf-8")
        assert served == first_view.minified(rel, source), rel
        assert len(served) < len(source), rel


@pytest.mark.parametrize("css, other, same", [
    ("/* x */\n.a > .b ,\n.c {\n  color : red ;\n}\n", ".a>.b,.c{color:red}", True),
    ("@media print {\n  a { color: red !important; }\n}", "@media print{a{color:red!important}}", True),
    (".a .b { x: 1 }", ".a.b{x:1}", False),  # a descendant is not the same element
    ("a { width: calc(1px + 2px) }", "a{width:calc(1px+2px)}", False),  # calc needs its spaces
    ("a::after { content: target-counter(attr(href url), page) }",
     "a::after{content:target-counter(attr(href url,page)}", False),  # what rcssmin 1.3.0 makes of it
])
def test_same_rules_reads_stylesheets_as_a_css_parser(css, other, same):
    assert first_view.same_rules(css, other) is same


def test_a_stylesheet_the_minifier_would_change_stays_as_written():
    css = "#inhoud a::after {\n  content: leader('.') target-counter(attr(href url), page);\n}\n"
    assert first_view.minified("print.css", css) == css
    assert first_view.minified("x.css", "/* note */\na { color: red }\n") == "a{color:red}"
