"""The text of a PDF, page by page, as Poppler's pdftotext (Debian poppler-utils, `make pdftotext`)
reads it: about twenty times cheaper than pypdf's extract_text for the whole-site PDF.

-raw gives the text in the order the PDF draws it, as pypdf did, and keeps a hyphen at the end of a
line: the default reading order joins such lines without the hyphen ("criminal-law" becomes
"criminallaw") and interleaves the cells of a table. pdftotext leaves out what lies outside the
page, as a reader of the PDF cannot see it either.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest


def _pdftotext(*args: str) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.fail("pdftotext ontbreekt: make pdftotext (Debian poppler-utils)")
    run = subprocess.run([exe, "-enc", "UTF-8", *args, "-"], capture_output=True, check=False)
    assert run.returncode == 0, f"pdftotext {args[-1]}: {run.stderr.decode(errors='replace')}"
    return run.stdout.decode("utf-8")


def pdf_pages(path: Path, *, layout: bool = False, first: int | None = None, last: int | None = None) -> list[str]:
    """One string per page (of pages first..last, counted from 1): -layout keeps the columns on a line."""
    pages = [] if first is None else ["-f", str(first)]
    pages += [] if last is None else ["-l", str(last)]
    output = _pdftotext("-layout" if layout else "-raw", *pages, str(path))
    # Every page ends with a form feed, the last one too: the piece after it is empty.
    *texts, tail = output.split("\f")
    assert tail == "", f"pdftotext {path}: uitvoer eindigt niet met een paginascheiding"
    return texts


@dataclass(frozen=True)
class Word:
    page: int  # from 1
    text: str
    right: float  # where the word ends, in pt from the left edge of the page
    page_width: float


_PAGE_RE = re.compile(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', re.S)
_WORD_RE = re.compile(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>')


def pdf_words(path: Path) -> list[Word]:
    """Every word on the pages with where it ends (pdftotext -bbox)."""
    return [Word(number, text, float(right), float(width))
            for number, (width, body) in enumerate(_PAGE_RE.findall(_pdftotext("-bbox", str(path))), 1)
            for right, text in _WORD_RE.findall(body)]
