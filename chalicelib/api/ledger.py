"""A holding's ledger (DESIGN §10; decision 68): dues, bills, payments, adjustments, receipts."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import services
from chalicelib.api import contract
from chalicelib.api.auth import bearer
from chalicelib.api.contract.parsing import parse_body
from chalicelib.api.http import ACCEPTED_CONTENT_TYPES, caller, endpoint, idempotency_key, respond

bp = Blueprint(__name__)
NO_STORE = {"Cache-Control": "no-store"}


@bp.route("/v1/holdings/{holding_id}/dues", methods=["GET"], authorizer=bearer)
@endpoint
def dues(holding_id: str) -> Response:
    return respond(services.dues.get_dues(caller(bp.current_request), holding_id), headers=NO_STORE)


@bp.route("/v1/holdings/{holding_id}/bills", methods=["POST"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def bill(holding_id: str) -> Response:
    return respond(services.dues.make_bill(caller(bp.current_request), holding_id), status=201)


@bp.route("/v1/bills/{bill_id}", methods=["GET"], authorizer=bearer)
@endpoint
def get_bill(bill_id: str) -> Response:
    return respond(services.dues.get_bill(caller(bp.current_request), bill_id), headers=NO_STORE)


@bp.route(
    "/v1/holdings/{holding_id}/payments", methods=["POST"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES
)
@endpoint
def pay(holding_id: str) -> Response:
    request = bp.current_request
    body, key = parse_body(request, contract.ledger.HoldingPayment), idempotency_key(request)
    result = services.holding_payments.pay(caller(request), holding_id, body, key, bp.lambda_context)
    return respond(result, status=201)


@bp.route(
    "/v1/holdings/{holding_id}/adjustments",
    methods=["POST"],
    authorizer=bearer,
    content_types=ACCEPTED_CONTENT_TYPES,
)
@endpoint
def adjust(holding_id: str) -> Response:
    request = bp.current_request
    body = parse_body(request, contract.ledger.NewAdjustment)
    return respond(services.adjustments.adjust(caller(request), holding_id, body), status=201)


@bp.route("/v1/receipts/{receipt_no}", methods=["GET"], authorizer=bearer)
@endpoint
def receipt(receipt_no: str) -> Response:
    return respond(services.adjustments.get_receipt(caller(bp.current_request), receipt_no), headers=NO_STORE)


@bp.route("/v1/receipts/{receipt_no}/cancel", methods=["POST"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def cancel(receipt_no: str) -> Response:
    request = bp.current_request
    body = parse_body(request, contract.ledger.ReceiptCancel)
    return respond(services.adjustments.cancel_receipt(caller(request), receipt_no, body))
