"""A fiscal year's demand on one account (DESIGN §10, "demand run"): the year's lines added, the
earlier years' unpaid current lines carried as arrears, and a surcharge line per earlier year still
owing once the schedule's surcharge applies. Pure; money is integer poisha.

Idempotent by construction: an account that already has the year's lines gets nothing (None), and a
year's surcharge line has the fixed id "<year>#surcharge#1", so it is charged once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from chalicelib.domain.revenue.assessment import Assessment, demand_lines, price_today, surcharge_from
from chalicelib.domain.revenue.fiscal import parse_fiscal_year
from chalicelib.domain.revenue.lines import DemandLine, LineKind
from chalicelib.domain.revenue.schedule import Schedule

SURCHARGE_HEAD = "surcharge"


@dataclass(frozen=True)
class YearDemand:
    lines: tuple[DemandLine, ...]  # the account's lines after the run
    added: tuple[DemandLine, ...]  # the new ones (the year's, and surcharges): demand postings
    arrears: int  # outstanding on earlier years' lines afterwards


def surcharge_line_id(fiscal_year: str) -> str:
    return f"{fiscal_year}#{SURCHARGE_HEAD}#1"


def year_after(fiscal_year: str, years: int) -> str:
    """The fiscal year `years` after (or, negative, before) this one: ("2026-27", 4) -> "2030-31"."""
    start = parse_fiscal_year(fiscal_year) + years
    return f"{start}-{(start + 1) % 100:02d}"


def period_starts(fiscal_year: str, reassessment_years: int) -> tuple[str, ...]:
    """The years an assessment in force in `fiscal_year` may have started in, newest first."""
    return tuple(year_after(fiscal_year, -n) for n in range(reassessment_years))


def arrears_of(lines: Iterable[DemandLine], fiscal_year: str) -> int:
    """What the account owes on lines of years before `fiscal_year`."""
    return sum(line.outstanding for line in lines if line.fiscal_year < fiscal_year)


def booked_years(lines: Iterable[DemandLine]) -> frozenset[str]:
    """The years whose surcharge is booked as a line: not surcharged again (dues, runs, payments)."""
    return frozenset(line.fiscal_year for line in lines if line.kind is LineKind.SURCHARGE)


def surcharges(account_id: str, lines: Sequence[DemandLine], schedule: Schedule, today: date) -> list[DemandLine]:
    """A surcharge line for each year of these lines still owing once `today` is past that year
    and the grace, unless that year's is booked already: on what the year owes, line by line as
    dues price it (each line's share floored to the poisha), so what a run or a payment books is
    what the dues showed (decision 72)."""
    booked = booked_years(lines) | {
        line.fiscal_year for line in lines if line.line_id == surcharge_line_id(line.fiscal_year)
    }
    owed: dict[str, int] = {}
    for line in lines:
        owed[line.fiscal_year] = owed.get(line.fiscal_year, 0) + price_today(line, schedule, today)[1]
    out = []
    for year in sorted(owed):
        amount = owed[year]
        if year in booked or amount <= 0:
            continue
        out.append(
            DemandLine(
                line_id=surcharge_line_id(year),
                account_id=account_id,
                fiscal_year=year,
                head=SURCHARGE_HEAD,
                instalment=1,
                due_on=surcharge_from(year, schedule).isoformat(),
                amount=amount,
                kind=LineKind.SURCHARGE,
            )
        )
    return out


def year_lines(
    account_id: str,
    lines: Sequence[DemandLine],
    assessment: Assessment,
    schedule: Schedule,
    fiscal_year: str,
    today: date,
) -> YearDemand | None:
    """The account after demanding `fiscal_year`, or None if it already has that year's lines.

    Earlier years' current lines still owing become arrears (their kind only: amount, paid and id
    stay); each earlier year still owing gets one surcharge line once `today` is past that year
    and the grace (`surcharge_from`), on what was owing; later years' lines are left alone."""
    if any(line.fiscal_year == fiscal_year and line.kind is not LineKind.SURCHARGE for line in lines):
        return None
    carried = tuple(
        replace(line, kind=LineKind.ARREAR)
        if line.fiscal_year < fiscal_year and line.kind is LineKind.CURRENT and line.outstanding
        else line
        for line in lines
    )
    earlier = [line for line in carried if line.fiscal_year < fiscal_year]
    added = (
        *surcharges(account_id, earlier, schedule, today),
        *demand_lines(account_id, assessment, schedule, fiscal_year),
    )
    after = (*carried, *added)
    return YearDemand(after, added, arrears_of(after, fiscal_year))
