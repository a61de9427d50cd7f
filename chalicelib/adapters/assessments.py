"""Assessments in the revenue table (decision 65): `acct#<holding_id>` / `assessment#<fy>`, the
annual value and tax by head a holding was assessed at from a fiscal year on, with the inputs used;
kept for the assessment period (and after: nothing is deleted). A review (an objection's decision)
writes a new one for the same year with `source: review`, replacing what the next demand uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chalicelib.adapters.ledger import account_pk
from chalicelib.adapters.tables import RevenueItem


@dataclass(frozen=True)
class StoredAssessment:
    holding_id: str
    fiscal_year: str  # the first year it applies to
    until_year: str  # the last fiscal year of its period (reassessment_years later, less one)
    annual_value: int  # poisha
    tax: dict[str, int]  # head code -> poisha for a year
    inputs: dict[str, Any]  # what it was computed from: construction class, floors, monthly values, rates
    source: str = "assessed"  # "assessed" (by a run or an official) or "review" (an objection decided)
    at: str = ""
    by: str = ""
    case_id: str | None = None  # the objection that changed it, for a review
    history: tuple[dict[str, Any], ...] = field(default_factory=tuple)  # earlier versions of this year's

    @property
    def total(self) -> int:
        return sum(self.tax.values())


def row_of(a: StoredAssessment, office_id: str) -> RevenueItem:
    body = {k: v for k, v in a.__dict__.items() if k != "holding_id"}
    body["history"] = list(a.history)
    return RevenueItem(
        account_pk(a.holding_id), f"assessment#{a.fiscal_year}", kind="assessment", office_id=office_id, body=body
    )


def put(a: StoredAssessment, office_id: str) -> None:
    """Keep an assessment (a review replaces the year's: the one it replaces is in `history`)."""
    row_of(a, office_id).save()


def assessment_of(row: RevenueItem) -> StoredAssessment:
    body = dict(row.body or {})
    body["history"] = tuple(body.get("history", []))
    return StoredAssessment(holding_id=row.pk.removeprefix("acct#"), **body)


def latest(holding_id: str, fiscal_year: str) -> StoredAssessment | None:
    """The assessment in force for a fiscal year: the newest one starting on or before it whose
    period still covers it."""
    rows = RevenueItem.query(
        account_pk(holding_id),
        RevenueItem.sk.between("assessment#", f"assessment#{fiscal_year}"),
        scan_index_forward=False,
        limit=1,
    )
    for row in rows:
        found = assessment_of(row)
        return found if found.until_year >= fiscal_year else None
    return None
