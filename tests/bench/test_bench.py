"""Unit tests of the performance benchmark (scripts/bench/performance.py): what it measures, not how fast
anything is (the budgets live in the benchmark itself, `make bench`)."""
from __future__ import annotations

import gzip
import re
import shutil
import urllib.request

import pytest
import yaml

from scripts.bench import performance as bench
from scripts.checks import legal_pages
from scripts.model import content_model, region
from conftest import ROOT


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


# --- page weight -------------------------------------------------------------------------------

PAGE = """<!doctype html><html lang="nl"><head>
<link rel="icon" href="../../assets/images/favicon.png">
<link rel="canonical" href="https://example.org/a/b/">
<link rel="stylesheet" href="../../assets/main.css">
<link rel="stylesheet" href="../../assets/main.css?v=2">
<link rel="stylesheet" href="https://cdn.example.org/x.css">
<style>.inline { color: red }</style>
</head><body>
<script id="__config" type="application/json">{"search": "../../assets/workers/search.js"}</script>
<p>Tekst</p>
<script>var inline = 1;</script>
<script src="../../assets/bundle.js"></script>
<script src="../../assets/ontbreekt.js"></script>
</body></html>"""


@pytest.fixture
def fake_site(tmp_path):
    site = tmp_path / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "assets" / "workers").mkdir(parents=True)
    (site / "search").mkdir()
    (site / "a" / "b" / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "index.html").write_text(PAGE.replace("../../", ""), encoding="utf-8")
    (site / "assets" / "main.css").write_text("body { margin: 0 }\n" * 50, encoding="utf-8")
    (site / "assets" / "bundle.js").write_text("console.log('bundle');\n" * 80, encoding="utf-8")
    (site / "assets" / "workers" / "search.js").write_text("self.onmessage = () => {};\n" * 30, encoding="utf-8")
    docs = ",".join('{"location": "a/", "title": "A", "text": "tekst %d"}' % i for i in range(100))
    (site / "search" / "search_index.js").write_text(
        'var __index = {"config": {"lang": ["nl"]}, "docs": [%s]}' % docs, encoding="utf-8")
    (site / "assets" / "javascripts" / "lunr").mkdir(parents=True)
    for name in ("lunr", "lunr.stemmer.support", "lunr.nl", "lunr.de"):
        (site / "assets" / "javascripts" / "lunr" / f"{name}.min.js").write_text(name * 40, encoding="utf-8")
    return site


def test_page_weight_counts_html_and_linked_css_js_once(fake_site):
    w = bench.page_weight(fake_site, "a/b/")
    css = gz((fake_site / "assets" / "main.css").read_bytes())
    js = gz((fake_site / "assets" / "bundle.js").read_bytes())
    html = gz((fake_site / "a" / "b" / "index.html").read_bytes())
    assert (w["html_gz"], w["css_gz"], w["js_gz"]) == (html, css, js)  # main.css linked twice, counted once
    assert w["total_kb"] == round((html + css + js) / 1024, 1)
    raw = sum(len((fake_site / f).read_bytes()) for f in ("a/b/index.html", "assets/main.css", "assets/bundle.js"))
    assert w["zonder_gzip_kb"] == round(raw / 1024, 1)
    assert w["bestanden"] == ["assets/bundle.js", "assets/main.css"]  # no favicon, no search worker
    assert w["ontbrekend"] == ["../../assets/ontbreekt.js"]
    assert w["extern"] == ["https://cdn.example.org/x.css"]
    assert w["inline_code_raw_kb"] == round(len(".inline { color: red }var inline = 1;") / 1024, 1)


def test_lazy_downloads_are_reported_apart(fake_site):
    lazy = bench.lazy_weight(fake_site)
    assert lazy["zoekindex_kb"] == round(gz((fake_site / "search/search_index.js").read_bytes()) / 1024, 1)
    lunr = fake_site / "assets" / "javascripts" / "lunr"
    files = gz((lunr / "lunr.min.js").read_bytes()) + gz((lunr / "lunr.stemmer.support.min.js").read_bytes()) \
        + gz((lunr / "lunr.nl.min.js").read_bytes())
    assert lazy["zoek_taal_kb"] == round(files / 1024, 1)  # lunr and only the languages the index uses
    assert "sitemap_kb" not in lazy


def test_first_view_counts_the_sitemap_and_the_search_unless_the_page_has_the_search_box(fake_site):
    (fake_site / "sitemap.xml").write_text("<urlset>" + "<url><loc>https://x.nl/p/</loc></url>" * 3000 + "</urlset>",
                                           encoding="utf-8")
    lazy = bench.lazy_weight(fake_site)
    assert lazy["sitemap_kb"] > 0
    page = bench.page_weight(fake_site, "a/b/")["total_kb"]
    eager = bench.first_view(fake_site, "a/b/")
    assert eager["zoekindex_later"] is False
    assert eager["total_kb"] == round(page + lazy["sitemap_kb"] + lazy["zoekindex_kb"] + lazy["zoek_taal_kb"], 1)
    html = fake_site / "a" / "b" / "index.html"
    html.write_text(html.read_text(encoding="utf-8").replace(
        "<p>Tekst</p>", f"<input {bench.SEARCH_BOX_MARK}><p>Tekst</p>"), encoding="utf-8")
    held = bench.first_view(fake_site, "a/b/")
    assert held["zoekindex_later"] is True
    assert held["total_kb"] == round(bench.page_weight(fake_site, "a/b/")["total_kb"] + lazy["sitemap_kb"], 1)
    assert held["bij_openen_zoeken_kb"] == round(lazy["zoekindex_kb"] + lazy["zoek_taal_kb"], 1)


def test_largest_pages_sorted(fake_site):
    (fake_site / "groot").mkdir()
    (fake_site / "groot" / "index.html").write_bytes(bytes(range(256)) * 200)
    rows = bench.largest_pages(fake_site, top=2)
    assert rows[0]["pagina"] == "groot/"
    assert len(rows) == 2


def test_server_sends_gzip_like_a_host(fake_site):
    server, base = bench.serve(fake_site)
    try:
        request = urllib.request.Request(base + "a/b/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()).decode("utf-8") == PAGE
        with urllib.request.urlopen(base + "a/b") as response:  # redirected to the URL with a slash
            assert response.url.endswith("/a/b/")
    finally:
        server.shutdown()
        server.server_close()


# --- the bare build ----------------------------------------------------------------------------


def test_bare_config_is_material_with_search_only(tmp_path):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    real = content_model.site_config(tmp_path)  # the copy: its rules folder is its own
    bare = yaml.safe_load(bench.bare_config(tmp_path).read_text(encoding="utf-8"))
    assert "kennisbank" in str(real["plugins"])  # our build steps, which the bare build leaves out
    assert "hooks" not in bare and "extra_javascript" not in bare and "extra_css" not in bare
    assert bare["plugins"] == [{"search": {"lang": "nl"}}]
    assert "custom_dir" not in bare["theme"] and bare["theme"]["name"] == "material"
    assert bare["theme"]["features"] == real["theme"]["features"]  # same features: same nav HTML
    assert bare["nav"] == region.site_nav(tmp_path)  # the nav as our build makes it, with the region's menu
    assert bare["markdown_extensions"] == real["markdown_extensions"]
    assert bare["docs_dir"] == str(tmp_path / "docs")


# --- growth pages --------------------------------------------------------------------------------

CONFIG = """site_name: Test
nav:
  - Startpagina: index.md
  - Deel:
      - deel/index.md
      - Een: deel/een.md

plugins:
  - kennisbank
"""


def nav_paths(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [p for v in node.values() for p in nav_paths(v)]
    return [p for item in node for p in nav_paths(item)]


def test_add_extra_pages_valid_pages_in_the_nav(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    count = 2 * bench.PAGES_PER_TOPIC * bench.TOPICS_PER_THEME + 7  # three themes, the last one partly filled
    written = bench.add_extra_pages(tmp_path, count)
    docs = tmp_path / "docs"
    assert len(written) == len(set(written)) == count

    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == ["kennisbank"]  # the rest of the config is untouched
    paths = nav_paths(config["nav"])
    assert paths[:3] == ["index.md", "deel/index.md", "deel/een.md"]
    extra = [p for p in paths if p.startswith("extra/")]
    assert sorted(set(written) - set(extra)) == []
    assert len(extra) == count + 1 + 3  # pages, the tab's index and one index per theme
    generated = sorted(p.relative_to(docs).as_posix() for p in (docs / "extra").rglob("*.md"))
    assert sorted(extra) == generated  # no generated page is left out of the nav

    topics = [v for theme in config["nav"][-1]["Extra"][1:] for v in list(theme.values())[0][1:]]
    assert all(len(list(t.values())[0]) <= bench.PAGES_PER_TOPIC for t in topics)

    for rel in extra:
        page = content_model.load_page(docs / rel, docs)
        assert page.problems == [], rel
    sample = (docs / written[-1]).read_text(encoding="utf-8")
    assert len(sample.split()) > 500  # about as long as a real content page
    # `make check` on the grown site judges the site's code, not pages it would refuse: every law
    # the generated pages cite is on the verified list
    cited = set(re.findall(r"wetten\.overheid\.nl/(BWBR\d+)", sample))
    assert cited and cited <= legal_pages.verified_laws(ROOT), cited - legal_pages.verified_laws(ROOT)
    for rel in (written[0], written[-1], written[bench.PAGES_PER_TOPIC * bench.TOPICS_PER_THEME]):
        text = (docs / rel).read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)]+\.md)\)", text):
            assert ((docs / rel).parent / target).resolve().is_file(), f"{rel}: kapotte link {target}"


def test_insert_nav_without_nav_block_is_an_error():
    with pytest.raises(ValueError):
        bench.insert_nav("site_name: x\n", [{"Extra": ["a.md"]}])


# --- verdicts ------------------------------------------------------------------------------------


def result(**changes) -> dict:
    weight = {"total_kb": 50.0, "html_gz": 10240}
    r = {
        "budgetten": bench.BUDGETS, "build_s": 3.0, "bare_build_s": 2.5, "build_ratio": 1.2,
        "ms_per_extra_page": 10.0, "kaal_ms_per_extra_page": 9.0, "groei_bij": 2000, "groei_lineair": 1.1, "check_s": 10.0, "check_ok": True,
        "gewicht": {"home": weight, "inhoud": weight, "toets": weight},
        "lighthouse": {k: {"scores": {"performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100}}
                       for k in bench.PAGES},
    }
    r.update(changes)
    return r


def flags(r) -> dict:
    return {name: ok for name, _value, _budget, ok in bench.verdicts(r)}


def test_verdicts_all_within_budget():
    assert all(ok in (True, None) for ok in flags(result()).values())


@pytest.mark.parametrize(
    "changes, row",
    [
        ({"build_ratio": 1.6}, "strenge build"),
        ({"ms_per_extra_page": 11.5}, "per extra pagina bij +2000"),  # ×1.28 bare Material's 9 ms
        ({"groei_lineair": 2.0}, "groei +2000 t.o.v. +500"),
        ({"check_s": 30.0}, "make check (build + controles)"),
        ({"check_ok": False}, "make check (build + controles)"),
        ({"eerste_blik": {"inhoud": {"total_kb": 100.1}}}, "eerste blik inhoud (gzip)"),
        ({"lighthouse": {"home": {"scores": {"performance": 99, "accessibility": 98, "best-practices": 100,
                                             "seo": 100}}}}, "lighthouse home"),
        ({"lighthouse": {"toets": {"scores": {"performance": 94, "accessibility": 100, "best-practices": 100,
                                              "seo": 100}}}}, "lighthouse toets"),
        ({"lighthouse": {"home": "fout: chromium start niet"}}, "lighthouse home"),
    ],
)
def test_verdicts_flag_over_budget(changes, row):
    got = flags(result(**changes))
    assert got[row] is False
    assert sum(ok is False for ok in got.values()) == 1


def test_first_view_is_judged_now_and_at_2000_pages():
    first = {"home": {"total_kb": 60.0}}
    assert flags(result(eerste_blik=first))["eerste blik home (gzip)"] is True
    grown = {"2000": {"eerste_blik_kb": {"home": 100.5}}}
    assert flags(result(eerste_blik=first, groei=grown))["eerste blik home (gzip)"] is False
    assert flags(result(eerste_blik={"home": {"total_kb": 120.0}}))["eerste blik home (gzip)"] is False


def test_growth_no_faster_than_the_bare_theme_is_linear_enough():
    assert flags(result(groei_lineair=1.7, kaal_groei_lineair=1.6))["groei +2000 t.o.v. +500"] is True
    assert flags(result(groei_lineair=1.9, kaal_groei_lineair=1.6))["groei +2000 t.o.v. +500"] is False
    assert flags(result(groei_lineair=1.4, kaal_groei_lineair=1.0))["groei +2000 t.o.v. +500"] is True


def test_cost_per_extra_page_is_judged_against_bare_material_on_the_same_machine():
    # 18 ms is slow on a fast machine, fine where bare Material itself takes 16 ms
    assert flags(result(ms_per_extra_page=18.0, kaal_ms_per_extra_page=16.0))["per extra pagina bij +2000"] is True
    assert flags(result(ms_per_extra_page=18.0, kaal_ms_per_extra_page=13.0))["per extra pagina bij +2000"] is False
    assert flags(result(kaal_ms_per_extra_page=None))["per extra pagina bij +2000"] is None  # bare not measured


def test_a_page_is_judged_by_its_first_view_and_its_own_weight_is_shown():
    heavy = {"total_kb": 500.0, "html_gz": 400 * 1024}
    got = flags(result(gewicht={"home": heavy, "inhoud": heavy}, eerste_blik={"home": {"total_kb": 500.0}}))
    assert got["pagina home (gzip)"] is None and got["pagina inhoud (gzip)"] is None
    assert got["eerste blik home (gzip)"] is False


def test_quick_growth_figure_is_not_judged():
    got = flags(result(groei_bij=200, ms_per_extra_page=40.0))
    assert got["per extra pagina bij +200"] is None  # +200 is too few pages to hold against the budget


def test_lighthouse_findings_lists_weighted_audits_below_full_score():
    report = {
        "categories": {"seo": {"auditRefs": [{"id": "link-text", "weight": 1}, {"id": "hreflang", "weight": 1},
                                             {"id": "info", "weight": 0}]}},
        "audits": {"link-text": {"score": 0}, "hreflang": {"score": 1}, "info": {"score": 0}},
    }
    assert bench.lighthouse_findings(report) == {"seo": ["link-text (0)"]}


# --- build cache and make serve (issue 20) -------------------------------------------------------


def test_serve_and_cache_figures_are_judged():
    serve = {"pagina": "a.md", "cpu_s": 1.2, "wall_s": 2.0, "kaal_cpu_s": 1.0, "kaal_wall_s": 1.5, "ratio": 1.2}
    got = flags(result(serve=serve, build_zonder_cache_s=5.0, build_ratio_zonder_cache=2.0))
    assert got["make serve: bewerkte pagina"] is True
    assert got["strenge build zonder cache"] is None  # for information: editors build with the cache
    assert flags(result(serve=dict(serve, ratio=1.6)))["make serve: bewerkte pagina"] is False
    assert flags(result(serve="niet gemeten: poort bezet"))["make serve: bewerkte pagina"] is None


def test_timed_build_passes_extra_environment(tmp_path, monkeypatch):
    seen = {}

    def fake_run(cmd, capture_output, text, env, cwd):
        seen.update(env)
        return bench.subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(bench.subprocess, "run", fake_run)
    bench.timed_build(tmp_path / "mkdocs.yml", tmp_path / "site", runs=1, extra_env={"KENNISBANK_BUILD_CACHE": "uit"})
    assert seen["KENNISBANK_BUILD_CACHE"] == "uit" and seen["NO_MKDOCS_2_WARNING"] == "1"


def test_serve_rebuild_waits_for_the_edit_and_restores_the_page(tmp_path):
    """A real `mkdocs serve` of a one-page site: the time runs until the edit is served."""
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "index.md"
    page.write_text("# Proef\n\nTekst.\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_name": "proef"}), encoding="utf-8")
    took = bench.serve_rebuild(config, page, "", edits=1, timeout=60)
    assert took["wall_s"] > 0 and took["cpu_s"] >= 0
    assert page.read_text(encoding="utf-8") == "# Proef\n\nTekst.\n"


def test_serve_page_exists():
    src, url = bench.SERVE_PAGE
    assert (ROOT / "docs" / src).is_file() and url == src.removesuffix(".md") + "/"
