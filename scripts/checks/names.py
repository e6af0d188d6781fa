"""Names that may never appear on the site: victims, suspects and convicted artists named in public
reporting on Dutch drill cases. The project must not hold these names either, so the list
config/verboden-namen.txt keeps only salted hashes: sha256(SALT + the name normalised), where a
normalised name is its words in lower case ASCII, one space apart. Every run of one to MAX_WORDS
words in a page, rule, question bank or register is hashed and compared; a hit names the file and
line, never the words.

Add a name: ``python -m scripts.checks.names "Voornaam Achternaam"`` prints its hash; put only the
hash in the list.
"""
from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from pathlib import Path

from scripts.model import content_model, region
from scripts.model.findings import Finding
from scripts.model.project import Project

NAME = "namen van slachtoffers en verdachten"
CODE = "namen"
NAMES_FILE = Path("config") / "verboden-namen.txt"
SALT = "swv-kennisbank/namen/v1:"
MAX_WORDS = 3
HASH_RE = re.compile(r"[0-9a-f]{64}")


def words(text: str) -> list[str]:
    """The words of a text, lower case, accents and punctuation dropped ("Vóór-Naam." -> voor, naam)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", ascii_text)


def name_hash(name: str) -> str:
    return hashlib.sha256((SALT + " ".join(words(name))).encode()).hexdigest()


def hits(numbered: list[tuple[int, str]], hashes: set[str]) -> list[int]:
    """The line numbers where a run of 1 to MAX_WORDS words (also across a line break) hashes to a
    listed name: the line of the run's first word, once per line."""
    placed = [(number, word) for number, line in numbered for word in words(line)]
    out: list[int] = []
    seen: dict[str, bool] = {}  # a run of words hashed once per file
    for start in range(len(placed)):
        run = ""
        for size in range(MAX_WORDS):
            if start + size >= len(placed):
                break
            run = (run + " " if size else "") + placed[start + size][1]
            if run not in seen:
                seen[run] = hashlib.sha256((SALT + run).encode()).hexdigest() in hashes
            if seen[run]:
                if placed[start][0] not in out:
                    out.append(placed[start][0])
    return out


def sources(project: Project) -> list[Path]:
    """Everything the site shows: pages, rules, question banks and the data registers."""
    root = project.root
    return project.markdown_sources + sorted((root / "quizzes").glob("*.yml")) + sorted((root / region.DATA_DIR).glob("*.yml"))


def listed(project: Project) -> tuple[set[str], list[Finding]]:
    """The hashes of the list, and a finding for every entry that is not a hash (a name written out)."""
    path = project.root / NAMES_FILE
    entries = content_model.list_file(path)
    good = {entry for entry in entries if HASH_RE.fullmatch(entry)}
    problems = []
    if len(good) < len(entries):
        for number, line in enumerate(project.text(path).splitlines(), start=1):
            entry = line.split("#", 1)[0].strip()
            if entry and not HASH_RE.fullmatch(entry):
                problems.append(Finding(project.shown(path), number, (
                    "hier staat geen hash: zet nooit een naam zelf in deze lijst, alleen de uitvoer van "
                    "python -m scripts.checks.names \"de naam\"")))
    return good, problems


def check(project: Project) -> list[Finding]:
    hashes, found = listed(project)
    if not hashes:
        return found
    for path in sources(project):
        numbered = list(enumerate(project.text(path).splitlines(), start=1))
        for number in hits(numbered, hashes):
            found.append(Finding(project.shown(path), number, (
                "hier staat een naam van de lijst met namen die nooit op de site mogen (slachtoffers, "
                "verdachten, veroordeelden): haal de naam weg of noem alleen een rol, zoals 'een verdachte'")))
    return found


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        print(name_hash(argument))
