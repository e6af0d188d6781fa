""".gitlab-ci.yml run by a real runner: gitlab-ci-local (npm, pinned in package.json).

- It validates the file against GitLab's schema and lists the jobs of a merge request pipeline,
  a push to main, a schedule and a push to another branch; the lists are asserted.
- It runs the merge request check job (`controle`) with its shell executor on a clean copy of
  the working tree (a fresh git repository; the job's `image:` is not used): it passes on the real
  content with only `info` entries in the Code Quality report, and fails on a planted broken link
  with an entry naming the file and line. Both runs use the one copy: the broken link is committed
  on top of the clean copy after the first run, as an editor's next push would be.

The first run installs the Python environment as the job does (python3 -m venv, pip installs uv,
uv installs requirements.lock) from this machine's caches (PIP_CACHE_DIR or ~/.cache/pip,
UV_CACHE_DIR or ~/.cache/uv; `make install` filled them) in about ten seconds; the second finds it
installed (make's stamp) and the build cache warm. gitlab-ci-local runs on the Node of
requirements-test.lock (.venv/bin/node, first on PATH in the tests: tests/sharding.py), in GitLab's
`tests` jobs too. The module is skipped only when KENNISBANK_SKIP_GITLAB_CI_LOCAL=1 is set (shown in
the summary). A missing or too old node, gitlab-ci-local or rsync is an error, never a silent skip.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
GCL = ROOT / "node_modules" / "gitlab-ci-local" / "dist" / "index.js"
SKIP_ENV = "KENNISBANK_SKIP_GITLAB_CI_LOCAL"
REMOTE = "https://gitlab.com/voorbeeld-swv/kennisbank.git"  # an invented group: the pipeline names no region
PAGES_URL = "https://voorbeeld-swv.gitlab.io/kennisbank"
MR_IID = "7"
MERGE_REQUEST = {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_IID": MR_IID}
CQ_FIELDS = {"description", "check_name", "fingerprint", "severity", "location"}


@pytest.fixture(autouse=True)
def explicit_skip_only():
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{SKIP_ENV}=1: .gitlab-ci.yml is niet met gitlab-ci-local gedraaid")


def gitlab_ci_local(repo: Path, *args: str, variables: dict | None = None, unset=(), timeout=900):
    node = shutil.which("node")
    if node is None or not GCL.is_file():
        pytest.fail("node of gitlab-ci-local ontbreekt: draai 'make install' en 'make node' (versies vast in "
                    "requirements-test.lock en package-lock.json)")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    if int(version.lstrip("v").split(".")[0]) < 22:
        pytest.fail(f"{node} is Node {version}: het project gebruikt de vaste Node 22 uit requirements-test.lock "
                    "(draai 'make install')")
    cmd = [node, str(GCL), "--no-color"]
    variables = variables or {}
    if variables:
        cmd += ["--ignore-predefined-vars", ",".join(sorted(variables) + list(unset))]
    for name, value in variables.items():
        cmd += ["--variable", f"{name}={value}"]
    for name in unset:
        cmd += ["--unset-variable", name]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GCL_", "CI_", "GITLAB_"))}
    return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=timeout, env=env, cwd=repo)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True)


def fresh_repo(dest: Path) -> Path:
    """The working tree as it is now (tracked and new files, not the ignored ones) in a new
    git repository with a GitLab-like origin, so the runner sees what an editor would push."""
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        check=True, capture_output=True, text=True,
    ).stdout.split("\0")
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    git(dest, "init", "-q", "-b", "main")
    commit(dest, "clean copy")
    git(dest, "remote", "add", "origin", REMOTE)
    git(dest, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(dest, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
    return dest


def commit(repo: Path, message: str, *paths: str) -> None:
    """Commit everything (git add -A), or only the given paths."""
    git(repo, "add", *(paths or ["-A"]))
    git(repo, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", message)


def job_names(run: subprocess.CompletedProcess) -> list[str]:
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("name;"))
    return [line.split(";", 1)[0] for line in lines[header + 1:] if line.strip()]


@pytest.fixture(scope="module")
def ci_only(tmp_path_factory) -> Path:
    """A repository with only the pipeline files: listing jobs needs nothing else."""
    repo = tmp_path_factory.mktemp("ci-lijst")
    for rel in (".gitlab-ci.yml", "Makefile"):
        shutil.copy2(ROOT / rel, repo / rel)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "pipeline only")
    git(repo, "remote", "add", "origin", REMOTE)
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(repo, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
    return repo


@pytest.mark.parametrize(
    "kind, variables, unset, expected",
    [
        # GitLab sets no CI_COMMIT_BRANCH in a merge request pipeline.
        ("merge request", MERGE_REQUEST, ["CI_COMMIT_BRANCH"], ["controle", "tests", "zensical"]),
        (
            "merge request, parallel deployments on",
            {**MERGE_REQUEST, "PAGES_PARALLEL": "ja"},
            ["CI_COMMIT_BRANCH"],
            ["controle", "tests", "zensical", "voorbeeld"],
        ),
        ("push to main", {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main"}, [], ["controle", "tests", "zensical", "pages"]),
        (
            "schedule on main",
            {"CI_PIPELINE_SOURCE": "schedule", "CI_COMMIT_BRANCH": "main"},
            [],
            ["pages", "externe-links", "controledata"],
        ),
        ("push to another branch", {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "nieuwe-pagina"}, [], []),
    ],
)
def test_jobs_per_pipeline_kind(ci_only, kind, variables, unset, expected):
    run = gitlab_ci_local(ci_only, "--list-csv", variables=variables, unset=unset, timeout=120)
    assert "json schema validated" in run.stderr, run.stderr  # checked against GitLab's schema
    assert job_names(run) == [name for job in expected for name in parallel_names(job)], kind


def parallel_names(job: str) -> list[str]:
    """A job with `parallel: N` runs as N jobs side by side, named by gitlab-ci-local `job: [i/N]`."""
    config = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    total = config[job].get("parallel")
    return [f"{job}: [{i}/{total}]" for i in range(1, total + 1)] if total else [job]



def test_an_invalid_pipeline_is_rejected(tmp_path, ci_only):
    repo = tmp_path / "fout"
    shutil.copytree(ci_only, repo)
    text = (repo / ".gitlab-ci.yml").read_text(encoding="utf-8")
    (repo / ".gitlab-ci.yml").write_text(text.replace("  stage: check\n", "  stag: check\n", 1), encoding="utf-8")
    commit(repo, "typo")
    run = gitlab_ci_local(repo, "--list-csv", timeout=120)
    assert run.returncode != 0
    assert "controle" in run.stdout + run.stderr and "stag" in run.stdout + run.stderr


def run_check_job(repo: Path, variables: dict) -> subprocess.CompletedProcess:
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{SKIP_ENV}=1: de job 'controle' is niet met gitlab-ci-local gedraaid")
    if shutil.which("rsync") is None:
        pytest.fail("rsync ontbreekt (gitlab-ci-local kopieert de bestanden ermee): make rsync")
    caches = {name: os.environ.get(name) or str(Path.home() / ".cache" / tool)
              for name, tool in (("PIP_CACHE_DIR", "pip"), ("UV_CACHE_DIR", "uv"))}
    return gitlab_ci_local(
        repo, "controle", "--force-shell-executor",
        variables={**MERGE_REQUEST, **caches, "CI_PAGES_URL": PAGES_URL, "CI_PAGES_DOMAIN": "gitlab.io",
                   **variables},
        unset=["CI_COMMIT_BRANCH"],
    )


REPORT = "gl-code-quality.json"
PAGE = "site/regio/over/index.html"  # the built page whose canonical address the tests read


def report(folder: Path) -> list[dict]:
    path = folder / REPORT
    assert path.is_file(), f"make check schreef geen {REPORT}"
    entries = json.loads(path.read_text(encoding="utf-8"))
    for entry in entries:
        assert CQ_FIELDS <= set(entry), entry
        assert entry["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(entry["location"]["lines"]["begin"], int)
    return entries


def canonical(folder: Path) -> str:
    html = (folder / PAGE).read_text(encoding="utf-8")
    return re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)


def keep(repo: Path, dest: Path) -> Path:
    """What the tests read of a job run, copied before the next run on the same repository writes
    over it: the report, the files its entries point at (as they were) and the built page."""
    names = [REPORT, PAGE]
    try:
        names += [entry["location"]["path"] for entry in json.loads((repo / REPORT).read_text(encoding="utf-8"))]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no report or a malformed one: report(dest) fails on it with the reason
    for rel in names:
        if (repo / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(repo / rel, dest / rel)
    return dest


@pytest.fixture(scope="module")
def job_runs(tmp_path_factory) -> dict:
    """The check job run twice on one fresh copy: on the real content with parallel deployments
    on, then without them and with a broken link committed on top."""
    repo = fresh_repo(tmp_path_factory.mktemp("ci-kopie"))
    real = run_check_job(repo, {"PAGES_PARALLEL": "ja"})
    venv_made = (repo / ".venv" / "bin" / "mkdocs").is_file()  # the copy has no .venv: the job made it
    kept = keep(repo, tmp_path_factory.mktemp("ci-echt"))

    page = repo / "docs" / "regio" / "over" / "colofon.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nLees ook [deze pagina](bestaat-niet.md).\n", encoding="utf-8")
    commit(repo, "broken link", "docs/regio/over/colofon.md")
    line = page.read_text(encoding="utf-8").splitlines().index("Lees ook [deze pagina](bestaat-niet.md).") + 1
    broken = run_check_job(repo, {})
    return {"real": (kept, real, venv_made), "broken": (repo, line, broken)}


@pytest.fixture(scope="module")
def real_content(job_runs):
    return job_runs["real"]


@pytest.fixture(scope="module")
def broken_link(job_runs):
    return job_runs["broken"]


def test_check_job_passes_on_the_real_content_with_only_notices(real_content):
    kept, run, venv_made = real_content
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "$ make check" in run.stdout  # the job's own script ran, in the shell executor
    assert venv_made, "de job installeerde de Python-omgeving niet zelf"
    entries = report(kept)
    assert {e["severity"] for e in entries} <= {"info"}, [e for e in entries if e["severity"] != "info"]
    for entry in entries:  # every notice points at an existing file and line
        path = kept / entry["location"]["path"]
        assert path.is_file(), entry
        lines = path.read_text(encoding="utf-8").splitlines()
        assert 1 <= entry["location"]["lines"]["begin"] <= len(lines), entry


def test_check_job_builds_for_the_review_address(real_content):
    kept, run, _ = real_content
    assert run.returncode == 0
    assert canonical(kept) == f"{PAGES_URL}/mr-{MR_IID}/regio/over/"


def test_check_job_fails_on_a_broken_link_with_file_and_line(broken_link):
    repo, line, run = broken_link
    assert run.returncode != 0, run.stdout[-3000:]
    assert f"docs/regio/over/colofon.md:{line}: link naar een pagina of bestand dat niet bestaat" in run.stdout
    blocking = [e for e in report(repo) if e["severity"] != "info"]
    assert blocking, "geen blokkerende melding in het Code Quality-rapport"
    assert {(e["location"]["path"], e["location"]["lines"]["begin"]) for e in blocking} == {("docs/regio/over/colofon.md", line)}
    assert all(e["severity"] in ("major", "critical", "blocker") for e in blocking)
    assert any("bestaat-niet.md" in e["description"] for e in blocking)


def test_check_job_without_parallel_deployments_builds_for_the_artifact_address(broken_link):
    repo, _, run = broken_link
    # The strict build writes the site before it stops; its address is the artifact's (fallback).
    address = canonical(repo)
    assert re.fullmatch(r"https://voorbeeld-swv\.[^/]+/-/kennisbank/-/jobs/\d+/artifacts/site/regio/over/", address), address
