"""boto3 clients, created on first use (never at import) and reused for the container's life."""

from __future__ import annotations

from functools import cache
from typing import Any

from chalicelib.config import settings


@cache
def client(service: str) -> Any:
    import boto3  # imported here so that API cold starts that never need a raw client skip it

    s = settings()
    factory: Any = boto3.client  # boto3's stubs type clients per service name; callers know theirs
    return factory(service, region_name=s.region, endpoint_url=s.endpoint_url)
