"""bKash Tokenized Checkout (v1.2.0-beta): grant token, create, execute, payment status, refund,
refund status.

bKash has no IPN: the citizen's browser comes back to the callbackURL with `paymentID` and
`status`, and the merchant must then *execute* the payment to take the money. Neither field is
believed: `confirm` executes (or queries) the paymentID we stored when the checkout was created,
and reports what bKash answers (invoice number, amount, currency) for the service to compare.

The id_token is granted with the merchant's username and password and is valid for an hour; it
is kept in the instance and granted again shortly before it expires, or when bKash says 401.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from chalicelib.adapters.http_client import PartyUnavailable, call
from chalicelib.adapters.payments.base import (
    NO_REFUND,
    Checkout,
    CheckoutRequest,
    GatewayPayment,
    GatewayRefused,
    RefundResult,
)
from chalicelib.adapters.payments.sslcommerz import amount_poisha, amount_string, answer_json

SANDBOX_URL = "https://tokenized.sandbox.bka.sh/v1.2.0-beta"
OK = "0000"
TOKEN_MARGIN_SECONDS = 120.0  # grant a new token this long before the old one expires
_STATES = {"Completed": "paid", "Failed": "failed", "Expired": "failed", "Cancelled": "cancelled"}
REFUND_PATH = "/tokenized/checkout/payment/refund"  # refund, and refund status when sent without an amount
NO_SUCH_TRANSACTION = "2033"  # "Transaction not found": read as "no refund" on a status query (assumed)
ALREADY_REVERSED = "2034"  # "The transaction cannot be reversed because the original transaction has been reversed"


def _code(answer: dict[str, Any]) -> str:
    """bKash reports outcomes as statusCode/statusMessage, older errors as errorCode/errorMessage."""
    return str(answer.get("statusCode") or answer.get("errorCode") or "")


def _message(answer: dict[str, Any]) -> str:
    return f"{_code(answer)} {answer.get('statusMessage') or answer.get('errorMessage') or ''}".strip()


def _refund_ids(paid: GatewayPayment) -> tuple[str, str]:
    payment_ref = paid.extra.get("paymentID", "")
    if not payment_ref or not paid.gateway_txn:
        raise ValueError("a bKash refund needs the paymentID and the trxID")
    return payment_ref, paid.gateway_txn


def _refund(answer: dict[str, Any]) -> RefundResult:
    """A refund or refund status answer that names a refund: Completed is money returned."""
    status = str(answer.get("transactionStatus", ""))
    state = "refunded" if status == "Completed" else "pending"
    return RefundResult(state=state, refund_ref=str(answer.get("refundTrxID") or ""), raw_status=status)


def _payment(answer: dict[str, Any], payment_ref: str) -> GatewayPayment:
    """An execute or status answer → GatewayPayment, exactly as bKash states it."""
    status = str(answer.get("transactionStatus", ""))
    state = _STATES.get(status, "pending")  # Initiated, Authorized, Pending...: not decided yet
    amount = answer.get("amount")
    return GatewayPayment(
        state=state,
        payment_id=str(answer.get("merchantInvoiceNumber", "")),
        amount_poisha=amount_poisha(amount) if amount not in (None, "") else 0,
        currency=str(answer.get("currency", "")),
        gateway_txn=str(answer.get("trxID", "")) if state == "paid" else "",
        method="bKash",
        raw_status=status,
        extra={"paymentID": str(answer.get("paymentID") or payment_ref)},
    )


class BkashGateway:
    """The bKash adapter. `base_url` is the API root including the version, e.g. SANDBOX_URL."""

    name = "bkash"

    def __init__(
        self,
        app_key: str,
        app_secret: str,
        username: str,
        password: str,
        base_url: str,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._app_key = app_key
        self._app_secret = app_secret
        self._username = username
        self._password = password
        self._base_url = base_url.rstrip("/")
        self._clock = clock
        self._lock = threading.Lock()
        self._token = ""
        self._token_until = 0.0

    def _id_token(self) -> str:
        """The cached id_token, granted again when (nearly) expired: a grant per request would be
        slower and bKash rate-limits grants."""
        with self._lock:
            if self._token and self._clock() < self._token_until:
                return self._token
            answer = answer_json(
                call(
                    "POST",
                    f"{self._base_url}/tokenized/checkout/token/grant",
                    json_body={"app_key": self._app_key, "app_secret": self._app_secret},
                    headers={"username": self._username, "password": self._password},
                )
            )
            if _code(answer) != OK or not answer.get("id_token"):
                raise GatewayRefused(f"bKash refused the token grant: {_message(answer)}")
            lifetime = float(answer.get("expires_in") or 3600)
            self._token = str(answer["id_token"])
            self._token_until = self._clock() + max(0.0, lifetime - TOKEN_MARGIN_SECONDS)
            return self._token

    def _forget_token(self) -> None:
        with self._lock:
            self._token, self._token_until = "", 0.0

    def _post(self, path: str, body: dict[str, str]) -> dict[str, Any]:
        """An authorised POST; a 401 (token revoked or expired early) gets one fresh grant."""
        for attempt in (1, 2):
            headers = {"Authorization": self._id_token(), "X-App-Key": self._app_key}
            result = call("POST", f"{self._base_url}{path}", json_body=body, headers=headers)
            if result.status != 401 or attempt == 2:
                break
            self._forget_token()
        return answer_json(result)

    def start(self, request: CheckoutRequest) -> Checkout:
        """Create a checkout; the citizen confirms it with their wallet PIN on bkashURL."""
        answer = self._post(
            "/tokenized/checkout/create",
            {
                "mode": "0011",
                "payerReference": request.customer_phone,
                "callbackURL": request.return_url,
                "amount": amount_string(request.amount_poisha),
                "currency": "BDT",
                "intent": "sale",
                "merchantInvoiceNumber": request.payment_id,
            },
        )
        if _code(answer) != OK or not answer.get("paymentID") or not answer.get("bkashURL"):
            raise GatewayRefused(f"bKash refused the checkout: {_message(answer)}")
        return Checkout(gateway_ref=str(answer["paymentID"]), redirect_url=str(answer["bkashURL"]))

    def confirm(self, payment_id: str, gateway_ref: str, callback: dict[str, str]) -> GatewayPayment:
        """Execute when the browser says success, else ask. The paymentID is ours (stored at
        start); the callback's is used only when none was stored. An execute that fails (already
        executed, or the answer got lost) is followed by a status query, which is authoritative."""
        payment_ref = gateway_ref or str(callback.get("paymentID", ""))
        if not payment_ref:
            raise GatewayRefused("no bKash paymentID to confirm")
        if callback.get("status") == "success":
            try:
                answer = self._post("/tokenized/checkout/execute", {"paymentID": payment_ref})
            except (PartyUnavailable, GatewayRefused):
                answer = {}
            if _code(answer) == OK and answer.get("transactionStatus"):
                return _payment(answer, payment_ref)
        return self.query(payment_id, payment_ref)

    def query(self, payment_id: str, gateway_ref: str) -> GatewayPayment:
        """bKash's current word on the paymentID; an unknown one is GatewayRefused."""
        if not gateway_ref:
            raise GatewayRefused("no bKash paymentID to query")
        answer = self._post("/tokenized/checkout/payment/status", {"paymentID": gateway_ref})
        if _code(answer) not in ("", OK) or not answer.get("transactionStatus"):
            raise GatewayRefused(f"bKash does not know this payment: {_message(answer)}")
        return _payment(answer, gateway_ref)

    def refund(self, paid: GatewayPayment, amount_poisha: int, reason: str, reference: str) -> RefundResult:
        """Refund needs both bKash ids: the paymentID (kept in extra) and the trxID. v1.2.0-beta
        takes no merchant reference for a refund (`reference` is not sent); bKash itself refuses to
        reverse a transaction twice (2034), which means a refund we asked for earlier went through."""
        payment_ref, trx_id = _refund_ids(paid)
        answer = self._post(
            REFUND_PATH,
            {
                "paymentID": payment_ref,
                "amount": amount_string(amount_poisha),
                "trxID": trx_id,
                "sku": "sonod",
                "reason": reason[:255],
            },
        )
        if _code(answer) == ALREADY_REVERSED:  # ours, from an attempt whose answer was lost
            return RefundResult(state="pending", refund_ref="", raw_status=_message(answer))
        if _code(answer) not in ("", OK):
            return RefundResult(state="failed", refund_ref="", raw_status=_message(answer))
        return _refund(answer)

    def refund_status(self, paid: GatewayPayment, refund_ref: str) -> RefundResult:
        """Refund status: the refund API with the paymentID and trxID only — no amount, which is
        what would make it a refund. bKash knows a transaction's refund by the payment, so no
        refund_ref is needed. bKash documents no answer for a transaction without a refund; only
        2033 ("Transaction not found", assumed: confirm in the sandbox) is read as "no refund". Any
        other error is not knowing, so nothing is sent: a partial refund might not be refused by
        bKash a second time the way a whole reversal is (2034)."""
        payment_ref, trx_id = _refund_ids(paid)
        answer = self._post(REFUND_PATH, {"paymentID": payment_ref, "trxID": trx_id})
        if _code(answer) == NO_SUCH_TRANSACTION:
            return RefundResult(state=NO_REFUND, refund_ref="", raw_status=_message(answer))
        if _code(answer) not in ("", OK):
            raise GatewayRefused(f"bKash could not say what became of the refund: {_code(answer)}")
        if not answer.get("transactionStatus"):
            raise GatewayRefused("bKash did not say what became of the refund")
        return _refund(answer)
