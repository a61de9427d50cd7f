"""PynamoDB models: the one definition of every table, used by the app, by `make run` (which
creates them in the embedded AWS) and by infra/ (which turns them into CloudFormation).

Personal data lives only in attributes, never in keys: NIDs and phone numbers appear in keys
only as keyed hashes (see adapters/keys.py).
"""

from __future__ import annotations

from pynamodb.models import Model

from chalicelib.adapters.tables.base import Shared
from chalicelib.adapters.tables.cases import (
    CaseEvent,
    CaseRecord,
    CasesByOfficeStatus,
    CasesByWardStatus,
    Claim,
    IdempotencyRecord,
    OfficeStatusCount,
    SmsOutboxMessage,
    StreamMark,
)
from chalicelib.adapters.tables.certificates import (
    AccessLogEntry,
    Agency,
    CertificateRecord,
    RateWindow,
    SignerSlot,
    SigningKey,
    StatusListState,
    StatusSlot,
)
from chalicelib.adapters.tables.journey import ConsentLink, HeirConsent, Notice, Paper, Payment
from chalicelib.adapters.tables.monitoring import AreaStat
from chalicelib.adapters.tables.offices import OfficeRecord, OfficeSearchRow
from chalicelib.adapters.tables.people import Citizen, OtpChallenge, Seat, StaffAccount
from chalicelib.adapters.tables.revenue import RevenueItem

ALL_MODELS: tuple[type[Model], ...] = (
    OfficeRecord,
    OfficeSearchRow,
    StaffAccount,
    Seat,
    Citizen,
    OtpChallenge,
    CaseRecord,
    CaseEvent,
    Claim,
    IdempotencyRecord,
    OfficeStatusCount,
    StreamMark,
    SigningKey,
    SignerSlot,
    CertificateRecord,
    StatusSlot,
    StatusListState,
    Agency,
    AccessLogEntry,
    RateWindow,
    Notice,
    HeirConsent,
    ConsentLink,
    Payment,
    Paper,
    AreaStat,
    RevenueItem,
)
LOCAL_ONLY_MODELS: tuple[type[Model], ...] = (SmsOutboxMessage,)
__all__ = [
    "ALL_MODELS",
    "LOCAL_ONLY_MODELS",
    "TTL_ATTRIBUTES",
    "AccessLogEntry",
    "Agency",
    "AreaStat",
    "CaseEvent",
    "CaseRecord",
    "CasesByOfficeStatus",
    "CasesByWardStatus",
    "CertificateRecord",
    "Citizen",
    "Claim",
    "ConsentLink",
    "HeirConsent",
    "IdempotencyRecord",
    "Notice",
    "OfficeRecord",
    "OfficeSearchRow",
    "OfficeStatusCount",
    "OtpChallenge",
    "Paper",
    "Payment",
    "RateWindow",
    "RevenueItem",
    "Seat",
    "SignerSlot",
    "SigningKey",
    "SmsOutboxMessage",
    "StaffAccount",
    "StatusListState",
    "StatusSlot",
    "StreamMark",
    "bind",
]
TTL_ATTRIBUTES: dict[type[Model], str] = {
    OtpChallenge: "expires_at",
    IdempotencyRecord: "expiration",
    StreamMark: "expires_at",
    RateWindow: "expires_at",
    Notice: "expires_at",
    ConsentLink: "expires_at",
    RevenueItem: "expires_at",  # bills, and demand runs' "counted" markers
}


def bind(endpoint_url: str | None) -> None:
    """Point every model at `endpoint_url` (the embedded AWS of `make run` and of the race tests).

    Meta.host is read from the environment at import; this is for processes that start the
    embedded AWS after importing the models."""
    Shared.host = endpoint_url
    for model in (*ALL_MODELS, *LOCAL_ONLY_MODELS):
        model._connection = None
