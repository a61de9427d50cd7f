"""The route table, an office's money views and the monitors' revenue counters (see routes.py)."""

from __future__ import annotations

from chalicelib.api.contract import revenue_views as v
from chalicelib.api.contract.routes import Op

OFFICE = "/v1/offices/{office_id}"

EXTRAS: tuple[Op, ...] = (
    Op(
        "GET",
        f"{OFFICE}/collections",
        "An office's collections of a Bangladesh day, by method; cancelled receipts listed, not counted",
        (200, v.Collections),
        auth="bearer",
        query=v.CollectionsQuery,
        errors=(403, 404, 422),
    ),
    Op(
        "GET",
        f"{OFFICE}/defaulters",
        "An office's holdings owing arrears, by ward (revenue officials)",
        (200, v.DefaulterList),
        auth="bearer",
        query=v.DefaultersQuery,
        paged=True,
        errors=(400, 403, 404, 422),
    ),
    Op(
        "GET",
        "/v1/stats/revenue",
        "Monitoring: collection, arrears and holdings of the areas under one (monitors; never who owes)",
        (200, v.RevenueStats),
        auth="bearer",
        query=v.RevenueStatsQuery,
        errors=(403, 422),
    ),
)
