"""Paying the fee (DESIGN §8): office fee + platform fee, online through a gateway or in cash at a
counter. A case leaves `awaiting_payment` only once the gateway itself has confirmed the payment.
Refunds and the reconciliation job are in services/refunds.py.

Never trust a callback: an IPN or a browser return only says *which* payment to ask about. The
gateway's own answer must name our payment, in BDT, for exactly the case's total; then the
payment and the case move in one transaction, so a duplicate or replayed callback changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from typing import Any

from chalicelib.adapters import accounts, idempotency
from chalicelib.adapters import cases as case_repo
from chalicelib.adapters import payment_records as repo
from chalicelib.adapters.case_writes import ConfirmPayment, RecordCash, RecordSurplus
from chalicelib.adapters.http_client import PartyUnavailable
from chalicelib.adapters.payment_records import Checkout, PaymentRecord
from chalicelib.adapters.payments import gateway, open_session
from chalicelib.adapters.payments.base import GatewayPayment, GatewayRefused
from chalicelib.config import settings
from chalicelib.domain import codes, path_ids
from chalicelib.domain.actors import Actor
from chalicelib.domain.case import Case
from chalicelib.domain.clock import utc_stamp
from chalicelib.domain.errors import AppError, FieldError, Kind, conflict, forbidden, not_found, validation_failed
from chalicelib.domain.notices import taka
from chalicelib.domain.payment_methods import method_code, pay_note
from chalicelib.domain.workflow import Step, workflows
from chalicelib.observability import logger, metrics
from chalicelib.services import holding_payments, papers, refunds
from chalicelib.services.cases import case_ref, move

PAYMENTS = Actor(kind="system", id="payments", role="system")


def unavailable(detail: str) -> AppError:
    return AppError("gateway_unavailable", detail)


# --- start ---------------------------------------------------------------------------------------


def start(actor: Actor, case: Case, body: dict[str, Any], key: str | None, context: Any = None) -> dict[str, Any]:
    """POST /v1/applications/{id}/payment {method}: open a checkout for the case's fee.

    A retry with the same Idempotency-Key is answered with the checkout it opened, as long as that
    is still the case's latest: the key is kept on the case row with the checkout (`checkout_key`),
    so a retry costs no more reads than the case itself (decision 44). The same key with another
    body is refused; on another case, it is another request. (`context` is unused: nothing is held.)"""
    if not actor.is_citizen or actor.id != case.citizen_id:
        raise forbidden("only the applicant pays online; a UDC operator records cash as record_payment")
    request_key = _request_key(actor, key, body) if key else None
    if request_key and case.checkout and case.checkout_key:
        kept_key, _, kept_body = case.checkout_key.partition(":")
        own_key, _, own_body = request_key.partition(":")
        if kept_key == own_key and kept_body != own_body:
            raise idempotency.key_reused()
        latest = repo.get(case.checkout) if kept_key == own_key else None
        if latest is not None and latest.redirect_url:
            return _checkout_view(latest)
    return _start(actor, case, body, request_key)


def _request_key(actor: Actor, key: str, body: dict[str, Any]) -> str:
    """ "<key>:<request>" as hashes: who sent which key, and what they asked for with it."""

    def digest(value: object) -> str:
        return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:32]

    return f"{digest([actor.id, key])}:{digest(body)}"


def _checkout_view(payment: PaymentRecord | Checkout) -> dict[str, Any]:
    return {
        "payment_id": payment.payment_id,
        "redirect_url": payment.redirect_url,
        "gateway": payment.gateway,
        "amount": {"total": int(payment.amount), "currency": payment.currency},
    }


def _start(actor: Actor, case: Case, body: dict[str, Any], request_key: str | None) -> dict[str, Any]:
    """The gateway's session first, then one transaction records it as the case's one open
    checkout and supersedes the one before: a start that loses a race (or fails) leaves nothing
    open, and its session at the gateway is one nobody was sent to."""
    method = body.get("method")
    offered = settings().payment_gateways
    if method not in offered:
        raise validation_failed([FieldError("method", f"one of: {', '.join(offered)}", "পেমেন্ট পদ্ধতি বেছে নিন")])
    if case.status != "awaiting_payment":
        raise conflict("not_awaiting_payment", f"the case is {case.status}", case_status=case.status)
    papers.require(case)  # never take money for a case the office would refuse for a missing paper
    citizen = accounts.citizen(actor.account)
    amount, stamp, payment_id = int(case.fee["total"]), utc_stamp(), codes.new_code()
    phone = "0" + citizen.phone[3:] if citizen else ""
    try:
        description = f"Sonod Sheba fee {case.type_code}"
        checkout = open_session(gateway(str(method)), str(method), payment_id, amount, description, phone)
    except (PartyUnavailable, GatewayRefused) as exc:
        logger.warning("checkout not opened", extra={"payment_id": payment_id, "error": type(exc).__name__})
        raise unavailable("try again in a few minutes, or pay in cash at the office") from None
    payment = Checkout(
        payment_id, case.case_id, str(method), amount, checkout.gateway_ref, checkout.redirect_url, stamp
    )
    if not repo.open_checkout(case, payment, request_key):
        metrics.add_metric(name="CheckoutConflict", unit="Count", value=1)
        raise conflict("checkout_conflict", "another checkout for this case was opened at the same moment; reload it")
    metrics.add_metric(name="CheckoutOpened", unit="Count", value=1)
    return _checkout_view(payment)


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
        return _outcome(payment.payment_id, "paid", already=True)
    adapter = gateway(gateway_name)
    try:
        if payment.superseded_by:
            # A replaced checkout is only asked about, never confirmed: bKash takes the money only
            # when the merchant executes, so a replaced bKash checkout lapses unpaid; money that a
            # gateway took anyway (SSLCommerz) still counts, and is refunded if the case is paid.
            said = adapter.query(payment.payment_id, payment.gateway_ref)
        else:
            said = adapter.confirm(payment.payment_id, payment.gateway_ref, callback)
    except GatewayRefused:
        metrics.add_metric(name="PaymentNotConfirmed", unit="Count", value=1)
        raise AppError("payment_not_confirmed", "nothing was changed") from None
    except PartyUnavailable:
        raise unavailable("the payment will be settled when the gateway answers") from None
    return apply_answer(payment, said)


def apply_answer(payment: PaymentRecord, said: GatewayPayment) -> dict[str, Any]:
    """Act on what the gateway said about `payment` (its id, currency and amount must match)."""
    if said.state in ("paid", "failed", "cancelled"):
        _check_matches(payment, said)
    state = payment.state
    if said.state == "paid":
        state = _mark_paid(payment, said)
    elif said.state in ("failed", "cancelled"):
        # Closed now, or by a callback that came a moment earlier: then say what it stored.
        state = said.state if repo.close(payment.payment_id, said.state) else _stored_state(payment)
    return _outcome(payment.payment_id, state, already=False)


def _stored_state(payment: PaymentRecord) -> str:
    fresh = repo.get(payment.payment_id)
    return fresh.state if fresh is not None else payment.state


def _check_matches(payment: PaymentRecord, said: GatewayPayment) -> None:
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


SETTLE_TRIES = 3


def _mark_paid(payment: PaymentRecord, said: GatewayPayment) -> str:
    """The gateway confirmed money for `payment`. The first payment confirmed for a case settles it
    (the payment and the case move together); any other (a second checkout paid too, or money for
    a case closed meanwhile) is recorded as surplus on the case's timeline and refunded in full.
    A lost race is looked at again; the payment's state afterwards ("initiated": left for
    reconciliation, which asks the gateway again)."""
    stamp, confirmation = utc_stamp(), _confirmation(said)
    if holding_payments.is_holding_payment(payment):  # a holding's dues, not a case's fee
        return holding_payments.confirmed(payment, stamp, confirmation)
    for _ in range(SETTLE_TRIES):
        case = case_repo.get(payment.case_id)
        if case is not None and case.status == "awaiting_payment":
            done = _settle_case(case, payment, said, stamp, confirmation)
        else:
            done = _record_surplus(case, payment, stamp, confirmation)
        if done:
            return "paid"
        fresh = repo.get(payment.payment_id)
        if fresh is None or fresh.state == "paid":
            return "paid"  # a concurrent callback recorded this payment first
    return "initiated"


def _settle_case(
    case: Case, payment: PaymentRecord, said: GatewayPayment, stamp: str, confirmation: dict[str, Any]
) -> bool:

    step = workflows().plan(case_ref(case), "pay", PAYMENTS, pay_note(payment.gateway, said.method))
    summary = {
        "payment_id": payment.payment_id,
        "gateway": payment.gateway,
        "method": said.method,
        "method_code": method_code(payment.gateway, said.method),
        "state": "paid",
    }
    try:
        move(case, step, PAYMENTS, {"payment": summary}, (ConfirmPayment(payment.payment_id, stamp, confirmation),))
    except AppError as err:
        if err.kind is not Kind.CONFLICT:
            raise
        return False
    metrics.add_metric(name="PaymentConfirmed", unit="Count", value=1)
    return True


def _record_surplus(case: Case | None, payment: PaymentRecord, stamp: str, confirmation: dict[str, Any]) -> bool:
    """Money for a case that no longer waits for it: recorded with a timeline entry the citizen
    sees, in one transaction, then refunded in full (services/refunds.py; reconciliation retries)."""

    if case is None:
        recorded = repo.paid_without_case(payment.payment_id, stamp, confirmation)
    else:
        settled_by = str((case.payment or {}).get("payment_id", ""))
        receipt, amount = codes.display(payment.payment_id), int(payment.amount)
        note = f"অতিরিক্ত পরিশোধ {receipt}: ৳{taka(amount)} পুরোটা ফেরত দেওয়া হচ্ছে / extra payment refunded in full"
        step = Step(action="refund", from_status=case.status, to_status=case.status, releases_claims=False, note=note)
        try:
            surplus = RecordSurplus(payment.payment_id, stamp, confirmation, settled_by)
            move(case, step, PAYMENTS, None, (surplus,))
            recorded = True
        except AppError as err:
            if err.kind is not Kind.CONFLICT:
                raise
            recorded = False
    if recorded:
        # One alarmed metric (infra/alarms.py) for money a case no longer waits for: paid twice or
        # paid after the case moved on, it is refunded either way and an operator should know.
        metrics.add_metric(name="PaidAfterClose", unit="Count", value=1)
        logger.warning("paid for a case that does not wait for it: refunding", extra={"payment_id": payment.payment_id})
        refunds.start(repo.get(payment.payment_id) or payment, int(payment.amount))
    return recorded


def _outcome(payment_id: str, state: str, already: bool) -> dict[str, Any]:
    """What a callback is answered: about the payment it named, nothing about the case (a
    callback is anonymous; naming a payment id must not reveal whose case it pays)."""
    return {"payment_id": payment_id, "state": state, "already_settled": already}


# Where a browser back from the gateway is sent: the citizen's applications in the web app, served
# beside the API (same origin: CloudFront in the cloud, the local stack locally). Only a word for
# the outcome and the payment's own number ride along: the web app finds the case among the
# signed-in citizen's own (it remembers which payment it opened), so a return naming someone
# else's payment (receipt numbers are payment numbers) reveals no case, tracking number or name.
RETURN_HINTS = {"paid": "paid", "failed": "failed", "cancelled": "cancelled", "unknown": "unknown"}


def return_location(gateway_name: str, payment_id: str, callback: dict[str, str] | None) -> str:
    """Settle as an IPN would (`callback` None: not a gateway's), then where the browser goes:
    `/#/applications?payment=paid|failed|cancelled|pending|unknown[&ref=<payment number>]`.
    A payment not known here (or not this gateway's) is "unknown" without a ref; one the gateway
    does not confirm is "unknown" with it; one not decided yet (or a gateway not answering) "pending"."""
    known = True
    try:
        state = settle(gateway_name, payment_id, callback)["state"] if callback is not None else "unknown"
        known = callback is not None
    except AppError as err:
        known = err.kind is not Kind.NOT_FOUND
        state = "pending" if err.kind is Kind.UNAVAILABLE else "unknown"
    query = {"payment": RETURN_HINTS.get(state, "pending")}
    if known:
        query["ref"] = codes.normalise(payment_id)  # settle accepted it: a valid payment number
    return "/#/applications?" + urllib.parse.urlencode(query)


# --- cash, receipts ------------------------------------------------------------------------------


def cash(case: Case, actor: Actor, note: str) -> tuple[dict[str, Any], RecordCash]:
    """record_payment: cash taken at the counter becomes a payment record in the case's transaction."""
    payment = RecordCash(codes.new_code(), case.case_id, int(case.fee["total"]), actor.id, utc_stamp(), note)
    summary = {"payment_id": payment.payment_id, "gateway": "cash", "method": "cash", "state": "paid"}
    summary["method_code"] = "cash"
    return summary, payment


def receipt(case: Case) -> dict[str, Any]:
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
        "method_code": method_code(payment.gateway, str((payment.confirmation or {}).get("method") or "")),
        "gateway_txn": (payment.confirmation or {}).get("gateway_txn", ""),
        "recorded_by": payment.recorded_by,
        "recorded_by_name": _taker(payment.recorded_by),
        "state": payment.state,
        "paid_at": payment.paid_at,
        "refund": payment.refund,
    }


def _taker(username: str | None) -> dict[str, str] | None:
    """Who took cash at the counter, as the printed receipt names them (not the username)."""
    account = accounts.staff(username) if username else None
    if account is None:
        return None
    return {"name_bn": account.name_bn, "name_en": account.name_en, "designation_bn": account.designation_bn}
