"""Local details the SWV still has to fill in: `[nog in te vullen door het SWV: wat]` in pages.

Counted and reported per section (not an error: the site may go live with open places). A
placeholder written another way would be missed by that count and by editors searching for it,
so a misspelled one is an error.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from scripts.model import content_model
from scripts.model.content_model import Problem

NAME = "plekken voor lokale gegevens"
PLACEHOLDER = re.compile(r"\[nog in te vullen door het SWV: [^\]\n]+\]")
ANY_ATTEMPT = re.compile(r"\[\s*nog in te vullen[^\]\n]*\]", re.IGNORECASE)


def check(root: Path):
    docs = root / "docs"
    problems, counts = [], Counter()
    for path in content_model.markdown_sources(root):
        rel = path.relative_to(docs if docs in path.parents else root).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            good = PLACEHOLDER.findall(line)
            counts[rel.split("/", 1)[0] if "/" in rel else "start"] += len(good)
            for attempt in ANY_ATTEMPT.findall(line):
                if not PLACEHOLDER.fullmatch(attempt):
                    problems.append(Problem(path.relative_to(root).as_posix(), number,
                                            f"schrijf een open plek precies als '[nog in te vullen door het SWV: wat]', "
                                            f"niet als '{attempt}'"))
    total = sum(counts.values())
    detail = ", ".join(f"{section} {n}" for section, n in sorted(counts.items()) if n)
    print(f"[info] pagina's: {total} plekken nog in te vullen door het SWV ({detail})", file=sys.stderr)
    return problems
