"""The text of a PDF, page by page, as Poppler's pdftotext (Debian poppler-utils, `make pdftotext`)
reads it: about twenty times cheaper than pypdf's extract_text for the whole-site PDF.

-raw gives the text in the order the PDF draws it, as pypdf did, and keeps a hyphen at the end of a
line: the default reading order joins such lines without the hyphen ("criminal-law" becomes
"criminallaw") and interleaves the cells of a table. pdftotext leaves out what lies outside the
page, as a reader of the PDF cannot see it either.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def pdf_pages(path: Path, *, layout: bool = False, first: int | None = None, last: int | None = None) -> list[str]:
    """One string per page (of pages first..last, counted from 1): -layout keeps the columns on a line."""
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.fail("pdftotext ontbreekt: make pdftotext (Debian poppler-utils)")
    pages = [] if first is None else ["-f", str(first)]
    pages += [] if last is None else ["-l", str(last)]
    run = subprocess.run(
        [exe, "-enc", "UTF-8", "-layout" if layout else "-raw", *pages, str(path), "-"],
        capture_output=True, check=False,
    )
    assert run.returncode == 0, f"pdftotext {path}: {run.stderr.decode(errors='replace')}"
    # Every page ends with a form feed, the last one too: the piece after it is empty.
    *texts, tail = run.stdout.decode("utf-8").split("\f")
    assert tail == "", f"pdftotext {path}: uitvoer eindigt niet met een paginascheiding"
    return texts
