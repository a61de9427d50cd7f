"""An office's money views (collections of a day, defaulters) and the monitors' revenue counters."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import services
from chalicelib.api import contract
from chalicelib.api.auth import bearer
from chalicelib.api.contract.parsing import parse_query
from chalicelib.api.http import caller, endpoint, page_params, respond

bp = Blueprint(__name__)


@bp.route("/v1/offices/{office_id}/collections", methods=["GET"], authorizer=bearer)
@endpoint
def collections(office_id: str) -> Response:
    request = bp.current_request
    params = parse_query(request, contract.revenue_views.CollectionsQuery)
    return respond(services.collections.day_collections(caller(request), office_id, params))


@bp.route("/v1/offices/{office_id}/defaulters", methods=["GET"], authorizer=bearer)
@endpoint
def defaulters(office_id: str) -> Response:
    request = bp.current_request
    limit, cursor = page_params(request)
    params = parse_query(request, contract.revenue_views.DefaultersQuery)
    return respond(services.collections.defaulters(caller(request), office_id, params, limit, cursor))


@bp.route("/v1/stats/revenue", methods=["GET"], authorizer=bearer)
@endpoint
def revenue_stats() -> Response:
    request = bp.current_request
    params = parse_query(request, contract.revenue_views.RevenueStatsQuery)
    return respond(services.revenue_stats.area_revenue(caller(request), params))
