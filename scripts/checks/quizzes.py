"""Question banks in quizzes/ against the quiz model (scripts/model/quiz_model.py), and every module
status badge (<span class="module-status" data-module="...">) naming a bank that exists."""
import re
from pathlib import Path

from scripts.model import content_model
from scripts.model import quiz_model
from scripts.model.content_model import Problem

NAME = "toetsvragen"
BADGE_RE = re.compile(r'data-module="([^"]*)"')


def check(root: Path):
    banks, problems = quiz_model.load_banks(root)
    names = {bank.name for bank in banks}
    for path in sorted((root / "docs").rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for name in BADGE_RE.findall(line):
                if name not in names:
                    problems.append(Problem(
                        path.relative_to(root).as_posix(), number,
                        f"module '{name}' heeft geen vragenbank: kies uit {', '.join(sorted(names))} "
                        f"(de naam van een bestand in quizzes/ zonder .yml)"))
    return problems
