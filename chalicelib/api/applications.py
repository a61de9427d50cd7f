"""Citizens' applications, the office queue, and the citizen's own account."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import services
from chalicelib.api import contract
from chalicelib.api.auth import bearer
from chalicelib.api.contract.parsing import parse_body, parse_query
from chalicelib.api.http import (
    ACCEPTED_CONTENT_TYPES,
    caller,
    endpoint,
    idempotency_key,
    int_param,
    origin,
    page_params,
    respond,
)

bp = Blueprint(__name__)


@bp.route("/v1/applications", methods=["POST"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def apply() -> Response:
    request = bp.current_request
    body = parse_body(request, contract.cases.NewApplication)
    result = services.applications.apply(caller(request), body, idempotency_key(request), bp.lambda_context)
    return respond(result, status=201)


@bp.route("/v1/applications", methods=["GET"], authorizer=bearer)
@endpoint
def my_applications() -> Response:
    limit, cursor = page_params(bp.current_request)
    return respond(services.queues.mine(caller(bp.current_request), limit, cursor))


@bp.route("/v1/applications/{case_id}", methods=["GET"], authorizer=bearer)
@endpoint
def application(case_id: str) -> Response:
    return respond(services.applications.get(caller(bp.current_request), case_id))


@bp.route(
    "/v1/applications/{case_id}/actions", methods=["POST"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES
)
@endpoint
def act(case_id: str) -> Response:
    request = bp.current_request
    body = parse_body(request, contract.cases.Action)
    return respond(services.applications.act(caller(request), case_id, body))


@bp.route(
    "/v1/applications/{case_id}/papers/{code}/waiver",
    methods=["POST"],
    authorizer=bearer,
    content_types=ACCEPTED_CONTENT_TYPES,
)
@endpoint
def waive_paper(case_id: str, code: str) -> Response:
    """The secretary waives a required paper with a note (decision 46)."""
    request = bp.current_request
    body = parse_body(request, contract.cases.PaperWaiver)
    return respond(services.papers.waive(caller(request), case_id, code, body))


@bp.route("/v1/applications/{case_id}/consents", methods=["POST"], content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def consent(case_id: str) -> Response:
    """An heir's consent: public, the SMS code is the proof (attempts are limited per heir)."""
    request = bp.current_request
    return respond(services.consents.give(case_id, parse_body(request, contract.cases.ConsentGiven), origin(request)))


@bp.route("/v1/consent-links", methods=["POST"], content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def consent_link() -> Response:
    """The link in an heir's consent SMS: the names on the case, for whoever holds the token (public,
    unknown tokens limited per address). POST, so the token stays out of URLs and access logs."""
    request = bp.current_request
    result = services.consents.open_link(parse_body(request, contract.cases.ConsentLinkOpen), origin(request))
    return respond(result, headers={"Cache-Control": "no-store"})


@bp.route("/v1/applications/{case_id}/certificate", methods=["GET"], authorizer=bearer)
@endpoint
def certificate(case_id: str) -> Response:
    result = services.applications.certificate_link(caller(bp.current_request), case_id)
    return respond(result, headers={"Cache-Control": "no-store"})


@bp.route("/v1/applications/{case_id}/preview", methods=["GET"], authorizer=bearer)
@endpoint
def preview(case_id: str) -> Response:
    """The certificate as it would be issued (marked "preview", unsigned): for the secretary and signatory."""
    result = services.issuance.preview(caller(bp.current_request), case_id)
    return respond(result, headers={"Cache-Control": "no-store"})


@bp.route("/v1/offices/{office_id}/applications", methods=["GET"], authorizer=bearer)
@endpoint
def office_queue(office_id: str) -> Response:
    request = bp.current_request
    params = parse_query(request, contract.cases.OfficeQueueQuery)
    limit, cursor = page_params(request)
    ward = int_param(params, "ward", None, 1, 99)
    return respond(services.queues.office_queue(caller(request), office_id, params, ward, limit, cursor))


@bp.route("/v1/me", methods=["GET"], authorizer=bearer)
@endpoint
def me() -> Response:
    return respond(services.profile.get_me(caller(bp.current_request)))


@bp.route("/v1/me", methods=["PUT"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def update_me() -> Response:
    request = bp.current_request
    body = parse_body(request, contract.accounts.Profile)
    return respond(services.profile.put_me(caller(request), body))


@bp.route("/v1/me/papers", methods=["POST"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def start_paper() -> Response:
    request = bp.current_request
    body = parse_body(request, contract.cases.PaperStart)
    return respond(services.papers.start_upload(caller(request), body), status=201)


@bp.route("/v1/me/papers", methods=["GET"], authorizer=bearer)
@endpoint
def my_papers() -> Response:
    return respond(services.papers.mine(caller(bp.current_request)))


@bp.route("/v1/me/papers/{paper_id}/complete", methods=["POST"], authorizer=bearer)
@endpoint
def complete_paper(paper_id: str) -> Response:
    return respond(services.papers.complete(caller(bp.current_request), paper_id))


@bp.route("/v1/udc/consent-codes", methods=["POST"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def udc_consent_code() -> Response:
    """A UDC operator asks the citizen at the counter for consent: the code goes to their phone."""
    request = bp.current_request
    return respond(
        services.udc.request_consent(caller(request), parse_body(request, contract.cases.ConsentCodeRequest)),
        status=202,
    )
