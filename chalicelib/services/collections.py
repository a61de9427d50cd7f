"""An office's money views (DESIGN §10, issue 14 item 9): the collections of a day and the
defaulters, for the office's revenue officials ("collections.read"). Indexed reads only."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from chalicelib.adapters import collections as money
from chalicelib.adapters import offices as office_repo
from chalicelib.adapters.holdings import holding_of
from chalicelib.adapters.ledger import account_pk, read_items
from chalicelib.domain import path_ids
from chalicelib.domain.actors import Actor
from chalicelib.domain.clock import today_bd
from chalicelib.domain.errors import FieldError, not_found, validation_failed
from chalicelib.domain.revenue.access import may, office_relations, refused
from chalicelib.domain.revenue.receipts import CANCELLED, METHODS
from chalicelib.domain.revenue.standing import arrears

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _authorise(actor: Actor, office_id: str) -> None:
    office = office_repo.get(path_ids.office_id(office_id))  # a malformed id reads nothing
    if office is None:
        raise not_found("Office")
    if not may("collections.read", office_relations(actor, office_id, office.kind)):
        raise refused("collections.read")


def _day(params: dict[str, str]) -> dt.date:
    text = params.get("date") or ""
    if not text:
        return today_bd()
    try:
        if not _DATE.fullmatch(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise validation_failed([FieldError("date", "a date as YYYY-MM-DD", "তারিখ YYYY-MM-DD আকারে দিন")]) from None


def _ward(params: dict[str, str]) -> int | None:
    text = params.get("ward") or ""
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) <= 3):
        raise validation_failed([FieldError("ward", "a ward number", "ওয়ার্ড নম্বর সঠিক নয়")])
    return int(text)


def day_collections(actor: Actor, office_id: str, params: dict[str, str]) -> dict[str, Any]:
    """GET /v1/offices/{id}/collections?date=: the day's receipts; cancelled ones listed, not counted."""
    _authorise(actor, office_id)
    day = _day(params)
    receipts = money.receipts_of_day(office_id, day)
    counted = [r for r in receipts if r.status != CANCELLED]
    by_method: Counter[str] = Counter({m: 0 for m in METHODS})
    for r in counted:
        by_method[r.method] += r.amount
    return {
        "date": day.isoformat(),
        "total": sum(r.amount for r in counted),
        "count": len(counted),
        "by_method": dict(by_method),
        "items": [
            {
                "receipt_no": r.receipt_no,
                "holding_number": r.holding_number,
                "ward": r.ward,
                "amount": r.amount,
                "method": r.method,
                "received_by": r.received_by,
                "received_at": r.received_at,
                "status": r.status,
            }
            for r in receipts
        ],
    }


def defaulters(actor: Actor, office_id: str, params: dict[str, str], limit: int, cursor: str | None) -> dict[str, Any]:
    """GET /v1/offices/{id}/defaulters?ward=: holdings owing arrears, by ward then holding."""
    _authorise(actor, office_id)
    accounts, next_cursor = money.defaulters(office_id, _ward(params), limit, cursor)
    holdings = read_items((account_pk(a.holding_id), "holding") for a in accounts) if accounts else {}
    today = today_bd()
    items = []
    for a in accounts:
        row = holdings.get((account_pk(a.holding_id), "holding"))
        number = holding_of(row).number if row is not None else ""
        items.append({"holding_id": a.holding_id, "number": number, "ward": a.ward, "arrears": arrears(a.lines, today)})
    return {"items": items, "next_cursor": next_cursor}
