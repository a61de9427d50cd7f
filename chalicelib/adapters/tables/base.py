"""What every table shares: region, endpoint and billing, from the one settings object."""

from __future__ import annotations

from chalicelib.config import settings

_S = settings()


class Shared:
    """Settings every table shares; `bind` re-points them all at another endpoint."""

    region = _S.region
    host = _S.endpoint_url
    billing_mode = "PAY_PER_REQUEST"
