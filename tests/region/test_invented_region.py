"""A second region, built by the same code (issue 32): a copy of the repository with the invented region
of tests/voorbeeldregio in place of the real one passes `make check` and builds with every download
(`make downloads`), every feature works there, and nothing of the real region reaches its site or its
downloads.

This is the one test that reads the real region's names: from the real profile (regio/profiel.yml), so
it names none itself. A national line that names a place on purpose says so (``<!-- regio-ok: ... -->``,
scripts/checks/region.py); a name on such a line is no leak. One copy and one build for the module.
"""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import voorbeeldregio
from conftest import ROOT, serve_dir
from pdf_text import pdf_pages
from scripts.bench import search_bench
from scripts.build import search_tuning
from scripts.checks import region as region_check
from scripts.model import content_model, phones, quiz_model, region, registers

TEXT_SUFFIXES = {".html", ".js", ".json", ".xml", ".txt", ".css", ".svg", ".gift", ".csv", ".md", ".yml"}


def run(cmd: list[str], cwd: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env))


def copy_repository(dest: Path) -> Path:
    """The project's files as git knows them (tracked and new, not ignored), into ``dest``."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            (dest / rel).write_bytes(source.read_bytes())
    return dest


@pytest.fixture(scope="module")
def invented(tmp_path_factory):
    """The copy with the invented region, built with its downloads by `make downloads` and checked
    (scripts.check on that strict build, as `make check` does), once."""
    root = copy_repository(tmp_path_factory.mktemp("voorbeeldregio"))
    voorbeeldregio.install(root, whole=True)
    py, site = sys.executable, root / "site"
    # `make downloads` itself, with this venv (STAMP empty: the copy's venv is this one, nothing to install)
    results = {"downloads": run(["make", "--no-print-directory", "downloads", f"VENV={sys.prefix}", "STAMP="], root)}
    if results["downloads"].returncode == 0:  # the checks, the links to the downloads among them, on the whole site
        (root / "build.log").write_text(results["downloads"].stdout + results["downloads"].stderr, encoding="utf-8")
        results["check"] = run([py, "-m", "scripts.check", "--root", str(root), "--site", "site", "--build-log",
                                "build.log", "--build-exit", "0"], root)
    return root, site, results


def output(result: subprocess.CompletedProcess) -> str:
    return (result.stdout + result.stderr)[-4000:]


def test_the_invented_region_passes_the_check_and_builds_with_its_downloads(invented):
    root, site, results = invented
    assert set(results) == {"downloads", "check"}, {k: output(v) for k, v in results.items()}
    for name, result in results.items():
        assert result.returncode == 0, f"{name}:\n{output(result)}"


# --- none of the real region ------------------------------------------------------------------------------

def real_names() -> list[str]:
    """The real region's names, from its profile, and its conference date as pages write it."""
    real = region.load(ROOT)
    names = list(real.names)
    if real.conferentie:
        names += [real.conferentie.isoformat(), content_model.dutch_date(real.conferentie)]
    return names


def excused(names: list[str]) -> set[str]:
    """Names that a national line names on purpose and says so (regio-ok on the line or the line above,
    as scripts/checks/region.py reads it): not a leak."""
    found = set()
    for path in region.national_markdown(ROOT):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if region_check.OK_RE.search(line) or (i and region_check.OK_RE.search(lines[i - 1])):
                found |= {n for n in names if n in line}
    return found


def texts(site: Path):
    """(name, text) of every text in the site and its downloads: files, the members of zip files (SCORM,
    QTI, Word, the offline site) and the text of the PDFs."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        shown = path.relative_to(site).as_posix()
        if path.suffix in TEXT_SUFFIXES:
            yield shown, path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix in (".zip", ".docx"):
            yield from zip_texts(shown, path.read_bytes())
        elif path.suffix == ".pdf":
            yield shown, "\n".join(pdf_pages(path))


def zip_texts(shown: str, data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            suffix = Path(member).suffix
            if suffix in TEXT_SUFFIXES or suffix in (".rels", ".xsd", ".ncx", ".opf"):
                yield f"{shown}!{member}", archive.read(member).decode("utf-8", errors="replace")
            elif suffix in (".zip", ".docx"):
                yield from zip_texts(f"{shown}!{member}", archive.read(member))


@pytest.fixture(scope="module")
def all_texts(invented):
    return dict(texts(invented[1]))


def test_the_site_and_downloads_hold_none_of_the_real_regions_names(all_texts):
    names = real_names()
    assert len(names) >= 5
    allowed = excused(names)
    leaks = {}
    for shown, text in all_texts.items():
        found = {n for n in names if n in text} - allowed
        if found:
            leaks[shown] = sorted(found)
    assert leaks == {}, f"{len(leaks)} bestanden: " + "; ".join(f"{k}: {v}" for k, v in list(leaks.items())[:20])


def test_the_invented_regions_name_is_in_the_site_the_word_files_and_the_scorm_manifests(invented, all_texts):
    own = voorbeeldregio.profile()
    site = invented[1]
    assert own.site_naam in (site / "index.html").read_text(encoding="utf-8").split("</title>")[0]
    footers = [re.sub(r"<[^>]+>", "", t) for k, t in all_texts.items() if re.search(r"\.docx!word/footer\d*\.xml$", k)]
    assert footers and all(own.site_naam in t and own.licentiegever in t for t in footers)
    manifests = [t for k, t in all_texts.items() if k.endswith("!imsmanifest.xml") and ".scorm" in k]
    assert manifests and all(own.licentiegever in t for t in manifests)  # the licence line names the licensor


# --- every feature ------------------------------------------------------------------------------------------

def test_the_sociale_kaart_shows_the_invented_routes_with_tel_links(invented):
    root, site, _ = invented
    page = (site / content_model.page_url(region.REQUIRED_PAGES[0]) / "index.html").read_text(encoding="utf-8")
    loaded = registers.load(registers.SOCIALE_KAART.name, root)
    assert loaded.problems == []
    for gemeente in voorbeeldregio.profile().gemeenten:
        assert f'data-gemeente="{registers.gemeente_slug(gemeente)}"' in page
        for entry in loaded.entries:
            if entry.values["gemeente"] == gemeente:
                assert entry.values["partner"] in page
    numbers = {e.values["telefoon"] for e in loaded.entries
               if e.values.get("telefoon") and not registers.is_placeholder(e.values["telefoon"])}
    assert numbers
    for number in numbers:
        assert f'href="{phones.parse(number).href}"' in page, number


def test_step_cards_word_files_and_pdfs_open(invented):
    import docx

    site = invented[1]
    cards = sorted(site.glob("handelen/stapkaarten/pdf/*.pdf"))
    assert cards
    for card in cards:
        assert pdf_pages(card)[0].strip()
    words = sorted(site.rglob("*.docx"))
    assert words
    for word in words:
        assert docx.Document(word).paragraphs
    whole = pdf_pages(site / "downloads" / "kennisbank.pdf")
    assert len(whole) > 10 and voorbeeldregio.profile().site_naam in "\n".join(whole[:2]).replace("\n", " ")


def test_the_lms_exports_exist_and_parse(invented):
    root, site, _ = invented
    banks, problems = quiz_model.load_banks(root)
    assert problems == [] and banks
    export = site / "signalering" / "export"
    for bank in banks:
        ET.parse(export / f"{bank.name}.moodle.xml")
        gift = (export / f"{bank.name}.gift.txt").read_text(encoding="utf-8")
        assert gift.count("{") >= len(bank.questions)
        for kind in ("qti12", "qti21", "scorm12"):
            with zipfile.ZipFile(export / f"{bank.name}.{kind}.zip") as archive:
                assert archive.testzip() is None
                for member in archive.namelist():
                    if member.endswith(".xml"):
                        ET.fromstring(archive.read(member))


def test_the_offline_zip_holds_the_site(invented):
    with zipfile.ZipFile(invented[1] / "downloads" / "kennisbank-offline.zip") as archive:
        names = archive.namelist()
    assert any(n.endswith("index.html") for n in names)
    assert any(region.REQUIRED_PAGES[0][:-len(".md")] in n for n in names)


def test_search_finds_a_page_of_the_invented_region(invented):
    search = search_bench.SiteSearch(invented[1] / search_tuning.INDEX_FILE)
    own = voorbeeldregio.profile()
    assert any(hit.startswith(region.PAGES_DIR + "/") for hit in search.search(own.gemeenten[1])[:5])


def test_a_quiz_is_answered_and_its_progress_shown(invented, page):
    from content import test_training_browser as training

    root, site, _ = invented
    banks, _ = quiz_model.load_banks(root)
    bank = sorted(banks, key=lambda b: b.name)[0]
    progress_page = next(content_model.page_url(p.relative_to(root / "docs").as_posix())
                         for p in sorted((root / "docs").rglob("*.md"))
                         if 'id="voortgang-overzicht"' in p.read_text(encoding="utf-8"))
    with serve_dir(site) as url:
        errors = training.watch_errors(page)
        page.goto(url + training.url_of(bank))
        quizzes = page.locator("div.quiz[id^='quiz-']")
        assert quizzes.count() == len(bank.questions)
        for i in range(quizzes.count()):
            training.answer_correctly(quizzes.nth(i))
        page.goto(url + progress_page)
        row = page.locator(f"tr[data-module='{bank.name}']")
        assert row.get_attribute("data-status") == "afgerond"
        assert errors == []
