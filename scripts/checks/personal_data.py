"""No personal data in pages, question banks or data files (rules in scripts/personal_data.py)."""
from pathlib import Path

import personal_data
from content_model import Problem

NAME = "persoonsgegevens"


def check(root: Path) -> list[Problem]:
    return [Problem(f.path, f.line, f.message()) for f in personal_data.scan(root)]
