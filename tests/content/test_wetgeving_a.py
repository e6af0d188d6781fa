"""Legal pages (issues 5 and 15): the rules of the legal section are checks of `make check`
(scripts/checks/legal_pages.py: verified law ids and the "In het kort" box; scripts/checks/rules.py:
the fixed rules of regels/; scripts/checks/weapons.py: the weapon categories), tested on small
projects of their own (here and in tests/checks/test_content_rules.py). Against the real content
only what holds whatever it says: every topic page of the built section shows its summary box first
and lists its sources."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from conftest import ROOT
from scripts.checks import legal_pages
from scripts.model import clock, content_model
from scripts.model.project import Project

SECTION = content_model.LEGAL_SECTIONS[0]


def topic_pages() -> list[str]:
    """Every topic page of the legal section, found in the folder (legal_pages.NOT_TOPIC left out)."""
    return sorted(p.stem for p in (ROOT / "docs" / SECTION).glob("*.md") if p.name not in legal_pages.NOT_TOPIC)


def test_legal_rules_fail_with_file_and_line(tmp_path):
    """An unverified law id and a topic page without its summary box, planted in a small tree."""
    (tmp_path / "config").mkdir()
    (tmp_path / legal_pages.LAWS_FILE).write_text("BWBR0008804  # Wet wapens en munitie\n", encoding="utf-8")
    (tmp_path / "docs" / "wetgeving").mkdir(parents=True)
    (tmp_path / "docs" / "wetgeving" / "nieuw.md").write_text(
        "---\ntitle: Nieuw\n---\n\n# Nieuw\n\nZie [Wwm](https://wetten.overheid.nl/BWBR0008804/) en\n"
        "[een andere wet](https://wetten.overheid.nl/BWBR0000001/).\n\n## Wat zegt de wet?\n", encoding="utf-8")
    (tmp_path / "docs" / "wetgeving" / "index.md").write_text("# Wetgeving\n\n## Overzicht\n", encoding="utf-8")
    problems = sorted(legal_pages.check(Project(tmp_path, clock.today())), key=lambda p: p.line)
    assert [(p.path, p.line) for p in problems] == [("docs/wetgeving/nieuw.md", 8), ("docs/wetgeving/nieuw.md", 10)]
    assert "BWBR0000001" in problems[0].message and "config/wetten.txt" in problems[0].message
    assert "In het kort" in problems[1].message


def test_a_source_in_the_front_matter_is_checked_against_the_verified_laws(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / legal_pages.LAWS_FILE).write_text("BWBR0008804\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "pagina.md").write_text(
        "---\ntitle: x\nbronnen:\n  - titel: Een wet\n    url: https://wetten.overheid.nl/BWBR0000002/\n---\n\n# x\n",
        encoding="utf-8")
    problems = legal_pages.check(Project(tmp_path, clock.today()))
    assert [(p.path, p.line) for p in problems] == [("docs/pagina.md", 5)]


@pytest.mark.parametrize("name", topic_pages())
def test_built_topic_page_opens_with_its_summary_and_shows_its_sources(built_site: Path, name):
    doc = html.parse(str(built_site / SECTION / name / "index.html")).getroot()
    article = doc.xpath("//article")[0]
    # The box the check asks for in the source (before the first '##') is rendered before the first h2.
    before = article.xpath(".//h1/following-sibling::*[not(preceding-sibling::h2) and not(self::h2)]")
    assert any("admonition" in e.get("class", "") and "In het kort" in e.text_content() for e in before), name
    sources = doc.xpath("//ul[contains(@class, 'pagina-bronnen')]/li/a/@href")
    assert len(sources) >= content_model.LEGAL_MIN_SOURCES and all(s.startswith("https://") for s in sources), name
