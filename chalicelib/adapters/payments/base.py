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


@dataclass(frozen=True)
class RefundResult:
    state: str  # "refunded", "pending" or "failed"
    refund_ref: str
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

    def refund(self, paid: GatewayPayment, amount_poisha: int, reason: str) -> RefundResult:
        """Refund (part of) a confirmed payment."""
        ...
