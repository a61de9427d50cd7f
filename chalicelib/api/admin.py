"""Running offices: settings for office admins, their staff, handover of signatories (office
admins or LGD), and the monitoring counters (monitors)."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import services
from chalicelib.api import contract
from chalicelib.api.auth import bearer
from chalicelib.api.contract.parsing import parse_body, parse_query
from chalicelib.api.http import ACCEPTED_CONTENT_TYPES, caller, endpoint, page_params, respond

bp = Blueprint(__name__)


@bp.route("/v1/offices/{office_id}/settings", methods=["PUT"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def settings(office_id: str) -> Response:
    request = bp.current_request
    return respond(
        services.administration.update_settings(
            caller(request), office_id, parse_body(request, contract.accounts.OfficeSettings)
        )
    )


@bp.route(
    "/v1/offices/{office_id}/signatories", methods=["POST"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES
)
@endpoint
def hand_over(office_id: str) -> Response:
    request = bp.current_request
    return respond(
        services.administration.hand_over(caller(request), office_id, parse_body(request, contract.accounts.Handover)),
        status=201,
    )


@bp.route("/v1/offices/{office_id}/staff", methods=["GET"], authorizer=bearer)
@endpoint
def list_staff(office_id: str) -> Response:
    return respond(services.staff.list_staff(caller(bp.current_request), office_id))


@bp.route("/v1/offices/{office_id}/staff", methods=["POST"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def add_staff(office_id: str) -> Response:
    request = bp.current_request
    body = parse_body(request, contract.accounts.NewStaff)
    return respond(services.staff.create(caller(request), office_id, body), status=201)


@bp.route(
    "/v1/offices/{office_id}/staff/{username}/deactivate",
    methods=["POST"],
    authorizer=bearer,
    content_types=ACCEPTED_CONTENT_TYPES,
)
@endpoint
def deactivate_staff(office_id: str, username: str) -> Response:
    request = bp.current_request
    return respond(
        services.staff.deactivate(
            caller(request), office_id, username, parse_body(request, contract.accounts.Deactivation)
        )
    )


@bp.route(
    "/v1/offices/{office_id}/staff/{username}/password",
    methods=["PUT"],
    authorizer=bearer,
    content_types=ACCEPTED_CONTENT_TYPES,
)
@endpoint
def reset_staff_password(office_id: str, username: str) -> Response:
    request = bp.current_request
    return respond(
        services.staff.reset_password(
            caller(request), office_id, username, parse_body(request, contract.accounts.NewPassword)
        )
    )


@bp.route(
    "/v1/offices/{office_id}/staff/{username}/unlock",
    methods=["POST"],
    authorizer=bearer,
    content_types=ACCEPTED_CONTENT_TYPES,
)
@endpoint
def unlock_staff(office_id: str, username: str) -> Response:
    """Lift a sign-in lock-out (office admin for their staff, or LGD)."""
    return respond(services.staff.unlock(caller(bp.current_request), office_id, username))


@bp.route("/v1/stats", methods=["GET"], authorizer=bearer)
@endpoint
def stats() -> Response:
    """Monitoring: counters of an area and of its children (LGD, district, upazila monitors)."""
    request = bp.current_request
    limit, cursor = page_params(request)
    return respond(
        services.statistics.area_report(
            caller(request), parse_query(request, contract.accounts.StatsQuery), limit, cursor
        )
    )
