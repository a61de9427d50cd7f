"""The holdings register: an office's holdings, one holding and its history, a citizen's own."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import services
from chalicelib.api import contract
from chalicelib.api.auth import bearer
from chalicelib.api.contract.parsing import parse_body, parse_query
from chalicelib.api.http import ACCEPTED_CONTENT_TYPES, caller, endpoint, int_param, page_params, respond

bp = Blueprint(__name__)


@bp.route("/v1/offices/{office_id}/holdings", methods=["POST"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def register(office_id: str) -> Response:
    request = bp.current_request
    body = parse_body(request, contract.holdings.NewHolding)
    return respond(services.holdings.register(caller(request), office_id, body), status=201)


@bp.route("/v1/offices/{office_id}/holdings", methods=["GET"], authorizer=bearer)
@endpoint
def office_register(office_id: str) -> Response:
    request = bp.current_request
    params = parse_query(request, contract.holdings.HoldingsQuery)
    limit, cursor = page_params(request)
    ward = int_param(params, "ward", None, 1, 999)
    result = services.holdings.office_register(caller(request), office_id, params.get("q") or "", ward, limit, cursor)
    return respond(result)


@bp.route("/v1/holdings/{holding_id}", methods=["GET"], authorizer=bearer)
@endpoint
def holding(holding_id: str) -> Response:
    return respond(services.holdings.get(caller(bp.current_request), holding_id), headers={"Cache-Control": "no-store"})


@bp.route("/v1/holdings/{holding_id}", methods=["PATCH"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def edit(holding_id: str) -> Response:
    request = bp.current_request
    body = parse_body(request, contract.holdings.HoldingPatch)
    return respond(services.holdings.edit(caller(request), holding_id, body))


@bp.route("/v1/holdings/{holding_id}/history", methods=["GET"], authorizer=bearer)
@endpoint
def history(holding_id: str) -> Response:
    return respond(services.holdings.history(caller(bp.current_request), holding_id))


@bp.route("/v1/me/holdings", methods=["GET"], authorizer=bearer)
@endpoint
def mine() -> Response:
    return respond(services.holdings.mine(caller(bp.current_request)), headers={"Cache-Control": "no-store"})
