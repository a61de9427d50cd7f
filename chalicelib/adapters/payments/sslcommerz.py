"""SSLCommerz (v4 hosted checkout): session API, order validation API, transaction query API, refund
and refund query APIs.

SSLCommerz tells the merchant about a payment three ways: the browser's return to success/fail/
cancel URLs, the server-to-server IPN, and the APIs. Only the APIs are trusted: a callback's
fields could be typed by anyone, so `confirm` takes nothing from it but the `val_id` to look up,
and reports what the validation API says (tran_id, amount, currency) for the service to compare
with its own record. Amounts travel as decimal strings ("110.00"); they are converted to integer
poisha exactly, with `Decimal`, never through floats.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from chalicelib.adapters.http_client import HttpResult, PartyUnavailable, call
from chalicelib.adapters.payments.base import (
    ASK_BY_REPEATING,
    Checkout,
    CheckoutRequest,
    GatewayPayment,
    GatewayRefused,
    RefundResult,
)

SESSION_PATH = "/gwprocess/v4/api.php"
VALIDATION_PATH = "/validator/api/validationserverAPI.php"
TRANSACTION_PATH = "/validator/api/merchantTransIDvalidationAPI.php"

PAID = frozenset({"VALID", "VALIDATED"})
# The refund query's statuses; "cancelled" means SSLCommerz dropped the refund and paid nothing.
REFUND_STATES = {"refunded": "refunded", "processing": "pending", "cancelled": "failed"}
_STATES = {"FAILED": "failed", "EXPIRED": "failed", "CANCELLED": "cancelled"}
# Sent instead of the citizen's name and e-mail: the gateway requires the fields, and the
# government has no business handing a private company more than the phone it needs.
CUSTOMER_NAME = "Sonod Sheba citizen"
CUSTOMER_EMAIL = "citizen@sonodsheba.gov.bd"
# The callback fields worth keeping: enough to look the payment up and to help support, and none
# of the card or customer details the IPN also carries.
CALLBACK_KEYS = ("tran_id", "val_id", "status", "amount", "currency", "bank_tran_id", "card_type")


def amount_string(poisha: int) -> str:
    """Integer poisha → the gateways' decimal taka string (11000 → "110.00")."""
    if poisha < 0:
        raise ValueError("amounts are never negative")
    return f"{poisha // 100}.{poisha % 100:02d}"


def amount_poisha(text: object) -> int:
    """A gateway's amount ("110.00", "110", 110) → integer poisha, exactly. An amount the gateway
    reports is passed on as it is (the service compares); one that is not a whole number of poisha
    cannot be represented honestly, so it is refused."""
    try:
        value = Decimal(str(text).strip()) * 100
    except InvalidOperation:
        raise GatewayRefused("the gateway reported an unreadable amount") from None
    if not value.is_finite() or value != value.to_integral_value():
        raise GatewayRefused("the gateway reported an amount that is not whole poisha")
    return int(value)


def answer_json(result: HttpResult) -> dict[str, Any]:
    """The JSON object a gateway answered. A 4xx is the gateway saying no; a body that is not a
    JSON object is a broken gateway (PartyUnavailable: try again later, never read as an answer)."""
    if result.status >= 400:
        raise GatewayRefused(f"HTTP {result.status}")
    try:
        data = result.json()
    except ValueError:
        raise PartyUnavailable("the gateway answered something that is not JSON") from None
    if not isinstance(data, dict):
        raise PartyUnavailable("the gateway answered JSON that is not an object")
    return data


def ipn_fields(form: dict[str, str]) -> tuple[str, dict[str, str]]:
    """An IPN (or browser return) form → (our payment_id, the callback for `confirm`). The tran_id
    only says which payment to ask about; nothing else in the form is believed."""
    tran_id = str(form.get("tran_id", "")).strip()
    if not tran_id:
        raise ValueError("the notification carries no tran_id")
    return tran_id, {key: str(form[key]) for key in CALLBACK_KEYS if form.get(key)}


def _state(status: str) -> str:
    if status in PAID:
        return "paid"
    return _STATES.get(status, "pending")  # PENDING, UNATTEMPTED and anything new: not decided yet


def _payment(record: dict[str, Any]) -> GatewayPayment:
    """One validation answer or query element → GatewayPayment, exactly as the gateway states it."""
    status = str(record.get("status", ""))
    state = _state(status)
    amount = record.get("amount")
    return GatewayPayment(
        state=state,
        payment_id=str(record.get("tran_id", "")),
        amount_poisha=amount_poisha(amount) if amount not in (None, "") else 0,
        currency=str(record.get("currency", "")),
        gateway_txn=str(record.get("val_id", "")) if state == "paid" else "",
        method=str(record.get("card_type", "")),
        bank_txn=str(record.get("bank_tran_id", "")),
        raw_status=status,
        extra={k: str(record[k]) for k in ("risk_level", "risk_title", "tran_date") if record.get(k) not in (None, "")},
    )


def _pick(elements: list[dict[str, Any]]) -> dict[str, Any]:
    """A paid attempt wins (a citizen may fail once, then pay); otherwise the latest attempt."""
    paid = [e for e in elements if e.get("status") in PAID]
    if paid:
        return paid[0]
    return max(enumerate(elements), key=lambda pair: (str(pair[1].get("tran_date", "")), pair[0]))[1]


class SslCommerzGateway:
    """The SSLCommerz adapter. `base_url` is https://sandbox.sslcommerz.com (sandbox),
    https://securepay.sslcommerz.com (live) or the local simulator's URL."""

    name = "sslcommerz"

    def __init__(self, store_id: str, store_password: str, base_url: str):
        self._store_id = store_id
        self._store_password = store_password
        self._base_url = base_url.rstrip("/")

    def _credentials(self) -> dict[str, str]:
        return {"store_id": self._store_id, "store_passwd": self._store_password}

    def _api(self, path: str, params: dict[str, str]) -> dict[str, Any]:
        """A GET on the validator APIs, which refuse bad credentials with APIConnect != DONE."""
        query = {**params, **self._credentials(), "format": "json"}
        answer = answer_json(call("GET", f"{self._base_url}{path}", params=query))
        connect = str(answer.get("APIConnect", "DONE"))
        if connect != "DONE":
            raise GatewayRefused(f"SSLCommerz API refused the request: {connect}")
        return answer

    def start(self, request: CheckoutRequest) -> Checkout:
        """Open a hosted checkout session; the citizen pays on SSLCommerz's page."""
        form = {
            **self._credentials(),
            "total_amount": amount_string(request.amount_poisha),
            "currency": "BDT",
            "tran_id": request.payment_id,
            "success_url": request.return_url,
            "fail_url": request.return_url,
            "cancel_url": request.return_url,
            "ipn_url": request.ipn_url,
            "product_name": request.description,
            "product_category": "Government service",
            "product_profile": "non-physical-goods",
            "shipping_method": "NO",
            "num_of_item": "1",
            "cus_name": CUSTOMER_NAME,
            "cus_email": CUSTOMER_EMAIL,
            "cus_add1": "Bangladesh",
            "cus_city": "Dhaka",
            "cus_country": "Bangladesh",
            "cus_phone": request.customer_phone,
        }
        answer = answer_json(call("POST", f"{self._base_url}{SESSION_PATH}", form=form))
        page = str(answer.get("GatewayPageURL") or "")
        if answer.get("status") != "SUCCESS" or not page:
            reason = answer.get("failedreason") or answer.get("status") or "no reason given"
            raise GatewayRefused(f"SSLCommerz refused the session: {reason}")
        return Checkout(gateway_ref=str(answer.get("sessionkey", "")), redirect_url=page)

    def confirm(self, payment_id: str, gateway_ref: str, callback: dict[str, str]) -> GatewayPayment:
        """Validate the callback's val_id with SSLCommerz. Fail and cancel returns carry no val_id:
        then the transaction query answers instead."""
        val_id = str(callback.get("val_id", "")).strip()
        if not val_id:
            return self.query(payment_id, gateway_ref)
        answer = self._api(VALIDATION_PATH, {"val_id": val_id})
        if answer.get("status") == "INVALID_TRANSACTION" or not answer.get("status"):
            raise GatewayRefused("SSLCommerz does not know this val_id")
        return _payment(answer)

    def query(self, payment_id: str, gateway_ref: str) -> GatewayPayment:
        """Everything SSLCommerz knows about our tran_id; no attempt yet means still pending."""
        answer = self._api(TRANSACTION_PATH, {"tran_id": payment_id})
        elements = [e for e in answer.get("element") or [] if isinstance(e, dict)]
        if not elements:
            return GatewayPayment("pending", payment_id, 0, "", "", raw_status="NO_TRANSACTION")
        return _payment(_pick(elements))

    def refund(self, paid: GatewayPayment, amount_poisha: int, reason: str, reference: str) -> RefundResult:
        """Refund by the bank transaction id, the key SSLCommerz refunds by. `refe_id` carries our
        stable reference, so a repeated request is recognisable as the same refund; SSLCommerz
        answers a refund it already has with `processing` ("the refund has been initiated already")."""
        if not paid.bank_txn:
            raise ValueError("a refund needs the payment's bank_tran_id")
        params = {
            "bank_tran_id": paid.bank_txn,
            "refund_amount": amount_string(amount_poisha),
            "refund_remarks": reason[:255],
            "refe_id": reference,
        }
        answer = self._api(TRANSACTION_PATH, params)
        status = str(answer.get("status", ""))
        state = {"success": "refunded", "processing": "pending"}.get(status, "failed")
        raw = status if state != "failed" else f"{status} {answer.get('errorReason', '')}".strip()
        return RefundResult(state=state, refund_ref=str(answer.get("refund_ref_id") or ""), raw_status=raw)

    def refund_status(self, paid: GatewayPayment, refund_ref: str) -> RefundResult:
        """The refund query, by the refund_ref_id an initiation answered with. SSLCommerz has no
        query by refe_id or by transaction, so after an answer that was lost (timeout, crash) there
        is nothing to ask by: the repeated initiation with the same refe_id is the question."""
        if not refund_ref:
            return RefundResult(state=ASK_BY_REPEATING, refund_ref="", raw_status="no refund_ref_id to ask by")
        answer = self._api(TRANSACTION_PATH, {"refund_ref_id": refund_ref})
        status = str(answer.get("status", ""))
        state = REFUND_STATES.get(status)
        if state is None:  # an answer we cannot read is no reason to send money again
            raise GatewayRefused(f"SSLCommerz did not say what became of the refund: {status or 'no status'}")
        return RefundResult(state=state, refund_ref=str(answer.get("refund_ref_id") or refund_ref), raw_status=status)
