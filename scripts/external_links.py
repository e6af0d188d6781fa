"""Check the external links of the site: `python scripts/external_links.py` (`make links-extern`).

Meant for a scheduled pipeline, not for every merge request: it needs the internet and it is
slow. Internal links and anchors are checked offline by scripts/check.py.

- Collects every http(s) address in docs/**/*.md (text, links and the `bronnen` front matter)
  and data/**/*.yml, with the file and line where it stands.
- Tells a dead link from a passing fault:
  dead    = 404 or 410, or the host name does not exist (DNS)   -> `path:line: dode link ...`, exit 1
  passing = 429, 5xx, a timeout, a refused connection, other 4xx -> warning only, exit 0
  Passing faults are retried with a pause (Retry-After is honoured up to a limit).
- If no server answers at all (no internet), it says so and exits 2 instead of calling every link dead.
- Remembers good answers in .cache/external-links.json for --max-age-days, so a rerun is quick.
- Skips hosts in config/links-niet-controleren.txt (sites that refuse link checkers).
- After a host has timed out, its other links are not tried again in this run (timeout per host).
"""
from __future__ import annotations

import argparse
import json
import re
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SOURCE_GLOBS = ("docs/**/*.md", "data/**/*.yml", "data/**/*.yaml")
SKIP_FILE = Path("config") / "links-niet-controleren.txt"
CACHE_FILE = Path(".cache") / "external-links.json"
USER_AGENT = "Mozilla/5.0 (compatible; kennisbank-linkcheck/1.0; +https://gitlab.com/swv-vo-zhw/kennisbank)"

URL_RE = re.compile(r"https?://[^\s<>\"'`)\]]+")
CODE_SPAN_RE = re.compile(r"`[^`]*`")  # examples in `code` are not links
TRAILING = ".,;:!?*_"

OK, DEAD, PASSING, SKIPPED = "ok", "dood", "tijdelijk", "overgeslagen"


@dataclass
class Result:
    url: str
    kind: str  # OK, DEAD, PASSING or SKIPPED
    detail: str
    from_cache: bool = False


@dataclass
class Settings:
    timeout: float = 15.0  # seconds per request
    retries: int = 2  # extra attempts after a passing fault
    backoff: float = 2.0  # seconds; doubles with every attempt
    max_retry_after: float = 30.0  # cap for a server's Retry-After
    workers: int = 8
    max_age_days: float = 7.0
    skip_hosts: tuple = ()
    timed_out_hosts: set = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


def collect(root: Path = ROOT) -> dict[str, list[tuple[str, int]]]:
    """url -> [(path, line), ...] for every external address in the sources."""
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    paths = sorted({p for pattern in SOURCE_GLOBS for p in root.glob(pattern) if p.is_file()})
    for path in paths:
        shown = path.relative_to(root).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in URL_RE.finditer(CODE_SPAN_RE.sub("", line)):
                url = match.group(0).rstrip(TRAILING)
                if "." not in host_of(url):
                    continue
                found[url.split("#", 1)[0] or url].append((shown, number))
    return dict(found)


def load_skip_hosts(root: Path) -> tuple[str, ...]:
    path = root / SKIP_FILE
    if not path.is_file():
        return ()
    hosts = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        value = raw.split("#", 1)[0].strip().lower()
        if value:
            hosts.append(value)
    return tuple(hosts)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_skipped(host: str, skip_hosts) -> bool:
    return any(host == h or host.endswith("." + h) for h in skip_hosts)


def _request(url: str, method: str, timeout: float) -> tuple[int, dict]:
    req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers or {})


def _dns_failure(exc: BaseException) -> bool:
    reason = getattr(exc, "reason", exc)
    return isinstance(reason, socket.gaierror)


def _timeout(exc: BaseException) -> bool:
    reason = getattr(exc, "reason", exc)
    return isinstance(reason, (socket.timeout, TimeoutError)) or "timed out" in str(reason)


def _retry_after(headers: dict, settings: Settings) -> float | None:
    value = {k.lower(): v for k, v in headers.items()}.get("retry-after")
    if value and value.strip().isdigit():
        return min(float(value), settings.max_retry_after)
    return None


def check_url(url: str, settings: Settings) -> Result:
    host = host_of(url)
    if is_skipped(host, settings.skip_hosts):
        return Result(url, SKIPPED, "host staat in " + SKIP_FILE.as_posix())
    last = Result(url, PASSING, "geen antwoord")
    for attempt in range(settings.retries + 1):
        with settings.lock:
            if host in settings.timed_out_hosts:
                return Result(url, PASSING, f"{host} gaf eerder in deze controle geen antwoord (time-out)")
        pause = settings.backoff * (2**attempt)
        try:
            status, headers = _request(url, "HEAD", settings.timeout)
            if status >= 400 and status != 429:
                # Some servers answer HEAD badly; the GET decides (also confirms a 404).
                status, headers = _request(url, "GET", settings.timeout)
        except Exception as exc:  # noqa: BLE001 - every network failure is classified below
            if _dns_failure(exc):
                return Result(url, DEAD, f"de servernaam {host} bestaat niet (DNS)")
            if _timeout(exc):
                with settings.lock:
                    settings.timed_out_hosts.add(host)
                return Result(url, PASSING, f"time-out na {settings.timeout:g} s")
            last = Result(url, PASSING, f"verbinding mislukt: {getattr(exc, 'reason', exc)}")
        else:
            if status < 400:
                return Result(url, OK, str(status))
            if status in (404, 410):
                return Result(url, DEAD, f"HTTP {status}")
            last = Result(url, PASSING, f"HTTP {status}")
            if status == 429:
                pause = _retry_after(headers, settings) or pause
        if attempt < settings.retries:
            time.sleep(pause)
    return last


def load_cache(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save_cache(path: Path, cache: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(cache, indent=1, sort_keys=True), encoding="utf-8")


def check_all(urls, settings: Settings, cache: dict | None = None, now: float | None = None) -> dict[str, Result]:
    """Check every url (hosts in parallel); good answers are taken from and written to `cache`."""
    now = time.time() if now is None else now
    cache = {} if cache is None else cache
    results: dict[str, Result] = {}
    todo = []
    for url in urls:
        hit = cache.get(url)
        if hit and hit.get("kind") == OK and now - hit.get("checked", 0) < settings.max_age_days * 86400:
            results[url] = Result(url, OK, hit.get("detail", ""), from_cache=True)
        else:
            todo.append(url)
    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        for result in pool.map(lambda u: check_url(u, settings), todo):
            results[result.url] = result
            if result.kind == OK:
                cache[result.url] = {"kind": OK, "detail": result.detail, "checked": now}
            else:
                cache.pop(result.url, None)
    return results


def offline(results: dict[str, Result]) -> bool:
    """True when no server answered at all: then 'dead' links say more about the network than the links."""
    tried = [r for r in results.values() if r.kind != SKIPPED and not r.from_cache]
    answered = [r for r in tried if r.kind == OK or r.detail.startswith("HTTP")]
    return len(tried) > 1 and not answered


def report(found: dict, results: dict[str, Result]) -> tuple[list[str], list[str]]:
    errors, warnings = [], []
    for url, places in sorted(found.items()):
        result = results.get(url)
        if result is None or result.kind in (OK, SKIPPED):
            continue
        for path, line in places:
            if result.kind == DEAD:
                errors.append(f"{path}:{line}: dode link: {url} ({result.detail}). Zoek het nieuwe adres of haal de link weg.")
            else:
                warnings.append(f"{path}:{line}: waarschuwing: {url} nu niet bereikbaar ({result.detail}); later opnieuw.")
    return errors, warnings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--timeout", type=float, default=Settings.timeout, help="seconden per verzoek (standaard 15)")
    parser.add_argument("--retries", type=int, default=Settings.retries)
    parser.add_argument("--backoff", type=float, default=Settings.backoff)
    parser.add_argument("--workers", type=int, default=Settings.workers)
    parser.add_argument("--max-age-days", type=float, default=Settings.max_age_days)
    parser.add_argument("--no-cache", action="store_true", help="alles opnieuw controleren")
    parser.add_argument("--list", action="store_true", help="alleen de gevonden adressen tonen")
    args = parser.parse_args(argv)

    root = args.root.resolve()
    found = collect(root)
    if args.list:
        for url, places in sorted(found.items()):
            print(f"{url}  ({', '.join(f'{p}:{n}' for p, n in places)})")
        return 0
    settings = Settings(
        timeout=args.timeout,
        retries=args.retries,
        backoff=args.backoff,
        workers=args.workers,
        max_age_days=args.max_age_days,
        skip_hosts=load_skip_hosts(root),
    )
    cache_path = root / CACHE_FILE
    cache = {} if args.no_cache else load_cache(cache_path)
    start = time.perf_counter()
    results = check_all(found, settings, cache)
    save_cache(cache_path, cache)
    if offline(results):
        print(
            f"[niet gecontroleerd] externe links: geen enkele server gaf antwoord ({len(results)} adressen). "
            "Is er een internetverbinding?",
            file=sys.stderr,
        )
        return 2
    errors, warnings = report(found, results)
    for line in errors + warnings:
        print(line)
    counts = defaultdict(int)
    for result in results.values():
        counts[result.kind] += 1
    cached = sum(r.from_cache for r in results.values())
    print(
        f"[{'FOUT' if errors else 'ok'}] externe links: {len(found)} adressen, {counts[OK]} goed ({cached} uit de cache), "
        f"{counts[DEAD]} dood, {counts[PASSING]} tijdelijk niet bereikbaar, {counts[SKIPPED]} overgeslagen "
        f"({time.perf_counter() - start:.1f} s)",
        file=sys.stderr,
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
