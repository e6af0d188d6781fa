"""The scaffolder makes pages that pass the checks as they are, and refuses bad input clearly."""
import json
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


def test_a_new_page_in_every_section_builds_and_passes_the_check(scratch_copy, tmp_path):
    """`make pagina` in each section gives a page that passes `make check` as it is: the blocks its
    section requires are there, each with an open place (a notice), and the owner is the section's."""
    made = {section: new_page.scaffold(scratch_copy, section, f"Nieuwe pagina {section}")
            for section in content_model.SECTIONS}
    run = mkdocs_build(scratch_copy / "mkdocs.yml", tmp_path / "site")
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "site/handelen/nieuwe-pagina-handelen/index.html").is_file()
    report = tmp_path / "codequality.json"
    check = subprocess.run([sys.executable, "-m", "scripts.check", "--root", str(scratch_copy), "--site",
                            str(tmp_path / "site"), "--codequality", str(report)], capture_output=True, text=True,
                           cwd=scratch_copy)
    assert check.returncode == 0, check.stdout + check.stderr
    open_places = {item["location"]["path"] for item in json.loads(report.read_text(encoding="utf-8"))
                   if item["description"].startswith("open plek")}
    for section, path in made.items():
        rules = content_model.SECTION_RULES[section]
        page = content_model.load_page(path, scratch_copy / "docs")
        assert page.meta["eigenaar"] == content_model.section_owner(rules, scratch_copy)
        if rules.legal or rules.template:  # the blocks the section requires stand there with an open place
            assert path.relative_to(scratch_copy).as_posix() in open_places, section


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
