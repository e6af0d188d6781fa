"""Placeholders for local details are counted and must be written the one way editors search for."""
import datetime as dt

from scripts.checks import open_places, placeholders
from scripts.model import findings
from scripts.model.project import Project

TODAY = dt.date(2026, 12, 1)


def write(root, text):
    page = root / "docs" / "handelen" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text(text, encoding="utf-8")


def test_counts_placeholders_per_section(tmp_path):
    write(tmp_path, "Bel [nog in te vullen door het SWV: nummer wijkagent].\n"
                    "Mail [nog in te vullen door het SWV: adres] of [nog in te vullen door het SWV: naam].\n")
    project = Project(tmp_path, TODAY)
    assert placeholders.check(project) == []
    assert placeholders.summary(project) == ["pagina's: 3 plekken nog in te vullen door het SWV (handelen 3)"]


def test_each_open_place_is_a_notice_on_its_line(tmp_path):
    write(tmp_path, "Tekst.\nBel [nog in te vullen door het SWV: nummer] of [nog in te vullen door het SWV: naam].\n")
    found = open_places.check(Project(tmp_path, TODAY))
    assert [(str(f), f.severity) for f in found] == [
        ("docs/handelen/x.md:2: open plek: [nog in te vullen door het SWV: nummer]", findings.NOTICE),
        ("docs/handelen/x.md:2: open plek: [nog in te vullen door het SWV: naam]", findings.NOTICE),
    ]


def test_misspelled_placeholder_names_file_and_line(tmp_path):
    write(tmp_path, "Goed: [nog in te vullen door het SWV: naam]\nFout: [Nog in te vullen: nummer]\n")
    problems = placeholders.check(Project(tmp_path, TODAY))
    assert [str(p) for p in problems] == [
        "docs/handelen/x.md:2: schrijf een open plek precies als '[nog in te vullen door het SWV: wat]', "
        "niet als '[Nog in te vullen: nummer]'"
    ]
    assert all(p.is_error for p in problems)


def test_placeholder_syntax_shown_in_a_code_block_is_neither_counted_nor_flagged(tmp_path):
    write(tmp_path, "Schrijf een open plek zo:\n\n```markdown\n[nog in te vullen door het SWV: wat]\n"
                    "[nog in te vullen: fout voorbeeld]\n```\n\nBel [nog in te vullen door het SWV: nummer].\n")
    project = Project(tmp_path, TODAY)
    assert placeholders.check(project) == []
    assert placeholders.summary(project) == ["pagina's: 1 plekken nog in te vullen door het SWV (handelen 1)"]
    assert [f.line for f in open_places.check(project)] == [8]
