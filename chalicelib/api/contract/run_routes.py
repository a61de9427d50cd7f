"""The route table, municipal revenue: tax schedules, assessments, demand runs (see routes.py)."""

from __future__ import annotations

from chalicelib.api.contract import revenue_runs as r
from chalicelib.api.contract.routes import Op

SCHEDULE = "/v1/offices/{office_id}/tax-schedules/{fiscal_year}"
RUNS_PATH = "/v1/offices/{office_id}/demand-runs"

RUNS: tuple[Op, ...] = (
    Op(
        "GET",
        SCHEDULE,
        "An office's tax schedule for a fiscal year: its own, or the default for its kind (public)",
        (200, r.TaxSchedule),
        errors=(404, 422),
    ),
    Op(
        "PUT",
        SCHEDULE,
        "Set an office's tax schedule for a fiscal year not yet billed (office admin, LGD)",
        (200, r.TaxSchedule),
        body=r.ScheduleDocument,
        auth="bearer",
        errors=(400, 404, 409, 413, 415, 422),
    ),
    Op(
        "GET",
        "/v1/holdings/{holding_id}/assessment",
        "A holding's assessment in force: annual value and tax by head, with its inputs (owners, officials)",
        (200, r.AssessmentView),
        auth="bearer",
        errors=(404, 422),
    ),
    Op(
        "POST",
        RUNS_PATH,
        "Start the year's demand run for an office (assessor, a union's secretary); progress at the run",
        (202, r.DemandRunStarted),
        body=r.NewDemandRun,
        auth="bearer",
        errors=(400, 404, 409, 413, 415, 422),
    ),
    Op(
        "GET",
        f"{RUNS_PATH}/{{run_id}}",
        "A demand run's progress: holdings planned, done and failed",
        (200, r.DemandRun),
        auth="bearer",
        errors=(404,),
    ),
)
