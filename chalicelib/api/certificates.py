"""Certificates: public verification, the trust and status lists, agency lookups, revocation."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import services
from chalicelib.api import contract
from chalicelib.api.auth import bearer
from chalicelib.api.contract.parsing import parse_body, parse_query
from chalicelib.api.http import (
    ACCEPTED_CONTENT_TYPES,
    cacheable,
    caller,
    endpoint,
    html,
    origin,
    page_params,
    query,
    respond,
)
from chalicelib.api.problems import status_of
from chalicelib.domain.errors import AppError

bp = Blueprint(__name__)


def _wants_html() -> bool:
    accept = (bp.current_request.headers.get("accept") or "").lower()
    return "text/html" in accept and "application/json" not in accept


@bp.route("/v1/verify/{certificate_no}", methods=["GET"])
@endpoint
def verify(certificate_no: str) -> Response:
    wants_html = _wants_html()
    try:
        view = services.verification.public_view(certificate_no, origin(bp.current_request))
    except AppError as err:
        if wants_html and status_of(err) == 404:
            return html(services.verification.render_page(None, err.code == "receipt_being_signed"), 404)
        raise
    if wants_html:
        return html(services.verification.render_page(view), 200)
    return respond(view, headers={"Cache-Control": "no-store"})


@bp.route("/v", methods=["GET"])
@endpoint
def verify_page() -> Response:
    """Where QR codes point. The signed payload sits after '#', so it never reaches this server."""
    return html(services.verification.render_page(None), 200)


@bp.route("/v1/trust-list", methods=["GET"])
@endpoint
def trust_list() -> Response:
    """?form=keys: the compact list for QR checks (bare keys); no form or form=full: certificates;
    form=names: the offices' names (display only)."""
    form = query(bp.current_request).get("form", "full")
    doc = services.publication.trust_list(form)
    return cacheable(bp.current_request, doc, {"Cache-Control": "public, max-age=300"})


@bp.route("/v1/status-list/{list_id}", methods=["GET"])
@endpoint
def status_list(list_id: str) -> Response:
    return respond(services.publication.status_list(list_id), headers={"Cache-Control": "public, max-age=60"})


@bp.route("/v1/agency/lookup", methods=["POST"], content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def agency_lookup() -> Response:
    request = bp.current_request
    body = parse_body(request, contract.public.AgencyLookup)
    result = services.verification.agency_lookup(request.headers.get("x-api-key"), body)
    return respond(result, headers={"Cache-Control": "no-store"})


@bp.route(
    "/v1/certificates/{certificate_no}/revoke",
    methods=["POST"],
    authorizer=bearer,
    content_types=ACCEPTED_CONTENT_TYPES,
)
@endpoint
def revoke(certificate_no: str) -> Response:
    request = bp.current_request
    return respond(
        services.applications.revoke_certificate(
            caller(request), certificate_no, parse_body(request, contract.cases.Revoke)
        )
    )


@bp.route("/v1/me/access-log", methods=["GET"], authorizer=bearer)
@endpoint
def access_log() -> Response:
    request = bp.current_request
    limit, cursor = page_params(request)
    view = parse_query(request, contract.accounts.AccessLogQuery).get("view") or "entries"
    return respond(services.profile.access_log(caller(request), limit, cursor, view))
