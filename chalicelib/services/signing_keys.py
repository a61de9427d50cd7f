"""Signing keys: the platform root CA and one KMS key per signatory, with X.509 certificates.

Assigning a signatory (a new chairman, mayor, administrator or councillor) creates a new key and
retires the previous holder's; certificates signed with a retired key keep verifying because the
trust list keeps the old key with its validity period.
"""

from __future__ import annotations

import base64

from chalicelib.adapters import kms
from chalicelib.adapters import signing_keys as repo
from chalicelib.adapters.signing_keys import StoredKey
from chalicelib.domain.clock import utc_stamp
from chalicelib.domain.errors import AppError


def _now() -> str:
    return utc_stamp()


def certificate_der(key: StoredKey) -> bytes:
    return base64.b64decode(key.certificate)


def ensure_root() -> StoredKey:
    """The platform root key, created (in KMS, with a self-signed certificate) on first use."""
    from chalicelib.signing import x509

    existing = repo.current(repo.ROOT_HOLDER)
    if existing is not None:
        return existing
    key_id = kms.create_signing_key("platform", "root")
    issued = x509.issue_root(kms.public_key_der(key_id), kms.signer(key_id))
    root = StoredKey(
        issued.kid.hex(),
        role="root",
        office_id="platform",
        holder=repo.ROOT_HOLDER,
        kms_key_id=key_id,
        certificate=base64.b64encode(issued.der).decode(),
        valid_from=_now(),
    )
    repo.install(root, None, _now())
    return root


def issue_key(holder: str, office_id: str, office_name_en: str) -> StoredKey:
    """A new KMS key for `holder` (a staff username) and its X.509 certificate from the root.
    Nothing is stored: the caller installs it (`assign`, or a handover's transaction)."""
    from chalicelib.signing import x509

    root = ensure_root()
    key_id = kms.create_signing_key(office_id, "signatory")
    issued = x509.issue_signatory(
        kms.public_key_der(key_id),
        certificate_der(root),
        kms.signer(root.kms_key_id),
        office_id=office_id,
        office_name_en=office_name_en,
    )
    return StoredKey(
        issued.kid.hex(),
        role="signatory",
        office_id=office_id,
        holder=holder,
        kms_key_id=key_id,
        certificate=base64.b64encode(issued.der).decode(),
        valid_from=_now(),
    )


def assign(holder: str, office_id: str, office_name_en: str) -> StoredKey:
    """Give `holder` a new signing key certified by the root; retire their previous one. If
    someone else gave them one meanwhile, that one stands and the new KMS key is deleted again."""
    previous = repo.current(holder)
    key = issue_key(holder, office_id, office_name_en)
    try:
        repo.install(key, previous, key.valid_from)
    except repo.InstallRefused:
        kms.schedule_deletion(key.kms_key_id)
        now = repo.current(holder, consistent=True)
        if now is None or (previous is not None and now.kid == previous.kid):
            raise
        return now
    return key


def signing_key_of(holder: str) -> StoredKey:
    key = repo.current(holder)
    if key is None:
        raise AppError("no_signing_key", "an office admin must assign the signatory first")
    return key
