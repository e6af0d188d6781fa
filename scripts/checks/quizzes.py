"""Question banks in quizzes/ against the quiz model (scripts/quiz_model.py)."""
from pathlib import Path

import quiz_model

NAME = "toetsvragen"


def check(root: Path):
    _, problems = quiz_model.load_banks(root)
    return problems
