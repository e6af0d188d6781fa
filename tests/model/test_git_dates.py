"""Change notes for readers from git history ('Wijziging:' trailers only), and the fallback when there
is no history (a copy, a shallow clone). The build side: tests/build/test_change_notes.py."""
import datetime as dt
import os
import subprocess

from scripts.model import git_dates


def git(repo, *args, date=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def commit(repo, files: dict, message: str, date: str):
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", message, date=date)


def test_only_commits_with_a_note_for_readers_date_a_file(tmp_path):
    git(tmp_path, "init", "-q")
    commit(tmp_path, {"docs/a.md": "a", "docs/b.md": "b"}, "Skeleton\n\nWijziging: Twee nieuwe pagina's.",
           "2025-03-01T12:00:00")
    commit(tmp_path, {"docs/a.md": "a2"}, "Refactor: a.md whitespace", "2026-05-02T12:00:00")
    commit(tmp_path, {"docs/b.md": "b2"}, "Fix b\n\nWijziging: De tekst over b is duidelijker.", "2026-06-03T12:00:00")
    # a.md's newest commit has no note: its date stays that of the note before it.
    assert git_dates.last_changed(tmp_path) == {"docs/a.md": dt.date(2025, 3, 1), "docs/b.md": dt.date(2026, 6, 3)}
    history = git_dates.history(tmp_path)
    assert [c.note for c in history["docs/a.md"]] == ["Twee nieuwe pagina's."]
    assert [c.note for c in history["docs/b.md"]] == ["De tekst over b is duidelijker.", "Twee nieuwe pagina's."]
    assert not git_dates.is_shallow(tmp_path)


def test_a_file_whose_commits_have_no_note_has_no_changes(tmp_path):
    git(tmp_path, "init", "-q")
    commit(tmp_path, {"docs/a.md": "a"}, "Site skeleton: mkdocs config", "2025-03-01T12:00:00")
    commit(tmp_path, {"docs/a.md": "a2"}, "Issue 15: lockdown wording\n\nSee the issue.", "2025-04-01T12:00:00")
    assert git_dates.history(tmp_path) == {"docs/a.md": []}
    assert git_dates.last_changed(tmp_path) == {}


def test_no_history_gives_no_dates(tmp_path):
    (tmp_path / "docs").mkdir()
    assert git_dates.last_changed(tmp_path) == {}
    assert git_dates.history(tmp_path) == {}


def test_shallow_clone_gives_dates_only_for_commits_it_really_has(tmp_path):
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q")
    commit(origin, {"docs/old.md": "old"}, "one\n\nWijziging: Oud.", "2024-01-01T12:00:00")
    commit(origin, {"docs/new.md": "new"}, "two\n\nWijziging: Nieuw.", "2026-02-02T12:00:00")
    commit(origin, {"docs/newer.md": "newer"}, "three\n\nWijziging: Nieuwer.", "2026-03-03T12:00:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{origin}", str(clone)], check=True)
    assert git_dates.is_shallow(clone)
    # 'two' is the boundary: it seems to add old.md and new.md, so neither gets a date.
    assert git_dates.last_changed(clone) == {"docs/newer.md": dt.date(2026, 3, 3)}
    # ... nor a change in the history: a page lists only what really happened.
    history = git_dates.history(clone)
    assert history["docs/newer.md"] == [git_dates.Change(dt.date(2026, 3, 3), "Nieuwer.")]
    assert history["docs/old.md"] == [] and history["docs/new.md"] == []


def test_history_lists_newest_notes_first_and_never_a_subject(tmp_path):
    git(tmp_path, "init", "-q")
    for n in range(1, 9):
        note = f"\n\nWat er technisch veranderde.\n\nWijziging: Wijziging {n} voor lezers." if n % 4 else ""
        commit(tmp_path, {"docs/a.md": str(n)}, f"change {n}{note}", f"2026-0{n}-01T12:00:00")
    listed = git_dates.history(tmp_path, per_file=5)["docs/a.md"]
    assert [c.day.month for c in listed] == [7, 6, 5, 3, 2]  # 4 and 8 have no note
    assert [c.note for c in listed] == [f"Wijziging {n} voor lezers." for n in (7, 6, 5, 3, 2)]


def test_a_note_over_several_lines_or_trailers_is_one_text(tmp_path):
    git(tmp_path, "init", "-q")
    commit(tmp_path, {"docs/a.md": "a"},
           "Long\n\nWijziging: De regel over tassen\n  is duidelijker.\nwijziging: Ook over jassen.",
           "2026-01-01T12:00:00")
    assert [c.note for c in git_dates.history(tmp_path)["docs/a.md"]] == [
        "De regel over tassen is duidelijker. Ook over jassen."]


def test_a_page_made_of_several_files_lists_each_commit_once_newest_first(tmp_path):
    git(tmp_path, "init", "-q")
    commit(tmp_path, {"docs/p.md": "p", "regels/r.md": "r"}, "one\n\nWijziging: Eerste.", "2026-01-01T12:00:00")
    commit(tmp_path, {"regels/r.md": "r2"}, "two\n\nWijziging: Regel.", "2026-02-01T12:00:00")
    commit(tmp_path, {"docs/p.md": "p2"}, "three\n\nWijziging: Pagina.", "2026-03-01T12:00:00")
    commit(tmp_path, {"regels/r.md": "r3"}, "four", "2026-04-01T12:00:00")
    changes = git_dates.history(tmp_path, ("docs", "regels"))
    assert [c.note for c in git_dates.page_changes(changes, ["docs/p.md", "regels/r.md"])] == [
        "Pagina.", "Regel.", "Eerste."]
    assert [c.note for c in git_dates.page_changes(changes, ["docs/p.md", "regels/r.md"], limit=2)] == [
        "Pagina.", "Regel."]
    assert [c.note for c in git_dates.page_changes(changes, ["docs/p.md"])] == ["Pagina.", "Eerste."]
    assert git_dates.page_changes(changes, ["docs/weg.md"]) == []
