"""The running text of a Markdown page, line by line, without markup: what a reader reads.

Shared by the spelling report (scripts/reports/spelling.py) and the readability report
(scripts/reports/readability.py), so both look at the same words with the same line numbers.
Front matter is skipped except `title` and `description`; code, HTML tags and comments,
web addresses, link targets, attribute lists and quiz answer markers are removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scripts.model import content_model

# Removed from a line before its words are read, in this order (clean()).
MASKS = tuple(re.compile(pattern, flags) for pattern, flags in (
    (r"<!--.*?-->", 0),  # comments
    (r"`[^`]*`", 0),  # code spans
    (r"\]\([^)]*\)", 0),  # link targets
    (r"(?:https?://|www\.|mailto:)\S+", 0),  # web addresses
    (r"\S+@\S+", 0),  # e-mail addresses
    # domain and file names in the text ("NU.nl", "veiligthuis.nl", "(.docx)", "nl.po")
    (r"(?<![\w])[\w-]*(?:\.[\w-]+)*\.(?:nl|com|org|net|eu|be|de|uk|io|md|txt|xml|docx|pdf|yml|yaml|json|csv|po"
     r"|html|zip|js|css)\b", re.I),
    (r"\{\{.*?\}\}", 0),  # template fields
    (r"\{[:#.][^}]*\}|\{\s*[#.][^}]*\}", 0),  # attribute lists
    (r"</?[A-Za-z][^>]*>", 0),  # HTML tags
))
# Lines, or the start of a line, that are markup only.
REF_DEF_RE = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$")
ADMONITION_RE = re.compile(r"^\s*(?:!!!|\?\?\?\+?|===)\s*[\w-]*(?:\s+[\w-]+)*\s*")
TASK_RE = re.compile(r"^\s*[-*+]\s+\[[ xX]?\]\s*")
LIST_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}")
FRONT_KEYS = ("title", "description")


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    block_start: bool  # a heading, list item, table row, blank line before: a sentence cannot run on
    kind: str = "text"  # "text", "heading", "table" or "meta" (title and description)


def clean(text: str) -> str:
    for regex in MASKS:
        text = regex.sub(" ", text)
    text = text.replace("&nbsp;", " ")
    return re.sub(r"[*_#>|~^]+", " ", text)


def prose_lines(path: Path) -> list[Line]:
    raw = path.read_text(encoding="utf-8").splitlines()
    end = content_model.body_start(raw)
    out: list[Line] = []
    if end:
        # The front matter as the content model reads it (one YAML loader: a folded
        # 'description: >-' is its text, not " -"), at the line of its key.
        page = content_model.load_page(path, path.parent) if path.is_file() else None
        for key in FRONT_KEYS:
            value = page.meta.get(key) if page else None
            if isinstance(value, str) and value.strip():
                out.append(Line(page.lines.get(key, 1), clean(" ".join(value.split())), True, "meta"))
    in_comment = False
    previous_blank = True
    for number, line in content_model.body_lines("\n".join(raw)):
        if in_comment:
            if "-->" in line:
                in_comment = False
                line = line.split("-->", 1)[1]
            else:
                continue
        if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            in_comment = True
            line = line.split("<!--", 1)[0]
        if REF_DEF_RE.match(line) or TABLE_RULE_RE.match(line):
            continue
        stripped = line.strip()
        block = previous_blank or bool(
            stripped.startswith(("#", "|", ">", "!!!", "???", "===", ":"))
            or LIST_RE.match(line)
            or TASK_RE.match(line)
        )
        previous_blank = not stripped
        if not stripped:
            continue
        line = ADMONITION_RE.sub(" ", line) if ADMONITION_RE.match(line) and stripped[:3] in ("!!!", "???", "===") else line
        line = TASK_RE.sub(" ", line)
        line = LIST_RE.sub(" ", line)
        # Admonition and tab titles ('!!! note "Titel"') are headings, not sentences.
        heading = stripped.startswith(("#", "!!!", "???", "==="))
        kind = "heading" if heading else "table" if stripped.startswith("|") else "text"
        text = clean(line)
        if text.strip():
            out.append(Line(number, text, block, kind))
    return out


def markdown_files(root: Path) -> list[Path]:
    return content_model.markdown_sources(root)
