"""Findability benchmark: do the queries staff type find the right page?

Runs the queries in config/zoekvragen.yml against the built site/search/search_index.json with
the Python `lunr` package, configured as Material's search worker does in the browser:
- the index fields and boosts from the index's own config (title 1000, text 1, tags 1e6, zoekwoorden);
- Dutch: the pipeline holds only Dutch stop word removal (Material removes the trimmer and the
  stemmer unless they are configured), tokens split on the configured separator;
- the query turned into trailing-wildcard terms ("messen" -> "messen*"), as Material's query
  transform does, which also skips the pipeline for those terms;
- BM25 without length normalisation (b = 0), as Material sets it;
- Material's re-scoring (page-level documents and the share of query terms found) and the grouping
  of section hits under their page.
Prints mean reciprocal rank (MRR) and the top-5 hit rate; `--json` for machine output.
"""
from __future__ import annotations

import argparse
import json
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

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "config" / "zoekvragen.yml"


def dutch_stop_words() -> list[str]:
    import material

    js = Path(material.__file__).parent / "templates/assets/javascripts/lunr/min/lunr.nl.min.js"
    match = re.search(r'generateStopWordFilter\("([^"]+)"', js.read_text(encoding="utf-8"))
    if not match:
        raise RuntimeError(f"{js}: no Dutch stop word list found")
    return match.group(1).split()


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


class SiteSearch:
    """Material's browser search, replayed in Python on a built search_index.json."""

    def __init__(self, index_path: Path, pipeline: list[str] | None = None):
        """`pipeline` overrides the index's own (to compare Material's options without a rebuild)."""
        data = json.loads(index_path.read_text(encoding="utf-8"))
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

    def search(self, query: str) -> list[str]:
        """Page locations in the order the result list shows them."""
        transformed = self.transform(query)
        if not transformed:
            return []
        try:
            hits = self.index.search(transformed)
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


# Material's search.pipeline options; the first is its default for Dutch and what mkdocs.yml uses.
PIPELINE_VARIANTS = (
    ["stopWordFilter"],
    ["stopWordFilter", "trimmer"],
    ["stemmer", "stopWordFilter"],
    ["stemmer", "stopWordFilter", "trimmer"],
)


@dataclass
class Query:
    text: str
    expected: list[str]
    line: int


def load_queries(path: Path = QUERIES) -> list[Query]:
    loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
    try:  # one parse: the node tree gives the lines, the same tree gives the data
        node = loader.get_single_node()
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    out = []
    for item, item_node in zip(data["vragen"], node.value[0][1].value):
        expected = item["goed"] if isinstance(item["goed"], list) else [item["goed"]]
        out.append(Query(item["vraag"], [page_location(p) for p in expected], item_node.start_mark.line + 1))
    return out


def page_location(md_path: str) -> str:
    """'wetgeving/mag-ik.md' -> 'wetgeving/mag-ik/' (directory URLs), 'index.md' -> ''."""
    loc = md_path[:-3] if md_path.endswith(".md") else md_path
    if loc == "index" or loc.endswith("/index"):
        loc = loc[: -len("index")]
    return loc if loc == "" or loc.endswith("/") else loc + "/"


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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--min-mrr", type=float, default=0.0)
    parser.add_argument("--min-top5", type=float, default=0.0)
    parser.add_argument("--vergelijk", action="store_true",
                        help="ook Material's andere pijplijnen (stemmer, trimmer) doorrekenen")
    args = parser.parse_args(argv)
    index = args.site / "search" / "search_index.json"
    queries = load_queries(args.queries)
    search = SiteSearch(index)
    result = evaluate(search, queries)
    if args.vergelijk:
        result["pijplijnen"] = {}
        for variant in PIPELINE_VARIANTS:
            r = evaluate(SiteSearch(index, pipeline=variant), queries)
            result["pijplijnen"][" + ".join(variant)] = {"mrr": r["mrr"], "top5": r["top5"]}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for row in result["rows"]:
            mark = "ok " if row["rang"] and row["rang"] <= 5 else "MIS"
            print(f"{mark} rang {row['rang'] or '-':>2}  {row['vraag']!r:40}  top: {', '.join(row['top'][:3])}")
        print(f"\n{result['queries']} zoekvragen  MRR {result['mrr']:.3f}  top-5 {result['top5']:.0%}")
        for name, r in result.get("pijplijnen", {}).items():
            print(f"  pijplijn {name:<36} MRR {r['mrr']:.3f}  top-5 {r['top5']:.0%}")
    ok = result["mrr"] >= args.min_mrr and result["top5"] >= args.min_top5
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
