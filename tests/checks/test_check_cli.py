"""`python scripts/check.py --root <copy> [--site <built>]` fails on each planted fault and names
the Markdown file and line: a broken link, a broken anchor inside a quiz, a BSN, a private
e-mail address and a page without front matter. With --codequality the same findings are a GitLab
Code Quality report: blocking ones `major` on the right file and line, notices `info`."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from scripts.checks import open_places
CHECK = ROOT / "scripts" / "check.py"
IGNORE = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", "node_modules", ".cache")

FRONT = """---
title: {title}
description: Een pagina met een geplante fout voor de test.
doelgroep: [docent]
thema: [preventie]
eigenaar: redactie SWV
laatst_gecontroleerd: 2026-11-29
{extra}---

# {title}

"""


def run_check(root: Path, site: Path | None = None, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, str(CHECK), "--root", str(root)] + (["--site", str(site)] if site else []) + list(extra)
    return subprocess.run(cmd, capture_output=True, text=True, cwd=root, env=env)


def code_quality(path: Path) -> list[dict]:
    entries = json.loads(path.read_text(encoding="utf-8"))
    for entry in entries:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(entry)
        assert set(entry["location"]) == {"path", "lines"} and isinstance(entry["location"]["lines"]["begin"], int)
    assert len({e["fingerprint"] for e in entries}) == len(entries)  # GitLab shows one entry per fingerprint
    return entries


def blocking(entries: list[dict]) -> list[dict]:
    return [e for e in entries if e["severity"] != "info"]


def copy_project(dest: Path) -> Path:
    shutil.copytree(ROOT, dest, ignore=IGNORE)
    return dest


def plant(root: Path, rel: str, text: str) -> None:
    (root / rel).write_text(text, encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


@pytest.mark.parametrize(
    "rel, body, needle, message",
    [
        ("docs/regio/over/privacy.md", "Het BSN van de leerling is 111222333.\n", "111222333", "mogelijk persoonsgegeven (BSN)"),
        (
            "docs/regio/over/colofon.md",
            "Vragen? Mail naar p.devries@hotmail.com.\n",
            "hotmail",
            "mogelijk persoonsgegeven (e-mailadres)",
        ),
    ],
)
def test_personal_data_fails_with_file_and_line(tmp_path, rel, body, needle, message):
    root = copy_project(tmp_path / "kopie")
    plant(root, rel, FRONT.format(title="Test", extra="") + "Gewone tekst.\n\n" + body)
    run = run_check(root)
    assert run.returncode == 1
    assert f"{rel}:{line_of(root, rel, needle)}: {message}" in run.stdout


def test_page_without_front_matter_fails_with_file_and_line(tmp_path):
    root = copy_project(tmp_path / "kopie")
    plant(root, "docs/regio/over/index.md", "# Over deze site\n\nTekst zonder front matter.\n")
    run = run_check(root)
    assert run.returncode == 1
    assert "docs/regio/over/index.md:1: front matter ontbreekt" in run.stdout


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    """A copy with a broken page link and a broken anchor inside a quiz, built without --strict
    (strict mode would stop at the broken page link; the quiz anchor it would not see at all)."""
    base = tmp_path_factory.mktemp("links")
    root = copy_project(base / "kopie")
    plant(
        root,
        "docs/regio/over/index.md",
        FRONT.format(title="Over deze site", extra="") + "Lees ook [deze pagina](bestaat-niet.md).\n",
    )
    plant(
        root,
        "docs/regio/over/colofon.md",
        FRONT.format(title="Colofon", extra="quiz:\n  enabled: true\n")
        + "<quiz>\nWaar staat het?\n- [x] Hier\n- [ ] Daar\n\nZie [de start](index.md#bestaat-niet).\n</quiz>\n",
    )
    site = base / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    return root, site, run_check(root, site, "--codequality", str(base / "cq.json"))


def test_broken_link_fails_with_file_and_line(broken_site):
    root, _, run = broken_site
    assert run.returncode == 1
    line = line_of(root, "docs/regio/over/index.md", "bestaat-niet.md")
    assert f"docs/regio/over/index.md:{line}: link naar een pagina of bestand dat niet bestaat: 'bestaat-niet.md'" in run.stdout


def test_broken_anchor_inside_a_quiz_fails_with_file_and_line(broken_site):
    root, site, run = broken_site
    assert 'class="quiz' in (site / "regio" / "over" / "colofon" / "index.html").read_text(encoding="utf-8")
    assert run.returncode == 1
    line = line_of(root, "docs/regio/over/colofon.md", "#bestaat-niet")
    assert f"docs/regio/over/colofon.md:{line}: link naar een anker dat niet bestaat: '#bestaat-niet'" in run.stdout


def test_broken_link_and_anchor_are_major_code_quality_entries(broken_site):
    root, site, run = broken_site
    entries = code_quality(site.parent / "cq.json")
    found = {(e["location"]["path"], e["location"]["lines"]["begin"]) for e in blocking(entries)}
    assert found == {
        ("docs/regio/over/index.md", line_of(root, "docs/regio/over/index.md", "bestaat-niet.md")),
        ("docs/regio/over/colofon.md", line_of(root, "docs/regio/over/colofon.md", "#bestaat-niet")),
    }
    assert all(e["severity"] == "major" and e["check_name"] == "links" for e in blocking(entries))


def test_personal_data_is_a_major_code_quality_entry(tmp_path):
    root = copy_project(tmp_path / "kopie")
    rel = "docs/regio/over/privacy.md"
    plant(root, rel, FRONT.format(title="Test", extra="") + "Het BSN van de leerling is 111222333.\n")
    run = run_check(root, None, "--codequality", str(tmp_path / "cq.json"))
    assert run.returncode == 1
    [entry] = blocking(code_quality(tmp_path / "cq.json"))
    assert entry["location"] == {"path": rel, "lines": {"begin": line_of(root, rel, "111222333")}}
    assert entry["severity"] == "major" and entry["check_name"] == "privacy"
    assert "persoonsgegeven (BSN)" in entry["description"]


def test_strict_build_warning_reaches_the_report_with_file_and_line(broken_site, tmp_path):
    """make check feeds the strict build's output to check.py: a warning is an entry on its page."""
    root, site, _ = broken_site
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
         "--site-dir", str(tmp_path / "strikt")],
        capture_output=True, text=True, env=env,
    )
    assert build.returncode != 0
    log = tmp_path / "build.log"
    log.write_text(build.stdout + build.stderr, encoding="utf-8")
    run = run_check(root, None, "--build-log", str(log), "--build-exit", str(build.returncode),
                    "--codequality", str(tmp_path / "cq.json"))
    assert run.returncode == 1
    line = line_of(root, "docs/regio/over/index.md", "bestaat-niet.md")
    assert f"docs/regio/over/index.md:{line}: link naar een pagina of bestand dat niet bestaat: 'bestaat-niet.md'" in run.stdout
    build_entries = [e for e in blocking(code_quality(tmp_path / "cq.json")) if e["check_name"] == "build"]
    assert {(e["location"]["path"], e["location"]["lines"]["begin"]) for e in build_entries} == {("docs/regio/over/index.md", line)}


def test_a_failed_build_without_a_file_still_names_the_build(tmp_path):
    root = copy_project(tmp_path / "kopie")
    log = tmp_path / "build.log"
    log.write_text("INFO    -  Building documentation...\nTraceback (most recent call last):\nKeyError: 'x'\n", encoding="utf-8")
    run = run_check(root, None, "--build-log", str(log), "--build-exit", "1", "--codequality", str(tmp_path / "cq.json"))
    assert run.returncode == 1
    [entry] = blocking(code_quality(tmp_path / "cq.json"))
    assert entry["check_name"] == "build" and entry["location"]["path"] == "mkdocs.yml"
    assert "KeyError" in entry["description"]


def test_real_content_gives_only_notices_each_on_its_line(built_site, tmp_path):
    """Open placeholders (and pages past their review date, today or in 2999) are `info`, never
    blocking: a merge request stays green on them. Each names a file and a line that holds it."""
    for today in (None, "2999-01-01"):
        env = dict(os.environ)
        env.pop("KENNISBANK_VANDAAG", None)
        if today:
            env["KENNISBANK_VANDAAG"] = today
        report = tmp_path / f"cq-{today}.json"
        run = run_check(ROOT, built_site, "--codequality", str(report), env=env)
        assert run.returncode == 0, run.stdout + run.stderr
        entries = code_quality(report)
        assert blocking(entries) == []
        for entry in entries:
            lines = (ROOT / entry["location"]["path"]).read_text(encoding="utf-8").splitlines()
            text = lines[entry["location"]["lines"]["begin"] - 1]
            if entry["check_name"] == "open-plekken":
                assert "[nog in te vullen door het SWV:" in text
            elif entry["check_name"] == "controledatum":
                assert text.startswith("laatst_gecontroleerd:")
        if today:  # every page is overdue in 2999: each one is a notice, the check still passes
            overdue = [e for e in entries if e["check_name"] == "controledatum"]
            assert overdue and all("controle verlopen" in e["description"] for e in overdue)
            assert run_check(ROOT, None, "--rapport", env=env).returncode == 1  # the schedule's job fails


def test_open_placeholders_are_listed_one_by_one(tmp_path):
    root = copy_project(tmp_path / "kopie")
    rel = "docs/regio/over/colofon.md"
    plant(root, rel, FRONT.format(title="Colofon", extra="")
          + "Bel [nog in te vullen door het SWV: telefoonnummer].\n\nMail [nog in te vullen door het SWV: e-mail].\n")
    run_check(root, None, "--codequality", str(tmp_path / "cq.json"))
    # Only the open places: on another day the planted page may also be past its review date.
    mine = [e for e in code_quality(tmp_path / "cq.json") if e["location"]["path"] == rel and e["check_name"] == open_places.CODE]
    assert [(e["location"]["lines"]["begin"], e["severity"]) for e in mine] == [
        (line_of(root, rel, "telefoonnummer"), "info"), (line_of(root, rel, "e-mail]"), "info")
    ]


def test_fingerprint_ignores_the_line_but_not_the_finding():
    from scripts.reports import codequality
    from scripts.model.findings import Finding

    def fingerprints(*found):
        return [e["fingerprint"] for e in codequality.entries([("links", f) for f in found], ROOT)]

    [moved] = fingerprints(Finding("docs/a.md", 30, "kapotte link"))
    [before] = fingerprints(Finding("docs/a.md", 3, "kapotte link"))
    assert moved == before  # lines added above a finding do not make it a new one
    other_file, other_message = fingerprints(Finding("docs/b.md", 3, "kapotte link"), Finding("docs/a.md", 3, "ander"))
    assert len({before, other_file, other_message}) == 3
    first, second = fingerprints(Finding("docs/a.md", 3, "kapotte link"), Finding("docs/a.md", 9, "kapotte link"))
    assert first != second and first == before


def test_code_quality_severity_follows_the_finding():
    from scripts.reports import codequality
    from scripts.model.findings import Finding, notice

    error, info = codequality.entries([("x", Finding("docs/a.md", 1, "fout")), ("x", notice("docs/a.md", 2, "let op"))], ROOT)
    assert (error["severity"], info["severity"]) == ("major", "info")


# --------------------------------------------------------------------------- checks and runner, in process


def test_no_check_prints_and_each_returns_findings(capsys):
    """Checks return findings and print nothing: the runner alone writes the job log."""
    from scripts import checks
    from scripts.model import clock, findings
    from scripts.model.project import Project

    project = Project(ROOT, clock.today())
    assert len(set(checks.CHECKS)) == len(checks.CHECKS) > 0
    for module in checks.CHECKS:
        found = module.check(project)
        lines = module.summary(project) if hasattr(module, "summary") else []
        out, err = capsys.readouterr()
        assert (out, err) == ("", ""), module.__name__
        assert all(isinstance(f, findings.Finding) for f in found), module.__name__
        assert all(isinstance(line, str) for line in lines), module.__name__


def test_every_check_module_is_in_the_list():
    import pkgutil

    from scripts import checks

    listed = {m.__name__.rsplit(".", 1)[-1] for m in checks.CHECKS}
    assert listed == {info.name for info in pkgutil.iter_modules(checks.__path__)}


class _Check:
    """A stand-in check module that returns the given findings."""

    def __init__(self, name, found, summary=None):
        self.__name__ = f"scripts.checks.{name}"
        self.NAME = name
        self._found = found
        if summary is not None:
            self.summary = lambda project: summary

    def check(self, project):
        assert project.today == dt.date(2026, 12, 1)  # the runner's date, from the clock
        return list(self._found)


@pytest.mark.parametrize("severities, exit_code", [((), 0), (("notice",), 0), (("notice", "error"), 1), (("error",), 1)])
def test_exit_code_follows_the_severities(monkeypatch, capsys, tmp_path, severities, exit_code):
    from scripts import check, checks
    from scripts.model import clock
    from scripts.model.findings import Finding

    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 1))
    found = [Finding("docs/a.md", i + 1, f"melding {i}", severity) for i, severity in enumerate(severities)]
    monkeypatch.setattr(checks, "CHECKS", (_Check("nep", found, ["3 dingen geteld"]),))
    report = tmp_path / "cq.json"
    assert check.main(["--root", str(tmp_path), "--codequality", str(report)]) == exit_code
    out, err = capsys.readouterr()
    for finding in found:  # errors on stdout, notices on stderr, each as path:line: message
        assert f"docs/a.md:{finding.line}: {finding.message}\n" in (out if finding.is_error else err)
    assert "[info] 3 dingen geteld\n" in err
    assert f"[{'FOUT' if exit_code else 'ok'}] nep: " in err
    entries = code_quality(report)
    assert [(e["check_name"], e["severity"]) for e in entries] == [
        ("nep", "major" if s == "error" else "info") for s in severities]
