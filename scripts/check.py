"""Fast checks without a browser: `python -m scripts.check [--root DIR] [--site DIR]`.

Runs every module in scripts/checks/ over the sources and, with --site, the internal
links and anchors of the built site (lychee, offline). Prints `path:line: message` for each
problem, lists pages past their review date, and exits 1 when anything is wrong.
With --codequality it also writes those findings as a GitLab Code Quality report
(scripts/reports/codequality.py); with --build-log the warnings of the strict build are in it too.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import shutil
import subprocess
import sys
import time
from pathlib import Path


from scripts import checks
from scripts.model import clock
from scripts.reports import codequality
from scripts.model import content_model
from scripts.reports import link_report
from scripts.model.content_model import Problem
from scripts import ROOT



def source_checks():
    for info in sorted(pkgutil.iter_modules(checks.__path__), key=lambda m: m.name):
        yield importlib.import_module(f"scripts.checks.{info.name}")


def lychee_command(site: Path) -> list[str]:
    exe = shutil.which("lychee") or str(Path(sys.executable).parent / "lychee")
    return [
        exe, "--offline", "--include-fragments", "--index-files", "index.html",
        "--exclude-path", r"404\.html$", "--no-progress", "--format", "compact", str(site),
    ]


def check_links(site: Path) -> tuple[bool, str]:
    """Internal links and anchors in the built site, quizzes included."""
    if not (site / "index.html").is_file():
        return False, f"{site}: geen gebouwde site gevonden; draai eerst 'make build'"
    run = subprocess.run(lychee_command(site), capture_output=True, text=True)
    return run.returncode == 0, (run.stdout + run.stderr).strip()


def overdue_pages(root: Path):
    return [p for p in content_model.iter_pages(root / "docs") if not p.problems and p.overdue()]


def review_report(root: Path, soon_days: int = 60) -> int:
    """For the scheduled pipeline: every page past or near its review date. Exit 1 when any is overdue."""
    today = clock.today()
    pages = [p for p in content_model.iter_pages(root / "docs") if p.review_due()]
    pages.sort(key=lambda p: p.review_due())
    overdue = [p for p in pages if p.overdue(today)]
    soon = [p for p in pages if not p.overdue(today) and (p.review_due() - today).days <= soon_days]
    print(f"Controlerapport {today}: {len(overdue)} pagina('s) verlopen, {len(soon)} binnen {soon_days} dagen.")
    for label, group in (("VERLOPEN", overdue), ("BINNENKORT", soon)):
        for p in group:
            print(f"{label}: docs/{p.path} (controleren voor {p.review_due()}, eigenaar: {p.meta.get('eigenaar')})")
    return 1 if overdue else 0


def open_placeholders(root: Path) -> list[Problem]:
    """Each open place `[nog in te vullen door het SWV: ...]` with its file and line (a notice)."""
    from scripts.checks.placeholders import PLACEHOLDER

    found = []
    for path in content_model.markdown_sources(root):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in PLACEHOLDER.findall(line):
                found.append(Problem(path.relative_to(root).as_posix(), number, f"open plek: {match}"))
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--site", type=Path, help="gebouwde site om links en ankers te controleren")
    parser.add_argument("--rapport", action="store_true", help="alleen het rapport van controledata")
    parser.add_argument("--codequality", type=Path, metavar="BESTAND",
                        help="schrijf ook een GitLab Code Quality-rapport (JSON) voor de merge request")
    parser.add_argument("--build-log", type=Path, metavar="BESTAND",
                        help="uitvoer van 'mkdocs build --strict': meldingen komen in het rapport")
    parser.add_argument("--build-exit", type=int, default=0, metavar="N",
                        help="exitcode van die build (niet 0: de controle faalt)")
    args = parser.parse_args(argv)
    if args.rapport:
        return review_report(args.root)
    findings: list[codequality.Finding] = []
    failed = False
    if args.build_log is not None:
        log = args.build_log.read_text(encoding="utf-8") if args.build_log.is_file() else ""
        build_failed = args.build_exit != 0
        problems = codequality.build_problems(log, args.root, build_failed)
        for problem in problems:
            print(problem)
        findings += [codequality.Finding(codequality.BUILD_CHECK, p, codequality.MAJOR if build_failed else codequality.INFO)
                     for p in problems]
        print(f"[{'FOUT' if build_failed else 'ok'}] strenge build", file=sys.stderr)
        failed |= build_failed
    for module in source_checks():
        start = time.perf_counter()
        problems = module.check(args.root)
        took = time.perf_counter() - start
        for problem in problems:
            print(problem)
        findings += [codequality.Finding(module.__name__.rsplit(".", 1)[-1], p, codequality.MAJOR) for p in problems]
        status = "FOUT" if problems else "ok"
        print(f"[{status}] {module.NAME}: {len(problems)} probleem/problemen ({took:.2f} s)", file=sys.stderr)
        failed |= bool(problems)
    if args.site and failed and not (args.site / "index.html").is_file():
        print(f"[FOUT] links en ankers: niet gecontroleerd, de build maakte geen site in {args.site}", file=sys.stderr)
    elif args.site:
        ok, output = check_links(args.site)
        if not ok:
            # path:line in the Markdown source first (scripts/reports/link_report.py), lychee's own report after.
            problems = link_report.problems(output, args.site, args.root)
            if not problems:
                problems = [Problem(codequality.BUILD_CONFIG, 1, f"linkcontrole mislukt: {output.strip()[-300:]}")]
            reported = {(f.problem.path, f.problem.line, f.problem.message) for f in findings}
            for problem in problems:
                if (problem.path, problem.line, problem.message) not in reported:  # the strict build named it
                    print(problem)
                    findings.append(codequality.Finding("links", problem, codequality.MAJOR))
            print(output, file=sys.stderr)
        print(f"[{'ok' if ok else 'FOUT'}] links en ankers in {args.site}", file=sys.stderr)
        failed |= not ok
    for page in overdue_pages(args.root):
        notice = Problem(
            f"docs/{page.path}",
            page.lines.get("laatst_gecontroleerd", 1),
            f"let op: controle verlopen sinds {page.review_due()} (eigenaar: {page.meta.get('eigenaar')})",
        )
        print(notice, file=sys.stderr)
        findings.append(codequality.Finding("controledatum", notice, codequality.INFO))
    if args.codequality:
        findings += [codequality.Finding("open-plekken", p, codequality.INFO) for p in open_placeholders(args.root)]
        codequality.write(args.codequality, findings, args.root)
        print(f"[info] Code Quality-rapport: {args.codequality} ({len(findings)} meldingen)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
