"""Spelling report (Hunspell nl_NL + config/woordenlijst.txt) and readability report (B1)."""
import shutil
from pathlib import Path

import pytest

from scripts.reports import prose
from scripts.reports import readability
from scripts.reports import spelling

from conftest import ROOT


@pytest.fixture
def project(tmp_path):
    if not shutil.which("hunspell") or not Path("/usr/share/hunspell/nl_NL.dic").is_file():
        pytest.fail("hunspell met het Nederlandse woordenboek ontbreekt: draai 'make woordenboek'")
    (tmp_path / "docs").mkdir()
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "woordenlijst.txt").write_text("# test\ndrillrapper\nWwm\n", encoding="utf-8")
    return tmp_path


def page(project, text, name="pagina.md"):
    path = project / "docs" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_flags_a_planted_misspelling_with_path_and_line(project, capsys):
    page(
        project,
        "---\ntitle: Een goede titel\neigenaar: redactie SWV\n---\n\n# Kop\n\n"
        "De school let goed op.\nDe leerlinngen gaan naar huis.\n",
    )
    assert spelling.check(project) == [("docs/pagina.md", 9, "leerlinngen")]
    assert spelling.main(["--root", str(project)]) == 0  # a report ...
    assert "docs/pagina.md:9: leerlinngen" in capsys.readouterr().out
    assert spelling.main(["--root", str(project), "--strict"]) == 1  # ... unless asked to fail


def test_title_is_checked_but_other_front_matter_is_not(project):
    page(project, "---\ntitle: Een fuot in de titel\nzoekwoorden: [kluisjs]\n---\n\nGoede tekst.\n")
    assert spelling.check(project) == [("docs/pagina.md", 2, "fuot")]


def test_a_folded_description_is_read_as_its_text(project):
    """The front matter comes from the content model's YAML loader, not line by line."""
    page(project, "---\ntitle: Titel\ndescription: >-\n  Een goede zin\n  met een fuot erin.\n---\n\nGoede tekst.\n")
    assert spelling.check(project) == [("docs/pagina.md", 3, "fuot")]
    meta = [line for line in prose.prose_lines(project / "docs" / "pagina.md") if line.kind == "meta"]
    assert [m.text for m in meta] == ["Titel", "Een goede zin met een fuot erin."]


def test_word_list_abbreviations_code_and_links_are_not_flagged(project):
    page(
        project,
        "Een drillrapper en Drillrapper aan het begin van de zin. De Wwm en de AVG-grondslag.\n"
        "Zie `codewoordd` en [de bron](https://voorbeeld.nl/foutt-in-adres) of veiligthuis.nl.\n"
        "<!-- een opmerkingg voor de redactie -->\n"
        "```\nfoutjee in code\n```\n"
        "Het RIEC's overleg en localStorage.\n",
    )
    assert spelling.check(project) == []


def test_real_word_list_has_no_duplicates():
    words = [w for w in spelling.load_wordlist(ROOT / "config" / "woordenlijst.txt")]
    raw = [
        line.split("#", 1)[0].strip()
        for line in (ROOT / "config" / "woordenlijst.txt").read_text(encoding="utf-8").splitlines()
    ]
    raw = [w for w in raw if w]
    assert len(raw) == len(set(raw)) == len(words)


# ---- readability -----------------------------------------------------------------------------


def test_syllables():
    assert [readability.syllable_count(w) for w in ("school", "leerlingen", "wijk", "beveiliging", "2021")] == [1, 3, 1, 4, 1]


def test_long_sentence_is_reported_with_its_line(tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    long_sentence = " ".join(["woord"] * 30)
    (tmp_path / "docs" / "a.md").write_text(
        f"# Kop\n\nEen korte zin. Nog een korte zin.\nDan komt er een zin die\n{long_sentence}.\n\n- Een punt.\n",
        encoding="utf-8",
    )
    report = readability.analyse(tmp_path / "docs" / "a.md", tmp_path)
    assert [len(s.words) for s in report.sentences] == [3, 4, 36, 2]
    assert [(s.line, len(s.words)) for s in report.long_sentences()] == [(4, 36)]
    assert readability.main(["--root", str(tmp_path)]) == 0  # warns, never fails
    assert "docs/a.md:4: lange zin (36 woorden)" in capsys.readouterr().out


def test_flesch_douma_formula():
    report = readability.PageReport("x", [readability.Sentence(1, " ".join(["kat"] * 10) + ".")] * 12)
    # 120 one-syllable words in 12 sentences: 206.835 - 0.93 * 10 - 77 * 1
    assert report.flesch_douma == pytest.approx(206.835 - 9.3 - 77)


def test_abbreviations_do_not_end_a_sentence(tmp_path):
    (tmp_path / "a.md").write_text("Zie art. 8 van de wet, o.a. de regels. Daarna volgt meer.\n", encoding="utf-8")
    texts = [s.text for s in readability.sentences(prose.prose_lines(tmp_path / "a.md"))]
    assert texts == ["Zie art. 8 van de wet, o.a. de regels.", "Daarna volgt meer."]
