"""Signing keys (KMS key id + X.509 certificate) and which key each signatory signs with now."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.tables import SignerSlot, SigningKey

ROOT_HOLDER = "platform-root"


def get(kid: str) -> SigningKey | None:
    try:
        return SigningKey.get(kid)
    except DoesNotExist:
        return None


def current(holder: str, consistent: bool = False) -> SigningKey | None:
    """The key `holder` (a staff username, or ROOT_HOLDER) signs with now."""
    try:
        slot = SignerSlot.get(holder, consistent_read=consistent)
    except DoesNotExist:
        return None
    return get(slot.kid)


def holders_with_keys(holders: list[str]) -> set[str]:
    """Which of `holders` have a signing key: one batch read of their slots."""
    return {slot.holder for slot in SignerSlot.batch_get(holders)} if holders else set()


def install(new: SigningKey, holder: str, previous: SigningKey | None, now: str) -> None:
    """Record a new key and make it the holder's current one; retire the previous key (its
    certificate stays in the trust list with valid_to, so what it signed keeps verifying)."""
    connection = SigningKey._get_connection().connection
    with TransactWrite(connection=connection) as tx:
        tx.save(new, condition=SigningKey.kid.does_not_exist())
        if previous is None:
            tx.save(SignerSlot(holder, kid=new.kid), condition=SignerSlot.holder.does_not_exist())
        else:
            tx.save(SignerSlot(holder, kid=new.kid), condition=SignerSlot.kid == previous.kid)
            tx.update(previous, actions=[SigningKey.valid_to.set(now)], condition=SigningKey.valid_to.does_not_exist())


def by_role(role: str) -> list[SigningKey]:
    return list(SigningKey.by_role.query(role))
