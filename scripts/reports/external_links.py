"""Check the external links of the site: `python -m scripts.reports.external_links` (`make links-extern`).

Meant for a scheduled pipeline, not for every merge request: it needs the internet and it is
slow. Internal links and anchors are checked offline by scripts/check.py.

lychee (pinned in requirements.txt) does the work: it finds the links in the sources with
their line (docs/**/*.md, regels/*.md, data/**/*.yml), requests them in parallel, retries passing
faults and keeps good answers in its cache (config/lychee.toml). This script only says what
lychee found in words an editor understands, and tells a dead link from a passing fault:

  dead    = 404 or 410, or the host name does not exist (DNS: no such name)  -> `path:line: dode link`, exit 1
  passing = 429, 5xx, other 4xx, a timeout, a refused connection, or a DNS answer "try again later"
            (EAI_AGAIN)                                                         -> warning only, exit 0

If no server answers at all (no internet), it says so and exits 2 instead of calling every link
dead. Hosts in config/links-niet-controleren.txt (sites that refuse link checkers) are skipped.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from scripts.model import content_model, project

SOURCE_GLOBS = ("docs/**/*.md", "regels/*.md", "regio/**/*.md", "regio/**/*.yml", "regio/**/*.yaml")
SKIP_FILE = Path("config") / "links-niet-controleren.txt"
CONFIG_FILE = Path("config") / "lychee.toml"
CACHE_DIR = Path(".cache") / "lychee"  # lychee keeps .lycheecache in its working directory

OK, DEAD, PASSING, SKIPPED = "ok", "dood", "tijdelijk", "overgeslagen"
DEAD_CODES = (404, 410)


@dataclass
class Finding:
    path: str
    line: int
    url: str
    kind: str  # DEAD, PASSING or SKIPPED
    detail: str


def load_skip_hosts(root: Path) -> tuple[str, ...]:
    return tuple(host.lower() for host in content_model.list_file(root / SKIP_FILE))


def skip_patterns(hosts) -> list[str]:
    """lychee --exclude patterns: a host and its subdomains."""
    return [rf"^https?://([^/]*\.)?{re.escape(host)}([:/?#]|$)" for host in hosts]


def sources(root: Path) -> list[Path]:
    return sorted({p for pattern in SOURCE_GLOBS for p in root.glob(pattern) if p.is_file()})


def lychee_exe() -> str:
    return shutil.which("lychee") or str(Path(sys.executable).parent / "lychee")


def lychee_command(root: Path, files: list[Path], extra: list[str] = ()) -> list[str]:
    command = [lychee_exe(), "--config", str(root / CONFIG_FILE), "--format", "json", "--no-progress"]
    for pattern in skip_patterns(load_skip_hosts(root)):
        command += ["--exclude", pattern]
    return command + list(extra) + [str(f) for f in files]


def run_lychee(root: Path, extra: list[str] = ()) -> dict:
    cache = root / CACHE_DIR
    cache.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(lychee_command(root, sources(root), extra), capture_output=True, text=True, cwd=cache)
    try:
        return json.loads(run.stdout)
    except ValueError as exc:
        raise SystemExit(f"lychee gaf geen rapport (exit {run.returncode}): {run.stderr.strip()[:2000]}") from exc


def dns_says_no_such_host(host: str) -> bool:
    """True only when the resolver answers that the name does not exist; a temporary failure
    (EAI_AGAIN) or any other trouble is not a dead link."""
    try:
        socket.getaddrinfo(host, None)
    except socket.gaierror as exc:
        return exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME))
    except OSError:
        return False
    return False


def classify(status: dict, url: str) -> tuple[str, str]:
    code = status.get("code")
    text = str(status.get("details") or status.get("text") or "")
    if isinstance(code, int):
        if code in DEAD_CODES:
            return DEAD, f"HTTP {code}"
        return PASSING, f"HTTP {code}"
    if "timeout" in text.lower() or "timed out" in text.lower():
        return PASSING, "time-out"
    host = (urlsplit(url).hostname or "").lower()
    if host and dns_says_no_such_host(host):
        return DEAD, f"de servernaam {host} bestaat niet (DNS)"
    return PASSING, f"verbinding mislukt: {text}" if text else "verbinding mislukt"


def findings(report: dict, root: Path) -> list[Finding]:
    out = []
    for key, default_kind in (("error_map", None), ("excluded_map", SKIPPED)):
        for source, items in (report.get(key) or {}).items():
            try:
                shown = Path(source).resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                shown = source
            for item in items:
                url, status = item.get("url", ""), item.get("status") or {}
                kind, detail = (SKIPPED, "host staat in " + SKIP_FILE.as_posix()) if default_kind else classify(status, url)
                line = (item.get("span") or {}).get("line") or 1
                out.append(Finding(shown, line, url, kind, detail))
    return sorted(out, key=lambda f: (f.path, f.line, f.url))


def offline(report: dict, found: list[Finding]) -> bool:
    """True when no server answered at all: then 'dead' links say more about the network than the links."""
    if report.get("successful", 0) or report.get("cached", 0):
        return False
    tried = [f for f in found if f.kind != SKIPPED]
    answered = [f for f in tried if f.detail.startswith("HTTP")]
    return len(tried) > 1 and not answered


def messages(found: list[Finding]) -> tuple[list[str], list[str]]:
    errors, warnings = [], []
    for f in found:
        if f.kind == DEAD:
            errors.append(f"{f.path}:{f.line}: dode link: {f.url} ({f.detail}). Zoek het nieuwe adres of haal de link weg.")
        elif f.kind == PASSING:
            warnings.append(f"{f.path}:{f.line}: waarschuwing: {f.url} nu niet bereikbaar ({f.detail}); later opnieuw.")
    return errors, warnings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    project.project_argument(parser)
    parser.add_argument("--no-cache", action="store_true", help="alles opnieuw controleren")
    parser.add_argument("lychee_args", nargs="*", help="extra opties voor lychee (na --), bijvoorbeeld --timeout 5")
    args = project.parse_args(parser, argv)
    root = args.root.resolve()
    report = run_lychee(root, (["--cache=false"] if args.no_cache else []) + args.lychee_args)
    found = findings(report, root)
    if offline(report, found):
        print(f"[niet gecontroleerd] externe links: geen enkele server gaf antwoord ({report.get('total', 0)} "
              "adressen). Is er een internetverbinding?", file=sys.stderr)
        return 2
    errors, warnings = messages(found)
    for line in errors + warnings:
        print(line)
    counts = Counter(f.kind for f in found)
    print(
        f"[{'FOUT' if errors else 'ok'}] externe links: {report.get('total', 0)} links, "
        f"{report.get('successful', 0)} goed ({report.get('cached', 0)} uit de cache), {counts[DEAD]} dood, "
        f"{counts[PASSING]} tijdelijk niet bereikbaar, {counts[SKIPPED]} overgeslagen",
        file=sys.stderr,
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
