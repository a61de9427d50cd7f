"""SMS notices in DynamoDB: written once per event, claimed by one sender at a time, retried later.

The conditional put is what makes a notice exactly-once per event: a redelivered stream record
finds its notice written and adds nothing. Sending is guarded by a short lease, so the immediate
send and the retry job never send the same notice at the same time.
"""

from __future__ import annotations

from pynamodb.exceptions import PutError, UpdateError
from pynamodb.expressions.update import Action

from chalicelib.adapters.tables import Notice
from chalicelib.adapters.tables.journey import PENDING

KEEP_SECONDS = 90 * 24 * 3600
LEASE_SECONDS = 60


def _failed_condition(exc: PutError | UpdateError) -> bool:
    return exc.cause_response_code == "ConditionalCheckFailedException"


def build(notice_id: str, phone: str, text: str, purpose: str, now: int, stamp: str) -> Notice:
    """A notice whose first try is due at `now` (not yet saved)."""
    return Notice(
        notice_id,
        phone=phone,
        text=text,
        purpose=purpose,
        due=PENDING,
        next_attempt_at=now,
        created_at=stamp,
        expires_at=now + KEEP_SECONDS,
    )


def record(notice: Notice) -> bool:
    """Write the notice unless it exists; False when it was already written."""
    try:
        notice.save(condition=Notice.notice_id.does_not_exist())
    except PutError as exc:
        if _failed_condition(exc):
            return False
        raise
    return True


def claim(notice: Notice, now: int) -> bool:
    """Take the send lease: only a pending notice whose lease has run out can be claimed."""
    try:
        notice.update(
            actions=[Notice.state.set("sending"), Notice.lease_until.set(now + LEASE_SECONDS)],
            condition=Notice.state.is_in("pending", "sending") & (Notice.lease_until < now),
        )
    except UpdateError as exc:
        if _failed_condition(exc):
            return False
        raise
    return True


def mark_sent(notice: Notice, stamp: str, forget_text: bool = False) -> None:
    actions: list[Action] = [Notice.state.set("sent"), Notice.sent_at.set(stamp), Notice.due.remove()]
    if forget_text:
        actions.append(Notice.text.set("(sent; not kept)"))
    notice.update(actions=actions)


def mark_retry(notice: Notice, next_attempt_at: int) -> None:
    notice.update(
        actions=[
            Notice.state.set("pending"),
            Notice.attempts.add(1),
            Notice.lease_until.set(0),
            Notice.next_attempt_at.set(next_attempt_at),
        ]
    )


def mark_failed(notice: Notice) -> None:
    notice.update(actions=[Notice.state.set("failed"), Notice.attempts.add(1), Notice.due.remove()])


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


def due(now: int, limit: int) -> list[Notice]:
    """Unsent notices whose next try is due, oldest first: one Query on the sparse index."""
    return list(Notice.by_due.query(PENDING, Notice.next_attempt_at <= now, limit=limit))
