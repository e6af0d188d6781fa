"""Fast checks without a browser: `python -m scripts.check [--project DIR] [--site DIR]`.

The runner. It takes today's date from scripts/model/clock.py once, builds the project model
(scripts/model/project.py) and runs every check of scripts/checks/ (CHECKS, in order) over it and,
with --site, the internal links and anchors of the built site (lychee, offline). Checks return
findings (scripts/model/findings.py) and print nothing; this prints them, `path:line: message`,
errors on stdout and notices on stderr, and exits 1 when there is any error.
With --codequality it also writes those findings as a GitLab Code Quality report
(scripts/reports/codequality.py); with --build-log the warnings of the strict build are in it too.
"""
from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import time
from pathlib import Path

from scripts import checks
from scripts.model import clock, findings as findings_model
from scripts.model.findings import Finding
from scripts.model import project as project_model
from scripts.model.project import Project
from scripts.reports import codequality, link_report

LINKS_CHECK = "links"


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


def review_report(project: Project, soon_days: int = 60) -> int:
    """For the scheduled pipeline: every page past or near its review date. Exit 1 when any is overdue."""
    today = project.today
    pages = sorted((p for p in project.pages if p.review_due()), key=lambda p: p.review_due())
    overdue = [p for p in pages if p.overdue(today)]
    soon = [p for p in pages if not p.overdue(today) and (p.review_due() - today).days <= soon_days]
    print(f"Controlerapport {today}: {len(overdue)} pagina('s) verlopen, {len(soon)} binnen {soon_days} dagen.")
    for label, group in (("VERLOPEN", overdue), ("BINNENKORT", soon)):
        for p in group:
            print(f"{label}: docs/{p.path} (controleren voor {p.review_due()}, eigenaar: {p.meta.get('eigenaar')})")
    return 1 if overdue else 0


def show(found: list[Finding], list_notices: bool = True) -> None:
    """Errors on stdout, notices on stderr (the job log shows both; editors jump to path:line)."""
    for finding in found:
        if finding.is_error:
            print(finding)
        elif list_notices:
            print(finding, file=sys.stderr)


def status(ok: bool, text: str) -> None:
    print(f"[{'ok' if ok else 'FOUT'}] {text}", file=sys.stderr)


def counted(found: list[Finding]) -> str:
    """'2 probleem/problemen', with ', 3 melding(en)' when there are notices."""
    errors = len(findings_model.errors(found))
    text = f"{errors} {findings_model.LABELS[findings_model.ERROR]}"
    notices = len(found) - errors
    return text + (f", {notices} {findings_model.LABELS[findings_model.NOTICE]}" if notices else "")


def run_checks(project: Project, reported: list[tuple[str, Finding]]) -> None:
    """Every check of CHECKS in order: its findings, its summary and a status line."""
    for module in checks.CHECKS:
        start = time.perf_counter()
        found = module.check(project)
        summary = module.summary(project) if hasattr(module, "summary") else []
        took = time.perf_counter() - start
        show(found, getattr(module, "LIST_NOTICES", True))
        for line in summary:
            print(f"[info] {line}", file=sys.stderr)
        status(not findings_model.errors(found), f"{module.NAME}: {counted(found)} ({took:.2f} s)")
        code = getattr(module, "CODE", module.__name__.rsplit(".", 1)[-1])
        reported += [(code, finding) for finding in found]


def run_links(site: Path, project: Project, reported: list[tuple[str, Finding]]) -> bool:
    ok, output = check_links(site)
    if not ok:
        # path:line in the Markdown source first (scripts/reports/link_report.py), lychee's own report after.
        found = link_report.findings(output, site, project.root)
        if not found:
            found = [Finding(codequality.BUILD_CONFIG, 1, f"linkcontrole mislukt: {output.strip()[-300:]}")]
        known = {(f.path, f.line, f.message) for _, f in reported}
        found = [f for f in found if (f.path, f.line, f.message) not in known]  # the strict build named it
        show(found)
        reported += [(LINKS_CHECK, finding) for finding in found]
        print(output, file=sys.stderr)
    status(ok, f"links en ankers in {site}")
    return ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    project_model.project_argument(parser)
    parser.add_argument("--site", type=Path, help="gebouwde site om links en ankers te controleren")
    parser.add_argument("--rapport", action="store_true", help="alleen het rapport van controledata")
    parser.add_argument("--codequality", type=Path, metavar="BESTAND",
                        help="schrijf ook een GitLab Code Quality-rapport (JSON) voor de merge request")
    parser.add_argument("--build-log", type=Path, metavar="BESTAND",
                        help="uitvoer van 'mkdocs build --strict': meldingen komen in het rapport")
    parser.add_argument("--build-exit", type=int, default=0, metavar="N",
                        help="exitcode van die build (niet 0: de controle faalt)")
    args = project_model.parse_args(parser, argv)
    today: dt.date = clock.today()
    project = Project(args.root, today)
    if args.rapport:
        return review_report(project)
    reported: list[tuple[str, Finding]] = []
    build_failed = False
    if args.build_log is not None:
        log = args.build_log.read_text(encoding="utf-8") if args.build_log.is_file() else ""
        build_failed = args.build_exit != 0
        found = codequality.build_findings(log, args.root, build_failed)
        for finding in found:
            print(finding)  # on stdout like the build's own output, also when the build passed
        reported += [(codequality.BUILD_CHECK, finding) for finding in found]
        status(not build_failed, "strenge build")
    run_checks(project, reported)
    failed = build_failed or any(f.is_error for _, f in reported)
    if args.site and failed and not (args.site / "index.html").is_file():
        print(f"[FOUT] links en ankers: niet gecontroleerd, de build maakte geen site in {args.site}", file=sys.stderr)
    elif args.site:
        failed |= not run_links(args.site, project, reported)
    if args.codequality:
        codequality.write(args.codequality, reported, args.root)
        print(f"[info] Code Quality-rapport: {args.codequality} ({len(reported)} meldingen)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
