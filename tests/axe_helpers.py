"""Shared by the browser tests: axe-core as the site's accessibility tests run it, the page as
the reader sees it once settled (SETTLED, also for the tap-size test), the list of built pages
(tests/content/test_accessibility.py, test_pa11y.py, test_third_party.py and the SCORM package test),
and the guard that records and blocks requests to another host (guard_context: the accessibility
sweep and test_third_party.py)."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = (
    "axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})" % json.dumps(WCAG_TAGS)
)


def page_paths(site: Path) -> list[str]:
    """Every built page as a URL path relative to the site root ('' is the home page)."""
    paths = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        paths.append("" if rel == "." else rel + "/")
    return paths


def quiz_paths(site: Path) -> list[str]:
    return [p for p in page_paths(site) if 'class="quiz' in (site / p / "index.html").read_text(encoding="utf-8")]


def describe(violations: list[dict]) -> list[str]:
    out = []
    for v in violations:
        for node in v["nodes"]:
            why = " ".join((node.get("failureSummary") or "").split())[:200]
            out.append(f"{v['id']} ({v['impact']}): {' '.join(map(str, node['target']))} — {v['help']}. {why}")
    return out


# The page as the reader sees it once it has settled and been scrolled through: no transition or
# animation half-way (colours are judged in their final state), and every element laid out. A group
# below the screen waits for the reader (content-visibility: auto, docs/assets/sociale-kaart.css):
# axe would call its contrast incomplete, which the tests do not read, and its boxes measure 0 x 0.
SETTLED = ("*, *::before, *::after { transition: none !important; animation: none !important; "
             "content-visibility: visible !important; }")


def run_axe(page) -> list[str]:
    page.add_style_tag(content=SETTLED)
    return describe(page.evaluate(AXE_RUN)["violations"])


def guard_context(context, site_url: str, block: bool = True) -> list[str]:
    """Record every request the context makes to a host other than the site's own (data: and blob:
    URLs are the page's own) and, with block, abort it. Returns the list the URLs go into, in the
    order the requests were made; it fills for as long as the context lives, so a request made after
    'load' is caught too. Blocking routes every request, which turns off the browser's HTTP cache in
    the context: the every-page sweep records only, so each page does not fetch and compile
    Material's CSS and JS again."""
    own = urlsplit(site_url).netloc

    def elsewhere(url: str) -> bool:
        return not url.startswith(("data:", "blob:")) and urlsplit(url).netloc not in (own, "")

    foreign: list[str] = []
    context.on("request", lambda request: foreign.append(request.url) if elsewhere(request.url) else None)
    if block:
        context.route("**/*", lambda route: route.abort() if elsewhere(route.request.url) else route.continue_())
    return foreign
