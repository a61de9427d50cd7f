"""Issue 12 item 5/6: the form's messages and rules as the API states them, in step with the web
app's validate.mjs (web/test/app-validate.test.mjs checks the same texts there).

- A message names its field once: the API's English message is a predicate after the field
  ("must be 10, 13 or 17 digits"), its Bengali one follows the label ("<label>: ...").
- A date is a real date from 1900 on (the web app's three fields refuse the same).
- A type that needs one field its fieldset marks optional (a group of one) says so as a required
  field: the type's public form marks it required, and the error is "is required".
"""

from __future__ import annotations

import datetime as dt

import pytest

from chalicelib.domain.catalog import catalog
from chalicelib.domain.forms import MIN_YEAR, validate_form

TODAY = dt.date(2026, 6, 30)
HOLDER = {
    "holder_name_bn": "মোছাঃ রাবেয়া খাতুন",
    "holder_name_en": "Mst. Rabeya Khatun",
    "holder_nid": "1987654321",
    "holder_dob": "1990-04-14",
    "gender": "female",
    "father_name_bn": "মোঃ আব্দুর রহিম",
    "mother_name_bn": "মোছাঃ জোহরা বেগম",
    "village_bn": "সুবিল",
    "post_office_bn": "সুবিল বাজার",
}


def errors_of(code: str, **fields: object) -> dict[str, tuple[str, str]]:
    ctype = catalog().get(code)
    assert ctype is not None
    _, errors = validate_form(ctype, {**HOLDER, **fields}, TODAY)
    return {e.field: (e.message, e.message_bn) for e in errors}


def test_the_nid_message_names_the_field_once() -> None:
    message, message_bn = errors_of("citizenship", holder_nid="12345")["fields.holder_nid"]
    assert message == "must be 10, 13 or 17 digits"
    assert message_bn == "জাতীয় পরিচয়পত্র নম্বর: ১০, ১৩ বা ১৭ অঙ্কের হতে হবে"


def test_every_message_names_its_label_at_most_once() -> None:
    for ctype in catalog().all():
        for spec in ctype.fields:
            bad = {"date": "1990-02-30", "select": "?", "table": "x"}.get(spec.type, "\u0000")
            _, errors = validate_form(ctype, {spec.name: bad}, TODAY)
            for e in errors:
                if e.field == f"fields.{spec.name}":
                    assert spec.label_bn not in e.message_bn.split(":", 1)[-1], (ctype.code, e)
                    assert spec.label_en not in e.message, (ctype.code, e)


def test_a_phone_message_does_not_repeat_mobile_number() -> None:
    ctype = catalog().get("succession")
    assert ctype is not None
    _, errors = validate_form(ctype, {"heirs": [{"phone": "12345"}]}, TODAY)
    (message_bn,) = [e.message_bn for e in errors if e.field == "fields.heirs[0].phone"]
    assert message_bn.count("মোবাইল নম্বর") == 1


@pytest.mark.parametrize(
    ("value", "ok"),
    [("1900-01-01", True), ("1899-12-31", False), ("0990-04-14", False), ("১৯৯০-০৪-১৪", True), ("2026-07-01", False)],
)
def test_dates_are_real_dates_from_1900_and_not_in_the_future(value: str, ok: bool) -> None:
    assert MIN_YEAR == 1900
    assert ("fields.holder_dob" not in errors_of("citizenship", holder_dob=value)) is ok


def test_a_date_before_1900_says_so() -> None:
    message, message_bn = errors_of("citizenship", holder_dob="1850-01-01")["fields.holder_dob"]
    assert message == "cannot be before 1900"
    assert message_bn == "জন্ম তারিখ: ১৯০০ সালের আগের হতে পারে না"


def test_a_group_of_one_is_a_required_field() -> None:
    married = catalog().get("married")
    assert married is not None
    spouse = married.field("spouse_name_bn")
    assert spouse is not None and spouse.required
    assert married.require_one_of == (("holder_nid", "holder_brn"),)
    public = married.public()
    assert [f["required"] for f in public["fields"] if f["name"] == "spouse_name_bn"] == [True]
    assert errors_of("married")["fields.spouse_name_bn"] == ("is required", "স্বামী/স্ত্রীর নাম (বাংলায়) আবশ্যক")
    # the fieldset itself is untouched: a citizenship form still takes no spouse
    citizenship = catalog().get("citizenship")
    assert citizenship is not None
    assert not (citizenship.field("spouse_name_bn") or spouse).required


def test_one_of_still_names_both_fields_and_lands_on_the_first() -> None:
    message, message_bn = errors_of("citizenship", holder_nid="")["fields.holder_nid"]
    assert message == "give at least one of: holder_nid, holder_brn"
    assert message_bn == "জাতীয় পরিচয়পত্র নম্বর অথবা জন্ম নিবন্ধন নম্বর — অন্তত একটি দিন"


def test_the_birth_date_asks_the_browser_for_a_birthday() -> None:
    ctype = catalog().get("character")
    assert ctype is not None
    fields = {f["name"]: f for f in ctype.public()["fields"]}
    assert fields["holder_dob"]["autocomplete"] == "bday"
    assert "autocomplete" not in fields["holder_name_bn"]
