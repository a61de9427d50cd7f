"""Tax schedules in the revenue table (decisions 64, 65, 67): `schedule#<office_id>` / `<fiscal
year>`, the body the schedule's JSON document as the office (or the default) gave it, and `billed`
once a demand run for that office and year started. A change is conditional on `billed` not being
set, and the run's start sets it in the transaction that creates the run, so a schedule cannot
change under a run: whichever commits first wins, the other is refused."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from pynamodb.exceptions import PutError

from chalicelib.adapters.tables import RevenueItem


class ScheduleBilled(Exception):
    """The year's schedule is frozen: a demand run has billed it."""


@dataclass(frozen=True)
class StoredSchedule:
    office_id: str
    fiscal_year: str
    document: dict[str, Any]
    billed: str | None  # when a demand run first billed the year
    updated_at: str = ""
    by: str = ""


def key(office_id: str, fiscal_year: str) -> tuple[str, str]:
    return f"schedule#{office_id}", fiscal_year


def _stored(row: RevenueItem) -> StoredSchedule:
    body = row.body or {}
    return StoredSchedule(
        office_id=str(row.office_id),
        fiscal_year=row.sk,
        document=dict(body.get("document") or {}),
        billed=row.billed,
        updated_at=str(body.get("updated_at", "")),
        by=str(body.get("by", "")),
    )


def get(office_id: str, fiscal_year: str) -> StoredSchedule | None:
    pk, sk = key(office_id, fiscal_year)
    try:
        return _stored(RevenueItem.get(pk, sk, consistent_read=True))
    except RevenueItem.DoesNotExist:
        return None


def row(office_id: str, fiscal_year: str, document: dict[str, Any], at: str, by: str) -> RevenueItem:
    pk, sk = key(office_id, fiscal_year)
    body = {"document": document, "updated_at": at, "by": by}
    return RevenueItem(pk, sk, kind="schedule", office_id=office_id, body=body)


def put(office_id: str, fiscal_year: str, document: dict[str, Any], at: str, by: str) -> StoredSchedule:
    """Replace the office's schedule for the year; `ScheduleBilled` once a run has billed it."""
    item = row(office_id, fiscal_year, document, at, by)
    for attempt in range(3):
        try:
            item.save(condition=RevenueItem.billed.does_not_exist())
            return _stored(item)
        except PutError as exc:
            if exc.cause_response_code == "ConditionalCheckFailedException":
                raise ScheduleBilled(f"{office_id} {fiscal_year}") from exc
            if exc.cause_response_code != "TransactionConflictException" or attempt == 2:
                raise
            time.sleep(0.05 * (attempt + 1))  # a run's start in flight on the item: its outcome decides
    raise AssertionError("unreachable")
