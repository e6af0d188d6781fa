"""The phone rule (scripts/model/phones.py) on the invented numbers of tests/phone_fixtures.py: what kind
of number each is, how it is written, and that its tel: link is valid RFC 3966 and calls it (judged by
phone_fixtures.tel_problem, not by the model)."""
from __future__ import annotations

import pytest

import phone_fixtures as fx
from scripts.model import phones


@pytest.mark.parametrize("written, national, abroad", fx.NUMBERS, ids=[n[0] for n in fx.NUMBERS])
def test_every_kind_of_organisation_number_gets_a_valid_tel_link(written, national, abroad):
    phone = phones.parse(written)
    assert phone is not None and phone.national == national
    assert phone.kind != phones.PERSONAL
    assert fx.tel_problem(phone.href, national) is None, phone.href
    if abroad is not None:
        assert phone.international is abroad
    assert phones.parse(phone.shown) == phone  # the usual spelling reads back as the same number


@pytest.mark.parametrize("number", [fx.MUNICIPAL, fx.MUNICIPAL_LONG], ids=["14-0xx", "14-0xxx"])
def test_14_plus_area_code_is_a_local_number_with_phone_context(number):
    written, national, _abroad = number
    phone = phones.parse(written)
    assert phone.kind == phones.DOMESTIC
    assert phone.href == f"tel:{national};phone-context=+31"
    assert phone.shown == written and not phone.trunk


def test_alarm_number_stays_tel_112_and_other_short_numbers_get_a_context():
    assert phones.parse("112").kind == phones.ALARM and phones.parse("112").href == "tel:112"
    assert phones.parse(fx.HARMONISED[0]).href == f"tel:{fx.HARMONISED[1]};phone-context=+31"


def test_full_numbers_are_e164():
    for written, national, _abroad in (fx.COMPANY, fx.FREE, fx.PAID, fx.GEOGRAPHIC):
        assert phones.parse(written).href == f"tel:+31{national}"
        assert phones.parse(written).trunk


def test_mobile_number_is_personal():
    assert phones.parse(fx.MOBILE).kind == phones.PERSONAL
    assert not phones.Allowlist((phones.parse(fx.MOBILE),)).allows(phones.parse(fx.MOBILE))


@pytest.mark.parametrize("text", ["bel ons", "14 099", "+49 30 1234567", "2026", ""])
def test_what_is_no_dutch_number(text):
    assert phones.parse(text) is None


def test_finder_sees_full_numbers_and_the_listed_short_ones_only():
    text = (f"Bel {fx.MUNICIPAL[0]}, {fx.COMPANY[0]} of {fx.MOBILE}; bij spoed 112 of {fx.HARMONISED[0]}. "
            "Zie art. 112 Sr, BWBR0008804 en 2026-11-29; 1.116 meldingen.")
    found = [f.raw for f in phones.find(text, {112, fx.HARMONISED[1]})]
    assert found == [fx.MUNICIPAL[0], fx.COMPANY[0], fx.MOBILE, "112", fx.HARMONISED[0]]
    assert [f.raw for f in phones.find(text)] == [fx.MUNICIPAL[0], fx.COMPANY[0], fx.MOBILE]


def test_written_problem_only_for_a_domestic_number_with_31():
    [wrong] = phones.find(f"Bel +31 {fx.MUNICIPAL[0]}.")
    assert phones.written_problem(wrong) and fx.MUNICIPAL[0] in phones.written_problem(wrong)
    for text in (fx.MUNICIPAL[0], f"+31 {fx.GEOGRAPHIC[0][1:]}", fx.COMPANY[0]):
        assert all(phones.written_problem(f) is None for f in phones.find(text)), text
