"""The downloads made into a site another generator built (python -m scripts.exports.all --site): a
missing site or a page that was not built is an error that names it. On the small test project."""
from __future__ import annotations

import pytest

import small_project
from scripts.exports import all as exports


def test_a_missing_site_folder_stops_with_its_name(tmp_path, capsys):
    assert exports.main(["--site", str(tmp_path / "geen-site")]) == 1
    assert "geen-site: geen gebouwde site" in capsys.readouterr().err


def test_an_unknown_kind_is_refused(tmp_path):
    with pytest.raises(SystemExit):
        exports.main(["--site", str(tmp_path), "--only", "lms,video"])


def test_a_page_that_was_not_built_is_named(tmp_path):
    root = small_project.make(tmp_path / "project")
    (tmp_path / "site").mkdir()
    downloads = exports.Downloads(tmp_path / "site", root=root, site_url="https://voorbeeld.example/")
    with pytest.raises(exports.ExportError, match=r"docs/handelen/stapkaarten/tas\.md: de gebouwde pagina .* ontbreekt"):
        downloads.pdf()


def test_keep_going_makes_the_other_kinds_and_says_what_failed(tmp_path, capsys, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()

    def fails(self):
        raise exports.ExportError("docs/x.md: kapot")

    monkeypatch.setattr(exports.Downloads, "pdf", fails)
    monkeypatch.setattr(exports.Downloads, "word", lambda self: [site / "a.docx"])
    assert exports.main(["--site", str(site), "--only", "word,pdf", "--keep-going"]) == 0
    out = capsys.readouterr()
    assert "word: 1 bestanden" in out.out and "pdf: niet gemaakt: docs/x.md: kapot" in out.err
    assert exports.main(["--site", str(site), "--only", "word,pdf"]) == 1
