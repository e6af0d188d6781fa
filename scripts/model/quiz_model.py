"""The quiz model: question banks in quizzes/*.yml, validated and rendered.

One bank per training module. The check (scripts/checks/quizzes.py), the build step
(scripts/build/quiz_pages.py), the LMS export (scripts/exports/quiz_export.py) and the tests all use
this module, so a bank is parsed once, in one way.

A bank looks like this (keys are Dutch because editors write them):

    titel: "Module 1: Signalen herkennen"
    pagina: signalering/signalen-herkennen.md     # the page with <!-- toets: <bank> -->
    vragen:
      - id: sh-motief                             # stable, unique across all banks
        soort: enkelvoudig                        # enkelvoudig | meervoudig | invullen
        vraag: Waarom ...?
        opties:
          - tekst: Uit angst
            goed: true
          - tekst: Omdat het mag
            feedback: Nee, want ...               # required on every wrong option
        uitleg: Onderzoek laat zien ...           # shown after answering
        lees: drillrap/onderzoek-en-nuance.md     # page(s) under docs/ that teach it
      - id: sh-nummer
        soort: invullen
        vraag: Veilig Thuis bel je op 0800-___.   # exactly one ___ ; one answer per blank
        antwoord: "2000"
        uitleg: ...
        lees: wetgeving/meldcode.md
      - casus:                                    # a scenario followed step by step
          id: sh-casus-app
          titel: De groepsapp
          tekst: "Deze casus is verzonnen. ..."
          vragen: [ ...questions as above... ]

Problems read ``quizzes/x.yml:LINE: message`` with the line from the YAML node marks.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path


# libyaml keeps the node marks (lines) and is about ten times faster than the pure-Python parser.

from scripts.model import content_model, quiz_order
from scripts.model import schema
from scripts.model.findings import Finding
from scripts import ROOT


KINDS = ("enkelvoudig", "meervoudig", "invullen")
_F = schema.Field
# What a bank, a case, a question and an option may hold, declared once (CONTRIBUTING §6 shows them).
# The kinds are checked by the readers below, which know what each field means.
BANK = schema.Schema("vragenbank", (
    _F("titel", "de titel van de module", schema.ANY), _F("pagina", "de modulepagina onder docs/", schema.ANY),
    _F("vragen", "de vragen en casussen, in de volgorde van de pagina", schema.ANY)))
QUESTION = schema.Schema("vraag", (
    _F("id", "uniek en vast", schema.ANY), _F("soort", "enkelvoudig, meervoudig of invullen", schema.ANY),
    _F("vraag", "de vraag", schema.ANY), _F("opties", "de antwoorden (keuzevragen)", schema.ANY),
    _F("antwoord", "het goede antwoord (invulvragen)", schema.ANY), _F("uitleg", "na het antwoorden", schema.ANY),
    _F("lees", "de pagina('s) die dit uitleggen", schema.ANY)))
OPTION = schema.Schema("optie", (
    _F("tekst", "het antwoord", schema.ANY), _F("goed", "true bij een goed antwoord", schema.ANY),
    _F("feedback", "waarom het fout is (verplicht bij een fout antwoord)", schema.ANY)))
CASE = schema.Schema("casus", (
    _F("id", "uniek en vast", schema.ANY), _F("titel", "de titel", schema.ANY),
    _F("tekst", "het verhaal; zegt 'Deze casus is verzonnen.'", schema.ANY),
    _F("vragen", "de stappen", schema.ANY)))
CASE_WRAPPER = schema.Schema("casus", (_F("casus", "een casus", schema.ANY),))
BANK_FIELDS, QUESTION_FIELDS, OPTION_FIELDS, CASE_FIELDS = (x.names for x in (BANK, QUESTION, OPTION, CASE))
BLANK = "___"
CASE_NOTICE = "Deze casus is verzonnen."
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAGE_RE = re.compile(r"^[a-z0-9][a-z0-9/_-]*\.md(#[a-z0-9_-]+)?$")
# The line in a module page that shows a bank: <!-- toets: <bank> -->. Loose on purpose, so a
# misspelt bank name is reported by the build instead of being left in the page unnoticed.
MARKER_RE = re.compile(r"^<!--\s*toets:\s*(\S+?)\s*-->[ \t]*$", re.M)
# A module is completed when every question is answered and at least this share is right.
PASS_FRACTION = 0.8
# A markdown link to something that is not a web address: pages go in 'lees' instead.
LOCAL_LINK_RE = re.compile(r"\]\((?!https://)[^)]*\)")
# mkdocs-quiz reads these as answer lines or blanks; they may not appear in our texts.
CHECKBOX_LINE_RE = re.compile(r"^\s*[-*]\s*\[.?\]", re.M)


@dataclass
class Option:
    text: str
    correct: bool
    feedback: str
    line: int


@dataclass
class Case:
    id: str
    title: str
    text: str
    line: int
    questions: list = field(default_factory=list)


@dataclass
class Question:
    id: str
    kind: str
    text: str
    explanation: str
    read: list  # docs-relative paths, optionally with #anchor
    line: int
    options: list = field(default_factory=list)
    answer: str = ""
    case: Case | None = None
    step: int = 0  # position inside its case, from 1

    @property
    def correct_options(self) -> list:
        return [o for o in self.options if o.correct]


@dataclass
class Bank:
    name: str  # file stem, used in <!-- toets: name -->
    path: str  # shown in messages, e.g. quizzes/x.yml
    title: str = ""
    page: str = ""  # docs-relative path of the module page
    items: list = field(default_factory=list)  # Question or Case, in page order
    problems: list = field(default_factory=list)

    @property
    def questions(self) -> list:
        out = []
        for item in self.items:
            out.extend(item.questions if isinstance(item, Case) else [item])
        return out


# --- reading YAML with line numbers -------------------------------------------------

def _line(node: schema.Node) -> int:
    return node.line


class _Reader:
    """Walks the YAML nodes (scripts/model/schema.py) and records problems against the bank file."""

    def __init__(self, bank: Bank):
        self.bank = bank

    def err(self, line: int, message: str) -> None:
        self.bank.problems.append(Finding(self.bank.path, line, message))

    def mapping(self, node: schema.Node, declared: schema.Schema, what: str) -> dict | None:
        """{key: value node} of a mapping; unknown and doubled keys are problems (Schema.read)."""
        return declared.read(node, self.err, label=what)

    def text(self, fields: dict, key: str, what: str, line: int, required: bool = True) -> str:
        node = fields.get(key)
        if node is None:
            if required:
                self.err(line, f"{what}: veld '{key}' ontbreekt")
            return ""
        value = node.value if node.is_scalar else None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = node.text
        if not isinstance(value, str):
            self.err(_line(node), f"{what}: veld '{key}' moet tekst zijn")
            return ""
        if not value.strip():
            self.err(_line(node), f"{what}: veld '{key}' is leeg")
            return ""
        return value.strip()

    def check_text(self, value: str, line: int, what: str) -> None:
        """Texts become mkdocs-quiz markdown: keep out what that syntax would misread."""
        if "<quiz>" in value or "</quiz>" in value:
            self.err(line, f"{what}: gebruik geen <quiz>-tags in de tekst")
        if "[[" in value or "]]" in value:
            self.err(line, f"{what}: '[[' en ']]' zijn voor invulvragen; gebruik 'soort: invullen' en '{BLANK}'")
        if CHECKBOX_LINE_RE.search(value):
            self.err(line, f"{what}: een regel die begint met '- [ ]' leest de toets als antwoord; herschrijf de zin")
        if LOCAL_LINK_RE.search(value):
            self.err(line, f"{what}: link naar een pagina van de site? Zet het pad in 'lees' (alleen https-links mogen in de tekst)")


def _docs_target(path: str) -> str:
    return path.split("#", 1)[0]


def load_bank(path: Path, root: Path = ROOT) -> Bank:
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    bank = Bank(name=path.stem, path=rel)
    reader = _Reader(bank)
    if not ID_RE.match(bank.name):
        reader.err(1, f"bestandsnaam '{path.name}': gebruik kleine letters, cijfers en streepjes")
    try:
        node = schema.compose(path.read_text(encoding="utf-8"))
    except schema.YamlProblem as exc:
        reader.err(exc.line, exc.message)
        return bank
    if node is None:
        reader.err(1, "het bestand is leeg")
        return bank
    top = reader.mapping(node, BANK, "vragenbank")
    if top is None:
        return bank
    bank.title = reader.text(top, "titel", "vragenbank", 1)
    bank.page = reader.text(top, "pagina", "vragenbank", 1)
    docs = root / "docs"
    if bank.page:
        page_line = _line(top["pagina"])
        page_file = docs / bank.page
        if not PAGE_RE.match(bank.page) or "#" in bank.page:
            reader.err(page_line, f"'pagina' moet een pad onder docs/ zijn, zoals signalering/module.md (nu: '{bank.page}')")
        elif not page_file.is_file():
            reader.err(page_line, f"pagina 'docs/{bank.page}' bestaat niet")
        elif bank.name not in [m.group(1) for _, m in content_model.finditer_outside_code(
                MARKER_RE, page_file.read_text(encoding="utf-8"))]:
            reader.err(page_line, f"docs/{bank.page} toont deze toets niet: zet daar de regel <!-- toets: {bank.name} -->")
    vragen = top.get("vragen")
    if vragen is None:
        reader.err(1, "vragenbank: veld 'vragen' ontbreekt")
        return bank
    if not vragen.is_seq or not vragen.items():
        reader.err(_line(vragen), "'vragen' moet een lijst met minstens één vraag zijn")
        return bank
    for item in vragen.items():
        if item.is_map and any(key == "casus" for key, _, _ in item.pairs()):
            case = _read_case(reader, item, docs)
            if case:
                bank.items.append(case)
        else:
            question = _read_question(reader, item, docs)
            if question:
                bank.items.append(question)
    return bank


def _read_case(reader: _Reader, node, docs: Path) -> Case | None:
    outer = reader.mapping(node, CASE_WRAPPER, "casus")
    if not outer:
        return None
    inner = outer["casus"]
    line = _line(inner)
    fields = reader.mapping(inner, CASE, "casus")
    if fields is None:
        return None
    case = Case(
        id=reader.text(fields, "id", "casus", line),
        title=reader.text(fields, "titel", "casus", line),
        text=reader.text(fields, "tekst", "casus", line),
        line=line,
    )
    what = f"casus '{case.id}'"
    if case.id and not ID_RE.match(case.id):
        reader.err(_line(fields["id"]), f"{what}: id mag alleen kleine letters, cijfers en streepjes hebben")
    if case.text:
        reader.check_text(case.text, _line(fields["tekst"]), what)
        if CASE_NOTICE not in case.text:
            reader.err(_line(fields["tekst"]), f"{what}: de tekst moet zeggen '{CASE_NOTICE}'")
    vragen = fields.get("vragen")
    if not vragen or not vragen.is_seq or len(vragen.items()) < 2:
        reader.err(_line(vragen) if vragen else line, f"{what}: een casus heeft minstens twee vragen (stappen)")
        return case
    for step, item in enumerate(vragen.items(), start=1):
        question = _read_question(reader, item, docs)
        if question:
            question.case, question.step = case, step
            case.questions.append(question)
    return case


def _read_question(reader: _Reader, node, docs: Path) -> Question | None:
    line = _line(node)
    fields = reader.mapping(node, QUESTION, "vraag")
    if fields is None:
        return None
    qid = reader.text(fields, "id", "vraag", line)
    what = f"vraag '{qid or '?'}'"
    if qid and not ID_RE.match(qid):
        reader.err(_line(fields["id"]), f"{what}: id mag alleen kleine letters, cijfers en streepjes hebben")
    kind = reader.text(fields, "soort", what, line)
    if kind and kind not in KINDS:
        reader.err(_line(fields["soort"]), f"{what}: onbekende soort '{kind}' (kies uit: {', '.join(KINDS)})")
    question = Question(
        id=qid,
        kind=kind,
        text=reader.text(fields, "vraag", what, line),
        explanation=reader.text(fields, "uitleg", what, line),
        read=_read_pages(reader, fields, what, line, docs),
        line=line,
    )
    for key in ("vraag", "uitleg"):
        if key in fields and getattr(question, "text" if key == "vraag" else "explanation"):
            reader.check_text(fields[key].text or "", _line(fields[key]), f"{what}, {key}")
    if kind == "invullen":
        _read_blank(reader, fields, question, what)
    elif kind in ("enkelvoudig", "meervoudig"):
        _read_options(reader, fields, question, what)
    return question


def _read_pages(reader: _Reader, fields: dict, what: str, line: int, docs: Path) -> list:
    node = fields.get("lees")
    if node is None:
        reader.err(line, f"{what}: veld 'lees' ontbreekt: welke pagina legt dit uit? (bijv. wetgeving/meldcode.md)")
        return []
    items = node.items()
    pages = []
    for item in items:
        value = item.value if item.is_scalar else None
        if not isinstance(value, str) or not PAGE_RE.match(value):
            reader.err(_line(item), f"{what}: 'lees' moet een pad onder docs/ zijn, zoals wetgeving/meldcode.md (nu: '{value}')")
        elif not (docs / _docs_target(value)).is_file():
            reader.err(_line(item), f"{what}: pagina 'docs/{_docs_target(value)}' bestaat niet")
        elif "#" in value and value.split("#", 1)[1] not in content_model.page_anchors(
                docs / _docs_target(value), docs.parent):
            reader.err(_line(item), f"{what}: 'lees' wijst naar een kopje dat niet bestaat: "
                                    f"docs/{_docs_target(value)} heeft geen anker '#{value.split('#', 1)[1]}'")
        else:
            pages.append(value)
    return pages


def _read_blank(reader: _Reader, fields: dict, question: Question, what: str) -> None:
    if "opties" in fields:
        reader.err(_line(fields["opties"]), f"{what}: een invulvraag heeft geen 'opties' maar een 'antwoord'")
    question.answer = reader.text(fields, "antwoord", what, question.line)
    if question.text and question.text.count(BLANK) != 1:
        reader.err(_line(fields["vraag"]), f"{what}: een invulvraag heeft precies één '{BLANK}' op de plek van het antwoord")
    if question.text and any(line.strip() == "---" for line in question.text.splitlines()):
        reader.err(_line(fields["vraag"]), f"{what}: een regel met alleen '---' mag niet in een invulvraag")
    if question.answer and (re.search(r"[\[\]*]", question.answer) or "\n" in question.answer):
        reader.err(_line(fields["antwoord"]), f"{what}: het antwoord mag geen '[', ']', '*' of regeleinde bevatten")


def _read_options(reader: _Reader, fields: dict, question: Question, what: str) -> None:
    if "antwoord" in fields:
        reader.err(_line(fields["antwoord"]), f"{what}: 'antwoord' is alleen voor invulvragen; gebruik 'opties'")
    node = fields.get("opties")
    if not node or not node.is_seq or len(node.items()) < 2:
        reader.err(_line(node) if node else question.line, f"{what}: een keuzevraag heeft minstens twee 'opties'")
        return
    seen: dict = {}
    for item in node.items():
        opt = reader.mapping(item, OPTION, f"{what}, optie")
        if opt is None:
            continue
        line = _line(item)
        text = " ".join(reader.text(opt, "tekst", f"{what}, optie", line).split())
        correct_node = opt.get("goed")
        correct = False
        if correct_node is not None:
            correct = correct_node.value if correct_node.is_scalar else None
            if not isinstance(correct, bool):
                reader.err(_line(correct_node), f"{what}: 'goed' moet true of false zijn")
                correct = False
        feedback = " ".join(reader.text(opt, "feedback", f"{what}, optie '{text}'", line, required=False).split())
        if not correct and not feedback and "feedback" not in opt:
            reader.err(line, f"{what}: optie '{text}' is fout maar heeft geen 'feedback' die uitlegt waarom")
        for value, key in ((text, "tekst"), (feedback, "feedback")):
            if value:
                reader.check_text(value, _line(opt[key]), f"{what}, optie")
        key = text.casefold()
        if text and key in seen:
            reader.err(line, f"{what}: optie '{text}' staat er twee keer (ook op regel {seen[key]})")
        seen.setdefault(key, line)
        question.options.append(Option(text=text, correct=correct, feedback=feedback, line=line))
    n_correct = len(question.correct_options)
    if n_correct == 0:
        reader.err(_line(node), f"{what}: geen enkele optie is goed; zet 'goed: true' bij het juiste antwoord")
    elif question.kind == "enkelvoudig" and n_correct > 1:
        reader.err(_line(node), f"{what}: enkelvoudige vraag met {n_correct} goede opties; maak er 'meervoudig' van of laat er één over")
    elif question.kind == "meervoudig" and n_correct < 2:
        reader.err(_line(node), f"{what}: meervoudige vraag met maar één goede optie; maak er 'enkelvoudig' van")
    elif n_correct == len(question.options):
        reader.err(_line(node), f"{what}: alle opties zijn goed; voeg minstens één foute optie toe")


def load_banks(root: Path = ROOT) -> tuple[list, list]:
    """All banks in quizzes/ and every problem, ids checked across banks."""
    banks = [load_bank(p, root) for p in sorted((root / "quizzes").glob("*.y*ml"))]
    problems = [p for bank in banks for p in bank.problems]
    seen: dict = {}
    for bank in banks:
        for item in bank.items:
            entries = [item] + (item.questions if isinstance(item, Case) else [])
            for entry in entries:
                if not entry.id:
                    continue
                if entry.id in seen:
                    where = seen[entry.id]
                    problems.append(Finding(bank.path, entry.line, f"id '{entry.id}' bestaat al ({where}); ids moeten uniek zijn"))
                else:
                    seen[entry.id] = f"{bank.path}:{entry.line}"
    pages: dict = {}
    for bank in banks:
        if bank.page in pages:
            problems.append(Finding(bank.path, 1, f"pagina '{bank.page}' heeft al een toets ({pages[bank.page]})"))
        pages.setdefault(bank.page, bank.path)
    return banks, problems


# --- rendering ------------------------------------------------------------------------


def page_title(target: str, docs: Path) -> str:
    """The title in the front matter of a docs page, for link text."""
    return _title_of(docs / _docs_target(target)) or target


def clear_caches() -> None:
    """Kept for `mkdocs serve`: front matter is cached per file version in the content model."""


def _title_of(path: Path) -> str:
    title = content_model.page_meta(path).get("title") if path.is_file() else None
    return title if isinstance(title, str) and title.strip() else ""


def relative_link(target: str, from_page: str) -> str:
    """A docs-relative path (wetgeving/x.md#y) as a link from another docs page."""
    page, _, anchor = target.partition("#")
    rel = posixpath.relpath(page, posixpath.dirname(from_page) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def read_more(question: Question, from_page: str, docs: Path) -> str:
    links = [f"[{page_title(t, docs)}]({relative_link(t, from_page)})" for t in question.read]
    return "Lees meer: " + ", ".join(links) + "."


def question_prompt(question: Question) -> str:
    """The question as the learner reads it; casus questions say which step they are."""
    if question.case:
        return f"**Casus '{question.case.title}', stap {question.step}.** {question.text}"
    return question.text


def _render_question(question: Question, from_page: str, docs: Path) -> str:
    prompt = question_prompt(question)
    after = f"{question.explanation}\n\n{read_more(question, from_page, docs)}"
    if question.kind == "invullen":
        prompt = prompt.replace(BLANK, f"[[{question.answer}]]")
        return f"<quiz>\n{prompt}\n\n---\n{after}\n</quiz>"
    lines = [prompt]
    for opt in quiz_order.options_in_order(question):  # the order of every output (quiz_order.py)
        lines.append(f"- [{'x' if opt.correct else ' '}] {opt.text}")
        if opt.feedback:
            lines.append(f"> {opt.feedback}")
    return "<quiz>\n" + "\n".join(lines) + f"\n\n{after}\n</quiz>"


def render_case(case: Case) -> str:
    """A case's text as the admonition above its questions."""
    body = "\n".join(("    " + line) if line.strip() else "" for line in case.text.splitlines())
    return f'!!! example "Casus: {case.title}"\n{body}'


def render_bank(bank: Bank, from_page: str, docs: Path) -> str:
    """The bank as mkdocs-quiz markdown, with links relative to the including page."""
    parts = ["<!-- mkdocs-quiz intro -->"]
    for item in bank.items:
        if isinstance(item, Case):
            parts.append(render_case(item))
            parts.extend(_render_question(q, from_page, docs) for q in item.questions)
        else:
            parts.append(_render_question(item, from_page, docs))
    parts.append("<!-- mkdocs-quiz results -->")
    return "\n\n".join(parts) + "\n"


def module_duration(bank: Bank, docs: Path) -> int | None:
    page = content_model.load_page(docs / bank.page, docs)
    duur = page.meta.get("duur")
    return duur if isinstance(duur, int) else None


# --- module facts (audience, duration, objectives) from a module page's front matter ----

AUDIENCE_PLURAL = {
    "docent": "docenten",
    "mentor": "mentoren",
    "zorgcoördinator": "zorgcoördinatoren",
    "veiligheidscoördinator": "veiligheidscoördinatoren",
    "schoolleider": "schoolleiders",
    "bestuur": "bestuurders",
    "ketenpartner": "ketenpartners",
}


def _dutch_list(items: list) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def render_module_facts(meta: dict, bank: Bank | None = None) -> str:
    """Audience, duration and objectives as a visible block, from the page's front matter."""
    audience = meta.get("doelgroep") or []
    audience = [audience] if isinstance(audience, str) else audience
    lines = ['<div class="module-feiten" markdown>', ""]
    if audience:
        lines.append(f"**Voor wie:** {_dutch_list([AUDIENCE_PLURAL.get(a, a) for a in audience])}  ")
    duur = meta.get("duur")
    if isinstance(duur, int):
        test = f", met een toets van {len(bank.questions)} vragen" if bank else ""
        lines.append(f"**Duur:** ongeveer {duur} minuten{test}  ")
    goals = meta.get("leerdoelen") or []
    if goals:
        lines += ["**Leerdoelen.** Na deze module kun je:", ""]
        lines += [f"- {goal}" for goal in goals]
    lines += ["", "</div>"]
    return "\n".join(lines)


# --- stable keys for a learner's stored answers ---------------------------------------

# mkdocs-quiz numbers the quizzes of a page by position (id="quiz-0", for="quiz-0-1", value="1")
# and stores a learner's answers in localStorage under those ids and values. Inserting or moving
# a question in the bank would then move saved answers onto other questions. After mkdocs-quiz
# has written its HTML, every position is replaced by the question's own `id` from the bank, and
# every option value by a key made from the option's text: a stored answer stays with its question
# (and option), and the answer to a deleted question matches nothing (docs/assets/voortgang.js
# drops it).
QUIZ_DIV_RE = re.compile(r'<div class="quiz[ "][^>]*\bid="quiz-(\d+)"')
QUIZ_TOKEN_RE = re.compile(r'(?<=["#])quiz-(\d+)(?=["-])')
OPTION_VALUE_RE = re.compile(r'value="(\d+)" id="quiz-([\w-]+?)-(\d+)"')


def question_key(question: Question) -> str:
    """The element id of a question on its page and its key in the learner's stored progress."""
    return f"quiz-{question.id}"


def option_key(option) -> str:
    return hashlib.sha1(option.text.strip().encode("utf-8")).hexdigest()[:10]


def key_by_question_id(html: str, bank: Bank) -> str:
    """The quiz HTML of a bank's page with stable ids and option values (see above)."""
    questions = bank.questions
    found = [int(n) for n in QUIZ_DIV_RE.findall(html)]
    if found != list(range(len(questions))):
        raise ValueError(f"{bank.path}: de pagina heeft {len(found)} toetsvragen, de bank {len(questions)}")
    by_key = {question_key(q): q for q in questions}
    html = QUIZ_TOKEN_RE.sub(lambda m: question_key(questions[int(m.group(1))]), html)

    def value(m: re.Match) -> str:
        question = by_key.get(f"quiz-{m.group(2)}")
        index = int(m.group(1))
        if question is None or index >= len(question.options) or m.group(1) != m.group(3):
            return m.group(0)
        return f'value="{option_key(quiz_order.options_in_order(question)[index])}" id="quiz-{m.group(2)}-{m.group(3)}"'

    return OPTION_VALUE_RE.sub(value, html)
