"""The output pass (scripts/build/output_pass.py, issue 34): one pass over a built site folder, after
any generator. On a small site folder of its own (HTML written here in the theme's page layout, a
project with two pages, a blog post and a git history): tel: links in the page, the review notice with
the due date that docs/assets/controle.js reads, the page information with the change notes for
readers, each HTML file found through the content model (a blog post by the blog's address), running
twice changes nothing, and a page it cannot map is a clear error that writes nothing.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import lxml.html
import pytest

import phone_fixtures as fx
from conftest import ROOT
from scripts.build import output_pass, print_builds
from scripts.model import content_model, phones

TODAY = dt.date(2026, 12, 1)
NUMBER = fx.COMPANY[0]  # on the fixture allowlist
NOTE = "De uitleg is korter."

CONFIG = textwrap.dedent("""\
    site_name: Proef
    plugins:
      - blog:
          blog_dir: nieuws
          post_url_format: "{date}/{slug}"
    """)


def front(title: str, checked: str, extra: str = "") -> str:
    return (f"---\ntitle: {title}\ndescription: Een pagina om te proberen.\ndoelgroep: [docent]\n"
            f"thema: [preventie]\neigenaar: redactie SWV\nlaatst_gecontroleerd: {checked}\n{extra}---\n\n"
            f"# {title}\n\nTekst.\n")


SOURCES = ("bronnen:\n"
           "  - titel: Wet wapens en munitie, artikel 2\n"
           "    url: https://wetten.overheid.nl/BWBR0008804/2026-07-01#Artikel2\n"
           "  - titel: Wet wapens en munitie, artikel 13\n"
           "    url: https://wetten.overheid.nl/BWBR0008804/2026-07-01#Artikel13\n")

PAGES = {
    "index.md": front("Start", "2025-06-01"),  # 24 months: due 2027-06-01
    "wetgeving/wapens.md": front("Wapens", "2025-11-01", SOURCES),  # legal, 12 months: overdue on TODAY
    "nieuws/posts/2026-11-29-bericht.md": front("Een bericht", "2026-11-29",
                                                "date: 2026-11-29\ncategories: [Proef]\nslug: bericht\n"),
}


def page_html(title: str, body: str) -> str:
    """A page as Material lays it out: header, <main> with the article, footer."""
    return textwrap.dedent(f"""\
        <!doctype html>
        <html lang="nl"><head><title>{title}</title>
        <link rel="stylesheet" href="../assets/stylesheets/main.css">
        </head><body>
        <header class="md-header"><span>Bel {NUMBER} niet vanuit de kop</span></header>
        <main class="md-main">
        <div class="md-content" data-md-component="content">
        <article class="md-content__inner md-typeset">
        <a href="#" class="md-content__button md-icon" rel="edit"></a>
        <h1 id="x">{title}</h1>
        {body}
        </article>
        </div>
        </main>
        <footer class="md-footer"></footer>
        </body></html>
        """)


SITE = {
    "index.html": page_html("Start", f"<p>Bel {NUMBER} als het nodig is.</p>\n<table><tr><td>a</td></tr></table>"),
    "wetgeving/wapens/index.html": page_html("Wapens", "<p>Tekst.</p>"),
    "nieuws/2026/11/29/bericht/index.html": page_html("Een bericht", "<p>Tekst.</p>"),
    "nieuws/archive/2026/index.html": "<html><body><main><div class=\"md-content__inner\"></div></main></body></html>\n",
    "404.html": page_html("404", "<p>Niet gevonden.</p>"),
}


def git(repo: Path, *args: str, date: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_AUTHOR_DATE=f"{date}T12:00:00",
               GIT_COMMITTER_DATE=f"{date}T12:00:00")
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("uitvoer") / "project"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    fx.write_config(root / "config")
    git(root, "init", "-q", date="2026-01-05")
    for rel, text in PAGES.items():
        (root / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / rel).write_text(text, encoding="utf-8")
    git(root, "add", ".", date="2026-01-05")
    git(root, "commit", "-qm", "Skeleton", date="2026-01-05")
    (root / "docs" / "index.md").write_text(PAGES["index.md"] + "\nKorter.\n", encoding="utf-8")
    git(root, "commit", "-qam", f"Start page: shorter\n\nWijziging: {NOTE}", date="2026-03-10")
    return root


def write_site(folder: Path, pages: dict = SITE) -> Path:
    for rel, text in pages.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def site(project, tmp_path) -> Path:
    folder = write_site(tmp_path / "site")
    output_pass.run(folder, project, today=TODAY)
    return folder


def tree(path: Path):
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def test_numbers_in_the_page_become_tel_links_and_the_header_is_left_alone(site):
    page = tree(site / "index.html")
    links = page.xpath('//main//a[@class="tel"]')
    assert [(a.text, a.get("href")) for a in links] == [(NUMBER, phones.parse(NUMBER).href)]
    assert page.xpath("//header//a") == []


def test_every_page_with_a_source_gets_its_review_date_before_its_title(site):
    for rel, source in (("index.html", "index.md"), ("wetgeving/wapens/index.html", "wetgeving/wapens.md")):
        article = tree(site / rel).xpath('//article[@class="md-content__inner md-typeset"]')[0]
        notice = article.xpath("./*[@data-controle-voor]")
        assert len(notice) == 1, rel
        meta = content_model.load_yaml(content_model.split_front_matter(PAGES[source])[0])
        due = content_model.add_months(meta["laatst_gecontroleerd"],
                                       content_model.section_of(source).review_months)
        assert notice[0].get("data-controle-voor") == due.isoformat()
        assert (notice[0].get("hidden") is None) == (TODAY > due), rel  # shown by the build once overdue
        assert list(article).index(notice[0]) < list(article).index(article.find("h1"))


def test_the_page_information_has_the_sources_owner_and_change_notes_for_readers(site):
    start = tree(site / "index.html")
    notes = [(li.find("time").get("datetime"), li.text_content())
             for li in start.xpath('//details[@class="pagina-wijzigingen"]//li')]
    assert notes == [("2026-03-10", f"10 maart 2026: {NOTE}")]
    beheer = " ".join(start.xpath('//p[@class="pagina-beheer"]')[0].text_content().split())
    assert "Laatst gewijzigd: 10 maart 2026." in beheer and "Eigenaar: redactie SWV." in beheer
    legal = tree(site / "wetgeving" / "wapens" / "index.html")
    assert [a.get("href") for a in legal.xpath('//ul[@class="pagina-bronnen"]//a')] == [
        "https://wetten.overheid.nl/BWBR0008804/2026-07-01#Artikel2",
        "https://wetten.overheid.nl/BWBR0008804/2026-07-01#Artikel13"]
    assert "Peildatum: 1 november 2025." in " ".join(legal.xpath('//p[@class="pagina-beheer"]')[0].text_content().split())
    assert legal.xpath('//details[@class="pagina-wijzigingen"]') == []  # no note for readers on this page
    assert "Skeleton" not in (site / "index.html").read_text(encoding="utf-8")  # never a commit subject


def test_a_blog_post_is_found_at_the_address_the_blog_gives_it(site):
    post = tree(site / "nieuws" / "2026" / "11" / "29" / "bericht" / "index.html")
    assert len(post.xpath("//*[@data-controle-voor]")) == 1 and post.xpath('//aside[@class="pagina-info"]')


def test_pages_without_a_source_get_no_page_facts(site):
    for rel in ("404.html", "nieuws/archive/2026/index.html"):
        text = (site / rel).read_text(encoding="utf-8")
        assert "data-controle-voor" not in text and "pagina-info" not in text, rel


def test_running_twice_changes_nothing(project, site):
    before = {p: p.read_bytes() for p in site.rglob("*.html")}
    assert output_pass.run(site, project, today=TODAY).changed == 0
    assert {p: p.read_bytes() for p in site.rglob("*.html")} == before
    text = (site / "index.html").read_text(encoding="utf-8")
    assert text.count("tabel-scroll") == 1 and text.count('class="tel"') == 1
    assert text.count("data-controle-voor") == 1 and text.count("pagina-info") == 1


def test_a_page_without_a_source_is_an_error_naming_the_file_and_line_and_nothing_is_written(project, tmp_path):
    folder = write_site(tmp_path / "site", {**SITE, "weg/index.html": page_html("Weg", "<p>Tekst.</p>")})
    before = (folder / "index.html").read_bytes()
    with pytest.raises(output_pass.OutputPassError) as info:
        output_pass.run(folder, project, today=TODAY, shown="site")
    line = page_html("Weg", "").splitlines().index('<article class="md-content__inner md-typeset">') + 1
    assert str(info.value).startswith(f"site/weg/index.html:{line}: geen bron in docs/ voor deze pagina")
    assert (folder / "index.html").read_bytes() == before


def test_the_command_reports_the_error_and_exits_non_zero(project, tmp_path):
    folder = write_site(tmp_path / "site", {**SITE, "weg/index.html": page_html("Weg", "<p>Tekst.</p>")})
    run = subprocess.run([sys.executable, "-m", "scripts.build.output_pass", "--site", str(folder),
                          "--root", str(project)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    assert f"{folder}/weg/index.html:" in run.stderr and "geen bron in docs/" in run.stderr
    ok = subprocess.run([sys.executable, "-m", "scripts.build.output_pass", "--site", str(write_site(tmp_path / "ok")),
                         "--root", str(project)], capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0, ok.stderr
    assert "data-controle-voor" in (tmp_path / "ok" / "index.html").read_text(encoding="utf-8")


def test_a_page_whose_front_matter_is_wrong_is_an_error_naming_its_source_line(project, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy(project / "mkdocs.yml", broken / "mkdocs.yml")
    for name in ("config", "docs"):
        shutil.copytree(project / name, broken / name)
    (broken / "docs" / "index.md").write_text(PAGES["index.md"].replace("2025-06-01", "1 juni"), encoding="utf-8")
    with pytest.raises(output_pass.OutputPassError) as info:
        output_pass.run(write_site(tmp_path / "site"), broken, today=TODAY)
    assert "docs/index.md:7:" in str(info.value) and "JJJJ-MM-DD" in str(info.value)


class _Config(dict):
    def __init__(self, output):
        super().__init__()
        self.extra = {"uitvoer": output}


def test_the_print_page_is_no_build_of_its_own():
    """The whole site as one page is made from the finished site (scripts/exports/print_page.py): a config
    that still asks the build for it is told so."""
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match="scripts.exports.print_page"):
        print_builds.PrintBuilds().on_config(_Config("print"))
    config = _Config("map")
    assert print_builds.PrintBuilds().on_config(config) is config
