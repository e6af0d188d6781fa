"""The code as a package (issue 32): it declares what it needs, and the built wheel, outside this
repository, runs `python -m scripts.check` on any project folder it is given (--project, else
KENNISBANK_PROJECT, else the current folder), here a small project of its own (tests/small_project.py)."""
from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import small_project
from conftest import ROOT
from scripts.model import project as project_model

BUILD_ONLY = {"setuptools"}  # in requirements.txt to build the project itself, not needed to run it


def declared() -> dict[str, Requirement]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {canonicalize_name(r.name): r for r in map(Requirement, data["project"]["dependencies"])}


def pinned() -> dict[str, str]:
    """requirements.txt: name -> the version it pins (its lines are `name==version  # why`)."""
    out = {}
    for number, line in enumerate((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement = Requirement(line)
        if canonicalize_name(requirement.name) in BUILD_ONLY:
            continue
        spec = next(iter(requirement.specifier), None)
        assert spec is not None and spec.operator == "==", f"requirements.txt:{number}: pin with ==: {line}"
        out[canonicalize_name(requirement.name)] = spec.version
    return out


def test_the_package_declares_each_runtime_requirement_with_a_range_that_holds_its_pin():
    wanted, have = pinned(), declared()
    assert sorted(have) == sorted(wanted), "pyproject.toml [project].dependencies and requirements.txt differ"
    outside = {name: (str(have[name].specifier), version) for name, version in wanted.items()
               if version not in have[name].specifier}
    assert outside == {}, "the range in pyproject.toml does not hold the version requirements.txt pins"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the package's sources (the build leaves its folders there)."""
    src = tmp_path_factory.mktemp("bron")
    shutil.copy(ROOT / "pyproject.toml", src)
    shutil.copytree(ROOT / "scripts", src / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wiel")
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation",
                          "--no-index", "--quiet", "--wheel-dir", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    [built] = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The wheel's files unpacked into a folder of their own, as an installer puts them in site-packages."""
    lib = tmp_path_factory.mktemp("site-packages")
    with zipfile.ZipFile(wheel) as zipped:
        zipped.extractall(lib)
    return lib


def test_the_wheel_lists_the_dependencies_and_holds_the_package_and_its_own_files(wheel):
    with zipfile.ZipFile(wheel) as zipped:
        names = set(zipped.namelist())
        [meta] = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(zipped.read(meta))
        [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        plugins = zipped.read(entry_points).decode()
    listed = {canonicalize_name(r.name): str(r.specifier) for r in map(Requirement, metadata.get_all("Requires-Dist"))}
    assert listed == {name: str(r.specifier) for name, r in declared().items()}
    own = {p.relative_to(ROOT).as_posix() for p in (ROOT / "scripts").rglob("*")
           if p.is_file() and "__pycache__" not in p.parts}
    assert own - names == set(), "files of scripts/ missing from the wheel"
    assert "kennisbank = scripts.build.plugin:KennisbankPlugin" in plugins


def run_from(installed: Path, cwd: Path, *args: str, project: Path | None = None) -> subprocess.CompletedProcess:
    """A command of the installed package, run from ``cwd`` (-P: not on the path), with ``project`` in
    KENNISBANK_PROJECT: the package comes from the wheel's files, never from this repository."""
    env = {k: v for k, v in os.environ.items() if k != project_model.PROJECT_ENV}
    env |= {"PYTHONPATH": str(installed)} | ({project_model.PROJECT_ENV: str(project)} if project else {})
    return subprocess.run([sys.executable, "-P", *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_the_installed_package_checks_any_project_folder(installed, tmp_path):
    where = run_from(installed, tmp_path, "-c", "import scripts; print(scripts.__file__)")
    assert where.returncode == 0 and Path(where.stdout.strip()).is_relative_to(installed), where.stdout + where.stderr
    project = small_project.make(tmp_path / "elders" / "kennisbank")
    other = tmp_path / "ergens"
    other.mkdir()
    given = run_from(installed, other, "-m", "scripts.check", "--project", str(project))
    assert given.returncode == 0, given.stdout + given.stderr
    by_env = run_from(installed, other, "-m", "scripts.check", project=project)
    assert by_env.returncode == 0, by_env.stdout + by_env.stderr
    here = run_from(installed, project, "-m", "scripts.check")  # the current folder
    assert here.returncode == 0, here.stdout + here.stderr

    page = project / "docs" / "wetgeving" / "wapens.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: Wapens\n", ""), encoding="utf-8")
    faulty = run_from(installed, other, "-m", "scripts.check", "--project", str(project))
    assert faulty.returncode == 1
    assert "docs/wetgeving/wapens.md:1: " in faulty.stdout  # named in the project, wherever it is run from


def test_a_project_folder_that_does_not_exist_is_refused_with_its_name(installed, tmp_path):
    missing = tmp_path / "bestaat-niet"
    given = run_from(installed, tmp_path, "-m", "scripts.check", "--project", str(missing))
    assert given.returncode == 2 and f"{missing}: de projectmap bestaat niet (--project)" in given.stderr
    by_env = run_from(installed, tmp_path, "-m", "scripts.check", project=missing)
    assert by_env.returncode == 2 and f"{missing}: de projectmap bestaat niet ({project_model.PROJECT_ENV})" \
        in by_env.stderr
