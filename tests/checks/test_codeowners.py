"""`make check` refuses an owner in .gitlab/CODEOWNERS that is not a role of the project (a group or a
person is a region's own), on its line, comments included (GitLab reads owners there too)."""
import datetime as dt

from scripts.checks import codeowners
from scripts.model.project import Project

TODAY = dt.date(2030, 1, 1)


def project(tmp_path, text: str | None) -> Project:
    if text is not None:
        (tmp_path / ".gitlab").mkdir()
        (tmp_path / codeowners.FILE).write_text(text, encoding="utf-8")
    return Project(tmp_path, TODAY)


def test_owners_written_as_roles_pass(tmp_path):
    text = "# Wie kijkt wat na.\n* " + " ".join(codeowners.ROLES) + "\n\n[Sectie]\n/docs/a/  " + codeowners.ROLES[1] + "\n"
    assert codeowners.check(project(tmp_path, text)) == []


def test_a_group_a_person_or_an_unknown_role_is_named_at_its_line(tmp_path):
    role = codeowners.ROLES[0]
    text = (f"* {role}\n"
            "/docs/a/  @voorbeeld-groep/redactie\n"
            f"# eerder: @iemand\n"
            f"/docs/b/  {role} iemand@example.org\n"
            "/docs/c/  @@beheerder\n")
    found = codeowners.check(project(tmp_path, text))
    assert [(f.path, f.line, f.is_error) for f in found] == [(codeowners.FILE, n, True) for n in (2, 3, 4, 5)]
    assert "'@voorbeeld-groep/redactie' is geen rol" in found[0].message


def test_a_project_without_code_owners_has_nothing_to_check(tmp_path):
    assert codeowners.check(project(tmp_path, None)) == []
