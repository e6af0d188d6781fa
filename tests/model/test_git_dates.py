"""Page dates from git history, and the fallback when there is no history (a copy, a shallow clone)."""
import datetime as dt
import html
import os
import subprocess

from scripts.model import git_dates
from conftest import ROOT


def git(repo, *args, date=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_newest_commit_date_per_file(tmp_path):
    (tmp_path / "docs").mkdir()
    git(tmp_path, "init", "-q")
    (tmp_path / "docs/a.md").write_text("a", encoding="utf-8")
    (tmp_path / "docs/b.md").write_text("b", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "one", date="2025-03-01T12:00:00")
    (tmp_path / "docs/a.md").write_text("a2", encoding="utf-8")
    git(tmp_path, "commit", "-qam", "two", date="2026-05-02T12:00:00")
    assert git_dates.last_changed(tmp_path) == {
        "docs/a.md": dt.date(2026, 5, 2),
        "docs/b.md": dt.date(2025, 3, 1),
    }
    assert not git_dates.is_shallow(tmp_path)


def test_no_history_gives_no_dates(tmp_path):
    (tmp_path / "docs").mkdir()
    assert git_dates.last_changed(tmp_path) == {}


def test_page_shows_git_date_only_when_known(built_site, scratch_copy, tmp_path):
    from conftest import mkdocs_build

    in_repo = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Laatst gewijzigd:" in in_repo
    newest = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%s", "--", "docs/index.md"],
                            capture_output=True, text=True, check=True).stdout.strip()
    if newest and not git_dates.is_shallow(ROOT):
        assert "Recente wijzigingen van deze pagina" in in_repo
        assert html.escape(newest, quote=False) in in_repo
    run = mkdocs_build(scratch_copy / "mkdocs.yml", tmp_path / "site")  # the copy has no .git
    assert run.returncode == 0, run.stderr
    copy = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "Laatst gewijzigd:" not in copy and "Laatst gecontroleerd:" in copy
    assert "Recente wijzigingen" not in copy


def test_shallow_clone_gives_dates_only_for_commits_it_really_has(tmp_path):
    origin = tmp_path / "origin"
    (origin / "docs").mkdir(parents=True)
    git(origin, "init", "-q")
    (origin / "docs/old.md").write_text("old", encoding="utf-8")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "one", date="2024-01-01T12:00:00")
    (origin / "docs/new.md").write_text("new", encoding="utf-8")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "two", date="2026-02-02T12:00:00")
    (origin / "docs/newer.md").write_text("newer", encoding="utf-8")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "three", date="2026-03-03T12:00:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{origin}", str(clone)], check=True)
    assert git_dates.is_shallow(clone)
    # 'two' is the boundary: it seems to add old.md and new.md, so neither gets a date.
    assert git_dates.last_changed(clone) == {"docs/newer.md": dt.date(2026, 3, 3)}
    # ... nor a change in the history: a page lists only what really happened.
    history = git_dates.history(clone)
    assert history["docs/newer.md"] == [git_dates.Change(dt.date(2026, 3, 3), "three")]
    assert history["docs/old.md"] == [] and history["docs/new.md"] == []


def test_history_lists_newest_changes_first_with_the_readers_note(tmp_path):
    (tmp_path / "docs").mkdir()
    git(tmp_path, "init", "-q")
    page = tmp_path / "docs/a.md"
    for n in range(1, 8):
        page.write_text(str(n), encoding="utf-8")
        git(tmp_path, "add", ".")
        message = f"change {n}" + ("\n\nWijziging: De regel over tassen is duidelijker." if n == 7 else "")
        git(tmp_path, "commit", "-qm", message, date=f"2026-0{n}-01T12:00:00")
    listed = git_dates.history(tmp_path, per_file=5)["docs/a.md"]
    assert [c.day.month for c in listed] == [7, 6, 5, 4, 3]
    assert listed[0].subject == "De regel over tassen is duidelijker."  # the trailer, for readers
    assert listed[1].subject == "change 6"
