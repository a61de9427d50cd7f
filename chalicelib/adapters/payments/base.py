"""What every payment gateway adapter offers the payments service.

The service never trusts a callback: whatever a browser or an IPN posts only tells it *which*
payment to ask about; `confirm` and `query` ask the gateway itself, and the service checks the
amount, the currency and the transaction against its own record before marking anything paid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class GatewayRefused(Exception):
    """The gateway answered, and said no (bad credentials, unknown transaction, invalid request)."""


@dataclass(frozen=True)
class Checkout:
    gateway_ref: str  # the gateway's id for this checkout: SSLCommerz sessionkey, bKash paymentID
    redirect_url: str  # where the citizen's browser goes to pay


@dataclass(frozen=True)
class CheckoutRequest:
    payment_id: str  # our id; sent as SSLCommerz tran_id / bKash merchantInvoiceNumber
    amount_poisha: int
    description: str  # no personal data: e.g. "Sonod Sheba fee: citizenship"
    customer_phone: str  # 01XXXXXXXXX: gateways require a contact; never logged
    return_url: str  # the browser comes back here (success, fail and cancel alike)
    ipn_url: str  # server-to-server notification (SSLCommerz IPN); bKash has none


@dataclass(frozen=True)
class GatewayPayment:
    """What the gateway itself says about a payment."""

    state: str  # "paid", "pending", "failed" or "cancelled"
    payment_id: str  # our id as the gateway knows it (tran_id / merchantInvoiceNumber)
    amount_poisha: int
    currency: str
    gateway_txn: str  # SSLCommerz val_id / bKash trxID ("" when not paid)
    method: str = ""  # e.g. "bKash", "VISA-Dutch Bangla", "NAGAD"
    bank_txn: str = ""  # SSLCommerz bank_tran_id, needed for refunds
    raw_status: str = ""  # the gateway's own word, for the receipt and for support
    extra: dict[str, str] = field(default_factory=dict)


# What `refund_status` may answer besides "refunded", "pending" and "failed":
NO_REFUND = "none"  # the gateway has no refund for this payment: sending one is safe
ASK_BY_REPEATING = "repeat"  # it cannot be asked, but recognises a repeated request (see refund_status)


def refund_reference(payment_id: str) -> str:
    """Our reference for a payment's refund, sent with every request for it (SSLCommerz refe_id):
    the same on every retry, so the gateway can tell a repeated request from a new refund. A payment
    is refunded at most once (payment_records.claim_refund), so the payment id is enough."""
    return f"RF{payment_id}"


@dataclass(frozen=True)
class RefundResult:
    state: str  # "refunded", "pending" or "failed"; refund_status also NO_REFUND or ASK_BY_REPEATING
    refund_ref: str  # the gateway's id for the refund (SSLCommerz refund_ref_id, bKash refundTrxID)
    raw_status: str = ""


class PaymentGateway(Protocol):
    name: str  # "sslcommerz" or "bkash": the {gateway} in /v1/payments/{gateway}/ipn

    def start(self, request: CheckoutRequest) -> Checkout:
        """Open a checkout session at the gateway."""
        ...

    def confirm(self, payment_id: str, gateway_ref: str, callback: dict[str, str]) -> GatewayPayment:
        """After a callback: ask the gateway what happened (SSLCommerz: validation API with the
        callback's val_id; bKash: execute, or query when already executed). Raise GatewayRefused
        when the gateway does not know the transaction."""
        ...

    def query(self, payment_id: str, gateway_ref: str) -> GatewayPayment:
        """Reconciliation: the gateway's current word on a payment, without any callback."""
        ...

    def refund(self, paid: GatewayPayment, amount_poisha: int, reason: str, reference: str) -> RefundResult:
        """Refund (part of) a confirmed payment. `reference` is `refund_reference(payment_id)`: the
        same on a retry. This moves money: the service sends it only under its refund lease, and a
        second time only after `refund_status` said NO_REFUND or ASK_BY_REPEATING."""
        ...

    def refund_status(self, paid: GatewayPayment, refund_ref: str) -> RefundResult:
        """The gateway's word on this payment's refund, moving no money; `refund_ref` is the
        gateway's id for it when an earlier answer carried one, else "". "refunded", "pending",
        "failed" (refused or cancelled: nothing was paid), NO_REFUND, or ASK_BY_REPEATING: the
        gateway cannot be asked without the `refund_ref` a lost answer carried, but answers a
        repeated request with the same reference by naming the refund it already has, never by
        paying again. Raise PartyUnavailable or GatewayRefused when it cannot tell: nothing is sent."""
        ...
