"""The one YAML reader with lines and the declared schemas (scripts/model/schema.py)."""
import re
from pathlib import Path

import pytest

from scripts.model import content_model, schema

ROOT = Path(__file__).resolve().parents[2]

SCHEMA = schema.Schema("item", (
    schema.Field("naam", "de naam", required=True),
    schema.Field("soort", "de soort", choices=("a", "b")),
    schema.Field("datum", "een datum", schema.DATE),
    schema.Field("lijst", "woorden", schema.TEXTS),
    schema.Field("aan", "aan of uit", schema.BOOL),
))


def read(text: str):
    found = []
    fields = SCHEMA.read(schema.compose(text), lambda line, msg: found.append(f"{line}: {msg}"), label="item 'x'")
    return fields, found


def test_a_good_mapping_gives_its_fields_with_lines():
    fields, found = read("naam: Een\nsoort: a\ndatum: 2026-01-02\nlijst: [x, 112]\naan: true\n")
    assert found == []
    assert {k: v.line for k, v in fields.items()} == {"naam": 1, "soort": 2, "datum": 3, "lijst": 4, "aan": 5}
    assert fields["lijst"].items()[1].text == "112"  # a number stays as written


@pytest.mark.parametrize("text,message", [
    ("soort: a\n", "1: item 'x': veld 'naam' ontbreekt: de naam"),
    ("naam: a\nkleur: rood\n", "2: item 'x': onbekend veld 'kleur' (toegestaan: naam, soort, datum, lijst, aan)"),
    ("naam: a\nnaam: b\n", "2: item 'x': veld 'naam' staat er twee keer"),
    ("naam: a\nsoort: c\n", "2: item 'x': veld 'soort': onbekende waarde 'c' (kies uit: a, b)"),
    ("naam: a\ndatum: 2026-13-01\n", "2: item 'x': veld 'datum' moet een datum zijn als JJJJ-MM-DD"),
    ("naam: a\nlijst:\n  - x\n  - {a: b}\n", "4: item 'x': veld 'lijst': item 2 is geen tekst (bevat de tekst een "
                                            "dubbele punt? Zet hem dan tussen aanhalingstekens)"),
    ("naam: a\naan: misschien\n", "2: item 'x': veld 'aan' moet true of false zijn"),
    ("naam: ''\n", "1: item 'x': veld 'naam' is leeg"),
    ("- naam: a\n", "1: item 'x' moet velden met waarden hebben (veld: waarde)"),
])
def test_each_fault_is_named_at_its_line(text, message):
    _, found = read(text)
    assert found == [message]


def test_invalid_yaml_names_its_line():
    with pytest.raises(schema.YamlProblem) as exc:
        schema.compose("a: b\nc: [d\n", first_line=5)
    assert exc.value.line >= 6 and exc.value.message.startswith("geen geldige YAML")


def test_contributing_lists_the_front_matter_fields_of_the_schema():
    """CONTRIBUTING's table of fields is the schema's: the same fields, the required ones marked 'ja'."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z_]+)` \| ([^|]+?) \|", text, re.M))
    documented = {f.name: f for f in content_model.FRONT_MATTER.fields if f.documented}
    assert set(rows) == set(documented)
    assert {name for name, required in rows.items() if required == "ja"} == \
        {name for name, f in documented.items() if f.required}
