"""Use cases. Imported lazily (PEP 562) so that a route module can say `services.applications`
without making every API cold start import PynamoDB, PyJWT and argon2 before they are needed."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from chalicelib.services import (  # noqa: F401
        adjustments,
        administration,
        applications,
        assessment,
        auth,
        cases,
        catalog,
        collections,
        consents,
        demand_runs,
        dues,
        escalation,
        holding_payments,
        holdings,
        issuance,
        notifications,
        offices,
        outbox,
        papers,
        payments,
        profile,
        publication,
        queues,
        receipt_documents,
        reconciliation,
        refunds,
        revenue_notices,
        revenue_stats,
        signing_keys,
        staff,
        statistics,
        tax_schedules,
        udc,
        verification,
    )

_MODULES = {
    "adjustments",
    "administration",
    "applications",
    "assessment",
    "auth",
    "cases",
    "catalog",
    "collections",
    "consents",
    "demand_runs",
    "escalation",
    "holdings",
    "dues",
    "holding_payments",
    "issuance",
    "notifications",
    "offices",
    "outbox",
    "papers",
    "payments",
    "profile",
    "publication",
    "queues",
    "receipt_documents",
    "reconciliation",
    "refunds",
    "revenue_notices",
    "revenue_stats",
    "signing_keys",
    "staff",
    "statistics",
    "tax_schedules",
    "udc",
    "verification",
}


def __getattr__(name: str) -> ModuleType:
    if name in _MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(name)
