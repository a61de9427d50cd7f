"""Throttle counters in DynamoDB (the rate-windows table): conditional atomic counters with TTL.

Rows are keyed by the service with keyed hashes only (see services/throttle.py); this module knows
nothing of what is limited. Reads of several rows (and of the item the request reads anyway) are
one TransactGetItems; failures of one attempt are recorded in one write.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactGetError, TransactWriteError, UpdateError
from pynamodb.expressions.update import Action
from pynamodb.models import Model
from pynamodb.transactions import TransactGet, TransactWrite

from chalicelib.adapters.row_reads import RowRead
from chalicelib.adapters.tables import RateWindow
from chalicelib.domain.throttle import Tally
from chalicelib.observability import logger

# An item the request reads anyway, read in the same call as its counters: a typed `RowRead` (its
# plain value comes back, never the row).
Item = RowRead[Any]


def _tally(row: RateWindow | None) -> Tally:
    if row is None:
        return Tally()
    return Tally(int(row.hits or 0), int(row.last_at or 0), int(row.expires_at or 0))


def _get(model: type[Model], hash_key: Any, range_key: Any) -> Model | None:
    try:
        return model.get(hash_key, range_key, consistent_read=True)
    except DoesNotExist:
        return None


Key = tuple[type[Model], Any, Any]


def _key_of(item: Item) -> Key:
    return item.model, item.hash_key, item.range_key


def _plain(item: Item, row: Any) -> Any:
    return item.plain(row) if row is not None else row


def read(keys: Sequence[str], also: Sequence[Item] = ()) -> tuple[list[Tally], list[Any]]:
    """The tallies of `keys` and the items `also` (None where absent; a `RowRead`'s plain value): one call."""
    counters: list[Key] = [(RateWindow, k, None) for k in keys]
    wanted = counters + [_key_of(item) for item in also]
    found = _read_together(wanted) if len(wanted) > 1 else None
    if found is None:
        found = [_get(*key) for key in wanted]
    items = [_plain(item, row) for item, row in zip(also, found[len(keys) :], strict=True)]
    return [_tally(row) for row in found[: len(keys)]], items


def _read_together(wanted: Sequence[Key]) -> list[Any] | None:
    """One TransactGetItems; None when DynamoDB cancels it (a transaction was writing one of the
    rows, e.g. another failure being counted): the caller then reads them one by one."""
    try:
        with TransactGet(connection=RateWindow._get_connection().connection) as tg:
            futures = [tg.get(model, h, r) for model, h, r in wanted]
    except TransactGetError:
        return None
    found: list[Any] = []
    for future in futures:
        try:
            found.append(future.get())
        except DoesNotExist:
            found.append(None)
    return found


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


def _reservation(key: str, tally: Tally, window: int, limit: int, now: int) -> tuple[RateWindow, list[Action], Any]:
    if tally.live(now):
        condition = (RateWindow.hits < limit) & (RateWindow.expires_at > now)
    else:
        # No row, a lapsed one, or one whose failures were all given back.
        condition = RateWindow.hits.does_not_exist() | (RateWindow.expires_at <= now) | (RateWindow.hits < 1)
    return RateWindow(key), _failure_actions(tally, now, window), condition


def _reserved_together(updates: Sequence[tuple[RateWindow, list[Action], Any]]) -> bool:
    for _ in range(2):  # once more when only a concurrent transaction on a row was in the way
        try:
            with TransactWrite(connection=RateWindow._get_connection().connection) as tx:
                for row, actions, condition in updates:
                    tx.update(row, actions=actions, condition=condition)
        except TransactWriteError as exc:
            codes = {r.code for r in exc.cancellation_reasons if r is not None}
            if "ConditionalCheckFailed" in codes:
                return False
            if "TransactionConflict" not in codes:
                raise
            continue
        return True
    return False


def reserve(entries: Sequence[tuple[str, Tally, int, int]], now: int) -> bool:
    """Count a failure in advance on each (key, tally as read, window, limit), bounded atomically:
    False when concurrent attempts took the last places since the read. One call."""
    updates = [_reservation(key, tally, window, limit, now) for key, tally, window, limit in entries]
    if len(updates) > 1:
        return _reserved_together(updates)
    row, actions, condition = updates[0]
    try:
        row.update(actions=actions, condition=condition)
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def refund(entries: Sequence[tuple[str, bool]]) -> None:
    """Give back what `reserve` counted, the attempt having succeeded: (key, forget the row). Best
    effort: a row that lapsed meanwhile keeps nothing to give back, and a refund that fails only
    leaves one failure counted."""
    try:
        with TransactWrite(connection=RateWindow._get_connection().connection) as tx:
            for key, forget_all in entries:
                if forget_all:
                    tx.delete(RateWindow(key))
                else:
                    tx.update(RateWindow(key), actions=[RateWindow.hits.add(-1)], condition=RateWindow.hits > 0)
    except TransactWriteError:
        logger.warning("a throttle refund was not applied")


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
