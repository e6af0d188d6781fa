"""Key facts (kernfeiten): values the site states in many places, each defined once in
config/kernfeiten.yml, with its source. The check (scripts/checks/facts.py) finds every
statement of a fact in the pages, the canonical rules and the question banks, and reports a
statement with another value as ``path:line: message``.

A fact's pattern is a regular expression with the placeholders ``{getal}`` (a number in digits
or Dutch words), ``{tijd}`` (7.00, 19:00) and ``{telefoon}`` (a Dutch number such as
0800-2000); each placeholder, and each plain group ``(...)``, is compared in order with the
fact's ``waarde``. Phone facts take their value from the national routes of the sociale kaart
(``nummer_van``), so a number is written once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scripts.model import content_model
from scripts.model import schema
from scripts.model import registers
from scripts.model.findings import Finding

CONFIG = Path("config") / "kernfeiten.yml"  # the national facts
REGIONAL = Path("regio") / "kernfeiten.yml"  # the region's own (its conference, its agreements); may be absent
_F = schema.Field
# One fact, declared once; the comment at the top of config/kernfeiten.yml explains the same fields.
FACT = schema.Schema("feit", (
    _F("id", "korte naam", required=True),
    _F("feit", "het feit in één zin, zoals het klopt", required=True),
    _F("bron", "titel en https-link (url) van de officiële bron, of een pagina onder docs/", schema.ANY, True),
    _F("patroon", "hoe een pagina het feit opschrijft (een reguliere expressie)", required=True),
    _F("waarde", "de juiste waarden, in de volgorde van het patroon", schema.ANY),
    _F("nummer_van", "de partner in regio/data/sociale-kaart.yml wiens landelijke nummer hier hoort"),
))
FIELDS = set(FACT.names)

WORDS = {
    "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
    "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18,
}
NUMBER = r"(\d+|" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")"
TIME = r"(\d{1,2}[.:]\d{2})"
PHONE = r"(0[89]00[\s-]?\d[\d\s-]{1,9}\d)"
PLACEHOLDERS = {"{getal}": NUMBER, "{tijd}": TIME, "{telefoon}": PHONE}


@dataclass
class Fact:
    id: str
    statement: str
    pattern: re.Pattern
    values: list[str]
    line: int  # in its file
    shown_values: list[str] = ()  # as written in the file, for messages
    file: str = CONFIG.as_posix()  # config/kernfeiten.yml or regio/kernfeiten.yml


def normalise(value: str) -> str:
    """One spelling per value: words to digits, 07.00 to 7.00, phone numbers to digits."""
    text = value.strip().lower()
    if text in WORDS:
        return str(WORDS[text])
    if re.fullmatch(r"\d{1,2}[.:]\d{2}", text):
        hours, minutes = re.split(r"[.:]", text)
        return f"{int(hours)}.{minutes}"
    if re.fullmatch(r"[\d\s-]+", text):
        return re.sub(r"\D", "", text).lstrip("0") if len(re.sub(r"\D", "", text)) > 3 else text
    return text


def compile_pattern(raw: str) -> re.Pattern:
    for key, regex in PLACEHOLDERS.items():
        raw = raw.replace(key, regex)
    return re.compile(raw, re.IGNORECASE)


def _national_numbers(root: Path) -> dict[str, str]:
    loaded = registers.load("sociale-kaart", root)
    return {
        entry.values.get("partner", ""): entry.values.get("telefoon", "")
        for entry in loaded.entries
        if entry.values.get("gemeente") == "landelijk" and entry.values.get("telefoon")
    }


def load(root: Path) -> tuple[list[Fact], list[Finding]]:
    """The facts of config/kernfeiten.yml and the region's regio/kernfeiten.yml (if it has one), or
    problems with their file and line."""
    facts, problems = _load(root, CONFIG)
    if (root / REGIONAL).is_file():
        more, more_problems = _load(root, REGIONAL)
        known = {f.id for f in facts}
        problems += more_problems + [Finding(REGIONAL.as_posix(), f.line, f"feit '{f.id}' staat ook in {CONFIG.as_posix()}")
                                     for f in more if f.id in known]
        facts += [f for f in more if f.id not in known]
    return facts, problems


def _load(root: Path, rel: Path) -> tuple[list[Fact], list[Finding]]:
    path = root / rel
    shown = rel.as_posix()
    if not path.is_file():
        return [], [Finding(shown, 1, "bestand met kernfeiten ontbreekt")]
    try:
        node = schema.compose(path.read_text(encoding="utf-8"))
    except schema.YamlProblem as exc:
        return [], [Finding(shown, exc.line, exc.message)]
    if node is None or not node.is_seq:
        return [], [Finding(shown, 1, "het bestand moet een lijst van feiten zijn ('- id: ...')")]
    facts, problems, numbers, seen = [], [], None, set()

    def report(at: int, message: str) -> None:
        problems.append(Finding(shown, at, message))

    for item in node.items():
        line = item.line
        ident = next((value.text for key, _, value in item.pairs() if key == "id"), None)
        before = len(problems)
        fields = FACT.read(item, report, label=f"feit '{ident}'" if ident else "feit")
        if fields is None or len(problems) > before:
            continue
        data = item.value
        if data["id"] in seen:
            problems.append(Finding(shown, line, f"feit '{data['id']}' staat twee keer in de lijst"))
            continue
        seen.add(data["id"])
        bron = data["bron"]
        if not (isinstance(bron, dict) and isinstance(bron.get("titel"), str)
                and (content_model.URL_RE.match(str(bron.get("url", "")))
                     or (root / "docs" / str(bron.get("pagina", ""))).is_file() and bron.get("pagina"))):
            problems.append(Finding(shown, line, f"feit '{data['id']}': 'bron' heeft een 'titel' en een https-'url' "
                                                 "of een bestaande 'pagina' onder docs/ nodig"))
            continue
        try:
            pattern = compile_pattern(str(data["patroon"]))
        except re.error as exc:
            problems.append(Finding(shown, line, f"feit '{data['id']}': het patroon is geen geldige expressie ({exc})"))
            continue
        if "nummer_van" in data:
            numbers = numbers if numbers is not None else _national_numbers(root)
            match = [num for partner, num in numbers.items() if partner.startswith(str(data["nummer_van"]))]
            if len(match) != 1:
                problems.append(Finding(shown, line, f"feit '{data['id']}': geen landelijk nummer van "
                                                     f"'{data['nummer_van']}' in regio/data/sociale-kaart.yml"))
                continue
            values = [match[0]]
        else:
            values = [str(v) for v in data.get("waarde") or []]
        if pattern.groups != len(values):
            problems.append(Finding(shown, line, f"feit '{data['id']}': het patroon heeft {pattern.groups} "
                                                 f"waarde(n), 'waarde' noemt er {len(values)}"))
            continue
        facts.append(Fact(data["id"], data["feit"], pattern, [normalise(v) for v in values], line, values, shown))
    return facts, problems


def sources(root: Path) -> list[Path]:
    return content_model.markdown_sources(root) + sorted((root / "quizzes").glob("*.yml"))


def scan_text(text: str, shown: str, facts: list[Fact]) -> list[Finding]:
    problems = []
    for number, line in content_model.body_lines(text, front_matter=True):
        for fact in facts:
            for match in fact.pattern.finditer(line):
                found = [normalise(g) for g in match.groups()]
                if found != fact.values:
                    problems.append(Finding(
                        shown, number,
                        f"kernfeit '{fact.id}': hier staat '{match.group(0).strip()}', maar de juiste waarde is "
                        f"{' / '.join(fact.shown_values)}: {fact.statement} (zie {fact.file}:{fact.line})"))
    return problems


def check(root: Path, read=None) -> list[Finding]:
    """Every source against the key facts (errors). ``read(path) -> text`` lets a caller that
    already holds the files (scripts/model/project.py) hand them in; default: read from disk."""
    facts, problems = load(root)
    if problems:
        return problems
    for path in sources(root):
        shown = path.relative_to(root).as_posix()
        text = read(path) if read else path.read_text(encoding="utf-8")
        problems.extend(scan_text(text, shown, facts))
    return problems
