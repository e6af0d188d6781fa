"""No personal data in pages, question banks or data files (rules in scripts/model/personal_data.py)."""
from pathlib import Path

from scripts.model import personal_data
from scripts.model.content_model import Problem

NAME = "persoonsgegevens"


def check(root: Path) -> list[Problem]:
    return [Problem(f.path, f.line, f.message()) for f in personal_data.scan(root)]
