"""Validates and normalises the form a citizen fills for a certificate type.

Digits of any script are accepted wherever digits are expected and numbers are stored in their
canonical form (domain/canonical.py), so keys, hashes and comparisons do not depend on which
keyboard the citizen used. Text refuses control and bidi characters.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.canonical import (
    UNSAFE_TEXT,
    UNSAFE_TEXT_BN,
    ascii_digits,
    is_unsafe_text,
    normalise_phone,
    number,
)
from chalicelib.domain.catalog import CertificateType, FieldSpec
from chalicelib.domain.errors import FieldError

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_BENGALI_LETTERS = re.compile(r"[\u0980-\u09FF]")
_LATIN_LETTERS = re.compile(r"[A-Za-z]")
MIN_YEAR = 1900  # the earliest date of any form (web/app/lib/validate.mjs MIN_YEAR)
# The Bengali name a case is known by (its holder, the deceased, or the business), first present first.
NAME_FIELDS = ("holder_name_bn", "deceased_name_bn", "business_name_bn")


class _Invalid(ValueError):
    def __init__(self, message: str, message_bn: str):
        super().__init__(message)
        self.message_bn = message_bn


def _digits(value: Any, lengths: tuple[int, ...]) -> str:
    text = number(value, lengths)
    if text is None:
        # A message never names its field: the English one is a predicate after the field's path,
        # the Bengali one follows the field's own label (validate), so neither repeats the label.
        raise _Invalid(f"must be {_either(lengths, 'or')} digits", f"{_either(lengths, 'বা', bn_digits)} অঙ্কের হতে হবে")
    return text


def _either(values: tuple[int, ...], word: str, digits: Callable[[object], str] = str) -> str:
    """(10, 13, 17) -> '10, 13 or 17'; with Bengali digits and 'বা' for Bengali."""
    *rest, last = (digits(v) for v in values)
    return f"{', '.join(rest)} {word} {last}" if rest else last


def _date(value: Any, spec: FieldSpec, today: dt.date) -> str:
    try:
        day = dt.date.fromisoformat(ascii_digits(str(value)).strip())
    except ValueError:
        raise _Invalid("must be a date as YYYY-MM-DD", "সঠিক তারিখ নয়") from None
    if day.year < MIN_YEAR:
        raise _Invalid(f"cannot be before {MIN_YEAR}", f"{bn_digits(MIN_YEAR)} সালের আগের হতে পারে না")
    if spec.validation.get("past") and day > today:
        raise _Invalid("cannot be in the future", "ভবিষ্যতের তারিখ হতে পারে না")
    return day.isoformat()


def _integer(value: Any, spec: FieldSpec) -> int:
    text = ascii_digits(str(value)).strip()
    # at most 30 digits: int() refuses text of over 4,300 digits (a ValueError, then a 500)
    if isinstance(value, bool) or not re.fullmatch(r"-?\d{1,30}", text):
        raise _Invalid("must be a whole number", "পূর্ণসংখ্যা দিন")
    number = int(text)
    if spec.type in ("money",) and number < 0:
        raise _Invalid("cannot be negative", "ঋণাত্মক হতে পারে না")
    lo, hi = spec.validation.get("min"), spec.validation.get("max")
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        raise _Invalid(f"must be between {lo} and {hi}", f"{bn_digits(lo)} থেকে {bn_digits(hi)} এর মধ্যে হতে হবে")
    return number


def _text(value: Any, spec: FieldSpec) -> str:
    if not isinstance(value, str):
        raise _Invalid("must be text", "লেখা দিন")
    if is_unsafe_text(value):
        raise _Invalid(UNSAFE_TEXT, UNSAFE_TEXT_BN)
    text = " ".join(value.split())
    rules = spec.validation
    default_max = 2000 if spec.type == "textarea" else 200
    if len(text) > rules.get("max_length", default_max):
        raise _Invalid(f"is longer than {rules.get('max_length', default_max)} characters", "লেখাটি বেশি দীর্ঘ")
    if len(text) < rules.get("min_length", 0):
        raise _Invalid(f"is shorter than {rules['min_length']} characters", "লেখাটি বেশি ছোট")
    script = rules.get("script")
    if script == "bn" and (not _BENGALI_LETTERS.search(text) or _LATIN_LETTERS.search(text)):
        raise _Invalid("must be written in Bengali", "বাংলায় লিখুন")
    if script == "latin" and (_BENGALI_LETTERS.search(text) or not _LATIN_LETTERS.search(text)):
        raise _Invalid("must be written in English letters", "ইংরেজি অক্ষরে লিখুন")
    if "pattern" in rules and not re.fullmatch(rules["pattern"], ascii_digits(text)):
        raise _Invalid("has the wrong format", "সঠিক আকারে লিখুন")
    return text


def _select(value: Any, spec: FieldSpec) -> str:
    allowed = {o["value"] for o in spec.options}
    if value not in allowed:
        raise _Invalid(f"must be one of: {', '.join(sorted(allowed))}", "তালিকা থেকে একটি বেছে নিন")
    return str(value)


def _phone(value: Any) -> str:
    phone = normalise_phone(str(value))
    if phone is None:
        raise _Invalid(
            "must be 11 digits starting with 01, for example 01711000000",
            "০১ দিয়ে শুরু ১১ অঙ্কের হতে হবে, যেমন ০১৭১১০০০০০০",
        )
    return phone


def _email(value: Any) -> str:
    if not isinstance(value, str) or not _EMAIL.match(value.strip()) or is_unsafe_text(value):
        raise _Invalid("must be an email address", "সঠিক ইমেইল ঠিকানা দিন")
    return value.strip()


_SCALARS: dict[str, Callable[[Any, FieldSpec, dt.date], Any]] = {
    "text": lambda v, s, t: _text(v, s),
    "textarea": lambda v, s, t: _text(v, s),
    "date": _date,
    "nid": lambda v, s, t: _digits(v, (10, 13, 17)),
    "brn": lambda v, s, t: _digits(v, (17,)),
    "phone": lambda v, s, t: _phone(v),
    "number": lambda v, s, t: _integer(v, s),
    "money": lambda v, s, t: _integer(v, s),
    "year": lambda v, s, t: int(_digits(v, (4,))),
    "select": lambda v, s, t: _select(v, s),
    "email": lambda v, s, t: _email(v),
}


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _validate_fields(
    specs: tuple[FieldSpec, ...], values: dict[str, Any], prefix: str, today: dt.date, errors: list[FieldError]
) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    known = {s.name for s in specs}
    for name in sorted(set(values) - known):
        errors.append(FieldError(prefix + name, "is not a field of this form", "এই ফর্মে এমন কোনো ঘর নেই"))
    for spec in specs:
        value = values.get(spec.name)
        if _is_blank(value):
            partner = spec.validation.get("required_with")
            if spec.required:
                errors.append(FieldError(prefix + spec.name, "is required", f"{spec.label_bn} আবশ্যক"))
            elif partner and not _is_blank(values.get(partner)):
                # e.g. an heir's date of birth once their NID is given: the registry check needs both
                given = next((s.label_en for s in specs if s.name == partner), partner)
                errors.append(
                    FieldError(prefix + spec.name, f"is required when the {given} is given", f"{spec.label_bn} আবশ্যক")
                )
            continue
        try:
            if spec.type == "table":
                clean[spec.name] = _table(value, spec, prefix + spec.name, today, errors)
            elif isinstance(value, dict | list):  # every other field holds one value, never a container
                raise _Invalid("must be a single value, not a list or an object", "একটি মান দিন")
            else:
                clean[spec.name] = _SCALARS[spec.type](value, spec, today)
        except _Invalid as exc:
            errors.append(FieldError(prefix + spec.name, str(exc), f"{spec.label_bn}: {exc.message_bn}"))
    return clean


def _table(value: Any, spec: FieldSpec, path: str, today: dt.date, errors: list[FieldError]) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        raise _Invalid("must be a list of rows", "সারির তালিকা দিন")
    lo, hi = spec.validation.get("min_rows", 0), spec.validation.get("max_rows", 50)
    if not lo <= len(value) <= hi:
        raise _Invalid(f"must have {lo} to {hi} rows", f"{lo} থেকে {hi}টি সারি দিন")
    return [_validate_fields(spec.columns, row, f"{path}[{i}].", today, errors) for i, row in enumerate(value)]


def validate_form(ctype: CertificateType, values: Any, today: dt.date) -> tuple[dict[str, Any], list[FieldError]]:
    """Returns (normalised values, errors). Values are only usable when errors is empty."""
    errors: list[FieldError] = []
    if not isinstance(values, dict):
        return {}, [FieldError("fields", "must be an object", "ফর্মের তথ্য সঠিক নয়")]
    clean = _validate_fields(ctype.fields, values, "fields.", today, errors)
    for group in ctype.require_one_of:
        if not any(name in clean for name in group) and not any(
            e.field.startswith(tuple(f"fields.{n}" for n in group)) for e in errors
        ):
            labels = [ctype.field(n) for n in group]
            bn = " অথবা ".join(f.label_bn for f in labels if f)
            message = f"give at least one of: {', '.join(group)}"
            errors.append(FieldError(f"fields.{group[0]}", message, f"{bn} — অন্তত একটি দিন"))
    return clean, errors


def subject_identity(ctype: CertificateType, clean: dict[str, Any]) -> str | None:
    """'nid:<digits>' or 'brn:<digits>' for the person the case is about (first subject field given)."""
    for name in ctype.subject_fields:
        value = clean.get(name)
        if value:
            spec = ctype.field(name)
            kind = spec.type if spec else "id"
            return f"{kind}:{value}"
    return None


def subject_aliases(subject: str) -> tuple[str, ...]:
    """Every spelling of one person's number that a claim must hold: a 17-digit NID is the
    holder's birth year followed by their older 13-digit NID, so it claims both (a 13-digit
    application for the same person then meets the 17-digit one's claim, and the reverse)."""
    kind, _, digits = subject.partition(":")
    if kind == "nid" and len(digits) == 17 and digits[:2] in ("19", "20"):
        return (subject, f"nid:{digits[4:]}")
    return (subject,)


def validate_values(
    specs: tuple[FieldSpec, ...], values: Any, today: dt.date, prefix: str = ""
) -> tuple[dict[str, Any], list[FieldError]]:
    """Validate a flat object against field specs (profiles, and anything that is not a whole form)."""
    errors: list[FieldError] = []
    if not isinstance(values, dict):
        return {}, [FieldError(prefix.rstrip(".") or "body", "must be an object", "তথ্য সঠিক নয়")]
    return _validate_fields(specs, values, prefix, today, errors), errors
