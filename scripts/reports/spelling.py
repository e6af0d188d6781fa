"""Dutch spelling report for the pages: `python -m scripts.reports.spelling [--strict] [FILE ...]`
(`make spelling`).

Prints `path:line: woord` for every word that Hunspell's Dutch dictionary (Debian packages
hunspell and hunspell-nl) does not know and that is not in the project word list
config/woordenlijst.txt. A report, not a gate: exit 0, unless --strict is given.

Skipped on purpose: abbreviations and words with capitals inside (AVG, RIEC's, localStorage),
and for words with hyphens each part is checked on its own (AVG-grondslag, drillrap-nummer).
Add a correct word that Hunspell does not know to config/woordenlijst.txt, one per line.
A word in lower case there is also accepted with a capital at the start of a sentence.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path


from scripts.model import content_model, project
from scripts.reports import prose

WORDLIST = Path("config") / "woordenlijst.txt"
DICTIONARY = "nl_NL"
WORD_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿ]+)*")


def load_wordlist(path: Path) -> set[str]:
    return set(content_model.list_file(path))


def known_in_list(word: str, wordlist: set[str]) -> bool:
    return word in wordlist or (word[:1].isupper() and word[:1].lower() + word[1:] in wordlist)


def candidates(word: str):
    """The parts of a token that are worth a dictionary look-up."""
    for part in re.split(r"-", word):
        part = part.strip("'’")
        if len(part) < 2 or any(c.isupper() for c in part[1:]):
            continue  # abbreviations (AVG), names with capitals inside (iCOV), identifiers
        yield part


def hunspell_unknown(words: set[str], dictionary: str = DICTIONARY) -> set[str]:
    exe = shutil.which("hunspell")
    if not exe:
        raise FileNotFoundError("hunspell")
    run = subprocess.run(
        [exe, "-d", dictionary, "-l"], input="\n".join(sorted(words)), capture_output=True, text=True, check=False
    )
    if run.returncode != 0 or "Can't open affix or dictionary" in run.stderr:
        raise FileNotFoundError(f"woordenboek {dictionary}: {run.stderr.strip()}")
    return set(run.stdout.split())


def check(root: Path, files: list[Path] | None = None) -> list[tuple[str, int, str]]:
    """(path, line, word) for every unknown word, in file and line order."""
    wordlist = load_wordlist(root / WORDLIST)
    occurrences: list[tuple[str, int, str]] = []
    for path in files if files is not None else prose.markdown_files(root):
        shown = path.resolve().relative_to(root.resolve()).as_posix() if path.resolve().is_relative_to(root.resolve()) else str(path)
        for line in prose.prose_lines(path):
            for token in WORD_RE.findall(line.text):
                for word in candidates(token):
                    if not known_in_list(word, wordlist):
                        occurrences.append((shown, line.number, word))
    unknown = hunspell_unknown({w for _, _, w in occurrences}) if occurrences else set()
    return [o for o in occurrences if o[2] in unknown]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    project.project_argument(parser)
    parser.add_argument("--strict", action="store_true", help="exit 1 bij onbekende woorden")
    args = project.parse_args(parser, argv)
    start = time.perf_counter()
    try:
        found = check(args.root, args.files or None)
    except FileNotFoundError as exc:
        print(f"spelling: {exc} ontbreekt; installeer het met 'make woordenboek' (Debian: hunspell hunspell-nl)", file=sys.stderr)
        return 2
    for path, line, word in found:
        print(f"{path}:{line}: {word}")
    distinct = len({w for _, _, w in found})
    print(
        f"[{'let op' if found else 'ok'}] spelling: {len(found)} onbekende woorden ({distinct} verschillende) "
        f"({time.perf_counter() - start:.2f} s). Klopt een woord? Zet het in {WORDLIST.as_posix()}.",
        file=sys.stderr,
    )
    return 1 if found and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
