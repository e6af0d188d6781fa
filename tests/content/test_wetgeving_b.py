"""The legal section's 'Mag ik ...?' page and sources: the checks (scripts/checks/legal.py,
front matter) on the small project of tests/small_project.py with planted faults, each with its
file and line; against the real content only the built page's links, which hold whatever it says.
"""
from __future__ import annotations

from urllib.parse import unquote, urljoin, urlparse

from lxml import html

from scripts.model import mag_ik
from small_project import FILES, front, line_of, make, run_check

PAGE = "docs/wetgeving/mag-ik.md"
QUESTIONS = FILES[PAGE]


def reported(root, rel: str, needle: str, message: str) -> bool:
    run = run_check(root)
    line = line_of(root, rel, needle) if needle else 1
    return any(out.startswith(f"{rel}:{line}: ") and message in out for out in (run.stdout + run.stderr).splitlines())


def test_a_topic_page_no_question_links_to_is_a_notice_at_the_page(tmp_path):
    root = make(tmp_path, {"docs/wetgeving/nieuw.md": front("Nieuw", legal=True) + FILES["docs/wetgeving/wapens.md"].split("# Wapens\n\n", 1)[1]})
    run = run_check(root)
    assert run.returncode == 0, run.stdout
    assert f"docs/wetgeving/nieuw.md:1: geen vraag op {PAGE} linkt naar deze pagina" in run.stderr
    assert "docs/wetgeving/wapens.md:1: geen vraag" not in run.stderr


def test_page_with_one_source_fails_at_the_bronnen_line(tmp_path):
    text = FILES["docs/wetgeving/wapens.md"]
    second = text[text.index("  - titel: Wet wapens en munitie, artikel 13"):text.index("---\n\n# Wapens")]
    root = make(tmp_path, {"docs/wetgeving/wapens.md": text.replace(second, "")})
    assert run_check(root).returncode == 1
    assert reported(root, "docs/wetgeving/wapens.md", "bronnen:", "minstens 2 bronnen")


def test_malformed_source_url_fails_at_its_item_line(tmp_path):
    text = FILES["docs/wetgeving/wapens.md"].replace(
        "url: https://wetten.overheid.nl/BWBR0008804/2026-07-01#Artikel13", "url: htps://wetten overheid.nl/wapens", 1)
    root = make(tmp_path, {"docs/wetgeving/wapens.md": text})
    # content_model reports a source at the line of its list item ('- titel: ...').
    assert reported(root, "docs/wetgeving/wapens.md", "artikel 13",
                    "bron heeft geen geldige https-link: 'htps://wetten overheid.nl/wapens'")


def test_question_without_link_fails_at_its_heading(tmp_path):
    root = make(tmp_path, {PAGE: QUESTIONS + "### Mag ik dit zonder link beantwoorden?\n\n**Ja.** Hier staat geen link.\n"})
    assert run_check(root).returncode == 1
    assert reported(root, PAGE, "### Mag ik dit zonder link beantwoorden?",
                    "het antwoord op 'Mag ik dit zonder link beantwoorden?' heeft geen link naar een pagina in docs/wetgeving/")


def test_malformed_questions_fail_with_their_lines(tmp_path):
    root = make(tmp_path, {PAGE: QUESTIONS
                           + "## Moet ik dit als kopje 2 schrijven?\n\n**Nee.** Zie [Wapens](wapens.md).\n\n"
                           + "### Mag ik zonder kort antwoord beginnen?\n\nEerst uitleg. Zie [Wapens](wapens.md).\n\n"
                           + "### Mag ik naar een pagina linken die niet bestaat?\n\n**Nee.** Zie [weg](bestaat-niet.md).\n"})
    assert reported(root, PAGE, "## Moet ik dit als kopje 2", "moet een kopje van niveau 3 zijn ('### ...')")
    assert reported(root, PAGE, "### Mag ik zonder kort antwoord", "moet beginnen met een vetgedrukt kort antwoord")
    assert reported(root, PAGE, "(bestaat-niet.md)", "link 'bestaat-niet.md' wijst naar een pagina die niet bestaat")


def test_too_few_questions_fails(tmp_path):
    blocks = QUESTIONS.split("### ")
    root = make(tmp_path, {PAGE: "### ".join(blocks[:3])})  # intro + two questions
    assert run_check(root).returncode == 1
    assert reported(root, PAGE, "", f"de pagina heeft 2 vragen; er moeten er minstens {mag_ik.MIN_QUESTIONS} zijn")


def test_answer_that_opens_with_an_included_rule_fails(tmp_path):
    """The parser reads the first answer line: a rule include there hides the short answer."""
    root = make(tmp_path, {PAGE: QUESTIONS + '### Mag ik meteen met de regel beginnen?\n\n--8<-- "tas-jas-zakken.md"\n\n'
                           "Zie [Wapens](wapens.md).\n"})
    assert reported(root, PAGE, "### Mag ik meteen met de regel", "moet beginnen met een vetgedrukt kort antwoord")


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
