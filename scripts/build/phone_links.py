"""Tap to call: every verified phone number in a page's HTML becomes a ``tel:`` link.

Verified means: on the allowlist config/toegestane-nummers.txt, read by scripts/model/personal_data.py
(``Allowlist``); this module does not read that file itself. A number that is not on the
allowlist is never linked (the personal-data check stops it anyway).

Only text nodes change. Nothing inside an existing link, code, a heading, a form control or its
label, a ``<summary>``, a script or style, and never an attribute. The link text is the number as
the editor wrote it; the href is the number in E.164 form (0800-2000 -> ``tel:+318002000``), a
short number such as 112 stays as it is (``tel:112``). A short number right after "art.",
"artikel", "lid" or "nr." is an article number, not a phone number, and is left alone.

The build step is TapToCall (run by scripts/build/plugin.py, after the plugins have written the page
content); tests/build/test_phone_links.py tests both.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
from phonenumbers import shortnumberinfo

from scripts.model import personal_data

REGION = "NL"
LINK_CLASS = "tel"
# Inside these elements no number is linked: links and other interactive content (a link inside
# a label or summary would call instead of choosing or opening), code, headings, raw text.
SKIP_TAGS = frozenset(
    "a button code h1 h2 h3 h4 h5 h6 kbd label option pre samp script select style summary svg "
    "template textarea title".split()
)
# Separators an editor may write between the digits of one number.
SEP = r"(?:[ \u00a0\u2010\u2011-]|&nbsp;|&#160;|&#xa0;)"
# Tokens of an HTML fragment: comments, raw-text elements whole, tags (quotes respected), text.
TOKEN_RE = re.compile(
    r"<!--.*?-->"
    r"|<(script|style|textarea|title)\b[^>]*>.*?</\1\s*>"
    r"|</?[A-Za-z][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>",
    re.S | re.I,
)
TAG_NAME_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
DIGIT = re.compile(r"\d")
ARTICLE_BEFORE_RE = re.compile(r"(?:\bart\.?|\bartikel|\blid|\bnr\.?|§)\s*$", re.I)


@dataclass(frozen=True)
class Number:
    national: int  # phonenumbers' national number, as personal_data.Allowlist holds it
    short: bool  # a short number (112): no trunk prefix, no country code

    @property
    def href(self) -> str:
        if self.short:
            return f"tel:{self.national}"
        parsed = phonenumbers.PhoneNumber(country_code=phonenumbers.country_code_for_region(REGION),
                                          national_number=self.national)
        return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _is_short(national: int) -> bool:
    parsed = phonenumbers.PhoneNumber(country_code=phonenumbers.country_code_for_region(REGION),
                                      national_number=national)
    return shortnumberinfo.is_valid_short_number_for_region(parsed, REGION) and not phonenumbers.is_valid_number(parsed)


def numbers(allow: personal_data.Allowlist) -> list[Number]:
    return [Number(n, _is_short(n)) for n in sorted(allow.numbers)]


def _pattern(number: Number) -> str:
    body = (SEP + "?").join(re.escape(d) for d in str(number.national))
    if number.short:
        return body
    country = str(phonenumbers.country_code_for_region(REGION))
    prefix = rf"(?:0{SEP}?|\+{country}{SEP}?(?:\(0\){SEP}?)?|00{country}{SEP}?)"
    return prefix + body


@dataclass(frozen=True)
class Linker:
    regex: re.Pattern
    by_digits: dict  # national digits -> Number

    @classmethod
    def from_allowlist(cls, allow: personal_data.Allowlist) -> "Linker":
        nums = numbers(allow)
        # Longest first, so 0900-111 3111 is not cut short by a shorter number.
        alternatives = sorted((_pattern(n) for n in nums), key=len, reverse=True)
        if not alternatives:
            return cls(re.compile(r"(?!x)x"), {})
        regex = re.compile(
            rf"(?=[+\d])(?<![\w.,/+\-–])(?:{'|'.join(alternatives)})(?!{SEP}?\d|[.,/]\d|\w|-\w)"
        )
        return cls(regex, {str(n.national): n for n in nums})

    def number_of(self, text: str) -> Number | None:
        """The allowlisted number a matched piece of text stands for."""
        try:
            national = phonenumbers.parse(html.unescape(text), REGION).national_number
        except phonenumbers.NumberParseException:
            return None
        return self.by_digits.get(str(national))

    def link_text(self, text: str) -> str:
        """One text node (HTML-escaped): every allowlisted number wrapped in a tel: link."""
        if not DIGIT.search(text):
            return text

        def repl(match: re.Match) -> str:
            number = self.number_of(match.group(0))
            if number is None:
                return match.group(0)
            if number.short and ARTICLE_BEFORE_RE.search(text[:match.start()]):
                return match.group(0)
            return f'<a class="{LINK_CLASS}" href="{number.href}">{match.group(0)}</a>'

        return self.regex.sub(repl, text)

    def link_html(self, fragment: str) -> str:
        """An HTML fragment with every allowlisted number in its text nodes linked."""
        if not self.regex.search(fragment):  # most of the work is skipped on a page without numbers
            return fragment
        out: list[str] = []
        depth = 0  # how many skip elements we are inside
        pos = 0
        for token in TOKEN_RE.finditer(fragment):
            text = fragment[pos:token.start()]
            out.append(self.link_text(text) if text and depth == 0 else text)
            tag = token.group(0)
            name = TAG_NAME_RE.match(tag)
            whole = token.group(1) is not None or tag.startswith("<!--")  # comment or raw-text element
            if name and not whole and name.group(2).lower() in SKIP_TAGS and not tag.endswith("/>"):
                depth = max(0, depth - 1) if name.group(1) else depth + 1
            out.append(tag)
            pos = token.end()
        rest = fragment[pos:]
        out.append(self.link_text(rest) if rest and depth == 0 else rest)
        return "".join(out)


def linker(config_dir: Path = personal_data.CONFIG) -> Linker:
    """The linker for a project's config folder, from its allowlist as it is now."""
    return Linker.from_allowlist(personal_data.Allowlist.load(Path(config_dir)))


class TapToCall:
    """Build step, one per build: the linker is made from the allowlist once, on the first page."""

    def __init__(self):
        self.linker: Linker | None = None

    def on_page_content(self, html, page, config, files):
        if self.linker is None:
            self.linker = linker(Path(config["config_file_path"]).resolve().parent / "config")
        return self.linker.link_html(html)
