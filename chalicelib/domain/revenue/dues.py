"""What a holding owes today (DESIGN §10, "dues", "bill"), priced: each open line with the rebate
or surcharge that applies today (assessment.price_today), and how long a bill of them holds
(decision 68). Pure; money is integer poisha."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from chalicelib.domain.revenue.assessment import price_today, surcharge_from
from chalicelib.domain.revenue.demand import booked_years
from chalicelib.domain.revenue.fiscal import day_in_fiscal_year
from chalicelib.domain.revenue.lines import DemandLine
from chalicelib.domain.revenue.schedule import Schedule
from chalicelib.domain.revenue.settle import as_of, open_lines

BILL_DAYS = 15  # a bill is payable for this many days, unless its amounts change sooner


@dataclass(frozen=True)
class PricedLine:
    line_id: str
    fiscal_year: str
    head: str
    head_name: str
    head_name_bn: str
    instalment: int
    due_on: str
    kind: str  # arrear, surcharge, current: as of today
    amount: int
    paid: int
    outstanding: int
    rebate: int  # poisha off what it owes, earned only by paying the whole line today (decision 72)
    surcharge: int  # poisha on what it owes, paid today
    payable: int  # outstanding - rebate + surcharge


@dataclass(frozen=True)
class Dues:
    as_of: str  # ISO date, Bangladesh
    lines: tuple[PricedLine, ...]  # open lines, in settling order
    total_due: int  # what the ledger is owed: the sum of outstanding (what a payment settles)
    total_payable: int  # priced today, rebates off and surcharges on: what paying everything today costs
    minimum_payment: int  # the smallest part payment: the schedule's minimum, or total_payable if less


def _priced(line: DemandLine, schedule: Schedule, today: date, booked: frozenset[str]) -> PricedLine:
    """A line priced today; a year whose surcharge a demand run has already booked as a line of its
    own carries no priced surcharge besides (it would be charged twice)."""
    rebate, surcharge = price_today(line, schedule, today)
    if line.fiscal_year in booked:
        surcharge = 0
    names = {h.code: (h.name, h.name_bn) for h in schedule.heads} | {"surcharge": ("Surcharge", "সারচার্জ")}
    name, name_bn = names.get(line.head, (line.head, line.head))
    return PricedLine(
        line_id=line.line_id,
        fiscal_year=line.fiscal_year,
        head=line.head,
        head_name=name,
        head_name_bn=name_bn,
        instalment=line.instalment,
        due_on=line.due_on,
        kind=line.kind.value,
        amount=line.amount,
        paid=line.paid,
        outstanding=line.outstanding,
        rebate=rebate,
        surcharge=surcharge,
        payable=line.outstanding - rebate + surcharge,
    )


def dues(lines: Iterable[DemandLine], schedule: Schedule, today: date) -> Dues:
    lines = tuple(lines)
    booked = booked_years(lines)
    priced = tuple(
        _priced(line, schedule, today, booked) for line in open_lines(as_of(lines, today), schedule.settlement_order)
    )
    payable = sum(p.payable for p in priced)
    return Dues(
        as_of=today.isoformat(),
        lines=priced,
        total_due=sum(p.outstanding for p in priced),
        total_payable=payable,
        minimum_payment=min(schedule.minimum_part_payment, payable),
    )


def _boundaries(line: PricedLine, schedule: Schedule) -> list[date]:
    """The days from which this line's price changes: the day after each rebate tier, and the
    first day of the surcharge."""
    days = [day_in_fiscal_year(line.fiscal_year, *t.by) + timedelta(days=1) for t in schedule.rebates]
    return [*days, surcharge_from(line.fiscal_year, schedule)]


def due_by(lines: Sequence[PricedLine], schedule: Schedule, today: date) -> date:
    """The last day a bill of these lines holds: today + BILL_DAYS, or the day before the next day
    any line's rebate or surcharge changes, whichever is sooner (never before today)."""
    last = today + timedelta(days=BILL_DAYS)
    for line in lines:
        for day in _boundaries(line, schedule):
            if today < day <= last:
                last = day - timedelta(days=1)
    return last


@dataclass(frozen=True)
class Bill:
    """A payable snapshot of a holding's open lines as priced when it was made (DESIGN §10,
    "bill"): what an online payment offers by default and what the demand notice prints."""

    bill_id: str  # codes.new_code()
    holding_id: str
    office_id: str
    lines: tuple[PricedLine, ...]
    total: int  # the lines' payable sum: what paying the bill today costs
    total_due: int  # the lines' outstanding sum: what a payment of it settles on the ledger
    created_at: str  # UTC stamp
    due_by: str  # ISO date (Bangladesh): the last day the amounts hold
    expires_at: str  # UTC stamp: the end of due_by in Bangladesh
