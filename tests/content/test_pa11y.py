"""A second accessibility engine: pa11y (npm, pinned in package.json) with HTML_CodeSniffer,
standard WCAG2AA, on every page of the built site, in Debian's chromium (the args of conftest).

The rule: no errors, or each remaining kind of error (its HTML_CodeSniffer code) is explained on a
page of the site, the accessibility statement (the code in backticks, found on any page, so the
statement may move or change its headings). An explanation of an error that no
longer occurs is stale and fails too.
One browser for all pages, with TABS tab(s) (each in its own browser context, so each is a visible,
focused window as a lone tab is). The runner loads each page up to 'load', as the axe sweep does,
and hands it to pa11y (ignoreUrl): pa11y's own navigation waits for half a second of network quiet
on every page (networkidle2), in which an open tab only costs CPU. Both ways gave the same errors on
every page when compared (2 December 2026); this way the test takes about half the CPU.
"""
from __future__ import annotations

import json
import re
import subprocess

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT
from axe_helpers import page_paths

PA11Y = ROOT / "node_modules" / "pa11y"
TABS = 1  # pages checked at the same time: more tabs idle side by side (module docstring)
CODE_RE = re.compile(r"`(WCAG2AA?A?\.[A-Za-z0-9_.]+)`")

RUNNER = r"""
import pa11y from 'pa11y';
import puppeteer from 'puppeteer';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const {urls, executablePath, args, tabs} = JSON.parse(input);
const browser = await puppeteer.launch({executablePath, args, headless: true});
const results = {};
const queue = [...urls];
async function tab() {
  // A tab of its own context: the only tab of its window, so visible and focused.
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(pa11y.defaults.viewport);  // the size pa11y itself would set
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    try {
      // Loaded here up to 'load', as the axe sweep does; pa11y itself would wait for half a
      // second of network quiet on every page (networkidle2), time in which the page only idles.
      await page.goto(url, {waitUntil: 'load', timeout: 60000});
      const r = await pa11y(url, {browser, page, ignoreUrl: true, standard: 'WCAG2AA', runners: ['htmlcs'], timeout: 60000});
      results[url] = {issues: r.issues.filter(i => i.type === 'error')
        .map(i => ({code: i.code, selector: i.selector, message: i.message, context: (i.context || '').slice(0, 120)}))};
    } catch (err) {
      results[url] = {failed: String(err && err.stack || err).slice(0, 500)};
    }
  }
  await context.close();
}
try {
  await Promise.all(Array.from({length: Math.min(tabs, urls.length)}, tab));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
"""


def run_pa11y(urls: list[str]) -> dict:
    if not (PA11Y / "package.json").is_file():
        pytest.fail(f"{PA11Y} ontbreekt: installeer pa11y met 'make node' (npm ci)")
    run = subprocess.run(
        ["node", "--input-type=module", "-e", RUNNER], cwd=ROOT, capture_output=True, text=True, timeout=1800,
        input=json.dumps({"urls": urls, "executablePath": CHROMIUM, "args": CHROMIUM_ARGS, "tabs": TABS}),
    )
    assert run.returncode == 0, f"pa11y draaide niet:\n{run.stderr[-3000:]}"
    results = json.loads(run.stdout)
    return {url: results[url] for url in urls if url in results}  # in the order asked (tabs finish in any order)


def explained_codes() -> set[str]:
    """The codes in backticks on the pages of the site (the accessibility statement explains them)."""
    codes = set()
    for path in sorted((ROOT / "docs").rglob("*.md")):
        codes.update(CODE_RE.findall(path.read_text(encoding="utf-8")))  # inline code is where they stand
    return codes


def test_pa11y_version_is_the_pinned_one():
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["pa11y"]
    installed = json.loads((PA11Y / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == pinned, "draai 'make node' om de vastgezette versie van pa11y te installeren"


@pytest.fixture(scope="module")
def pa11y_results(built_site, site_url) -> dict:
    paths = page_paths(built_site)
    assert paths, "geen pagina's gevonden in de gebouwde site"
    return run_pa11y([site_url + p for p in paths])


def test_pa11y_ran_on_every_page(pa11y_results, built_site):
    failed = [f"{url}: {r['failed']}" for url, r in pa11y_results.items() if "failed" in r]
    assert failed == [], "\n".join(failed)
    assert len(pa11y_results) == len(page_paths(built_site))


def test_pa11y_finds_an_error_it_should(tmp_path):
    """The engine works: a planted page without a language and an image without alt fails."""
    from conftest import serve_dir

    (tmp_path / "index.html").write_text(
        "<!doctype html><html><head><title>x</title></head><body><img src='a.png'></body></html>", encoding="utf-8")
    with serve_dir(tmp_path) as url:
        result = run_pa11y([url])[url]
    codes = {i["code"] for i in result.get("issues", [])}
    assert any(".H57." in c for c in codes) and any(".H37" in c for c in codes), result


def test_pa11y_has_no_unexplained_errors_on_any_page(pa11y_results, site_url):
    explained = explained_codes()
    problems = []
    for url, result in pa11y_results.items():
        for issue in result.get("issues", []):
            if issue["code"] not in explained:
                problems.append(f"/{url.removeprefix(site_url)}: {issue['code']} op {issue['selector']}: "
                                f"{issue['message']} ({issue['context']})")
    assert problems == [], (
        "pa11y (HTML_CodeSniffer, WCAG2AA) vond fouten. Los ze op, of leg elke soort uit in "
        "de toegankelijkheidsverklaring (de code tussen backticks):\n" + "\n".join(problems))


def test_every_explained_pa11y_error_still_occurs(pa11y_results):
    found = {i["code"] for r in pa11y_results.values() for i in r.get("issues", [])}
    stale = sorted(explained_codes() - found)
    assert stale == [], f"de site legt meldingen van pa11y uit die pa11y niet meer geeft: {stale}"
