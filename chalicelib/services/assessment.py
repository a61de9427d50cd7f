"""Assessments (DESIGN §10, decision 67): a holding's annual value and tax by head under the
schedule in force, kept with its inputs for the schedule's assessment period; a review (an
objection's decision) replaces it for the rest of the period, the old one kept in its history.

GET /v1/holdings/{holding_id}/assessment; `for_year` is what the demand run uses; `record_review`
is what the objection workflow calls."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from chalicelib.adapters import assessments as repo
from chalicelib.adapters import holdings
from chalicelib.adapters.assessments import StoredAssessment
from chalicelib.adapters.tables import RevenueItem
from chalicelib.domain import path_ids
from chalicelib.domain.actors import Actor
from chalicelib.domain.clock import now_bd, utc_stamp
from chalicelib.domain.errors import FieldError, not_found, validation_failed
from chalicelib.domain.revenue.access import holding_relations, may, refused
from chalicelib.domain.revenue.assessment import Assessment, HoldingFacts, assess, tax_of
from chalicelib.domain.revenue.demand import year_after
from chalicelib.domain.revenue.fiscal import fiscal_year_of
from chalicelib.domain.revenue.holdings import Holding
from chalicelib.domain.revenue.schedule import Schedule
from chalicelib.services.tax_schedules import office_of, schedule_in_force

UNKNOWN_CLASS = FieldError(
    "construction_class",
    "The tax schedule has no standard rent for this construction class",
    "কর তফসিলে এই নির্মাণ শ্রেণির মানসম্মত ভাড়া নেই",
)


def stored_of(
    holding_id: str, fiscal_year: str, found: Assessment, facts: HoldingFacts, schedule: Schedule, by: str
) -> StoredAssessment:
    """An assessment as kept: from `fiscal_year` for the schedule's period, with what it used."""
    inputs = {
        "construction_class": facts.construction_class,
        "floors": [asdict(f) | {"occupancy": f.occupancy.value} for f in facts.floors],
        "monthly_values": list(found.monthly_values),
        "repairs_months": found.repairs_months,
        "rates_bp": {h.code: h.rate_bp for h in schedule.heads},
        "standard_rent": schedule.valuation.standard_rent.get(facts.construction_class),
    }
    return StoredAssessment(
        holding_id=holding_id,
        fiscal_year=fiscal_year,
        until_year=year_after(fiscal_year, schedule.reassessment_years - 1),
        annual_value=found.annual_value,
        tax=dict(found.tax),
        inputs=inputs,
        at=utc_stamp(),
        by=by,
    )


def in_force(rows: list[StoredAssessment], fiscal_year: str) -> StoredAssessment | None:
    """Of a holding's stored assessments, the one in force in `fiscal_year` (the newest to start
    on or before it whose period still covers it)."""
    started = sorted((a for a in rows if a.fiscal_year <= fiscal_year), key=lambda a: a.fiscal_year)
    return started[-1] if started and started[-1].until_year >= fiscal_year else None


def for_year(
    holding: Holding, schedule: Schedule, fiscal_year: str, rows: list[StoredAssessment], by: str
) -> tuple[StoredAssessment, RevenueItem | None]:
    """The assessment a demand uses: the stored one in force, else a new one and the row to write
    with the demand (put only if absent: a second writer loses and reads again)."""
    kept = in_force(rows, fiscal_year)
    if kept is not None:
        return kept, None
    fresh = stored_of(holding.holding_id, fiscal_year, assess(holding.facts, schedule), holding.facts, schedule, by)
    return fresh, repo.row_of(fresh, holding.office_id)


def view_of(a: StoredAssessment) -> dict[str, Any]:
    return {
        "holding_id": a.holding_id,
        "fiscal_year": a.fiscal_year,
        "until_year": a.until_year,
        "annual_value": a.annual_value,
        "tax": a.tax,
        "total": a.total,
        "inputs": a.inputs,
        "source": a.source,
        "at": a.at,
    }


def view(actor: Actor, holding_id: str) -> dict[str, Any]:
    """The assessment in force this fiscal year: the stored one, or (none stored yet) what the
    schedule in force makes of the holding now, not written (the year's demand run keeps it)."""
    found = holdings.state(path_ids.holding_id(holding_id))
    if found is None:
        raise not_found("Holding")
    holding, owner_keys, _ = found
    office = office_of(holding.office_id)
    citizen_keys = (actor.account,) if actor.is_citizen and actor.account else ()
    if not may("holding.read", holding_relations(actor, office.office_id, office.kind, owner_keys, citizen_keys)):
        raise refused("holding.read")
    fiscal_year = fiscal_year_of(now_bd().date())
    kept = repo.latest(holding_id, fiscal_year)
    if kept is None:
        schedule = schedule_in_force(office, fiscal_year)
        try:
            found_now = assess(holding.facts, schedule)
        except ValueError:  # the holding's construction class is not one the schedule rents
            raise validation_failed([UNKNOWN_CLASS]) from None
        kept = replace(stored_of(holding_id, fiscal_year, found_now, holding.facts, schedule, "system"), at="")
    return view_of(kept)


def record_review(
    holding_id: str,
    fiscal_year: str,
    facts: HoldingFacts | None,
    annual_value: int | None,
    by: str,
    case_id: str | None,
) -> StoredAssessment:
    """An objection decided: the holding's assessment from `fiscal_year` is recomputed from the
    reviewed facts, or set to the annual value the review fixed (tax by head from the schedule),
    kept with source "review" for the rest of the period; the one it replaces goes in `history`.
    The year's lines already demanded are not changed here (the ledger's adjustment does that)."""
    found = holdings.state(holding_id)
    if found is None:
        raise not_found("Holding")
    holding = found[0]
    schedule = schedule_in_force(office_of(holding.office_id), fiscal_year)
    facts = facts or holding.facts
    try:
        computed = assess(facts, schedule)
    except ValueError:
        raise validation_failed([UNKNOWN_CLASS]) from None
    if annual_value is not None:
        computed = replace(computed, annual_value=annual_value, tax=tax_of(annual_value, schedule))
    old = repo.latest(holding_id, fiscal_year)
    new = stored_of(holding_id, fiscal_year, computed, facts, schedule, by)
    history: tuple[dict[str, Any], ...] = ()
    if old is not None:
        history = (*old.history, {k: v for k, v in asdict(old).items() if k not in ("history", "holding_id")})
        new = replace(new, until_year=old.until_year)
    new = replace(new, source="review", case_id=case_id, history=history)
    repo.put(new, holding.office_id)
    return new
