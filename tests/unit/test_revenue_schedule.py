"""The tax schedule, fiscal years, assessment and demand lines (DESIGN §10; decision 64). Pure."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.errors import AppError
from chalicelib.domain.revenue.assessment import (
    Floor,
    HoldingFacts,
    Occupancy,
    assess,
    demand_lines,
    price_today,
    split,
)
from chalicelib.domain.revenue.fiscal import (
    fiscal_year_bounds,
    fiscal_year_of,
    instalment_due_dates,
    parse_fiscal_year,
)
from chalicelib.domain.revenue.lines import DemandLine, LineKind
from chalicelib.domain.revenue.schedule import (
    OFFICE_KINDS,
    default_document,
    default_schedule,
    parse_schedule,
)

POURASHAVA = default_schedule("pourashava")
CITY = default_schedule("city_corporation")


# --- fiscal years -----------------------------------------------------------------------------


def test_fiscal_year_turns_on_the_first_of_july() -> None:
    assert fiscal_year_of(date(2027, 6, 30)) == "2026-27"
    assert fiscal_year_of(date(2027, 7, 1)) == "2027-28"
    assert fiscal_year_of(date(1999, 12, 31)) == "1999-00"
    assert fiscal_year_bounds("2026-27") == (date(2026, 7, 1), date(2027, 6, 30))


@pytest.mark.parametrize("text", ["2026-28", "2026/27", "26-27", "2026-2027", "", "1950-51"])
def test_a_bad_fiscal_year_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_fiscal_year(text)


def test_quarterly_instalments_fall_due_at_each_quarters_end() -> None:
    assert instalment_due_dates("2027-28", 4, 31) == (
        date(2027, 9, 30),
        date(2027, 12, 31),
        date(2028, 3, 31),
        date(2028, 6, 30),
    )
    assert instalment_due_dates("2026-27", 2, 15) == (date(2026, 12, 15), date(2027, 6, 15))
    assert instalment_due_dates("2026-27", 1, 31) == (date(2027, 6, 30),)
    with pytest.raises(ValueError):
        instalment_due_dates("2026-27", 3, 31)


# --- the defaults -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", OFFICE_KINDS)
def test_every_default_schedule_parses_and_cites_its_sources(kind: str) -> None:
    doc = default_document(kind)
    schedule = parse_schedule(doc)
    assert schedule.office_kind == kind
    assert schedule.reassessment_years == 5
    assert schedule.valuation.repairs_months == 2
    assert schedule.instalments == 4
    assert schedule.surcharge_bp == 1500
    cited = {field for source in doc["sources"] for field in source["covers"]}
    assert {"heads", "surcharge.rate_bp", "valuation.repairs_months"} <= cited
    for source in doc["sources"]:
        assert source["cite"]
        if source.get("assumed"):
            assert source["note"]


# --- invalid schedules ------------------------------------------------------------------------


def _fields(doc: Any) -> set[str]:
    with pytest.raises(AppError) as caught:
        parse_schedule(doc)
    assert caught.value.code == "validation_failed"
    assert all(e.message and e.message_bn for e in caught.value.errors)
    return {e.field for e in caught.value.errors}


def test_every_bad_field_is_named_at_once() -> None:
    doc = copy.deepcopy(default_document("city_corporation"))
    doc["heads"][1]["rate_bp"] = -1
    doc["instalments"]["count"] = 3
    doc["rebates"][0]["by"] = "13-01"
    doc["valuation"]["standard_rent"]["pucca"] = 0
    doc["settlement_order"] = ["arrear", "current"]
    doc["overpayment"] = "keep"
    assert _fields(doc) == {
        "heads.1.rate_bp",
        "instalments.count",
        "rebates.0.by",
        "valuation.standard_rent.pucca",
        "settlement_order",
        "overpayment",
    }


def test_missing_parts_and_repeated_heads_are_named() -> None:
    doc = copy.deepcopy(default_document("pourashava"))
    del doc["surcharge"]
    doc["heads"].append(dict(doc["heads"][0]))
    assert _fields(doc) == {"surcharge", "surcharge.rate_bp", "surcharge.grace_days", "heads"}
    assert _fields([]) >= {"schedule", "heads", "office_kind"}


def test_settlement_order_defaults_to_arrear_surcharge_current() -> None:
    doc = copy.deepcopy(default_document("union"))
    del doc["settlement_order"]
    assert parse_schedule(doc).settlement_order == (LineKind.ARREAR, LineKind.SURCHARGE, LineKind.CURRENT)


# --- worked examples --------------------------------------------------------------------------


def test_a_rented_holding() -> None:
    # One floor let at Tk 10,000 a month = 1,000,000 poisha. Annual value: 12 months less 2 for
    # repairs = 1,000,000 × 10 = 10,000,000 poisha (Tk 1,00,000). Pourashava: holding tax 7% =
    # 700,000; conservancy 7% = 700,000; lighting 3% = 300,000; Tk 17,000 in all.
    facts = HoldingFacts("pucca", (Floor(120, "residential", Occupancy.RENTED, monthly_rent=1_000_000),))
    assessment = assess(facts, POURASHAVA)
    assert assessment.annual_value == 10_000_000
    assert assessment.tax == {"holding_tax": 700_000, "conservancy": 700_000, "lighting": 300_000}
    assert assessment.total == 1_700_000
    lines = demand_lines("H-1", assessment, POURASHAVA, "2026-27")
    assert len(lines) == 12
    first = lines[0]
    assert (first.line_id, first.due_on, first.amount) == ("2026-27#holding_tax#1", "2026-09-30", 175_000)


def test_an_owner_occupied_holding() -> None:
    # Pucca, owner-occupied, two floors of 100 and 37 m²: standard rent 4,000 poisha/m²/month ×
    # 137 m² = 548,000 a month; × (12 − 2) = 5,480,000 poisha (Tk 54,800). Holding tax 7% =
    # 383,600; lighting 3% = 164,400. A third, rented floor at Tk 2,500 (250,000) adds 2,500,000 to
    # the annual value: 7,980,000, so holding tax 558,600 and lighting 239,400.
    floors = (Floor(100, "residential", Occupancy.OWNER), Floor(37, "residential", Occupancy.OWNER))
    assessment = assess(HoldingFacts("pucca", floors), POURASHAVA)
    assert assessment.annual_value == 5_480_000
    assert (assessment.tax["holding_tax"], assessment.tax["lighting"]) == (383_600, 164_400)
    assert assessment.monthly_values == (400_000, 148_000)
    mixed = (*floors, Floor(40, "commercial", Occupancy.RENTED, monthly_rent=250_000))
    mixed_assessment = assess(HoldingFacts("pucca", mixed), POURASHAVA)
    assert mixed_assessment.annual_value == 7_980_000
    assert (mixed_assessment.tax["holding_tax"], mixed_assessment.tax["lighting"]) == (558_600, 239_400)


def test_a_cap_and_an_unknown_class() -> None:
    capped = replace(POURASHAVA, heads=(replace(POURASHAVA.heads[0], cap=500_000),))
    facts = HoldingFacts("pucca", (Floor(10, "residential", Occupancy.RENTED, monthly_rent=1_000_000),))
    assert assess(facts, capped).tax == {"holding_tax": 500_000}
    with pytest.raises(ValueError):
        assess(HoldingFacts("glass", facts.floors), POURASHAVA)


@given(total=st.integers(min_value=0, max_value=10**12), parts=st.sampled_from([1, 2, 4]))
def test_instalments_add_up_exactly(total: int, parts: int) -> None:
    amounts = split(total, parts)
    assert sum(amounts) == total
    assert max(amounts) - min(amounts) <= 1
    assert list(amounts) == sorted(amounts, reverse=True)  # the extra poisha go first


@given(rents=st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=6))
def test_a_years_lines_add_up_to_its_tax_per_head(rents: list[int]) -> None:
    floors = tuple(Floor(50, "residential", Occupancy.RENTED, monthly_rent=r) for r in rents)
    assessment = assess(HoldingFacts("pucca", floors), CITY)
    lines = demand_lines("H-9", assessment, CITY, "2026-27")
    for code, tax in assessment.tax.items():
        assert sum(line.amount for line in lines if line.head == code) == tax
    assert len({line.line_id for line in lines}) == len(lines)


# --- rebate and surcharge by date -------------------------------------------------------------


def _line(fiscal_year: str = "2026-27", kind: LineKind = LineKind.CURRENT, paid: int = 0) -> DemandLine:
    line_id = f"{fiscal_year}#holding_tax#4"
    return DemandLine(line_id, "H-1", fiscal_year, "holding_tax", 4, "2027-06-30", 100_000, paid, kind)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 9, 30), (10_000, 0)),  # 10% by the first quarter's end
        (date(2026, 10, 1), (7_500, 0)),
        (date(2027, 3, 31), (5_000, 0)),
        (date(2027, 4, 1), (0, 0)),
        (date(2027, 6, 30), (0, 0)),  # the year's last day: neither
        (date(2027, 7, 1), (0, 15_000)),  # the year is over: 15%
    ],
)
def test_rebate_and_surcharge_by_date(today: date, expected: tuple[int, int]) -> None:
    assert price_today(_line(), CITY, today) == expected


def test_surcharge_is_on_what_is_still_owed_and_never_on_a_surcharge() -> None:
    assert price_today(_line(paid=40_000), CITY, date(2027, 7, 1)) == (0, 9_000)
    assert price_today(_line("2025-26", LineKind.ARREAR), CITY, date(2026, 8, 1)) == (0, 15_000)
    assert price_today(_line("2025-26", LineKind.SURCHARGE), CITY, date(2026, 8, 1)) == (0, 0)
    assert price_today(_line(paid=100_000), CITY, date(2027, 7, 1)) == (0, 0)
    assert price_today(_line(), POURASHAVA, date(2026, 9, 1)) == (0, 0)  # no rebate in its schedule
