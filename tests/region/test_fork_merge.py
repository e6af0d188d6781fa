"""A fork keeps receiving the national content (issue 32): an "upstream" repository of the project, a
fork of it that replaces the region with the invented one (tests/voorbeeldregio), a correction of a national
page upstream, and the fork's merge of it: no conflict, and the fork's strict build shows both the
correction and its own region. The real national content, the real build."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import voorbeeldregio
from conftest import ROOT
from scripts.model import content_model, region
from test_invented_region import copy_repository

PAGE = "docs/wetgeving/mag-ik.md"  # the national page upstream corrects
CORRECTION = "Deze zin is een verbetering van de landelijke redactie (verzonnen, voor de test)."


def git(cwd: Path, *args: str) -> str:
    run = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=cwd,
                         capture_output=True, text=True)
    assert run.returncode == 0, f"git {' '.join(args)}:\n{run.stdout}{run.stderr}"
    return run.stdout


def test_a_fork_merges_a_national_correction_without_conflict_and_builds(tmp_path):
    upstream = copy_repository(tmp_path / "upstream")
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "Upstream")
    fork = tmp_path / "fork"
    git(tmp_path, "clone", "-q", str(upstream), str(fork))

    voorbeeldregio.install(fork, whole=True)
    git(fork, "add", "-A")
    git(fork, "commit", "-q", "-m", "Fork: our own region")
    changed = set(git(fork, "diff", "--name-only", "HEAD~1", "HEAD").split())
    national = {p for p in changed if not (p.startswith(region.REGION_DIR + "/") or p.startswith(f"docs/{region.PAGES_DIR}/"))}
    assert national == set()  # a fork changes its region only

    page = upstream / PAGE
    text = page.read_text(encoding="utf-8")
    body = content_model.body_start(text.splitlines())
    lines = text.splitlines(keepends=True)
    heading = next(i for i in range(body, len(lines)) if lines[i].startswith("# "))
    lines.insert(heading + 1, f"\n{CORRECTION}\n")
    page.write_text("".join(lines), encoding="utf-8")
    git(upstream, "commit", "-q", "-am", "Mag ik: a correction")

    git(fork, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    assert git(fork, "diff", "--name-only", "--diff-filter=U") == ""
    assert CORRECTION in (fork / PAGE).read_text(encoding="utf-8")

    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"], cwd=fork,
                           capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert build.returncode == 0, (build.stdout + build.stderr)[-4000:]
    built = (fork / "site" / content_model.page_url(PAGE[len("docs/"):]) / "index.html").read_text(encoding="utf-8")
    assert CORRECTION in built
    assert voorbeeldregio.profile().site_naam in built.replace("&ndash;", "–")
    home = (fork / "site" / "index.html").read_text(encoding="utf-8")
    assert voorbeeldregio.profile().naam in home  # the invented region's block on the national home page
