"""The route table, a holding's ledger: dues, bills, payments, adjustments, receipts (see routes.py)."""

from __future__ import annotations

from chalicelib.api.contract import ledger as g
from chalicelib.api.contract.routes import Op

HOLDING = "/v1/holdings/{holding_id}"
RECEIPT = "/v1/receipts/{receipt_no}"

LEDGER: tuple[Op, ...] = (
    Op(
        "GET",
        f"{HOLDING}/dues",
        "What a holding owes today, line by line with today's rebate or surcharge (owners, the office)",
        (200, g.Dues),
        auth="bearer",
        errors=(404,),
    ),
    Op(
        "POST",
        f"{HOLDING}/bills",
        "A bill: the open lines priced today, payable until due_by (owners, the office)",
        (201, g.Bill),
        auth="bearer",
        optional_body=True,
        errors=(404,),
    ),
    Op("GET", "/v1/bills/{bill_id}", "A bill, until it expires", (200, g.Bill), auth="bearer", errors=(404,)),
    Op(
        "POST",
        f"{HOLDING}/payments",
        "Pay dues: cash at the counter (tax collector, a union's secretary: the receipt) or online "
        "(owner: a checkout, {payment_id, redirect_url}); apportioned in the schedule's order",
        (201, g.PaymentAnswer),
        body=g.HoldingPayment,
        auth="bearer",
        idempotent=True,
        errors=(403, 404, 409, 415, 422, 503),
    ),
    Op(
        "POST",
        f"{HOLDING}/adjustments",
        "Waive, remit, write off, settle by court order or correct what is owed (the head or secretary)",
        (201, g.Adjustment),
        body=g.NewAdjustment,
        auth="bearer",
        errors=(403, 404, 409, 415, 422),
    ),
    Op("GET", RECEIPT, "A receipt (owners, the office)", (200, g.ReceiptView), auth="bearer", errors=(404,)),
    Op(
        "POST",
        f"{RECEIPT}/cancel",
        "Cancel a receipt with a reason (the head or secretary): the ledger reverses what it settled",
        (200, g.ReceiptView),
        body=g.ReceiptCancel,
        auth="bearer",
        errors=(403, 404, 409, 415, 422),
    ),
)
