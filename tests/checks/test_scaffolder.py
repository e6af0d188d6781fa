"""The scaffolder makes pages that pass the checks as they are, and refuses bad input clearly."""
import subprocess
import sys

import pytest
import yaml

from scripts.model import content_model
from scripts import new_page
from conftest import ROOT, mkdocs_build


def test_new_legal_page_is_valid_and_in_nav(scratch_copy):
    path = new_page.scaffold(scratch_copy, "wetgeving", "Camera's op school")
    assert path == scratch_copy / "docs/wetgeving/camera-s-op-school.md"
    assert content_model.load_page(path, scratch_copy / "docs").problems == []
    config = (scratch_copy / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- Camera's op school: wetgeving/camera-s-op-school.md" in config


def test_new_pages_build_strictly(scratch_copy, tmp_path):
    new_page.scaffold(scratch_copy, "handelen", "Brand in de school")
    new_page.scaffold(scratch_copy, "nieuws", "Nieuw sjabloon beschikbaar")
    run = mkdocs_build(scratch_copy / "mkdocs.yml", tmp_path / "site")
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "site/handelen/brand-in-de-school/index.html").is_file()
    check = subprocess.run([sys.executable, str(scratch_copy / "scripts/check.py"), "--root", str(scratch_copy)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_nav_entry_lands_in_its_own_section(scratch_copy):
    new_page.scaffold(scratch_copy, "handelen", "Brand")
    nav = yaml.safe_load((scratch_copy / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n")[1].join(["nav:\n", ""]))
    handelen = next(item["Handelen"] for item in nav["nav"] if "Handelen" in item)
    assert {"Brand": "handelen/brand.md"} in handelen


@pytest.mark.parametrize(
    "section,title,message",
    [
        ("sport", "Iets", "onbekende sectie 'sport'"),
        ("wetgeving", "  ", "titel ontbreekt"),
        ("wetgeving", "Wapens en de wet", None),  # exists already in the real tree? checked below
    ],
)
def test_bad_input_is_refused(scratch_copy, section, title, message):
    if message is None:
        (scratch_copy / "docs/wetgeving/wapens-en-de-wet.md").write_text("x", encoding="utf-8")
        message = "bestaat al"
    with pytest.raises(new_page.ScaffoldError, match=message):
        new_page.scaffold(scratch_copy, section, title)


def test_cli_exit_code_and_message():
    run = subprocess.run([sys.executable, str(ROOT / "scripts/new_page.py"), "--sectie", "x", "--titel", "y"],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert "fout: onbekende sectie 'x'" in run.stderr
