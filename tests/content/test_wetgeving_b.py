"""The legal section: every page has sources, the 'Mag ik ...?' page is well-formed, and the built
page shows its questions with working links. Faults are planted in a scratch copy of the project.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
import yaml
from lxml import html

from scripts.model import content_model
from scripts.model import mag_ik
from scripts.checks import front_matter, legal
from scripts.model.clock import today
from scripts.model.project import Project

from scripts import ROOT
PAGE = "docs/wetgeving/mag-ik.md"


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def shown(problems) -> list[str]:
    return [str(p) for p in problems]


def topic_pages() -> set[str]:
    """The pages of the 'Wetgeving' block in the nav, except the section index and 'Mag ik'."""
    config = content_model.site_config(ROOT)
    block = next(item["Wetgeving"] for item in config["nav"] if isinstance(item, dict) and "Wetgeving" in item)
    pages = {next(iter(e.values())) if isinstance(e, dict) else e for e in block}
    return pages - {"wetgeving/index.md", "wetgeving/mag-ik.md"}


def test_legal_check_passes_on_the_real_tree():
    assert shown(legal.check(Project(ROOT, today()))) == []


def test_mag_ik_has_enough_questions_and_covers_every_topic_page():
    questions = mag_ik.parse(ROOT / "docs")
    assert len(questions) >= mag_ik.MIN_QUESTIONS
    linked = set().union(*(q.pages for q in questions))
    assert topic_pages(), "geen pagina's in het blok Wetgeving van de navigatie"
    missing = topic_pages() - linked
    assert not missing, f"geen vraag linkt naar: {sorted(missing)}"


def test_page_with_one_source_fails_at_the_bronnen_line(scratch_copy):
    page = scratch_copy / "docs/wetgeving/meldcode.md"
    text = page.read_text(encoding="utf-8")
    # Keep the first source only: drop every later '  - titel: ...' / '    url: ...' pair.
    head, rest = text.split("bronnen:\n", 1)
    items, after = rest.split("zoekwoorden:", 1)
    first = "\n".join(items.splitlines()[:2]) + "\n"
    page.write_text(head + "bronnen:\n" + first + "zoekwoorden:" + after, encoding="utf-8")

    problems = shown(front_matter.check(Project(scratch_copy, today())))
    expected = f"docs/wetgeving/meldcode.md:{line_of(page, 'bronnen:')}: veld 'bronnen'"
    assert any(p.startswith(expected) and "minstens 2 bronnen" in p for p in problems), problems


def test_malformed_source_url_fails_at_its_line(scratch_copy):
    page = scratch_copy / "docs/wetgeving/leerplicht-en-verzuim.md"
    text = page.read_text(encoding="utf-8")
    # Whichever source comes first: break its link.
    good = re.search(r"(?m)^\s+url: https://\S+\n", text)
    assert good, "docs/wetgeving/leerplicht-en-verzuim.md heeft geen bron met een https-link"
    broken = good.group(0).split("url:")[0] + "url: htps://wetten overheid.nl/leerplicht\n"
    page.write_text(text.replace(good.group(0), broken, 1), encoding="utf-8")

    problems = shown(front_matter.check(Project(scratch_copy, today())))
    # content_model reports a source at the line of its list item ('- titel: ...').
    item_line = line_of(page, "htps://wetten overheid.nl") - 1
    assert f"docs/wetgeving/leerplicht-en-verzuim.md:{item_line}: bron heeft geen geldige https-link: " \
           "'htps://wetten overheid.nl/leerplicht'" in problems, problems


def test_question_without_link_fails_at_its_heading(scratch_copy):
    page = scratch_copy / PAGE
    with page.open("a", encoding="utf-8") as f:
        f.write("\n### Mag ik dit zonder link beantwoorden?\n\n**Ja.** Hier staat geen link naar de wetgeving.\n")
    problems = shown(legal.check(Project(scratch_copy, today())))
    line = line_of(page, "### Mag ik dit zonder link beantwoorden?")
    assert problems == [
        f"{PAGE}:{line}: het antwoord op 'Mag ik dit zonder link beantwoorden?' heeft geen link naar een "
        "pagina in docs/wetgeving/"
    ]


def test_malformed_questions_fail_with_their_lines(scratch_copy):
    page = scratch_copy / PAGE
    with page.open("a", encoding="utf-8") as f:
        f.write(
            "\n## Moet ik dit als kopje 2 schrijven?\n\n**Nee.** Zie [Meldcode](meldcode.md).\n"
            "\n### Mag ik zonder kort antwoord beginnen?\n\nEerst uitleg. Zie [Meldcode](meldcode.md).\n"
            "\n### Mag ik naar een pagina linken die niet bestaat?\n\n**Nee.** Zie [weg](bestaat-niet.md).\n"
        )
    problems = shown(legal.check(Project(scratch_copy, today())))
    level = line_of(page, "## Moet ik dit als kopje 2 schrijven?")
    start = line_of(page, "### Mag ik zonder kort antwoord beginnen?")
    broken = line_of(page, "(bestaat-niet.md)")
    assert f"{PAGE}:{level}: vraag 'Moet ik dit als kopje 2 schrijven?' moet een kopje van niveau 3 zijn ('### ...')" in problems
    assert any(p.startswith(f"{PAGE}:{start}: het antwoord op 'Mag ik zonder kort antwoord beginnen?' moet beginnen")
               for p in problems), problems
    assert f"{PAGE}:{broken}: link 'bestaat-niet.md' wijst naar een pagina die niet bestaat" in problems
    assert len(problems) == 4  # the broken link also leaves that answer without a wetgeving link


def test_too_few_questions_fails(scratch_copy):
    page = scratch_copy / PAGE
    text = page.read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^(?=### )", text)
    page.write_text("".join(blocks[:3]), encoding="utf-8")  # intro + two questions
    problems = shown(legal.check(Project(scratch_copy, today())))
    assert problems == [
        f"{PAGE}:1: de pagina heeft 2 vragen; er moeten er minstens {mag_ik.MIN_QUESTIONS} zijn "
        "(kopjes '### Mag ik ...?' of '### Moet ik ...?')"
    ]


def test_answer_that_opens_with_an_included_rule_fails(scratch_copy):
    """The parser reads the first answer line: a rule include there hides the short answer."""
    page = scratch_copy / PAGE
    with page.open("a", encoding="utf-8") as f:
        f.write(
            '\n### Mag ik meteen met de regel beginnen?\n\n--8<-- "tas-jas-zakken.md"\n\n'
            "Zie [Kluisjes en tassen controleren](kluisjes-en-tassen.md).\n"
        )
    problems = shown(legal.check(Project(scratch_copy, today())))
    line = line_of(page, "### Mag ik meteen met de regel beginnen?")
    assert any(p.startswith(f"{PAGE}:{line}: het antwoord op 'Mag ik meteen met de regel beginnen?' moet beginnen")
               for p in problems), problems


def test_mag_ik_answers_that_include_a_rule_keep_their_own_short_answer():
    """A question may include a rule of regels/, after its own bold short answer, never instead of it."""
    lines = (ROOT / PAGE).read_text(encoding="utf-8").splitlines()
    questions = mag_ik.parse(ROOT / "docs")
    by_line = {q.line: q for q in questions}
    current = None
    for number, line in enumerate(lines, start=1):
        if number in by_line:
            current = by_line[number]
        elif line.startswith("## "):
            current = None
        elif current is not None and line.strip().startswith("--8<--"):
            assert current.first_answer_line.startswith(mag_ik.ANSWER_STARTS), (
                f"{PAGE}:{number}: vaste regel in '{current.text}' zonder eigen kort antwoord ervoor"
            )
            assert (ROOT / "regels" / line.split('"')[1]).is_file(), f"{PAGE}:{number}: regel bestaat niet"


def test_check_runner_reports_planted_faults_and_fails(scratch_copy):
    with (scratch_copy / PAGE).open("a", encoding="utf-8") as f:
        f.write("\n### Moet ik hier een link zetten?\n\n**Ja.** Maar dat is vergeten.\n")
    line = line_of(scratch_copy / PAGE, "### Moet ik hier een link zetten?")
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check.py"), "--root", str(scratch_copy)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert f"{PAGE}:{line}: het antwoord op 'Moet ik hier een link zetten?' heeft geen link" in run.stdout


def test_built_mag_ik_page_links_every_question_to_an_existing_page(built_site):
    page_file = built_site / "wetgeving/mag-ik/index.html"
    doc = html.parse(str(page_file)).getroot()
    article = doc.xpath("//article")[0]
    base = "https://site.invalid/wetgeving/mag-ik/"
    questions = [h for h in article.xpath(".//h3") if h.text_content().startswith(mag_ik.QUESTION_STARTS)]
    assert len(questions) >= mag_ik.MIN_QUESTIONS
    for h3 in questions:
        assert h3.get("id"), "elke vraag heeft een anker"
        targets = []
        node = h3.getnext()
        while node is not None and node.tag not in ("h1", "h2", "h3"):
            targets += [urljoin(base, a.get("href")) for a in node.xpath(".//a[@href]")]
            node = node.getnext()
        internal = [urlparse(t) for t in targets if t.startswith(base.rsplit("/wetgeving/", 1)[0])]
        assert internal, f"geen interne link bij {h3.text_content()!r}"
        for url in internal:
            path = built_site / unquote(url.path).lstrip("/")
            assert (path / "index.html").is_file() or path.is_file(), f"{url.path} bestaat niet ({h3.text_content()!r})"
        assert any(u.path.startswith("/wetgeving/") and u.path != "/wetgeving/mag-ik/" for u in internal), (
            f"geen link naar een wetgevingspagina bij {h3.text_content()!r}"
        )


@pytest.mark.parametrize("name", ["privacy-en-informatie-delen", "schorsing-en-verwijdering", "meldcode",
                                  "leerplicht-en-verzuim", "zorgplicht-sociale-veiligheid"])
def test_topic_pages_start_with_in_het_kort_and_show_their_sources(built_site, name):
    doc = html.parse(str(built_site / f"wetgeving/{name}/index.html")).getroot()
    article = doc.xpath("//article")[0]
    first = article.xpath(".//h1/following-sibling::*[1]")[0]
    assert "admonition" in first.get("class", "") and "In het kort" in first.text_content()
    sources = doc.xpath("//ul[contains(@class, 'pagina-bronnen')]/li/a/@href")
    assert len(sources) >= 2 and all(s.startswith("https://") for s in sources)
