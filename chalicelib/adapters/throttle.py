"""Throttle counters in DynamoDB (the rate-windows table): conditional atomic counters with TTL.

Rows are keyed by the service with keyed hashes only (see services/throttle.py); this module knows
nothing of what is limited. Reads of several rows (and of the item the request reads anyway) are
one TransactGetItems; failures of one attempt are recorded in one write.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pynamodb.exceptions import DoesNotExist, UpdateError
from pynamodb.expressions.update import Action
from pynamodb.models import Model
from pynamodb.transactions import TransactGet, TransactWrite

from chalicelib.adapters.tables import RateWindow
from chalicelib.domain.throttle import Tally

# An item the request reads anyway, read in the same call as its counters: (model, hash, range).
Item = tuple[type[Model], Any, Any]


def _tally(row: RateWindow | None) -> Tally:
    if row is None:
        return Tally()
    return Tally(int(row.hits or 0), int(row.last_at or 0), int(row.expires_at or 0))


def _get(model: type[Model], hash_key: Any, range_key: Any) -> Model | None:
    try:
        return model.get(hash_key, range_key) if range_key is not None else model.get(hash_key)
    except DoesNotExist:
        return None


def read(keys: Sequence[str], also: Sequence[Item] = ()) -> tuple[list[Tally], list[Any]]:
    """The tallies of `keys` and the items `also` (None where absent): one call."""
    wanted: list[Item] = [*((RateWindow, k, None) for k in keys), *also]
    if len(wanted) == 1:
        found: list[Any] = [_get(*wanted[0])]
    else:
        with TransactGet(connection=RateWindow._get_connection().connection) as tg:
            futures = [tg.get(model, h, r) for model, h, r in wanted]
        found = []
        for future in futures:
            try:
                found.append(future.get())
            except DoesNotExist:
                found.append(None)
    return [_tally(row) for row in found[: len(keys)]], found[len(keys) :]


def _failure_actions(tally: Tally, now: int, window: int) -> list[Action]:
    if tally.live(now):
        return [RateWindow.hits.add(1), RateWindow.last_at.set(now)]
    # A lapsed row (TTL deletes late) starts again.
    return [RateWindow.hits.set(1), RateWindow.last_at.set(now), RateWindow.expires_at.set(now + window)]


def record_failures(entries: Sequence[tuple[str, Tally, int]], now: int) -> None:
    """Count one failure on each (key, tally as read, window): one call."""
    if len(entries) == 1:
        key, tally, window = entries[0]
        RateWindow(key).update(actions=_failure_actions(tally, now, window))
        return
    with TransactWrite(connection=RateWindow._get_connection().connection) as tx:
        for key, tally, window in entries:
            tx.update(RateWindow(key), actions=_failure_actions(tally, now, window))


def add_hit(tx: TransactWrite, key: str, limit: int, expires_at: int) -> None:
    """In another write's transaction: count one request; the transaction fails if the window is full."""
    tx.update(
        RateWindow(key),
        actions=[RateWindow.hits.add(1), RateWindow.expires_at.set(expires_at)],
        condition=RateWindow.hits.does_not_exist() | (RateWindow.hits < limit),
    )


def count_hit(key: str, limit: int, expires_at: int) -> bool:
    """Count one request in a window; False when the window is already full. One UpdateItem."""
    try:
        RateWindow(key).update(
            actions=[RateWindow.hits.add(1), RateWindow.expires_at.set(expires_at)],
            condition=RateWindow.hits.does_not_exist() | (RateWindow.hits < limit),
        )
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def forget(key: str) -> None:
    """Drop a row: a right password clears the account's failures; an admin lifts a lock-out."""
    RateWindow(key).delete()
