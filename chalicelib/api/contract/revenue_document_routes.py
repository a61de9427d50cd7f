"""The route table, revenue documents (decision 69): a receipt's signed PDF and a bill's printed
demand notice (see routes.py)."""

from __future__ import annotations

from chalicelib.api.contract import revenue_documents as d
from chalicelib.api.contract.routes import Op

REVENUE_DOCUMENTS: tuple[Op, ...] = (
    Op(
        "GET",
        "/v1/receipts/{receipt_no}/pdf",
        "Short-lived link to a receipt's signed PDF (its holding's owners, the office's revenue officials)",
        (200, d.ReceiptPdf),
        auth="bearer",
        errors=(404,),
    ),
    Op(
        "GET",
        "/v1/bills/{bill_id}/notice",
        "Short-lived link to a bill's demand notice, a Bengali PDF (its holding's owners, the office's officials)",
        (200, d.NoticeLink),
        auth="bearer",
        errors=(404,),
    ),
)
