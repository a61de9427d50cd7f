"""Staff accounts, citizen accounts and OTP challenges in DynamoDB.

Above this module they are `StaffMember`, `CitizenAccount` and `Challenge` (plain, frozen); the
rows, conditions and the OTP send counters' layout stay here."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from pynamodb.attributes import NumberAttribute
from pynamodb.exceptions import DoesNotExist, PutError, TransactWriteError, UpdateError
from pynamodb.expressions.operand import Path
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from chalicelib.adapters import throttle
from chalicelib.adapters.row_reads import RowRead
from chalicelib.adapters.tables import Citizen, OtpChallenge, StaffAccount
from chalicelib.config import settings


@dataclass(frozen=True)
class StaffMember:
    """An official's account, as stored (or about to be: `create_staff`)."""

    username: str
    password_hash: str
    role: str
    office_id: str
    ward: int | None
    name_bn: str
    name_en: str
    designation_bn: str = ""
    active: bool = True
    retired_at: str | None = None  # handed over or deactivated: can no longer sign in
    retired_reason: str | None = None  # why an admin deactivated them (not set by a handover)
    must_change_password: bool = False  # someone else chose the password
    credentials_version: int | None = None  # tokens carry the version they were issued for


@dataclass(frozen=True)
class CitizenAccount:
    """A lifetime account, keyed by the keyed hash of the mobile number."""

    phone_hash: str
    citizen_id: str
    phone: str
    profile: dict[str, Any]  # nid, names, date of birth, address
    nid_hash: str | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Challenge:
    """A pending one-time code (only its keyed hash)."""

    phone_hash: str
    code_hash: str
    code_expires_at: int
    attempts: int


def _member(row: StaffAccount) -> StaffMember:
    values = {f.name: getattr(row, f.name) for f in fields(StaffMember)}
    ward, version = row.ward, row.credentials_version
    return StaffMember(
        **values
        | {
            "ward": None if ward is None else int(ward),
            "active": bool(row.active),
            "must_change_password": bool(row.must_change_password),
            "credentials_version": None if version is None else int(version),
        }
    )


def staff_row(member: StaffMember) -> StaffAccount:
    return StaffAccount(member.username, **{f.name: getattr(member, f.name) for f in fields(StaffMember)[1:]})


def staff_item(username: str) -> RowRead[StaffMember]:
    """The account, to read with the throttle's counters in one call (services/throttle.attempt)."""
    return RowRead(StaffAccount, username, None, _member)


def otp_item(phone_hash: str) -> RowRead[Challenge]:
    """The pending code, to read with the throttle's counters in one call."""
    return RowRead(OtpChallenge, phone_hash, None, _challenge)


def _challenge(row: OtpChallenge) -> Challenge:
    return Challenge(row.phone_hash, row.code_hash, int(row.code_expires_at), int(row.attempts or 0))


def _citizen(row: Citizen) -> CitizenAccount:
    values = {f.name: getattr(row, f.name) for f in fields(CitizenAccount)}
    return CitizenAccount(**values | {"profile": dict(row.profile or {})})


def staff(username: str, consistent: bool = False) -> StaffMember | None:
    try:
        return _member(StaffAccount.get(username, consistent_read=consistent))
    except DoesNotExist:
        return None


@dataclass(frozen=True)
class Standing:
    """What decides whether a token still speaks for its account."""

    active: bool
    credentials_version: int
    must_change_password: bool


# username -> (when read, standing or None for no such account): a few seconds per container
_standing: dict[str, tuple[float, Standing | None]] = {}


def standing(username: str) -> Standing | None:
    """The account's standing, read consistently at most once per `account_cache_seconds` in this
    container; a change made through this container (password, deactivation, handover) is seen
    at once, one made in another container within those seconds."""
    now = time.monotonic()
    hit = _standing.get(username)
    if hit is not None and now - hit[0] < settings().account_cache_seconds:
        return hit[1]
    row = staff(username, consistent=True)
    found = None
    if row is not None:
        found = Standing(bool(row.active), int(row.credentials_version or 0), bool(row.must_change_password))
    _standing[username] = (now, found)
    return found


def forget_standing(username: str | None = None) -> None:
    """Drop one account's cached standing (after changing it), or every one (a new container)."""
    if username is None:
        _standing.clear()
    else:
        _standing.pop(username, None)


def staff_of_office(office_id: str) -> list[StaffMember]:
    """Everyone on an office's staff (active or retired): one Query, then a batch read."""
    names = [row.username for row in StaffAccount.by_office.query(office_id)]
    return [_member(row) for row in StaffAccount.batch_get(names)] if names else []


def create_staff(account: StaffMember) -> bool:
    """False when the username is taken."""
    try:
        staff_row(account).save(condition=StaffAccount.username.does_not_exist())
    except PutError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def _updated_if_active(account: StaffMember, actions: Sequence[Action]) -> StaffMember | None:
    """The account as updated; None when it is no longer active (someone else got there first)."""
    row = staff_row(account)
    try:
        row.update(actions=list(actions), condition=StaffAccount.active == True)  # noqa: E712
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return None
        raise
    finally:
        forget_standing(account.username)  # its tokens' standing changed: seen at once here
    return _member(row)


def retire_staff(account: StaffMember, now: str, reason: str) -> StaffMember | None:
    """They leave: they can no longer sign in; their record and history stay."""
    actions = [
        StaffAccount.active.set(False),
        StaffAccount.retired_at.set(now),
        StaffAccount.retired_reason.set(reason),
    ]
    return _updated_if_active(account, actions)


def set_password(account: StaffMember, password_hash: str, chosen_by_them: bool, version: int) -> StaffMember | None:
    actions = [
        StaffAccount.password_hash.set(password_hash),
        StaffAccount.must_change_password.set(not chosen_by_them),
        StaffAccount.credentials_version.set(version),
    ]
    return _updated_if_active(account, actions)


def citizen(phone_hash: str) -> CitizenAccount | None:
    try:
        return _citizen(Citizen.get(phone_hash))
    except DoesNotExist:
        return None


def ensure_citizen(phone_hash: str, phone: str, new_id: str, now: str) -> CitizenAccount:
    """Create the lifetime account on first sign-in, or return the existing one: one UpdateItem."""
    record = Citizen(phone_hash)
    record.update(
        actions=[
            Citizen.citizen_id.set(Citizen.citizen_id | new_id),
            Citizen.phone.set(phone),
            Citizen.created_at.set(Citizen.created_at | now),
            Citizen.updated_at.set(now),
        ]
    )
    return _citizen(record)


def update_profile(phone_hash: str, profile: dict[str, Any], nid_hash: str | None, now: str) -> CitizenAccount:
    record = Citizen(phone_hash)
    actions: list[Action] = [Citizen.profile.set(profile), Citizen.updated_at.set(now)]
    actions.append(Citizen.nid_hash.set(nid_hash) if nid_hash else Citizen.nid_hash.remove())
    record.update(actions=actions, condition=Citizen.phone_hash.exists())
    return _citizen(record)


class OtpRefused(Exception):
    """Too many codes sent to this number in the current window (`budget` None), or the other
    budget at that index is spent."""

    def __init__(self, budget: int | None = None):
        super().__init__(budget)
        self.budget = budget


def _sends(now: int, window: int) -> Path:
    return Path(NumberAttribute(attr_name=f"sends_{now // window}"))


def store_otp(
    phone_hash: str,
    code_hash: str,
    now: int,
    ttl: int,
    window: int,
    max_sends: int,
    counted: Sequence[tuple[str, int, int]] = (),
) -> None:
    """Replace the pending code and count the send in the current window: one conditional
    UpdateItem, or with `counted` throttle rows (key, limit, expires_at) one transaction that
    counts the send there too.

    Sends are counted per fixed window in an attribute named after it (sends_<window number>);
    a successful sign-in forgets them and the row expires through TTL."""
    sends = _sends(now, window)
    actions: list[Action] = [
        OtpChallenge.code_hash.set(code_hash),
        OtpChallenge.expires_at.set(now + max(ttl, window)),
        OtpChallenge.code_expires_at.set(now + ttl),
        OtpChallenge.attempts.set(0),
        sends.add(1),
    ]
    condition = sends.does_not_exist() | (sends < max_sends)
    if not counted:
        try:
            OtpChallenge(phone_hash).update(actions=actions, condition=condition)
        except UpdateError as exc:
            if exc.cause_response_code == "ConditionalCheckFailedException":
                raise OtpRefused() from exc
            raise
        return
    try:
        with TransactWrite(connection=OtpChallenge._get_connection().connection) as tx:
            tx.update(OtpChallenge(phone_hash), actions=actions, condition=condition)
            for key, limit, expires_at in counted:
                throttle.add_hit(tx, key, limit, expires_at)
    except TransactWriteError as exc:
        reasons = [r is not None and r.code == "ConditionalCheckFailed" for r in exc.cancellation_reasons]
        if True in reasons:
            index = reasons.index(True)
            raise OtpRefused(None if index == 0 else index - 1) from exc
        raise


def use_otp(phone_hash: str, code_hash: str, now: int, max_attempts: int, window: int) -> bool:
    """Spend the pending code if it is `code_hash` (unexpired, tries left) in the write that checks
    it; the window's sends are forgotten (the number signed in). False: wrong, spent or expired."""
    try:
        OtpChallenge(phone_hash).update(
            actions=[
                OtpChallenge.code_hash.set("spent"),
                OtpChallenge.code_expires_at.set(0),
                _sends(now, window).remove(),
            ],
            condition=(OtpChallenge.code_hash == code_hash)
            & (OtpChallenge.code_expires_at > now)
            & (OtpChallenge.attempts < max_attempts),
        )
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def spend_otp_attempt(phone_hash: str, now: int, max_attempts: int) -> Challenge | None:
    """Count one attempt against the pending, unexpired code; None when there is none or attempts ran out."""
    record = OtpChallenge(phone_hash)
    try:
        record.update(
            actions=[OtpChallenge.attempts.add(1)],
            condition=(OtpChallenge.code_expires_at > now) & (OtpChallenge.attempts < max_attempts),
        )
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return None
        raise
    return _challenge(record)


def add_consume_otp(tx: TransactWrite, key: str, code_hash: str) -> None:
    """In another write's transaction: spend the code, which must still be the one checked. An
    update (not a delete) so that it follows the puts in PynamoDB's transaction order, where the
    caller reads its cancellation reason; the spent row expires through TTL."""
    tx.update(
        OtpChallenge(key),
        actions=[OtpChallenge.code_hash.set("spent"), OtpChallenge.code_expires_at.set(0)],
        condition=OtpChallenge.code_hash == code_hash,
    )
