"""The build cache (scripts/build/build_cache.py) and its use by the templates hook: a Word file is made
again only when its template (or the code that makes it) changed; a deleted cache is rebuilt.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scripts.bench import performance as bench
from scripts.build import build_cache
from scripts.exports import quiz_export
from scripts.exports import templates_docx
from conftest import ROOT

NAME = "sjablonen"  # the templates hook's namespace


# ---- The cache itself ------------------------------------------------------------------------


@dataclasses.dataclass
class Thing:
    text: str
    when: dt.date
    parts: list


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.delenv(build_cache.ENV, raising=False)
    return build_cache.Cache("proef", tmp_path, version="v1")


def test_same_inputs_same_key_and_any_change_a_new_key(cache):
    a = Thing("tekst", dt.date(2026, 1, 2), [1, "2", None])
    assert cache.key((a, "https://x/")) == cache.key((Thing("tekst", dt.date(2026, 1, 2), [1, "2", None]), "https://x/"))
    others = [
        (Thing("tekst!", a.when, a.parts), "https://x/"),
        (Thing("tekst", dt.date(2026, 1, 3), a.parts), "https://x/"),
        (Thing("tekst", a.when, [1, 2, None]), "https://x/"),  # '2' and 2 differ
        (a, "https://y/"),
        ("ab", ""), ("a", "b"),  # no concatenation collisions
    ]
    keys = {cache.key(o) for o in others}
    assert len(keys) == len(others) and cache.key((a, "https://x/")) not in keys


def test_version_and_code_are_part_of_the_key(tmp_path, monkeypatch):
    monkeypatch.delenv(build_cache.ENV, raising=False)
    inputs = ("x",)
    v1 = build_cache.Cache("proef", tmp_path, version="v1").key(inputs)
    assert build_cache.Cache("proef", tmp_path, version="v2").key(inputs) != v1
    with_code = build_cache.Cache("proef", tmp_path, version="v1", code=[templates_docx]).key(inputs)
    assert with_code != v1
    # the code part is the module's source: another module, another key
    assert build_cache.Cache("proef", tmp_path, version="v1", code=[build_cache]).key(inputs) != with_code


def test_get_or_make_counts_hits_and_misses(cache):
    made = []

    def make():
        made.append(1)
        return b"inhoud"

    assert cache.get_or_make(("a",), make) == b"inhoud"
    assert cache.get_or_make(("a",), make) == b"inhoud"
    assert (cache.hits, cache.misses, len(made)) == (1, 1, 1)
    stats = cache.finish()
    assert stats == {"hits": 1, "misses": 1, "entries": 1}
    assert build_cache.read_stats("proef", cache.folder.parent.parent.parent) == stats


def test_a_new_cache_object_reads_what_an_earlier_build_stored(tmp_path, monkeypatch):
    monkeypatch.delenv(build_cache.ENV, raising=False)
    build_cache.Cache("proef", tmp_path).get_or_make(("a",), lambda: b"1")
    again = build_cache.Cache("proef", tmp_path)
    assert again.get_or_make(("a",), lambda: b"2") == b"1" and again.hits == 1


def test_deleted_cache_is_made_again(cache, tmp_path):
    cache.get_or_make(("a",), lambda: b"1")
    shutil.rmtree(tmp_path / ".cache")
    fresh = build_cache.Cache("proef", tmp_path, version="v1")
    assert fresh.get_or_make(("a",), lambda: b"2") == b"2" and fresh.misses == 1
    assert fresh.get(fresh.key(("a",))) == b"2"


def test_finish_drops_entries_no_build_used_for_two_weeks(cache, monkeypatch):
    monkeypatch.setenv("KENNISBANK_VANDAAG", "2026-01-01")
    cache.get_or_make(("oud",), lambda: b"1")
    cache.finish()
    keep = build_cache.KEEP_DAYS
    for day, name in ((f"2026-01-{1 + keep:02d}", "nieuw"), (f"2026-01-{2 + keep:02d}", "nieuw")):
        monkeypatch.setenv("KENNISBANK_VANDAAG", day)
        cache.reset()
        cache.get_or_make((name,), lambda: b"2")
        cache.finish()
        if day.endswith(f"{1 + keep:02d}"):  # exactly KEEP_DAYS unused: still there
            assert cache.get(cache.key(("oud",))) == b"1"
    assert sorted(p.name for p in cache.folder.glob("*.bin")) == [cache.key(("nieuw",)) + ".bin"]
    assert set(json.loads((cache.folder / build_cache.USAGE).read_text())) == {cache.key(("nieuw",))}


def test_two_configurations_do_not_push_each_other_out(cache):
    """make build and make serve have another site URL: both keep their entries."""
    cache.get_or_make(("sjabloon", "https://productie/"), lambda: b"1")
    cache.finish()
    cache.reset()
    cache.get_or_make(("sjabloon", "http://127.0.0.1:8000/"), lambda: b"2")
    cache.finish()
    cache.reset()
    assert cache.get_or_make(("sjabloon", "https://productie/"), lambda: b"3") == b"1" and cache.hits == 1


def test_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv(build_cache.ENV, "uit")
    off = build_cache.Cache("proef", tmp_path)
    assert off.get_or_make(("a",), lambda: b"1") == b"1"
    assert off.get_or_make(("a",), lambda: b"2") == b"2"
    assert not (tmp_path / ".cache").exists() and off.misses == 2


def test_unknown_input_type_is_a_clear_error(cache):
    with pytest.raises(TypeError, match="object"):
        cache.key((object(),))
    with pytest.raises(TypeError, match="bytes"):
        cache.get_or_make(("a",), lambda: "geen bytes")


def test_cache_folder_is_ignored_by_git():
    assert ".cache/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


# ---- The templates hook, in real builds of a copy of the project ------------------------------


def build(project: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != build_cache.ENV}
    env["NO_MKDOCS_2_WARNING"] = "1"
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "site")],
                         cwd=project, capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    stats = build_cache.read_stats(NAME, project)
    assert stats is not None, "stats.json van de cache ontbreekt na de build"
    return stats


def docx_files(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project / "site").as_posix(): p.read_bytes()
            for p in sorted((project / "site").rglob("*.docx"))}


def entries(project: Path) -> dict[str, int]:
    folder = project / build_cache.CACHE_DIR / NAME
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.bin")}


def document_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode("utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return bench.copy_project(ROOT, tmp_path_factory.mktemp("cache") / "project")  # copies no .cache/


SENTENCE = "Deze zin is toegevoegd om de cache te testen."
QUESTION = "Een vraag die de cache test?"


@pytest.fixture(scope="module")
def history(project) -> dict:
    """One series of builds of the copy, each after one kind of edit, read by the tests below for
    both caches of the build ("sjablonen": the Word files; "lms": the LMS exports and SCORM
    packages): per build its stats, and what the tests look at of the cache and the site. Building
    once for both tests: a cold build and the warm ones after it are the same for either cache."""
    steps, facts = {}, {}

    def step(name: str) -> dict:
        stats = build(project)
        steps[name] = {"stats": stats, "lms": build_cache.read_stats("lms", project),
                       "files": docx_files(project), "entries": entries(project)}
        return steps[name]

    facts["templates"] = templates = templates_docx.template_pages(project / "docs")
    assert templates, "geen sjablonen gevonden"
    step("cold")
    step("unchanged")

    changed = templates[0]
    changed.write_text(changed.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{SENTENCE}\n", encoding="utf-8")
    facts["changed template"] = changed
    step("template edited")

    bank = sorted((project / "quizzes").glob("*.yml"))[0]
    text = bank.read_text(encoding="utf-8")
    question = re.search(r"^    vraag: (.+)$", text, re.M)
    bank.write_text(text[:question.start(1)] + QUESTION + text[question.end(1):], encoding="utf-8")
    step("bank edited")
    facts["gift"] = (project / "site" / quiz_export.EXPORT_DIR / f"{bank.stem}.gift.txt").read_text(encoding="utf-8")
    step("unchanged after the bank")

    page = project / "docs" / "wetgeving" / "meldcode.md"
    page.write_text(re.sub(r"^title: .*$", "title: Meldcode (getest)", page.read_text(encoding="utf-8"), count=1,
                           flags=re.M), encoding="utf-8")
    step("page title edited")

    shutil.rmtree(project / ".cache")
    step("cache deleted")
    facts["stats file"] = json.loads((project / build_cache.CACHE_DIR / NAME / build_cache.STATS).read_text())
    return {"steps": steps, **facts}


def test_second_build_reuses_a_changed_template_is_remade_a_deleted_cache_is_rebuilt(project, history):
    steps, templates = history["steps"], history["templates"]
    count = len(templates)

    first = steps["cold"]
    assert first["stats"] == {"hits": 0, "misses": count, "entries": count}
    files, stored = first["files"], first["entries"]
    assert len(files) == count and len(stored) == count

    second = steps["unchanged"]
    assert second["stats"] == {"hits": count, "misses": 0, "entries": count}
    assert second["entries"] == stored, "de cache is herschreven terwijl er niets veranderde"
    assert second["files"] == files, "de tweede build leverde andere Word-bestanden"

    changed = history["changed template"]
    third = steps["template edited"]
    assert third["stats"] == {"hits": count - 1, "misses": 1, "entries": count}
    now = third["files"]
    target = templates_docx.download_rel_path(changed.relative_to(project / "docs").as_posix())
    assert SENTENCE in document_text(now[target]) and SENTENCE not in document_text(files[target])
    assert {k: v for k, v in now.items() if k != target} == {k: v for k, v in files.items() if k != target}
    assert len(third["entries"]) == count + 1  # the old version stays until unused for KEEP_DAYS days
    assert steps["bank edited"]["stats"]["misses"] == 0  # a question is not part of a Word file

    fourth = steps["cache deleted"]
    assert fourth["stats"] == {"hits": 0, "misses": count, "entries": count}
    assert set(fourth["files"]) == set(now)
    assert history["stats file"] == fourth["stats"]


def test_several_files_under_one_key(cache):
    made = []

    def export():
        made.append(1)
        return {"toets.xml": "<quiz>é</quiz>", "pakket.zip": b"PK\x03\x04"}

    first = cache.get_or_make_files(("bank", 1), export)
    assert first == {"toets.xml": "<quiz>é</quiz>".encode("utf-8"), "pakket.zip": b"PK\x03\x04"}
    assert cache.get_or_make_files(("bank", 1), export) == first and len(made) == 1
    assert cache.get_or_make_files(("bank", 2), export) == first and len(made) == 2
    with pytest.raises(TypeError, match="dict"):
        cache.get_or_make_files(("x",), lambda: [b"geen dict"])


def test_lms_exports_are_remade_only_when_a_bank_or_a_page_changes(history):
    """The Moodle/GIFT/QTI exports and the SCORM packages (scripts/build/quiz_pages.py) share one cache:
    a rebuild reuses them, an edited question or page title makes them again."""
    steps = history["steps"]
    assert steps["cold"]["lms"]["misses"] == 2
    assert steps["unchanged"]["lms"] == {"hits": 2, "misses": 0, "entries": 2}
    assert steps["bank edited"]["lms"]["misses"] == 2
    assert QUESTION.rstrip("?") in history["gift"]
    assert steps["unchanged after the bank"]["lms"]["misses"] == 0
    assert steps["page title edited"]["lms"]["misses"] == 2  # 'Lees meer' links name the page by its title
