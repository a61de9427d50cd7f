"""Bills in the revenue table (decision 68): `bill#<bill_id>` / `bill`, written once, read until
they expire; the table's TTL removes them a while later (a bill is a snapshot, not the ledger).
Above this module a bill is the plain `Bill` record."""

from __future__ import annotations

from dataclasses import asdict

from chalicelib.adapters.tables import RevenueItem
from chalicelib.domain.clock import parse_stamp
from chalicelib.domain.revenue.dues import Bill, PricedLine

KEPT_AFTER_EXPIRY_SECONDS = 30 * 24 * 3600  # an expired bill answers "not found"; the row goes later


def key(bill_id: str) -> tuple[str, str]:
    return f"bill#{bill_id}", "bill"


def put(bill: Bill) -> None:
    pk, sk = key(bill.bill_id)
    expires = int(parse_stamp(bill.expires_at).timestamp()) + KEPT_AFTER_EXPIRY_SECONDS
    row = RevenueItem(pk, sk, kind="bill", office_id=bill.office_id, body=asdict(bill), expires_at=expires)
    row.save(condition=RevenueItem.pk.does_not_exist())


def get(bill_id: str) -> Bill | None:
    pk, sk = key(bill_id)
    try:
        body = dict(RevenueItem.get(pk, sk).body or {})
    except RevenueItem.DoesNotExist:
        return None
    body["lines"] = tuple(PricedLine(**line) for line in body.get("lines", []))
    return Bill(**body)
