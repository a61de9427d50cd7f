"""The HTTP contract, declared once (decision 56): request and response models (pydantic v2
TypedDicts), from which both the routes' parsing (parsing.py) and GET /v1/openapi.json
(document.py, from the route table in *routes.py) are derived.

The model modules are imported lazily (PEP 562), as `chalicelib.services` is: a route module says
`contract.cases.NewApplication`, and pydantic loads with the first request that parses a body, not
at every cold start (bench/cold_import.py). Validators and schemas are built on first use too.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from chalicelib.api.contract import (  # noqa: F401
        accounts,
        cases,
        holdings,
        ledger,
        public,
        revenue_documents,
        revenue_runs,
        revenue_views,
    )

_MODULES = {"accounts", "cases", "holdings", "ledger", "public", "revenue_documents", "revenue_runs", "revenue_views"}


def __getattr__(name: str) -> ModuleType:
    if name in _MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(name)
