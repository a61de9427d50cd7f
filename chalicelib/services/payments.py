"""Paying the fee (DESIGN §8): office fee + platform fee, online through a gateway or in cash at a
counter. A case leaves `awaiting_payment` only once the gateway itself has confirmed the payment.
Refunds and the reconciliation job are in services/refunds.py.

Never trust a callback: an IPN or a browser return only says *which* payment to ask about. The
gateway's own answer must name our payment, in BDT, for exactly the case's total; then the
payment and the case move in one transaction, so a duplicate or replayed callback changes nothing.
"""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import accounts, idempotency
from chalicelib.adapters import cases as case_repo
from chalicelib.adapters import payment_records as repo
from chalicelib.adapters.http_client import PartyUnavailable
from chalicelib.adapters.payments import gateway
from chalicelib.adapters.payments.base import CheckoutRequest, GatewayPayment, GatewayRefused
from chalicelib.adapters.tables import CaseRecord, Payment
from chalicelib.adapters.tables.journey import PENDING
from chalicelib.config import settings
from chalicelib.domain import codes, path_ids
from chalicelib.domain.actors import Actor
from chalicelib.domain.clock import utc_stamp
from chalicelib.domain.errors import AppError, FieldError, conflict, forbidden, not_found, validation_failed
from chalicelib.domain.workflow import workflows
from chalicelib.observability import logger, metrics
from chalicelib.services import refunds

PAYMENTS = Actor(kind="system", id="payments", role="system")


def unavailable(detail: str) -> AppError:
    return AppError(
        503, "gateway_unavailable", "The payment gateway is not answering", "পেমেন্ট গেটওয়ে সাড়া দিচ্ছে না", detail
    )


# --- start ---------------------------------------------------------------------------------------


def start(actor: Actor, case: CaseRecord, body: dict[str, Any], key: str | None, context: Any = None) -> dict[str, Any]:
    """POST /v1/applications/{id}/payment {method}: open a checkout for the case's fee."""
    if not actor.is_citizen or actor.id != case.citizen_id:
        raise forbidden("only the applicant pays online; a UDC operator records cash as record_payment")
    # The case is part of what the key stands for: the same key on another case is a different request.
    request = {**body, "case_id": case.case_id}
    return idempotency.once("pay", actor.id, key, request, lambda: _start(actor, case, body), context)


def _start(actor: Actor, case: CaseRecord, body: dict[str, Any]) -> dict[str, Any]:
    method = body.get("method")
    offered = settings().payment_gateways
    if method not in offered:
        raise validation_failed([FieldError("method", f"one of: {', '.join(offered)}", "পেমেন্ট পদ্ধতি বেছে নিন")])
    if case.status != "awaiting_payment":
        raise conflict("not_awaiting_payment", f"the case is {case.status}", case_status=case.status)
    citizen = accounts.citizen(actor.account)
    amount, stamp = int(case.fee["total"]), utc_stamp()
    payment = Payment(
        codes.new_code(),
        case_id=case.case_id,
        gateway=str(method),
        amount=amount,
        state="initiated",
        open=PENDING,
        check_at=stamp,
        created_at=stamp,
    )
    repo.create(payment)
    base = settings().api_base_url
    request = CheckoutRequest(
        payment_id=payment.payment_id,
        amount_poisha=amount,
        description=f"Sonod Sheba fee {case.type_code}",
        customer_phone="0" + citizen.phone[3:] if citizen else "",
        return_url=f"{base}/v1/payments/{method}/return/{payment.payment_id}",
        ipn_url=f"{base}/v1/payments/{method}/ipn",
    )
    try:
        checkout = gateway(str(method)).start(request)
    except (PartyUnavailable, GatewayRefused) as exc:
        repo.close(payment, "failed")  # no checkout exists: nothing for reconciliation to ask about
        logger.warning("checkout not opened", extra={"payment_id": payment.payment_id, "error": type(exc).__name__})
        raise unavailable("try again in a few minutes, or pay in cash at the office") from None
    repo.set_gateway_ref(payment, checkout.gateway_ref)
    metrics.add_metric(name="CheckoutOpened", unit="Count", value=1)
    return {
        "payment_id": payment.payment_id,
        "redirect_url": checkout.redirect_url,
        "gateway": method,
        "amount": {"total": amount, "currency": "BDT"},
    }


# --- settle --------------------------------------------------------------------------------------


def settle(gateway_name: str, payment_id: str, callback: dict[str, str]) -> dict[str, Any]:
    """A callback arrived (IPN or browser return): ask the gateway, then settle. Idempotent; money
    confirmed after a payment was given up on still counts (a refund follows if the case moved on)."""
    path_ids.plain(gateway_name, path_ids.SLUG, "Payment")
    payment = repo.get(path_ids.code(payment_id, "Payment"))
    if payment is None or payment.gateway != gateway_name:
        metrics.add_metric(name="PaymentCallbackUnknown", unit="Count", value=1)
        raise not_found("Payment")
    if payment.state == "paid":
        return _outcome(payment, already=True)
    try:
        said = gateway(gateway_name).confirm(payment.payment_id, payment.gateway_ref, callback)
    except GatewayRefused:
        metrics.add_metric(name="PaymentNotConfirmed", unit="Count", value=1)
        raise AppError(
            400,
            "payment_not_confirmed",
            "The gateway does not confirm this payment",
            "পেমেন্ট গেটওয়ে এই পরিশোধ নিশ্চিত করেনি",
            "nothing was changed",
        ) from None
    except PartyUnavailable:
        raise unavailable("the payment will be settled when the gateway answers") from None
    return apply_answer(payment, said)


def apply_answer(payment: Payment, said: GatewayPayment) -> dict[str, Any]:
    """Act on what the gateway said about `payment` (its id, currency and amount must match)."""
    if said.state in ("paid", "failed", "cancelled"):
        _check_matches(payment, said)
    if said.state == "paid":
        _mark_paid(payment, said)
    elif said.state in ("failed", "cancelled"):
        repo.close(payment, said.state)
    fresh = repo.get(payment.payment_id) or payment
    return _outcome(fresh, already=False)


def _check_matches(payment: Payment, said: GatewayPayment) -> None:
    mismatch = said.payment_id != payment.payment_id
    if said.state == "paid":
        mismatch = mismatch or said.currency != "BDT" or said.amount_poisha != int(payment.amount)
    if mismatch:
        metrics.add_metric(name="PaymentMismatch", unit="Count", value=1)
        logger.error("gateway confirmation does not match the payment", extra={"payment_id": payment.payment_id})
        raise conflict("payment_mismatch", "the gateway's record does not match this payment; nothing was changed")


def _confirmation(said: GatewayPayment) -> dict[str, Any]:
    return {
        "gateway_txn": said.gateway_txn,
        "bank_txn": said.bank_txn,
        "method": said.method,
        "raw_status": said.raw_status,
        "amount": said.amount_poisha,
        "currency": said.currency,
        "extra": said.extra,
    }


def _mark_paid(payment: Payment, said: GatewayPayment) -> None:
    """The payment and the case move together; a lost race means someone else settled it."""
    from chalicelib.services.applications import case_ref, move

    stamp, confirmation = utc_stamp(), _confirmation(said)
    case = case_repo.get(payment.case_id)
    if case is None or case.status != "awaiting_payment":
        # Paid for a case that no longer waits for it (cancelled meanwhile, or paid twice): refund it all.
        if repo.paid_without_case(payment, stamp, confirmation):
            metrics.add_metric(name="PaidAfterClose", unit="Count", value=1)
            refunds.start(repo.get(payment.payment_id) or payment, int(payment.amount))
        return
    step = workflows().plan(case_ref(case), "pay", PAYMENTS, f"{payment.gateway} {said.method}".strip())
    summary = {"payment_id": payment.payment_id, "gateway": payment.gateway, "method": said.method, "state": "paid"}
    try:
        move(case, step, PAYMENTS, {"payment": summary}, lambda tx: repo.add_paid(tx, payment, stamp, confirmation))
    except AppError as err:
        if err.status != 409:
            raise
        return  # a concurrent callback settled it first
    metrics.add_metric(name="PaymentConfirmed", unit="Count", value=1)


def _outcome(payment: Payment, already: bool) -> dict[str, Any]:
    return {
        "payment_id": payment.payment_id,
        "state": payment.state,
        "tracking_no": codes.display(payment.case_id),
        "already_settled": already,
    }


# --- cash, receipts ------------------------------------------------------------------------------


def cash(case: CaseRecord, actor: Actor, note: str) -> tuple[dict[str, Any], Any]:
    """record_payment: cash taken at the counter becomes a payment record in the case's transaction."""
    payment = Payment(
        codes.new_code(),
        case_id=case.case_id,
        gateway="cash",
        amount=int(case.fee["total"]),
        state="paid",
        recorded_by=actor.id,
        created_at=utc_stamp(),
        paid_at=utc_stamp(),
        confirmation={"note": note},
    )
    summary = {"payment_id": payment.payment_id, "gateway": "cash", "method": "cash", "state": "paid"}
    return summary, lambda tx: repo.add_cash(tx, payment)


def receipt(case: CaseRecord) -> dict[str, Any]:
    """GET /v1/applications/{id}/payment: the receipt of the confirmed payment."""
    payment = repo.get(str(case.payment["payment_id"])) if case.payment else None
    if payment is None:
        raise not_found("Payment")
    return {
        "receipt_no": codes.display(payment.payment_id),
        "tracking_no": codes.display(case.case_id),
        "office_id": case.office_id,
        "type": case.type_code,
        "fee": case.fee,
        "amount": int(payment.amount),
        "currency": payment.currency,
        "gateway": payment.gateway,
        "method": (payment.confirmation or {}).get("method") or payment.gateway,
        "gateway_txn": (payment.confirmation or {}).get("gateway_txn", ""),
        "recorded_by": payment.recorded_by,
        "state": payment.state,
        "paid_at": payment.paid_at,
        "refund": payment.refund,
    }
