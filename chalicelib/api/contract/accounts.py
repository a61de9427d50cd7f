"""Models of accounts and running offices: sign-in, the citizen's profile and access log, office
settings, staff, signatory handover, monitoring counters."""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import Field as Described
from typing_extensions import TypedDict

from chalicelib.api.contract.public import Field, Whole


class OtpRequest(TypedDict):
    phone: str


class OtpVerify(TypedDict):
    phone: str
    code: str


class Login(TypedDict):
    username: str
    password: str


class Token(TypedDict):
    access_token: str
    token_type: NotRequired[str]
    expires_in: int
    must_change_password: NotRequired[
        Annotated[bool, Described(description="officials: choose your own (POST /v1/auth/password)")]
    ]


class PasswordChange(TypedDict):
    current_password: str
    new_password: str


class PasswordChanged(TypedDict):
    status: Literal["changed"]


class Me(TypedDict):
    citizen_id: str
    phone: NotRequired[str]
    profile: dict[str, Any]
    profile_fields: NotRequired[list[Field]]
    created_at: NotRequired[str]
    updated_at: NotRequired[str]


class Profile(TypedDict):
    nid: NotRequired[str]
    name_bn: str
    name_en: str
    date_of_birth: NotRequired[str]
    gender: NotRequired[str]
    address_bn: NotRequired[str]
    email: NotRequired[str]


class AccessLogEntry(TypedDict):
    """One look (view=entries, `at`), or one group of them (view=grouped: `key`, `count`,
    `latest_at`, `first_at`) by case, who, purpose and outcome (domain/access_log.py)."""

    at: NotRequired[str]
    who: dict[str, Any]
    purpose: str
    certificate_no: NotRequired[str | None]
    outcome: str
    case_id: NotRequired[str | None]
    case: NotRequired[dict[str, Any] | None]
    office_id: NotRequired[str | None]
    key: NotRequired[str]
    count: NotRequired[int]
    latest_at: NotRequired[str]
    first_at: NotRequired[str]


class AccessLogEntryList(TypedDict):
    items: list[AccessLogEntry]
    next_cursor: str | None


class AccessLogQuery(TypedDict):
    view: NotRequired[Literal["entries", "grouped"]]


class Policies(TypedDict):
    refund_on_reject: NotRequired[Literal["office_fee", "full", "none"]]


class Contact(TypedDict):
    phone: NotRequired[str]
    email: NotRequired[str]
    address_bn: NotRequired[str]


class OfficeSettings(TypedDict):
    overrides: NotRequired[
        Annotated[dict[str, Any], Described(description="type code → {fee_poisha, sla_days, signatory, clearance}")]
    ]
    wards: NotRequired[Whole]
    policies: NotRequired[Policies]
    contact: NotRequired[Contact]


class Handover(TypedDict):
    role: Literal["signatory", "ward_member"]
    ward: NotRequired[Whole]
    replaces: NotRequired[
        Annotated[str | None, Described(description="the holder you saw in the seat (409 if changed)")]
    ]
    username: str
    password: str
    name_bn: str
    name_en: str
    designation_bn: NotRequired[str]


class HandedOver(TypedDict):
    username: str
    role: str
    ward: NotRequired[int | None]
    kid: Annotated[str | None, Described(description="null: a ward member where the head signs every type")]
    valid_from: str | None
    retired: list[str]


class NewStaff(TypedDict):
    # The service explains a signing role (seats change hands by handover), so the enum is its.
    role: Annotated[str, Described(description="secretary, udc_operator, office_admin; urban: assessor, tax_collector")]
    username: str
    password: str
    name_bn: str
    name_en: str
    designation_bn: NotRequired[str]


class Staff(TypedDict):
    username: str
    role: str
    office_id: str
    ward: NotRequired[int | None]
    name_bn: str
    name_en: str
    designation_bn: NotRequired[str]
    active: bool
    retired_at: NotRequired[str | None]
    retired_reason: NotRequired[str | None]
    must_change_password: NotRequired[bool]
    signs: NotRequired[bool]


class StaffList(TypedDict):
    items: list[Staff]
    next_cursor: None


class NewPassword(TypedDict):
    password: str


class Deactivation(TypedDict):
    reason: str


class AreaCounters(TypedDict):
    area: str
    name_bn: NotRequired[str]
    name_en: NotRequired[str]
    received: int
    issued: int
    rejected: int
    overdue: int
    median_days_to_issue: float | None


class AreaReport(TypedDict):
    area: str
    period: str
    totals: AreaCounters
    items: list[AreaCounters]
    next_cursor: str | None


class StatsQuery(TypedDict):
    area: NotRequired[str]
    period: NotRequired[str]
