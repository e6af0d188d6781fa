"""The drill section: the glossary check (scripts/checks/glossary.py) on the small project of
tests/small_project.py with planted faults, and, against the real site, what holds whatever it says:
every term of the built glossary links to a source, and no built page holds a name of the list
config/verboden-namen.txt (scripts/checks/names.py checks the sources; this sweep sees what the
templates and the build add)."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from scripts.checks import glossary, names
from scripts.model.clock import today
from scripts.model.project import Project
from conftest import ROOT
from small_project import FILES, make, run_check

GLOSSARY = glossary.GLOSSARY.as_posix()


def term_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), start=1) if glossary.TERM_RE.match(line)]


class _Page(HTMLParser):
    """Visible text of a built page, plus the glossary's <dt>/<dd> structure."""

    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.terms: list[dict] = []  # {'id', 'links'} per <dt id> with the links of its <dd>
        self._in_dd = False
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a" and attrs.get("href") and self._in_dd and self.terms:
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


def built_page(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# --------------------------------------------------------------------------- the glossary check


def test_planted_term_without_source_fails_with_file_and_line(tmp_path):
    lines = FILES[GLOSSARY].splitlines()
    at = term_lines(FILES[GLOSSARY])[3] - 1  # before the fourth term
    planted = ["**Smoke** {#smoke}", ":   **Betekenis:** ruzie zoeken.", "",
               "    **Waar je het tegenkomt:** in teksten.", "", "    **Bron:** nog zoeken", ""]
    root = make(tmp_path, {GLOSSARY: "\n".join(lines[:at] + planted + lines[at:]) + "\n"})
    line = at + 1
    assert [str(p) for p in glossary.check(Project(root, today()))] == [
        f"{GLOSSARY}:{line}: begrip 'Smoke' heeft geen bron: zet onder 'Bron:' een "
        "link naar een citeerbare bron, bijvoorbeeld [Titel (jaar)](https://...); publiceer geen begrip "
        "zonder bron"
    ]
    run = run_check(root)
    assert run.returncode == 1
    assert f"{GLOSSARY}:{line}: begrip 'Smoke' heeft geen bron" in run.stdout


def test_relative_or_http_link_is_not_a_source(tmp_path):
    text = FILES[GLOSSARY]
    first = term_lines(text)[0]
    lines = text.splitlines()
    bron = next(i for i in range(first, len(lines)) if "**Bron:**" in lines[i])
    lines[bron] = "    **Bron:** [een blog](http://example.org/x); [hier](wat-is-drill.md)"
    root = make(tmp_path, {GLOSSARY: "\n".join(lines) + "\n"})
    messages = [str(p) for p in glossary.check(Project(root, today()))]
    assert len(messages) == 1 and messages[0].startswith(f"{GLOSSARY}:{first}: ")
    assert "heeft geen bron" in messages[0]


def test_too_few_sourced_terms_fails(tmp_path):
    text = FILES[GLOSSARY]
    cut = term_lines(text)[glossary.MIN_TERMS - 1] - 1  # keep one term too few
    root = make(tmp_path, {GLOSSARY: "\n".join(text.splitlines()[:cut]) + "\n"})
    assert [str(p) for p in glossary.check(Project(root, today()))] == [
        f"{GLOSSARY}:1: begrippenlijst heeft {glossary.MIN_TERMS - 1} begrippen met een bron; "
        f"minimaal {glossary.MIN_TERMS} nodig"
    ]
    assert run_check(root).returncode == 1


def test_the_small_projects_glossary_passes_the_runner(tmp_path):
    run = run_check(make(tmp_path))
    assert run.returncode == 0 and "[ok] begrippenlijst drillrap: 0 " in run.stderr, run.stderr


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


# --------------------------------------------------------------------------- the built site


def test_built_glossary_has_sourced_terms(built_site):
    rel = glossary.GLOSSARY.relative_to("docs").with_suffix("")
    page = built_page(built_site / rel / "index.html")
    assert len(page.terms) >= glossary.MIN_TERMS
    for term in page.terms:
        assert any(href.startswith("https://") for href in term["links"]), term["id"]


def test_no_built_page_names_a_listed_name(built_site):
    hashes, problems = names.listed(Project(ROOT, today()))
    assert problems == []
    found = []
    for path in sorted(built_site.rglob("index.html")):
        text = " ".join(built_page(path).text)
        if names.hits([(1, text)], hashes):
            # Show the page, never the matched words themselves.
            found.append(path.parent.relative_to(built_site).as_posix() or "(start)")
    assert found == [], "een naam van de lijst met verboden namen staat op de site:\n" + "\n".join(found)


def test_the_sweep_finds_a_planted_name():
    planted = {names.name_hash("Testnaam Voorbeeldig")}
    assert names.hits([(1, "In de clip was TESTNAAM"), (2, "voorbeeldig te zien.")], planted) == [1]
    assert names.hits([(1, "Testnaam alleen, of voorbeeldig alleen, is geen naam.")], planted) == []
