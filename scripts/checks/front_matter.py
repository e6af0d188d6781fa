"""Every page under docs/ against the content model."""
from pathlib import Path

from scripts.model import content_model

NAME = "front matter"


def check(root: Path):
    _, problems = content_model.check_all(root / "docs")
    return problems
