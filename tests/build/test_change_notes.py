"""Change notes for readers (scripts/model/git_dates.py, build step content): under a page, readers
see only the 'Wijziging:' notes of its commits, in Dutch and with their dates; a commit without a note
is not listed and does not move "Laatst gewijzigd"; a note on an included rule (regels/) counts for
every page that includes it; no developer's commit subject reaches a page, the print page (made from the
finished site by scripts/exports/print_page.py) or the PDF.
Without history (a copy) or with a cut-off history (a shallow clone) a page shows its review date.

A small git repository of its own, made in a temporary folder: two pages, one rule, five commits.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import lxml.html
import pytest

import voorbeeldregio
from conftest import ROOT
from pdf_text import pdf_pages
from scripts.exports import print_page, print_pdf

CONFIG = textwrap.dedent(f"""\
    site_name: Proef
    theme:
      name: material
      language: nl
      font: false
      custom_dir: {ROOT / "overrides"}
    extra_css: [assets/print.css]
    markdown_extensions:
      - pymdownx.snippets:
          base_path: !relative $config_dir/regels
          check_paths: true
    plugins:
      - kennisbank:
          steps: [content, output_pass, print_builds]
    nav:
      - index.md
      - ander.md
    """)
# The region's profile, for the print page's cover: the invented region's, with no pages of its own.
PROFILE = voorbeeldregio.PROFILE.read_text(encoding="utf-8").split("\nmenu:", 1)[0] + "\nmenu: []\n"

FRONT = textwrap.dedent("""\
    ---
    title: {title}
    description: Een pagina om te proberen.
    doelgroep: [docent]
    thema: [preventie]
    eigenaar: redactie SWV
    laatst_gecontroleerd: 2025-12-01
    ---
    """)

# (date, subject, note for readers or None, {file: new text})
COMMITS = [
    ("2026-01-05", "Site skeleton: mkdocs config, content model, build hook", None, {
        "mkdocs.yml": CONFIG,
        "regio/profiel.yml": PROFILE,
        "config/print/omslag.tpl": (ROOT / print_page.COVER_TEMPLATE).read_text(encoding="utf-8"),
        "docs/assets/print.css": (ROOT / "docs/assets/print.css").read_text(encoding="utf-8"),  # lays out the PDF
        "docs/index.md": FRONT.format(title="Start") + "\n# Start\n\nWat de school doet.\n\n--8<-- \"tas.md\"\n",
        "docs/ander.md": FRONT.format(title="Ander") + "\n# Ander\n\nGeen regel hier.\n",
        "regels/tas.md": "De school kijkt in een tas als de leerling erbij is.\n",
    }),
    ("2026-02-10", "Issue 15: lockdown/evacuation wording on the start page", "De uitleg op de startpagina is korter.", {
        "docs/index.md": FRONT.format(title="Start") + "\n# Start\n\nKort.\n\n--8<-- \"tas.md\"\n",
    }),
    ("2026-03-15", "Refactor: trailing whitespace in ander.md", None, {
        "docs/ander.md": FRONT.format(title="Ander") + "\n# Ander\n\nGeen regel hier, echt niet.\n",
    }),
    ("2026-04-20", "Rules: bag rule names coats too", "De regel over tassen noemt nu ook jassen.", {
        "regels/tas.md": "De school kijkt in een tas of jas als de leerling erbij is.\n",
    }),
    ("2026-05-25", "Lint: typo in tas.md", None, {
        "regels/tas.md": "De school kijkt in een tas of een jas als de leerling erbij is.\n",
    }),
]
SUBJECTS = [subject for _, subject, _, _ in COMMITS]
NOTES_ON_START = [("2026-04-20", "20 april 2026", "De regel over tassen noemt nu ook jassen."),
                  ("2026-02-10", "10 februari 2026", "De uitleg op de startpagina is korter.")]


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00", GIT_COMMITTER_DATE=f"{date}T12:00:00")
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("wijzigingen") / "repo"
    root.mkdir()
    git(root, "init", "-q")
    for date, subject, note, files in COMMITS:
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        git(root, "add", ".")
        message = subject + (f"\n\nWat de ontwikkelaar deed, in het Engels.\n\nWijziging: {note}" if note else "")
        git(root, "commit", "-qm", message, date=date)
    return root


def build(project: Path, out: Path) -> Path:
    """A strict build from inside the project, with the config named as `make` names it (relative)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(out)],
                         capture_output=True, text=True, env=env, cwd=project)
    assert run.returncode == 0, run.stdout + run.stderr
    return out


@pytest.fixture(scope="module")
def site(repo, tmp_path_factory) -> Path:
    return build(repo, tmp_path_factory.mktemp("site"))


def notes(html: Path) -> list[tuple[str, str, str]]:
    """(datetime, date as shown, text) of each item under "Recente wijzigingen van deze pagina"."""
    tree = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    return [(li.find("time").get("datetime"), li.find("time").text_content(),
             li.text_content().split(": ", 1)[1].strip())
            for li in tree.xpath('//details[@class="pagina-wijzigingen"]//li')]


def beheer(html: Path) -> str:
    tree = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    return " ".join(tree.xpath('//p[@class="pagina-beheer"]')[0].text_content().split())


def test_a_page_lists_only_the_notes_for_readers_with_their_dates(site):
    assert notes(site / "index.html") == NOTES_ON_START
    assert "Recente wijzigingen van deze pagina" in (site / "index.html").read_text(encoding="utf-8")


def test_a_note_on_an_included_rule_moves_the_including_page_date(site):
    # The newest note is the rule's (20 april), newer than the page's own (10 februari); the
    # commit after it, without a note, moves nothing.
    assert "Laatst gewijzigd: 20 april 2026." in beheer(site / "index.html")


def test_commits_without_a_note_show_nothing(site):
    page = site / "ander" / "index.html"
    assert notes(page) == []
    assert "pagina-wijzigingen" not in page.read_text(encoding="utf-8")
    assert "Laatst gewijzigd" not in beheer(page) and "Laatst gecontroleerd: 1 december 2025." in beheer(page)


def test_no_commit_subject_reaches_the_site_the_print_page_or_the_pdf(repo, site, tmp_path):
    printed = print_page.make(site, repo, tmp_path / "print" / "kennisbank.html")
    assert [text for _, _, text in notes(printed)] == [text for _, _, text in NOTES_ON_START]
    pdf = tmp_path / "proef.pdf"
    print_pdf.render_site(printed, pdf)
    pdf_text = " ".join(" ".join(pdf_pages(pdf)).split())
    assert "De regel over tassen noemt nu ook jassen." in pdf_text
    texts = {path: path.read_text(encoding="utf-8") for path in [*site.rglob("*"), printed]
             if path.suffix in (".html", ".xml", ".json", ".js") and path.is_file()}
    texts[pdf] = pdf_text
    for subject in SUBJECTS:
        for words in (subject, subject.split(": ", 1)[1]):
            found = [str(path) for path, text in texts.items() if words in text]
            assert found == [], f"commit subject {words!r} in {found}"
    assert all("Wat de ontwikkelaar deed" not in text for text in texts.values())


def test_a_copy_without_history_shows_the_review_date_only(repo, tmp_path):
    copy = tmp_path / "kopie"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".git"))
    out = build(copy, tmp_path / "site")
    for page in (out / "index.html", out / "ander" / "index.html"):
        assert notes(page) == []
        assert "Laatst gewijzigd" not in beheer(page) and "Laatst gecontroleerd:" in beheer(page)


def test_a_shallow_clone_shows_only_the_notes_it_really_has(repo, tmp_path):
    # Depth 2: the lint commit and the rule's note; the note is the boundary, which seems to add
    # every file, so it is not trusted: no page lists anything and the review date stays.
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(clone)], check=True)
    out = build(clone, tmp_path / "site")
    assert notes(out / "index.html") == []
    assert "Laatst gewijzigd" not in beheer(out / "index.html")
    # Depth 3: the boundary is the commit without a note on ander.md; the rule's note is real.
    deeper = tmp_path / "clone3"
    subprocess.run(["git", "clone", "-q", "--depth", "3", f"file://{repo}", str(deeper)], check=True)
    out = build(deeper, tmp_path / "site3")
    assert notes(out / "index.html") == NOTES_ON_START[:1]
    assert "Laatst gewijzigd: 20 april 2026." in beheer(out / "index.html")
