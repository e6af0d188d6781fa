"""The drill section: the glossary check (scripts/checks/glossary.py) on the real page and on
planted faults in a scratch copy, and the built pages (links to the training module and the legal
pages, the research citation, no names of victims or suspects)."""
from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

import content_model
from checks import glossary
from conftest import ROOT

GLOSSARY = ROOT / "docs" / "drillrap" / "begrippenlijst.md"
DRILL_PAGES = sorted((ROOT / "docs" / "drillrap").glob("*.md"))

# Names that appear in public reporting on Dutch drill cases (victims, suspects, convicted
# artists). None of them may appear on our pages: the site names no victim or suspect.
NAMES_NOT_TO_PUBLISH = [
    "Janga", "Chuchu", "Grootfaam", "TrappyDemon", "Lowland", "Alexio", "Aydin",
    "Jorra", "Biggs Kaki", "Biggskaki", "Diego M", "Jordan S", "Roan W",
]


# --------------------------------------------------------------------------- helpers


def run_check_py(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(root)],
        capture_output=True, text=True,
    )


def term_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), start=1) if glossary.TERM_RE.match(line)]


class _Page(HTMLParser):
    """Links and visible text of a built page, plus the glossary's <dt>/<dd> structure."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self.terms: list[dict] = []  # {'id', 'links'} per <dt id> with the links of its <dd>
        self._in_dd = False
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
            if self._in_dd and self.terms:
                self.terms[-1]["links"].append(attrs["href"])
        if tag == "dt" and attrs.get("id"):
            self.terms.append({"id": attrs["id"], "links": []})
        if tag == "dd":
            self._in_dd = True

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "dd":
            self._in_dd = False

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def built_page(site: Path, rel: str) -> _Page:
    parser = _Page()
    parser.feed((site / rel / "index.html").read_text(encoding="utf-8"))
    return parser


def link_targets(site: Path, rel: str) -> set[str]:
    """Site-relative paths ('wetgeving/privacy-en-informatie-delen/') that a built page links to."""
    base = f"http://site/{rel}/"
    targets = set()
    for href in built_page(site, rel).hrefs:
        url = urlparse(urljoin(base, href))
        if url.netloc == "site":
            targets.add(url.path.lstrip("/"))
    return targets


# --------------------------------------------------------------------------- the glossary source


def test_real_glossary_passes_with_enough_sourced_terms():
    terms, problems = glossary.parse(GLOSSARY.read_text(encoding="utf-8"))
    assert problems == []
    assert glossary.check(ROOT) == []
    sourced = [t for t in terms if t.sourced]
    assert len(sourced) >= glossary.MIN_TERMS
    assert len(sourced) >= 15  # the issue aims for 15
    for term in terms:
        assert term.fields.get("Betekenis") and term.fields.get("Waar je het tegenkomt"), term.name
        assert all(url.startswith("https://") for _, url in term.sources)


def test_glossary_says_meanings_shift_and_differ_by_city():
    text = GLOSSARY.read_text(encoding="utf-8")
    assert "Betekenissen verschuiven" in text
    assert re.search(r"Den Haag.*(Rotterdam|Amsterdam)", text)


def test_planted_term_without_source_fails_with_file_and_line(scratch_copy):
    path = scratch_copy / "docs" / "drillrap" / "begrippenlijst.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = term_lines("\n".join(lines))[3] - 1  # before the fourth term
    planted = [
        "**Smoke** {#smoke}",
        ":   **Betekenis:** ruzie zoeken.",
        "",
        "    **Waar je het tegenkomt:** in teksten.",
        "",
        "    **Bron:** nog zoeken",
        "",
    ]
    path.write_text("\n".join(lines[:at] + planted + lines[at:]) + "\n", encoding="utf-8")
    line = at + 1

    problems = glossary.check(scratch_copy)
    assert [str(p) for p in problems] == [
        f"docs/drillrap/begrippenlijst.md:{line}: begrip 'Smoke' heeft geen bron: zet onder 'Bron:' een "
        "link naar een citeerbare bron, bijvoorbeeld [Titel (jaar)](https://...); publiceer geen begrip "
        "zonder bron"
    ]
    run = run_check_py(scratch_copy)
    assert run.returncode == 1
    assert f"docs/drillrap/begrippenlijst.md:{line}: begrip 'Smoke' heeft geen bron" in run.stdout


def test_relative_or_http_link_is_not_a_source(scratch_copy):
    path = scratch_copy / "docs" / "drillrap" / "begrippenlijst.md"
    text = path.read_text(encoding="utf-8")
    first = term_lines(text)[0]
    # The first term's sources become a plain-http link and a link to our own page.
    lines = text.splitlines()
    bron = next(i for i in range(first, len(lines)) if "**Bron:**" in lines[i])
    end = next(i for i in range(bron + 1, len(lines)) if not lines[i].startswith("    "))
    lines[bron:end] = ["    **Bron:** [een blog](http://example.org/x); [hier](wat-is-drill.md)"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    messages = [str(p) for p in glossary.check(scratch_copy)]
    assert len(messages) == 1 and messages[0].startswith(f"docs/drillrap/begrippenlijst.md:{first}: ")
    assert "heeft geen bron" in messages[0]


def test_fewer_than_twelve_terms_fails(scratch_copy):
    path = scratch_copy / "docs" / "drillrap" / "begrippenlijst.md"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    cut = term_lines(text)[11] - 1  # keep eleven terms
    path.write_text("\n".join(lines[:cut]) + "\n", encoding="utf-8")
    messages = [str(p) for p in glossary.check(scratch_copy)]
    assert messages == [
        "docs/drillrap/begrippenlijst.md:1: begrippenlijst heeft 11 begrippen met een bron; minimaal 12 nodig"
    ]


def test_term_without_anchor_or_missing_context_is_reported(tmp_path):
    text = (
        "---\ntitle: x\n---\n\n"
        "Opps\n:   **Betekenis:** rivalen.\n\n    **Bron:** [NOS (2021)](https://nos.nl/a)\n\n"
        "**Punten** {#punten}\n:   **Betekenis:** score.\n\n    **Bron:** [de Volkskrant (2020)](https://www.volkskrant.nl/b)\n"
    )
    terms, problems = glossary.parse(text, "g.md")
    assert [t.anchor for t in terms] == ["punten"]
    assert [str(p) for p in problems] == [
        "g.md:5: begrip heeft niet de afgesproken vorm: schrijf " + glossary.FORMAT_HINT,
        "g.md:10: begrip 'Punten' mist 'Waar je het tegenkomt:' (waar medewerkers het woord tegenkomen)",
    ]


def test_check_py_runs_the_glossary_check():
    run = run_check_py(ROOT)
    assert re.search(r"\[ok\] begrippenlijst drillrap: 0 ", run.stderr), run.stderr


# --------------------------------------------------------------------------- the pages' sources


@pytest.mark.parametrize("path", DRILL_PAGES, ids=lambda p: p.name)
def test_drill_pages_follow_the_content_model_with_sources(path):
    page = content_model.load_page(path, ROOT / "docs")
    assert page.problems == []
    assert "In voorbereiding" not in path.read_text(encoding="utf-8")
    assert len(page.meta.get("bronnen", [])) >= 2
    assert any(w.startswith("drill") for w in page.meta.get("zoekwoorden", []))


# --------------------------------------------------------------------------- the built pages


def test_built_glossary_has_sourced_terms(built_site):
    page = built_page(built_site, "drillrap/begrippenlijst")
    assert len(page.terms) >= glossary.MIN_TERMS
    for term in page.terms:
        assert any(href.startswith("https://") for href in term["links"]), term["id"]


def test_school_page_links_training_module_partners_and_legal_pages(built_site):
    targets = link_targets(built_site, "drillrap/wat-kan-school-doen")
    for expected in (
        "signalering/drillrap-en-jeugdgroepen/",
        "handelen/online-dreiging/",
        "samenwerking/partners/",
        "wetgeving/bedreiging-en-opruiing/",
        "wetgeving/privacy-en-informatie-delen/",
    ):
        assert expected in targets
        assert (built_site / expected / "index.html").is_file()


def test_social_media_page_links_privacy_and_training(built_site):
    targets = link_targets(built_site, "drillrap/sociale-media")
    assert "wetgeving/privacy-en-informatie-delen/" in targets
    assert "signalering/drillrap-en-jeugdgroepen/" in targets


def test_research_page_cites_roks_and_van_den_broek_with_year(built_site):
    page = built_page(built_site, "drillrap/onderzoek-en-nuance")
    text = " ".join(" ".join(page.text).split())
    assert re.search(r"Roks (en|&) Van den Broek,? \(?2020", text)
    assert "Cappen voor clout?" in text
    assert "geen onderzoek van het WODC" in text
    assert any(h.startswith("https://www.eur.nl/") for h in page.hrefs)


def test_no_page_names_a_victim_or_suspect(built_site):
    for rel in ["drillrap"] + [f"drillrap/{p.stem}" for p in DRILL_PAGES if p.stem != "index"]:
        text = " ".join(built_page(built_site, rel).text)
        for name in NAMES_NOT_TO_PUBLISH:
            assert name not in text, f"{rel}: {name}"
