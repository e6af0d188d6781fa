"""The scaffolder makes pages that pass the checks as they are, and refuses bad input clearly."""
import datetime as dt
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


def region_project(tmp_path):
    """A project of its own with the region's folder (docs/regio/), its menu in the profile and its blog there."""
    import voorbeeldregio
    from scripts.model import region

    profile = voorbeeldregio.install(tmp_path)
    text = profile.read_text(encoding="utf-8").split("\nmenu:", 1)[0]  # the menu is its last field
    profile.write_text(text + "\nmenu:\n  - Verslag:\n      - regio/verslag/index.md\n", encoding="utf-8")
    assert region.load(tmp_path).problems == []
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Proef\nplugins:\n  - blog:\n      blog_dir: regio/nieuws\nnav:\n  - Handelen:\n"
        "      - handelen/index.md\n", encoding="utf-8")
    for folder in ("handelen", "regio/verslag", "regio/nieuws/posts"):
        (tmp_path / "docs" / folder).mkdir(parents=True)
    return tmp_path


def test_the_regions_folders_are_sections_with_the_regions_rules(tmp_path):
    """Regional sections are not names in the code: each folder of docs/regio/ is one (also by its own
    name), with the rules of the region's pages and the region's menu; the blog's folder (mkdocs.yml)
    takes the news posts."""
    from scripts.model import region

    root = region_project(tmp_path)
    regional = f"{content_model.REGION_PAGES}verslag"
    assert new_page.sections(root) == (*content_model.SECTIONS, new_page.blog_dir(root), regional)
    path = new_page.scaffold(root, "verslag", "Eerste dag")
    assert path == root / "docs" / regional / "eerste-dag.md"
    assert f"- Eerste dag: {regional}/eerste-dag.md" in (root / region.PROFILE_FILE).read_text(encoding="utf-8")
    assert region.load(root).problems == []
    page = content_model.load_page(path, root / "docs")
    assert page.rules is content_model.REGION_SECTION and page.problems == []
    assert page.meta["eigenaar"] == content_model.section_owner(content_model.REGION_SECTION, root)
    today = dt.date(2030, 1, 2)
    post = new_page.scaffold(root, "nieuws", "Nieuw bericht", today)  # the blog by the last part of its folder
    assert post == root / "docs" / new_page.blog_dir(root) / "posts" / "2030-01-02-nieuw-bericht.md"
    assert content_model.load_page(post, root / "docs", today).meta["date"] == today
    assert "regio" not in (root / "mkdocs.yml").read_text(encoding="utf-8").split("nav:", 1)[1]


def test_a_page_in_the_region_folder_has_the_regions_rules_whatever_the_folder_is_called():
    assert content_model.section_of(f"{content_model.REGION_PAGES}eigen-map/a.md") is content_model.REGION_SECTION
    assert content_model.section_of(f"{content_model.REGION_PAGES}index.md") is content_model.REGION_SECTION
    assert content_model.REGION_SECTION.name not in content_model.SECTIONS
