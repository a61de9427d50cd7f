"""Issued certificates, signing keys, status lists, agencies, the access log, rate windows."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    NumberAttribute,
    NumberSetAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.adapters.tables.base import _S, KeptForYears, Shared


class KeysByOffice(GlobalSecondaryIndex["SigningKey"]):
    class Meta:
        index_name = "by_office"
        projection = AllProjection()

    office_id = UnicodeAttribute(hash_key=True)
    valid_from = UnicodeAttribute(range_key=True)


class KeysByRole(GlobalSecondaryIndex["SigningKey"]):
    """All keys of one role: what the trust list is built from (one Query, no Scan)."""

    class Meta:
        index_name = "by_role"
        projection = AllProjection()

    role = UnicodeAttribute(hash_key=True)
    kid = UnicodeAttribute(range_key=True)


class SigningKey(Model):
    """A signing key in KMS and its X.509 certificate: the platform root, or one signatory's key."""

    class Meta(Shared):
        table_name = _S.table_name("signing-keys")

    kid = UnicodeAttribute(hash_key=True)  # hex of the first 8 bytes of SHA-256(certificate DER)
    role = UnicodeAttribute()  # "root" or "signatory"
    office_id = UnicodeAttribute()  # "platform" for the root
    holder = UnicodeAttribute(default="")  # staff username of the signatory (not personal data)
    kms_key_id = UnicodeAttribute()
    certificate = UnicodeAttribute()  # base64 DER
    valid_from = UnicodeAttribute()
    valid_to = UnicodeAttribute(null=True)  # set when retired; certificates signed before stay valid
    by_office = KeysByOffice()
    by_role = KeysByRole()


class SignerSlot(Model):
    """Which key an office signatory (or the platform root) signs with now: one row per holder."""

    class Meta(Shared):
        table_name = _S.table_name("signer-slots")

    holder = UnicodeAttribute(hash_key=True)  # staff username, or "platform-root"
    kid = UnicodeAttribute()


class CertificateRecord(Model):
    """An issued certificate: what verification and agencies read. Personal data stays minimal:
    a masked name for public verification, keyed hashes for the agencies' second fact."""

    class Meta(KeptForYears):
        table_name = _S.table_name("certificates")

    certificate_no = UnicodeAttribute(hash_key=True)
    case_id = UnicodeAttribute()
    citizen_id = UnicodeAttribute()
    office_id = UnicodeAttribute()
    type_code = UnicodeAttribute()
    issued_on = UnicodeAttribute()
    expires_on = UnicodeAttribute(null=True)
    status = UnicodeAttribute()  # valid | revoked
    revoked_at = UnicodeAttribute(null=True)
    revocation_reason = UnicodeAttribute(null=True)
    holder_name = UnicodeAttribute()  # as printed; shown to agencies with the right second fact
    holder_masked = UnicodeAttribute()
    second_facts = JSONAttribute(default=dict)  # {"holder_dob": hash, "nid_last4": hash}
    kid = UnicodeAttribute()
    status_list = UnicodeAttribute()
    status_index = NumberAttribute()
    record_hash = UnicodeAttribute()
    pdf_key = UnicodeAttribute()
    pdf_version = UnicodeAttribute(null=True)


class StatusSlot(Model):
    """Claims a random index in a status list so no two certificates share one."""

    class Meta(KeptForYears):
        table_name = _S.table_name("status-slots")

    slot = UnicodeAttribute(hash_key=True)  # "<list id>#<index>"
    certificate_no = UnicodeAttribute()


class StatusListState(Model):
    """One status list: its revoked indices (the publisher turns them into the signed bitstring),
    its size and how many certificates hold a place in it; and one pointer row naming the list new
    certificates go to (adapters/status_lists.py)."""

    class Meta(Shared):
        table_name = _S.table_name("status-lists")

    list_id = UnicodeAttribute(hash_key=True)
    revoked = NumberSetAttribute(default=set)
    # One "index|YYYY-MM-DD|reason_code" per revocation: the date and category the signed list shows.
    revocations = UnicodeSetAttribute(null=True)
    changed_at = UnicodeAttribute(default="")
    size = NumberAttribute(null=True)  # bits; absent: a list opened before sizes were recorded
    issued = NumberAttribute(null=True)  # certificates holding a place
    current = UnicodeAttribute(null=True)  # the pointer row only: the list new certificates go to
    opened = UnicodeSetAttribute(null=True)  # the pointer row only: every list it has named


class Agency(Model):
    """A government system allowed to look certificates up (police, passport, land, army, ...)."""

    class Meta(Shared):
        table_name = _S.table_name("agencies")

    key_hash = UnicodeAttribute(hash_key=True)  # keyed hash of the API key; the key itself is never stored
    agency_id = UnicodeAttribute()
    name_bn = UnicodeAttribute()
    name_en = UnicodeAttribute()
    scopes = UnicodeSetAttribute()  # certificate type codes it may look up, or {"*"}
    active = BooleanAttribute(default=True)


class AccessLogEntry(Model):
    """Who looked at a citizen's data, when and why; listed to the citizen at /v1/me/access-log."""

    class Meta(KeptForYears):
        table_name = _S.table_name("access-log")

    citizen_id = UnicodeAttribute(hash_key=True)
    at = UnicodeAttribute(range_key=True)  # ISO time + "#" + request id
    who_kind = UnicodeAttribute()  # agency | staff
    who_id = UnicodeAttribute()
    who_name_bn = UnicodeAttribute(default="")
    who_name_en = UnicodeAttribute(default="")
    purpose = UnicodeAttribute()
    certificate_no = UnicodeAttribute(null=True)
    outcome = UnicodeAttribute()
    # What was looked at, for grouping (an official opening a case; absent on older entries):
    case_id = UnicodeAttribute(null=True)
    type_code = UnicodeAttribute(null=True)
    office_id = UnicodeAttribute(null=True)  # the official's office


class RateWindow(Model):
    """Throttle counters (adapters/throttle.py): requests per caller and window, failures per
    account, address, certificate or API key (TTL'd)."""

    class Meta(Shared):
        table_name = _S.table_name("rate-windows")

    window = UnicodeAttribute(hash_key=True)  # "<scope>#<keyed hash of whom>[#<window number>]"
    hits = NumberAttribute(default=0)
    expires_at = NumberAttribute()
    last_at = NumberAttribute(null=True)  # the last failure (back-off counts from it)
