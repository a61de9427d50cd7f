"""Payment gateways: SSLCommerz (bKash, Nagad, cards through one checkout) and bKash tokenized
checkout. Both are real protocol adapters; under `make run` SSLCommerz points at the local
simulator (local/payment_gateway.py), which speaks the same protocol."""

from __future__ import annotations

from functools import cache

from chalicelib.adapters.keys import party_credentials
from chalicelib.adapters.payments.base import Checkout, CheckoutRequest, GatewayRefused, PaymentGateway
from chalicelib.config import settings


@cache
def gateway(name: str) -> PaymentGateway:
    """The adapter for `name`, built once per container (bKash keeps its token between calls)."""
    s = settings()
    creds = party_credentials(name)
    if name == "sslcommerz":
        from chalicelib.adapters.payments.sslcommerz import SslCommerzGateway

        return SslCommerzGateway(creds.get("store_id", ""), creds.get("store_password", ""), s.sslcommerz_base_url)
    if name == "bkash":
        from chalicelib.adapters.payments.bkash import BkashGateway

        return BkashGateway(
            creds.get("app_key", ""),
            creds.get("app_secret", ""),
            creds.get("username", ""),
            creds.get("password", ""),
            s.bkash_base_url,
        )
    raise GatewayRefused(f"no such gateway: {name}")


def open_session(
    adapter: PaymentGateway, method: str, payment_id: str, amount: int, description: str, phone: str
) -> Checkout:
    """Open a checkout at `adapter` (gateway `method`) for our payment `payment_id`: the browser
    comes back to /v1/payments/{method}/return/{id}, the gateway notifies /v1/payments/{method}/ipn.
    Raises PartyUnavailable or GatewayRefused when it is not opened."""
    base = settings().api_base_url
    request = CheckoutRequest(
        payment_id=payment_id,
        amount_poisha=amount,
        description=description,
        customer_phone=phone,
        return_url=f"{base}/v1/payments/{method}/return/{payment_id}",
        ipn_url=f"{base}/v1/payments/{method}/ipn",
    )
    return adapter.start(request)
