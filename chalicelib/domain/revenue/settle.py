"""What a payment, a cancelled receipt or an adjustment does to an account's lines (decision 68):
the pure steps the ledger services take between reading an account and writing it, built on
ledger.py's apportion/adjust/reverse/balances. The property tests drive these same functions.

Every step returns the account's lines after it (folded with `balances`, so no line is ever paid
below zero or above its demand), the account's advance, and the postings that explain it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from chalicelib.domain.revenue.assessment import price_today
from chalicelib.domain.revenue.demand import surcharges
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
    rebate_postings,
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


@dataclass(frozen=True)
class Pricing:
    """What prices a payment (decision 72): the schedule in force and the day the money was offered
    (the counter's today; an online payment's checkout day)."""

    schedule: Schedule
    day: date


def _book_surcharges(
    lines: Sequence[DemandLine], pricing: Pricing, ref: str
) -> tuple[tuple[DemandLine, ...], tuple[Posting, ...]]:
    """The lines with each year's surcharge that applies on the pricing day and is not yet booked
    added as a line of its own (as a demand run would), and the demand postings that book them."""
    if not lines:
        return tuple(lines), ()
    due = surcharges(lines[0].account_id, lines, pricing.schedule, pricing.day)
    postings = tuple(Posting(PostingKind.DEMAND, line.line_id, line.amount, ref) for line in due)
    return balances((*lines, *(replace(line, amount=0) for line in due)), postings), postings


def pay(
    lines: Sequence[DemandLine],
    advance: int,
    amount: int,
    ref: str,
    *,
    order: Sequence[LineKind] = DEFAULT_ORDER,
    overpayment: Overpayment = "refuse",
    minimum: int = 0,
    pricing: Pricing | None = None,
) -> Outcome:
    """A payment of `amount` poisha: at least the minimum (unless it pays everything), apportioned
    in `order`; what is left over is the account's advance under the "advance" policy.

    Priced (decision 72): first the surcharges that apply on the pricing day are booked as lines;
    then a current line the payment settles in full within a rebate tier costs its outstanding
    less the rebate, and the rebate is booked as an adjustment the schedule approves. A line only
    part paid earns no rebate."""
    demands: tuple[Posting, ...] = ()
    rebates: dict[str, int] = {}
    if pricing is not None:
        lines, demands = _book_surcharges(lines, pricing, ref)
        rebates = {x.line_id: price_today(x, pricing.schedule, pricing.day)[0] for x in lines}
    check_minimum(amount, owed(lines) - sum(rebates.values()), minimum)
    share = apportion(lines, amount, order, overpayment=overpayment, rebates=rebates)
    share = replace(share, booked=tuple((p.line_id, p.poisha) for p in demands))
    settled = payment_postings(share, ref) + rebate_postings(share, ref)
    return Outcome(balances(lines, settled), advance + share.advance, demands + settled, share)


def use_advance(
    lines: Sequence[DemandLine],
    advance: int,
    ref: str,
    order: Sequence[LineKind] = DEFAULT_ORDER,
    pricing: Pricing | None = None,
) -> Outcome:
    """The account's advance (money already taken, beyond what was owed then) settling its open
    lines in `order`, as far as it goes: what a new demand meets first. Priced on the run's day
    (decision 72): a line the advance settles in full within a rebate tier earns its rebate, as a
    payment that day would. Nothing held, or nothing owed: the lines and the advance as they were."""
    rebates = {x.line_id: price_today(x, pricing.schedule, pricing.day)[0] for x in lines} if pricing else {}
    priced = sum(line.outstanding - min(rebates.get(line.line_id, 0), line.outstanding) for line in lines)
    amount = min(advance, priced)
    if amount <= 0:
        return Outcome(tuple(lines), advance, ())
    share = apportion(lines, amount, order, rebates=rebates)
    postings = payment_postings(share, ref) + rebate_postings(share, ref)
    return Outcome(balances(lines, postings), advance - amount, postings, share)


def cancel(lines: Sequence[DemandLine], advance: int, share: Apportionment, ref: str) -> Outcome:
    """A receipt cancelled: what it paid and the rebates it earned reversed, the advance it left
    taken back, and each surcharge line it booked withdrawn, unless something else has been paid
    on that line since (then the surcharge stays: it was owed anyway)."""
    if share.advance > advance:
        raise LedgerError(
            "ledger_inconsistent",
            "the receipt's advance has been used since",
            "এই রসিদের অগ্রিম অর্থ এর মধ্যে ব্যবহার হয়ে গেছে",
        )
    done = payment_postings(share, ref) + rebate_postings(share, ref)
    postings = reverse(done, ref)
    after = balances(lines, postings)
    by_id = {line.line_id: line for line in after}
    withdrawn = tuple(
        Posting(PostingKind.WITHDRAWAL, line_id, poisha, ref)
        for line_id, poisha in share.booked
        if line_id in by_id and by_id[line_id].paid == 0 and by_id[line_id].amount == poisha
    )
    gone = {p.line_id for p in withdrawn}
    after = tuple(line for line in balances(after, withdrawn) if line.line_id not in gone)
    return Outcome(after, advance - share.advance, postings + withdrawn)


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
