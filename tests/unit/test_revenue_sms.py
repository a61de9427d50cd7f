"""Revenue SMS (issue 14 item 10): one UCS-2 segment each, with a register number of 11 characters
and an amount up to ৳99,99,999.99, and never the owner's name (the texts have no slot for it)."""

from __future__ import annotations

from chalicelib.domain import codes
from chalicelib.domain.catalog import sms_texts
from chalicelib.domain.notices import fill, taka
from chalicelib.domain.sms_text import segments

WORST = {
    "holding_no": "১২৩৪/ক/৫৬৭৮",
    "amount": taka(99_99_999_99),
    "receipt_no": codes.display(codes.new_code()),
    "due_on": "৩০/০৯/২০২৬",
}


def test_revenue_texts_are_one_segment_at_their_longest() -> None:
    for name in ("revenue.payment", "revenue.bill_due"):
        text = fill(sms_texts()[name], WORST)
        assert segments(text) == 1, (name, len(text), text)


def test_revenue_texts_name_the_holding_not_the_owner() -> None:
    for name in ("revenue.payment", "revenue.bill_due"):
        slots = {part.split("}")[0] for part in sms_texts()[name].split("{")[1:]}
        assert "holding_no" in slots and slots <= set(WORST)
