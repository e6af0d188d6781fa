"""Legal pages, part A (issue 5): weapons, powers, lockers, youth justice, threats, reporting and
aggression against staff.

Checks on the built site (the `built_site` fixture) and on the sources:
- every page links to the law on wetten.overheid.nl, only with BWB ids that were verified;
- every page opens with an "In het kort" box and ends with "Wat betekent dit voor jou?";
- the weapons table lists the items a school meets, each with its category and an article link;
- the front matter passes the content model, and a planted fault in it is caught;
- one rule, one place: every rule file in regels/ is included in docs/, and no page, bank or template
  states one of these rules again in words of its own that contradict it.
"""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from scripts.model import clock
from scripts.model import content_model
from scripts.checks import legal_pages
from scripts.model.clock import today
from scripts.model.project import Project

from scripts import ROOT
DOCS = ROOT / "docs"

PAGES = (
    "wapens",
    "bevoegdheden",
    "kluisjes-en-tassen",
    "jeugdstrafrecht-en-halt",
    "bedreiging-en-opruiing",
    "aangifte-doen",
    "agressie-tegen-personeel",
)

# BWB ids whose article text was read: the list editors keep (config/wetten.txt, make check).
VERIFIED_BWB = legal_pages.verified_laws(ROOT)
WETTEN_RE = re.compile(r'href="https://wetten\.overheid\.nl/(BWBR\d{7})')

# Items the weapons table must list: (word in the 'Voorwerp' cell, expected category).
# None = no fixed category (depends on the circumstances).
WEAPON_ITEMS = (
    ("vlindermes", "I"),
    ("stiletto", "I"),
    ("valmes", "I"),
    ("boksbeugel", "I"),
    ("ploertendoder", "I"),
    ("imitatievuurwapen", "I"),
    ("nepvuurwapen", "I"),
    ("katapult", "I"),
    ("taser", "II"),
    ("stroomstootwapen", "II"),
    ("pepperspray", "II"),
    ("werpmes", "III"),
    ("wapenstok", "IV"),
    ("luchtbuks", "IV"),
    ("keukenmes", None),
    ("zakmes", None),
)


class _Tables(HTMLParser):
    """Collects every <table> as a list of rows; a row is a list of (cell text, cell html)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[tuple[str, str]]]] = []
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ["", ""]
        elif self._cell is not None:
            attr = "".join(f' {k}="{v}"' for k, v in attrs)
            self._cell[1] += f"<{tag}{attr}>"

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append((" ".join(self._cell[0].split()), self._cell[1]))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[0] += data
            self._cell[1] += data


def html_of(site: Path, page: str) -> str:
    path = site / "wetgeving" / page / "index.html"
    assert path.is_file(), f"{path} is niet gebouwd"
    return path.read_text(encoding="utf-8")


def main_content(html: str) -> str:
    """The article body only (not the navigation, which links every page)."""
    start = html.find('<article class="md-content__inner')
    end = html.find("</article>", start)
    assert start != -1 and end != -1, "artikel niet gevonden in de HTML"
    return html[start:end]


def weapons_table(site: Path) -> list[list[tuple[str, str]]]:
    parser = _Tables()
    parser.feed(main_content(html_of(site, "wapens")))
    for table in parser.tables:
        header = [text.lower() for text, _ in table[0]] if table else []
        if header[:2] == ["voorwerp", "categorie"]:
            return table
    raise AssertionError("tabel met kolommen 'Voorwerp' en 'Categorie' ontbreekt op wetgeving/wapens")


# ---------------------------------------------------------------- built site


@pytest.mark.parametrize("page", PAGES)
def test_page_links_to_the_law(built_site, page):
    body = main_content(html_of(built_site, page))
    ids = WETTEN_RE.findall(body)
    assert ids, f"wetgeving/{page}: geen link naar wetten.overheid.nl in de tekst"
    unverified = sorted(set(ids) - VERIFIED_BWB)
    assert not unverified, f"wetgeving/{page}: link naar niet-gecontroleerde wet(ten): {unverified}"


@pytest.mark.parametrize("page", PAGES)
def test_page_has_summary_box_and_practical_steps(built_site, page):
    body = main_content(html_of(built_site, page))
    box = body.find('<p class="admonition-title">In het kort</p>')
    steps = body.find(">Wat betekent dit voor jou?")
    assert box != -1, f"wetgeving/{page}: 'In het kort'-blok ontbreekt"
    assert steps != -1, f"wetgeving/{page}: kop 'Wat betekent dit voor jou?' ontbreekt"
    assert box < steps, f"wetgeving/{page}: 'In het kort' moet vóór de praktische stappen staan"
    assert "In voorbereiding" not in body, f"wetgeving/{page}: staat nog als stub"


def test_legal_rules_pass_on_the_real_content():
    assert legal_pages.check(Project(ROOT, today())) == []


def test_legal_rules_fail_with_file_and_line(tmp_path):
    """An unverified law id and a topic page without its summary box, planted in a small tree."""
    (tmp_path / "config").mkdir()
    (tmp_path / legal_pages.LAWS_FILE).write_text("BWBR0008804  # Wet wapens en munitie\n", encoding="utf-8")
    (tmp_path / "docs" / "wetgeving").mkdir(parents=True)
    (tmp_path / "docs" / "wetgeving" / "nieuw.md").write_text(
        "---\ntitle: Nieuw\n---\n\n# Nieuw\n\nZie [Wwm](https://wetten.overheid.nl/BWBR0008804/) en\n"
        "[een andere wet](https://wetten.overheid.nl/BWBR0000001/).\n\n## Wat zegt de wet?\n", encoding="utf-8")
    (tmp_path / "docs" / "wetgeving" / "index.md").write_text("# Wetgeving\n\n## Overzicht\n", encoding="utf-8")
    problems = sorted(legal_pages.check(Project(tmp_path, today())), key=lambda p: p.line)
    assert [(p.path, p.line) for p in problems] == [("docs/wetgeving/nieuw.md", 8), ("docs/wetgeving/nieuw.md", 10)]
    assert "BWBR0000001" in problems[0].message and "config/wetten.txt" in problems[0].message
    assert "In het kort" in problems[1].message


def test_weapons_table_lists_the_items_with_category_and_article(built_site):
    rows = weapons_table(built_site)[1:]
    for word, category in WEAPON_ITEMS:
        starts = [row for row in rows if row[0][0].lower().startswith(word)]
        matches = starts or [row for row in rows if word in row[0][0].lower()]
        assert matches, f"wapentabel: '{word}' staat niet in de kolom Voorwerp"
        row = matches[0]
        assert len(row) == 4, f"wapentabel, rij '{row[0][0]}': verwacht 4 kolommen, gevonden {len(row)}"
        cell = row[1][0]
        first = cell.split()[0] if cell.split() else ""
        if category is None:
            assert first not in {"I", "II", "III", "IV"}, f"wapentabel: '{word}' hoort geen vaste categorie te hebben"
        else:
            assert first == category, f"wapentabel: '{word}' staat in categorie '{cell}', verwacht {category}"
        article = row[3][1]
        assert "https://wetten.overheid.nl/BWBR0008804" in article, f"wapentabel: bij '{word}' ontbreekt het Wwm-artikel"


# ---------------------------------------------------------------- sources (no build needed)


@pytest.mark.parametrize("page", PAGES)
def test_front_matter_passes_content_model(page):
    loaded = content_model.load_page(DOCS / "wetgeving" / f"{page}.md", DOCS)
    assert loaded.problems == [], "\n".join(map(str, loaded.problems))
    meta = loaded.meta
    assert loaded.is_legal
    # A date, not a fixed one: the page says when it was last checked, and not in the future.
    checked = meta["laatst_gecontroleerd"]
    assert isinstance(checked, dt.date), f"wetgeving/{page}: laatst_gecontroleerd is geen datum"
    assert checked <= clock.today(), f"wetgeving/{page}: laatst_gecontroleerd ligt in de toekomst"
    assert len(meta["bronnen"]) >= content_model.LEGAL_MIN_SOURCES
    assert meta.get("zoekwoorden"), f"wetgeving/{page}: zoekwoorden ontbreken"
    assert "NOG TE SCHRIJVEN" not in meta["description"]


def test_source_links_use_only_verified_law_ids():
    for page in PAGES:
        meta = content_model.load_page(DOCS / "wetgeving" / f"{page}.md", DOCS).meta
        for bron in meta["bronnen"]:
            found = re.match(r"https://wetten\.overheid\.nl/(BWBR\d{7})", bron["url"])
            if found:
                assert found.group(1) in VERIFIED_BWB, f"wetgeving/{page}: bron {bron['url']}"


def test_placeholders_use_the_agreed_form():
    for page in PAGES:
        text = (DOCS / "wetgeving" / f"{page}.md").read_text(encoding="utf-8")
        for found in re.findall(r"\[nog in te vullen[^\]]*\]", text):
            assert found.startswith("[nog in te vullen door het SWV: "), f"wetgeving/{page}: {found}"


def test_content_model_catches_a_planted_fault(tmp_path):
    """The same check, on a copy of a real page with one source removed, must fail with path:line."""
    text = (DOCS / "wetgeving" / "kluisjes-en-tassen.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert len(meta["bronnen"]) >= 2
    meta["bronnen"] = meta["bronnen"][:1]  # a legal page with one source is not enough
    broken = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body
    docs = tmp_path / "docs"
    (docs / "wetgeving").mkdir(parents=True)
    path = docs / "wetgeving" / "kluisjes-en-tassen.md"
    path.write_text(broken, encoding="utf-8")
    loaded = content_model.load_page(path, docs)
    messages = [str(p) for p in loaded.problems]
    assert any(
        m.startswith("docs/wetgeving/kluisjes-en-tassen.md:") and "minstens 2 bronnen" in m for m in messages
    ), messages


# ---------------------------------------------------------------- one rule, one place (issue 15)

REGELS = ROOT / "regels"
QUIZZES = ROOT / "quizzes"
RULES_PAGE = DOCS / "wetgeving" / "vaste-regels.md"
INCLUDE_RE = re.compile(r'^\s*--8<--\s+"([^"]+)"\s*$')
LINK_RE = re.compile(r"\]\(\s*([^)\s]+)")

# Wordings that state a rule of regels/ again, in a way that contradicts it. A page, bank or template
# includes the rule instead (or links to wetgeving/vaste-regels.md#<rule>). (rule, pattern, why)
CONTRADICTIONS = (
    (
        "tas-jas-zakken",
        re.compile(r"zakken\s+leeg", re.IGNORECASE),
        "een leerling vragen zijn zakken leeg te maken: kleding en zakken zijn voor de politie (Wwm, art. 52)",
    ),
    (
        "tas-jas-zakken",
        re.compile(r"doorzoek\w*\b[^.\n]{0,40}?\btegen\s+de\s+wil", re.IGNORECASE),
        "'niet doorzoeken tegen de wil van de leerling' laat lezen dat het met toestemming wel mag; "
        "de leerling opent zelf, medewerkers halen er niets uit",
    ),
    (
        "kluisjes",
        re.compile(
            r"(?:school\s+is\s+(?:de\s+)?eigenaar\s+van\s+de\s+kluis|kluisje\s+(?:is|blijft)\s+van\s+de\s+school)",
            re.IGNORECASE,
        ),
        "de school is niet altijd eigenaar van de kluisjes; het recht om te openen komt uit de gebruiksvoorwaarden",
    ),
)


def rule_files() -> list[Path]:
    files = sorted(REGELS.glob("*.md"))
    assert files, "regels/ bevat geen vaste regels"
    return files


def body_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of a page without its front matter, or of a bank or rule file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = content_model.body_start(lines) if path.suffix == ".md" else 0
    return [(number + 1, lines[number]) for number in range(start, len(lines))]


def contradictions(paths) -> list[str]:
    """'path:line: ...' for every line that states a rule of regels/ in words that contradict it."""
    found = []
    for path in paths:
        shown = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
        for number, line in body_lines(path):
            for rule, pattern, why in CONTRADICTIONS:
                if pattern.search(line):
                    found.append(f"{shown}:{number}: {why}; gebruik --8<-- \"{rule}.md\"")
    return found


def site_texts() -> list[Path]:
    """Everything that states rules to readers: pages and templates (docs/) and question banks."""
    return sorted(DOCS.rglob("*.md")) + sorted(QUIZZES.glob("*.yml"))


def test_every_rule_file_is_included_in_docs():
    used: dict[str, list[str]] = {}
    for path in sorted(DOCS.rglob("*.md")):
        for number, line in body_lines(path):
            match = INCLUDE_RE.match(line)
            if match:
                used.setdefault(match.group(1), []).append(f"{path.relative_to(ROOT).as_posix()}:{number}")
    for rule in rule_files():
        assert rule.name in used, f"regels/{rule.name}: geen pagina in docs/ neemt deze regel op (--8<-- \"{rule.name}\")"
        # The rules page does not count: a rule that only the register shows is stated nowhere else.
        elsewhere = [place for place in used[rule.name] if not place.startswith("docs/wetgeving/vaste-regels.md:")]
        assert elsewhere, f"regels/{rule.name}: alleen de pagina met vaste regels neemt deze regel op"


def test_rules_page_lists_every_rule_under_its_own_anchor():
    text = RULES_PAGE.read_text(encoding="utf-8")
    for rule in rule_files():
        stem = rule.stem
        section = re.search(rf"^## [^\n]+\{{#{re.escape(stem)}\}}\s*\n(?:\s*\n)*--8<-- \"{re.escape(rule.name)}\"\s*$", text, re.M)
        assert section, (
            f"docs/wetgeving/vaste-regels.md: regel '{stem}' ontbreekt; verwacht '## Titel {{#{stem}}}' "
            f"en daaronder --8<-- \"{rule.name}\""
        )


def test_rule_files_have_a_source_no_heading_and_only_absolute_links():
    for rule in rule_files():
        lines = rule.read_text(encoding="utf-8").splitlines()
        assert any(line.strip() for line in lines), f"regels/{rule.name} is leeg"
        for number, line in enumerate(lines, start=1):
            assert not line.lstrip().startswith("#"), f"regels/{rule.name}:{number}: een vaste regel heeft geen kop"
            for target in LINK_RE.findall(line):
                # Included in pages at every depth: a relative link would point elsewhere on each page.
                assert target.startswith("https://"), f"regels/{rule.name}:{number}: link '{target}' moet een https-link zijn"
        assert any(LINK_RE.findall(line) for line in lines), f"regels/{rule.name}: de bron (een link) ontbreekt"


def test_no_page_bank_or_template_contradicts_a_rule():
    problems = contradictions(site_texts())
    assert problems == [], "\n".join(problems)


def test_a_planted_second_wording_is_caught_with_file_and_line(tmp_path):
    page = tmp_path / "pagina.md"
    page.write_text(
        "---\ntitle: Test\nzoekwoorden: [zakken leegmaken]\n---\n\n# Test\n\n"
        "Je mag een leerling wel vragen zijn zakken leeg te maken.\n\n"
        "Het kluisje blijft van de school.\n",
        encoding="utf-8",
    )
    problems = contradictions([page])
    # The search word in the front matter is not a statement; lines 8 and 10 are.
    assert [p.split(": ", 1)[0] for p in problems] == ["pagina.md:8", "pagina.md:10"], problems
    assert "tas-jas-zakken.md" in problems[0] and "kluisjes.md" in problems[1]
