"""Passages that restate a rule name it; a merge request that changes the rule lists them."""
import datetime as dt
import subprocess

from scripts.checks import restated_rules
from scripts.model.project import Project

TODAY = dt.date(2030, 1, 1)


def git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(root)})


def make_project(tmp_path, marker="tas"):
    root = tmp_path / "p"
    (root / "regels").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "quizzes").mkdir()
    (root / "regels" / "tas.md").write_text("Een tas bekijken mag alleen met toestemming.\n", encoding="utf-8")
    (root / "docs" / "p.md").write_text(
        f"# P\n\nTekst.\n\nAlleen met toestemming kijk je in een tas. <!-- regel: {marker} -->\n\n"
        f"```\n<!-- regel: voorbeeld-in-code -->\n```\n", encoding="utf-8")
    (root / "quizzes" / "m.yml").write_text(f"vragen:\n  # regel: {marker}\n  - id: q\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    return root


def test_a_changed_rule_lists_every_passage_that_names_it(tmp_path, monkeypatch):
    root = make_project(tmp_path)
    monkeypatch.setenv("KENNISBANK_VERGELIJK", "main")
    assert restated_rules.check(Project(root, TODAY)) == []  # nothing changed: nothing to look at
    (root / "regels" / "tas.md").write_text("Een tas bekijken mag alleen met toestemming van de leerling.\n",
                                            encoding="utf-8")
    found = [str(f) for f in restated_rules.check(Project(root, TODAY))]
    assert found == [
        "docs/p.md:5: de vaste regel 'tas' is gewijzigd in dit merge request: controleer of deze tekst er nog "
        "mee klopt (regels/tas.md)",
        "quizzes/m.yml:2: de vaste regel 'tas' is gewijzigd in dit merge request: controleer of deze tekst er "
        "nog mee klopt (regels/tas.md)",
    ]
    assert all(not f.is_error for f in restated_rules.check(Project(root, TODAY)))


def test_an_unknown_rule_name_is_an_error_with_file_and_line(tmp_path, monkeypatch):
    root = make_project(tmp_path, marker="tassen")
    monkeypatch.setenv("KENNISBANK_VERGELIJK", "main")
    found = restated_rules.check(Project(root, TODAY))
    assert [str(f) for f in found] == [
        "docs/p.md:5: regel 'tassen' bestaat niet in regels/ (kies uit: tas)",
        "quizzes/m.yml:2: regel 'tassen' bestaat niet in regels/ (kies uit: tas)",
    ]
    assert all(f.is_error for f in found)
