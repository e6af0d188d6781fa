"""Point lychee's broken links and anchors in the built site back to the Markdown source.

scripts/check.py runs lychee offline over site/ (quizzes included: mkdocs' own validation does
not see anchors inside a <quiz>). lychee names the HTML file; an editor needs the Markdown file
and line. This maps `site/over/colofon/index.html` to `docs/over/colofon.md` and finds the line
that holds the link (by its #anchor or its file name); if no line matches, line 1.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.model.findings import Finding

HEADER_RE = re.compile(r"^\[(?P<file>.+?\.html)\]:\s*$")
ERROR_RE = re.compile(
    r"^\s*\[(?P<code>[^\]]+)\]\s+(?P<url>\S+)(?:\s+\(at (?P<line>\d+):\d+\))?\s*\|\s*(?P<reason>.*)$"
)


def source_for(html: Path, site: Path, docs: Path) -> Path | None:
    """The Markdown page a built page came from (use_directory_urls), or None (generated pages)."""
    try:
        rel = html.resolve().relative_to(site.resolve())
    except ValueError:
        return None
    folder = rel.parent
    if rel.name != "index.html":
        candidates = [docs / rel.with_suffix(".md")]
    elif folder == Path("."):
        candidates = [docs / "index.md", docs / "README.md"]
    else:
        candidates = [docs / folder.with_suffix(".md"), docs / folder / "index.md", docs / folder / "README.md"]
    return next((c for c in candidates if c.is_file()), None)


def needle_for(url: str) -> str:
    parts = urlsplit(url)
    if parts.fragment:
        return "#" + unquote(parts.fragment)
    segments = [s for s in unquote(parts.path).split("/") if s]
    return segments[-1] if segments else url


def explain(url: str, reason: str) -> str:
    needle = needle_for(url)
    if "fragment" in reason.lower():
        return f"link naar een anker dat niet bestaat: '{needle}'. Controleer de kop waar de link naar wijst."
    if "not found" in reason.lower():
        return f"link naar een pagina of bestand dat niet bestaat: '{needle}'. Controleer de bestandsnaam."
    return f"kapotte link '{url}': {reason.strip()}"


def findings(output: str, site: Path, root: Path) -> list[Finding]:
    """Every broken link or anchor in lychee's compact output, on its Markdown file and line (errors)."""
    docs = root / "docs"
    out: list[Finding] = []
    current: Path | None = None
    for raw in output.splitlines():
        header = HEADER_RE.match(raw.strip())
        if header:
            current = Path(header.group("file"))
            continue
        error = ERROR_RE.match(raw)
        if not error or current is None or error.group("code").strip().upper() in ("OK", "EXCLUDED"):
            continue
        url, reason = error.group("url"), error.group("reason")
        source = source_for(current, site, docs)
        if source is None:
            out.append(Finding(str(current), int(error.group("line") or 1), explain(url, reason)))
            continue
        needle = needle_for(url)
        lines = source.read_text(encoding="utf-8").splitlines()
        line = next((i for i, text in enumerate(lines, start=1) if needle in text), 1)
        shown = source.resolve().relative_to(root.resolve()).as_posix()
        out.append(Finding(shown, line, explain(url, reason)))
    return out
