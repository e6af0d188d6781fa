"""Fixture phone numbers for the tests of the phone rule (scripts/model/phones.py): an allowlist as an
editor writes config/toegestane-nummers.txt, and a check of a tel: URI that does not use the model.

The numbers are made up for the tests (verzonnen testnummers) and name no organisation; the sources
are example.org. A 14 + area code number has to use a real area code to be a valid number at all (the
library knows only those), so 14 070 and 14 0118 stand here for the form, not for a gemeente.
"""
from __future__ import annotations

import re
from pathlib import Path

import phonenumbers

# (as written, national number, can be called from abroad)
ALARM = ("112", 112, None)
MUNICIPAL = ("14 070", 14070, False)  # 14 + area code, 5 digits
MUNICIPAL_LONG = ("14 0118", 140118, False)  # 14 + area code, 6 digits
COMPANY = ("088 123 4567", 881234567, True)  # 088: company number
FREE = ("0800-1234", 8001234, True)
PAID = ("0900-123 4567", 9001234567, True)
GEOGRAPHIC = ("070 123 4567", 701234567, True)
HARMONISED = ("116 000", 116000, None)  # 116 xxx: a short number of the same kind in every EU country
NUMBERS = (ALARM, MUNICIPAL, MUNICIPAL_LONG, COMPANY, FREE, PAID, GEOGRAPHIC, HARMONISED)

MOBILE = "06-12345678"  # a person's number: never allowed
OFF_THE_LIST = "020 765 4321"  # a valid number that is not on the fixture list

ALLOWLIST = "# Verzonnen testnummers (fixture), geen echte organisaties.\n" + "".join(
    f"{written:<15}# testorganisatie {i} — bron: https://example.org/bron-{i}\n"
    for i, (written, _n, _abroad) in enumerate(NUMBERS, start=1)
)


def write_config(folder: Path) -> Path:
    """A config/ folder with the fixture allowlist (and no other list)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "toegestane-nummers.txt").write_text(ALLOWLIST, encoding="utf-8")
    return folder


# RFC 3966 section 3, for the digits-only URIs the site writes: a global number (+ and digits), or a
# local number with its phone-context (here a global number prefix).
GLOBAL_RE = re.compile(r"tel:\+[0-9]+")
LOCAL_RE = re.compile(r"tel:(?P<digits>[0-9]+);phone-context=(?P<context>\+[0-9]+)")


def tel_problem(href: str, national: int) -> str | None:
    """Why ``href`` is not a valid tel: URI that calls the Dutch number ``national``, or None. Judged
    without the model: the RFC's grammar, libphonenumber's reading of the URI (it implements
    phone-context) and its "no international dialling" metadata."""
    if href == "tel:112":
        return None if national == 112 else f"{href} belt niet {national}"
    local = LOCAL_RE.fullmatch(href)
    if not (GLOBAL_RE.fullmatch(href) or local):
        return f"{href} is geen geldige tel:-URI (RFC 3966)"
    parsed = phonenumbers.parse(href, None)
    if (parsed.country_code, parsed.national_number) != (31, national):
        return f"{href} belt niet het nummer {national}"
    full = phonenumbers.is_valid_number(parsed)
    abroad = full and phonenumbers.can_be_internationally_dialled(parsed)
    if abroad and local:
        return f"{href}: een nummer dat vanuit het buitenland te bellen is, hoort als +31... in de link"
    if not abroad and not local:
        return f"{href}: dit nummer werkt alleen in Nederland, dus geen +31 maar ;phone-context=+31"
    return None
