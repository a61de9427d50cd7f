"""Staff, citizens and sign-in codes."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.adapters.tables.base import _S, Shared


class StaffByOffice(GlobalSecondaryIndex["StaffAccount"]):
    class Meta:
        index_name = "by_office"
        projection = KeysOnlyProjection()

    office_id = UnicodeAttribute(hash_key=True)
    username = UnicodeAttribute(range_key=True)


class StaffAccount(Model):
    class Meta(Shared):
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
    retired_at = UnicodeAttribute(null=True)  # handed over or deactivated: can no longer sign in
    retired_reason = UnicodeAttribute(null=True)  # why an admin deactivated them (not set by a handover)
    # Set when someone else chose the password (a new account, an admin's reset): the person is
    # asked to choose their own at their next sign-in.
    must_change_password = BooleanAttribute(default=False)
    # Changes with every password change (milliseconds since the epoch); tokens carry the version
    # they were issued for, so older ones no longer act.
    credentials_version = NumberAttribute(null=True)
    by_office = StaffByOffice()


class Seat(Model):
    """Who holds an office's signing role now: one row per (office, role, ward). A handover swaps
    the holder with a condition on the one it replaced, so two handovers of one seat cannot both
    win (adapters/handover.py)."""

    class Meta(Shared):
        table_name = _S.table_name("seats")

    seat = UnicodeAttribute(hash_key=True)  # "<office_id>#<role>#<ward, 0 for the head>"
    holder = UnicodeAttribute()  # staff username
    since = UnicodeAttribute()


class Citizen(Model):
    """A lifetime account, keyed by the keyed hash of the mobile number."""

    class Meta(Shared):
        table_name = _S.table_name("citizens")

    phone_hash = UnicodeAttribute(hash_key=True)
    citizen_id = UnicodeAttribute()
    phone = UnicodeAttribute()
    profile = JSONAttribute(default=dict)  # nid, names, date of birth, address
    nid_hash = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()


class OtpChallenge(Model):
    class Meta(Shared):
        table_name = _S.table_name("otp")

    phone_hash = UnicodeAttribute(hash_key=True)
    code_hash = UnicodeAttribute()
    code_expires_at = NumberAttribute()  # the code stops working here
    expires_at = NumberAttribute()  # the row (and its send counters) goes here: the table's TTL attribute
    attempts = NumberAttribute(default=0)
    # plus sends_<window> counters, written by adapters.accounts.store_otp
