"""The GitLab pipeline, read as a file: reports kept when a job fails, the fast check job beside
the tests, review link and route map, site_url per deployment, JUnit that lists every test, and
the Debian packages `make test` installs (one apt-get).
Which jobs run for which pipeline is asserted by a real runner in tests/reports/test_gitlab_ci_local.py."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from conftest import ROOT, mkdocs_build


def load():
    return yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))


def jobs(config):
    return {name: job for name, job in config.items() if isinstance(job, dict) and "script" in job}


def test_every_job_is_in_a_stage_and_every_make_target_exists():
    config = load()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    used = set()
    for job in jobs(config).values():
        assert job["stage"] in config["stages"]
        for line in job["script"]:
            used.update(re.findall(r"\bmake ([a-z][a-z-]*)", line))
    assert used and used <= targets, used - targets


def test_reports_are_kept_when_the_job_fails():
    all_jobs = jobs(load())
    check, tests = all_jobs["controle"], all_jobs["tests"]
    assert check["script"] == ["make check"]
    assert check["artifacts"]["when"] == "always" and tests["artifacts"]["when"] == "always"
    assert check["artifacts"]["reports"]["codequality"] == "gl-code-quality.json"
    assert tests["artifacts"]["reports"]["junit"] == "rapport-tests.xml"
    assert "--junitxml=rapport-tests.xml" in tests["variables"]["PYTEST_ADDOPTS"]
    # make check writes the Code Quality file the job hands to GitLab
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^CODEQUALITY \?= gl-code-quality\.json$", makefile, re.M)
    assert "--codequality $(CODEQUALITY)" in makefile
    # one Code Quality report per pipeline: a second one would show every finding twice
    assert [n for n, j in all_jobs.items() if "codequality" in j.get("artifacts", {}).get("reports", {})] == ["controle"]


def test_the_check_job_answers_first_and_needs_no_browser():
    all_jobs = jobs(load())
    check, tests = all_jobs["controle"], all_jobs["tests"]
    assert check["needs"] == [] and tests["needs"] == []  # both start at once; the check does not wait
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^check:(.*)\n((?:\t.*\n)+)", makefile, re.M)
    assert "browser" not in recipe.group(1) and "node" not in recipe.group(1)
    assert "pytest" not in recipe.group(2) and "chromium" not in recipe.group(2)


def test_review_deployment_per_merge_request():
    config = load()
    review = jobs(config)["voorbeeld"]
    assert review["pages"]["path_prefix"] == "mr-$CI_MERGE_REQUEST_IID"
    assert review["environment"]["url"] and review["environment"]["auto_stop_in"]
    assert review["environment"]["name"].startswith("review/")
    assert review["needs"] == [{"job": "controle", "artifacts": True}]  # the site built by the check job
    # Without parallel deployments GitLab would ignore the prefix and replace the public site:
    # the job only runs when the project says the plan has them.
    assert [r["if"] for r in review["rules"]] == [
        '$CI_PIPELINE_SOURCE == "merge_request_event" && $PAGES_PARALLEL == "ja"'
    ]
    check_rules = jobs(config)["controle"]["rules"]
    assert check_rules[0]["variables"]["SITE_URL"] == "$CI_PAGES_URL/mr-$CI_MERGE_REQUEST_IID/"
    assert "artifacts/site/" in check_rules[1]["variables"]["SITE_URL"]  # the fallback: the artifact
    assert jobs(config)["controle"]["artifacts"]["expose_as"]  # the artifact link in the merge request


def test_schedule_republishes_and_fails_on_overdue_pages():
    all_jobs = jobs(load())
    assert all_jobs["controledata"]["script"] == ["make controle-rapport"]
    assert "allow_failure" not in all_jobs["controledata"]  # a failed schedule mails the maintainers
    assert [r["if"] for r in all_jobs["pages"]["rules"]] == ["$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"]
    assert all_jobs["pages"]["artifacts"]["paths"] == ["public"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^controle-rapport:.*\n\t.*-m scripts\.check --rapport", makefile, re.M)


def route(path: str, rules: list[dict]) -> str | None:
    """The public path GitLab gives a source file: the first rule that matches the whole path."""
    for rule in rules:
        source = rule["source"]
        if source.startswith("/") and source.endswith("/"):
            match = re.fullmatch(source[1:-1], path)
            if match:
                return match.expand(rule["public"])
        elif source == path:
            return rule["public"]
    return None


def test_route_map_points_every_page_at_its_built_address(built_site):
    rules = yaml.safe_load((ROOT / ".gitlab" / "route-map.yml").read_text(encoding="utf-8"))
    pages = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*.md"))
    assert pages
    for page in pages:
        public = route(page, rules)
        assert public is not None, f"{page}: geen regel in .gitlab/route-map.yml"
        target = built_site / public
        assert (target / "index.html").is_file() or target.is_file(), f"{page} -> {public} bestaat niet in de site"
    assert route("docs/over/colofon.md", rules) == "over/colofon/"
    assert route("docs/over/index.md", rules) == "over/"


def test_review_build_points_links_and_feed_at_the_review_site(tmp_path, monkeypatch):
    review = "https://swv-vo-zhw.gitlab.io/kennisbank/mr-12/"
    monkeypatch.setenv("SITE_URL", review)
    run = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site")
    assert run.returncode == 0, run.stdout + run.stderr
    site = tmp_path / "site"
    html = (site / "over" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{review}over/">' in html
    feeds = sorted(site.glob("feed_rss_*.xml"))
    assert feeds
    for feed in feeds:
        links = re.findall(r"<link>([^<]+)</link>", feed.read_text(encoding="utf-8"))
        assert links and all(link.startswith(review) for link in links), feed.name
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>([^<]+)</loc>", sitemap) and all(
        loc.startswith(review) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    )


SAMPLE_TESTS = '''
import pytest

def test_passes():
    assert True

@pytest.mark.parametrize("n", [1, 2])
def test_numbers(n):
    assert n

def test_skipped():
    pytest.skip("overgeslagen")

def test_fails():
    assert False
'''


def test_junit_report_holds_every_test(tmp_path):
    """The tests job's PYTEST_ADDOPTS with this project's pytest.ini: passed, failed, skipped and
    parametrised tests all land in the JUnit file the job hands to GitLab."""
    (tmp_path / "pytest.ini").write_text((ROOT / "pytest.ini").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "scripts").mkdir()
    (tmp_path / "tests" / "test_voorbeeld.py").write_text(SAMPLE_TESTS, encoding="utf-8")
    env = dict(os.environ, PYTEST_ADDOPTS=jobs(load())["tests"]["variables"]["PYTEST_ADDOPTS"])
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path, capture_output=True, text=True, env=dict(os.environ),
    )
    ids = {line.split("::", 1)[1] for line in collected.stdout.splitlines() if "::" in line}
    assert len(ids) == 5, collected.stdout
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                         cwd=tmp_path, capture_output=True, text=True, env=env)
    assert run.returncode == 1
    tree = ET.parse(tmp_path / "rapport-tests.xml")
    cases = {case.get("name"): case for case in tree.iter("testcase")}
    assert set(cases) == ids
    assert cases["test_fails"].find("failure") is not None
    assert cases["test_skipped"].find("skipped") is not None
    assert Path(tmp_path / "rapport-tests.xml").stat().st_size > 0


def test_ci_run_calls_make_test():
    text = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", text, re.M)


def test_missing_debian_packages_come_in_one_apt_get(tmp_path):
    """`make debian` (called by `make test`): what is missing comes with one apt-get update and one
    apt-get install; nothing when all is there. A stand-in apt-get on PATH logs its calls."""
    log = tmp_path / "apt.log"
    fake = tmp_path / "bin" / "apt-get"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$*" >> {log}\n', encoding="utf-8")
    fake.chmod(0o755)
    env = dict(os.environ, PATH=f"{fake.parent}:{os.environ['PATH']}")

    def make_debian(*missing: str) -> list[str]:
        log.unlink(missing_ok=True)
        run = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "debian",
                              *[f"HAVE_{tool}=false" for tool in missing]],
                             capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stdout + run.stderr
        return log.read_text(encoding="utf-8").splitlines() if log.exists() else []

    assert make_debian() == []  # this machine has everything (make test installed it)
    assert make_debian("rsync", "pdftotext", "woordenboek") == [
        "update -qq", "install -y -qq rsync poppler-utils hunspell hunspell-nl"]
