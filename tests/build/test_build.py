"""The real site builds strictly; faults planted in a scratch copy fail the build with the file named;
overdue pages show a notice and are listed by the check."""
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

from scripts.model import clock
from scripts.model import content_model, region
from conftest import ROOT, mkdocs_build, serve_dir

RESOURCE = re.compile(r"<(?:script|img|iframe|source)[^>]+src=\"(https?://[^\"]+)\"|<link[^>]+href=\"(https?://[^\"]+)\"")


def test_real_site_has_every_page_of_the_nav(built_site):
    """Every page of the nav as the build makes it (mkdocs.yml with the region's menu) is built."""
    def paths(node):
        if isinstance(node, str):
            return [node]
        values = node.values() if isinstance(node, dict) else node
        return [p for v in values for p in paths(v)]

    pages = paths(region.site_nav(ROOT))
    assert any(region.is_regional(p) for p in pages) and any(not region.is_regional(p) for p in pages)
    for page in pages:
        url = content_model.page_url(page)
        assert (built_site / url / "index.html").is_file(), page
    home = (built_site / "index.html").read_text(encoding="utf-8")
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
    page = scratch_copy / "docs/regio/over/colofon.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[weg](bestaat-niet.md)\n", encoding="utf-8")
    run = mkdocs_build(scratch_copy / "mkdocs.yml", tmp_path / "site")
    assert run.returncode != 0
    assert "Doc file 'regio/over/colofon.md' contains a link 'bestaat-niet.md'" in run.stderr


def test_broken_anchor_fails_the_build_with_file_named(scratch_copy, tmp_path):
    page = scratch_copy / "docs/regio/over/colofon.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[anker](index.md#bestaat-niet)\n", encoding="utf-8")
    run = mkdocs_build(scratch_copy / "mkdocs.yml", tmp_path / "site")
    assert run.returncode != 0
    assert "regio/over/colofon.md" in run.stderr and "#bestaat-niet" in run.stderr


def test_bad_front_matter_fails_the_build_with_file_line_and_field(scratch_copy, tmp_path):
    _replace(scratch_copy / "docs/regio/over/colofon.md", "eigenaar:", "beheerder:")
    run = mkdocs_build(scratch_copy / "mkdocs.yml", tmp_path / "site")
    assert run.returncode != 0
    assert "docs/regio/over/colofon.md:" in run.stderr and "onbekend veld 'beheerder'" in run.stderr
    check = subprocess.run([sys.executable, str(scratch_copy / "scripts/check.py"), "--root", str(scratch_copy)],
                           capture_output=True, text=True)
    assert check.returncode == 1
    assert re.search(r"docs/regio/over/colofon\.md:\d+: onbekend veld 'beheerder'", check.stdout)
    assert re.search(r"docs/regio/over/colofon\.md:1: veld 'eigenaar' ontbreekt", check.stdout)


def _set_checked(page: Path, day) -> None:
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"laatst_gecontroleerd: .*", f"laatst_gecontroleerd: {day.isoformat()}", text, count=1),
                    encoding="utf-8")


def test_overdue_page_shows_notice_and_is_listed(scratch_copy, tmp_path):
    """Dates relative to today (scripts/model/clock.py), so this passes on any day."""
    today = clock.today()
    checked = content_model.add_months(today, -25)  # other pages: 24 months, so overdue
    due = content_model.add_months(checked, 24)
    _set_checked(scratch_copy / "docs/regio/over/colofon.md", checked)
    _set_checked(scratch_copy / "docs/regio/over/privacy.md", today)
    run = mkdocs_build(scratch_copy / "mkdocs.yml", tmp_path / "site")
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "site/regio/over/colofon/index.html").read_text(encoding="utf-8")
    notice = re.search(r'<div class="admonition warning controle-verlopen"[^>]*>', html).group(0)
    assert f'data-controle-voor="{due.isoformat()}"' in notice and "hidden" not in notice
    assert content_model.dutch_date(due) in html
    fresh = (tmp_path / "site/regio/over/privacy/index.html").read_text(encoding="utf-8")
    fresh_notice = re.search(r'<div class="admonition warning controle-verlopen"[^>]*>', fresh).group(0)
    assert "hidden" in fresh_notice  # in the page for the script, hidden until due
    check = subprocess.run([sys.executable, str(scratch_copy / "scripts/check.py"), "--root", str(scratch_copy)],
                           capture_output=True, text=True)
    assert re.search(rf"docs/regio/over/colofon\.md:\d+: let op: controle verlopen sinds {due.isoformat()}", check.stderr)
    assert "docs/regio/over/privacy.md" not in check.stderr


def _due_dates(built_site: Path) -> dict[str, str]:
    dates = {}
    for html in built_site.rglob("index.html"):
        match = re.search(r'data-controle-voor="(\d{4}-\d{2}-\d{2})"', html.read_text(encoding="utf-8"))
        if match:
            dates[html.parent.relative_to(built_site).as_posix()] = match.group(1)
    return dates


def test_every_content_page_carries_its_due_date(built_site):
    dates = _due_dates(built_site)
    blog = next(p["blog"] for p in content_model.site_config()["plugins"] if isinstance(p, dict) and "blog" in p)
    listing = f"{blog['blog_dir']}/index.md"  # the blog plugin renders this one as a list of posts
    for page in content_model.iter_pages():
        if page.review_due() is None or page.path == listing:
            continue
        rel = page.path[:-3]
        rel = rel[: -len("index")].rstrip("/") if rel.endswith("index") else rel
        if rel.startswith("regio/nieuws/posts/"):
            continue  # blog posts live under their date in the URL
        assert dates.get(rel or ".") == page.review_due().isoformat(), page.path


def test_notice_appears_in_the_browser_once_the_readers_date_is_past_due(built_site, page, tmp_path, monkeypatch):
    """No rebuild: the same built page, read on its due date and on the day after. The site is built on
    the day before the latest due date of a legal page, so that page is not overdue when it is built,
    whatever day the suite runs on."""
    rel, due = max(((p, d) for p, d in _due_dates(built_site).items() if p.startswith("wetgeving/")),
                   key=lambda item: item[1])
    due_day = dt.date.fromisoformat(due)
    monkeypatch.setenv("KENNISBANK_VANDAAG", (due_day - dt.timedelta(days=1)).isoformat())
    run = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site")
    assert run.returncode == 0, run.stderr
    notice = page.locator(".controle-verlopen")
    with serve_dir(tmp_path / "site") as site_url:
        page.clock.set_fixed_time(dt.datetime.combine(due_day, dt.time(12, 0)))
        page.goto(f"{site_url}{rel}/")
        assert notice.is_hidden()
        page.clock.set_fixed_time(dt.datetime.combine(due_day + dt.timedelta(days=1), dt.time(12, 0)))
        page.reload()
        assert notice.is_visible()
        assert "niet op tijd gecontroleerd" in notice.inner_text()


def test_markers_inside_code_blocks_are_shown_as_code(scratch_copy, tmp_path):
    """A page that shows an editor how to write a marker builds, and shows the marker as code."""
    bank = next(iter(sorted((scratch_copy / "quizzes").glob("*.yml")))).stem
    example = f"\n## Voorbeeld voor redacteuren\n\n```markdown\n<!-- toets: {bank} -->\n<!-- toets-modules -->\n```\n"
    page = scratch_copy / "docs/regio/over/colofon.md"
    page.write_text(page.read_text(encoding="utf-8") + example, encoding="utf-8")
    run = mkdocs_build(scratch_copy / "mkdocs.yml", tmp_path / "site")
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "site/regio/over/colofon/index.html").read_text(encoding="utf-8")
    example_html = html[html.rindex("Voorbeeld voor redacteuren"):]
    code = re.search(r'<div class="[^"]*highlight[^"]*"><pre>.*?<code>(.*?)</code>', example_html, re.S).group(1)
    assert "toets:" in re.sub(r"<[^>]+>", "", code) and "&lt;!--" in code
    assert 'class="quiz' not in html and 'id="toets-modules"' not in html
