"""The ledger services' pure steps (domain/revenue/settle.py, decision 68) over random demands and
random sequences of payments, cancellations and adjustments: what is settled adds up to what was
paid (less the advance), never exceeds what is owed, a cancellation restores exactly what its
receipt settled, and folding every posting over the opening demand gives the lines as stored."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.revenue import settle
from chalicelib.domain.revenue.ledger import LedgerError, Posting, balances
from chalicelib.domain.revenue.lines import DemandLine, LineKind

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
        st.sampled_from(["pay", "cancel", "adjust", "adjust_line"]),
        st.integers(min_value=-10, max_value=1_500_000),
        st.integers(min_value=0, max_value=20),
    ),
    max_size=12,
)


@SETTINGS
@given(
    opening=demands(),
    script=steps,
    policy=st.sampled_from(["refuse", "advance"]),
    minimum=st.sampled_from([0, 10_000]),
    order=st.permutations(list(LineKind)),
)
def test_payments_cancellations_and_adjustments_keep_the_ledger_exact(
    opening: tuple[DemandLine, ...],
    script: list[tuple[str, int, int]],
    policy: str,
    minimum: int,
    order: list[LineKind],
) -> None:
    lines, advance = settle.as_of(opening, TODAY), 0
    log: list[Posting] = []
    receipts: list[tuple[tuple[tuple[str, int], ...], int]] = []
    paid_in = adjusted = 0
    for n, (op, amount, pick) in enumerate(script):
        before = settle.owed(lines)
        try:
            if op == "pay":
                out = settle.pay(lines, advance, amount, f"p{n}", order=order, overpayment=policy, minimum=minimum)  # type: ignore[arg-type]
                share = out.apportionment
                assert share.settled + share.advance == amount
                assert share.settled == min(amount, before) and share.settled <= before
                assert amount >= min(minimum, before) and (policy == "advance" or amount <= before)
                receipts.append((share.allocations, share.advance))
                paid_in += amount
            elif op == "cancel":
                if not receipts:
                    continue
                allocations, held = receipts.pop(pick % len(receipts))
                out = settle.cancel(lines, advance, allocations, held, f"c{n}")
                assert settle.owed(out.lines) == before + sum(p for _, p in allocations)
                paid_in -= sum(p for _, p in allocations) + held
            else:
                line_id = lines[pick % len(lines)].line_id if op == "adjust_line" else None
                out = settle.write_down(lines, advance, amount, "waiver", "head", f"a{n}", line_id=line_id, order=order)
                assert settle.owed(out.lines) == before - amount
                adjusted += amount
        except LedgerError:
            continue  # refused: nothing changes
        lines, advance = out.lines, out.advance
        log.extend(out.postings)
        assert all(0 <= line.paid <= line.amount for line in lines)
    # folding every posting over the opening demand gives the lines as they stand
    assert balances(settle.as_of(opening, TODAY), log) == lines
    # all money still on the ledger: what it settled plus the advance it holds
    settled = sum(line.paid for line in lines)
    assert settled + advance == paid_in + adjusted
    assert settled <= sum(line.amount for line in lines)


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
        settle.cancel(held.lines, 0, held.apportionment.allocations, 1, "c1")
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

    assert requests.payment({"method": "cash", "amount": 10_000}) == ("cash", 10_000)
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
