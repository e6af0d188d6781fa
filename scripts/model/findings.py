"""The one result type of every check: a finding with file, line, message and severity.

A check (scripts/checks/) returns findings and prints nothing; the runner (scripts/check.py)
prints them as ``path:line: message`` (editors jump to that line), writes the Code Quality report
and decides the exit code. The model's validators (front matter, question banks, registers, key
facts) return findings too.

Severity:
- ``error``: something to fix before the merge; the check fails (exit code 1);
- ``notice``: something to look at that never blocks a merge (a page past its review date, a
  place the SWV still has to fill in). Printed on stderr, `info` in the Code Quality report.
"""
from __future__ import annotations

from dataclasses import dataclass

ERROR, NOTICE = "error", "notice"
# How the runner's status lines name each severity (Dutch, for editors).
LABELS = {ERROR: "probleem/problemen", NOTICE: "melding(en)"}


@dataclass
class Finding:
    path: str  # relative to the project root, with forward slashes
    line: int  # from 1
    message: str  # Dutch, in words an editor understands
    severity: str = ERROR

    def __post_init__(self) -> None:
        if self.severity not in LABELS:
            raise ValueError(f"onbekende ernst '{self.severity}', kies uit {', '.join(LABELS)}")

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def notice(path: str, line: int, message: str) -> Finding:
    return Finding(path, line, message, NOTICE)


def errors(found) -> list[Finding]:
    return [f for f in found if f.is_error]
