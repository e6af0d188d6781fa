"""Findability benchmark: do the queries staff type find the right page?

Runs the queries in config/zoekvragen.yml, group by group, against the built
site/search/search_index.js (scripts/build/search_tuning.py) with the Python `lunr` package,
configured as the site's own search (docs/assets/javascripts/zoeken.js, issue 34) does in the browser:
- the forgiving query (issue 19) of zoekmachine.js (loaded by zoeken.js), step by step
  (SiteSearch.forgive): in a query of several words the stop words go (the index config's
  query_stop_words, issue 34); a word the exact query finds nowhere becomes its stem (Dutch diminutive
  or plural ending), its fuzzy form word~1 (five letters or more) or its two parts (compound);
  two typed words the index holds as one are joined; a lone letter beside other words goes;
- a whole index word also asked alone, boosted (the config's exact_boost: 'school^5' beside 'school*');
- the index fields and boosts from the index's own config (title 1000, text 1, tags 1e6, zoekwoorden);
- Dutch: the pipeline the index config names (search_tuning.CONFIG: none; lunr.nl's trimmer, stop
  word filter and stemmer run only if configured), tokens split on the configured separator;
- the query turned into trailing-wildcard terms ("messen" -> "messen*"), as Material's query
  transform did, which also skips the pipeline for those terms;
- BM25 without length normalisation (b = 0), as Material's worker set it;
- Material's re-scoring (page-level documents and the share of query terms found) and the grouping
  of section hits under their page.
Prints mean reciprocal rank (MRR) and the top-5 hit rate per group, and fails when a group is below
its budget (MIN_MRR: whole questions at least 0.90, over at least 30 of them, issue 34); `--json` for
machine output;
`--vergelijk` also without the forgiving query and with the other pipelines; `--browser` the same
queries through zoeken.js in Chromium, which must give the same figures.
"""
from __future__ import annotations

import argparse
import bisect
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from lunr.builder import Builder
from lunr.exceptions import BaseLunrException
from lunr.pipeline import Pipeline
from lunr.stop_word_filter import WORDS as ENGLISH_STOP_WORDS
from lunr.stop_word_filter import generate_stop_word_filter
from lunr.token_set import TokenSet
from scripts import ROOT
from scripts.build import search_tuning
from scripts.model import content_model

QUERIES = ROOT / "config" / "zoekvragen.yml"


LUNR_DIR = search_tuning.LUNR_DIR  # the lunr files the site ships
dutch_stop_words = search_tuning.dutch_stop_words


_TAG = re.compile(r"<[^>]+>")
# lunr.nl's word characters (Latin letters); the trimmer strips everything else at both ends.
_TRIM = re.compile(r"^[^A-Za-zªºÀ-ÖØ-öø-ʸ]+|[^A-Za-zªºÀ-ÖØ-öø-ʸ]+$")


def _registered(name, fn):
    if name not in Pipeline.registered_functions:
        Pipeline.register_function(fn, name)
    return Pipeline.registered_functions[name]


def _dutch_trimmer(token, i, tokens):
    return token.update(lambda s, _meta: _TRIM.sub("", s))


def _dutch_stemmer():
    from nltk.stem.snowball import DutchStemmer  # the Snowball algorithm lunr.nl uses; needs no data

    stemmer = DutchStemmer()

    def stem(token, i, tokens):
        return token.update(lambda s, _meta: stemmer.stem(s))

    return stem


# The forgiving query (issue 19), the same numbers as docs/assets/javascripts/zoekmachine.js.
MIN_FUZZY = 5  # fuzzy (edit distance 1) only for words of five letters or more
MIN_STEM = 3   # a stem or compound part keeps at least three letters
MIN_PART = 3
# Dutch diminutive and plural endings, longest first; 'stem' keeps the longest known form.
ENDINGS = ("etjes", "tjes", "pjes", "jes", "etje", "tje", "pje", "je", "'s", "en", "s")
_VOWELS = "aeiou"


def _stem_forms(base: str, ending: str) -> list[str]:
    """Spellings of a stem once the ending is off: messen -> mes, huizen -> huis,
    brieven -> brief, scholen -> school."""
    forms = [base]
    if ending == "en" and len(base) >= 2:
        last, before = base[-1], base[-2]
        if last == before and last not in _VOWELS:
            forms.append(base[:-1])
        if last == "z":
            forms.append(base[:-1] + "s")
        if last == "v":
            forms.append(base[:-1] + "f")
        if (last not in _VOWELS and before in _VOWELS
                and (len(base) < 3 or base[-3] not in _VOWELS)):
            forms.append(base[:-1] + before + last)
    return forms


_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def _trim(term: str) -> str:
    """A typed word without punctuation around it ('doorzoeken?' -> 'doorzoeken')."""
    return _EDGE.sub("", term)


def _plain(term: str) -> bool:
    return not any(c in term for c in "+-~^*: ")


def read_index(path: Path) -> dict:
    """A built search/search_index.js, or a plain JSON file of the same shape (test fixtures)."""
    text = Path(path).read_text(encoding="utf-8")
    return search_tuning.read_index(path) if text.startswith(search_tuning.INDEX_PREFIX) else json.loads(text)


class SiteSearch:
    """The site's browser search (zoeken.js), replayed in Python on a built index."""

    def __init__(self, index_path: Path, pipeline: list[str] | None = None, forgiving: bool = True):
        """`pipeline` overrides the index's own (to compare Material's options without a rebuild);
        `forgiving=False` searches with the query as typed, as Material alone does."""
        self.forgiving = forgiving
        data = read_index(index_path)
        self.config = data["config"]
        self.docs = {doc["location"]: doc for doc in data["docs"]}
        self.separator = re.compile(self.config["separator"])
        pipeline_names = set(self.config.get("pipeline", []) if pipeline is None else pipeline)
        if pipeline_names - {"stopWordFilter", "stemmer", "trimmer"}:
            raise ValueError(f"search pipeline {sorted(pipeline_names)} is not replayed by this benchmark")
        builder = Builder()
        builder.ref("location")
        builder.b(0)  # Material's worker sets BM25's b to 0: no normalisation by field length
        # lunr.nl's order: trimmer, stop words, stemmer; the search pipeline holds only the stemmer.
        if "trimmer" in pipeline_names:
            builder.pipeline.add(_registered("trimmer-nl", _dutch_trimmer))
        if "stopWordFilter" in pipeline_names:
            stop = Pipeline.registered_functions.get("stopWordFilter-nl") or generate_stop_word_filter(
                dutch_stop_words(), language="nl")  # generating registers it under this name
            builder.pipeline.add(stop)
        if "stemmer" in pipeline_names:
            stem = _registered("stemmer-nl", _dutch_stemmer())
            builder.pipeline.add(stem)
            builder.search_pipeline.add(stem)
        self.search_pipeline = builder.search_pipeline
        for name, options in self.config["fields"].items():
            builder.field(name, boost=options.get("boost", 1), extractor=self._extractor(name))
        for doc in data["docs"]:
            builder.add(doc, {"boost": doc["boost"]} if "boost" in doc else None)
        self.index = builder.build()
        self.vocabulary = sorted(self.index.inverted_index)
        self.words = {_trim(word) for word in self.vocabulary}  # whole index words, punctuation aside
        self.stop_words = set(dutch_stop_words()) if "stopWordFilter" in pipeline_names else set()
        # The index's own query rules (search_tuning.CONFIG), read as zoekmachine.js reads them.
        self.query_stop_words = set(self.config.get("query_stop_words", []))
        self.exact_boost = self.config.get("exact_boost")

    # --- the forgiving query: docs/assets/javascripts/zoekmachine.js does the same, step by step

    def known(self, term: str) -> bool:
        """The exact query finds the term: some index word starts with it (Material's 'term*')."""
        i = bisect.bisect_left(self.vocabulary, term)
        return i < len(self.vocabulary) and self.vocabulary[i].startswith(term)

    def fuzzy_finds(self, term: str) -> bool:
        """lunr's 'term~1' matches an index word (one letter added, dropped, changed or swapped)."""
        return bool(self.index.token_set.intersect(TokenSet.from_fuzzy_string(term, 1)).to_list())

    def stem(self, term: str) -> str | None:
        """The longest known form of the term without a Dutch diminutive or plural ending."""
        best = None
        for ending in ENDINGS:
            if not term.endswith(ending) or len(term) - len(ending) < MIN_STEM:
                continue
            base = term[: len(term) - len(ending)]
            for form in _stem_forms(base, ending):
                if len(form) >= MIN_STEM and self.known(form) and (best is None or len(form) > len(best)):
                    best = form
        return best

    def split_compound(self, term: str) -> list[str] | None:
        """A joined word as two index words: the first a whole word (with or without a linking
        s or e), the second known; the longest first part wins."""
        for i in range(len(term) - MIN_PART, MIN_PART - 1, -1):
            head, tail = term[:i], term[i:]
            if not self.known(tail):
                continue
            if head in self.words:
                return [head, tail]
            if head[-1] in "se" and head[:-1] in self.words and len(head) - 1 >= MIN_PART:
                return [head[:-1], tail]
        return None

    def join_compound(self, first: str, second: str) -> str | None:
        """Two typed words that the index holds as one word (with or without a linking s)."""
        for joined in (first + second, first + "s" + second):
            if joined in self.words:
                return joined
        return None

    def forgive(self, query: str) -> str:
        """The query handed to lunr: in a query of several words the stop words go (the index's
        'query_stop_words'; not a word typed in capitals, such as OM); every word the exact query
        finds stays as typed; a word it finds nowhere becomes its stem (Dutch ending), its fuzzy form
        (five letters or more), or its two parts (a compound); two words the index holds joined become
        one; a single letter beside other words goes."""
        typed: list[tuple[str, bool, bool]] = []  # (word, lunr query syntax, typed in capitals: OM)
        mixed = any(c.islower() for c in query)  # with caps lock on, capitals say nothing
        for part in query.split():
            if part[0] in "+-" or any(c in part for c in '":^~*'):
                typed.append((part, True, False))  # lunr query syntax: the reader means it as typed
                continue
            words = [w for w in (_trim(w) for w in self.separator.split(part)) if w]
            typed.extend((w.lower(), False, mixed and w.isupper()) for w in words)
        # In a query of several words the stop words go, but not an abbreviation in capitals (OM, not om)
        content = [t for t in typed if t[1] or t[2] or t[0] not in self.query_stop_words]
        out = [term if syntax else self._forgive_term(term) for term, syntax, _ in (content or typed)]
        i, joined = 0, []
        while i < len(out):
            pair = (self.join_compound(out[i], out[i + 1])
                    if i + 1 < len(out) and _plain(out[i]) and _plain(out[i + 1]) else None)
            joined.append(pair or out[i])
            i += 2 if pair else 1
        # A single letter beside other words goes ('e-learning' -> 'learning'): as 'e*' it would
        # match every word that starts with it.
        kept = [t for t in joined if not (len(t) == 1 and _plain(t))] if len(joined) > 1 else joined
        return " ".join(kept or joined)

    def _forgive_term(self, term: str) -> str:
        if self.known(term) or term in self.stop_words:
            return term
        stem = self.stem(term)
        if stem:
            return stem
        if len(term) >= MIN_FUZZY and self.fuzzy_finds(term):
            return term + "~1"
        parts = self.split_compound(term)
        return " ".join(parts) if parts else term

    def tokens(self, value) -> list[str]:
        if value is None:
            return []
        values = value if isinstance(value, list) else [value]
        out = []
        for item in values:
            text = _TAG.sub(" ", str(item)).lower()
            out.extend(t for t in self.separator.split(text) if t)
        return out

    def _extractor(self, name):
        return lambda doc: self.tokens(doc.get(name))

    def transform(self, query: str) -> str:
        """Material's query transform: every term becomes a trailing-wildcard term."""
        query = query.strip()
        query = re.sub(r'"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)', "", query)
        terms = []
        for word in query.split():
            terms.extend(t for t in self.separator.split(word) if t)
        out = []
        for term in terms:
            if re.search(r"[~^]$", term):
                term += "1"
            out.append(term if re.search(r"(^[+-]|[~^]\d+$)", term) else term + "*")
        return " ".join(out)

    def exact(self, forgiven: str) -> str:
        """The clauses that favour a whole index word over the words that only start with it:
        'school^5' for 'school' (the index's 'exact_boost')."""
        if not self.exact_boost:
            return ""
        return " ".join(f"{t}^{self.exact_boost}" for t in forgiven.split() if _plain(t) and t in self.words)

    def search(self, query: str) -> list[str]:
        """Page locations in the order the result list shows them."""
        forgiven = self.forgive(query) if self.forgiving else query
        transformed = self.transform(forgiven)
        if not transformed:
            return []
        exact = self.exact(forgiven) if self.forgiving else ""
        try:
            hits = self.index.search(f"{transformed} {exact}".strip())
        except BaseLunrException:
            return []
        terms = [t.rstrip("*").lower() for t in transformed.split()]
        scored = []
        for hit in hits:
            doc = self.docs[hit["ref"]]
            matched = list(hit["match_data"].metadata.keys())
            found = {}
            for term in terms:
                if any(m.startswith(term) for m in matched):
                    found[term] = True
                elif term not in ENGLISH_STOP_WORDS:
                    found[term] = False
            share = (sum(found.values()) / len(found)) if found else 0.0
            is_page = "#" not in doc["location"]
            factor = (1 if is_page else 0) + share
            scored.append((hit["score"] * (1 + factor**2), doc["location"]))
        scored.sort(key=lambda s: -s[0])
        pages: list[str] = []
        for _, location in scored:
            page = location.split("#", 1)[0]
            if page not in pages:
                pages.append(page)
        return pages


# Material's search.pipeline options; mkdocs.yml uses the first (none), Material's Dutch default is the second.
PIPELINE_VARIANTS = (
    [],
    ["stopWordFilter"],
    ["stopWordFilter", "trimmer"],
    ["stemmer", "stopWordFilter"],
    ["stemmer", "stopWordFilter", "trimmer"],
)


# Top-level lists of config/zoekvragen.yml: each is a group that the benchmark reports on its own.
GROUPS = {"vragen": "vaste set", "varianten": "zoals getypt", "hele_vragen": "hele vragen"}
# The budget of a group in make bench (issue 34): whole questions need a mean reciprocal rank of 0.90.
MIN_MRR = {"hele_vragen": 0.90}
MIN_QUESTIONS = {"hele_vragen": 30}  # the set of 30: a budget over fewer questions is not held
KINDS = ("typfout", "verkleinwoord", "meervoud", "samenstelling", "leenwoord", "afkorting", "vraag")


@dataclass
class Query:
    text: str
    expected: list[str]
    line: int
    group: str = "vragen"
    kind: str | None = None


def load_queries(path: Path = QUERIES, group: str | None = None) -> list[Query]:
    """The queries of one group (a top-level key of the file), or of all groups."""
    loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
    try:  # one parse: the node tree gives the lines, the same tree gives the data
        node = loader.get_single_node()
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    out = []
    for key_node, list_node in node.value:
        name = key_node.value
        if name not in GROUPS:
            raise ValueError(f"{path}:{key_node.start_mark.line + 1}: onbekende groep '{name}' "
                             f"(kies uit {', '.join(GROUPS)})")
        if group is not None and name != group:
            continue
        for item, item_node in zip(data[name], list_node.value):
            where = f"{path}:{item_node.start_mark.line + 1}"
            if not isinstance(item, dict) or not isinstance(item.get("vraag"), str) or not item.get("goed"):
                raise ValueError(f"{where}: een zoekvraag heeft 'vraag' (tekst) en 'goed' (pagina's)")
            kind = item.get("soort")
            if kind is not None and kind not in KINDS:
                raise ValueError(f"{where}: onbekende soort '{kind}' (kies uit {', '.join(KINDS)})")
            expected = item["goed"] if isinstance(item["goed"], list) else [item["goed"]]
            out.append(Query(item["vraag"], [page_location(p) for p in expected],
                             item_node.start_mark.line + 1, name, kind))
    return out


def page_location(md_path: str) -> str:
    """'wetgeving/mag-ik.md' -> 'wetgeving/mag-ik/' (directory URLs), 'index.md' -> ''."""
    return content_model.page_url(md_path)


def evaluate(search: SiteSearch, queries: list[Query], k: int = 5) -> dict:
    rows = []
    for q in queries:
        results = search.search(q.text)
        rank = next((i + 1 for i, page in enumerate(results) if page in q.expected), None)
        rows.append({"vraag": q.text, "verwacht": q.expected, "rang": rank, "top": results[:k], "regel": q.line})
    n = len(rows)
    mrr = sum(1 / r["rang"] for r in rows if r["rang"]) / n if n else 0.0
    top_k = sum(1 for r in rows if r["rang"] and r["rang"] <= k) / n if n else 0.0
    return {"queries": n, "mrr": round(mrr, 4), f"top{k}": round(top_k, 4), "rows": rows}


def evaluate_groups(search: SiteSearch, queries: list[Query]) -> dict:
    """evaluate() for each group, in the order of GROUPS; a group with kinds also per kind ('soorten')."""
    out = {}
    for name in GROUPS:
        group = [q for q in queries if q.group == name]
        if not group:
            continue
        out[name] = evaluate(search, group)
        kinds = {kind: [q for q in group if q.kind == kind] for kind in KINDS}
        if any(kinds.values()):
            out[name]["soorten"] = {kind: {key: r[key] for key in ("queries", "mrr", "top5")}
                                    for kind, qs in kinds.items() if qs for r in [evaluate(search, qs)]}
    return out


def within_budget(groups: dict) -> dict:
    """{group: (its MIN_MRR, whether the group's MRR reaches it over at least MIN_QUESTIONS questions)}
    for the groups measured that have one."""
    return {name: (floor, groups[name]["mrr"] >= floor and groups[name]["queries"] >= MIN_QUESTIONS.get(name, 0))
            for name, floor in MIN_MRR.items() if name in groups}


# --- the same queries in the browser: the site's own search (zoeken.js) in Chromium ------------

# The code of the header's search box, loaded as on first use, asked for each query.
BROWSER_RUN = """async (queries) => {
  const errors = []
  const pages = []
  try {
    await window.kennisbankZoeken.ready()
    for (const query of queries)
      pages.push(await window.kennisbankZoeken.search(query))
  } catch (err) {
    errors.push(String(err))
  }
  return { pages, errors }
}"""


def browser_results(page, site_url: str, queries: list[str]) -> dict:
    """{'pages': the result pages per query, in order, 'errors': errors}, from a Playwright page."""
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(site_url)
    run = page.evaluate(BROWSER_RUN, queries)
    run["errors"] += errors
    return run


class Recorded:
    """Result lists recorded elsewhere (the browser), for evaluate()."""

    def __init__(self, queries: list[Query], pages: list[list[str]]):
        self.results = {q.text: p for q, p in zip(queries, pages)}

    def search(self, query: str) -> list[str]:
        return self.results[query]


def browser_figures(site: Path, queries: list[Query], chromium: str) -> dict:
    """evaluate_groups() on the result lists of the site's search worker in headless Chromium."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True)
            try:
                run = browser_results(browser.new_page(), f"http://127.0.0.1:{server.server_address[1]}/",
                                     [q.text for q in queries])
            finally:
                browser.close()
    finally:
        server.shutdown()
    if run["errors"]:
        raise RuntimeError(f"zoeken.js in de browser: {run['errors']}")
    return evaluate_groups(Recorded(queries, run["pages"]), queries)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--min-mrr", type=float, default=0.0, help="per groep")
    parser.add_argument("--min-top5", type=float, default=0.0, help="per groep")
    parser.add_argument("--browser", action="store_true",
                        help="dezelfde zoekvragen ook in Chromium, door de zoekfunctie van de site (zoeken.js)")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--vergelijk", action="store_true",
                        help="ook Material's andere pijplijnen (stemmer, trimmer) en zoeken zonder "
                             "vergevingsgezinde zoekvraag doorrekenen")
    args = parser.parse_args(argv)
    index = args.site / search_tuning.INDEX_FILE
    queries = load_queries(args.queries)
    search = SiteSearch(index)
    result = {"groepen": evaluate_groups(search, queries)}
    if args.browser:
        result["browser"] = browser_figures(args.site, queries, args.chromium)
    if args.vergelijk:
        result["varianten"] = {"zonder vergevingsgezinde zoekvraag": {
            name: {"mrr": r["mrr"], "top5": r["top5"]}
            for name, r in evaluate_groups(SiteSearch(index, forgiving=False), queries).items()}}
        for variant in PIPELINE_VARIANTS:
            result["varianten"]["pijplijn " + (" + ".join(variant) or "leeg")] = {
                name: {"mrr": r["mrr"], "top5": r["top5"]}
                for name, r in evaluate_groups(SiteSearch(index, pipeline=variant), queries).items()}
    budgets = within_budget(result["groepen"])
    result["budget"] = {name: {"min_mrr": floor, "gehaald": held} for name, (floor, held) in budgets.items()}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for name, r in result["groepen"].items():
            print(f"== {GROUPS[name]} ({name})")
            for row in r["rows"]:
                mark = "ok " if row["rang"] and row["rang"] <= 5 else "MIS"
                print(f"{mark} rang {row['rang'] or '-':>2}  {row['vraag']!r:40}  top: {', '.join(row['top'][:3])}")
            print()
        for name, r in result["groepen"].items():
            print(f"{GROUPS[name]:<14} {r['queries']:>3} zoekvragen  MRR {r['mrr']:.3f}  top-5 {r['top5']:.0%}")
            for kind, k in r.get("soorten", {}).items():
                print(f"    {kind:<14} {k['queries']:>3} zoekvragen  MRR {k['mrr']:.3f}  top-5 {k['top5']:.0%}")
        for name, r in result.get("browser", {}).items():
            same = (r["mrr"], r["top5"]) == (result["groepen"][name]["mrr"], result["groepen"][name]["top5"])
            print(f"{GROUPS[name]:<14} {r['queries']:>3} zoekvragen  MRR {r['mrr']:.3f}  top-5 {r['top5']:.0%}"
                  f"  (browser, Chromium: {'gelijk aan Python' if same else 'ANDERS dan Python'})")
        for variant, groups in result.get("varianten", {}).items():
            cells = "   ".join(f"{GROUPS[n]}: MRR {g['mrr']:.3f} top-5 {g['top5']:.0%}" for n, g in groups.items())
            print(f"  {variant:<44} {cells}")
    if not args.json:
        for name, (floor, held) in budgets.items():
            group = result["groepen"][name]
            print(f"budget {GROUPS[name]}: MRR {group['mrr']:.3f} over {group['queries']} zoekvragen, minstens "
                  f"{floor:.2f} over {MIN_QUESTIONS.get(name, 0)}: {'gehaald' if held else 'NIET GEHAALD'}")
    ok = all(r["mrr"] >= args.min_mrr and r["top5"] >= args.min_top5 for r in result["groepen"].values())
    ok = ok and all(held for _, held in budgets.values())
    if "browser" in result:  # the browser must give the Python figures
        ok = ok and all((result["browser"][n]["mrr"], result["browser"][n]["top5"]) == (r["mrr"], r["top5"])
                        for n, r in result["groepen"].items())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
