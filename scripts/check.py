"""Fast checks without a browser: `python scripts/check.py [--root DIR] [--site DIR]`.

Runs every module in scripts/checks/ over the sources and, with --site, the internal
links and anchors of the built site (lychee, offline). Prints `path:line: message` for each
problem, lists pages past their review date, and exits 1 when anything is wrong.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

import checks  # noqa: E402
import clock  # noqa: E402
import content_model  # noqa: E402
import link_report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def source_checks():
    for info in sorted(pkgutil.iter_modules(checks.__path__), key=lambda m: m.name):
        yield importlib.import_module(f"checks.{info.name}")


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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--site", type=Path, help="gebouwde site om links en ankers te controleren")
    parser.add_argument("--rapport", action="store_true", help="alleen het rapport van controledata")
    args = parser.parse_args(argv)
    if args.rapport:
        return review_report(args.root)
    failed = False
    for module in source_checks():
        start = time.perf_counter()
        problems = module.check(args.root)
        took = time.perf_counter() - start
        for problem in problems:
            print(problem)
        status = "FOUT" if problems else "ok"
        print(f"[{status}] {module.NAME}: {len(problems)} probleem/problemen ({took:.2f} s)", file=sys.stderr)
        failed |= bool(problems)
    if args.site:
        ok, output = check_links(args.site)
        if not ok:
            # path:line in the Markdown source first (scripts/link_report.py), lychee's own report after.
            for problem in link_report.problems(output, args.site, args.root):
                print(problem)
            print(output, file=sys.stderr)
        print(f"[{'ok' if ok else 'FOUT'}] links en ankers in {args.site}", file=sys.stderr)
        failed |= not ok
    for page in overdue_pages(args.root):
        print(
            f"docs/{page.path}:{page.lines.get('laatst_gecontroleerd', 1)}: let op: controle verlopen "
            f"sinds {page.review_due()} (eigenaar: {page.meta.get('eigenaar')})",
            file=sys.stderr,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
