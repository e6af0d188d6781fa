"""The one phone rule: which Dutch numbers the site recognises, which of them are personal data, how
an editor may list one in config/toegestane-nummers.txt, and the ``tel:`` link each one gets.

Used by the personal-data check (scripts/model/personal_data.py, run by scripts/checks/privacy.py),
by tap to call in the build (scripts/build/phone_links.py) and by the tests; nothing else decides
what a phone number is.

What a number is comes from the pinned ``phonenumbers`` library (libphonenumber's metadata for the
Netherlands), not from our own patterns:

| kind (``Phone.kind``) | examples                                  | ``tel:`` link                    |
|-----------------------|-------------------------------------------|----------------------------------|
| ``alarm``             | 112                                       | ``tel:112``                      |
| ``kort``              | 116 000, 116 111 (short numbers)          | ``tel:116000;phone-context=+31`` |
| ``alleen-nl``         | 14 070, 14 0118 (14 + area code)          | ``tel:14070;phone-context=+31``  |
| ``landelijk``         | 070 ..., 088 ..., 0800 ..., 0900 ...      | ``tel:+31701234567`` (E.164)     |
| ``persoonlijk``       | 06 ... (mobile), 066 ... (pager)          | none: personal data, refused     |

The link follows RFC 3966 (https://www.rfc-editor.org/rfc/rfc3966). A number that can be called from
abroad is a global number: ``+31`` and the national number without the trunk 0 (section 5.1.4). A
number that works only inside the Netherlands has no global form, so it is a local number, and a
local number must carry a ``phone-context`` (sections 3 and 5.1.5); with a global number prefix as
descriptor, that is the country code: ``tel:14070;phone-context=+31``. Making it ``+3114070`` would
be a syntactically valid link to a number that does not exist (the bug of issue 31). 14 + area code
numbers are exactly what libphonenumber lists as "no international dialling" for NL
(``phonenumbers.can_be_internationally_dialled``), so no own list of area codes is needed. 112 stays
``tel:112``: it is the same number in every EU network and on every GSM phone, and every dialler
calls it as written (RFC 3966's grammar would want a context there too; we keep what phones expect).

A phone hands the digits before ``;`` to its network; the ``phone-context`` only says where the number
is valid. Some Android diallers treat ``;`` as their "wait" sign and offer what follows as tones after
the call is connected; the call itself goes to the right number either way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType, shortnumberinfo

from scripts.model import content_model
from scripts.model.findings import Finding

REGION = "NL"
COUNTRY = phonenumbers.country_code_for_region(REGION)  # 31
CONTEXT = f"+{COUNTRY}"  # RFC 3966 phone-context of a number that works only inside the Netherlands
ALLOWLIST_FILE = "toegestane-nummers.txt"  # in config/

ALARM, SHORT, DOMESTIC, NATIONAL, PERSONAL = "alarm", "kort", "alleen-nl", "landelijk", "persoonlijk"
# Numbers of a person, never of an organisation: refused even when someone lists one.
PERSONAL_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.PAGER, PhoneNumberType.PERSONAL_NUMBER})

# What an editor may write between the digits of a short number (116 000); phone_links.SEP is the
# same set in HTML, with its entities.
SEPARATOR = "[ \u00a0\u2010\u2011-]"
# A text that is a number and nothing else: digits, separators, a leading + and (0).
ONLY_A_NUMBER_RE = re.compile(rf"\s*\+?(?:[0-9()]|{SEPARATOR})+\s*")
# An allowlist line: the number, then '#', the organisation and 'bron: https://...'.
SOURCE_RE = re.compile(r"\bbron\s*:\s*https://\S+", re.I)


def _number(national: int) -> phonenumbers.PhoneNumber:
    return phonenumbers.PhoneNumber(country_code=COUNTRY, national_number=national)


@dataclass(frozen=True)
class Phone:
    """One Dutch number, known by its national number (phonenumbers' ``national_number``: 14070,
    112, 8002000 for 0800-2000)."""

    national: int

    @property
    def number(self) -> phonenumbers.PhoneNumber:
        return _number(self.national)

    @property
    def kind(self) -> str | None:
        """ALARM, SHORT, DOMESTIC, NATIONAL or PERSONAL; None when it is no Dutch number at all."""
        number = self.number
        if phonenumbers.is_valid_number_for_region(number, REGION):
            if phonenumbers.number_type(number) in PERSONAL_TYPES:
                return PERSONAL
            return NATIONAL if phonenumbers.can_be_internationally_dialled(number) else DOMESTIC
        if shortnumberinfo.is_valid_short_number_for_region(number, REGION):
            return ALARM if shortnumberinfo.is_emergency_number(self.dialled, REGION) else SHORT
        return None

    @property
    def dialled(self) -> str:
        """The digits as dialled inside the Netherlands: 0701234567, 14070, 112."""
        digits = phonenumbers.format_number_for_mobile_dialing(self.number, REGION, with_formatting=False)
        return digits or str(self.national)  # short numbers: the library gives '' for some of them

    @property
    def shown(self) -> str:
        """The usual way to write it: 070 123 4567, 14 070, 0800 2000, 112."""
        if self.kind in (ALARM, SHORT):
            return self.dialled
        return phonenumbers.format_number(self.number, PhoneNumberFormat.NATIONAL)

    @property
    def trunk(self) -> bool:
        """Written with the trunk prefix 0 (070 ..., 0800 ...); 14 070 and 112 are not."""
        return self.dialled.startswith("0")

    @property
    def international(self) -> bool:
        """Can be called from abroad as +31 ...: the numbers with a global tel: link."""
        return self.kind in (NATIONAL, PERSONAL)

    @property
    def href(self) -> str:
        """The RFC 3966 tel: URI (see the module docstring)."""
        kind = self.kind
        if kind == ALARM:
            return f"tel:{self.dialled}"
        if kind in (SHORT, DOMESTIC):
            return f"tel:{self.dialled};phone-context={CONTEXT}"
        return "tel:" + phonenumbers.format_number(self.number, PhoneNumberFormat.E164)


def parse(text: str) -> Phone | None:
    """The Dutch number a piece of text stands for ('14 070', '+31 70 123 4567', '112', 'tel:...'),
    or None when it is none. The text is the number only: '0800-2000 of 112' is none (the library
    alone would read one long number in it)."""
    if not (ONLY_A_NUMBER_RE.fullmatch(text) or text.startswith("tel:")):
        return None
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != COUNTRY:
        return None
    phone = Phone(number.national_number)
    return phone if phone.kind else None


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    raw: str  # as written
    phone: Phone


def find(text: str, short: frozenset | set = frozenset()) -> list[Found]:
    """Every full Dutch number in a piece of plain text (phonenumbers' matcher: geographic, 088,
    0800/0900, 14 + area code, mobile), and every short number of ``short`` (national numbers,
    such as an allowlist's 112) written as a whole word, not as an article number ('art. 112')."""
    found = [Found(m.start, m.end, m.raw_string, Phone(m.number.national_number))
             for m in phonenumbers.PhoneNumberMatcher(text, REGION)
             if m.number.country_code == COUNTRY and Phone(m.number.national_number).kind]
    for national in short:
        # The matcher leaves short numbers alone (they are not full numbers), so these few are
        # looked up as digits; which numbers they are comes from the caller's list.
        phone = Phone(national)
        if phone.kind not in (ALARM, SHORT):
            continue
        body = f"{SEPARATOR}?".join(phone.dialled)
        for m in re.finditer(rf"(?<![\w.,/+\-–]){body}(?![\w]|[-.,/]\w|\s\d)", text):
            if not ARTICLE_BEFORE_RE.search(text[:m.start()]):
                found.append(Found(m.start(), m.end(), m.group(0), phone))
    return sorted(found, key=lambda f: f.start)


def written_problem(found: Found) -> str | None:
    """What is wrong with how a number is written, for the check: a number that works only inside
    the Netherlands written with +31 or 0031 cannot be called that way (and is not linked)."""
    if found.phone.kind in (DOMESTIC, SHORT) and re.match(r"\s*(?:\+|00)", found.raw):
        return (f"telefoonnummer '{found.raw}' werkt alleen binnen Nederland: schrijf het zonder +31, "
                f"zo: {found.phone.shown}")
    return None


# A short number right after "art.", "artikel", "lid", "nr." or "§" is an article number.
ARTICLE_BEFORE_RE = re.compile(r"(?:\bart\.?|\bartikel|\blid|\bnr\.?|§)\s*$", re.I)


@dataclass
class Allowlist:
    """config/toegestane-nummers.txt: the numbers of organisations that may stand on the site, each
    with its source. ``problems`` are its bad lines, as findings with file and line."""

    phones: tuple = ()  # Phone, in the order of the file
    problems: list = field(default_factory=list)

    @property
    def numbers(self) -> frozenset:
        """The national numbers on the list (what the personal-data check compares)."""
        return frozenset(p.national for p in self.phones)

    def allows(self, phone: Phone) -> bool:
        return phone.kind != PERSONAL and phone.national in self.numbers

    @classmethod
    def load(cls, config: Path, shown: str | None = None) -> "Allowlist":
        path = Path(config) / ALLOWLIST_FILE
        shown = shown or f"config/{ALLOWLIST_FILE}"
        phones, problems = [], []
        for line, entry, comment in content_model.list_entries(path):
            phone = parse(entry)
            if phone is None:
                problems.append(Finding(shown, line, f"'{entry}' is geen Nederlands telefoonnummer. Schrijf het "
                                                     "nummer zoals u het belt, bijvoorbeeld 0800-2000, 14 070 of 112."))
                continue
            if phone.kind == PERSONAL:
                problems.append(Finding(shown, line, f"'{entry}' is een mobiel of persoonlijk nummer (06): dat is "
                                                     "een persoonsgegeven en mag niet op de lijst. Zet hier alleen een "
                                                     "algemeen nummer van een organisatie."))
                continue
            if not SOURCE_RE.search(comment):
                problems.append(Finding(shown, line, f"'{entry}' heeft geen bron. Zet achter het nummer "
                                                     "'# organisatie — bron: https://...' (de pagina waar het nummer staat)."))
            phones.append(phone)
        return cls(tuple(phones), problems)
