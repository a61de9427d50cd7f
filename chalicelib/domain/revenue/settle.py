"""What a payment, a cancelled receipt or an adjustment does to an account's lines (decision 68):
the pure steps the ledger services take between reading an account and writing it, built on
ledger.py's apportion/adjust/reverse/balances. The property tests drive these same functions.

Every step returns the account's lines after it (folded with `balances`, so no line is ever paid
below zero or above its demand), the account's advance, and the postings that explain it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from chalicelib.domain.revenue.fiscal import fiscal_year_of
from chalicelib.domain.revenue.ledger import (
    DEFAULT_ORDER,
    UNKNOWN_LINE,
    Apportionment,
    LedgerError,
    Overpayment,
    Posting,
    PostingKind,
    adjust,
    adjustment_range,
    apportion,
    balances,
    check_minimum,
    payment_postings,
    reverse,
    settling_order,
)
from chalicelib.domain.revenue.lines import DemandLine, LineKind
from chalicelib.domain.revenue.schedule import Schedule

NOTHING = Apportionment(())


@dataclass(frozen=True)
class Outcome:
    lines: tuple[DemandLine, ...]  # every line of the account after the event
    advance: int  # the account's advance after the event
    postings: tuple[Posting, ...]
    apportionment: Apportionment = NOTHING


def as_of(lines: Iterable[DemandLine], today: date) -> tuple[DemandLine, ...]:
    """The lines as they stand today: a line of a fiscal year before today's is an arrear."""
    year = fiscal_year_of(today)
    return tuple(
        replace(line, kind=LineKind.ARREAR) if line.kind is LineKind.CURRENT and line.fiscal_year < year else line
        for line in lines
    )


def owed(lines: Iterable[DemandLine]) -> int:
    return sum(line.outstanding for line in lines)


def arrears(lines: Iterable[DemandLine], today: date) -> int:
    """What is still owed on lines of past fiscal years (the defaulters' index)."""
    year = fiscal_year_of(today)
    return sum(line.outstanding for line in lines if line.fiscal_year < year)


def overpayment_policy(schedule: Schedule) -> Overpayment:
    return "advance" if schedule.overpayment == "advance" else "refuse"


def pay(
    lines: Sequence[DemandLine],
    advance: int,
    amount: int,
    ref: str,
    *,
    order: Sequence[LineKind] = DEFAULT_ORDER,
    overpayment: Overpayment = "refuse",
    minimum: int = 0,
) -> Outcome:
    """A payment of `amount` poisha: at least the minimum (unless it pays everything), apportioned
    in `order`; what is left over is the account's advance under the "advance" policy."""
    check_minimum(amount, owed(lines), minimum)
    share = apportion(lines, amount, order, overpayment=overpayment)
    postings = payment_postings(share, ref)
    return Outcome(balances(lines, postings), advance + share.advance, postings, share)


def use_advance(
    lines: Sequence[DemandLine], advance: int, ref: str, order: Sequence[LineKind] = DEFAULT_ORDER
) -> Outcome:
    """The account's advance (money already taken, beyond what was owed then) settling its open
    lines in `order`, as far as it goes: what a new demand meets first. Nothing held, or nothing
    owed: the lines and the advance as they were."""
    amount = min(advance, owed(lines))
    if amount <= 0:
        return Outcome(tuple(lines), advance, ())
    share = apportion(lines, amount, order)
    postings = payment_postings(share, ref)
    return Outcome(balances(lines, postings), advance - amount, postings, share)


def cancel(
    lines: Sequence[DemandLine], advance: int, allocations: Iterable[tuple[str, int]], held: int, ref: str
) -> Outcome:
    """A receipt cancelled: its allocations reversed and the advance it left taken back."""
    if held > advance:
        raise LedgerError(
            "ledger_inconsistent",
            "the receipt's advance has been used since",
            "এই রসিদের অগ্রিম অর্থ এর মধ্যে ব্যবহার হয়ে গেছে",
        )
    payments = tuple(Posting(PostingKind.PAYMENT, line_id, poisha, ref) for line_id, poisha in allocations)
    postings = reverse(payments, ref)
    return Outcome(balances(lines, postings), advance - held, postings)


def write_down(
    lines: Sequence[DemandLine],
    advance: int,
    amount: int,
    reason: str,
    approver: str,
    ref: str,
    *,
    line_id: str | None = None,
    order: Sequence[LineKind] = DEFAULT_ORDER,
) -> Outcome:
    """An adjustment of `amount` poisha: on one line, or spread over the open lines in settling
    order (each line's share at most what it owes; the whole at most what the account owes)."""
    if line_id is not None:
        line = next((x for x in lines if x.line_id == line_id), None)
        if line is None:
            raise LedgerError("unknown_line", *UNKNOWN_LINE)
        postings: tuple[Posting, ...] = (adjust(line, amount, reason, approver, ref),)
    else:
        if not 0 < amount <= owed(lines):
            raise adjustment_range(owed(lines))
        share = apportion(lines, amount, order)
        by_id = {x.line_id: x for x in lines}
        postings = tuple(adjust(by_id[lid], poisha, reason, approver, ref) for lid, poisha in share.allocations)
    return Outcome(balances(lines, postings), advance, postings)


def open_lines(lines: Iterable[DemandLine], order: Sequence[LineKind] = DEFAULT_ORDER) -> list[DemandLine]:
    """The lines still owing, in the order a payment settles them."""
    return [line for line in settling_order(lines, order) if line.outstanding > 0]
