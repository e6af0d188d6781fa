"""Shared by the browser tests: axe-core as the site's accessibility tests run it, the page as
the reader sees it once settled (SETTLED, also for the tap-size test), and the list of built pages
(tests/content/test_accessibility.py, test_pa11y.py, test_third_party.py and the SCORM package test)."""
from __future__ import annotations

import json
from pathlib import Path

from scripts import ROOT

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
