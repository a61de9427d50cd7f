"""Reconciliation of payments: every ten minutes, ask the gateways about payments whose callbacks
never came, settle or expire them, and retry refunds that did not finish. One payment's failure
never stops the others: it goes to the back of the queue.

It sits above both money flows: it settles through services/payments.py and refunds through
services/refunds.py. Payments start refunds (money a case no longer waits for); refunds never
settle, so neither imports this module nor needs the other's caller.
"""

from __future__ import annotations

import datetime as dt

from chalicelib.adapters import payment_records as repo
from chalicelib.adapters.payment_records import PaymentRecord
from chalicelib.adapters.payments import gateway
from chalicelib.config import settings
from chalicelib.domain.clock import utc_stamp
from chalicelib.observability import logger
from chalicelib.services import refunds
from chalicelib.services.payments import apply_answer

RECONCILE_BATCH = 50


def reconcile() -> dict[str, int]:
    """Scheduled: settle payments whose callbacks never came; retry refunds that did not finish."""
    now = dt.datetime.now(dt.UTC)
    before = utc_stamp(now - dt.timedelta(seconds=settings().payment_stale_seconds))
    give_up = utc_stamp(now - dt.timedelta(seconds=settings().payment_give_up_seconds))
    counts = {"settled": 0, "expired": 0, "refunds": 0, "unanswered": 0}
    for payment in repo.due(before, RECONCILE_BATCH):
        try:
            outcome = _reconcile_one(payment, give_up)
        except Exception as exc:  # one payment's trouble never stops the others
            outcome = "unanswered"
            logger.warning(
                "reconciliation left a payment", extra={"payment_id": payment.payment_id, "error": type(exc).__name__}
            )
        if outcome == "unanswered":
            repo.look_again(payment.payment_id, utc_stamp(now + dt.timedelta(seconds=refunds.RETRY_SECONDS)))
        counts[outcome] += 1
    logger.info("payments reconciled", extra=counts)
    return counts


def _reconcile_one(payment: PaymentRecord, give_up: str) -> str:
    if payment.state == "paid":
        refund = payment.refund or {}
        return "refunds" if refunds.start(payment, int(refund.get("amount", payment.amount))) else "unanswered"
    if payment.created_at < give_up and (not payment.gateway_ref or payment.state != "initiated"):
        return "expired" if repo.close(payment.payment_id, "expired") else "unanswered"
    said = gateway(payment.gateway).query(payment.payment_id, payment.gateway_ref)
    if said.state == "pending":
        if payment.created_at < give_up and repo.close(payment.payment_id, "expired"):
            return "expired"
        return "unanswered"
    apply_answer(payment, said)
    return "settled"
