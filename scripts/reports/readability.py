"""Readability report (taalniveau B1): `python -m scripts.reports.readability [FILE ...]` (`make leesbaarheid`).

Warns, never fails (exit 0): there is no official number for B1, so the figures are signals
for the editor, not a verdict. Per page it prints the average sentence length and the
Flesch-Douma score (the Dutch version of Flesch Reading Ease:
206.835 - 0.93 x words per sentence - 77 x syllables per word), and every sentence longer than
MAX_WORDS words with its line.

Thresholds: sentences up to 25 words (as in the GOV.UK style rules), on average at most 15, and
Flesch-Douma 60 or more ("redelijk makkelijk"). Headings, tables and the front matter are not
counted; list items count as sentences of their own.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path


from scripts.model import project
from scripts.reports import prose

MAX_WORDS = 25
MAX_AVERAGE = 15.0
MIN_FLESCH_DOUMA = 60.0
MIN_WORDS_FOR_SCORE = 100  # shorter pages get no page score: too few words to mean anything

WORD_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿ0-9]+)*")
SYLLABLE_RE = re.compile(r"(?:ij|[aeiouyáéíóúàèëïöüâêîôû])+", re.I)
# A sentence ends at . ! or ? followed by a capital, a quote or a bracket (not "art. 8", "o.a. de").
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ö\"'‘“(])")


@dataclass
class Sentence:
    line: int
    text: str

    @property
    def words(self) -> list[str]:
        return WORD_RE.findall(self.text)


@dataclass
class PageReport:
    path: str
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def word_count(self) -> int:
        return sum(len(s.words) for s in self.sentences)

    @property
    def average(self) -> float:
        return self.word_count / len(self.sentences) if self.sentences else 0.0

    @property
    def flesch_douma(self) -> float | None:
        words = [w for s in self.sentences for w in s.words]
        if len(words) < MIN_WORDS_FOR_SCORE:
            return None
        syllables = sum(syllable_count(w) for w in words)
        return 206.835 - 0.93 * (len(words) / len(self.sentences)) - 77 * (syllables / len(words))

    def long_sentences(self, limit: int = MAX_WORDS) -> list[Sentence]:
        return [s for s in self.sentences if len(s.words) > limit]


def syllable_count(word: str) -> int:
    if word.isdigit():
        return 1
    return max(1, len(SYLLABLE_RE.findall(word)))


def sentences(lines: list[prose.Line]) -> list[Sentence]:
    """Join the lines of a paragraph, then split it into sentences (each keeps its first line)."""
    out: list[Sentence] = []
    paragraph: list[prose.Line] = []

    def flush():
        if not paragraph:
            return
        text = " ".join(" ".join(l.text.split()) for l in paragraph)
        # Map each sentence back to the line it starts on.
        offsets, pos = [], 0
        for l in paragraph:
            offsets.append((pos, l.number))
            pos += len(" ".join(l.text.split())) + 1
        start = 0
        for part in SENTENCE_END_RE.split(text):
            begin = text.find(part, start)
            start = begin + len(part)
            line = max((n for off, n in offsets if off <= begin), default=paragraph[0].number)
            if WORD_RE.search(part):
                out.append(Sentence(line, part.strip()))
        paragraph.clear()

    for line in lines:
        if line.kind != "text":
            flush()
            continue
        if line.block_start:
            flush()
        paragraph.append(line)
    flush()
    return out


def analyse(path: Path, root: Path) -> PageReport:
    shown = path.resolve().relative_to(root.resolve()).as_posix()
    return PageReport(shown, sentences(prose.prose_lines(path)))


def warnings(report: PageReport) -> list[str]:
    out = []
    score = report.flesch_douma
    if score is not None and score < MIN_FLESCH_DOUMA:
        out.append(f"{report.path}:1: let op: Flesch-Douma {score:.0f} (B1: {MIN_FLESCH_DOUMA:.0f} of hoger). Kortere zinnen en kortere woorden helpen.")
    if report.sentences and report.average > MAX_AVERAGE:
        out.append(f"{report.path}:1: let op: gemiddeld {report.average:.1f} woorden per zin (B1: hooguit {MAX_AVERAGE:.0f}).")
    for s in report.long_sentences():
        start = " ".join(s.text.split()[:8])
        out.append(f"{report.path}:{s.line}: lange zin ({len(s.words)} woorden): \"{start} ...\" Maak er twee zinnen van.")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    project.project_argument(parser)
    args = project.parse_args(parser, argv)
    files = args.files or prose.markdown_files(args.root)
    reports = [analyse(f, args.root) for f in files]
    for report in reports:
        for line in warnings(report):
            print(line)
    scored = [r.flesch_douma for r in reports if r.flesch_douma is not None]
    words = sum(r.word_count for r in reports)
    count = sum(len(r.sentences) for r in reports)
    long_ = sum(len(r.long_sentences()) for r in reports)
    print(
        f"[rapport] leesbaarheid: {len(reports)} pagina's, {words} woorden, {count} zinnen, gemiddeld "
        f"{(words / count if count else 0):.1f} woorden per zin, {long_} zinnen langer dan {MAX_WORDS} woorden; "
        f"Flesch-Douma mediaan {sorted(scored)[len(scored) // 2]:.0f}" if scored else "[rapport] leesbaarheid: geen tekst",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
