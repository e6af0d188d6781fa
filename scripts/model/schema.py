"""One way to read YAML with its lines, and one way to declare what a file may hold.

Every YAML source an editor writes (the front matter of a page, a question bank, a register, the key
facts) is read here, by ``compose``: a tree of ``Node``s that know their line in the file, so every
message can say ``bestand:regel``. What a mapping may hold is declared once, as a ``Schema`` of
``Field``s with a Dutch help text; ``Schema.read`` reports unknown, doubled and missing fields and
values of the wrong kind in one wording for every file. What is particular to one kind of file (a
status that needs a date, a question that needs a right answer) stays in its model and reads the
same nodes.

The declared schemas are used by the checks, the build, the scaffolder (``make pagina`` writes each
field's ``default``) and CONTRIBUTING.md (its field table is checked against the page schema).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

import yaml

FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster, keeps the marks


class _Loader(FAST_LOADER):
    """SafeLoader that keeps an impossible date (2026-13-01) as text, so that a check can name the
    field and its line instead of failing on the whole file."""


def _timestamp(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def load_yaml(text: str):
    """Plain Python values, as the build reads them (dates as dates, an impossible date as text)."""
    return yaml.load(text, Loader=_Loader)


class YamlProblem(ValueError):
    """Text that is no valid YAML: ``line`` in the file and a Dutch ``message``."""

    def __init__(self, line: int, message: str):
        super().__init__(f"{line}: {message}")
        self.line, self.message = line, message


def yaml_error(exc: yaml.YAMLError, first_line: int = 1) -> tuple[int, str]:
    """Line and Dutch message for invalid YAML; ``first_line``: the file line of the text's first line."""
    mark = getattr(exc, "problem_mark", None)
    return (mark.line + first_line if mark else 1), f"geen geldige YAML: {getattr(exc, 'problem', None) or exc}"


class Node:
    """One YAML node with its line in the file (from 1)."""

    __slots__ = ("raw", "first_line")

    def __init__(self, raw: yaml.Node, first_line: int = 1):
        self.raw, self.first_line = raw, first_line

    @property
    def line(self) -> int:
        return self.raw.start_mark.line + self.first_line

    @property
    def is_map(self) -> bool:
        return isinstance(self.raw, yaml.MappingNode)

    @property
    def is_seq(self) -> bool:
        return isinstance(self.raw, yaml.SequenceNode)

    @property
    def is_scalar(self) -> bool:
        return isinstance(self.raw, yaml.ScalarNode)

    @property
    def text(self) -> str | None:
        """A scalar as written, without YAML's typing (112 stays '112'); None for a list or mapping."""
        return self.raw.value if self.is_scalar else None

    @property
    def value(self):
        """The plain Python value (dates as dates, numbers as numbers), as the build reads it."""
        loader = _Loader("")
        try:
            return loader.construct_object(self.raw, deep=True)
        finally:
            loader.dispose()

    def pairs(self) -> list[tuple[str, int, "Node"]]:
        """(key, line of the key, value) of a mapping, in file order, doubled keys included."""
        if not self.is_map:
            return []
        return [(str(k.value), k.start_mark.line + self.first_line, Node(v, self.first_line))
                for k, v in self.raw.value]

    def items(self) -> list["Node"]:
        """The items of a list (a single value counts as a list of one)."""
        if self.is_seq:
            return [Node(item, self.first_line) for item in self.raw.value]
        return [self]


def compose(text: str, first_line: int = 1) -> Node | None:
    """The YAML text as a tree of Nodes; None when it is empty. Invalid YAML raises YamlProblem."""
    try:
        raw = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise YamlProblem(*yaml_error(exc, first_line)) from None
    return None if raw is None else Node(raw, first_line)


def read_file(path, report: Callable[[int, str], None], empty: str) -> Node | None:
    """The YAML file as Nodes; None after reporting (line, message) when it is no valid YAML or empty."""
    try:
        node = compose(path.read_text(encoding="utf-8"))
    except YamlProblem as exc:
        report(exc.line, exc.message)
        return None
    if node is None:
        report(1, empty)
    return node


# --------------------------------------------------------------------------- declarations

# What a field holds; each kind has one check and one way to say what is wrong.
TEXT, TEXTS, DATE, NUMBER, BOOL, LIST, ANY = "tekst", "lijst met tekst", "datum", "getal", "ja/nee", "lijst", "vrij"


@dataclass(frozen=True)
class Field:
    name: str
    help: str  # Dutch: what goes in it (messages, CONTRIBUTING's table)
    kind: str = TEXT
    required: bool = False
    choices: tuple = ()  # the allowed values (of the field, or of each item of a list)
    default: object = None  # what `make pagina` writes (a function of the section and title, or a value)
    documented: bool = True  # in CONTRIBUTING's table of fields


@dataclass(frozen=True)
class Schema:
    what: str  # how one such mapping is called in messages: "pagina", "stap", "route", "feit", "vraag"
    fields: tuple[Field, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def read(self, node: Node, report: Callable[[int, str], None], label: str = "",
             missing_line: int | None = None) -> dict[str, Node] | None:
        """The fields of one mapping, {name: value node}. Reports (line, message) for a value that is no
        mapping, an unknown or doubled field, a missing required one (at ``missing_line``, else the
        mapping's line) and a value of the wrong kind. ``label`` starts each message ("stap 'VS-01'")."""
        prefix = f"{label}: " if label else ""
        if not node.is_map:
            report(node.line, f"{label or self.what} moet velden met waarden hebben (veld: waarde)")
            return None
        out: dict[str, Node] = {}
        for key, line, value in node.pairs():
            if key in out:
                report(line, f"{prefix}veld '{key}' staat er twee keer")
            elif key not in self.names:
                report(line, f"{prefix}onbekend veld '{key}' (toegestaan: {', '.join(self.names)})")
            else:
                out[key] = value
        for f in self.fields:
            if f.name not in out and f.required:
                report(node.line if missing_line is None else missing_line, f"{prefix}veld '{f.name}' ontbreekt: {f.help}")
        for name, value in out.items():
            for line, message in kind_problems(self.field(name), value):
                report(line, prefix + message)
        return out


def kind_problems(f: Field, node: Node) -> list[tuple[int, str]]:
    """What is wrong with one value for its field's kind and choices (empty when nothing is)."""
    name, out = f.name, []
    if f.kind == ANY:
        return out
    if f.kind == TEXT:  # any scalar, as written: 112 and 2026-01-02 are text too
        if not node.is_scalar:
            out.append((node.line, f"veld '{name}' moet tekst zijn"))
        elif not node.text.strip():
            out.append((node.line, f"veld '{name}' is leeg"))
        elif f.choices and node.text.strip() not in f.choices:
            out.append((node.line, f"veld '{name}': onbekende waarde '{node.text.strip()}' (kies uit: {', '.join(f.choices)})"))
    elif f.kind == DATE:
        value = node.value if node.is_scalar else None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            out.append((node.line, f"veld '{name}' moet een datum zijn als JJJJ-MM-DD"))
    elif f.kind == NUMBER:
        value = node.value if node.is_scalar else None
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            out.append((node.line, f"veld '{name}' moet een positief getal zijn"))
    elif f.kind == BOOL:
        if not isinstance(node.value if node.is_scalar else None, bool):
            out.append((node.line, f"veld '{name}' moet true of false zijn"))
    elif f.kind in (TEXTS, LIST):
        if f.kind == TEXTS and node.is_scalar and isinstance(node.value, str) and f.choices:
            items = [node]  # doelgroep: docent is a list of one
        elif not node.is_seq or (f.choices and not node.raw.value):
            if f.choices:
                out.append((node.line, f"veld '{name}' moet een lijst zijn met minstens één waarde uit: {', '.join(f.choices)}"))
            elif f.kind == TEXTS:
                out.append((node.line, f"veld '{name}' moet een lijst met tekst zijn"))
            else:
                out.append((node.line, f"veld '{name}' moet een lijst zijn: {f.help}"))
            return out
        else:
            items = node.items()
        if f.kind == TEXTS:
            for index, item in enumerate(items, start=1):
                value = item.value if item.is_scalar else None
                if isinstance(value, int) and not isinstance(value, bool):
                    value = item.text  # a number such as 112 is a fine search word
                if not isinstance(value, str) or not value.strip():
                    hint = (" (bevat de tekst een dubbele punt? Zet hem dan tussen aanhalingstekens)"
                            if item.is_map else "")
                    out.append((item.line, f"veld '{name}': item {index} is geen tekst{hint}"))
                elif f.choices and value not in f.choices:
                    out.append((item.line, f"veld '{name}': onbekende waarde '{value}' (kies uit: {', '.join(f.choices)})"))
    return out


@dataclass
class Reader:
    """Collects the problems of one file as (line, message) and hands them out as Findings."""

    path: str
    problems: list = field(default_factory=list)

    def __call__(self, line: int, message: str) -> None:
        from scripts.model.findings import Finding

        self.problems.append(Finding(self.path, line, message))
