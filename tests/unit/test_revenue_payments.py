"""The ledger services' pure steps (domain/revenue/settle.py, decision 68) over random demands and
random sequences of payments, cancellations and adjustments: what is settled adds up to what was
paid (less the advance), never exceeds what is owed, a cancellation restores exactly what its
receipt settled, and folding every posting over the opening demand gives the lines as stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from chalicelib.domain.revenue import settle
from chalicelib.domain.revenue.assessment import price_today
from chalicelib.domain.revenue.dues import dues
from chalicelib.domain.revenue.ledger import (
    REBATE,
    Apportionment,
    LedgerError,
    Overpayment,
    Posting,
    PostingKind,
    balances,
)
from chalicelib.domain.revenue.lines import DemandLine, LineKind
from chalicelib.domain.revenue.schedule import default_schedule

SETTINGS = settings(max_examples=150, deadline=None)
TODAY = date(2026, 12, 7)


@st.composite
def demands(draw: st.DrawFn) -> tuple[DemandLine, ...]:
    count = draw(st.integers(min_value=1, max_value=10))
    return tuple(
        DemandLine(
            line_id=f"L{i}",
            account_id="H1",
            fiscal_year=draw(st.sampled_from(["2024-25", "2025-26", "2026-27"])),
            head=draw(st.sampled_from(["holding_tax", "conservancy", "lighting"])),
            instalment=draw(st.integers(min_value=1, max_value=4)),
            due_on=draw(st.sampled_from(["2024-09-30", "2025-09-30", "2026-09-30", "2026-12-31"])),
            amount=draw(st.integers(min_value=0, max_value=300_000)),
            kind=draw(st.sampled_from([LineKind.CURRENT, LineKind.SURCHARGE])),
        )
        for i in range(count)
    )


steps = st.lists(
    st.tuples(
        st.sampled_from(["pay", "pay", "pay_all", "cancel", "adjust", "adjust_line"]),
        st.integers(min_value=-10, max_value=1_500_000),
        st.integers(min_value=0, max_value=20),
    ),
    max_size=12,
)
CC = default_schedule("city_corporation")  # rebates 10%/7.5%/5% by 30 Sep/31 Dec/31 Mar; 15% surcharge
DAYS = [date(2026, 8, 1), TODAY, date(2027, 3, 31), date(2027, 7, 10)]  # tiers, and past 2026-27


def _replay(
    opening: tuple[DemandLine, ...], booked: dict[str, DemandLine], log: list[Posting]
) -> dict[str, DemandLine]:
    """Every posting folded over the opening demand and the surcharge lines payments booked (each
    from nothing); a withdrawn surcharge line folds to nothing owed and nothing paid."""
    folded = balances((*opening, *(replace(line, amount=0, paid=0) for line in booked.values())), log)
    return {line.line_id: line for line in folded}


@SETTINGS
@given(
    opening=demands(),
    script=steps,
    policy=st.sampled_from(["refuse", "advance"]),
    minimum=st.sampled_from([0, 10_000]),
    order=st.permutations(list(LineKind)),
    day=st.sampled_from(DAYS),
    priced=st.booleans(),
)
def test_payments_cancellations_and_adjustments_keep_the_ledger_exact(
    opening: tuple[DemandLine, ...],
    script: list[tuple[str, int, int]],
    policy: Overpayment,
    minimum: int,
    order: list[LineKind],
    day: date,
    priced: bool,
) -> None:
    opening = settle.as_of(opening, day)
    pricing = settle.Pricing(CC, day) if priced else None
    lines, advance = opening, 0
    log: list[Posting] = []
    booked: dict[str, DemandLine] = {}
    receipts: list[Apportionment] = []
    paid_in = adjusted = 0
    for n, (op, offered, pick) in enumerate(script):
        before, amount = settle.owed(lines), offered
        try:
            if op in ("pay", "pay_all"):
                shown = dues(lines, CC, day) if priced else None
                if op == "pay_all":
                    amount = shown.total_payable if shown else before
                out = settle.pay(
                    lines, advance, amount, f"p{n}", order=order, overpayment=policy, minimum=minimum, pricing=pricing
                )
                share = out.apportionment
                assert share.settled + share.advance == amount
                cost = settle.owed(lines) + sum(p for _, p in share.booked) - sum(p for _, p in share.rebates)
                assert share.settled == min(amount, cost)
                assert share.settled <= before + sum(p for _, p in share.booked)
                if shown is not None and amount == shown.total_payable:  # what dues show is what paying costs
                    assert settle.owed(out.lines) == 0 and share.advance == 0
                if shown is not None and amount > shown.total_payable:
                    assert policy == "advance"
                _check_rebates(lines, out, day)
                event("rebate earned" if share.rebates else "no rebate")
                event("surcharge booked" if share.booked else "no surcharge booked")
                # cancelling it at once gives back exactly the account as it was
                back = settle.cancel(out.lines, out.advance, share, f"x{n}")
                assert (back.lines, back.advance) == (lines, advance)
                receipts.append(share)
                booked |= {x.line_id: x for x in out.lines if x.line_id in dict(share.booked)}
                paid_in += amount
            elif op == "cancel":
                if not receipts:
                    continue
                share = receipts.pop(pick % len(receipts))
                out = settle.cancel(lines, advance, share, f"c{n}")
                withdrawn = sum(p.poisha for p in out.postings if p.kind is PostingKind.WITHDRAWAL)
                assert settle.owed(out.lines) == before + share.settled + sum(p for _, p in share.rebates) - withdrawn
                event("surcharge withdrawn" if withdrawn else "nothing withdrawn")
                paid_in -= share.settled + share.advance
            else:
                line_id = lines[pick % len(lines)].line_id if op == "adjust_line" and lines else None
                out = settle.write_down(lines, advance, amount, "waiver", "head", f"a{n}", line_id=line_id, order=order)
                assert settle.owed(out.lines) == before - amount
                adjusted += amount
        except LedgerError:
            continue  # refused: nothing changes
        lines, advance = out.lines, out.advance
        log.extend(out.postings)
        assert all(0 <= line.paid <= line.amount for line in lines)
    # folding every posting over the opening demand gives the lines as they stand
    folded = _replay(opening, booked, log)
    assert {line.line_id: line for line in lines} == {k: v for k, v in folded.items() if v.amount or k not in booked}
    # all money still on the ledger: what it settled plus the advance it holds, less the rebates
    rebated = sum(p.poisha for p in log if p.reason == REBATE and p.kind is PostingKind.ADJUSTMENT)
    rebated -= sum(p.poisha for p in log if p.reason == REBATE and p.kind is PostingKind.REVERSAL)
    settled = sum(line.paid for line in lines)
    assert settled + advance == paid_in + adjusted + rebated
    assert settled <= sum(line.amount for line in lines)


def _check_rebates(lines: tuple[DemandLine, ...], out: settle.Outcome, day: date) -> None:
    """A rebate is the line's price today, never more than it owed, and only on a line the payment
    settled in full."""
    before = {line.line_id: line for line in lines}
    after = {line.line_id: line for line in out.lines}
    for line_id, poisha in out.apportionment.rebates:
        assert 0 < poisha <= before[line_id].outstanding
        assert poisha == price_today(before[line_id], CC, day)[0] and after[line_id].outstanding == 0


def test_a_line_of_an_earlier_year_is_an_arrear_and_counts_as_arrears() -> None:
    old = DemandLine("2025-26#holding_tax#4", "H1", "2025-26", "holding_tax", 4, "2026-06-30", 5_000, paid=1_000)
    new = DemandLine("2026-27#holding_tax#1", "H1", "2026-27", "holding_tax", 1, "2026-09-30", 7_000)
    lines = settle.as_of((new, old), TODAY)
    assert [line.kind for line in lines] == [LineKind.CURRENT, LineKind.ARREAR]
    assert settle.arrears(lines, TODAY) == 4_000
    out = settle.pay(lines, 0, 5_000, "p1", minimum=1_000)  # the arrear first, though listed last
    assert out.apportionment.allocations[0] == (old.line_id, 4_000)


def test_a_part_payment_below_the_minimum_and_an_overpayment_are_refused() -> None:
    line = DemandLine("2026-27#holding_tax#1", "H1", "2026-27", "holding_tax", 1, "2026-09-30", 50_000)
    with pytest.raises(LedgerError) as low:
        settle.pay((line,), 0, 9_999, "p1", minimum=10_000)
    assert low.value.code == "below_minimum_payment"
    with pytest.raises(LedgerError) as high:
        settle.pay((line,), 0, 50_001, "p1")
    assert high.value.code == "payment_exceeds_due"
    held = settle.pay((line,), 0, 50_001, "p1", overpayment="advance")
    assert held.advance == 1 and held.lines[0].outstanding == 0
    with pytest.raises(LedgerError) as used:
        settle.cancel(held.lines, 0, held.apportionment, "c1")
    assert used.value.code == "ledger_inconsistent"


def test_dues_are_priced_today_and_a_bill_holds_until_the_next_price_change() -> None:
    from chalicelib.domain.revenue.dues import due_by, dues
    from chalicelib.domain.revenue.schedule import default_schedule

    cc = default_schedule("city_corporation")  # rebates: 10% by 30 Sep, 7.5% by 31 Dec, 5% by 31 Mar
    old = DemandLine("2025-26#holding_tax#4", "H1", "2025-26", "holding_tax", 4, "2026-06-30", 10_000)
    new = DemandLine("2026-27#holding_tax#2", "H1", "2026-27", "holding_tax", 2, "2026-12-31", 20_000)
    paid = DemandLine("2026-27#holding_tax#1", "H1", "2026-27", "holding_tax", 1, "2026-09-30", 5_000, paid=5_000)
    priced = dues((new, paid, old), cc, TODAY)
    assert [(p.line_id, p.kind) for p in priced.lines] == [(old.line_id, "arrear"), (new.line_id, "current")]
    assert (priced.lines[0].surcharge, priced.lines[0].payable) == (1_500, 11_500)  # 15% once its year is over
    assert (priced.lines[1].rebate, priced.lines[1].payable) == (1_500, 18_500)  # 7.5% until 31 Dec
    assert priced.total_due == 30_000 and priced.total_payable == 30_000 and priced.minimum_payment == 10_000
    assert priced.lines[1].head_name_bn == "হোল্ডিং কর"
    assert due_by(priced.lines, cc, TODAY) == date(2026, 12, 22)  # 15 days
    assert due_by(priced.lines, cc, date(2026, 12, 20)) == date(2026, 12, 31)  # the rebate changes on 1 January


def test_request_bodies_name_every_bad_field_in_both_languages() -> None:
    from chalicelib.domain.errors import AppError
    from chalicelib.domain.revenue import requests

    assert requests.payment({"method": "cash", "amount": 10_000}) == ("cash", 10_000, None)
    assert requests.payment({"method": "cash", "amount": 10_000, "as_of": "2026-10-01"})[2] == date(2026, 10, 1)
    with pytest.raises(AppError) as stale:
        requests.payment({"method": "cash", "amount": 10_000, "as_of": "2026-13-01"})
    assert [e.field for e in stale.value.errors] == ["as_of"] and stale.value.errors[0].message_bn
    with pytest.raises(AppError) as bad:
        requests.adjustment({"reason_code": "mercy", "amount": True, "note": " "})
    assert [e.field for e in bad.value.errors] == ["reason_code", "amount", "note"]
    assert all(e.message_bn for e in bad.value.errors)
    with pytest.raises(AppError) as short:
        requests.cancellation({"reason": "no"})
    assert short.value.errors[0].field == "reason"


def test_a_year_whose_surcharge_is_booked_is_not_surcharged_again_when_priced() -> None:
    from datetime import date

    from chalicelib.domain.revenue.dues import dues as priced_dues
    from chalicelib.domain.revenue.lines import DemandLine, LineKind
    from chalicelib.domain.revenue.schedule import default_schedule

    schedule = default_schedule("pourashava")
    old = DemandLine("2024-25#holding_tax#4", "H1", "2024-25", "holding_tax", 4, "2025-06-30", 100_000)
    today = date(2026, 8, 1)
    before = priced_dues((old,), schedule, today)
    assert before.lines[0].surcharge == 15_000  # the year is over: 15% priced, not yet booked
    booked = DemandLine(
        "2024-25#surcharge#1", "H1", "2024-25", "surcharge", 1, "2026-07-01", 15_000, kind=LineKind.SURCHARGE
    )
    after = priced_dues((old, booked), schedule, today)
    assert {line.line_id: line.surcharge for line in after.lines} == {old.line_id: 0, booked.line_id: 0}
    assert after.total_payable == 115_000
    assert next(line for line in after.lines if line.line_id == booked.line_id).head_name_bn == "সারচার্জ"


def test_paying_the_payable_figure_in_a_rebate_window_settles_the_line_and_books_the_rebate() -> None:
    line = DemandLine("2026-27#holding_tax#1", "H1", "2026-27", "holding_tax", 1, "2026-09-30", 100_000)
    august = date(2026, 8, 1)
    shown = dues((line,), CC, august)
    assert (shown.total_due, shown.total_payable, shown.lines[0].rebate) == (100_000, 90_000, 10_000)
    out = settle.pay((line,), 0, 90_000, "p1", pricing=settle.Pricing(CC, august))
    assert settle.owed(out.lines) == 0 and out.advance == 0
    assert [(p.kind, p.poisha, p.reason, p.approver) for p in out.postings] == [
        (PostingKind.PAYMENT, 90_000, None, None),
        (PostingKind.ADJUSTMENT, 10_000, REBATE, "schedule"),
    ]
    with pytest.raises(LedgerError) as more:  # the face value is more than a full payment costs today
        settle.pay((line,), 0, 100_000, "p1", pricing=settle.Pricing(CC, august))
    assert more.value.code == "payment_exceeds_due"
    back = settle.cancel(out.lines, out.advance, out.apportionment, "p1X")
    assert back.lines == (line,) and [p.reason for p in back.postings] == [None, REBATE]


def test_a_part_payment_earns_no_rebate_and_the_rest_is_priced_when_paid() -> None:
    line = DemandLine("2026-27#holding_tax#1", "H1", "2026-27", "holding_tax", 1, "2026-09-30", 100_000)
    august = date(2026, 8, 1)
    part = settle.pay((line,), 0, 50_000, "p1", minimum=10_000, pricing=settle.Pricing(CC, august))
    assert part.apportionment.rebates == () and part.lines[0].outstanding == 50_000
    assert dues(part.lines, CC, august).total_payable == 45_000  # 10% off what is left, if paid whole
    rest = settle.pay(part.lines, 0, 45_000, "p2", pricing=settle.Pricing(CC, august))
    assert settle.owed(rest.lines) == 0 and rest.apportionment.rebates == ((line.line_id, 5_000),)


def test_a_late_payment_books_the_year_surcharge_dues_showed_and_cancelling_takes_it_back() -> None:
    schedule = default_schedule("pourashava")  # 15% once the year is over, no grace, no rebates
    old = DemandLine("2024-25#holding_tax#4", "H1", "2024-25", "holding_tax", 4, "2025-06-30", 100_000)
    new = DemandLine("2026-27#holding_tax#1", "H1", "2026-27", "holding_tax", 1, "2026-09-30", 20_000)
    lines = settle.as_of((old, new), TODAY)
    shown = dues(lines, schedule, TODAY)
    assert (shown.total_due, shown.total_payable) == (120_000, 135_000)
    pricing = settle.Pricing(schedule, TODAY)
    paid = settle.pay(lines, 0, 135_000, "p1", order=schedule.settlement_order, pricing=pricing)
    assert settle.owed(paid.lines) == 0 and paid.apportionment.booked == (("2024-25#surcharge#1", 15_000),)
    assert paid.postings[0] == Posting(PostingKind.DEMAND, "2024-25#surcharge#1", 15_000, "p1")
    back = settle.cancel(paid.lines, paid.advance, paid.apportionment, "p1X")
    assert back.lines == lines and dues(back.lines, schedule, TODAY) == shown
    assert back.postings[-1] == Posting(PostingKind.WITHDRAWAL, "2024-25#surcharge#1", 15_000, "p1X")
    # a part payment books the surcharge too, so it is not charged twice nor shrinks as the rest is paid
    part = settle.pay(lines, 0, 50_000, "p2", order=schedule.settlement_order, minimum=10_000, pricing=pricing)
    assert dues(part.lines, schedule, TODAY).total_payable == 135_000 - 50_000
