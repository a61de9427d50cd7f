"""Assessments (issue 14 item 3). MINIMAL VERSION written by helper "extras" for the objection's
review decision: helper "runs" owns this module; at merge keep theirs (same `record_review`
signature) and drop this one."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from chalicelib.adapters import assessments
from chalicelib.adapters import holdings as holding_repo
from chalicelib.adapters import offices as office_repo
from chalicelib.domain.clock import utc_stamp
from chalicelib.domain.errors import not_found
from chalicelib.domain.revenue.assessment import HoldingFacts, assess, tax_by_head
from chalicelib.domain.revenue.fiscal import parse_fiscal_year
from chalicelib.domain.revenue.schedule import default_schedule


def record_review(
    holding_id: str,
    fiscal_year: str,
    facts: HoldingFacts | None,
    annual_value: int | None,
    by: str,
    case_id: str,
) -> assessments.StoredAssessment:
    """A review's decision (an objection decided) as the holding's assessment from `fiscal_year`:
    the annual value decided, or else the value of the revised facts; `source: review`. The one it
    replaces is kept in its history: nothing is deleted."""
    state = holding_repo.state(holding_id)
    office = office_repo.get(state[0].office_id) if state else None
    if state is None or office is None:
        raise not_found("Holding")
    holding = state[0]
    schedule = default_schedule(office.kind)
    value = annual_value if annual_value is not None else assess(facts or holding.facts, schedule).annual_value
    earlier = assessments.latest(holding_id, fiscal_year)
    start = parse_fiscal_year(fiscal_year)
    until = (
        earlier.until_year
        if earlier
        else f"{start + schedule.reassessment_years - 1}-{(start + schedule.reassessment_years) % 100:02d}"
    )
    inputs: dict[str, Any] = {"decided_annual_value": annual_value, "facts": asdict(facts) if facts else None}
    history = (*earlier.history, {k: v for k, v in asdict(earlier).items() if k != "history"}) if earlier else ()
    review = assessments.StoredAssessment(
        holding_id,
        fiscal_year,
        until,
        value,
        tax_by_head(value, schedule),
        inputs,
        "review",
        utc_stamp(),
        by,
        case_id,
        history,
    )
    assessments.row_of(review, holding.office_id).save()
    return review
