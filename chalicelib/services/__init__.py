"""Use cases. Imported lazily (PEP 562) so that a route module can say `services.applications`
without making every API cold start import PynamoDB, PyJWT and argon2 before they are needed."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from chalicelib.services import (  # noqa: F401
        administration,
        applications,
        auth,
        cases,
        catalog,
        collections,
        consents,
        escalation,
        issuance,
        notifications,
        offices,
        outbox,
        papers,
        payments,
        profile,
        publication,
        queues,
        reconciliation,
        refunds,
        revenue_notices,
        revenue_stats,
        signing_keys,
        staff,
        statistics,
        udc,
        verification,
    )

_MODULES = {
    "administration",
    "applications",
    "auth",
    "cases",
    "catalog",
    "collections",
    "consents",
    "escalation",
    "issuance",
    "notifications",
    "offices",
    "outbox",
    "papers",
    "payments",
    "profile",
    "publication",
    "queues",
    "reconciliation",
    "refunds",
    "revenue_notices",
    "revenue_stats",
    "signing_keys",
    "staff",
    "statistics",
    "udc",
    "verification",
}


def __getattr__(name: str) -> ModuleType:
    if name in _MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(name)
