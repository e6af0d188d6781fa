"""Performance benchmark (`make bench`): build time, growth, check time, page weight, Lighthouse,
each against its budget. Prints a table and writes JSON (bench-resultaat.json by default).

Figures:
- strict build of the site, and the ratio to a bare Material build of the same pages (same
  Markdown extensions, nav and theme features; no kennisbank plugin, no custom_dir, no plugins but search)
  measured in the same run; with the build cache warm (scripts/build/build_cache.py: Word files made
  only when their template changed, as for an editor) and, for information, without it;
- `make serve`: CPU seconds of the serve process (and wall-clock) from saving an edited page until
  the server shows it, best of two edits, against a bare Material serve of the same pages;
- build time with 500 and 2,000 generated extra pages (realistic pages of about the median size,
  in the nav as one extra tab with themes of ten topics of twenty pages): cost per extra page and
  whether it grows linearly (cost per page at +2,000 divided by cost per page at +500), each next
  to the bare Material build of the same pages;
- the time of `make check`: the strict build plus the fast checks (`scripts/check.py --site`),
  for the site and (for information) for the site with +2,000 pages;
- where the build time goes: CPU seconds per plugin and per build step in one in-process build;
- per page type (home, content, quiz) the bytes a browser downloads to show the page, gzip: the
  HTML (inline CSS/JS included) plus the stylesheets and scripts it links; reported separately:
  what is fetched after the page is shown (search worker, index and language files, sitemap.xml
  for instant navigation); the largest pages;
- the first view of the five pages of issue 20 (home, a legal page, Mag ik, a module with its
  quiz, the sociale kaart): all a page load fetches, search index included unless the page holds
  it back until search is opened; at today's size and at +2,000 pages;
- Lighthouse 12 (npm, Debian's chromium) on those five pages, mobile, best of three, served
  gzip-compressed from loopback like a production host would.

Times are CPU seconds (user + system) of the child processes: the machines that run this are
shared, and CPU time does not grow with the neighbours' load the way wall-clock time does. On an
idle two-core machine a build's wall-clock time is about its CPU time (MkDocs runs on one core).
Wall-clock times are in the JSON too.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import yaml

from scripts.model import clock
from scripts.model import content_model, region
from scripts.model import project as project_model

PAGES = {"home": "", "inhoud": "wetgeving/wapens/", "toets": "signalering/signalen-herkennen/",
         "mag_ik": "wetgeving/mag-ik/", "sociale_kaart": content_model.page_url(region.SOCIALE_KAART_PAGE)}
BUDGETS = {
    "build_ratio": 1.5,          # strict build / bare Material build
    "serve_ratio": 1.5,          # make serve, edited page shown: site / bare Material
    # Cost of one extra page at +2,000 pages, against bare Material's on the same machine. Milliseconds
    # alone say more about the machine than about the site (bare Material: 13 ms one day, 18 the next).
    "extra_page_ratio": 1.25,
    "groei_lineair": 1.5,        # cost per page at +2,000 / at +500 (1.0 = linear)
    "check_s": 30.0,
    "kb_eerste_blik": 100.0,     # gzip, all a page load fetches (search index included), any site size
    "lighthouse_accessibility": 100,
    "lighthouse_performance": 98,
}
EXTRA_DIR = "extra"
PAGES_PER_TOPIC = 20
TOPICS_PER_THEME = 10
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def env():
    """The environment of the timed builds. Python may keep compiled bytecode, as on an editor's
    machine: the bare Material build reads MkDocs' and Material's from the .venv (pip compiled them
    at install), so without this our own modules alone would be compiled again on every build
    wherever PYTHONDONTWRITEBYTECODE is set (about 0.1 s a build, not like for like)."""
    out = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    return out


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(cmd: list[str], cwd: Path | None = None,
              extra_env: dict | None = None) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run a command; return it with its CPU seconds (children included) and wall-clock seconds."""
    cpu, start = _child_cpu(), time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, text=True, env=dict(env(), **(extra_env or {})), cwd=cwd)
    return run, _child_cpu() - cpu, time.perf_counter() - start


def timed_build(config: Path, site: Path, strict: bool = True, runs: int = 2, extra_env: dict | None = None) -> dict:
    """Best of `runs` builds: {'cpu_s', 'wall_s'}."""
    cpu = wall = None
    for _ in range(runs):
        if site.exists():
            shutil.rmtree(site)
        cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
        if strict:
            cmd.append("--strict")
        run, took_cpu, took_wall = run_timed(cmd, cwd=config.parent, extra_env=extra_env)
        if run.returncode != 0:
            raise RuntimeError(f"build of {config} failed:\n{run.stdout}{run.stderr}")
        cpu = took_cpu if cpu is None else min(cpu, took_cpu)
        wall = took_wall if wall is None else min(wall, took_wall)
    return {"cpu_s": round(cpu, 2), "wall_s": round(wall, 2)}


def copy_project(root: Path, dest: Path) -> Path:
    ignore = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", "node_modules",
                                    ".cache", "bench-resultaat.json")
    shutil.copytree(root, dest, ignore=ignore)
    return dest


def bare_config(project: Path) -> Path:
    """Same docs, nav, theme features and Markdown extensions; Material with search only: none of our
    build steps (the kennisbank plugin) and no other plugin."""
    config = content_model.site_config(project)
    bare = {
        "site_name": config["site_name"],
        "docs_dir": str(project / "docs"),
        "theme": {"name": "material", "language": "nl", "font": False,
                  "features": config["theme"].get("features", [])},
        "plugins": [{"search": {"lang": "nl"}}],
        "markdown_extensions": config["markdown_extensions"],
        "nav": region.site_nav(project),  # with the region's menu, as our build makes it
        "not_in_nav": config.get("not_in_nav", ""),
    }
    path = project / "mkdocs-bare.yml"
    path.write_text(yaml.safe_dump(bare, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def profile_build(config: Path, site: Path) -> dict:
    """One strict build in this process under cProfile (CPU time): CPU seconds per plugin or build step
    (all its event handlers together) and the rest (Markdown, theme templates, navigation, copying).
    Run in a child process. Nothing of MkDocs is replaced: the handlers are the ones MkDocs lists for
    each event (``config.plugins.events``), found in the profile by their code; a step of ours by the
    code of its own ``on_<event>`` methods. The profiler's own overhead is in the numbers, so they say
    where the time goes, not how long a build takes (that is ``build_s``)."""
    import cProfile
    import pstats
    from collections import Counter

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from scripts.build import plugin as kennisbank

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    start = time.process_time()
    cfg = load_config(str(config), site_dir=str(site), strict=True)
    owners: dict[tuple, str] = {}  # (file, first line, name) of a handler's code -> its plugin or step

    def key(function) -> tuple:
        code = function.__code__
        return code.co_filename, code.co_firstlineno, code.co_name

    for name, instance in cfg.plugins.items():
        for methods in cfg.plugins.events.values():
            for method in methods:
                if getattr(method, "__self__", None) is instance and name != "kennisbank":
                    owners[key(method.__func__)] = name
    for step, cls in kennisbank.STEPS.items():
        for attr in dir(cls):
            if attr.startswith("on_"):
                owners[key(getattr(cls, attr))] = f"kennisbank: {step}"
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    cfg.plugins.on_startup(command="build", dirty=False)
    build(cfg)
    cfg.plugins.on_shutdown()
    profiler.disable()
    total = time.process_time()  # includes the imports of this process, as a real build does
    per: Counter = Counter()
    for where, (_cc, _nc, _tt, cumulative, _callers) in pstats.Stats(profiler).stats.items():
        if where in owners:
            per[owners[where]] += cumulative
    rows = {name: round(s, 2) for name, s in per.most_common() if s >= 0.01}
    rows["rest: Markdown, thema, navigatie, importeren"] = round(total - sum(per.values()), 2)
    return {"totaal_s": round(total, 2), "build_s": round(total - start, 2), "per_onderdeel": rows}


def hook_profile(config: Path, site: Path) -> dict | str:
    run = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--profiel-build", str(config), str(site)],
                         capture_output=True, text=True, env=env(), cwd=config.parent)
    if run.returncode != 0:
        return f"fout: {run.stderr.strip()[-300:]}"
    return json.loads(run.stdout.strip().splitlines()[-1])


# --- make serve: an edited page ------------------------------------------------------------------

SERVE_PAGE = ("wetgeving/wapens.md", "wetgeving/wapens/")  # (source under docs/, URL path)


def _process_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a running process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_until(url: str, shows, timeout: float) -> None:
    import urllib.request

    deadline = time.perf_counter() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200 and shows(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{url} toonde de wijziging niet binnen {timeout} s")
        time.sleep(0.05)


def serve_rebuild(config: Path, page: Path, url_path: str, edits: int = 2, timeout: float = 240) -> dict:
    """`mkdocs serve -f config`: save an edit to `page` and wait until the server shows it. Best of
    `edits`: CPU seconds of the serve process (it rebuilds in-process) and wall-clock seconds. The page
    is restored afterwards."""
    import signal
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    original = page.read_text(encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=config.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env(), start_new_session=True)
    url = f"http://127.0.0.1:{port}/{url_path}"
    cpu, wall = [], []
    try:
        _wait_until(url, lambda body: True, timeout)
        for i in range(edits):
            time.sleep(1.5)  # the watcher settles after the previous build
            marker = f"benchwijziging{i}x{time.time_ns()}"
            cpu0, t0 = _process_cpu(proc.pid), time.perf_counter()
            page.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
            _wait_until(url, lambda body: marker in body, timeout)
            wall.append(time.perf_counter() - t0)
            cpu.append(_process_cpu(proc.pid) - cpu0)
    finally:
        page.write_text(original, encoding="utf-8")
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    return {"cpu_s": round(min(cpu), 2), "wall_s": round(min(wall), 2)}


def serve_figures(project: Path) -> dict | str:
    """make serve (mkdocs-serve.yml) against a bare Material serve of the same pages."""
    src, url = SERVE_PAGE
    try:
        site = serve_rebuild(project / "mkdocs-serve.yml", project / "docs" / src, url)
        bare = serve_rebuild(bare_config(project), project / "docs" / src, url)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        return f"niet gemeten: {exc}"
    return {"pagina": src, "cpu_s": site["cpu_s"], "wall_s": site["wall_s"], "kaal_cpu_s": bare["cpu_s"],
            "kaal_wall_s": bare["wall_s"], "ratio": round(site["cpu_s"] / max(bare["cpu_s"], 0.01), 2)}


# --- generated extra pages -------------------------------------------------------------------

EXTRA_PAGE = """---
title: {title}
description: Gegenereerde pagina {n} voor de prestatiemeting; zo groot als een gewone inhoudspagina.
doelgroep: [docent, mentor]
thema: [preventie, signalering]
eigenaar: redactie SWV
laatst_gecontroleerd: {today}
bronnen:
  - titel: Testbron {n} a
    url: https://www.rijksoverheid.nl/onderwerpen/veilig-leren-en-werken-in-het-onderwijs
  - titel: Testbron {n} b
    url: https://wetten.overheid.nl/BWBR0044212
zoekwoorden: [testwoord{n}, signaal, signalen, mentor]
---

# {title}

{intro}

## Wat zie je?

{para_a}

- {sentence_a}
- {sentence_b}
- {sentence_c}

{para_b}

## Wat doe je?

1. Blijf rustig en stel open vragen.
2. Leg vast wat je zag en hoorde, met datum en tijd.
3. Overleg dezelfde dag met de veiligheidscoördinator.

{para_c}

!!! note "Let op"
    {para_d}

## Wie doet wat?

| Rol | Taak | Wanneer |
| --- | --- | --- |
| Mentor | Gesprek met de leerling | Dezelfde dag |
| Veiligheidscoördinator | Inschatten en afstemmen | Binnen een dag |
| Schoolleider | Besluit over maatregelen | Binnen een week |

{para_e}

??? info "Meer uitleg"
    {para_f}

## Meer lezen

Lees ook [de vorige pagina]({prev}), [de volgende pagina]({next}), [het overzicht](../index.md)
en [de startpagina](../../index.md).
"""
SENTENCES = (
    "Signalen staan zelden op zichzelf.",
    "Kijk naar veranderingen in gedrag, contacten en schoolprestaties.",
    "Bespreek wat je ziet met een collega die de leerling ook kent.",
    "Een leerling die zich terugtrekt, vraagt om aandacht.",
    "Vraag door zonder te beschuldigen en luister naar het hele verhaal.",
    "Schrijf op wat je ziet, niet wat je denkt.",
    "De veiligheidscoördinator weet welke afspraken de school heeft.",
    "Ouders zijn meestal de eerste partner.",
    "Een filmpje op sociale media kan een aanleiding zijn voor een gesprek.",
    "Soms is er meer aan de hand dan je op het eerste gezicht ziet.",
    "Neem zorgen serieus, ook als ze klein lijken.",
    "De wijkagent kan meedenken als er een strafbaar feit in het spel is.",
    "Een goed verslag helpt collega's die later instappen.",
    "Zorg dat de leerling weet wat er met zijn verhaal gebeurt.",
    "Maak afspraken over wie wat doet en wanneer.",
    "Evalueer na een paar weken of de aanpak werkt.",
    "Gebruik de meldcode als je vermoedt dat er thuis iets mis is.",
)


def _paragraph(n: int, k: int, length: int = 9) -> str:
    return " ".join(SENTENCES[(n * 7 + k * 3 + i) % len(SENTENCES)] for i in range(length))


def _extra_layout(count: int) -> list[tuple[int, int, list[int]]]:
    """[(theme, topic, [page numbers])]: topics of PAGES_PER_TOPIC pages, TOPICS_PER_THEME per theme."""
    numbers = list(range(1, count + 1))
    topics = [numbers[i:i + PAGES_PER_TOPIC] for i in range(0, count, PAGES_PER_TOPIC)]
    return [(t // TOPICS_PER_THEME + 1, t + 1, pages) for t, pages in enumerate(topics)]


def _extra_path(theme: int, n: int) -> str:
    return f"{EXTRA_DIR}/thema-{theme:02d}/p{n:04d}.md"


def extra_page(n: int, count: int) -> str:
    prev_n = n - 1 if n > 1 else count
    next_n = n + 1 if n < count else 1
    theme_of = lambda m: (m - 1) // (PAGES_PER_TOPIC * TOPICS_PER_THEME) + 1  # noqa: E731
    here = theme_of(n)

    def link(m: int) -> str:
        return f"p{m:04d}.md" if theme_of(m) == here else f"../thema-{theme_of(m):02d}/p{m:04d}.md"

    return EXTRA_PAGE.format(
        n=n, title=f"Testpagina {n}", today=clock.today().isoformat(), prev=link(prev_n), next=link(next_n),
        intro=_paragraph(n, 0, 5), para_a=_paragraph(n, 1), para_b=_paragraph(n, 2), para_c=_paragraph(n, 3),
        para_d=_paragraph(n, 4, 5), para_e=_paragraph(n, 5), para_f=_paragraph(n, 6, 7),
        sentence_a=SENTENCES[n % len(SENTENCES)], sentence_b=SENTENCES[(n + 5) % len(SENTENCES)],
        sentence_c=SENTENCES[(n + 11) % len(SENTENCES)],
    )


INDEX_PAGE = """---
title: {title}
description: Overzicht van gegenereerde pagina's voor de prestatiemeting.
doelgroep: [docent]
thema: [preventie]
eigenaar: redactie SWV
laatst_gecontroleerd: {today}
---

# {title}

Deze pagina's zijn gemaakt om te meten hoe de build groeit. Zie [de startpagina]({home}).
"""


def extra_nav(count: int) -> list:
    """The nav entries for `count` extra pages: one tab, themes, topics of PAGES_PER_TOPIC pages."""
    themes: dict[int, list] = {}
    for theme, topic, pages in _extra_layout(count):
        themes.setdefault(theme, []).append(
            {f"Onderwerp {topic}": [{f"Testpagina {n}": _extra_path(theme, n)} for n in pages]})
    children: list = [f"{EXTRA_DIR}/index.md"]
    for theme, topics in themes.items():
        children.append({f"Thema {theme}": [f"{EXTRA_DIR}/thema-{theme:02d}/index.md", *topics]})
    return [{"Extra": children}]


def insert_nav(config_text: str, entries: list) -> str:
    """Append top-level entries to the `nav:` block of mkdocs.yml, wherever the block is."""
    lines = config_text.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if re.match(r"nav:\s*$", line))
    except StopIteration:
        raise ValueError("mkdocs.yml heeft geen 'nav:'-blok") from None
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t#-"):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    block = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=1000)
    indent = re.match(r"\s*", lines[start + 1]).group(0) if end > start + 1 else "  "
    added = [indent + line for line in block.splitlines()]
    return "\n".join(lines[:end] + added + lines[end:]) + "\n"


def add_extra_pages(project: Path, count: int) -> list[str]:
    """Write `count` realistic pages under docs/extra/ and put them in the nav. Returns their paths."""
    docs = project / "docs"
    today = clock.today().isoformat()
    written = []
    (docs / EXTRA_DIR).mkdir(parents=True, exist_ok=True)
    (docs / EXTRA_DIR / "index.md").write_text(
        INDEX_PAGE.format(title="Extra", today=today, home="../index.md"), encoding="utf-8")
    for theme, _topic, pages in _extra_layout(count):
        folder = docs / EXTRA_DIR / f"thema-{theme:02d}"
        if not (folder / "index.md").exists():
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.md").write_text(
                INDEX_PAGE.format(title=f"Thema {theme}", today=today, home="../../index.md"), encoding="utf-8")
        for n in pages:
            (docs / _extra_path(theme, n)).write_text(extra_page(n, count), encoding="utf-8")
            written.append(_extra_path(theme, n))
    config = project / "mkdocs.yml"
    config.write_text(insert_nav(config.read_text(encoding="utf-8"), extra_nav(count)), encoding="utf-8")
    return written


# --- page weight -----------------------------------------------------------------------------


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


class _Assets(HTMLParser):
    """Stylesheets and scripts a page loads, and the size of its inline <style>/<script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.css: list[str] = []
        self.js: list[str] = []
        self.inline = 0
        self._in = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        rel = a.get("rel", "").lower().split()
        if tag == "link" and "stylesheet" in rel and a.get("href"):
            self.css.append(a["href"])
        elif tag == "link" and ("modulepreload" in rel or ("preload" in rel and a.get("as") in ("script", "style"))):
            (self.js if a.get("as", "script") == "script" else self.css).append(a.get("href", ""))
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"])
        elif tag in ("script", "style") and a.get("type", "text/javascript") not in ("application/json",):
            self._in = tag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.inline += len(data.encode("utf-8"))


def _local(html_path: Path, site: Path, ref: str) -> Path | None:
    if not ref or ref.startswith(("http:", "https:", "//", "data:")):
        return None
    ref = ref.split("#")[0].split("?")[0]
    target = (site / ref.lstrip("/")) if ref.startswith("/") else (html_path.parent / ref)
    target = target.resolve()
    return target if target.is_file() else None


def page_weight(site: Path, location: str) -> dict:
    """What a browser downloads to show one page (gzip): HTML with its inline code, linked CSS and JS."""
    html_path = site / location / "index.html"
    html = html_path.read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    css = {p for p in (_local(html_path, site, r) for r in parser.css) if p}
    js = {p for p in (_local(html_path, site, r) for r in parser.js) if p}
    missing = [r for r in parser.css + parser.js
               if not r.startswith(("http:", "https:", "//")) and _local(html_path, site, r) is None]
    external = [r for r in parser.css + parser.js if r.startswith(("http:", "https:", "//"))]
    css_gz = sum(gz(p.read_bytes()) for p in css)
    js_gz = sum(gz(p.read_bytes()) for p in js)
    html_gz = gz(html)
    return {
        "html_gz": html_gz, "css_gz": css_gz, "js_gz": js_gz, "assets_gz": css_gz + js_gz,
        "total_kb": round((html_gz + css_gz + js_gz) / 1024, 1),
        "zonder_gzip_kb": round((len(html) + sum(p.stat().st_size for p in css | js)) / 1024, 1),
        "html_raw_kb": round(len(html) / 1024, 1), "inline_code_raw_kb": round(parser.inline / 1024, 1),
        "bestanden": sorted(p.relative_to(site.resolve()).as_posix() for p in css | js),
        "ontbrekend": missing, "extern": external,
    }


def lazy_weight(site: Path) -> dict:
    """Downloads after the page is shown (gzip KB): the site's own search (issue 34: lunr and its
    language files, zoek_taal_kb, and the whole index, zoekindex_kb), which a page fetches only when
    search is first used, and sitemap.xml for instant navigation. A browser cache keeps them for
    the next page."""
    out = {}
    for name, rel in (("zoekindex_kb", "search/search_index.js"), ("sitemap_kb", "sitemap.xml")):
        if (site / rel).is_file():
            out[name] = round(gz((site / rel).read_bytes()) / 1024, 1)
    index = site / "search" / "search_index.js"
    if index.is_file():  # lunr, and its language support for a language other than English
        from scripts.build import search_tuning

        langs = [lang for lang in search_tuning.read_index(index)["config"].get("lang", []) if lang != "en"]
        names = ["lunr"] + (["lunr.stemmer.support"] + [f"lunr.{lang}" for lang in langs] if langs else [])
        lunr = [site / "assets/javascripts/lunr" / f"{n}.min.js" for n in names]
        if all(p.is_file() for p in lunr):
            out["zoek_taal_kb"] = round(sum(gz(p.read_bytes()) for p in lunr) / 1024, 1)
    return out


# The site's search box (overrides/partials/zoeken.html): its page loads lunr and the index only on use.
SEARCH_BOX_MARK = "data-zoeken-vraag"
SEARCH_PARTS = ("zoekindex_kb", "zoek_taal_kb")


def first_view(site: Path, location: str) -> dict:
    """All a page load fetches (gzip KB): the page with its CSS and JS, plus sitemap.xml (instant
    navigation fetches it at start-up) and the search's lunr files and index unless the page has
    the site's own search box, which loads them when search is first used (tests/build/
    test_search_lazy.py checks that in Chromium)."""
    weight = page_weight(site, location)
    lazy = lazy_weight(site)
    deferred = SEARCH_BOX_MARK in (site / location / "index.html").read_text(encoding="utf-8")
    on_load = ["sitemap_kb"] + ([] if deferred else list(SEARCH_PARTS))
    return {"total_kb": round(weight["total_kb"] + sum(lazy.get(k, 0) for k in on_load), 1),
            "pagina_kb": weight["total_kb"], "zoekindex_later": deferred,
            "bij_openen_zoeken_kb": round(sum(lazy.get(k, 0) for k in SEARCH_PARTS), 1) if deferred else 0.0,
            "sitemap_kb": lazy.get("sitemap_kb", 0.0)}


def largest_pages(site: Path, top: int = 5) -> list[dict]:
    rows = []
    for html in site.rglob("*.html"):
        loc = html.relative_to(site).as_posix()
        loc = loc[: -len("index.html")] if loc.endswith("index.html") else loc
        rows.append((gz(html.read_bytes()), loc))
    rows.sort(reverse=True)
    return [{"pagina": loc or "/", "html_gz_kb": round(size / 1024, 1)} for size, loc in rows[:top]]


# --- Lighthouse ------------------------------------------------------------------------------

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzip-compressed when the client accepts it (as a production host does)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirect to the URL with a slash
            path = path / "index.html"
        if (path.suffix not in COMPRESSIBLE or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse_findings(report: dict) -> dict:
    """Per category the audits that cost points (score < 1 and weight > 0)."""
    out = {}
    for key, cat in report["categories"].items():
        bad = []
        for ref in cat["auditRefs"]:
            audit = report["audits"].get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                bad.append(f"{ref['id']} ({round(audit['score'] * 100)})")
        if bad:
            out[key] = bad
    return out


def _lighthouse_once(binary: Path, chromium: str, url: str) -> dict | str:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "lh.json"
        try:
            run = subprocess.run(
                [str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
                 "--only-categories=" + ",".join(LIGHTHOUSE_CATEGORIES),
                 "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic "
                 "--disable-background-networking --disable-component-update --disable-sync "
                 f"--no-first-run --user-data-dir={tmp}/profile"],
                capture_output=True, text=True, timeout=240,
                env=dict(os.environ, CHROME_PATH=chromium, HOME=tmp))
        except subprocess.TimeoutExpired:
            return "fout: lighthouse duurde langer dan 240 s"
        if run.returncode != 0 or not report.exists():
            return f"fout: {(run.stderr or run.stdout).strip()[-300:]}"
        data = json.loads(report.read_text(encoding="utf-8"))
    return {"scores": {k: round((v["score"] or 0) * 100) for k, v in data["categories"].items()},
            "punten_verloren": lighthouse_findings(data),
            "benchmark_index": data.get("environment", {}).get("benchmarkIndex"),
            "versie": data.get("lighthouseVersion")}


def lighthouse(site: Path, root: Path, runs: int = 1) -> dict | str:
    """Mobile Lighthouse per page type. With runs > 1 the run with the best performance score
    counts: a busy machine only makes pages slower, never faster (the other scores do not vary)."""
    binary = root / "node_modules" / ".bin" / "lighthouse"  # the project's own tools (package.json)
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not binary.exists() or not Path(chromium).exists():
        return "niet gemeten: lighthouse (make node) of chromium (make browser) ontbreekt"
    server, base = serve(site)
    try:
        out = {}
        for kind, loc in PAGES.items():
            results = [_lighthouse_once(binary, chromium, base + loc) for _ in range(runs)]
            good = [r for r in results if isinstance(r, dict)]
            if not good:
                out[kind] = results[0]
                continue
            best = max(good, key=lambda r: r["scores"].get("performance", 0))
            best["performance_per_run"] = [r["scores"].get("performance") for r in good]
            out[kind] = best
        return out
    finally:
        server.shutdown()
        server.server_close()


# --- the run ---------------------------------------------------------------------------------


def measure(root: Path, quick: bool = False, with_lighthouse: bool = True, log=print) -> dict:
    result: dict = {"budgetten": BUDGETS, "tijden": "CPU-seconden van de kindprocessen (wandklok: *_wall_s)"}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        project = copy_project(root, tmp / "project")
        site = tmp / "site"
        runs = 1 if quick else 2
        log("strenge build ...")
        # at least two: the first fills the build cache, the best is the warm one (an editor's build)
        build = timed_build(project / "mkdocs.yml", site, runs=max(runs, 2))
        result["build_s"], result["build_wall_s"] = build["cpu_s"], build["wall_s"]
        result["paginas"] = sum(1 for _ in site.rglob("index.html"))
        log("kale Material-build ...")
        bare = timed_build(bare_config(project), tmp / "bare", strict=False, runs=runs)
        result["bare_build_s"], result["bare_build_wall_s"] = bare["cpu_s"], bare["wall_s"]
        result["build_ratio"] = round(result["build_s"] / result["bare_build_s"], 2)
        shutil.rmtree(tmp / "bare")
        log("strenge build zonder cache ...")
        cold = timed_build(project / "mkdocs.yml", tmp / "site-koud", runs=1, extra_env={"KENNISBANK_BUILD_CACHE": "uit"})
        result["build_zonder_cache_s"] = cold["cpu_s"]
        result["build_ratio_zonder_cache"] = round(cold["cpu_s"] / result["bare_build_s"], 2)
        shutil.rmtree(tmp / "site-koud")
        log("make serve: bewerkte pagina ...")
        result["serve"] = serve_figures(project)

        growth = {}
        sizes = [200] if quick else [500, 2000]
        for extra in sizes:
            log(f"build met {extra} extra pagina's ...")
            grown = copy_project(root, tmp / f"project-{extra}")
            add_extra_pages(grown, extra)
            if (project / ".cache").is_dir():  # the same warm build cache: only the extra pages cost more
                shutil.copytree(project / ".cache", grown / ".cache")
            took = timed_build(grown / "mkdocs.yml", tmp / f"site-{extra}", runs=1)
            sample = tmp / f"site-{extra}" / EXTRA_DIR / "thema-01" / "p0001" / "index.html"
            if not sample.is_file():
                raise RuntimeError(f"extra pagina's niet gebouwd: {sample} ontbreekt")
            growth[str(extra)] = {
                "build_s": took["cpu_s"], "build_wall_s": took["wall_s"],
                "ms_per_extra_page": round((took["cpu_s"] - result["build_s"]) / extra * 1000, 2),
                "html_gz_kb_extra_pagina": round(gz(sample.read_bytes()) / 1024, 1),
                "zoekindex_gz_kb": lazy_weight(tmp / f"site-{extra}").get("zoekindex_kb"),
                "eerste_blik_kb": {kind: first_view(tmp / f"site-{extra}", loc)["total_kb"]
                                   for kind, loc in PAGES.items()},
            }
            if extra == max(sizes):  # `make check` on the grown site: build + checks
                grown_check, grown_cpu, grown_wall = run_timed(
                    [sys.executable, str(grown / "scripts/check.py"), "--root", str(grown),
                     "--site", str(tmp / f"site-{extra}")], cwd=grown)
                growth[str(extra)]["check_s"] = round(took["cpu_s"] + grown_cpu, 2)
                growth[str(extra)]["check_wall_s"] = round(took["wall_s"] + grown_wall, 2)
                growth[str(extra)]["check_ok"] = grown_check.returncode == 0
                if grown_check.returncode != 0:
                    growth[str(extra)]["check_uitvoer"] = (grown_check.stdout + grown_check.stderr)[-2000:]
            shutil.rmtree(tmp / f"site-{extra}")
            if not quick:  # the same pages in the bare Material build: what the theme itself costs
                bare_grown = timed_build(bare_config(grown), tmp / f"bare-{extra}", strict=False, runs=1)
                growth[str(extra)]["kaal_build_s"] = bare_grown["cpu_s"]
                growth[str(extra)]["kaal_ms_per_extra_page"] = round(
                    (bare_grown["cpu_s"] - result["bare_build_s"]) / extra * 1000, 2)
                shutil.rmtree(tmp / f"bare-{extra}")
            shutil.rmtree(grown)
        result["groei"] = growth
        largest = max(growth, key=int)
        result["groei_bij"] = int(largest)
        result["ms_per_extra_page"] = growth[largest]["ms_per_extra_page"]
        if "500" in growth and "2000" in growth:
            result["groei_lineair"] = round(
                growth["2000"]["ms_per_extra_page"] / max(growth["500"]["ms_per_extra_page"], 0.01), 2)
            result["kaal_ms_per_extra_page"] = growth["2000"]["kaal_ms_per_extra_page"]
            result["kaal_groei_lineair"] = round(
                growth["2000"]["kaal_ms_per_extra_page"] / max(growth["500"]["kaal_ms_per_extra_page"], 0.01), 2)

        log("snelle controles ...")
        check, check_cpu, check_wall = run_timed(
            [sys.executable, str(project / "scripts/check.py"), "--root", str(project), "--site", str(site)],
            cwd=project)
        result["checks_s"], result["checks_wall_s"] = round(check_cpu, 2), round(check_wall, 2)
        result["check_s"] = round(check_cpu + result["build_s"], 2)  # make check = strict build + checks
        result["check_wall_s"] = round(check_wall + result["build_wall_s"], 2)
        result["check_ok"] = check.returncode == 0
        if not result["check_ok"]:
            result["check_uitvoer"] = (check.stdout + check.stderr)[-2000:]

        log("tijd per bouwstap en plugin ...")
        result["profiel"] = hook_profile(project / "mkdocs.yml", tmp / "site-profiel")

        result["gewicht"] = {kind: page_weight(site, loc) for kind, loc in PAGES.items()}
        result["later_geladen"] = lazy_weight(site)
        result["eerste_blik"] = {kind: first_view(site, loc) for kind, loc in PAGES.items()}
        result["grootste_paginas"] = largest_pages(site)
        if with_lighthouse:
            log("Lighthouse ...")
            result["lighthouse"] = lighthouse(site, root, runs=1 if quick else 3)  # issue 20: best of three
    return result


def verdicts(r: dict) -> list[tuple[str, str, str, bool | None]]:
    b = r["budgetten"]
    big = (r.get("groei") or {}).get("2000", {})
    at_2000 = f"; bij +2000: ×{round(big['build_s'] / big['kaal_build_s'], 2)}" if big.get("kaal_build_s") else ""
    rows = [
        ("strenge build", f"{r['build_s']} s (kaal Material {r['bare_build_s']} s, ×{r['build_ratio']}{at_2000})",
         f"≤ {b['build_ratio']}× kaal", r["build_ratio"] <= b["build_ratio"]),
    ]
    if "build_zonder_cache_s" in r:
        rows.append(("strenge build zonder cache", f"{r['build_zonder_cache_s']} s (×{r['build_ratio_zonder_cache']})",
                     "ter info", None))
    serve = r.get("serve")
    if isinstance(serve, dict):
        budget = b.get("serve_ratio", 1.5)
        rows.append(("make serve: bewerkte pagina", f"{serve['cpu_s']} s (kaal Material {serve['kaal_cpu_s']} s, "
                     f"×{serve['ratio']}; wandklok {serve['wall_s']} s / {serve['kaal_wall_s']} s)",
                     f"≤ {budget}× kaal", serve["ratio"] <= budget))
    elif serve:
        rows.append(("make serve: bewerkte pagina", serve, "-", None))
    if "ms_per_extra_page" in r:
        at = r.get("groei_bij", 2000)
        bare_ms = r.get("kaal_ms_per_extra_page")
        ratio = round(r["ms_per_extra_page"] / bare_ms, 2) if bare_ms else None
        shown = f"{r['ms_per_extra_page']} ms" + (f" (kaal Material {bare_ms} ms, ×{ratio})" if ratio else "")
        rows.append((f"per extra pagina bij +{at}", shown, f"≤ {b['extra_page_ratio']}× kaal",
                     ratio <= b["extra_page_ratio"] if ratio and at >= 2000 else None))
    if "groei_lineair" in r:
        # Linear means the cost per page stays the same. The theme itself is not quite linear (its
        # navigation grows with the site); the site may not grow faster than the theme by > 10%.
        bare_factor = r.get("kaal_groei_lineair")
        limit = max(b["groei_lineair"], round(1.1 * bare_factor, 2)) if bare_factor else b["groei_lineair"]
        shown = f"×{r['groei_lineair']} per pagina" + (f" (kaal Material ×{bare_factor})" if bare_factor else "")
        rows.append(("groei +2000 t.o.v. +500", shown, f"≤ ×{b['groei_lineair']} of ≤ 1.1 × kaal",
                     r["groei_lineair"] <= limit))
    rows.append(("make check (build + controles)",
                 f"{r['check_s']} s{'' if r['check_ok'] else ' (controles FOUT)'}",
                 f"< {b['check_s']} s", r["check_s"] < b["check_s"] and r["check_ok"]))
    grown = (r.get("groei") or {}).get(str(r.get("groei_bij")), {})
    if "check_s" in grown:
        rows.append((f"make check bij +{r['groei_bij']} pagina's",
                     f"{grown['check_s']} s{'' if grown['check_ok'] else ' (controles FOUT)'}",
                     f"< {b['check_s']} s (ter info)", None))
    # What the page itself weighs, for information: the budget is on its first view below (the same
    # page with all it fetches on load), so that a page an editor makes longer is judged only there.
    for kind, w in r["gewicht"].items():
        note = f"; LET OP extern: {', '.join(w['extern'])}" if w.get("extern") else ""
        raw = f"; zonder gzip {w['zonder_gzip_kb']} KB" if "zonder_gzip_kb" in w else ""
        rows.append((f"pagina {kind} (gzip)", f"{w['total_kb']} KB (HTML {round(w['html_gz'] / 1024, 1)} KB{raw}){note}",
                     "-", None))
    first = r.get("eerste_blik") or {}
    for kind, fv in first.items():
        grown_kb = big.get("eerste_blik_kb", {}).get(kind)
        worst = max(fv["total_kb"], grown_kb or 0)
        rows.append((f"eerste blik {kind} (gzip)", f"{fv['total_kb']} KB" + (f"; bij +2000: {grown_kb} KB" if grown_kb else ""),
                     f"≤ {b['kb_eerste_blik']} KB", worst <= b["kb_eerste_blik"]))
    lazy = r.get("later_geladen") or {}
    if lazy:
        rows.append(("later geladen (gzip)", ", ".join(f"{k.removesuffix('_kb')} {v} KB" for k, v in lazy.items()),
                     "-", None))
    lh = r.get("lighthouse")
    if isinstance(lh, dict):
        for kind, res in lh.items():
            if isinstance(res, dict):
                scores = res["scores"]
                ok = (scores.get("performance", 0) >= b["lighthouse_performance"]
                      and all(scores.get(k, 0) >= b["lighthouse_accessibility"]
                              for k in ("accessibility", "best-practices", "seo")))
                rows.append((f"lighthouse {kind}", ", ".join(f"{k} {v}" for k, v in scores.items()),
                             f"prestaties ≥ {b['lighthouse_performance']}, rest {b['lighthouse_accessibility']}", ok))
            else:
                rows.append((f"lighthouse {kind}", res, "-", False))
    elif lh:
        rows.append(("lighthouse", lh, "-", None))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Prestatiebenchmark van de kennisbank")
    project_model.project_argument(parser)
    parser.add_argument("--json", type=Path, help="standaard bench-resultaat.json in de projectmap")
    parser.add_argument("--snel", action="store_true", help="één run, +200 pagina's in plaats van +500/+2000")
    parser.add_argument("--zonder-lighthouse", action="store_true")
    parser.add_argument("--streng", action="store_true", help="exitcode 1 als een meting buiten budget valt")
    parser.add_argument("--profiel-build", nargs=2, type=Path, metavar=("CONFIG", "SITE"), help=argparse.SUPPRESS)
    args = project_model.parse_args(parser, argv)
    args.json = args.json or args.root / "bench-resultaat.json"
    if args.profiel_build:
        print(json.dumps(profile_build(*args.profiel_build)))
        return 0
    started = time.perf_counter()
    result = measure(args.root, quick=args.snel, with_lighthouse=not args.zonder_lighthouse,
                     log=lambda msg: print(msg, file=sys.stderr, flush=True))
    rows = verdicts(result)
    result["oordeel"] = [{"meting": m, "waarde": v, "budget": bud, "binnen_budget": ok} for m, v, bud, ok in rows]
    result["duur_benchmark_s"] = round(time.perf_counter() - started, 1)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    width = max(len(m) for m, *_ in rows)
    print(f"\nPrestaties ({result['paginas']} pagina's; tijden in CPU-seconden, zie JSON voor wandklok)")
    for name, value, budget, ok in rows:
        mark = {True: "ok  ", False: "OVER", None: "    "}[ok]
        print(f"{mark} {name:<{width}}  {value}   [{budget}]")
    lh = result.get("lighthouse")
    if isinstance(lh, dict):
        for kind, res in lh.items():
            if isinstance(res, dict) and res["punten_verloren"]:
                print(f"     lighthouse {kind}, punten verloren: "
                      + "; ".join(f"{k}: {', '.join(v)}" for k, v in res["punten_verloren"].items()))
    prof = result.get("profiel")
    if isinstance(prof, dict):
        print(f"\nWaar gaat de buildtijd heen (CPU-s, totaal {prof['totaal_s']}):",
              ", ".join(f"{k} {v}" for k, v in prof["per_onderdeel"].items()))
    print("\nGrootste pagina's (HTML, gzip):",
          ", ".join(f"{p['pagina']} {p['html_gz_kb']} KB" for p in result["grootste_paginas"]))
    print(f"JSON: {args.json} (benchmark duurde {result['duur_benchmark_s']} s)")
    over = [ok for *_, ok in rows if ok is False]
    return 1 if args.streng and over else 0


if __name__ == "__main__":
    sys.exit(main())
