"""What the revenue refusals say (DESIGN §8: every 4xx clear in English and in Bengali): who may
do what instead of an operation's name, the minimum and what is owed in taka (Bengali digits in
Bengali), and schedule messages whose Bengali has no English words in it."""

from __future__ import annotations

import re

import pytest

from chalicelib.api.problems import problem_body
from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.errors import AppError, not_found, validation_failed
from chalicelib.domain.revenue import access
from chalicelib.domain.revenue.ledger import LedgerError, apportion, check_minimum
from chalicelib.domain.revenue.lines import DemandLine
from chalicelib.domain.revenue.schedule import parse_schedule
from chalicelib.domain.revenue.settle import write_down

LATIN = re.compile(r"[A-Za-z0-9]")


def _bengali_only(text: str, allowed: tuple[str, ...] = ()) -> bool:
    """Bengali words and digits: no Latin letter or ASCII digit outside the `allowed` tokens."""
    for token in sorted(allowed, key=len, reverse=True):
        text = text.replace(token, "")
    return bool(text.strip()) and not LATIN.search(text)


def _line(amount: int) -> DemandLine:
    return DemandLine("2026-27#holding_tax#1", "H1", "2026-27", "holding_tax", 1, "2026-09-30", amount)


def _refusal(call: object) -> LedgerError:
    with pytest.raises(LedgerError) as caught:
        call()  # type: ignore[operator]
    return caught.value


def test_a_part_payment_below_the_minimum_says_the_minimum_and_what_is_owed() -> None:
    err = _refusal(lambda: check_minimum(5_000, 2_650_050, 10_000))
    assert err.code == "below_minimum_payment"
    assert "Tk 100.00" in err.detail and "Tk 26,500.50" in err.detail
    assert "৳১০০.০০" in err.detail_bn and "৳২৬,৫০০.৫০" in err.detail_bn and _bengali_only(err.detail_bn)
    body = problem_body(err.problem())
    assert (body["status"], body["detail"], body["detail_bn"]) == (422, err.detail, err.detail_bn)


def test_a_payment_over_what_is_owed_says_what_is_owed() -> None:
    err = _refusal(lambda: apportion([_line(26_500)], 26_501))
    assert err.code == "payment_exceeds_due" and "Tk 265.01" in err.detail and "Tk 265.00" in err.detail
    assert "৳২৬৫.০০" in err.detail_bn and _bengali_only(err.detail_bn)
    err = _refusal(lambda: write_down([_line(26_500)], 0, 30_000, "waiver", "approver", "A1"))
    assert err.code == "invalid_adjustment" and "Tk 265.00" in err.detail and "৳২৬৫.০০" in err.detail_bn


def test_every_operation_refused_says_who_may_in_both_languages() -> None:
    assert set(access.WHO_MAY) == set(access.POLICY)
    for operation in access.POLICY:
        err = access.refused(operation)
        body = problem_body(err)
        assert body["status"] == 403 and operation not in body["detail"] and "." not in body["detail"]
        assert _bengali_only(body["detail_bn"], ("LGD",)), operation
    for en, bn in (access.OWN_CASH, access.CITIZENS_ONLY):
        assert en and _bengali_only(bn)


def test_a_bad_schedule_is_explained_in_bengali_without_english_words() -> None:
    document = {
        "office_kind": "ward",
        "reassessment_years": 99,
        "valuation": {"method": "guess", "standard_rent": {}},
        "heads": [{"code": 1, "rate_bp": -1}, "x"],
        "instalments": {"count": 3, "due_day": 40},
        "rebates": [{"by": "13-40", "rate_bp": 20_000}],
        "surcharge": "late",
        "minimum_part_payment": -1,
        "settlement_order": ["current"],
        "overpayment": "keep",
    }
    with pytest.raises(AppError) as caught:
        parse_schedule(document)
    errors = caught.value.errors
    assert len(errors) >= 12
    codes = ("union", "pourashava", "city_corporation", "annual_rent", "standard_rent", "refuse", "advance", "MM-DD")
    for e in errors:
        assert _bengali_only(e.message_bn, codes), e
    assert problem_body(caught.value)["detail_bn"] == f"{bn_digits(len(errors))}টি তথ্য ঠিক করতে হবে"


def test_a_missing_thing_is_named_in_bengali() -> None:
    assert problem_body(not_found("Holding"))["detail_bn"] == "এমন কোনো হোল্ডিং নেই"
    assert "detail_bn" not in problem_body(not_found("Something new"))  # the title says it
    assert problem_body(validation_failed([]))["detail_bn"] == "০টি তথ্য ঠিক করতে হবে"
