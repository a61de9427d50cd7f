"""Payments in DynamoDB. A payment is settled at most once: every change is conditional on the
state it leaves, and the one that marks a payment paid shares a transaction with the case's move."""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import DoesNotExist, UpdateError
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.tables import Payment
from chalicelib.adapters.tables.journey import PENDING


def get(payment_id: str) -> Payment | None:
    try:
        return Payment.get(payment_id)
    except DoesNotExist:
        return None


def create(payment: Payment) -> None:
    payment.save(condition=Payment.payment_id.does_not_exist())


def set_gateway_ref(payment: Payment, ref: str) -> None:
    payment.update(actions=[Payment.gateway_ref.set(ref)])


def paid_actions(stamp: str, confirmation: dict[str, Any]) -> list[Action]:
    return [
        Payment.state.set("paid"),
        Payment.paid_at.set(stamp),
        Payment.confirmation.set(confirmation),
        Payment.open.remove(),
    ]


def add_paid(tx: TransactWrite, payment: Payment, stamp: str, confirmation: dict[str, Any]) -> None:
    """In the case's transaction: the payment becomes paid, unless something already settled it."""
    tx.update(payment, actions=paid_actions(stamp, confirmation), condition=Payment.state == "initiated")


def add_cash(tx: TransactWrite, payment: Payment) -> None:
    tx.save(payment, condition=Payment.payment_id.does_not_exist())


def close(payment: Payment, state: str, actions: list[Action] | None = None) -> bool:
    """Settle an initiated payment as `state` (paid, failed, cancelled, expired); False if it was not open."""
    try:
        payment.update(
            actions=[Payment.state.set(state), Payment.open.remove(), *(actions or [])],
            condition=Payment.state == "initiated",
        )
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def claim_refund(payment: Payment, amount: int, stamp: str) -> bool:
    """Start a refund once: False when one was already started."""
    try:
        payment.update(
            actions=[
                Payment.refund.set({"state": "requested", "amount": amount, "at": stamp}),
                Payment.open.set(PENDING),
            ],
            condition=Payment.refund.does_not_exist() & (Payment.state == "paid"),
        )
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def record_refund(payment: Payment, refund: dict[str, Any], done: bool) -> None:
    actions: list[Action] = [Payment.refund.set(refund)]
    actions.append(Payment.open.remove() if done else Payment.open.set(PENDING))
    payment.update(actions=actions)


def stale(before: str, limit: int) -> list[Payment]:
    """Open payments (unsettled, or with a refund to finish) created before `before`: one Query."""
    return list(Payment.by_open.query(PENDING, Payment.created_at <= before, limit=limit))
