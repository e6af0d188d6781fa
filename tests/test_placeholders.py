"""Placeholders for local details are counted and must be written the one way editors search for."""
from scripts.checks import placeholders


def write(root, text):
    page = root / "docs" / "handelen" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text(text, encoding="utf-8")


def test_counts_placeholders_per_section(tmp_path, capsys):
    write(tmp_path, "Bel [nog in te vullen door het SWV: nummer wijkagent].\n"
                    "Mail [nog in te vullen door het SWV: adres] of [nog in te vullen door het SWV: naam].\n")
    assert placeholders.check(tmp_path) == []
    assert "3 plekken nog in te vullen door het SWV (handelen 3)" in capsys.readouterr().err


def test_misspelled_placeholder_names_file_and_line(tmp_path):
    write(tmp_path, "Goed: [nog in te vullen door het SWV: naam]\nFout: [Nog in te vullen: nummer]\n")
    problems = placeholders.check(tmp_path)
    assert [str(p) for p in problems] == [
        "docs/handelen/x.md:2: schrijf een open plek precies als '[nog in te vullen door het SWV: wat]', "
        "niet als '[Nog in te vullen: nummer]'"
    ]
