"""GitLab Code Quality report (the Code Climate JSON subset GitLab reads) for `make check`.

GitLab shows these entries in the merge request widget and next to the changed line, so an
editor sees a finding where the change is, not only in the job log. One entry per finding
(scripts/model/findings.py) with the name of the check that gave it:

    {"description": ..., "check_name": ..., "fingerprint": ..., "severity": ...,
     "location": {"path": "docs/over/index.md", "lines": {"begin": 12}}}

Severity: `info` for notices (a page past its review date, an open placeholder), `major` for
errors, everything that makes the check fail. The fingerprint is a hash of check, path and message
(not the line), so a finding keeps its identity when lines above it move and GitLab reports it
as unchanged rather than as fixed-and-new; a second identical finding in the same file gets
its own fingerprint by its order.

The build log of `mkdocs build --strict` is read here too (build_findings): a warning or error
that names a Markdown page (or a `path:line:` a build step wrote) becomes an entry on that file, and
a failed build always gives at least one entry naming the build.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

from scripts.model import findings as findings_model
from scripts.model.findings import Finding
from scripts.reports import link_report

# Code Quality severity of each finding severity.
SEVERITY = {findings_model.ERROR: "major", findings_model.NOTICE: "info"}
BUILD_CHECK = "build"
BUILD_CONFIG = "mkdocs.yml"

# mkdocs' own warnings name the page relative to docs/: "Doc file 'over/index.md' contains a link
# 'x.md', but the target is not found among documentation files."
DOC_FILE_RE = re.compile(r"Doc file '(?P<page>[^']+\.md)' contains .*?link '(?P<target>[^']+)'")
# Hooks and PluginErrors in this project write `path:line: message`.
PATH_LINE_RE = re.compile(r"^\s*(?P<path>[\w./-]+\.(?:md|ya?ml|json|txt)):(?P<line>\d+): (?P<message>.+)$")
CONFIG_RE = re.compile(r"Config value '(?P<key>[\w.-]+)'")
LEVEL_RE = re.compile(r"^(?P<level>WARNING|ERROR)\s+-\s+(?P<message>.*)$")


def fingerprint(check: str, path: str, message: str, occurrence: int = 0) -> str:
    key = "\x1f".join((check, path, message, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def relative_path(path: str, root: Path) -> str:
    """location.path must be relative to the repository root, with forward slashes."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            return candidate.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return candidate.as_posix()
    return candidate.as_posix()


def entries(reported: list[tuple[str, Finding]], root: Path) -> list[dict]:
    """One entry per (name of the check, finding)."""
    seen: Counter = Counter()
    out = []
    for check, finding in reported:
        path = relative_path(finding.path, root)
        key = (check, path, finding.message)
        out.append(
            {
                "description": finding.message,
                "check_name": check,
                "fingerprint": fingerprint(*key, seen[key]),
                "severity": SEVERITY[finding.severity],
                "location": {"path": path, "lines": {"begin": max(1, int(finding.line))}},
            }
        )
        seen[key] += 1
    return out


def write(path: Path, findings: list[tuple[str, Finding]], root: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(entries(findings, root), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((i for i, text in enumerate(lines, start=1) if needle and needle in text), 1)


def _known_file(root: Path, rel: str) -> str | None:
    for candidate in (root / rel, root / "docs" / rel):
        if candidate.is_file():
            return candidate.resolve().relative_to(root.resolve()).as_posix()
    return None


def _config_line(root: Path, message: str) -> int:
    """The line of mkdocs.yml a configuration error is about: the quoted name in the message
    (a plugin, say) if a line holds it, else the key's own line, else 1."""
    config = CONFIG_RE.search(message)
    if not config:
        return 1
    path = root / BUILD_CONFIG
    quoted = [q for q in re.findall(r'"([^"]+)"', message) if q]
    for needle in quoted:
        line = _line_of(path, f"- {needle}")
        if line > 1:
            return line
    return _line_of(path, f"{config.group('key').split('.')[0]}:")


def build_findings(log: str, root: Path, failed: bool) -> list[Finding]:
    """Findings from the output of `mkdocs build --strict`, each on the file it names: errors
    when the build failed, notices when it passed."""
    out: list[tuple[str, int, str]] = []
    for raw in log.splitlines():
        level = LEVEL_RE.match(raw.strip())
        located = PATH_LINE_RE.match(raw)
        if located and _known_file(root, located.group("path")):
            out.append((_known_file(root, located.group("path")), int(located.group("line")),
                        located.group("message").strip()))
            continue
        if not level:
            continue
        message = level.group("message").strip()
        if message.startswith("Aborted with") and "strict mode" in message:
            continue
        doc = DOC_FILE_RE.search(message)
        if doc and (root / "docs" / doc.group("page")).is_file():
            page = root / "docs" / doc.group("page")
            target = doc.group("target")
            if "no such anchor" in message or "does not contain an anchor" in message:
                text = link_report.explain(target, "fragment")
            elif "not found" in message:
                text = link_report.explain(target, "not found")
            else:
                text = f"bouwen: {message}"
            out.append((f"docs/{doc.group('page')}", _line_of(page, target), text))
            continue
        out.append((BUILD_CONFIG, _config_line(root, message), f"bouwen: {message}"))
    if failed and not out:
        tail = [line.strip() for line in log.splitlines() if line.strip()][-1:] or ["geen uitvoer"]
        out.append((BUILD_CONFIG, 1, f"de site kon niet worden gebouwd ({tail[0]}); zie het joblog"))
    severity = findings_model.ERROR if failed else findings_model.NOTICE
    return [Finding(path, line, message, severity) for path, line, message in out]
