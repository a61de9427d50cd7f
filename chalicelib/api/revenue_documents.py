"""Revenue documents (decision 69): a receipt's signed PDF and a bill's demand notice."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import services
from chalicelib.api.auth import bearer
from chalicelib.api.http import caller, endpoint, respond

bp = Blueprint(__name__)


@bp.route("/v1/receipts/{receipt_no}/pdf", methods=["GET"], authorizer=bearer)
@endpoint
def receipt_pdf(receipt_no: str) -> Response:
    result = services.receipt_documents.receipt_pdf(caller(bp.current_request), receipt_no)
    return respond(result, headers={"Cache-Control": "no-store"})


@bp.route("/v1/bills/{bill_id}/notice", methods=["GET"], authorizer=bearer)
@endpoint
def notice(bill_id: str) -> Response:
    result = services.receipt_documents.notice(caller(bp.current_request), bill_id)
    return respond(result, headers={"Cache-Control": "no-store"})
