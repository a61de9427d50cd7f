"""boto3 clients, created on first use (never at import) and reused for the container's life."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from chalicelib.config import settings


@lru_cache(maxsize=None)
def client(service: str) -> Any:
    import boto3  # imported here so that API cold starts that never need a raw client skip it

    s = settings()
    return boto3.client(service, region_name=s.region, endpoint_url=s.endpoint_url)
