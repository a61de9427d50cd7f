"""The revenue ledger's pure core (decision 63): exact apportionment and append-only postings."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.revenue.ledger import (
    DEFAULT_ORDER,
    ERROR_CODES,
    LedgerError,
    Posting,
    PostingKind,
    adjust,
    apportion,
    balances,
    check_minimum,
    payment_postings,
    reverse,
    settling_order,
)
from chalicelib.domain.revenue.lines import DemandLine, LineKind

SETTINGS = settings(max_examples=150, deadline=None)


@contextmanager
def refused(code: str) -> Iterator[None]:
    assert code in ERROR_CODES
    with pytest.raises(LedgerError) as caught:
        yield
    assert caught.value.code == code


@st.composite
def demand_lines(draw: st.DrawFn) -> tuple[DemandLine, ...]:
    count = draw(st.integers(min_value=1, max_value=8))
    lines = []
    for i in range(count):
        amount = draw(st.integers(min_value=0, max_value=500_000))
        lines.append(
            DemandLine(
                line_id=f"L{i}",
                account_id="H1",
                fiscal_year=draw(st.sampled_from(["2024-25", "2025-26", "2026-27"])),
                head=draw(st.sampled_from(["holding_tax", "conservancy", "lighting"])),
                instalment=draw(st.integers(min_value=1, max_value=4)),
                due_on=draw(st.sampled_from(["2024-09-30", "2025-09-30", "2026-09-30", "2026-12-31"])),
                amount=amount,
                paid=draw(st.integers(min_value=0, max_value=amount)),
                kind=draw(st.sampled_from(list(LineKind))),
            )
        )
    return tuple(lines)


orders = st.permutations(list(LineKind))


def owed(lines: tuple[DemandLine, ...]) -> int:
    return sum(line.outstanding for line in lines)


def pay(lines: tuple[DemandLine, ...], amount: int, order: list[LineKind], ref: str) -> tuple[DemandLine, ...]:
    return balances(lines, payment_postings(apportion(lines, amount, order, overpayment="advance"), ref))


@SETTINGS
@given(lines=demand_lines(), order=orders, amount=st.integers(min_value=1, max_value=5_000_000))
def test_an_apportionment_is_exact_never_over_and_in_order(
    lines: tuple[DemandLine, ...], order: list[LineKind], amount: int
) -> None:
    result = apportion(lines, amount, order, overpayment="advance")
    assert result.settled + result.advance == amount
    assert result.advance == max(amount - owed(lines), 0)
    by_id = {line.line_id: line for line in lines}
    got = dict(result.allocations)
    assert len(got) == len(result.allocations)
    assert all(0 < poisha <= by_id[line_id].outstanding for line_id, poisha in result.allocations)
    ordered = settling_order(lines, order)
    for j, later in enumerate(ordered):
        if got.get(later.line_id):
            assert all(got.get(earlier.line_id, 0) == earlier.outstanding for earlier in ordered[:j])


@SETTINGS
@given(lines=demand_lines(), order=orders, amount=st.integers(min_value=1, max_value=5_000_000))
def test_refuse_policy_refuses_overpayment_and_holds_no_advance(
    lines: tuple[DemandLine, ...], order: list[LineKind], amount: int
) -> None:
    if amount > owed(lines):
        with refused("payment_exceeds_due"):
            apportion(lines, amount, order)
    else:
        result = apportion(lines, amount, order)
        assert result.advance == 0
        assert result.settled == amount


@SETTINGS
@given(
    lines=demand_lines(),
    order=orders,
    parts=st.lists(st.integers(min_value=1, max_value=400_000), min_size=1, max_size=5),
)
def test_part_payments_settle_as_one_payment_of_their_sum(
    lines: tuple[DemandLine, ...], order: list[LineKind], parts: list[int]
) -> None:
    stepwise, advance = lines, 0
    for n, part in enumerate(parts):
        advance += apportion(stepwise, part, order, overpayment="advance").advance
        stepwise = pay(stepwise, part, order, f"P{n}")
    assert stepwise == pay(lines, sum(parts), order, "ALL")
    assert advance == apportion(lines, sum(parts), order, overpayment="advance").advance
    assert all(0 <= line.paid <= line.amount and line.outstanding >= 0 for line in stepwise)


@SETTINGS
@given(
    lines=demand_lines(),
    order=orders,
    first=st.integers(min_value=1, max_value=1_000_000),
    second=st.integers(min_value=1, max_value=1_000_000),
)
def test_reversing_a_payment_restores_the_balances_exactly(
    lines: tuple[DemandLine, ...], order: list[LineKind], first: int, second: int
) -> None:
    history = payment_postings(apportion(lines, first, order, overpayment="advance"), "P1")
    before = balances(lines, history)
    cancelled = payment_postings(apportion(before, second, order, overpayment="advance"), "P2")
    after = balances(lines, history + cancelled + reverse(cancelled, "R2"))
    assert after == before
    assert all(line.paid >= 0 and line.outstanding >= 0 for line in after)


def line(line_id: str, kind: LineKind, due_on: str, amount: int, head: str = "holding_tax") -> DemandLine:
    return DemandLine(line_id, "H1", due_on[:4], head, 1, due_on, amount, kind=kind)


WORKED = (
    line("2026-27#holding_tax#1", LineKind.CURRENT, "2026-09-30", 60_000),
    line("2026-27#conservancy#1", LineKind.CURRENT, "2026-09-30", 30_000, head="conservancy"),
    line("2025-26#surcharge#1", LineKind.SURCHARGE, "2026-07-31", 15_000),
    line("2025-26#holding_tax#1", LineKind.ARREAR, "2025-09-30", 100_000),
    line("2024-25#holding_tax#1", LineKind.ARREAR, "2024-09-30", 50_000),
)


def test_worked_example_settles_arrears_oldest_first_then_surcharge_then_current() -> None:
    result = apportion(WORKED, 200_000, DEFAULT_ORDER)
    assert result.allocations == (
        ("2024-25#holding_tax#1", 50_000),
        ("2025-26#holding_tax#1", 100_000),
        ("2025-26#surcharge#1", 15_000),
        ("2026-27#conservancy#1", 30_000),  # same due date: by head
        ("2026-27#holding_tax#1", 5_000),
    )
    assert result.advance == 0
    after = balances(WORKED, payment_postings(result, "RCPT-1"))
    assert sum(line.outstanding for line in after) == 55_000


def test_overpayment_is_held_as_an_advance_when_the_schedule_allows() -> None:
    result = apportion(WORKED, 300_000, overpayment="advance")
    assert result.settled == 255_000
    assert result.advance == 45_000
    with refused("payment_exceeds_due"):
        apportion(WORKED, 300_000)


@pytest.mark.parametrize("amount", [0, -1])
def test_a_payment_of_nothing_is_refused(amount: int) -> None:
    with refused("payment_not_positive"):
        apportion(WORKED, amount)
    with refused("payment_not_positive"):
        check_minimum(amount, 10_000, 5_000)


def test_minimum_part_payment_unless_it_pays_everything() -> None:
    check_minimum(5_000, 100_000, 5_000)
    check_minimum(3_000, 3_000, 5_000)
    with refused("below_minimum_payment"):
        check_minimum(4_999, 100_000, 5_000)


def test_adjustments_reduce_what_is_owed_with_a_reason_and_an_approver() -> None:
    arrear = WORKED[4]
    waiver = adjust(arrear, 20_000, "waiver", "official-7", "ADJ-1")
    assert (waiver.kind, waiver.reason, waiver.approver) == (PostingKind.ADJUSTMENT, "waiver", "official-7")
    assert balances(WORKED, [waiver])[4].outstanding == 30_000
    with refused("invalid_adjustment"):
        adjust(arrear, 20_000, "mercy", "official-7", "ADJ-2")
    with refused("invalid_adjustment"):
        adjust(arrear, 20_000, "waiver", "", "ADJ-2")
    with refused("invalid_adjustment"):
        adjust(arrear, 50_001, "waiver", "official-7", "ADJ-2")


def test_the_ledger_refuses_what_would_break_it() -> None:
    payment = Posting(PostingKind.PAYMENT, WORKED[4].line_id, 10_000, "P1")
    with refused("invalid_reversal"):
        reverse([reverse([payment], "R1")[0]], "R2")
    with refused("ledger_inconsistent"):
        balances(WORKED, reverse([payment], "R1"))  # reversing what was never paid
    with refused("unknown_line"):
        balances(WORKED, [Posting(PostingKind.PAYMENT, "nope", 1, "P1")])
    raised = balances(WORKED, [Posting(PostingKind.DEMAND, WORKED[4].line_id, 5_000, "D1")])
    assert raised[4].amount == 55_000
