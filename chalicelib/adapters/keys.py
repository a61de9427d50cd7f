"""Application secrets (token signing key, the key for hashing NIDs and phone numbers, the key our
CloudFront sends to prove a request came through it).

They live in one Secrets Manager secret, read through Powertools' parameters utility, which
caches the value in the container for `max_age` seconds so the request path rarely pays for it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from chalicelib.adapters.aws import client
from chalicelib.config import settings

SECRET_CACHE_SECONDS = 300


@dataclass(frozen=True)
class AppKeys:
    token_signing_key: bytes
    pii_hash_key: bytes
    # What CloudFront sends in `x-sonod-edge` on the API origin (infra/web.py), as stored; None
    # until the stage's secret has one (then no request counts as coming through CloudFront).
    edge_key: str | None = None


@lru_cache(maxsize=1)
def _provider() -> Any:
    from aws_lambda_powertools.utilities.parameters import SecretsProvider

    return SecretsProvider(boto3_client=client("secretsmanager"))


def app_keys() -> AppKeys:
    raw = _provider().get(settings().keys_secret_name, transform="json", max_age=SECRET_CACHE_SECONDS)
    return AppKeys(
        token_signing_key=base64.b64decode(raw["token_signing_key"]),
        pii_hash_key=base64.b64decode(raw["pii_hash_key"]),
        edge_key=str(raw.get("edge_key") or "") or None,
    )


def keyed_hash(kind: str, value: str) -> str:
    """HMAC-SHA256 of a normalised identifier, for use in keys: stable, not reversible without the key."""
    mac = hmac.new(app_keys().pii_hash_key, f"{kind}:{value}".encode(), hashlib.sha256).digest()
    return base64.b32encode(mac[:20]).decode().lower()


def party_credentials(party: str) -> dict[str, str]:
    """Credentials of one external party (sslcommerz, bkash, sslwireless, nid, brn) from the
    parties secret; {} when the stage has none for it."""
    raw = _provider().get(settings().parties_secret_name, transform="json", max_age=SECRET_CACHE_SECONDS)
    found = raw.get(party) if isinstance(raw, dict) else None
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}
