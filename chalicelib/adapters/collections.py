"""An office's money views in the revenue table (decision 65's sparse indexes, decision 71): the
receipts of one Bangladesh day (`by_office_day`) and the accounts that owe arrears, by ward
(`by_arrears`). Queries only, never a Scan."""

from __future__ import annotations

from datetime import date

from chalicelib.adapters.ledger import Account, account_of
from chalicelib.adapters.paging import decode_cursor, encode_cursor
from chalicelib.adapters.receipts import receipt_of
from chalicelib.adapters.tables import RevenueItem
from chalicelib.domain.revenue.receipts import Receipt


def day_key(office_id: str, day: date) -> str:
    return f"{office_id}#{day.isoformat()}"


def receipts_of_day(office_id: str, day: date) -> list[Receipt]:
    """Every receipt an office wrote on a Bangladesh day, in the order received (a day's counter:
    a page or two of one index partition)."""
    rows = RevenueItem.by_office_day.query(day_key(office_id, day))
    return [receipt_of(row) for row in rows]


def defaulters(office_id: str, ward: int | None, limit: int, cursor: str | None) -> tuple[list[Account], str | None]:
    """A page of the office's accounts owing arrears (of one ward, or all by ward), as ledger accounts."""
    condition = RevenueItem.owing_sort.startswith(f"{ward:03d}#") if ward is not None else None
    result = RevenueItem.by_arrears.query(
        office_id,
        condition,
        limit=limit,
        last_evaluated_key=decode_cursor(cursor, {"owing_office": office_id}),
    )
    accounts = []
    for row in result:
        holding_id = row.pk.removeprefix("acct#")
        accounts.append(account_of(holding_id, office_id, int((row.body or {}).get("ward", 0)), row))
    return accounts, encode_cursor(result.last_evaluated_key)
