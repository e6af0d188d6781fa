"""The site's own search index (issue 34): made at build time from the rendered pages, read in the
browser by docs/assets/javascripts/zoeken.js (lunr.js with lunr-languages' Dutch support) and by the
search benchmark (scripts/bench/search_bench.py). Material's `search` plugin is off.

The index is one script, search/search_index.js (`var __index = {...}`): a script element loads it
from a web server and from disk (file://, the offline folder) alike, so no worker is needed.

Its shape is the one Material's search plugin wrote, so the benchmark's figures stay comparable:
{"config": {lang, separator, pipeline, fields, ...}, "docs": [{location, title, text, zoekwoorden?, tags?}]},
one document per page (its title and the text before the first heading) and one per heading with an
id (location "page/#id"). The pages' `zoekwoorden` from the front matter are a field of the page's
own document, boosted like the title; quiz markup stays out of the index. Two query rules of our own
travel in the config, so the browser and the benchmark read one copy: query_stop_words (left out of
a query of several words) and exact_boost (a whole index word also asked alone).
"""
from __future__ import annotations

import json
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from scripts import ROOT

LUNR_DIR = ROOT / "docs" / "assets" / "javascripts" / "lunr"  # the lunr files the site ships


def dutch_stop_words(lunr_dir: Path = LUNR_DIR) -> list[str]:
    """lunr-languages' Dutch stop words, as the shipped lunr.nl.min.js holds them."""
    js = Path(lunr_dir) / "lunr.nl.min.js"
    match = re.search(r'generateStopWordFilter\("([^"]+)"', js.read_text(encoding="utf-8"))
    if not match:
        raise RuntimeError(f"{js}:1: no Dutch stop word list found (generateStopWordFilter)")
    return match.group(1).split()


# Words of speech that lunr-languages' list lacks (it has 'moet', 'wie', 'hoe', 'alles', 'zij', 'ze'),
# decided with the whole questions of `make bench` (issue 34): as 'we*' a query word matches 'wet',
# 'werkgroep', 'wetgeving' and outranks the page the question is about. 'mag' and 'mogen' stay: the
# page "Mag ik ...?" is about them.
EXTRA_QUERY_STOP_WORDS = ("we", "wij", "jij", "jou", "jouw", "jullie", "onze", "wanneer", "waar", "waarom",
                          "welke", "welk", "erin", "eigenlijk", "moeten", "alle")


def query_stop_words() -> list[str]:
    """The words a query of several words leaves out (docs/assets/javascripts/zoekmachine.js and the
    benchmark read them from the index's config): lunr-languages' Dutch list and the words above."""
    words = dutch_stop_words()
    return words + [w for w in EXTRA_QUERY_STOP_WORDS if w not in words]


KEYWORD_FIELD = "zoekwoorden"
INDEX_FILE = "search/search_index.js"  # in the site folder; scripts/exports/offline_zip.py checks it
INDEX_PREFIX = "var __index = "

# The index settings (were the search plugin's options in mkdocs.yml), decided with `make bench`:
CONFIG = {
    "lang": ["nl"],          # lunr-languages' Dutch support; the pipeline below decides which parts run
    "separator": r"[\s\-]+",
    "pipeline": [],          # no stemmer (it breaks Dutch full-word queries), no stop word filter: 'OM' stays findable
    "fields": {
        KEYWORD_FIELD: {"boost": 1000},  # 100 -> MRR 0.84, 1000 -> 0.88 (issue 19); title stays 1000
        "title": {"boost": 1000.0},
        "text": {"boost": 1.0},
        "tags": {"boost": 1000000.0},
    },
    # Left out of a query of several words, not of the index ('OM' alone stays findable); whole
    # questions (issue 34): MRR 0.54 -> 0.72 with this list alone.
    "query_stop_words": query_stop_words(),
    # A query word that is a whole index word is also asked as that word alone, with this boost
    # ('school^5' beside 'school*'): a rare word that only starts with it ('schoolveiligheidsconvenant',
    # in a title) no longer outranks the word itself. Decided with `make bench` (2, 5, 10, 100: 5 best).
    "exact_boost": 5,
}

# Opening tags of mkdocs-quiz blocks (questions, answers, progress, intro, results).
_QUIZ_OPEN = re.compile(r"<(div|form|section|nav|aside)\b[^>]*?(?:class=\"quiz[^\"]*\"|id=\"quiz-[^\"]*\")[^>]*>")


def _block_end(html: str, tag: str, start: int) -> int:
    """Index just past the element that opens at `start`, counting nested tags of the same name."""
    pattern = re.compile(rf"<(/?){tag}\b[^>]*>")
    depth = 0
    for match in pattern.finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    raise ValueError(f"unclosed <{tag}> at offset {start}")


def without_quiz_markup(html: str) -> str:
    """The page HTML without mkdocs-quiz blocks, for the search index only."""
    parts, pos = [], 0
    while True:
        match = _QUIZ_OPEN.search(html, pos)
        if not match:
            parts.append(html[pos:])
            return "".join(parts)
        parts.append(html[pos:match.start()])
        pos = _block_end(html, match.group(1), match.start())


def keywords_text(meta: dict) -> str:
    words = meta.get(KEYWORD_FIELD) or []
    return " ".join(str(w) for w in words if isinstance(w, (str, int)))


# --- pages into sections ---------------------------------------------------------------------------

_HEADINGS = {f"h{n}" for n in range(1, 7)}
_SKIP = {"script", "style", "object"}
_KEEP = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}  # kept as tags: the text keeps its blocks
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr"}


class _Section:
    def __init__(self, heading: str | None, depth: float = 0, anchor: str | None = None):
        self.heading, self.depth, self.anchor = heading, depth, anchor
        self.title: list[str] = []
        self.text: list[str] = []


class _Sections(HTMLParser):
    """The page's HTML as sections, each starting at a heading with an id (as Material's search
    plugin divided it): the text of a section ends where the element around its heading ends."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.skipped = 0  # open elements whose text stays out (script, data-search-exclude, ...)
        self.sections: list[_Section] = []
        self.current: _Section | None = None

    def _in_heading(self) -> bool:
        section = self.current
        if section is None or section.heading is None or not isinstance(section.depth, int):
            return False
        return len(self.stack) >= section.depth and self.stack[section.depth - 1][0] == section.heading

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attrs = dict(attrs)
        skip = tag in _SKIP or "data-search-exclude" in attrs or attrs.get("class") == "linenodiv"
        self.stack.append((tag, {"skip": skip, "headerlink": tag == "a" and attrs.get("class") == "headerlink"}))
        if skip:
            self.skipped += 1
        if tag in _HEADINGS and "id" in attrs:
            if tag != "h1" and not self.sections:
                self.sections.append(_Section(None))
            self.current = _Section(tag, len(self.stack), attrs["id"] if self.sections else None)
            self.sections.append(self.current)
        if self.current is None:
            self.current = _Section(None)
            self.sections.append(self.current)
        if not self.skipped and tag in _KEEP:
            (self.current.title if self._in_heading() else self.current.text).append(f"<{tag}>")

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            return
        if self.current is not None and self.current.depth > len(self.stack):
            for section in reversed(self.sections):
                if section.depth <= len(self.stack):
                    self.current.depth = float("inf")
                    self.current = section
                    break
        _, info = self.stack.pop()
        if info["skip"]:
            self.skipped -= 1
            return
        if not self.skipped and tag in _KEEP and self.current is not None:
            data = self.current.title if self._in_heading() else self.current.text
            start = len(data) - 1 - data[::-1].index(f"<{tag}>") if f"<{tag}>" in data else len(data)
            if all(part.isspace() for part in data[start + 1:]):
                del data[start:]  # an empty element leaves nothing
            else:
                data.append(f"</{tag}>")

    def handle_data(self, data):
        if self.skipped:
            return
        inside_pre = any(tag == "pre" for tag, _ in self.stack)
        if not inside_pre:
            data = " " if data.isspace() else data.replace("\n", " ")
        if self.current is None:
            self.current = _Section(None)
            self.sections.append(self.current)
        if self._in_heading():
            if not any(info["headerlink"] for _, info in self.stack):
                self.current.title.append(escape(data, quote=False))
        elif data.isspace():
            if not self.current.text or not self.current.text[-1].isspace() or inside_pre:
                self.current.text.append(data)
        else:
            self.current.text.append(escape(data, quote=False))


def page_entries(html: str, url: str, title: str, meta: dict) -> list[dict]:
    """The index documents of one rendered page: the page itself first, then its headings."""
    if (meta.get("search") or {}).get("exclude"):
        return []
    parser = _Sections()
    parser.feed(without_quiz_markup(html) if 'class="quiz' in html or 'id="quiz-' in html else html)
    parser.close()
    tags = meta.get("tags")
    words = keywords_text(meta)
    out = []
    for section in parser.sections:
        entry = {"location": f"{url}#{section.anchor}" if section.anchor else url,
                 "title": "".join(section.title).strip() or str(meta.get("title") or title or ""),
                 "text": "".join(section.text).strip()}
        if isinstance(tags, list):
            entry["tags"] = [str(t) for t in tags if t and isinstance(t, (str, int, float, bool))]
        if "boost" in (meta.get("search") or {}):
            entry["boost"] = meta["search"]["boost"]
        if words and not section.anchor:
            entry[KEYWORD_FIELD] = words
        out.append(entry)
    return out


def index_script(docs: list[dict]) -> str:
    data = json.dumps({"config": CONFIG, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
    return INDEX_PREFIX + data.replace("</", "<\\/") + "\n"


def write_index(site_dir: Path, docs: list[dict]) -> Path:
    path = Path(site_dir) / INDEX_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(index_script(docs), encoding="utf-8")
    return path


def read_index(path: Path) -> dict:
    """The index data of a built search_index.js (the benchmark and the tests read it so)."""
    text = Path(path).read_text(encoding="utf-8")
    if not text.startswith(INDEX_PREFIX):
        raise ValueError(f"{path}:1: verwacht '{INDEX_PREFIX.strip()} {{...}}' (scripts/build/search_tuning.py)")
    return json.loads(text[len(INDEX_PREFIX):])
