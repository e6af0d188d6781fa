"""Performance benchmark (`make bench`): build time, growth, check time, page weight, Lighthouse,
each against its budget. Prints a table and writes JSON (bench-resultaat.json by default).

Figures:
- strict build of the site, and the ratio to a bare Material build of the same pages (same
  Markdown extensions and nav, no hooks, no plugins but search) measured in the same run;
- build time with 500 and 2,000 generated extra pages: cost per extra page and whether it grows
  linearly (cost per page at +2,000 divided by cost per page at +500);
- the time of the fast checks (`scripts/check.py --site`, what `make check` runs after the build);
- per page type (home, content, quiz) the bytes a reader downloads, gzip: HTML plus the CSS and JS
  files and inline code the page loads; the largest pages;
- Lighthouse 12 (npm, Debian's chromium) on the home, a content and a quiz page, mobile.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"home": "", "inhoud": "wetgeving/wapens/", "toets": "signalering/signalen-herkennen/"}
BUDGETS = {
    "build_ratio": 1.5,          # strict build / bare Material build
    "ms_per_extra_page": 15.0,   # at +2,000 pages
    "check_s": 30.0,
    "kb_inhoud": 80.0,           # gzip, HTML + CSS + JS
    "kb_toets": 100.0,
    "lighthouse_accessibility": 100,
    "lighthouse_other": 95,
}


def env():
    return dict(os.environ, NO_MKDOCS_2_WARNING="1")


def timed_build(config: Path, site: Path, strict: bool = True, runs: int = 2) -> float:
    best = None
    for _ in range(runs):
        cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
        if strict:
            cmd.append("--strict")
        start = time.perf_counter()
        run = subprocess.run(cmd, capture_output=True, text=True, env=env())
        took = time.perf_counter() - start
        if run.returncode != 0:
            raise RuntimeError(f"build of {config} failed:\n{run.stdout}{run.stderr}")
        best = took if best is None else min(best, took)
    return best


def copy_project(dest: Path) -> Path:
    ignore = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", "node_modules", ".cache")
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


def bare_config(project: Path) -> Path:
    """Same docs, nav and Markdown extensions; Material with search only; no hooks."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.FullLoader)
    bare = {
        "site_name": config["site_name"],
        "docs_dir": str(project / "docs"),
        "theme": {"name": "material", "language": "nl", "font": False,
                  "features": config["theme"].get("features", [])},
        "plugins": [{"search": {"lang": "nl"}}],
        "markdown_extensions": config["markdown_extensions"],
        "nav": config["nav"],
        "not_in_nav": config.get("not_in_nav", ""),
        "extra_css": config.get("extra_css", []),
    }
    path = project / "mkdocs-bare.yml"
    path.write_text(yaml.safe_dump(bare, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


EXTRA_PAGE = """---
title: Testpagina {n}
description: Gegenereerde pagina {n} voor de benchmark.
doelgroep: [docent]
thema: [preventie]
eigenaar: redactie SWV
laatst_gecontroleerd: 2026-01-01
---

# Testpagina {n}

Deze pagina is gemaakt om te meten hoe de build groeit. Een leerling laat een filmpje zien waarin
een mes te zien is. De mentor bespreekt het met de veiligheidscoördinator.

## Wat zie je?

{para}

## Wat doe je?

1. Blijf rustig en stel vragen.
2. Leg vast wat je zag en hoorde.
3. Overleg met de veiligheidscoördinator.

!!! note "Let op"
    {para}

## Meer lezen

Zie [de start](../index.md).
"""
PARA = ("Signalen staan zelden op zichzelf. Kijk naar veranderingen in gedrag, contacten en "
        "schoolprestaties, en bespreek wat je ziet met collega's. ") * 4


def add_extra_pages(project: Path, count: int) -> None:
    folder = project / "docs" / "extra"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text(EXTRA_PAGE.format(n=0, para=PARA), encoding="utf-8")
    for n in range(1, count + 1):
        (folder / f"p{n:04d}.md").write_text(EXTRA_PAGE.format(n=n, para=PARA), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    entries = "\n".join(f"      - extra/p{n:04d}.md" for n in range(1, count + 1))
    text = text.rstrip("\n") + f"\n  - Extra:\n      - extra/index.md\n{entries}\n"
    config.write_text(text, encoding="utf-8")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


def page_weight(site: Path, location: str) -> dict:
    html_path = site / location / "index.html"
    html = html_path.read_bytes()
    assets = []
    for ref in ASSET.findall(html.decode("utf-8")):
        if ref.startswith(("http:", "https:", "//")):
            continue
        target = (html_path.parent / ref.split("?")[0]).resolve()
        if target.is_file():
            assets.append(target)
    assets_gz = sum(gz(p.read_bytes()) for p in set(assets))
    return {"html_gz": gz(html), "assets_gz": assets_gz, "total_kb": round((gz(html) + assets_gz) / 1024, 1),
            "html_raw_kb": round(len(html) / 1024, 1)}


def largest_pages(site: Path, top: int = 5) -> list[dict]:
    rows = []
    for html in site.rglob("index.html"):
        loc = html.parent.relative_to(site).as_posix()
        loc = "" if loc == "." else loc + "/"
        rows.append((gz(html.read_bytes()), loc))
    rows.sort(reverse=True)
    return [{"pagina": loc or "/", "html_gz_kb": round(size / 1024, 1)} for size, loc in rows[:top]]


def lighthouse(site: Path) -> dict | str:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not binary.exists() or not Path(chromium).exists():
        return "niet gemeten: lighthouse (make node) of chromium (make browser) ontbreekt"
    server = subprocess.Popen([sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1", "-d", str(site)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = server.stdout.readline()
        port = re.search(r"port (\d+)", line).group(1)
        out = {}
        for kind, loc in PAGES.items():
            with tempfile.TemporaryDirectory() as tmp:
                report = Path(tmp) / "lh.json"
                run = subprocess.run(
                    [str(binary), f"http://127.0.0.1:{port}/{loc}", "--quiet", "--output=json",
                     f"--output-path={report}", "--only-categories=performance,accessibility,best-practices,seo",
                     "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                     "--disable-component-update --disable-sync --no-first-run"],
                    capture_output=True, text=True, env=dict(os.environ, CHROME_PATH=chromium), timeout=240)
                if run.returncode != 0 or not report.exists():
                    out[kind] = f"fout: {run.stderr.strip()[-300:]}"
                    continue
                cats = json.loads(report.read_text(encoding="utf-8"))["categories"]
                out[kind] = {k: round((v["score"] or 0) * 100) for k, v in cats.items()}
        return out
    finally:
        server.terminate()


def measure(quick: bool = False, with_lighthouse: bool = True) -> dict:
    result: dict = {"budgetten": BUDGETS}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project = copy_project(tmp / "project")
        site = tmp / "site"
        runs = 1 if quick else 2
        result["build_s"] = round(timed_build(project / "mkdocs.yml", site, runs=runs), 2)
        result["bare_build_s"] = round(timed_build(bare_config(project), tmp / "bare", strict=False, runs=runs), 2)
        result["build_ratio"] = round(result["build_s"] / result["bare_build_s"], 2)

        growth = {}
        for extra in ([200] if quick else [500, 2000]):
            grown = copy_project(tmp / f"project-{extra}")
            add_extra_pages(grown, extra)
            took = timed_build(grown / "mkdocs.yml", tmp / f"site-{extra}", runs=1)
            growth[str(extra)] = {"build_s": round(took, 2),
                                  "ms_per_extra_page": round((took - result["build_s"]) / extra * 1000, 2)}
            shutil.rmtree(tmp / f"site-{extra}")
        result["groei"] = growth
        if "500" in growth and "2000" in growth:
            result["ms_per_extra_page"] = growth["2000"]["ms_per_extra_page"]
            result["groei_lineair"] = round(growth["2000"]["ms_per_extra_page"] / max(growth["500"]["ms_per_extra_page"], 0.01), 2)

        start = time.perf_counter()
        check = subprocess.run([sys.executable, str(project / "scripts/check.py"), "--root", str(project), "--site", str(site)],
                               capture_output=True, text=True)
        result["check_s"] = round(time.perf_counter() - start + result["build_s"], 2)  # make check = build + checks
        result["check_ok"] = check.returncode == 0

        result["gewicht"] = {kind: page_weight(site, loc) for kind, loc in PAGES.items()}
        result["grootste_paginas"] = largest_pages(site)
        if with_lighthouse:
            result["lighthouse"] = lighthouse(site)
    return result


def verdicts(r: dict) -> list[tuple[str, str, str, bool | None]]:
    b = r["budgetten"]
    rows = [
        ("strenge build", f"{r['build_s']} s (kaal Material {r['bare_build_s']} s)", f"≤ {b['build_ratio']}× kaal",
         r["build_ratio"] <= b["build_ratio"]),
    ]
    if "ms_per_extra_page" in r:
        rows.append(("per extra pagina bij +2000", f"{r['ms_per_extra_page']} ms (groei ×{r['groei_lineair']} t.o.v. +500)",
                     f"≤ {b['ms_per_extra_page']} ms", r["ms_per_extra_page"] <= b["ms_per_extra_page"]))
    rows.append(("make check", f"{r['check_s']} s", f"< {b['check_s']} s", r["check_s"] < b["check_s"] and r["check_ok"]))
    for kind, budget in (("home", None), ("inhoud", b["kb_inhoud"]), ("toets", b["kb_toets"])):
        w = r["gewicht"][kind]
        rows.append((f"pagina {kind} (gzip)", f"{w['total_kb']} KB", f"≤ {budget} KB" if budget else "-",
                     (w["total_kb"] <= budget) if budget else None))
    lh = r.get("lighthouse")
    if isinstance(lh, dict):
        for kind, scores in lh.items():
            if isinstance(scores, dict):
                ok = scores.get("accessibility", 0) >= b["lighthouse_accessibility"] and all(
                    scores.get(k, 0) >= b["lighthouse_other"] for k in ("performance", "best-practices", "seo"))
                rows.append((f"lighthouse {kind}", ", ".join(f"{k} {v}" for k, v in scores.items()),
                             "a11y 100, rest ≥ 95", ok))
            else:
                rows.append((f"lighthouse {kind}", scores, "-", False))
    elif lh:
        rows.append(("lighthouse", lh, "-", None))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Prestatiebenchmark van de kennisbank")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-resultaat.json")
    parser.add_argument("--snel", action="store_true", help="één run, +200 pagina's in plaats van +500/+2000")
    parser.add_argument("--zonder-lighthouse", action="store_true")
    args = parser.parse_args(argv)
    result = measure(quick=args.snel, with_lighthouse=not args.zonder_lighthouse)
    rows = verdicts(result)
    result["oordeel"] = [{"meting": m, "waarde": v, "budget": bud, "binnen_budget": ok} for m, v, bud, ok in rows]
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    width = max(len(m) for m, *_ in rows)
    for name, value, budget, ok in rows:
        mark = {True: "ok  ", False: "OVER", None: "    "}[ok]
        print(f"{mark} {name:<{width}}  {value}   [{budget}]")
    print("\nGrootste pagina's (HTML, gzip):", ", ".join(f"{p['pagina']} {p['html_gz_kb']} KB" for p in result["grootste_paginas"]))
    print(f"JSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
