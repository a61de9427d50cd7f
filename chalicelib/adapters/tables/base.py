"""What every table shares: region, endpoint and billing, from the one settings object."""

from __future__ import annotations

from chalicelib.config import settings

_S = settings()


class Shared:
    """Settings every table shares; `bind` re-points them all at another endpoint."""

    region = _S.region
    host = _S.endpoint_url
    billing_mode = "PAY_PER_REQUEST"


class KeptForYears(Shared):
    """Tables whose rows are kept for the 10-year retention and seldom read once a case is closed.
    Standard-IA stores for 60% less and charges 25% more per request; over ten years storage is
    most of these tables' bill (bench/cost.py, decisions.md). Read by infra/ only: locally the
    class changes nothing."""

    table_class = "STANDARD_INFREQUENT_ACCESS"
