"""What the ledger routes' bodies must say (decision 68), checked with every bad field named in
English and Bengali (the route's model checks only the JSON types; a missing field reaches here)."""

from __future__ import annotations

from datetime import date
from typing import Any

from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.errors import FieldError, validation_failed
from chalicelib.domain.revenue.ledger import ADJUSTMENT_REASONS
from chalicelib.domain.revenue.receipts import METHODS

MAX_POISHA = 10**12
MAX_NOTE = 500


def _amount(body: dict[str, Any], errors: list[FieldError]) -> int:
    value = body.get("amount")
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_POISHA:
        return value
    errors.append(FieldError("amount", "Give the amount in poisha, more than zero", "টাকার পরিমাণ পয়সায় দিন, শূন্যের বেশি"))
    return 0


def _text(body: dict[str, Any], name: str, least: int, errors: list[FieldError]) -> str:
    value = body.get(name)
    text = value.strip() if isinstance(value, str) else ""
    if least <= len(text) <= MAX_NOTE:
        return text
    errors.append(
        FieldError(
            name,
            f"Write {least} to {MAX_NOTE} characters",
            f"{bn_digits(least)} থেকে {bn_digits(MAX_NOTE)} অক্ষরের মধ্যে লিখুন",
        )
    )
    return ""


def _choice(body: dict[str, Any], name: str, choices: tuple[str, ...], errors: list[FieldError]) -> str:
    value = body.get(name)
    if isinstance(value, str) and value in choices:
        return value
    errors.append(FieldError(name, f"One of: {', '.join(choices)}", f"এগুলোর একটি: {', '.join(choices)}"))
    return ""


def _done(errors: list[FieldError]) -> None:
    if errors:
        raise validation_failed(errors)


def payment(body: dict[str, Any]) -> tuple[str, int, date | None]:
    """(method, amount in poisha, the day the dues it pays were priced on, if given) of
    POST /v1/holdings/{id}/payments."""
    errors: list[FieldError] = []
    method, amount = _choice(body, "method", METHODS, errors), _amount(body, errors)
    as_of = _day(body.get("as_of"), errors)
    _done(errors)
    return method, amount, as_of


def _day(raw: Any, errors: list[FieldError]) -> date | None:
    if raw is None:
        return None
    if isinstance(raw, str) and len(raw) == 10:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    errors.append(FieldError("as_of", "the dues' as_of date, YYYY-MM-DD", "বকেয়ার as_of তারিখ, YYYY-MM-DD"))
    return None


def adjustment(body: dict[str, Any]) -> tuple[str, int, str, str | None]:
    """(reason code, amount, note, line id or None) of POST /v1/holdings/{id}/adjustments."""
    errors: list[FieldError] = []
    reason = _choice(body, "reason_code", tuple(sorted(ADJUSTMENT_REASONS)), errors)
    amount, note = _amount(body, errors), _text(body, "note", 1, errors)
    line_id = body.get("line_id")
    if line_id is not None and not (isinstance(line_id, str) and 0 < len(line_id) <= 100):
        errors.append(FieldError("line_id", "A line of the holding's dues", "হোল্ডিংয়ের দাবির একটি লাইন দিন"))
    _done(errors)
    return reason, amount, note, line_id or None


def cancellation(body: dict[str, Any]) -> str:
    """The reason of POST /v1/receipts/{no}/cancel."""
    errors: list[FieldError] = []
    reason = _text(body, "reason", 3, errors)
    _done(errors)
    return reason
