"""The documents offline verification needs: the signed trust list (office keys, with validity)
in its two forms — full (certificates) and compact (bare keys, for QR checks on phones) — and the
signed status lists (revocation bits). All are signed by the platform root key in KMS and
published to S3; the API serves the published copies.

Below services/status_lists.py (which publishes a list when it opens one): the lists to name and
their sizes are read here from the table, never through that module."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable
from typing import Any

from chalicelib.adapters import certificates, kms, offices, storage
from chalicelib.adapters import signing_keys as key_repo
from chalicelib.adapters import status_lists as list_repo
from chalicelib.adapters.signing_keys import StoredKey
from chalicelib.config import settings
from chalicelib.domain import path_ids
from chalicelib.domain.clock import utc_stamp
from chalicelib.domain.errors import bad_request, not_found
from chalicelib.domain.status_lists import NEW_LIST_SIZE, natural_order
from chalicelib.observability import logger
from chalicelib.services.signing_keys import certificate_der, ensure_root

TRUST_LIST_KEY = "trust-list.json"
TRUST_KEYS_KEY = "trust-keys.json"
OFFICE_NAMES_KEY = "office-names.json"
# GET /v1/trust-list?form=: `names` is the offices' names for offline results (not signed: display only).
TRUST_FORMS = {"full": TRUST_LIST_KEY, "keys": TRUST_KEYS_KEY, "names": OFFICE_NAMES_KEY}


OFFICE_NAMES_FORMAT = "sonod-office-names/1"  # {format, issued_at (ISO), offices: {office_id: [name_bn, name_en]}}
OFFICE_NAMES_MAX_AGE_S = 86400


def _status_key(list_id: str) -> str:
    return f"status-lists/{list_id}.json"


def _moment(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _trusted(key: StoredKey) -> Any:
    from chalicelib.domain.trustlists import TrustedKey

    return TrustedKey(
        kid=bytes.fromhex(key.kid),
        office_id=key.office_id,
        cert_der=base64.b64decode(key.certificate),
        valid_from=_moment(key.valid_from) or dt.datetime.now(dt.UTC),
        valid_to=_moment(key.valid_to),
    )


def _named_before() -> tuple[str, ...]:
    """The status lists the last compact trust list named; none when it is missing or unreadable."""
    from chalicelib.domain.trustlists import ListError, load_trust_list

    previous = storage.published(TRUST_KEYS_KEY)
    if previous is None:
        return ()
    try:
        return load_trust_list(previous).status_lists
    except ListError:
        logger.warning("previous compact trust list unreadable; naming the lists the tables know")
        return ()


def lists_in_use(named_before: Iterable[str] = ()) -> list[str]:
    """Every list certificates may point at: STATUS_LIST_ID, the current list, every list the
    rollover has opened, and `named_before` (what the last published trust list named: it keeps a
    list whose STATUS_LIST_ID an operator changed). In natural order: s2 before s10."""
    first = settings().status_list_id
    ids = {first, list_repo.current(first), *list_repo.opened(), *named_before}
    return sorted(ids, key=natural_order)


def publish_trust_list() -> dict[str, Any]:
    """Both forms of the trust list, from one read of the keys; returns the full one."""
    from chalicelib.domain.trustlists import build_trust_keys, build_trust_list

    root = ensure_root()
    root_der, sign = certificate_der(root), kms.signer(root.kms_key_id)
    keys = [_trusted(k) for k in key_repo.by_role("signatory")]
    now = dt.datetime.now(dt.UTC)
    doc = build_trust_list(root_der, keys, now, sign)
    storage.publish(TRUST_LIST_KEY, doc)
    # Raises (ListError) for a key the root did not certify: the compact list then stays as it was,
    # while the full one, whose verifiers check each certificate themselves, is current.
    storage.publish(TRUST_KEYS_KEY, build_trust_keys(root_der, keys, now, sign, lists_in_use(_named_before())))
    publish_office_names({k.office_id for k in keys}, now)
    logger.info("trust list published", extra={"keys": len(keys)})
    return doc


def publish_office_names(office_ids: set[str], now: dt.datetime) -> None:
    """The names of the offices that hold keys, so that the verifier names the office of a
    certificate checked offline (its QR carries only the office id). Read from the table only when
    the set of offices has changed or the copy is a day old (the lists are republished every 10 minutes)."""
    previous = storage.published(OFFICE_NAMES_KEY)
    if previous is not None:
        saved_at = _moment(str(previous.get("issued_at") or "")) or dt.datetime.min.replace(tzinfo=dt.UTC)
        fresh = (now - saved_at).total_seconds() < OFFICE_NAMES_MAX_AGE_S
        if fresh and set(previous.get("offices", {})) == office_ids:
            return
    found = offices.names(office_ids)
    doc = {
        "format": OFFICE_NAMES_FORMAT,
        "issued_at": utc_stamp(now),
        "offices": {office_id: list(found[office_id]) for office_id in sorted(found)},
    }
    storage.publish(OFFICE_NAMES_KEY, doc)


def publish_status_list(list_id: str, size: int | None = None) -> dict[str, Any]:
    """Sign and publish a status list: `size` bits (a list opened before any certificate took a
    place in it), else the size its first certificate recorded. Lists opened before sizes were
    recorded had 131,072 bits; they are published at the new size, which keeps every index valid."""
    from chalicelib.domain.revocation_lists import build_status_list

    root = ensure_root()
    state = certificates.status_list_state(list_id)
    revoked = set(state.revoked) if state else set()
    details = set(state.revocations) if state else set()
    now = dt.datetime.now(dt.UTC)
    size = size or list_repo.size_of(list_id, NEW_LIST_SIZE)
    sign = kms.signer(root.kms_key_id)
    doc = build_status_list(list_id, revoked, now, certificate_der(root), sign, size=size, revocations=details)
    storage.publish(_status_key(list_id), doc)
    logger.info("status list published", extra={"list_id": list_id, "revoked": len(revoked)})
    return doc


def publish_all() -> None:
    """The scheduled safety net: republish the trust list and the current status list (a list
    with a revocation is published by the revocation itself)."""
    publish_trust_list()
    # Read anew: a cached pointer in a warm scheduler would miss rollovers.
    publish_status_list(list_repo.current(settings().status_list_id))


def trust_list(form: str = "full") -> dict[str, Any]:
    """The published trust list: `full` (certificates) or `keys` (compact, for QR checks)."""
    key = TRUST_FORMS.get(form)
    if key is None:
        raise bad_request(f"form must be one of: {', '.join(TRUST_FORMS)}", "unknown_form")
    doc = storage.published(key)
    if doc is None:
        raise not_found("Trust list")
    return doc


def status_list(list_id: str) -> dict[str, Any]:
    doc = storage.published(_status_key(path_ids.plain(list_id, path_ids.LIST_ID, "Status list")))
    if doc is None:
        raise not_found("Status list")
    return doc
