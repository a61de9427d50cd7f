"""PynamoDB models: the one definition of every table, used by the app, by `make run` (which
creates them in the embedded AWS) and by infra/ (which turns them into CloudFormation).

Personal data lives only in attributes, never in keys: NIDs and phone numbers appear in keys
only as keyed hashes (see adapters/keys.py).
"""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.config import settings

_S = settings()


class _Shared:
    """Settings every table shares; `bind` re-points them all at another endpoint."""

    region = _S.region
    host = _S.endpoint_url
    billing_mode = "PAY_PER_REQUEST"


# --- offices -------------------------------------------------------------------------------------


class OfficesByUpazila(GlobalSecondaryIndex["OfficeRecord"]):
    class Meta:
        index_name = "by_upazila"
        projection = AllProjection()

    upazila_id = UnicodeAttribute(hash_key=True)
    office_id = UnicodeAttribute(range_key=True)


class OfficesByDistrict(GlobalSecondaryIndex["OfficeRecord"]):
    class Meta:
        index_name = "by_district"
        projection = AllProjection()

    district_id = UnicodeAttribute(hash_key=True)
    office_id = UnicodeAttribute(range_key=True)


class OfficeRecord(Model):
    class Meta(_Shared):
        table_name = _S.table_name("offices")

    office_id = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute()  # union | pourashava | city_corporation
    name_bn = UnicodeAttribute()
    name_en = UnicodeAttribute()
    division_id = UnicodeAttribute()
    district_id = UnicodeAttribute()
    upazila_id = UnicodeAttribute(null=True)  # city corporations span several upazilas
    area = JSONAttribute()  # names of division, district, upazila in both languages
    wards = NumberAttribute()
    head_designation = UnicodeAttribute()  # chairman | mayor | administrator
    overrides = JSONAttribute(default=dict)  # {type_code: {fee_poisha, sla_days, signatory}}
    contact = JSONAttribute(default=dict)
    by_upazila = OfficesByUpazila()
    by_district = OfficesByDistrict()


class OfficeNameKey(Model):
    """Name search rows: one per office and script ("en:sav", "bn:সা"), so a name prefix is one Query."""

    class Meta(_Shared):
        table_name = _S.table_name("office-names")

    name_prefix = UnicodeAttribute(hash_key=True)
    office_id = UnicodeAttribute(range_key=True)
    name_bn = UnicodeAttribute()
    name_en = UnicodeAttribute()
    kind = UnicodeAttribute()


# --- people --------------------------------------------------------------------------------------


class StaffByOffice(GlobalSecondaryIndex["StaffAccount"]):
    class Meta:
        index_name = "by_office"
        projection = KeysOnlyProjection()

    office_id = UnicodeAttribute(hash_key=True)
    username = UnicodeAttribute(range_key=True)


class StaffAccount(Model):
    class Meta(_Shared):
        table_name = _S.table_name("staff")

    username = UnicodeAttribute(hash_key=True)
    password_hash = UnicodeAttribute()
    role = UnicodeAttribute()
    office_id = UnicodeAttribute()
    ward = NumberAttribute(null=True)
    name_bn = UnicodeAttribute()
    name_en = UnicodeAttribute()
    designation_bn = UnicodeAttribute(default="")
    active = BooleanAttribute(default=True)
    by_office = StaffByOffice()


class Citizen(Model):
    """A lifetime account, keyed by the keyed hash of the mobile number."""

    class Meta(_Shared):
        table_name = _S.table_name("citizens")

    phone_hash = UnicodeAttribute(hash_key=True)
    citizen_id = UnicodeAttribute()
    phone = UnicodeAttribute()
    profile = JSONAttribute(default=dict)  # nid, names, date of birth, address
    nid_hash = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()


class OtpChallenge(Model):
    class Meta(_Shared):
        table_name = _S.table_name("otp")

    phone_hash = UnicodeAttribute(hash_key=True)
    code_hash = UnicodeAttribute()
    code_expires_at = NumberAttribute()  # the code stops working here
    expires_at = NumberAttribute()  # the row (and its send counters) goes here: the table's TTL attribute
    attempts = NumberAttribute(default=0)
    # plus sends_<window> counters, written by adapters.accounts.store_otp


# --- cases ---------------------------------------------------------------------------------------


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


class CasesBySubject(GlobalSecondaryIndex["CaseRecord"]):
    """Every case about one person (keyed hash of their NID or birth registration number)."""

    class Meta:
        index_name = "by_subject"

        projection = KeysOnlyProjection()

    subject_hash = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class CaseRecord(Model):
    class Meta(_Shared):
        table_name = _S.table_name("cases")
        stream_view_type = "NEW_AND_OLD_IMAGES"

    case_id = UnicodeAttribute(hash_key=True)  # the tracking number without separators
    office_id = UnicodeAttribute()
    type_code = UnicodeAttribute()
    ward = NumberAttribute()
    status = UnicodeAttribute()
    version = NumberAttribute()  # optimistic lock: every transition is conditional on it
    citizen_id = UnicodeAttribute()
    filed_by = JSONAttribute(default=dict)  # {kind, id} of whoever filed (citizen or UDC operator)
    subject_hash = UnicodeAttribute(null=True)
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
    certificate_no = UnicodeAttribute(null=True)
    by_office_status = CasesByOfficeStatus()
    by_ward_status = CasesByWardStatus()
    by_citizen = CasesByCitizen()
    by_subject = CasesBySubject()


class CaseEvent(Model):
    """The timeline: one row per transition, written in the same transaction as the case."""

    class Meta(_Shared):
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
    at = UnicodeAttribute()


class Claim(Model):
    """Exclusive anti-fraud claim (see domain/claims.py). Holds pointers, never personal data."""

    class Meta(_Shared):
        table_name = _S.table_name("claims")

    claim_key = UnicodeAttribute(hash_key=True)
    case_id = UnicodeAttribute()
    office_id = UnicodeAttribute()
    type_code = UnicodeAttribute()
    created_at = UnicodeAttribute()


class IdempotencyRecord(Model):
    """Schema of the table Powertools' idempotency utility writes (its default attribute names)."""

    class Meta(_Shared):
        table_name = _S.table_name("idempotency")

    id = UnicodeAttribute(hash_key=True)
    expiration = NumberAttribute(null=True)


class SmsOutboxMessage(Model):
    """The local stage's SMS outbox: where OTPs and notices arrive when no real gateway is used."""

    class Meta(_Shared):
        table_name = _S.table_name("sms-outbox")

    phone_hash = UnicodeAttribute(hash_key=True)
    sent_at = UnicodeAttribute(range_key=True)
    phone = UnicodeAttribute()
    text = UnicodeAttribute()
    purpose = UnicodeAttribute()


class OfficeStatusCount(Model):
    """How many cases an office has in each status, kept by the case stream (no scans)."""

    class Meta(_Shared):
        table_name = _S.table_name("office-stats")

    office_id = UnicodeAttribute(hash_key=True)
    status = UnicodeAttribute(range_key=True)
    cases = NumberAttribute(default=0)


class StreamMark(Model):
    """Marks a stream change as counted, so a redelivered batch changes nothing (TTL'd)."""

    class Meta(_Shared):
        table_name = _S.table_name("stream-marks")

    mark = UnicodeAttribute(hash_key=True)
    expires_at = NumberAttribute()


ALL_MODELS: tuple[type[Model], ...] = (
    OfficeRecord,
    OfficeNameKey,
    StaffAccount,
    Citizen,
    OtpChallenge,
    CaseRecord,
    CaseEvent,
    Claim,
    IdempotencyRecord,
    OfficeStatusCount,
    StreamMark,
)
LOCAL_ONLY_MODELS: tuple[type[Model], ...] = (SmsOutboxMessage,)
TTL_ATTRIBUTES: dict[type[Model], str] = {
    OtpChallenge: "expires_at",
    IdempotencyRecord: "expiration",
    StreamMark: "expires_at",
}


def bind(endpoint_url: str | None) -> None:
    """Point every model at `endpoint_url` (the embedded AWS of `make run` and of the race tests).

    Meta.host is read from the environment at import; this is for processes that start the
    embedded AWS after importing the models."""
    _Shared.host = endpoint_url
    for model in (*ALL_MODELS, *LOCAL_ONLY_MODELS):
        model._connection = None
