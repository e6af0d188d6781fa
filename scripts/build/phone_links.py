"""Tap to call: every verified phone number in a page's HTML becomes a ``tel:`` link.

Verified means: on the allowlist config/toegestane-nummers.txt, read by scripts/model/phones.py
(``Allowlist``, through personal_data.Allowlist); this module does not read that file itself. A number
that is not on the allowlist, or a mobile number, is never linked (the personal-data check stops it
anyway).

Only text nodes change. Nothing inside an existing link, code, a heading, a form control or its
label, a ``<summary>``, a script or style, and never an attribute. The link text is the number as
the editor wrote it; the href is the model's ``Phone.href`` (RFC 3966, see scripts/model/phones.py):
E.164 for a number that can be called from abroad (0800-2000 -> ``tel:+318002000``), a local number
with ``phone-context=+31`` for one that works only inside the Netherlands (14 070 ->
``tel:14070;phone-context=+31``), ``tel:112`` for the alarm number. A number written without trunk 0
(112, 14 070) right after "art.", "artikel", "lid" or "nr." is an article number, not a phone number,
and is left alone.

The output pass (scripts/build/output_pass.py) links the content of every page of the finished site
with ``linker``; a number already in a link is left alone, so linking twice changes nothing.
tests/build/test_phone_links.py tests the linker and the built site.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from scripts.model import personal_data, phones

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
# "+31 14070": a number without trunk 0 written as if it could be called from abroad (the check
# reports it, phones.written_problem); not linked.
ABROAD_BEFORE_RE = re.compile(rf"(?:\+|00){phones.COUNTRY}{SEP}*(?:\(0\){SEP}*)?$")


def numbers(allow: personal_data.Allowlist) -> list[phones.Phone]:
    """The numbers to link: the allowlist's, without any the model refuses (a mobile number)."""
    return sorted((p for p in allow.phones.phones if allow.phones.allows(p)), key=lambda p: p.national)


def _pattern(phone: phones.Phone) -> str:
    """The ways an editor writes the number: its digits with separators, after the trunk 0 or
    +31 / +31 (0) / 0031 when it has one. A number that works only inside the Netherlands (14 070)
    gets no +31: written that way it cannot be called, so it is not linked either.

    A pattern per listed number rather than phonenumbers' matcher: the matcher reads plain text, and
    this runs on escaped HTML text nodes (``&nbsp;`` between digits) whose text must stay byte for
    byte; it also does not see short numbers (112). Which number a match is, its kind and its href
    still come from the model (``phones.parse``)."""
    digits = phone.dialled[1:] if phone.trunk else phone.dialled
    body = (SEP + "?").join(re.escape(d) for d in digits)
    if not phone.trunk:
        return body
    country = str(phones.COUNTRY)
    abroad = rf"|\+{country}{SEP}?(?:\(0\){SEP}?)?|00{country}{SEP}?" if phone.international else ""
    return rf"(?:0{SEP}?{abroad})" + body


@dataclass(frozen=True)
class Linker:
    regex: re.Pattern
    by_national: dict  # national number -> phones.Phone

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
        return cls(regex, {n.national: n for n in nums})

    def number_of(self, text: str) -> phones.Phone | None:
        """The allowlisted number a matched piece of text stands for."""
        phone = phones.parse(html.unescape(text))
        return self.by_national.get(phone.national) if phone else None

    def link_text(self, text: str) -> str:
        """One text node (HTML-escaped): every allowlisted number wrapped in a tel: link."""
        if not DIGIT.search(text):
            return text

        def repl(match: re.Match) -> str:
            number = self.number_of(match.group(0))
            if number is None:
                return match.group(0)
            before = text[:match.start()]
            if not number.trunk and (phones.ARTICLE_BEFORE_RE.search(before) or ABROAD_BEFORE_RE.search(before)):
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
