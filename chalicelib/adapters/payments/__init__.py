"""Payment gateways: SSLCommerz (bKash, Nagad, cards through one checkout) and bKash tokenized
checkout. Both are real protocol adapters; under `make run` SSLCommerz points at the local
simulator (local/payment_gateway.py), which speaks the same protocol."""

from __future__ import annotations

from functools import cache

from chalicelib.adapters.keys import party_credentials
from chalicelib.adapters.payments.base import GatewayRefused, PaymentGateway
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
