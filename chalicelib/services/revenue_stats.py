"""Monitors' revenue counters (DESIGN §10: "monitors see collection per area, never who owes";
decision 71), kept from the revenue table's stream exactly once, like the case counters
(services/statistics.py): per office, upazila, district, division and the country, the poisha
collected (all time, and per fiscal year of the receipt's Bangladesh day), the arrears carried and
the holdings registered. No scans, no personal data. `on_revenue_changes` is the stream's handler:
these counters and the revenue SMS (services/revenue_notices.py)."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from chalicelib.adapters import revenue_stream, stats
from chalicelib.adapters.ledger import Account
from chalicelib.adapters.revenue_stream import RevenueChange
from chalicelib.domain.actors import Actor
from chalicelib.domain.clock import bd_date, today_bd
from chalicelib.domain.errors import FieldError, validation_failed
from chalicelib.domain.monitoring import NATIONAL
from chalicelib.domain.revenue.fiscal import fiscal_year_of, parse_fiscal_year
from chalicelib.domain.revenue.holdings import Holding
from chalicelib.domain.revenue.receipts import ISSUED, Receipt
from chalicelib.domain.revenue.standing import carried
from chalicelib.observability import logger
from chalicelib.services import receipt_documents, revenue_notices
from chalicelib.services.statistics import area_rows, check_monitor

ALL = "revenue"  # the period of all-time counters and of stocks (arrears, holdings)


def year_period(fiscal_year: str) -> str:
    return f"revenue-{fiscal_year}"


def _collected(old: Receipt | None, new: Receipt | None) -> int:
    """+amount for a receipt written as issued, -amount for one cancelled."""
    was = old is not None and old.status == ISSUED
    now = new is not None and new.status == ISSUED
    receipt = new or old
    return 0 if receipt is None or was == now else (receipt.amount if now else -receipt.amount)


def deltas(change: RevenueChange) -> dict[str, dict[str, int]]:
    """What one change adds, by period: {period: {counter: delta}}, zero deltas left out."""
    old, new = change.old, change.new
    out: dict[str, Counter[str]] = {}
    if change.kind == "receipt" and isinstance(new or old, Receipt):
        amount = _collected(old if isinstance(old, Receipt) else None, new if isinstance(new, Receipt) else None)
        receipt = new or old
        assert isinstance(receipt, Receipt)
        year = year_period(fiscal_year_of(bd_date(receipt.received_at)))
        out = {ALL: Counter(collected=amount), year: Counter(collected=amount)}
    elif change.kind == "ledger":
        before = carried(old.lines) if isinstance(old, Account) else 0
        after = carried(new.lines) if isinstance(new, Account) else 0
        out = {ALL: Counter(arrears=after - before)}
    elif change.kind == "holding":
        out = {ALL: Counter(holdings=int(isinstance(new, Holding)) - int(isinstance(old, Holding)))}
    return {period: {k: v for k, v in c.items() if v} for period, c in out.items() if any(c.values())}


def count(changes: list[RevenueChange]) -> int:
    """Apply each change's counters once (a stream mark per change and period). Returns how many applied."""
    applied, now = 0, int(time.time())
    for change in changes:
        for period, delta in deltas(change).items():
            rows = area_rows(change.office_id, [period])
            if rows and stats.apply_once(f"revenue#{change.mark}#{period}", now, change.office_id, {}, rows, delta):
                applied += 1
    return applied


def on_revenue_changes(records: list[dict[str, Any]]) -> dict[str, int]:
    """The revenue table's stream (NEW_AND_OLD_IMAGES): monitors' counters, the owners' SMS, and the
    receipts' signed documents (services/receipt_documents.py)."""
    changes = revenue_stream.changes(records)
    counted = count(changes)
    told = revenue_notices.tell(changes)
    documents = receipt_documents.on_revenue_changes(changes)
    # Counters move with every write (a demo register's load is hundreds of batches): routine, so
    # DEBUG; a batch that sent an SMS or asked for a receipt's document is worth an INFO line.
    outcome = {"counted": counted, "told": told, "documents": documents}
    log = logger.info if told or documents else logger.debug
    log("revenue stream batch", extra={"records": len(records), **outcome})
    return outcome


# --- GET /v1/stats/revenue -------------------------------------------------------------------------


def _area(params: dict[str, str]) -> str:
    for level in ("upazila", "district", "division"):
        code = params.get(level) or ""
        if code:
            if not (code.isascii() and code.isdigit() and len(code) <= 9):
                raise validation_failed([FieldError(level, "an LGD area code", "এলাকার কোড সঠিক নয়")])
            return f"{level}:{code}"
    return NATIONAL


def _fiscal_year(params: dict[str, str]) -> str:
    text = params.get("fiscal_year") or ""
    if not text:
        return fiscal_year_of(today_bd())
    try:
        parse_fiscal_year(text)
    except ValueError:
        raise validation_failed([FieldError("fiscal_year", "a fiscal year like 2026-27", "অর্থবছর সঠিক নয়")]) from None
    return text


def _rows(period: str, area: str) -> dict[str, dict[str, Any]]:
    rows, _ = stats.children(period, area, 100, None)  # an area has at most a few dozen children
    return {str(r["area"]): r for r in rows}


def area_revenue(actor: Actor, params: dict[str, str]) -> dict[str, Any]:
    """GET /v1/stats/revenue?division=&district=&upazila=&fiscal_year=: the areas under the given one,
    each with the year's collection, the arrears carried and the holdings registered."""
    check_monitor(actor)
    area, fiscal_year = _area(params), _fiscal_year(params)
    check_monitor(actor, area)
    stocks, year = _rows(ALL, area), _rows(year_period(fiscal_year), area)
    areas = []
    for code in sorted(stocks.keys() | year.keys()):
        row = stocks.get(code) or year[code]
        areas.append(
            {
                "area_code": code,
                "name_en": str(row.get("name_en") or ""),
                "name_bn": str(row.get("name_bn") or ""),
                "collected": int(year.get(code, {}).get("collected") or 0),
                "arrears": int(stocks.get(code, {}).get("arrears") or 0),
                "holdings": int(stocks.get(code, {}).get("holdings") or 0),
            }
        )
    return {"area": area, "fiscal_year": fiscal_year, "areas": areas}
