"""SMS texts are data; each must fit its segment budget (one UCS-2 segment for a routine notice, two
for one carrying an official's reason) with the longest realistic values it can get."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from chalicelib.domain import codes
from chalicelib.domain.catalog import catalog, sms_holds, sms_texts
from chalicelib.domain.consent import heirs_to_ask, outstanding
from chalicelib.domain.notices import case_template, fill, retry_delay, segment_budget, taka
from chalicelib.domain.sms_text import segments
from chalicelib.domain.workflow import workflows
from chalicelib.services.offices import ESCALATION
from local.samples import DECEASED

LONGEST_TYPE = max((t.name_bn for t in catalog().all()), key=len)
WORST = {
    "tracking_no": codes.display(codes.new_code()),
    "certificate_no": codes.display(codes.new_code()),
    "type_bn": LONGEST_TYPE,
    # an office may set a fee up to 10,000 taka (services/administration.py), plus the platform fee
    "fee": taka(1_000_000 + 3_000 + 50),
    "note": "জমির দলিলের কপি অস্পষ্ট; নতুন করে স্ক্যান করে দিন এবং ওয়ার্ড সদস্যের প্রত্যয়নপত্র যুক্ত করুন। " * 5,
    "code": "৯৯৯৯৯৯",
    "minutes": "১০",
    "amount": taka(1_000_000 + 3_000 + 50),
    "refund_ref": "59bd63fea5455",  # the longer of the gateways' refund ids (SSLCommerz 13, bKash 10)
    "officer_bn": max((o["name_bn"] for o in ESCALATION.values()), key=len),
    "link": "https://dev.sonodsheba.gov.bd/c#" + "W" * 11,  # the heir's consent link (issue 12)
    # revenue (issue 14): a long register number, a receipt number, a date
    "holding_no": "১২৩৪/ক/৫৬৭৮",
    "receipt_no": codes.display(codes.new_code()),
    "due_on": "৩০/০৯/২০২৬",
}


@pytest.mark.parametrize("name", sorted(sms_texts()))
def test_every_text_fits_its_segment_budget(name: str) -> None:
    text = fill(sms_texts()[name], WORST)
    assert segments(text) <= segment_budget(sms_texts()[name]), (name, len(text), text)
    assert re.search(r"[\u0980-\u09FF]", text), "texts are Bengali"


def test_routine_notices_are_one_segment_and_only_reasons_take_two() -> None:
    two = sorted(name for name, text in sms_texts().items() if segment_budget(text) == 2)
    assert two == ["action.record_consent_exception", "case.changes_requested", "case.rejected", "case.revoked"]
    assert segments("ক" * 70) == 1 and segments("ক" * 71) == 2


def test_every_hold_names_statuses_that_have_texts() -> None:
    for status, rule in sms_holds().items():
        assert case_template(sms_texts(), status, "") and case_template(sms_texts(), rule.replaced_by, "")
        assert 0 < rule.seconds <= 300


def test_every_status_a_case_can_enter_has_a_text() -> None:
    statuses = {r.target for v in workflows().variants() for r in workflows().rules(v).values() if r.target}
    statuses.add(workflows().initial)
    missing = {s for s in statuses if case_template(sms_texts(), s, "") is None}
    assert not missing


def test_a_long_reason_is_shortened_not_dropped() -> None:
    text = fill(sms_texts()["case.rejected"], WORST)
    assert "কারণ: জমির দলিলের" in text and text.endswith("…")
    short = fill(sms_texts()["case.rejected"], {**WORST, "note": "ভুল তথ্য"})
    assert short.endswith("কারণ: ভুল তথ্য")


def test_action_specific_text_wins() -> None:
    assert "ফি পেয়েছি" in fill(str(case_template(sms_texts(), "submitted", "pay")), WORST)
    assert "নগদ" in fill(str(case_template(sms_texts(), "submitted", "record_payment")), WORST)
    assert case_template(sms_texts(), "submitted", "ward_verify") == sms_texts()["case.submitted"]


def test_money_in_bengali_digits() -> None:
    assert taka(23000) == "২৩০"
    assert taka(12050) == "১২০.৫০"


def test_retry_delays_grow_and_stop_growing() -> None:
    delays = [retry_delay(n) for n in range(1, 9)]
    assert delays[0] == 30 and delays[1] == 120
    assert delays == sorted(delays) and max(delays) == 6 * 3600


def test_adult_heirs_with_a_phone_are_asked_once() -> None:
    today = dt.date(2026, 11, 28)
    heirs = [
        *DECEASED["heirs"],
        {"name_bn": "শিশু", "relation": "son", "dob": "2015-01-01", "phone": "01911000003", "is_adult": "yes"},
        {"name_bn": "আবার", "relation": "son", "phone": "8801811000002", "is_adult": "yes"},
        {"name_bn": "না", "relation": "daughter", "phone": "01611000004", "is_adult": "no"},
    ]
    asked = heirs_to_ask({"heirs": heirs}, today)
    assert [(h.row, h.phone) for h in asked] == [(0, "8801811000002")]
    assert outstanding(asked, {"8801811000002"}) == []
    assert outstanding(asked, set()) == asked
