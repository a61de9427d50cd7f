"""Payments in DynamoDB. A payment is settled at most once: every change is conditional on the
state it leaves, and the one that marks a payment paid shares a transaction with the case's move.
A case has one open checkout: opening one is conditional on the case still pointing at the
checkout the opener read (`CaseRecord.checkout`), and marks that one superseded, in one transaction.
A refund is sent under a lease, so the stream and the reconciliation job never both send it; every
write of the refund's holder is conditional on still holding it.

Above this module payments are `PaymentRecord`s (plain, frozen) and new checkouts `Checkout`
intents; the rows, conditions and index keys stay here."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.ledger import RowUpdate
from chalicelib.adapters.tables import CaseRecord, Payment
from chalicelib.adapters.tables.journey import PENDING
from chalicelib.domain.case import Case

UNPAID = ("initiated", "failed", "cancelled", "expired")  # a later "paid" from the gateway still counts
REFUND_LEASE_SECONDS = 300


@dataclass(frozen=True)
class PaymentRecord:
    """One attempt to pay a case's fee, as stored (amount in poisha)."""

    payment_id: str
    case_id: str
    gateway: str
    amount: int
    currency: str
    state: str
    gateway_ref: str
    redirect_url: str | None
    confirmation: dict[str, Any]
    refund: dict[str, Any] | None
    refund_state: str | None
    refund_sent_at: str | None
    refund_gateway_ref: str | None
    recorded_by: str | None
    superseded_by: str | None
    created_at: str
    paid_at: str | None


@dataclass(frozen=True)
class Checkout:
    """A checkout the gateway opened, to record as the case's one open checkout."""

    payment_id: str
    case_id: str
    gateway: str
    amount: int
    gateway_ref: str
    redirect_url: str
    at: str
    currency: str = "BDT"


@dataclass(frozen=True)
class RefundLease:
    """A claimed refund: the lease's expiry (which also names its holder) and the payment as the
    claim left it, the marks of any earlier holder included."""

    until: int
    payment: PaymentRecord


def _record(row: Payment) -> PaymentRecord:
    values = {f.name: getattr(row, f.name) for f in fields(PaymentRecord)}
    return PaymentRecord(**values | {"amount": int(row.amount), "confirmation": dict(row.confirmation or {})})


def get(payment_id: str) -> PaymentRecord | None:
    try:
        return _record(Payment.get(payment_id))
    except DoesNotExist:
        return None


def create(payment: Payment) -> None:
    payment.save(condition=Payment.payment_id.does_not_exist())


LOST_RACE = ("ConditionalCheckFailed", "TransactionConflict")


def _opened(checkout: Checkout) -> Payment:
    """The row of a checkout just opened: initiated, and open for reconciliation to look at."""
    return Payment(
        checkout.payment_id,
        case_id=checkout.case_id,
        gateway=checkout.gateway,
        amount=checkout.amount,
        currency=checkout.currency,
        state="initiated",
        gateway_ref=checkout.gateway_ref,
        redirect_url=checkout.redirect_url,
        open=PENDING,
        check_at=checkout.at,
        created_at=checkout.at,
    )


def open_checkout(case: Case, checkout: Checkout, request_key: str | None) -> bool:
    """Record `checkout` as the case's one open checkout: only while the case waits for its fee and
    still points at the checkout read with it (`case.checkout`), which becomes superseded in the
    same transaction; `request_key` identifies the request for a retry. False when another start
    (or a settlement) got there first."""
    previous = case.checkout
    payment = _opened(checkout)
    pointing = CaseRecord.checkout == previous if previous else CaseRecord.checkout.does_not_exist()
    keyed = CaseRecord.checkout_key.set(request_key) if request_key else CaseRecord.checkout_key.remove()
    try:
        with TransactWrite(connection=Payment._get_connection().connection) as tx:
            tx.update(
                CaseRecord(case.case_id),
                actions=[CaseRecord.checkout.set(payment.payment_id), keyed],
                condition=(CaseRecord.status == "awaiting_payment") & pointing,
            )
            tx.save(payment, condition=Payment.payment_id.does_not_exist())
            if previous:
                tx.update(
                    Payment(previous),
                    actions=[Payment.superseded_by.set(payment.payment_id)],
                    condition=Payment.payment_id.exists(),
                )
    except TransactWriteError as exc:
        if any(r is not None and r.code in LOST_RACE for r in exc.cancellation_reasons):
            return False
        raise
    return True


def record_checkout(checkout: Checkout) -> None:
    """A checkout for something other than a case (a holding's dues: `case_id` is then the
    payment's subject, domain/revenue/receipts.payment_subject): recorded open, for the callbacks
    and reconciliation to settle as any other."""
    _opened(checkout).save(condition=Payment.payment_id.does_not_exist())


def paid_update(payment_id: str, stamp: str, confirmation: dict[str, Any]) -> RowUpdate:
    """In a holding's ledger transaction: the payment becomes paid, unless something already settled it."""
    actions = [*_paid(stamp, confirmation), Payment.open.remove(), Payment.check_at.remove()]
    return RowUpdate(Payment(payment_id), actions, Payment.state.is_in(*UNPAID))


def _failed_condition(exc: UpdateError) -> bool:
    return exc.cause_response_code == "ConditionalCheckFailedException"


def _paid(stamp: str, confirmation: dict[str, Any]) -> list[Action]:
    return [Payment.state.set("paid"), Payment.paid_at.set(stamp), Payment.confirmation.set(confirmation)]


def add_paid(tx: TransactWrite, payment_id: str, stamp: str, confirmation: dict[str, Any]) -> None:
    """In the case's transaction: the payment becomes paid, unless something already settled it."""
    actions = [*_paid(stamp, confirmation), Payment.open.remove(), Payment.check_at.remove()]
    tx.update(Payment(payment_id), actions=actions, condition=Payment.state.is_in(*UNPAID))


def add_cash(tx: TransactWrite, payment: Payment) -> None:
    tx.save(payment, condition=Payment.payment_id.does_not_exist())


def close(payment_id: str, state: str) -> bool:
    """Settle an initiated payment as failed, cancelled or expired; False if it was not open."""
    try:
        Payment(payment_id).update(
            actions=[Payment.state.set(state), Payment.open.remove(), Payment.check_at.remove()],
            condition=Payment.state == "initiated",
        )
    except UpdateError as exc:
        if _failed_condition(exc):
            return False
        raise
    return True


def _surplus(stamp: str, confirmation: dict[str, Any], surplus_of: str) -> list[Action]:
    return [*_paid(stamp, confirmation), Payment.surplus_of.set(surplus_of)]


def add_surplus(tx: TransactWrite, payment_id: str, stamp: str, confirmation: dict[str, Any], surplus_of: str) -> None:
    """In the transaction of the case's timeline entry: money arrived for a case that no longer
    waits for it (paid already, or closed). It stays open: its refund follows."""
    tx.update(
        Payment(payment_id), actions=_surplus(stamp, confirmation, surplus_of), condition=Payment.state.is_in(*UNPAID)
    )


def paid_without_case(payment_id: str, stamp: str, confirmation: dict[str, Any]) -> bool:
    """Money arrived for a case that does not exist: record it (a refund follows)."""
    try:
        Payment(payment_id).update(actions=_surplus(stamp, confirmation, ""), condition=Payment.state.is_in(*UNPAID))
    except UpdateError as exc:
        if _failed_condition(exc):
            return False
        raise
    return True


def look_again(payment_id: str, at: str) -> None:
    """Reconciliation could not finish this one now: look again later (it goes to the back)."""
    Payment(payment_id).update(actions=[Payment.check_at.set(at)], condition=Payment.open.exists())


def claim_refund(payment_id: str, amount: int, stamp: str, now: int) -> RefundLease | None:
    """Take the refund lease: the first claim starts a refund; later ones only take over a refund
    left to retry or still pending at the gateway, or one whose sender's lease ran out. Returns the
    lease (its expiry, which also names this holder: a later claim can only set a later one) with
    the payment as stored; None when someone else holds it or the refund is done."""
    first = Payment.refund_state.does_not_exist() & (Payment.state == "paid")
    again = Payment.refund_state.is_in("retry", "sending", "pending") & (Payment.refund_lease_until < now)
    lease = now + REFUND_LEASE_SECONDS
    payment = Payment(payment_id)
    try:
        payment.update(
            actions=[
                Payment.refund_state.set("sending"),
                Payment.refund_lease_until.set(lease),
                Payment.refund.set({"state": "requested", "amount": amount, "at": stamp}),
                Payment.open.set(PENDING),
                Payment.check_at.set(stamp),
            ],
            condition=first | again,
        )
    except UpdateError as exc:
        if _failed_condition(exc):
            return None
        raise
    return RefundLease(lease, _record(payment))  # the update left the row as stored


def _holding(lease: int) -> Condition:
    held: Condition = (Payment.refund_state == "sending") & (Payment.refund_lease_until == lease)
    return held


def mark_refund_sent(payment_id: str, reference: str, lease: int, stamp: str) -> bool:
    """Before a refund request leaves: note that it may reach the gateway, while the lease is still
    ours. A crash after this leaves the mark, and the next holder asks the gateway before sending.
    False when the lease was lost (its holder ran out of time and someone took over)."""
    try:
        Payment(payment_id).update(
            actions=[
                Payment.refund_sent_at.set(stamp),
                Payment.refund_reference.set(reference),
                Payment.refund_attempts.add(1),
            ],
            condition=_holding(lease),
        )
    except UpdateError as exc:
        if _failed_condition(exc):
            return False
        raise
    return True


def record_refund(
    payment_id: str, refund: dict[str, Any], state: str, retry_at: str | None, lease: int, gateway_ref: str = ""
) -> bool:
    """The refund's outcome, while the lease is ours; with `retry_at` it stays open (unreachable
    gateway, or a refund still pending there) for a look then. False when the lease was lost: the
    new holder asks the gateway itself."""
    actions: list[Action] = [Payment.refund.set(refund), Payment.refund_state.set(state)]
    if gateway_ref:
        actions.append(Payment.refund_gateway_ref.set(gateway_ref))
    if retry_at is None:
        actions += [Payment.open.remove(), Payment.check_at.remove(), Payment.refund_lease_until.remove()]
    else:
        actions += [Payment.check_at.set(retry_at), Payment.refund_lease_until.set(0)]
    try:
        Payment(payment_id).update(actions=actions, condition=_holding(lease))
    except UpdateError as exc:
        if _failed_condition(exc):
            return False
        raise
    return True


def due(before: str, limit: int) -> list[PaymentRecord]:
    """Open payments whose next look is due: one Query on the sparse index."""
    return [_record(row) for row in Payment.by_open.query(PENDING, Payment.check_at <= before, limit=limit)]
