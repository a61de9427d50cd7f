"""A year's demand on an account: the year's lines once, earlier unpaid lines carried as arrears, a
surcharge per earlier year once, nothing lost or invented (hypothesis over random accounts)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.revenue.assessment import Floor, HoldingFacts, Occupancy, assess, demand_lines
from chalicelib.domain.revenue.demand import arrears_of, period_starts, surcharge_line_id, year_after, year_lines
from chalicelib.domain.revenue.lines import DemandLine, LineKind
from chalicelib.domain.revenue.schedule import default_schedule

SCHEDULE = default_schedule("pourashava")
FACTS = HoldingFacts("pucca", (Floor(80, "residential", Occupancy.OWNER),))
ASSESSMENT = assess(FACTS, SCHEDULE)
JULY = date(2026, 7, 15)


def _last_year(paid_share: int = 0) -> tuple[DemandLine, ...]:
    lines = demand_lines("H1", ASSESSMENT, SCHEDULE, "2025-26")
    return tuple(replace(line, paid=line.amount * paid_share // 100) for line in lines)


def test_a_first_year_is_the_schedule_lines_and_nothing_else() -> None:
    demand = year_lines("H1", (), ASSESSMENT, SCHEDULE, "2026-27", JULY)
    assert demand is not None
    assert demand.added == demand_lines("H1", ASSESSMENT, SCHEDULE, "2026-27")
    assert demand.lines == demand.added
    assert demand.arrears == 0
    assert {line.instalment for line in demand.lines} == set(range(1, SCHEDULE.instalments + 1))
    assert {line.head for line in demand.lines} == {h.code for h in SCHEDULE.heads}


def test_a_year_already_demanded_gets_nothing() -> None:
    first = year_lines("H1", (), ASSESSMENT, SCHEDULE, "2026-27", JULY)
    assert first is not None
    assert year_lines("H1", first.lines, ASSESSMENT, SCHEDULE, "2026-27", JULY) is None


def test_unpaid_lines_become_arrears_with_one_surcharge() -> None:
    last = _last_year(paid_share=0)
    demand = year_lines("H1", last, ASSESSMENT, SCHEDULE, "2026-27", JULY)
    assert demand is not None
    carried = [line for line in demand.lines if line.fiscal_year == "2025-26" and line.head != "surcharge"]
    assert all(line.kind is LineKind.ARREAR for line in carried)
    assert [(c.line_id, c.amount, c.paid) for c in carried] == [(x.line_id, x.amount, x.paid) for x in last]
    surcharge = [line for line in demand.lines if line.kind is LineKind.SURCHARGE]
    owed = sum(line.outstanding for line in last)
    assert [(s.line_id, s.amount) for s in surcharge] == [
        (surcharge_line_id("2025-26"), owed * SCHEDULE.surcharge_bp // 10_000)
    ]
    assert demand.arrears == owed + surcharge[0].amount


def test_paid_lines_stay_current_and_draw_no_surcharge() -> None:
    last = _last_year(paid_share=100)
    demand = year_lines("H1", last, ASSESSMENT, SCHEDULE, "2026-27", JULY)
    assert demand is not None
    assert all(line.kind is LineKind.CURRENT for line in demand.lines)
    assert demand.arrears == 0


def test_no_surcharge_before_the_grace_is_over() -> None:
    grace = replace(SCHEDULE, surcharge_grace_days=60)
    demand = year_lines("H1", _last_year(), ASSESSMENT, grace, "2026-27", JULY)
    assert demand is not None
    assert not [line for line in demand.lines if line.kind is LineKind.SURCHARGE]


def test_a_surcharge_is_charged_once_over_later_years() -> None:
    first = year_lines("H1", _last_year(), ASSESSMENT, SCHEDULE, "2026-27", JULY)
    assert first is not None
    second = year_lines("H1", first.lines, ASSESSMENT, SCHEDULE, "2027-28", date(2027, 7, 15))
    assert second is not None
    ids = [line.line_id for line in second.lines]
    assert ids.count(surcharge_line_id("2025-26")) == 1
    assert ids.count(surcharge_line_id("2026-27")) == 1


@given(st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=3), st.integers(0, 2000))
def test_nothing_owed_is_lost_and_every_line_is_kept(paid_shares: list[int], rate_bp: int) -> None:
    schedule = replace(SCHEDULE, surcharge_bp=rate_bp)
    years = ["2023-24", "2024-25", "2025-26"][-len(paid_shares) :]
    lines: tuple[DemandLine, ...] = ()
    for year, share in zip(years, paid_shares, strict=True):
        fresh = demand_lines("H1", ASSESSMENT, schedule, year)
        lines += tuple(replace(line, paid=line.amount * share // 100) for line in fresh)
    demand = year_lines("H1", lines, ASSESSMENT, schedule, "2026-27", JULY)
    assert demand is not None
    before = {line.line_id: line for line in lines}
    after = {line.line_id: line for line in demand.lines}
    assert len(after) == len(demand.lines)  # no id twice
    assert set(before) <= set(after)
    assert all((after[i].amount, after[i].paid) == (b.amount, b.paid) for i, b in before.items())
    surcharges = sum(line.amount for line in demand.added if line.kind is LineKind.SURCHARGE)
    assert demand.arrears == arrears_of(lines, "2026-27") + surcharges
    assert year_lines("H1", demand.lines, ASSESSMENT, schedule, "2026-27", JULY) is None


def test_assessment_periods_count_fiscal_years() -> None:
    assert year_after("2026-27", 4) == "2030-31"
    assert year_after("2000-01", -1) == "1999-00"
    assert period_starts("2026-27", 3) == ("2026-27", "2025-26", "2024-25")
