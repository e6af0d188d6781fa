"""The drill section: the glossary check (scripts/checks/glossary.py) on the real page and on
planted faults in a scratch copy, and the built pages (links to the training module and the legal
pages, the research citation, no names of victims or suspects)."""
from __future__ import annotations

import hashlib
import re
import unicodedata
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from scripts.model import content_model
from scripts.checks import glossary
from scripts.model.clock import today
from scripts.model.project import Project
from conftest import ROOT

GLOSSARY = ROOT / "docs" / "drillrap" / "begrippenlijst.md"
DRILL_PAGES = sorted((ROOT / "docs" / "drillrap").glob("*.md"))

# Names that appear in public reporting on Dutch drill cases (victims, suspects, convicted
# artists) may never appear on our pages. The repository must not hold them either, so only
# salted hashes are kept: sha256(SALT + normalised name), where a normalised name is its words in
# lower case ASCII, one space apart (see normalise()). To add a name, hash it the same way:
#   python -c "import sys; sys.path.insert(0, 'tests'); import test_drillrap as t; print(t.name_hash('Voornaam A'))"
# and paste only the hash here. The test hashes every run of one, two and three words of each built
# page and compares.
SALT = "swv-kennisbank/namen/v1:"
NAME_HASHES = frozenset({
    "a3902ea4676d747e4ea11bd3ed9f026f8a9826d8968990146aaf8f13750c29ae",
    "383aa3cad9560909055ecc9a4b89e9f4351b98fdc8ba5453ab0eadbf7e3c3ebc",
    "77b03a67a171d3bb8ba74ff2ac9d46bf14dbb6961141717a89069654c0b9cdcb",
    "713ee9b65ffd762b59bcea784b3efe284dfe7721915d694c9417298f6aef2465",
    "b2f93e849f7b5c977b8b847066344dc849e98607688d26b457acda411c64f32d",
    "78f595b9376dc65fa33152fdc958ec9cfe0d6e007fd0ae912347cfb1a1a98ae9",
    "e87ca0e05923c216c3b59bc11e0e1b5bb87f7db8214cc9bb669cbbdfd07f78ab",
    "e52b8664469c8f7a04d6766a2bd933dd4da29b76676c7ecb4530c9661a7a83a1",
    "33a3c6f973763b08bd5543725946fe65aaa522067b06ee5145e123ddb02e963e",
    "29508507c2a3fa082f2c5da34ed22330a7b31ed3386fca897ac269a18f13fabb",
    "1dbfb348f503ea4ff959749a4bb3026618307d8c0c973e3784737a4f2b58df99",
    "b24e43187e30388103ec909293198847ac013043de44af977f0494553f0179be",
    "1ad26507ece6ff59782b583301593b8357e7c70eb31fdd1080db1b8de961381f",
})
MAX_NAME_WORDS = 3


# --------------------------------------------------------------------------- helpers


def run_check_py(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(root)],
        capture_output=True, text=True,
    )


def normalise(text: str) -> list[str]:
    """The words of a text, lower case, accents and punctuation dropped ("Vóór-Naam." -> voor, naam)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", ascii_text)


def name_hash(name: str) -> str:
    return hashlib.sha256((SALT + " ".join(normalise(name))).encode()).hexdigest()


def name_hits(text: str, hashes: frozenset[str] = NAME_HASHES) -> list[int]:
    """Word positions where a run of 1 to MAX_NAME_WORDS words hashes to a listed name."""
    words = normalise(text)
    hits = []
    for start in range(len(words)):
        for size in range(1, MAX_NAME_WORDS + 1):
            if start + size > len(words):
                break
            run = " ".join(words[start:start + size])
            if hashlib.sha256((SALT + run).encode()).hexdigest() in hashes:
                hits.append(start)
    return hits


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
    assert glossary.check(Project(ROOT, today())) == []
    sourced = [t for t in terms if t.sourced]
    assert len(sourced) >= glossary.MIN_TERMS
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

    problems = glossary.check(Project(scratch_copy, today()))
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
    messages = [str(p) for p in glossary.check(Project(scratch_copy, today()))]
    assert len(messages) == 1 and messages[0].startswith(f"docs/drillrap/begrippenlijst.md:{first}: ")
    assert "heeft geen bron" in messages[0]


def test_fewer_than_twelve_terms_fails(scratch_copy):
    path = scratch_copy / "docs" / "drillrap" / "begrippenlijst.md"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    cut = term_lines(text)[11] - 1  # keep eleven terms
    path.write_text("\n".join(lines[:cut]) + "\n", encoding="utf-8")
    messages = [str(p) for p in glossary.check(Project(scratch_copy, today()))]
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
    # The study was commissioned by the gemeente, not by the WODC: any sentence naming the WODC denies it.
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if "WODC" in sentence:
            assert re.search(r"\b(geen|niet)\b", sentence), f"noemt het WODC zonder ontkenning: {sentence!r}"
    assert any(h.startswith("https://www.eur.nl/") for h in page.hrefs)


def test_no_page_names_a_victim_or_suspect(built_site):
    found = []
    for path in sorted(built_site.rglob("index.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        words = normalise(" ".join(parser.text))
        for at in name_hits(" ".join(parser.text)):
            # Show the place, never the matched words themselves.
            found.append(f"{path.parent.relative_to(built_site).as_posix() or '(start)'}: woord {at} "
                         f"(na '{' '.join(words[max(0, at - 3):at])}')")
    assert found == [], "een naam van een slachtoffer of verdachte staat op de site:\n" + "\n".join(found)


def test_name_hashes_are_sha256_and_the_matcher_finds_a_planted_name():
    assert NAME_HASHES and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in NAME_HASHES)
    planted = frozenset({name_hash("Testnaam Voorbeeldig"), name_hash("Xq")})
    assert name_hits("In de clip was TESTNAAM voorbeeldig te zien.", planted) == [4]
    assert name_hits("Een verdachte (Xq.) werd aangehouden.", planted) == [2]
    assert name_hits("Testnaam alleen, of voorbeeldig alleen, is geen naam.", planted) == []
    # Case, accents, spacing and punctuation do not change the hash.
    assert name_hash("  Testnaam   Vóórbeeldig. ") == name_hash("testnaam voorbeeldig")
