"""SMS notices in DynamoDB: written once per event, claimed by one sender at a time, retried later.

The conditional put is what makes a notice exactly-once per event: a redelivered stream record
finds its notice written and adds nothing. Sending is guarded by a short lease, so the immediate
send and the retry job never send the same notice at the same time. Above this module a notice
is a `NoticeRecord` and every change takes its id.
"""

from __future__ import annotations

from dataclasses import dataclass

from pynamodb.exceptions import PutError, UpdateError
from pynamodb.expressions.update import Action

from chalicelib.adapters.tables import Notice
from chalicelib.adapters.tables.journey import PENDING

KEEP_SECONDS = 90 * 24 * 3600
LEASE_SECONDS = 60


def _failed_condition(exc: PutError | UpdateError) -> bool:
    return exc.cause_response_code == "ConditionalCheckFailedException"


@dataclass(frozen=True)
class NoticeRecord:
    """One SMS owed: to `phone` (personal data: never a key, never logged), tried `attempts` times."""

    notice_id: str
    phone: str
    text: str
    purpose: str
    next_attempt_at: int
    created_at: str
    attempts: int = 0


def build(notice_id: str, phone: str, text: str, purpose: str, now: int, stamp: str) -> NoticeRecord:
    """A notice whose first try is due at `now` (not yet saved)."""
    return NoticeRecord(notice_id, phone, text, purpose, now, stamp)


def row_of(notice: NoticeRecord) -> Notice:
    """The row of a new notice, to write (alone, or in another table's transaction)."""
    return Notice(
        notice.notice_id,
        phone=notice.phone,
        text=notice.text,
        purpose=notice.purpose,
        due=PENDING,
        next_attempt_at=notice.next_attempt_at,
        created_at=notice.created_at,
        expires_at=notice.next_attempt_at + KEEP_SECONDS,
    )


def _record(row: Notice) -> NoticeRecord:
    due_at, attempts = int(row.next_attempt_at or 0), int(row.attempts)
    return NoticeRecord(row.notice_id, row.phone, row.text, row.purpose, due_at, row.created_at, attempts)


def record(notice: NoticeRecord) -> bool:
    """Write the notice unless it exists; False when it was already written."""
    try:
        row_of(notice).save(condition=Notice.notice_id.does_not_exist())
    except PutError as exc:
        if _failed_condition(exc):
            return False
        raise
    return True


def claim(notice_id: str, now: int) -> bool:
    """Take the send lease: only a pending notice whose lease has run out can be claimed."""
    try:
        Notice(notice_id).update(
            actions=[Notice.state.set("sending"), Notice.lease_until.set(now + LEASE_SECONDS)],
            condition=Notice.state.is_in("pending", "sending") & (Notice.lease_until < now),
        )
    except UpdateError as exc:
        if _failed_condition(exc):
            return False
        raise
    return True


def mark_sent(notice_id: str, stamp: str, forget_text: bool = False) -> None:
    actions: list[Action] = [Notice.state.set("sent"), Notice.sent_at.set(stamp), Notice.due.remove()]
    if forget_text:
        actions.append(Notice.text.set("(sent; not kept)"))
    Notice(notice_id).update(actions=actions)


def mark_retry(notice_id: str, next_attempt_at: int) -> None:
    Notice(notice_id).update(
        actions=[
            Notice.state.set("pending"),
            Notice.attempts.add(1),
            Notice.lease_until.set(0),
            Notice.next_attempt_at.set(next_attempt_at),
        ]
    )


def mark_failed(notice_id: str) -> None:
    Notice(notice_id).update(actions=[Notice.state.set("failed"), Notice.attempts.add(1), Notice.due.remove()])


def drop(notice_id: str) -> bool:
    """Drop a notice no sender holds (a later notice replaces it). False when it does not exist,
    is being sent or was sent: the conditional update decides against a racing sender."""
    try:
        Notice(notice_id).update(
            actions=[Notice.state.set("replaced"), Notice.due.remove()],
            condition=Notice.state == "pending",
        )
    except UpdateError as exc:
        if _failed_condition(exc):
            return False
        raise
    return True


def due(now: int, limit: int) -> list[NoticeRecord]:
    """Unsent notices whose next try is due, oldest first: one Query on the sparse index."""
    return [_record(row) for row in Notice.by_due.query(PENDING, Notice.next_attempt_at <= now, limit=limit)]
