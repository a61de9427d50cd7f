"""Handover of a signing seat in one DynamoDB transaction: the seat's new holder, their account,
their signing key and its slot are written, and the previous holders' accounts and keys retired,
all or nothing. The KMS key is made before (it cannot join a transaction); the service deletes it
again when the transaction is refused."""

from __future__ import annotations

from dataclasses import dataclass

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.exceptions import DoesNotExist, PynamoDBException, TransactWriteError
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.accounts import StaffMember, forget_standing, staff_row
from chalicelib.adapters.signing_keys import StoredKey, add_key, add_retirement
from chalicelib.adapters.tables import Seat, StaffAccount


class UsernameTaken(Exception):
    """The new holder's username belongs to someone already."""


class SeatTaken(Exception):
    """Someone else handed the seat over (or retired a holder) since it was read."""


@dataclass(frozen=True)
class Holder:
    account: StaffMember
    key: StoredKey | None  # the key they sign with now, if any


def seat_key(office_id: str, role: str, ward: int | None) -> str:
    return f"{office_id}#{role}#{ward or 0}"


def holder_of(seat: str) -> str | None:
    """The seat's holder by its row; None for a seat no handover has recorded yet (demo data and
    offices from before seats: the service then finds the holders by the office's staff)."""
    try:
        return str(Seat.get(seat, consistent_read=True).holder)
    except DoesNotExist:
        return None


def seated(seat: str, username: str) -> bool | None:
    """Whether `username` holds the seat now; None when it cannot be told (the read failed)."""
    try:
        return holder_of(seat) == username
    except (ClientError, BotoCoreError, PynamoDBException):
        return None


def hand_over(seat: str, expected: str | None, new: Holder, previous: list[Holder], now: str) -> None:
    """Give `seat` to `new` (with their signing key, if they sign) if its holder is still `expected`;
    retire every holder in `previous`."""
    seat_condition = Seat.seat.does_not_exist() if expected is None else Seat.holder == expected
    try:
        with TransactWrite(connection=Seat._get_connection().connection) as tx:
            tx.save(Seat(seat, holder=new.account.username, since=now), condition=seat_condition)
            tx.save(staff_row(new.account), condition=StaffAccount.username.does_not_exist())
            if new.key is not None:
                add_key(tx, new.key)  # the key and its slot (the holder's first)
            for old in previous:
                retired: list[Action] = [StaffAccount.active.set(False), StaffAccount.retired_at.set(now)]
                tx.update(staff_row(old.account), actions=retired, condition=StaffAccount.active == True)  # noqa: E712
                if old.key is not None:
                    add_retirement(tx, old.key, now)
    except TransactWriteError as exc:
        # PynamoDB sends puts before updates, in the order given: seat, account, then key and slot.
        reasons = exc.cancellation_reasons
        failed = [r is not None and r.code == "ConditionalCheckFailed" for r in reasons]
        if len(failed) > 1 and failed[1]:
            raise UsernameTaken() from exc
        # TransactionConflict: DynamoDB's answer when another transaction on the seat is under way.
        if any(failed) or any(r is not None and r.code == "TransactionConflict" for r in reasons):
            raise SeatTaken() from exc
        raise
    finally:
        for old in previous:
            forget_standing(old.account.username)  # their tokens stop at once in this container
