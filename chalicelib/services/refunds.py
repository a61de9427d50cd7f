"""Refunds of payments.

- A paid case that is rejected is refunded per office policy (`policies.refund_on_reject`:
  `office_fee` by default — the platform fee paid for work done — `full` or `none`); money that
  arrives for a case no longer waiting for it is refunded in full.
- A refund is sent under a lease (adapters/payment_records.py), so the case stream and the
  reconciliation job never both send it; a failure to reach the gateway leaves it to retry.
- Money is never sent twice: before a request leaves, the payment row says so (conditional on the
  lease). A retry that finds that mark asks the gateway first (`refund_status`) and sends only when
  the gateway has no refund; every request carries the same reference (`refund_reference`), so a
  gateway that can only be asked by repeating it (SSLCommerz) recognises the repeat.
- The reconciliation job (services/reconciliation.py) retries refunds that did not finish.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from chalicelib.adapters import accounts
from chalicelib.adapters import cases as case_repo
from chalicelib.adapters import offices as office_repo
from chalicelib.adapters import payment_records as repo
from chalicelib.adapters.http_client import PartyUnavailable
from chalicelib.adapters.payment_records import PaymentRecord
from chalicelib.adapters.payments import gateway
from chalicelib.adapters.payments.base import (
    ASK_BY_REPEATING,
    NO_REFUND,
    GatewayPayment,
    GatewayRefused,
    RefundResult,
    refund_reference,
)
from chalicelib.domain.changes import CaseChange
from chalicelib.domain.clock import utc_stamp
from chalicelib.observability import logger, metrics
from chalicelib.services.notifications import notify, refund_text

RETRY_SECONDS = 15 * 60
# A request is sent only while this much of the lease is left: time for the call (bKash: a token
# grant, a 401 and a second try, 10 s each) to end before anyone else may take the refund over.
SEND_MARGIN_SECONDS = 120
REASON = "application rejected"


def refund_amount(policy: str, fee: dict[str, Any]) -> int:
    """Per office policy: the office fee (default: the platform's work was done), all, or nothing."""
    return {"full": int(fee.get("total", 0)), "none": 0}.get(policy, int(fee.get("office_fee", 0)))


def on_case_changes(changes: list[CaseChange]) -> int:
    """The case stream: a rejected case that was paid online gets its refund started."""
    started = 0
    for change in changes:
        if not change.entered("rejected"):
            continue
        summary = change.new.payment
        if summary.get("gateway") in (None, "cash"):
            continue  # cash goes back at the counter
        office = office_repo.get(str(change.new.office_id))
        policy = str((office.policies if office else {}).get("refund_on_reject", "office_fee"))
        amount = refund_amount(policy, change.new.fee)
        payment = repo.get(str(summary.get("payment_id")))
        if payment is not None and amount > 0 and start(payment, amount):
            started += 1
    return started


def start(payment: PaymentRecord, amount: int) -> bool:
    """Claim the refund and send it; False when it was already claimed or done."""
    tried = payment.refund_state is not None  # also rows from before refund_sent_at existed
    lease = repo.claim_refund(payment.payment_id, amount, utc_stamp(), int(time.time()))
    if lease is None:
        return False
    _send(lease.payment, amount, lease.until, tried)  # the payment as the claim left it, marks and all
    return True


def _paid_as_gateway_said(payment: PaymentRecord) -> GatewayPayment:
    done = payment.confirmation or {}
    return GatewayPayment(
        state="paid",
        payment_id=payment.payment_id,
        amount_poisha=int(payment.amount),
        currency=payment.currency,
        gateway_txn=str(done.get("gateway_txn", "")),
        method=str(done.get("method", "")),
        bank_txn=str(done.get("bank_txn", "")),
        extra=dict(done.get("extra") or {}),
    )


def _send(payment: PaymentRecord, amount: int, lease: int, tried: bool) -> None:
    """Under the lease: if an earlier request may have reached the gateway, ask it first and send
    only when it has no refund; mark the request before it leaves; record what the gateway said."""
    paid, reference = _paid_as_gateway_said(payment), refund_reference(payment.payment_id)
    if tried or payment.refund_sent_at:
        said = _ask(payment, amount, lease, paid)
        if said is None:
            return
        if said.state not in (NO_REFUND, ASK_BY_REPEATING):
            metrics.add_metric(name="RefundFoundAtGateway", unit="Count", value=1)
            _record(payment, amount, lease, said)  # it got there: nothing is sent again
            return
        metrics.add_metric(name="RefundResent", unit="Count", value=1)
    if time.time() + SEND_MARGIN_SECONDS > lease or not repo.mark_refund_sent(
        payment.payment_id, reference, lease, utc_stamp()
    ):
        logger.warning("refund lease ran out before sending", extra={"payment_id": payment.payment_id})
        return
    try:
        result = gateway(payment.gateway).refund(paid, amount, REASON, reference)
    except (PartyUnavailable, GatewayRefused, ValueError) as exc:
        _defer(payment, amount, lease, exc)  # the mark stays: the retry asks before sending
        return
    _record(payment, amount, lease, result)


def _ask(payment: PaymentRecord, amount: int, lease: int, paid: GatewayPayment) -> RefundResult | None:
    """The gateway's word on an earlier request whose outcome we do not know; None (and a later
    retry) when it cannot be reached or cannot tell: unknown is never read as "not refunded"."""
    try:
        return gateway(payment.gateway).refund_status(paid, payment.refund_gateway_ref or "")
    except (PartyUnavailable, GatewayRefused, ValueError) as exc:
        _defer(payment, amount, lease, exc)
        return None


def _defer(payment: PaymentRecord, amount: int, lease: int, exc: Exception) -> None:
    record = {"amount": amount, "at": utc_stamp(), "state": "retry", "error": type(exc).__name__}
    repo.record_refund(payment.payment_id, record, "retry", _later(), lease)
    metrics.add_metric(name="RefundDeferred", unit="Count", value=1)


def _later() -> str:
    return utc_stamp(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=RETRY_SECONDS))


def _record(payment: PaymentRecord, amount: int, lease: int, result: RefundResult) -> None:
    """The gateway's answer; a pending refund stays open, to be asked about again until it settles.
    The citizen is told once it is accepted (the notice id makes a second telling a no-op)."""
    record = {"amount": amount, "at": utc_stamp(), "state": result.state, "ref": result.refund_ref}
    retry_at = _later() if result.state == "pending" else None
    if not repo.record_refund(payment.payment_id, record, result.state, retry_at, lease, result.refund_ref):
        logger.warning("refund lease ran out before the outcome was recorded", extra={"payment_id": payment.payment_id})
        return
    if result.state == "failed":
        metrics.add_metric(name="RefundRefused", unit="Count", value=1)  # an operator settles it by hand
        logger.error("gateway refused a refund", extra={"payment_id": payment.payment_id})
        return
    case = case_repo.get(payment.case_id)
    citizen = accounts.citizen(case.account) if case and case.account else None
    if citizen is not None:
        notify(
            f"refund#{payment.payment_id}",
            citizen.phone,
            refund_text(payment.case_id, amount, result.refund_ref),
            "refund",
        )
    metrics.add_metric(name="RefundStarted", unit="Count", value=1)
