"""Models of tax schedules, assessments and demand runs (DESIGN §10; decisions 64, 67). Money is
integer poisha, rates basis points, dates ISO, stamps UTC ISO."""

from __future__ import annotations

from typing import Any, Literal, NotRequired

from typing_extensions import TypedDict


class ScheduleDocument(TypedDict):
    """A tax schedule as data, as chalicelib/data/revenue/schedules/*.json ship; every field is
    checked by the domain (a 422 names each bad one by its dotted path)."""

    office_kind: str
    reassessment_years: int
    valuation: dict[str, Any]
    heads: list[dict[str, Any]]
    instalments: dict[str, Any]
    rebates: list[dict[str, Any]]
    surcharge: dict[str, Any]
    minimum_part_payment: int
    settlement_order: list[str]
    overpayment: str
    sources: NotRequired[list[dict[str, Any]]]


class TaxSchedule(TypedDict):
    office_id: str
    fiscal_year: str
    source: Literal["office", "default"]
    billed: bool
    schedule: ScheduleDocument


class AssessmentView(TypedDict):
    holding_id: str
    fiscal_year: str
    until_year: str
    annual_value: int
    tax: dict[str, int]
    total: int
    inputs: dict[str, Any]
    source: Literal["assessed", "review"]
    at: str


class NewDemandRun(TypedDict):
    fiscal_year: str


class DemandRunStarted(TypedDict):
    run_id: str


class DemandRun(TypedDict):
    run_id: str
    office_id: str
    fiscal_year: str
    state: Literal["planning", "running", "done"]
    total: int
    done: int
    failed: int
    started_at: str
    finished_at: str | None
