"""The revenue table's DynamoDB stream, decoded once (decision 71): each record of a holding, a
ledger or a receipt item as a typed change (the plain records above the adapters); other items are
left out. A record that does not decode is left out too: one odd row cannot fail a batch."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.adapters.holdings import holding_of
from chalicelib.adapters.ledger import Account, account_of
from chalicelib.adapters.receipts import receipt_of
from chalicelib.adapters.tables import RevenueItem
from chalicelib.domain.revenue.holdings import Holding
from chalicelib.domain.revenue.receipts import Receipt
from chalicelib.observability import logger

Item = Holding | Account | Receipt
KINDS = ("holding", "ledger", "receipt")


@dataclass(frozen=True)
class RevenueChange:
    mark: str  # the stream record's id: what a consumer applies at most once
    kind: str  # one of KINDS
    office_id: str
    old: Item | None  # None: the item was created
    new: Item | None  # None: the item was removed


def _item(row: RevenueItem) -> Item:
    if row.kind == "holding":
        return holding_of(row)
    if row.kind == "receipt":
        return receipt_of(row)
    ward = int((row.body or {}).get("ward", 0))
    return account_of(row.pk.removeprefix("acct#"), str(row.office_id), ward, row)


def _decode(image: dict[str, Any] | None) -> tuple[str, str, Item] | None:
    if not image:
        return None
    row = RevenueItem.from_raw_data(image)
    if row.kind not in KINDS:
        return None
    return row.kind, str(row.office_id), _item(row)


def changes(records: list[dict[str, Any]]) -> list[RevenueChange]:
    """The stream's records of holdings, ledgers and receipts, in order."""
    out = []
    for record in records:
        data = record.get("dynamodb", {})
        try:
            old, new = _decode(data.get("OldImage")), _decode(data.get("NewImage"))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            logger.warning("revenue stream record not decoded", extra={"error": type(exc).__name__})
            continue
        side = new or old
        if side is None:
            continue
        kind, office_id, _ = side
        mark = str(record.get("eventID") or data.get("SequenceNumber") or "")
        out.append(RevenueChange(mark, kind, office_id, old[2] if old else None, new[2] if new else None))
    return out


def image_of(row: RevenueItem) -> dict[str, Any]:
    """A row as a stream image carries it (attribute-value JSON): for tests and the local pump."""
    data: dict[str, Any] = row.serialize()
    return data
