"""Receipts in the revenue table (decision 65): `receipt#<no>` / `receipt`, written in the same
transaction as the payment's ledger write, then completed by the renderer (signed PDF) and, at
most once, cancelled. Above this module a receipt is the plain `Receipt` record."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from chalicelib.adapters.ledger import RowUpdate
from chalicelib.adapters.tables import RevenueItem
from chalicelib.domain.clock import bd_date
from chalicelib.domain.revenue.receipts import CANCELLED, Allocation, Cancellation, Receipt


def key(receipt_no: str) -> tuple[str, str]:
    return f"receipt#{receipt_no}", "receipt"


def row_of(receipt: Receipt) -> RevenueItem:
    """The receipt's row, with the office-and-day index keys (an office's collections of a day)."""
    pk, sk = key(receipt.receipt_no)
    body: dict[str, Any] = asdict(receipt)
    day = bd_date(receipt.received_at).isoformat()
    return RevenueItem(
        pk,
        sk,
        kind="receipt",
        office_id=receipt.office_id,
        body=body,
        day_key=f"{receipt.office_id}#{day}",
        at=receipt.received_at,
    )


def receipt_of(row: RevenueItem) -> Receipt:
    body = dict(row.body or {})
    body["allocations"] = tuple(Allocation(**a) for a in body.get("allocations", []))
    body["booked"] = tuple(Allocation(**a) for a in body.get("booked", []))
    cancellation = body.get("cancellation")
    body["cancellation"] = Cancellation(**cancellation) if cancellation else None
    return Receipt(**body)


def get(receipt_no: str) -> Receipt | None:
    pk, sk = key(receipt_no)
    try:
        return receipt_of(RevenueItem.get(pk, sk))
    except RevenueItem.DoesNotExist:
        return None


def cancelled(receipt: Receipt, cancellation: Cancellation) -> RowUpdate:
    """In the reversal's ledger transaction: the receipt as read becomes cancelled, on condition it
    is still exactly as read (issued, and not changed meanwhile: a second cancellation, or the
    renderer storing its PDF, makes the transaction fail and the caller reads again)."""
    pk, sk = key(receipt.receipt_no)
    after = replace(receipt, status=CANCELLED, cancellation=cancellation)
    return RowUpdate(
        RevenueItem(pk, sk),
        (RevenueItem.body.set(asdict(after)),),
        RevenueItem.body == asdict(receipt),
    )
