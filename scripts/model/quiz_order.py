"""The order in which every output shows the modules and the options of a question.

Editors write the right answer of a choice question where they like, often first. Every output (the
site, the SCORM player, QTI 1.2 and 2.1, Moodle XML and GIFT) shows the options in the order of
``options_in_order``: sorted by a stable hash of the question id and the option text. So the order is
the same in every format and on every build, it differs from question to question, and it does not
depend on where the editor wrote the right answer. An option keeps its identity by its text
(quiz_model.option_key), which is what a learner's stored answers point to, so the order can change
without touching stored progress.

Modules follow the site: by the number in their title ("Module 3: ..."), then by title, and banks
without a number come last. quiz_model.load_banks gives them by file name.
"""
from __future__ import annotations

import hashlib
import re

_MODULE_NUMBER = re.compile(r"^\s*module\s+(\d+)\b", re.I)


def _rank(question_id: str, text: str) -> str:
    return hashlib.sha256(f"{question_id}\n{' '.join(text.split())}".encode("utf-8")).hexdigest()


def options_in_order(question) -> list:
    """The options of a choice question in the order every output shows them (see above)."""
    return sorted(question.options, key=lambda option: (_rank(question.id, option.text), option.text))


def module_number(bank) -> int | None:
    match = _MODULE_NUMBER.match(bank.title or "")
    return int(match.group(1)) if match else None


def in_module_order(banks: list) -> list:
    """The banks in the order of the site's modules: Module 1, 2, ... (then any without a number)."""
    def key(bank):
        number = module_number(bank)
        return (number is None, number or 0, bank.title, bank.name)

    return sorted(banks, key=key)
