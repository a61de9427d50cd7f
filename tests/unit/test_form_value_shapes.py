"""A form field answers any JSON value with a field error, never an exception (issue 11 item 5:
Schemathesis sent `PUT /v1/me` a select field holding an object: TypeError, a 500)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from chalicelib.domain.catalog import catalog, profile_fields
from chalicelib.domain.forms import FieldSpec, validate_values

ODD_VALUES: list[Any] = [{}, {"a": 1}, [1], ["x", "y"], [{}], True, 1.5, -1, 10**30, "9" * 5000, "৯" * 5000]


def every_field_spec() -> list[FieldSpec]:
    specs = list(profile_fields())
    for ctype in catalog().all():
        specs += ctype.fields
        specs += [column for spec in ctype.fields if spec.type == "table" for column in spec.columns]
    return specs


@pytest.mark.parametrize("value", ODD_VALUES, ids=repr)
def test_any_json_value_in_any_field_is_a_field_error_or_accepted(value: Any) -> None:
    specs = every_field_spec()
    assert {s.type for s in specs} >= {"text", "select", "date", "nid", "phone", "number", "table"}
    for spec in specs:
        _, errors = validate_values((spec,), {spec.name: value}, dt.date(2026, 12, 6))
        assert all(e.field.startswith(spec.name) and e.message and e.message_bn for e in errors), (spec.type, errors)


def test_bengali_field_messages_are_bengali() -> None:
    """Review of issue 11: an NID of the wrong length said "… 10 or 13 or 17 অঙ্কের হতে হবে" in
    Bengali, and repeated the field's label after it. Numbers in a Bengali message are in Bengali
    digits (labels from the catalog keep their own examples)."""
    import re

    day = dt.date(2026, 12, 6)
    for spec in every_field_spec():
        for value in ["12345", "-5", 10**7, "abc"]:
            for error in validate_values((spec,), {spec.name: value}, day)[1]:
                own = error.message_bn.removeprefix(f"{spec.label_bn}: ")
                assert not re.search(r"[A-Za-z0-9]", re.sub(r"01XXXXXXXXX|YYYY-MM-DD", "", own)), error
                assert not own.startswith(spec.label_bn), error
