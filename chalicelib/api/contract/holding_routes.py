"""The route table, the holdings register (see routes.py)."""

from __future__ import annotations

from chalicelib.api.contract import holdings as h
from chalicelib.api.contract.routes import Op

HOLDING = "/v1/holdings/{holding_id}"

HOLDINGS: tuple[Op, ...] = (
    Op(
        "POST",
        "/v1/offices/{office_id}/holdings",
        "Register a holding (an urban office's assessor, a union's secretary)",
        (201, h.HoldingView),
        body=h.NewHolding,
        auth="bearer",
        errors=(403, 404, 409, 415, 422),
    ),
    Op(
        "GET",
        "/v1/offices/{office_id}/holdings",
        "An office's register by ward and number, or by q: a holding number's start or a word of an owner's name",
        (200, h.HoldingList),
        auth="bearer",
        query=h.HoldingsQuery,
        paged=True,
        errors=(400, 403, 404, 422),
    ),
    Op(
        "GET",
        HOLDING,
        "One holding (its office's officials, its owners)",
        (200, h.HoldingView),
        auth="bearer",
        errors=(404,),
    ),
    Op(
        "PATCH",
        HOLDING,
        "Change a holding's register entry, on condition it is at the version read",
        (200, h.HoldingView),
        body=h.HoldingPatch,
        auth="bearer",
        errors=(403, 404, 409, 415, 422),
    ),
    Op(
        "GET",
        f"{HOLDING}/history",
        "A holding's register changes, newest first",
        (200, h.HoldingHistory),
        auth="bearer",
        errors=(404,),
    ),
    Op(
        "GET",
        "/v1/me/holdings",
        "The holdings I own (by my phone, or my NID)",
        (200, h.MyHoldings),
        auth="bearer",
        errors=(403,),
    ),
)
