"""What we add to Material's search: the pages' `zoekwoorden` as a boosted field, and quiz
markup kept out of the index. Used by scripts/build/search_index.py and by the search benchmark.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

KEYWORD_FIELD = "zoekwoorden"

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
    """The page HTML without mkdocs-quiz blocks, for the search index only.

    Material's own data-search-exclude cannot be used here: its indexer compares elements
    by tag name, so excluding one <div> also drops or breaks the other <div>s around it.
    """
    parts, pos = [], 0
    while True:
        match = _QUIZ_OPEN.search(html, pos)
        if not match:
            parts.append(html[pos:])
            return "".join(parts)
        parts.append(html[pos:match.start()])
        pos = _block_end(html, match.group(1), match.start())


FORGIVING_WORKER = "zoeken.js"  # docs/assets/javascripts/workers/, next to Material's worker
# Material's base.html writes its worker into the page config: "search": ".../workers/search.<hash>.min.js"
_MATERIAL_WORKER = re.compile(r'("search":\s*")((?:[^"]*/)?assets/javascripts/workers/)(search\.[0-9a-f]+\.min\.js)"')


def use_forgiving_worker(html: str, where: str) -> str:
    """The page's search worker set to the forgiving one, which imports Material's worker by name.

    Material 9 has no query transform hook; its bundle starts the worker named in the page config.
    A page config without Material's worker name is an error: Material changed how it names it.
    """
    if 'id="__config"' not in html:
        return html
    new, count = _MATERIAL_WORKER.subn(
        lambda m: f'{m.group(1)}{m.group(2)}{FORGIVING_WORKER}?material={m.group(3)}"', html, count=1)
    if count != 1:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"{where}: Material's search worker not found in the page config "
                          f"(scripts/build/search_tuning.py expects \"search\": \".../workers/search.<hash>.min.js\")")
    return new


def keywords_text(meta: dict) -> str:
    words = meta.get(KEYWORD_FIELD) or []
    return " ".join(str(w) for w in words if isinstance(w, (str, int)))


def add_keywords(index_path: Path, keywords_by_location: dict[str, str]) -> int:
    """Add each page's keywords to its page-level entry (location without '#') of search_index.json."""
    data = json.loads(index_path.read_text(encoding="utf-8"))
    added = 0
    for doc in data["docs"]:
        words = keywords_by_location.get(doc["location"])
        if words:
            doc[KEYWORD_FIELD] = words
            added += 1
    index_path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return added
