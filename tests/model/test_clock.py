"""One injectable "today" (scripts/model/clock.py): nothing else in scripts/ reads the clock, and the
checks and the build pass with the clock two years on (libfaketime from Debian, as a reader
sees the site long after the last merge), reporting overdue pages as notices, not failures."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.model import clock
from scripts.model import content_model
from conftest import ROOT

CLOCK_READS = re.compile(r"\b(?:date\.today|datetime\.now|datetime\.today|datetime\.utcnow|time\.time)\(")
# Reads of the clock that are not "today": a cache's age in seconds.
ALLOWED = {"scripts/reports/external_links.py"}


def test_clock_follows_the_environment(monkeypatch):
    """The variable decides; without it, the system clock."""
    monkeypatch.setenv(clock.ENV, "2031-02-03")
    assert clock.today() == dt.date(2031, 2, 3)
    monkeypatch.setenv(clock.ENV, "3 februari")
    with pytest.raises(SystemExit, match=clock.ENV):
        clock.today()
    # Without the variable: the system clock (set here with libfaketime, so the test never reads the real date).
    faketime = shutil.which("faketime")
    assert faketime, "faketime ontbreekt: installeer Debian's faketime (make test doet dat)"
    run = subprocess.run([faketime, "-f", "@2031-02-03 12:00:00", sys.executable, "-c",
                          "from scripts.model import clock; print(clock.today())"],
                         capture_output=True, text=True, env=later_env(), cwd=ROOT, check=True)
    assert run.stdout.strip() == "2031-02-03"


def test_nothing_else_reads_the_clock():
    offenders = []
    for path in sorted((ROOT / "scripts").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "scripts/model/clock.py" or rel in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if CLOCK_READS.search(line):
                offenders.append(f"{rel}:{number}: {line.strip()}")
    assert offenders == []


def later_env() -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", FAKETIME_DONT_FAKE_MONOTONIC="1")
    env.pop(clock.ENV, None)
    return env


def test_checks_and_build_pass_two_years_on(tmp_path):
    """Two years after the suite's "today" (tests/conftest.py), set as the system clock with
    libfaketime: the real date is never read."""
    faketime = shutil.which("faketime")
    assert faketime, "faketime ontbreekt: installeer Debian's faketime (make test doet dat)"
    later = content_model.add_months(clock.today(), 24)
    fake = ["-f", f"@{later.isoformat()} 12:00:00"]
    env = later_env()
    run = subprocess.run([faketime, *fake, sys.executable, "-c", "import datetime; print(datetime.date.today())"],
                         capture_output=True, text=True, env=env, check=True)
    assert dt.date.fromisoformat(run.stdout.strip()) == later  # the clock really moved
    check = subprocess.run([faketime, *fake, sys.executable, str(ROOT / "scripts" / "check.py")],
                           capture_output=True, text=True, env=env, cwd=ROOT)
    assert check.returncode == 0, check.stdout + check.stderr
    overdue = [p for p in content_model.iter_pages(ROOT / "docs") if p.overdue(later)]
    assert overdue, "twee jaar later is minstens één pagina verlopen"
    for page in overdue:
        assert f"docs/{page.path}:" in check.stderr and "controle verlopen" in check.stderr
    site = tmp_path / "site"
    build = subprocess.run([faketime, *fake, sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                            str(ROOT / "mkdocs.yml"), "--site-dir", str(site)],
                           capture_output=True, text=True, env=env, cwd=ROOT)
    assert build.returncode == 0, build.stderr[-3000:]
    shown = [p for p in site.rglob("index.html")
             if re.search(r'class="admonition warning controle-verlopen"[^>]*data-controle-voor="[^"]*">',
                          p.read_text(encoding="utf-8"))]
    assert len(shown) >= len([p for p in overdue if p.path != "regio/nieuws/index.md"]) > 0
