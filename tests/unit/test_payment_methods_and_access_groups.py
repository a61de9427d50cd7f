"""Issue 12 item 6: a gateway's method text → a code people's words are chosen by; the access log
grouped by case, who, purpose and outcome."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.access_log import grouped
from chalicelib.domain.payment_methods import CODES, method_code, method_of_note, pay_note


@pytest.mark.parametrize(
    ("gateway", "method", "code"),
    [
        ("sslcommerz", "BKASH-BKash", "bkash"),
        ("sslcommerz", "NAGAD-Nagad", "nagad"),
        ("sslcommerz", "DBBLMOBILEB-Dbbl Mobile Banking", "rocket"),
        ("sslcommerz", "UPAY-Upay", "upay"),
        ("sslcommerz", "VISA-Dutch Bangla", "card"),
        ("sslcommerz", "MASTER-Brac bank", "card"),
        ("sslcommerz", "AMEX-City Bank", "card"),
        ("sslcommerz", "CITYTOUCHIB-City Bank", "bank"),
        ("sslcommerz", "IBBLIB-Islami Bank", "bank"),
        ("sslcommerz", "", "online"),
        ("sslcommerz", "SOMETHINGNEW-Brand", "online"),
        ("bkash", "bKash", "bkash"),
        ("cash", "cash", "cash"),
    ],
)
def test_a_gateways_method_text_is_a_code(gateway: str, method: str, code: str) -> None:
    assert method_code(gateway, method) == code
    assert code in CODES
    assert method_of_note(pay_note(gateway, method)) == code


def test_the_timeline_note_keeps_the_gateways_text() -> None:
    assert pay_note("sslcommerz", "BKASH-BKash") == "sslcommerz BKASH-BKash"  # for audit, as it was


def _look(at: str, case: str | None, role: str = "secretary", purpose: str = "case review") -> dict[str, Any]:
    return {
        "at": at,
        "who": {"kind": "staff", "id": f"union-1.{role}", "name_bn": "", "name_en": role, "role": role},
        "purpose": purpose,
        "certificate_no": None,
        "outcome": "viewed",
        "case_id": case,
        "case": {"tracking_no": case, "type": "character"} if case else None,
        "office_id": "union-1",
    }


def test_looks_group_by_case_who_and_purpose_most_recent_first() -> None:
    entries = [  # newest first, as the log lists them
        _look("2026-12-06T10:05:00+00:00", "CASE1"),
        _look("2026-12-06T10:04:00+00:00", "CASE2", "ward_member"),
        _look("2026-12-06T10:03:00+00:00", "CASE1"),
        _look("2026-12-06T10:02:00+00:00", "CASE1", "signatory"),
        _look("2026-12-06T10:01:00+00:00", "CASE1"),
        {
            "at": "2026-12-05T09:00:00+00:00",
            "who": {"kind": "agency", "id": "police", "name_bn": "পুলিশ", "name_en": "Police"},
            "purpose": "verification",
            "certificate_no": "CERT1",
            "outcome": "mismatch",
            "case_id": None,
            "case": None,
            "office_id": None,
        },
    ]
    groups = grouped(entries)
    summary = [(g["case"] and g["case"]["tracking_no"], g["who"].get("role"), g["count"]) for g in groups]
    assert summary == [
        ("CASE1", "secretary", 3),
        ("CASE2", "ward_member", 1),
        ("CASE1", "signatory", 1),
        (None, None, 1),
    ]
    first = groups[0]
    assert (first["latest_at"], first["first_at"]) == ("2026-12-06T10:05:00+00:00", "2026-12-06T10:01:00+00:00")
    assert "id" not in first["who"]  # an official: by role and office, not by account
    assert groups[-1]["who"]["id"] == "police" and groups[-1]["outcome"] == "mismatch"
    assert len({g["key"] for g in groups}) == len(groups)
    # The same group on the next page carries the same key: a client adds the counts up.
    assert grouped(entries[2:3])[0]["key"] == first["key"]
