"""Running offices: their settings (office admins) and handover of signatories (DESIGN §1: a
change of chairman or councillor loses nothing).

Handover creates the new holder's account and signing key and retires the previous holder: their
account is deactivated and their key gets `valid_to`, but stays in the trust list, so every
certificate they signed keeps verifying. No case, certificate or record moves.
"""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import accounts, handover, kms
from chalicelib.adapters import offices as office_repo
from chalicelib.adapters import signing_keys as key_repo
from chalicelib.adapters.accounts import StaffMember
from chalicelib.adapters.offices import Office
from chalicelib.domain.actors import Actor
from chalicelib.domain.canonical import text_errors
from chalicelib.domain.catalog import catalog
from chalicelib.domain.clock import utc_stamp
from chalicelib.domain.errors import FieldError, conflict, validation_failed
from chalicelib.observability import logger, metrics
from chalicelib.services.catalog import ward_signs
from chalicelib.services.publication import publish_trust_list
from chalicelib.services.signing_keys import assign, issue_key
from chalicelib.services.staff import new_account, require_office_admin

REFUND_POLICIES = ("office_fee", "full", "none")


# --- settings ------------------------------------------------------------------------------------


def _override_errors(code: str, value: Any) -> list[FieldError]:
    where = f"overrides.{code}"
    if catalog().get(code) is None or not isinstance(value, dict):
        return [FieldError(where, "a known certificate type with {fee_poisha, sla_days, signatory, clearance}")]
    errors = []
    fee, sla, signatory = value.get("fee_poisha"), value.get("sla_days"), value.get("signatory")
    if fee is not None and not (isinstance(fee, int) and 0 <= fee <= 1_000_000):
        errors.append(FieldError(f"{where}.fee_poisha", "whole poisha from 0 to 1000000", "ফি সঠিক নয়"))
    if sla is not None and not (isinstance(sla, int) and 1 <= sla <= 90):
        errors.append(FieldError(f"{where}.sla_days", "days from 1 to 90", "সময়সীমা ১-৯০ দিন"))
    if signatory is not None and signatory not in ("head", "ward"):
        errors.append(FieldError(f"{where}.signatory", "head or ward", "স্বাক্ষরকারী সঠিক নয়"))
    if value.get("clearance") not in (None, True, False):  # a paid-up holding first (decision 71)
        errors.append(FieldError(f"{where}.clearance", "true or false", "হোল্ডিং করের ছাড়পত্র: হ্যাঁ বা না"))
    return errors


def _settings_changes(body: dict[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
    changes: dict[str, Any] = {}
    errors: list[FieldError] = []
    if "overrides" in body:
        overrides = body["overrides"] if isinstance(body["overrides"], dict) else {}
        for code, value in overrides.items():
            errors.extend(_override_errors(str(code), value))
        changes["overrides"] = overrides
    if "wards" in body:
        wards = body["wards"]
        if not (isinstance(wards, int) and not isinstance(wards, bool) and 1 <= wards <= 99):
            errors.append(FieldError("wards", "a number of wards from 1 to 99", "ওয়ার্ড সংখ্যা সঠিক নয়"))
        changes["wards"] = wards
    if "policies" in body:
        policies = body["policies"] if isinstance(body["policies"], dict) else {}
        if policies.get("refund_on_reject", "office_fee") not in REFUND_POLICIES:
            errors.append(FieldError("policies.refund_on_reject", f"one of {', '.join(REFUND_POLICIES)}"))
        changes["policies"] = policies
    if "contact" in body:
        contact = body["contact"] if isinstance(body["contact"], dict) else {}
        errors.extend(text_errors(contact, ("phone", "email", "address_bn"), "contact."))
        changes["contact"] = {k: str(v)[:200] for k, v in contact.items() if k in ("phone", "email", "address_bn")}
    if not changes:
        errors.append(FieldError("body", "nothing to change: overrides, wards, policies or contact"))
    return changes, errors


def update_settings(actor: Actor, office_id: str, body: dict[str, Any]) -> dict[str, Any]:
    office = require_office_admin(actor, office_id)
    changes, errors = _settings_changes(body)
    if errors:
        raise validation_failed(errors)
    office_repo.update_fields(office, changes)
    logger.info("office settings changed", extra={"office_id": office_id, "by": actor.id, "fields": list(changes)})
    updated = office_repo.get(office_id) or office
    if "overrides" in changes and ward_signs(updated.overrides):
        _give_ward_members_keys(updated)
    return office_repo.as_dict(updated)


def _give_ward_members_keys(office: Office) -> None:
    """The office now has ward members sign: each active one without a key gets one (a ward member
    is given a key only where they sign, so keys stay ~one per office nationally)."""
    unkeyed = [
        s.username
        for s in accounts.staff_of_office(office.office_id)
        if s.role == "ward_member" and s.active and key_repo.current(s.username) is None
    ]
    for username in unkeyed:
        try:
            assign(username, office.office_id, office.name_en)
        except key_repo.InstallRefused:  # a concurrent settings change is keying them: theirs stands
            logger.warning("ward member keyed concurrently", extra={"office_id": office.office_id})
    if unkeyed:
        publish_trust_list()
        logger.info("ward members given signing keys", extra={"office_id": office.office_id, "keys": len(unkeyed)})


# --- handover ------------------------------------------------------------------------------------


def _parse_holder(office: Office, body: dict[str, Any]) -> StaffMember:
    """The new holder's account, from a checked body."""
    role, ward = body.get("role"), body.get("ward")
    errors = []
    if role not in ("signatory", "ward_member"):
        errors.append(FieldError("role", "signatory or ward_member", "পদ সঠিক নয়"))
    if role == "ward_member" and not (type(ward) is int and 1 <= ward <= int(office.wards)):  # not a bool
        errors.append(FieldError("ward", f"a ward from 1 to {int(office.wards)}", "ওয়ার্ড সঠিক নয়"))
    return new_account(office.office_id, str(role), ward if role == "ward_member" else None, body, errors)


def _now() -> str:
    return utc_stamp()


def _username_taken() -> Exception:
    return conflict("username_taken", "this username is taken; choose another")


def _seat_taken() -> Exception:
    return conflict("handover_conflict", "someone else handed this seat over just now; reload and check")


def seat_holders(office_id: str, role: str, ward: int | None) -> list[str]:
    """Who sits in a seat now (usernames): for an import that must not unseat anyone by accident."""
    expected = handover.holder_of(handover.seat_key(office_id, role, ward))
    return [h.account.username for h in _previous_holders(office_id, role, ward, expected)]


def _previous_holders(office_id: str, role: str, ward: int | None, seat_holder: str | None) -> list[handover.Holder]:
    """Everyone active in the seat: from the office's staff index, and the seat's holder read
    directly (the index is eventually consistent: a holder seated a moment ago may be missing)."""
    sitting = [s for s in accounts.staff_of_office(office_id) if s.role == role and s.ward == ward and s.active]
    if seat_holder and seat_holder not in {s.username for s in sitting}:
        holder = accounts.staff(seat_holder, consistent=True)
        if holder is not None and holder.active:
            sitting.append(holder)
    return [handover.Holder(s, key_repo.current(s.username)) for s in sitting]


def _check_replaces(body: dict[str, Any], seat_holder: str | None, previous: list[handover.Holder]) -> None:
    """`replaces` (optional): the holder the admin saw in the seat. Two admins handing over one seat
    at once then cannot both win: the second finds someone else there (409), like a case's version."""
    if "replaces" not in body:
        return
    replaces = body["replaces"]
    sitting = seat_holder or (previous[0].account.username if previous else None)
    if replaces is not None and not isinstance(replaces, str):
        raise validation_failed([FieldError("replaces", "the username now in the seat, or null", "বর্তমান পদধারী")])
    if replaces != sitting:
        raise conflict(
            "handover_conflict", "the seat's holder is not the one you saw; reload and check", holder=sitting
        )


def _seated(seat: str, username: str) -> bool:
    # None: cannot tell: keep the key (an unused key costs 1 USD a month; a lost one, a chairman)
    return handover.seated(seat, username) is not False


def _delete_unused_key(key: key_repo.StoredKey) -> None:
    """Best effort, so that the handover's own failure is what the caller hears about."""
    try:
        kms.schedule_deletion(key.kms_key_id)
    except kms.KeyNotDeleted:
        logger.exception("unused signing key not scheduled for deletion", extra={"kid": key.kid})
        metrics.add_metric(name="UnusedKeyNotDeleted", unit="Count", value=1)


def _delete_retired_keys(previous: list[handover.Holder]) -> None:
    """A retired key signs nothing more; deleting it stops its monthly charge. Best effort after
    the handover has committed: a failure leaves an unused key, reported for operators to delete."""
    for old in previous:
        if old.key is None:
            continue
        try:
            kms.schedule_deletion(old.key.kms_key_id)
        except kms.KeyNotDeleted as exc:
            if not exc.refused:
                raise
            logger.exception("retired signing key not scheduled for deletion", extra={"kid": old.key.kid})
            metrics.add_metric(name="RetiredKeyNotDeleted", unit="Count", value=1)


def hand_over(actor: Actor, office_id: str, body: dict[str, Any], publish: bool = True) -> dict[str, Any]:
    """POST /v1/offices/{id}/signatories: the new holder takes over a role (and ward).

    The seat, the new account and key, and the retirement of the previous holders are one
    transaction conditional on the seat's holder: of two handovers racing for one seat one wins,
    the other gets 409 and its KMS key is deleted again. A bulk import publishes the trust list
    once at its end (`publish=False` here)."""
    office = require_office_admin(actor, office_id)
    account = _parse_holder(office, body)
    username, role = account.username, account.role
    ward = None if account.ward is None else int(account.ward)
    if accounts.staff(username) is not None:
        raise _username_taken()  # before making a KMS key for nothing
    seat = handover.seat_key(office_id, role, ward)
    expected = handover.holder_of(seat)
    previous = _previous_holders(office_id, role, ward, expected)
    _check_replaces(body, expected, previous)
    signs = role == "signatory" or ward_signs(office.overrides)
    key = issue_key(username, office_id, office.name_en) if signs else None
    try:
        handover.hand_over(seat, expected, handover.Holder(account, key), previous, _now())
    except BaseException as exc:
        refused = isinstance(exc, handover.UsernameTaken | handover.SeatTaken)
        # A timeout may hide a transaction that committed: then the key is the new holder's.
        if key is not None and (refused or not _seated(seat, username)):
            _delete_unused_key(key)
        if refused:
            raise _username_taken() if isinstance(exc, handover.UsernameTaken) else _seat_taken() from exc
        raise
    _delete_retired_keys(previous)
    if publish and (key is not None or any(old.key for old in previous)):
        publish_trust_list()  # verifiers learn the new key (and the old one's end) now, not in 10 minutes
    metrics.add_metric(name="SignatoryHandedOver", unit="Count", value=1)
    logger.info("signatory handed over", extra={"office_id": office_id, "role": role, "to": username})
    return {
        "username": username,
        "role": role,
        "ward": ward,
        "kid": key.kid if key else None,  # None: a ward member of an office where the head signs everything
        "valid_from": key.valid_from if key else None,
        "retired": [old.account.username for old in previous],
    }
