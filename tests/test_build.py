"""The real site builds strictly; faults planted in a scratch copy fail the build with the file named;
overdue pages show a notice and are listed by the check."""
import re
import subprocess
import sys
from pathlib import Path

from conftest import mkdocs_build

RESOURCE = re.compile(r"<(?:script|img|iframe|source)[^>]+src=\"(https?://[^\"]+)\"|<link[^>]+href=\"(https?://[^\"]+)\"")


def test_real_site_has_every_section(built_site):
    for section in ["conferentie", "drillrap", "signalering", "wetgeving", "convenanten", "handelen",
                    "samenwerking", "nieuws", "over"]:
        assert (built_site / section / "index.html").is_file(), section
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for target in ["signalering/", "handelen/", "wetgeving/mag-ik/", "convenanten/", "nieuws/"]:
        assert f'href="{target}"' in home, target
    assert 'lang="nl"' in home


def test_no_resource_from_a_third_party_host(built_site):
    """Scripts, styles, images and frames come from the site itself (links to sources are fine)."""
    offenders = []
    for html in built_site.rglob("*.html"):
        for match in RESOURCE.finditer(html.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            tag = match.group(0)
            if match.group(2) and not re.search(r'rel="(stylesheet|preconnect|preload|icon|modulepreload)"', tag):
                continue  # canonical, alternate (RSS) and similar links load nothing
            offenders.append(f"{html.relative_to(built_site)}: {url}")
    assert offenders == []
    assert "fonts.googleapis.com" not in "".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))


def test_page_info_shows_owner_and_review_date(built_site):
    html = (built_site / "wetgeving/mag-ik/index.html").read_text(encoding="utf-8")
    assert "Peildatum:" in html and "Eigenaar:</strong>" in html
    assert 'id="bronnen"' in html


def _replace(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_broken_link_fails_the_build_with_file_named(scratch_copy, tmp_path):
    page = scratch_copy / "docs/over/colofon.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[weg](bestaat-niet.md)\n", encoding="utf-8")
    run = mkdocs_build(scratch_copy / "mkdocs.yml", tmp_path / "site")
    assert run.returncode != 0
    assert "Doc file 'over/colofon.md' contains a link 'bestaat-niet.md'" in run.stderr


def test_broken_anchor_fails_the_build_with_file_named(scratch_copy, tmp_path):
    page = scratch_copy / "docs/over/colofon.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[anker](index.md#bestaat-niet)\n", encoding="utf-8")
    run = mkdocs_build(scratch_copy / "mkdocs.yml", tmp_path / "site")
    assert run.returncode != 0
    assert "over/colofon.md" in run.stderr and "#bestaat-niet" in run.stderr


def test_bad_front_matter_fails_the_build_with_file_line_and_field(scratch_copy, tmp_path):
    _replace(scratch_copy / "docs/over/colofon.md", "eigenaar:", "beheerder:")
    run = mkdocs_build(scratch_copy / "mkdocs.yml", tmp_path / "site")
    assert run.returncode != 0
    assert "docs/over/colofon.md:" in run.stderr and "onbekend veld 'beheerder'" in run.stderr
    check = subprocess.run([sys.executable, str(scratch_copy / "scripts/check.py"), "--root", str(scratch_copy)],
                           capture_output=True, text=True)
    assert check.returncode == 1
    assert re.search(r"docs/over/colofon\.md:\d+: onbekend veld 'beheerder'", check.stdout)
    assert re.search(r"docs/over/colofon\.md:1: veld 'eigenaar' ontbreekt", check.stdout)


def test_overdue_page_shows_notice_and_is_listed(scratch_copy, tmp_path):
    page = scratch_copy / "docs/over/colofon.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"laatst_gecontroleerd: .*", "laatst_gecontroleerd: 2020-01-01", text, count=1), encoding="utf-8")
    run = mkdocs_build(scratch_copy / "mkdocs.yml", tmp_path / "site")
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "site/over/colofon/index.html").read_text(encoding="utf-8")
    assert "Deze pagina is niet op tijd gecontroleerd" in html
    assert "1 januari 2022" in html  # due date: 24 months after the check
    fresh = (tmp_path / "site/over/privacy/index.html").read_text(encoding="utf-8")
    assert "niet op tijd gecontroleerd" not in fresh
    check = subprocess.run([sys.executable, str(scratch_copy / "scripts/check.py"), "--root", str(scratch_copy)],
                           capture_output=True, text=True)
    assert re.search(r"docs/over/colofon\.md:\d+: let op: controle verlopen sinds 2022-01-01", check.stderr)
