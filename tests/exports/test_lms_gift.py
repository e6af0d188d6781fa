"""The GIFT files as a real GIFT reader sees them: gift-pegjs 1.0.2 (node_modules/gift-pegjs, the PEG
grammar of Moodle's GIFT format) parses every file the site serves, and what it reads must match the
quiz model: the same questions per module in the same order, the same types, one right answer for
single choice, weights adding up to 100% for multiple answers, and feedback on every wrong option.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.exports import quiz_export
from scripts.model import quiz_model, quiz_order

from conftest import ROOT

PARSE = """
const parser = require("gift-pegjs");
const fs = require("fs");
const out = {};
for (const file of process.argv.slice(1)) {
  try {
    out[file] = { questions: parser.parse(fs.readFileSync(file, "utf8")) };
  } catch (e) {
    out[file] = { error: String(e.message) + (e.location ? " at line " + e.location.start.line : "") };
  }
}
process.stdout.write(JSON.stringify(out));
"""

@pytest.fixture(scope="module")
def banks(banks):
    """The real banks in the site's module order, as every export lists them (quiz_order)."""
    return quiz_order.in_module_order(banks)



def gift_parse(paths: list) -> dict:
    node = shutil.which("node")
    if not node:
        pytest.fail("node ontbreekt: installeer nodejs (make node)")
    assert (ROOT / "node_modules" / "gift-pegjs").is_dir(), "gift-pegjs ontbreekt: npm ci (make node)"
    run = subprocess.run(
        [node, "-e", PARSE, *map(str, paths)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def parsed(built_site, banks):
    export = built_site / quiz_export.EXPORT_DIR
    paths = [export / f"{quiz_export.ALL_NAME}.gift.txt"] + [export / f"{b.name}.gift.txt" for b in banks]
    result = gift_parse(paths)
    for path in paths:
        assert "error" not in result[str(path)], (path.name, result[str(path)].get("error"))
    return {Path(k).name: v["questions"] for k, v in result.items()}


def questions(items: list) -> list:
    return [q for q in items if q["type"] != "Category"]


def test_every_module_file_has_the_questions_of_its_bank(parsed, banks):
    for bank in banks:
        items = parsed[f"{bank.name}.gift.txt"]
        assert [q["title"] for q in questions(items)] == [q.id for q in bank.questions], bank.name
        assert [q["title"] for q in items if q["type"] == "Category"] == [f"$course$/top/{quiz_export.category(bank)}"]


def test_the_course_file_has_every_module_in_its_own_category(parsed, banks):
    items = parsed[f"{quiz_export.ALL_NAME}.gift.txt"]
    assert [q["title"] for q in items if q["type"] == "Category"] == [
        f"$course$/top/{quiz_export.category(b)}" for b in banks
    ]
    assert [q["title"] for q in questions(items)] == [q.id for b in banks for q in b.questions]


def test_types_answers_weights_and_feedback(parsed, banks):
    for bank in banks:
        for item, q in zip(questions(parsed[f"{bank.name}.gift.txt"]), bank.questions):
            where = f"{bank.path}:{q.line} ({q.id})"
            choices = item["choices"]
            assert item["globalFeedback"]["text"].strip(), where
            if q.kind == "invullen":
                assert item["type"] == "Short", where
                assert [c["text"]["text"] for c in choices] == [q.answer], where
                assert all(c["isCorrect"] for c in choices), where
                continue
            assert item["type"] == "MC", where
            options = quiz_order.options_in_order(q)  # the order of every output
            assert len(choices) == len(options), where
            for choice, option in zip(choices, options):
                assert choice["text"]["text"] == quiz_export._html(option.text), where
            if q.kind == "enkelvoudig":
                assert [c["isCorrect"] for c in choices] == [o.correct for o in options], where
                assert sum(c["isCorrect"] for c in choices) == 1, where
                wrong = [c for c in choices if not c["isCorrect"]]
            else:
                weights = [c["weight"] for c in choices]
                assert all(w is not None for w in weights), where
                assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=0.01), where
                assert [w > 0 for w in weights] == [o.correct for o in options], where
                wrong = [c for c in choices if c["weight"] <= 0]
            for choice in wrong:
                assert choice["feedback"] and choice["feedback"]["text"].strip(), (where, choice["text"]["text"])


def test_the_reader_rejects_broken_gift(tmp_path):
    """The check above can fail: an unescaped brace is a parse error with a line."""
    broken = tmp_path / "kapot.gift.txt"
    broken.write_text("::a::Vraag met { in de tekst {\n=ja\n~nee\n}\n", encoding="utf-8")
    assert "error" in gift_parse([broken])[str(broken)]
