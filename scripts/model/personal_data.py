"""Find personal data in the sources: BSN, Dutch phone numbers, e-mail addresses, dates of
birth and postcodes with a house number. What a phone number is, and which are a person's (06),
is the one phone rule of scripts/model/phones.py.

Used by the check in scripts/checks/privacy.py and by tests/model/test_personal_data.py.
Command line: `python -m scripts.model.personal_data [FILE ...]` (default: every scanned file).

What is allowed:
- phone numbers listed in config/toegestane-nummers.txt (general numbers of organisations, each
  with its source; phones.Allowlist reads the file and reports its bad lines). A mobile number
  (06) is never allowed, listed or not;
- e-mail addresses on a domain (or the exact address) in config/toegestane-domeinen.txt;
- a deliberate exception, marked on the same line or the line before with
  `<!-- privacy-ok: reden -->` (Markdown) or `# privacy-ok: reden` (YAML). The reason is required.

Text inside web addresses, ECLI numbers and clock times is masked first, so law links, case
numbers and opening hours are not mistaken for personal data.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from scripts.model import content_model, phones
from scripts.model import project
from scripts.model.findings import Finding

CONFIG_DIR = "config"  # the lists, relative to the project folder
NUMBERS_FILE = phones.ALLOWLIST_FILE
DOMAINS_FILE = "toegestane-domeinen.txt"

# What is scanned, relative to the project root.
SCAN_GLOBS = ("docs/**/*.md", "regels/*.md", "quizzes/**/*", "regio/**/*")
TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".json", ".csv", ".txt", ".po"}

MONTHS = "|".join(content_model.MONTHS_NL)
DATE = rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}})"

MARKER_RE = re.compile(r"privacy-ok\s*:?\s*(?P<reason>[^>#\n]*?)\s*(?:-->|$)", re.IGNORECASE)
# Masked before scanning: web addresses, ECLI case numbers, clock times and time ranges.
MASK_RES = (
    re.compile(r"\bhttps?://[^\s)>\]\"'`]+", re.IGNORECASE),
    re.compile(r"\bwww\.[^\s)>\]\"'`]+", re.IGNORECASE),
    re.compile(r"\bECLI:[A-Z]{2}:[A-Z0-9]+:\d{4}:[A-Z0-9.]+", re.IGNORECASE),
    re.compile(r"\b\d{1,2}[.:]\d{2}\s*(?:-|–|tot)\s*\d{1,2}[.:]\d{2}\b"),
    re.compile(r"\b\d{1,2}[.:]\d{2}(?=\s*uur\b)"),
)
# A BSN is 9 digits, written together or as 1234.56.782 / 1234 56 782 / 123 456 782.
BSN_RE = re.compile(r"(?<![\d.,/-])(?:\d{9}|\d{4}([. ])\d{2}\1\d{3}|\d{3} \d{3} \d{3})(?![\d]|[.,/-]\d)")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
BIRTH_RE = re.compile(
    rf"\b(?:geboren|geboortedatum|geboortedag|geb\.?)(?:\s+op|\s+is|\s*:)?\s*(?P<date>{DATE})", re.IGNORECASE
)
POSTCODE = r"[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}"
# "Straatnaam 12, 2591 AB" (street and number before the postcode) ...
ADDRESS_BEFORE_RE = re.compile(
    rf"\b(?!Postbus\b|Antwoordnummer\b)[A-Za-zÀ-ÿ'.-]{{2,}}\s+\d{{1,5}}(?:\s?[a-zA-Z])?\b(?:\s*-\s*\d+)?\s*,?\s+{POSTCODE}\b")
# ... or "2591 AB 12" / "2591 AB, huisnummer 12" (postcode, then the house number).
ADDRESS_AFTER_RE = re.compile(rf"\b{POSTCODE}\s*,?\s*(?i:huisnummer|nr\.?|nummer)?\s*\d{{1,5}}[a-z]?\b")


def message(kind: str, text: str) -> str:
    return (
        f"mogelijk persoonsgegeven ({kind}): '{text}'. Haal het weg of vervang het door een "
        "verzonnen voorbeeld. Is het bewust en mag het? Zet dan <!-- privacy-ok: reden --> op deze "
        "regel of de regel erboven."
    )


@dataclass
class Allowlist:
    phones: phones.Allowlist  # the allowed numbers of organisations, with the list's problems
    domains: tuple  # lower-case domains or full addresses

    @classmethod
    def load(cls, config: Path) -> "Allowlist":
        domains = tuple(e.lower() for e in content_model.list_file(config / DOMAINS_FILE))
        return cls(phones.Allowlist.load(config), domains)

    @property
    def numbers(self) -> frozenset:
        """National numbers (int) on the number list."""
        return self.phones.numbers

    def email_ok(self, address: str, domain: str) -> bool:
        address, domain = address.lower(), domain.lower()
        return any(address == d or domain == d or domain.endswith("." + d) for d in self.domains)


def _mask(line: str) -> str:
    for regex in MASK_RES:
        line = regex.sub(lambda m: " " * len(m.group(0)), line)
    return line


# The kind of a finding that is no personal data but an allowed number written so that it cannot
# be called (phones.written_problem); its text is the whole message.
WRITTEN = "schrijfwijze"


def scan_line(line: str, allow: Allowlist) -> list[tuple[str, str]]:
    """(kind, matched text) for every piece of personal data on one line (and WRITTEN problems)."""
    text = _mask(line)
    found: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match in BIRTH_RE.finditer(text):
        found.append(("geboortedatum", match.group(0).strip()))
        taken.append(match.span())
    for match in EMAIL_RE.finditer(text):
        taken.append(match.span())
        if not allow.email_ok(match.group(0), match.group("domain")):
            found.append(("e-mailadres", match.group(0)))
    for regex in (ADDRESS_BEFORE_RE, ADDRESS_AFTER_RE):
        for match in regex.finditer(text):
            if free(*match.span()):
                found.append(("adres met postcode en huisnummer", match.group(0).strip()))
                taken.append(match.span())
    for number in phones.find(text):
        taken.append((number.start, number.end))
        if not allow.phones.allows(number.phone):
            found.append(("telefoonnummer", number.raw))
        elif problem := phones.written_problem(number):
            found.append((WRITTEN, problem))
    from stdnum.nl import bsn  # here, not at the top: the build (tap to call) needs the allowlist only

    for match in BSN_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if free(*match.span()) and bsn.is_valid(digits):
            found.append(("BSN", match.group(0)))
    return found


def _exempt(lines: list[str], idx: int) -> bool:
    for j in (idx, idx - 1):
        if j >= 0:
            m = MARKER_RE.search(lines[j])
            if m and m.group("reason").strip():
                return True
    return False


def scan_text(text: str, shown: str, allow: Allowlist) -> list[Finding]:
    lines = text.splitlines()
    findings = []
    for idx, line in enumerate(lines):
        marker = MARKER_RE.search(line)
        if marker and not marker.group("reason").strip():
            findings.append(Finding(shown, idx + 1, message("uitzondering zonder reden", "privacy-ok")))
        if _exempt(lines, idx):
            continue
        for kind, matched in scan_line(line, allow):
            findings.append(Finding(shown, idx + 1, matched if kind == WRITTEN else message(kind, matched)))
    return findings


def files(root: Path) -> list[Path]:
    seen = set()
    for pattern in SCAN_GLOBS:
        for path in root.glob(pattern):
            if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES:
                seen.add(path)
    return sorted(seen)


def scan(root: Path, paths: list[Path] | None = None, read=None) -> list[Finding]:
    """Findings (errors) in the given files or every scanned file; ``read(path) -> text`` as in
    key_facts.check."""
    allow = Allowlist.load(root / CONFIG_DIR)
    findings = list(allow.phones.problems) if paths is None else []
    for path in paths if paths is not None else files(root):
        path = path.resolve()
        try:
            shown = path.relative_to(root.resolve()).as_posix()
        except ValueError:
            shown = str(path)
        findings.extend(scan_text(read(path) if read else path.read_text(encoding="utf-8"), shown, allow))
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Persoonsgegevens in de bestanden van het project (of de gegeven bestanden).")
    parser.add_argument("files", nargs="*", type=Path)
    project.project_argument(parser)
    args = project.parse_args(parser, argv)
    findings = scan(args.root, args.files or None)
    for f in findings:
        print(f)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
