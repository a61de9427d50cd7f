"""Assessment and demand (DESIGN §10): a holding's annual value and its year's tax by head under a
schedule, the demand lines a fiscal year makes of it, and the rebate or surcharge a line carries on
a given day. Pure; money is integer poisha, rates basis points, areas whole square metres."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from chalicelib.domain.revenue.fiscal import day_in_fiscal_year, fiscal_year_bounds, instalment_due_dates
from chalicelib.domain.revenue.lines import DemandLine, LineKind
from chalicelib.domain.revenue.schedule import BASIS, Schedule


class Occupancy(StrEnum):
    OWNER = "owner"
    RENTED = "rented"


@dataclass(frozen=True)
class Floor:
    built_area_sqm: int
    use: str  # residential, commercial, industrial, institutional, mixed
    occupancy: Occupancy
    monthly_rent: int = 0  # poisha, when rented


@dataclass(frozen=True)
class HoldingFacts:
    construction_class: str  # a key of the schedule's valuation.standard_rent
    floors: tuple[Floor, ...]


@dataclass(frozen=True)
class Assessment:
    annual_value: int  # poisha
    tax: dict[str, int]  # head code -> poisha for the year
    monthly_values: tuple[int, ...]  # the inputs used: each floor's monthly rent, actual or standard
    repairs_months: int

    @property
    def total(self) -> int:
        return sum(self.tax.values())


def _monthly_value(floor: Floor, standard_rent: int) -> int:
    if floor.occupancy is Occupancy.RENTED:
        return floor.monthly_rent
    return standard_rent * floor.built_area_sqm


def assess(facts: HoldingFacts, schedule: Schedule) -> Assessment:
    """Annual value = the monthly value (rent if rented, else the office's standard rent per square
    metre for the construction class × the built area) × (12 − months allowed for repairs), summed
    over floors; each head's tax = annual value × rate, floored to the poisha, capped."""
    valuation = schedule.valuation
    if facts.construction_class not in valuation.standard_rent:
        raise ValueError(f"no standard rent for construction class {facts.construction_class!r}")
    standard = valuation.standard_rent[facts.construction_class]
    monthly = tuple(_monthly_value(f, standard) for f in facts.floors)
    annual_value = sum(monthly) * (12 - valuation.repairs_months)
    return Assessment(annual_value, tax_by_head(annual_value, schedule), monthly, valuation.repairs_months)


def tax_by_head(annual_value: int, schedule: Schedule) -> dict[str, int]:
    """Each head's tax for a year on an annual value (poisha): the rate, floored, capped. A review
    that decides the annual value itself (an objection) taxes it the same way."""
    tax = {}
    for head in schedule.heads:
        amount = annual_value * head.rate_bp // BASIS
        tax[head.code] = amount if head.cap is None else min(amount, head.cap)
    return tax


def split(total: int, parts: int) -> tuple[int, ...]:
    """`total` poisha in `parts` instalments adding up exactly: the remainder's poisha go one each
    to the earliest instalments."""
    base, extra = divmod(total, parts)
    return tuple(base + (1 if i < extra else 0) for i in range(parts))


def demand_lines(
    account_id: str, assessment: Assessment, schedule: Schedule, fiscal_year: str
) -> tuple[DemandLine, ...]:
    """A line per head per instalment, ids "<fiscal year>#<head>#<instalment>" so reruns match."""
    dues = instalment_due_dates(fiscal_year, schedule.instalments, schedule.due_day)
    return tuple(
        DemandLine(
            line_id=f"{fiscal_year}#{head.code}#{n}",
            account_id=account_id,
            fiscal_year=fiscal_year,
            head=head.code,
            instalment=n,
            due_on=due.isoformat(),
            amount=amount,
        )
        for head in schedule.heads
        for n, (due, amount) in enumerate(zip(dues, split(assessment.tax[head.code], len(dues)), strict=True), 1)
    )


def surcharge_from(fiscal_year: str, schedule: Schedule) -> date:
    """The first day a line of this fiscal year still unpaid carries the surcharge."""
    return fiscal_year_bounds(fiscal_year)[1] + timedelta(days=schedule.surcharge_grace_days + 1)


def price_today(line: DemandLine, schedule: Schedule, today: date) -> tuple[int, int]:
    """(rebate, surcharge) in poisha on what the line still owes, paid today. A line past its year
    (and the grace) carries the surcharge; a current line paid by a rebate tier's date earns the
    best such tier's rate. Both are floored to the poisha."""
    owed = line.outstanding
    if not owed or line.kind is LineKind.SURCHARGE:
        return 0, 0
    if today >= surcharge_from(line.fiscal_year, schedule):
        return 0, owed * schedule.surcharge_bp // BASIS
    if line.kind is not LineKind.CURRENT:
        return 0, 0
    rates = [t.rate_bp for t in schedule.rebates if today <= day_in_fiscal_year(line.fiscal_year, *t.by)]
    return (owed * max(rates) // BASIS if rates else 0), 0
