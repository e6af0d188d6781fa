"""Every template page (download: in the front matter, or a page in docs/convenanten/) can be
turned into a Word file: supported Markdown only, fill-in fields written right."""
from pathlib import Path

from scripts.exports import templates_docx

NAME = "sjablonen"


def check(root: Path):
    return templates_docx.check_templates(root / "docs")
