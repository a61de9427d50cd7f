"""Powertools Logger, Metrics and Tracer, shared by every function.

Rule: log ids (case, office, citizen id, staff username), never NIDs, phone numbers or names.
The tests capture the logs of a whole flow and search them for the personal data they used.

The Tracer is created on first use, not at import: constructing it imports the X-Ray SDK (and
botocore), which would more than double the cold import of app.py for every function, including
the ones that never trace anything.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from typing import Any

from aws_lambda_powertools import Logger, Metrics

SERVICE = "sonod-sheba"

logger = Logger(service=SERVICE)
metrics = Metrics(namespace="SonodSheba", service=SERVICE)


def tracing_enabled() -> bool:
    return os.environ.get("POWERTOOLS_TRACE_DISABLED", "false").lower() not in ("1", "true")


@lru_cache(maxsize=1)
def tracer() -> Any:
    from aws_lambda_powertools import Tracer

    return Tracer(service=SERVICE)


def trace(name: str) -> AbstractContextManager[Any]:
    """A subsegment named `name` when tracing is on (in Lambda with X-Ray), nothing otherwise."""
    if not tracing_enabled():
        return nullcontext()
    segment: AbstractContextManager[Any] = tracer().provider.in_subsegment(f"## {name}")
    return segment
