"""`python scripts/check.py --root <copy> [--site <built>]` fails on each planted fault and names
the Markdown file and line: a broken link, a broken anchor inside a quiz, a BSN, a private
e-mail address and a page without front matter."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
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


def run_check(root: Path, site: Path | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, str(CHECK), "--root", str(root)] + (["--site", str(site)] if site else [])
    return subprocess.run(cmd, capture_output=True, text=True, cwd=root)


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
        ("docs/over/privacy.md", "Het BSN van de leerling is 111222333.\n", "111222333", "mogelijk persoonsgegeven (BSN)"),
        (
            "docs/over/colofon.md",
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
    plant(root, "docs/over/index.md", "# Over deze site\n\nTekst zonder front matter.\n")
    run = run_check(root)
    assert run.returncode == 1
    assert "docs/over/index.md:1: front matter ontbreekt" in run.stdout


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    """A copy with a broken page link and a broken anchor inside a quiz, built without --strict
    (strict mode would stop at the broken page link; the quiz anchor it would not see at all)."""
    base = tmp_path_factory.mktemp("links")
    root = copy_project(base / "kopie")
    plant(
        root,
        "docs/over/index.md",
        FRONT.format(title="Over deze site", extra="") + "Lees ook [deze pagina](bestaat-niet.md).\n",
    )
    plant(
        root,
        "docs/over/colofon.md",
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
    return root, site, run_check(root, site)


def test_broken_link_fails_with_file_and_line(broken_site):
    root, _, run = broken_site
    assert run.returncode == 1
    line = line_of(root, "docs/over/index.md", "bestaat-niet.md")
    assert f"docs/over/index.md:{line}: link naar een pagina of bestand dat niet bestaat: 'bestaat-niet.md'" in run.stdout


def test_broken_anchor_inside_a_quiz_fails_with_file_and_line(broken_site):
    root, site, run = broken_site
    assert 'class="quiz' in (site / "over" / "colofon" / "index.html").read_text(encoding="utf-8")
    assert run.returncode == 1
    line = line_of(root, "docs/over/colofon.md", "#bestaat-niet")
    assert f"docs/over/colofon.md:{line}: link naar een anker dat niet bestaat: '#bestaat-niet'" in run.stdout
