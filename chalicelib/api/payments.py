"""Fees: opening a checkout, the receipt, and the gateways' callbacks (DESIGN §8).

Callbacks are public (a gateway or a browser calls them) and trusted for nothing but *which*
payment to ask the gateway about; see services/payments.py.
"""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import services
from chalicelib.api.auth import bearer
from chalicelib.api.http import (
    ACCEPTED_CONTENT_TYPES,
    callback_fields,
    caller,
    endpoint,
    html,
    idempotency_key,
    json_body,
    respond,
)
from chalicelib.domain.errors import AppError

bp = Blueprint(__name__)


@bp.route(
    "/v1/applications/{case_id}/payment", methods=["POST"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES
)
@endpoint
def start(case_id: str) -> Response:
    request = bp.current_request
    body, key = json_body(request), idempotency_key(request)
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
    """Where the citizen's browser lands after the gateway: a small Bengali page with the outcome."""
    try:
        outcome = services.payments.settle(gateway, payment_id, callback_fields(bp.current_request))
    except AppError as err:
        return html(_page("পেমেন্ট নিশ্চিত হয়নি", "Payment not confirmed", err.title_bn, err.title), err.status)
    # Anyone can open this address: it says what became of the payment, nothing about the case.
    if outcome["state"] == "paid":
        return html(_page("ফি পরিশোধিত", "Fee paid", "আপনার আবেদন জমা হয়েছে।", "Your application is submitted."))
    return html(_page("ফি পরিশোধ হয়নি", "Not paid", "অ্যাপে ফিরে আবার চেষ্টা করুন।", "Go back to the app and try again."))


def _page(title_bn: str, title_en: str, text_bn: str, text_en: str) -> str:
    return (
        '<!doctype html><html lang="bn"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<title>{title_bn} — সনদ সেবা</title></head><body style="font-family:sans-serif;margin:2em">'
        f'<h1>{title_bn}</h1><p>{text_bn}</p><p lang="en">{title_en}. {text_en}</p></body></html>'
    )
