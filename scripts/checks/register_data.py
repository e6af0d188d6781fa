"""The data registers (data/vervolgstappen.yml, data/sociale-kaart.yml) and the table
markers in the pages. Open places in the referral map and steps whose outcome is unknown are
counted, not errors; the rules for statuses (scripts/model/registers.py) are errors with file and line."""
from __future__ import annotations

import sys
from pathlib import Path

from scripts.model import registers

NAME = "registers (vervolgstappen, sociale kaart)"


def check(root: Path):
    problems = []
    for name in registers.REGISTERS:
        loaded = registers.load(name, root)
        problems.extend(loaded.problems)
        for notice in loaded.notices:
            print(notice, file=sys.stderr)
        if name == "sociale-kaart" and not loaded.problems:
            print(
                f"[info] sociale kaart: {loaded.placeholders()} velden nog in te vullen door het SWV",
                file=sys.stderr,
            )
        if name == "vervolgstappen" and not loaded.problems:
            unknown = sum(1 for e in loaded.entries if e.values.get("status") == "onbekend")
            print(
                f"[info] vervolgstappen: {unknown} van {len(loaded.entries)} stappen met onbekende stand"
                " (het SWV vult ze in)",
                file=sys.stderr,
            )
    docs = root / "docs"
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        for name, line in registers.markers(text):
            if name not in registers.REGISTERS:
                problems.append(
                    registers.Problem(f"docs/{path.relative_to(docs).as_posix()}", line,
                                      registers.unknown_marker_message(name))
                )
    return problems
