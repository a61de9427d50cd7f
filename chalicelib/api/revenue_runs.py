"""Tax schedules, assessments and demand runs (DESIGN §10; decisions 64, 67)."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import services
from chalicelib.api import contract
from chalicelib.api.auth import bearer
from chalicelib.api.contract.parsing import parse_body
from chalicelib.api.http import ACCEPTED_CONTENT_TYPES, caller, endpoint, respond

bp = Blueprint(__name__)

SCHEDULE = "/v1/offices/{office_id}/tax-schedules/{fiscal_year}"
RUNS = "/v1/offices/{office_id}/demand-runs"


@bp.route(SCHEDULE, methods=["GET"])
@endpoint
def tax_schedule(office_id: str, fiscal_year: str) -> Response:
    return respond(services.tax_schedules.get(office_id, fiscal_year))


@bp.route(SCHEDULE, methods=["PUT"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def set_tax_schedule(office_id: str, fiscal_year: str) -> Response:
    request = bp.current_request
    body = parse_body(request, contract.revenue_runs.ScheduleDocument)
    return respond(services.tax_schedules.put(caller(request), office_id, fiscal_year, body))


@bp.route("/v1/holdings/{holding_id}/assessment", methods=["GET"], authorizer=bearer)
@endpoint
def assessment(holding_id: str) -> Response:
    return respond(services.assessment.view(caller(bp.current_request), holding_id))


@bp.route(RUNS, methods=["POST"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def start_demand_run(office_id: str) -> Response:
    request = bp.current_request
    body = parse_body(request, contract.revenue_runs.NewDemandRun)
    return respond(services.demand_runs.start(caller(request), office_id, body), status=202)


@bp.route(RUNS + "/{run_id}", methods=["GET"], authorizer=bearer)
@endpoint
def demand_run(office_id: str, run_id: str) -> Response:
    return respond(services.demand_runs.get(caller(bp.current_request), office_id, run_id))
