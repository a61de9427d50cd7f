"""Cases, their timeline and claims; idempotency records, office counters, the local SMS outbox."""

from __future__ import annotations

from pynamodb.attributes import (
    JSONAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.adapters.tables.base import _S, KeptForYears, Shared


class CasesByOfficeStatus(GlobalSecondaryIndex["CaseRecord"]):
    """The office queue: one partition per office and status, oldest first."""

    class Meta:
        index_name = "by_office_status"

        projection = AllProjection()

    office_status = UnicodeAttribute(hash_key=True)
    queued_at = UnicodeAttribute(range_key=True)


class CasesByWardStatus(GlobalSecondaryIndex["CaseRecord"]):
    """A ward member's queue: one partition per office, ward and status."""

    class Meta:
        index_name = "by_ward_status"

        projection = AllProjection()

    ward_status = UnicodeAttribute(hash_key=True)
    queued_at = UnicodeAttribute(range_key=True)


class CasesByCitizen(GlobalSecondaryIndex["CaseRecord"]):
    class Meta:
        index_name = "by_citizen"
        projection = AllProjection()

    citizen_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class CasesByFiler(GlobalSecondaryIndex["CaseRecord"]):
    """Sparse: the cases a UDC operator filed for citizens, newest first (their only case list)."""

    class Meta:
        index_name = "by_filer"
        projection = AllProjection()

    filer = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class CasesDue(GlobalSecondaryIndex["CaseRecord"]):
    """Sparse: cases waiting on the office, by their charter deadline (`due#<date>`), for the SLA
    job; a case leaves it when it is decided or escalated."""

    class Meta:
        index_name = "by_due"
        projection = KeysOnlyProjection()

    due_key = UnicodeAttribute(hash_key=True)
    queued_at = UnicodeAttribute(range_key=True)


class CaseRecord(Model):
    class Meta(KeptForYears):
        table_name = _S.table_name("cases")
        stream_view_type = "NEW_AND_OLD_IMAGES"

    case_id = UnicodeAttribute(hash_key=True)  # the tracking number without separators
    office_id = UnicodeAttribute()
    type_code = UnicodeAttribute()
    ward = NumberAttribute()
    status = UnicodeAttribute()
    version = NumberAttribute()  # optimistic lock: every transition is conditional on it
    citizen_id = UnicodeAttribute()
    account = UnicodeAttribute(null=True)  # the applicant account's key (keyed hash of the phone): where notices go
    filed_by = JSONAttribute(default=dict)  # {kind, id} of whoever filed (citizen or UDC operator)
    filer = UnicodeAttribute(null=True)  # the UDC operator's username when one filed it (sparse index)
    subject_hash = UnicodeAttribute(null=True)  # whom the certificate is about: a revision may not change it
    claims = ListAttribute(of=UnicodeAttribute, default=list)  # claim keys held while alive
    fields = JSONAttribute()  # the validated form: personal data, never logged
    fee = JSONAttribute(default=dict)  # {office_fee, platform_fee, total, currency}
    workflow = UnicodeAttribute()
    signatory = UnicodeAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    due_on = UnicodeAttribute()  # charter deadline (ISO date)
    queued_at = UnicodeAttribute()  # "<updated_at>#<case_id>": queue order within a status
    office_status = UnicodeAttribute()
    ward_status = UnicodeAttribute()
    certificate_no = UnicodeAttribute(null=True)  # set when issued
    reserved_no = UnicodeAttribute(null=True)  # the renderer's reservation, so a retry reuses it
    status_index = NumberAttribute(null=True)
    status_list = UnicodeAttribute(null=True)  # the list status_index is in
    payment = JSONAttribute(null=True)  # {payment_id, gateway, state}: the confirmed payment, for receipts and refunds
    checkout = UnicodeAttribute(null=True)  # the payment id of the latest online checkout: one open per case
    checkout_key = UnicodeAttribute(null=True)  # "<key hash>:<request hash>" of its Idempotency-Key, if any
    identity_check = JSONAttribute(null=True)  # NID / birth registration check result, for the secretary
    # Inheritance cases: the verdict on the deceased and each heir, without the registry's records
    identity_checks = JSONAttribute(null=True)  # [{person, row, status, reason | source, mismatches, checked_at}]
    papers = JSONAttribute(default=dict)  # {document code: paper id} from the citizen's lifetime account
    papers_waived = JSONAttribute(null=True)  # {document code: {by, role, note, at}}: waived by an official
    consent_exception = JSONAttribute(null=True)  # {by, note, at}: the secretary approved without every heir
    due_key = UnicodeAttribute(null=True)  # "due#<due_on>" while the office owes a decision (sparse index)
    escalated_at = UnicodeAttribute(null=True)
    escalated_to = JSONAttribute(null=True)  # the charter's escalation officer {role, name_bn, name_en}
    by_office_status = CasesByOfficeStatus()
    by_ward_status = CasesByWardStatus()
    by_citizen = CasesByCitizen()
    by_filer = CasesByFiler()
    by_due = CasesDue()


class CaseEvent(Model):
    """The timeline: one row per transition, written in the same transaction as the case."""

    class Meta(KeptForYears):
        table_name = _S.table_name("case-events")

    case_id = UnicodeAttribute(hash_key=True)
    seq = NumberAttribute(range_key=True)  # the case version the event produced
    action = UnicodeAttribute()
    from_status = UnicodeAttribute(null=True)
    to_status = UnicodeAttribute()
    actor_kind = UnicodeAttribute()
    actor_role = UnicodeAttribute()
    actor_id = UnicodeAttribute()
    note = UnicodeAttribute(default="")
    paper = UnicodeAttribute(null=True)  # the document code a `waive_paper` event is about
    at = UnicodeAttribute()


class Claim(Model):
    """Exclusive anti-fraud claim (see domain/claims.py). Holds pointers, never personal data."""

    class Meta(KeptForYears):
        table_name = _S.table_name("claims")

    claim_key = UnicodeAttribute(hash_key=True)
    case_id = UnicodeAttribute()
    office_id = UnicodeAttribute()
    type_code = UnicodeAttribute()
    created_at = UnicodeAttribute()


class IdempotencyRecord(Model):
    """Schema of the table Powertools' idempotency utility writes (its default attribute names)."""

    class Meta(Shared):
        table_name = _S.table_name("idempotency")

    id = UnicodeAttribute(hash_key=True)
    expiration = NumberAttribute(null=True)


class SmsOutboxMessage(Model):
    """The local stage's SMS outbox: where OTPs and notices arrive when no real gateway is used."""

    class Meta(Shared):
        table_name = _S.table_name("sms-outbox")

    phone_hash = UnicodeAttribute(hash_key=True)
    sent_at = UnicodeAttribute(range_key=True)
    phone = UnicodeAttribute()
    text = UnicodeAttribute()
    purpose = UnicodeAttribute()


class OfficeStatusCount(Model):
    """How many cases an office has in each status, kept by the case stream (no scans)."""

    class Meta(Shared):
        table_name = _S.table_name("office-stats")

    office_id = UnicodeAttribute(hash_key=True)
    status = UnicodeAttribute(range_key=True)
    cases = NumberAttribute(default=0)


class StreamMark(Model):
    """Marks a stream change as counted, so a redelivered batch changes nothing (TTL'd)."""

    class Meta(Shared):
        table_name = _S.table_name("stream-marks")

    mark = UnicodeAttribute(hash_key=True)
    expires_at = NumberAttribute()
