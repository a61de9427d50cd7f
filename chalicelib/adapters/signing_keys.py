"""Signing keys (KMS key id + X.509 certificate) and which key each signatory signs with now.

Use cases see `StoredKey` (plain, frozen); rows, conditions and the slot table stay here. A new key
and its slot, and a retired key's end, are also written inside a handover's transaction
(adapters/handover.py) through `add_key` and `add_retirement`."""

from __future__ import annotations

from dataclasses import dataclass, fields

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.tables import SignerSlot, SigningKey

ROOT_HOLDER = "platform-root"


@dataclass(frozen=True)
class StoredKey:
    """A signing key in KMS and its X.509 certificate: the platform root, or one signatory's key."""

    kid: str  # hex of the first 8 bytes of SHA-256(certificate DER)
    role: str  # "root" or "signatory"
    office_id: str  # "platform" for the root
    holder: str  # staff username of the signatory, or ROOT_HOLDER
    kms_key_id: str
    certificate: str  # base64 DER
    valid_from: str
    valid_to: str | None = None  # set when retired; certificates signed before stay valid


class InstallRefused(Exception):
    """The holder's slot changed since it was read (someone else gave them a key meanwhile)."""


def _key(row: SigningKey) -> StoredKey:
    return StoredKey(**{f.name: getattr(row, f.name) for f in fields(StoredKey)})


def _row(key: StoredKey) -> SigningKey:
    values = {f.name: getattr(key, f.name) for f in fields(StoredKey)}
    return SigningKey(values.pop("kid"), **values)


def get(kid: str) -> StoredKey | None:
    try:
        return _key(SigningKey.get(kid))
    except DoesNotExist:
        return None


def current(holder: str, consistent: bool = False) -> StoredKey | None:
    """The key `holder` (a staff username, or ROOT_HOLDER) signs with now."""
    try:
        slot = SignerSlot.get(holder, consistent_read=consistent)
    except DoesNotExist:
        return None
    return get(slot.kid)


def holders_with_keys(holders: list[str]) -> set[str]:
    """Which of `holders` have a signing key: one batch read of their slots."""
    return {slot.holder for slot in SignerSlot.batch_get(holders)} if holders else set()


def add_key(tx: TransactWrite, new: StoredKey, previous: StoredKey | None = None) -> None:
    """In a transaction: record a new key and make it its holder's current one (conditional on the
    slot being empty, or still holding `previous`)."""
    tx.save(_row(new), condition=SigningKey.kid.does_not_exist())
    taken = SignerSlot.holder.does_not_exist() if previous is None else SignerSlot.kid == previous.kid
    tx.save(SignerSlot(new.holder, kid=new.kid), condition=taken)


def add_retirement(tx: TransactWrite, key: StoredKey, now: str) -> None:
    """In a transaction: end a key's validity (its certificate stays in the trust list with valid_to,
    so what it signed keeps verifying)."""
    tx.update(_row(key), actions=[SigningKey.valid_to.set(now)], condition=SigningKey.valid_to.does_not_exist())


def install(new: StoredKey, previous: StoredKey | None, now: str) -> None:
    """Record a new key and make it its holder's current one; retire the previous key. One
    transaction: InstallRefused when it is refused."""
    try:
        with TransactWrite(connection=SigningKey._get_connection().connection) as tx:
            add_key(tx, new, previous)
            if previous is not None:
                add_retirement(tx, previous, now)
    except TransactWriteError as exc:
        raise InstallRefused() from exc


def by_role(role: str) -> list[StoredKey]:
    return [_key(row) for row in SigningKey.by_role.query(role)]
