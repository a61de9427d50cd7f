"""An advance (money taken beyond what was owed: a second online checkout for the same dues, or
an overpayment the schedule keeps) meets the next demand: settle.use_advance."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.revenue.assessment import price_today
from chalicelib.domain.revenue.ledger import REBATE, PostingKind
from chalicelib.domain.revenue.lines import DemandLine, LineKind
from chalicelib.domain.revenue.schedule import default_schedule
from chalicelib.domain.revenue.settle import Pricing, owed, use_advance


def _lines(amounts: list[int]) -> tuple[DemandLine, ...]:
    return tuple(
        DemandLine(f"2026-27#holding_tax#{i + 1}", "H1", "2026-27", "holding_tax", i + 1, f"2026-{3 * i + 9:02d}-30", a)
        for i, a in enumerate(amounts)
    )


def test_the_advance_settles_the_new_lines_in_order_and_what_is_left_stays_held() -> None:
    out = use_advance(_lines([5_000, 5_000]), 7_000, "R1")
    assert [(line.paid, line.outstanding) for line in out.lines] == [(5_000, 0), (2_000, 3_000)]
    assert out.advance == 0 and sum(p.poisha for p in out.postings) == 7_000
    assert {p.ref for p in out.postings} == {"R1"}
    more = use_advance(_lines([5_000]), 7_000, "R2")
    assert more.advance == 2_000 and owed(more.lines) == 0


def test_arrears_are_settled_before_the_current_year() -> None:
    arrear = DemandLine(
        "2025-26#holding_tax#4", "H1", "2025-26", "holding_tax", 4, "2026-06-30", 1_000, kind=LineKind.ARREAR
    )
    out = use_advance((*_lines([5_000]), arrear), 1_500, "R1")
    assert {line.line_id: line.paid for line in out.lines} == {"2026-27#holding_tax#1": 500, arrear.line_id: 1_000}


def test_nothing_held_or_nothing_owed_changes_nothing() -> None:
    lines = _lines([5_000])
    assert use_advance(lines, 0, "R1").lines == lines and use_advance(lines, 0, "R1").postings == ()
    paid = tuple(replace(line, paid=line.amount) for line in lines)
    assert use_advance(paid, 900, "R1").advance == 900


@given(st.lists(st.integers(1, 100_000), max_size=8), st.integers(0, 500_000))
def test_money_is_neither_made_nor_lost(amounts: list[int], advance: int) -> None:
    lines = _lines(amounts)
    out = use_advance(lines, advance, "R1")
    used = advance - out.advance
    assert 0 <= used <= advance and owed(lines) - owed(out.lines) == used == sum(p.poisha for p in out.postings)


def test_an_advance_that_settles_a_line_in_a_rebate_tier_earns_the_rebate() -> None:
    """As a payment on the run's day would (decision 72): the owner whose money was already held
    is not charged more than one who paid that day."""
    schedule, day = default_schedule("city_corporation"), date(2026, 8, 1)
    lines = _lines([500_000])
    rebate = price_today(lines[0], schedule, day)[0]
    assert rebate > 0
    out = use_advance(lines, 1_000_000, "R1", pricing=Pricing(schedule, day))
    assert owed(out.lines) == 0 and out.advance == 1_000_000 - (500_000 - rebate)
    assert [(p.kind, p.poisha, p.reason) for p in out.postings if p.kind is PostingKind.ADJUSTMENT] == [
        (PostingKind.ADJUSTMENT, rebate, REBATE)
    ]
    short = use_advance(lines, 100_000, "R2", pricing=Pricing(schedule, day))  # part: at face, no rebate
    assert owed(short.lines) == 400_000 and short.advance == 0
