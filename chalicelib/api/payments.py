"""Fees: opening a checkout, the receipt, and the gateways' callbacks (DESIGN §8).

Callbacks are public (a gateway or a browser calls them) and trusted for nothing but *which*
payment to ask the gateway about; see services/payments.py.
"""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import services
from chalicelib.api import contract
from chalicelib.api.auth import bearer
from chalicelib.api.contract.parsing import parse_body
from chalicelib.api.http import (
    ACCEPTED_CONTENT_TYPES,
    callback_fields,
    caller,
    endpoint,
    idempotency_key,
    respond,
    see_other,
)
from chalicelib.domain.errors import AppError

bp = Blueprint(__name__)


@bp.route(
    "/v1/applications/{case_id}/payment", methods=["POST"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES
)
@endpoint
def start(case_id: str) -> Response:
    request = bp.current_request
    body, key = parse_body(request, contract.cases.PaymentStart), idempotency_key(request)
    result = services.applications.pay(caller(request), case_id, body, key, bp.lambda_context)
    return respond(result, status=201)


@bp.route("/v1/applications/{case_id}/payment", methods=["GET"], authorizer=bearer)
@endpoint
def receipt(case_id: str) -> Response:
    return respond(services.applications.payment_receipt(caller(bp.current_request), case_id))


@bp.route("/v1/payments/{gateway}/ipn", methods=["POST"], content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def ipn(gateway: str) -> Response:
    fields = callback_fields(bp.current_request)
    return respond(services.payments.settle(gateway, fields.get("tran_id", ""), fields))


@bp.route("/v1/payments/{gateway}/return/{payment_id}", methods=["GET", "POST"], content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def browser_return(gateway: str, payment_id: str) -> Response:
    """Where the citizen's browser lands after the gateway: settled as an IPN would be, then always
    sent back into the web app (303), whatever became of the payment (decision 45)."""
    try:
        fields: dict[str, str] | None = callback_fields(bp.current_request)
    except AppError:
        fields = None  # too large to be a gateway's
    return see_other(services.payments.return_location(gateway, payment_id, fields))
