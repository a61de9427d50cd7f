"""A case and its timeline as the use cases see them: plain, frozen data (adapters/cases.py reads
and writes the rows; no table, key layout or index shows above it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Case:
    """One application. `fields` is the validated form: personal data, never logged."""

    case_id: str  # the tracking number without separators
    office_id: str
    type_code: str
    ward: int
    status: str
    version: int  # every move is conditional on it
    citizen_id: str
    workflow: str
    signatory: str  # "head" or "ward", after office overrides
    created_at: str
    updated_at: str
    due_on: str  # the charter's deadline (ISO date)
    fields: dict[str, Any]
    fee: dict[str, Any] = field(default_factory=dict)  # {office_fee, platform_fee, total, currency}
    account: str | None = None  # the applicant account's key (keyed hash of the phone): where notices go
    filed_by: dict[str, Any] = field(default_factory=dict)  # {kind, id, role, office_id} of whoever filed
    filer: str | None = None  # the UDC operator's username when one filed it
    subject_hash: str | None = None  # keyed hash of whom the certificate is about
    claims: list[str] = field(default_factory=list)  # anti-fraud claim keys held while alive
    papers: dict[str, str] = field(default_factory=dict)  # {document code: paper id}
    papers_waived: dict[str, Any] | None = None  # {document code: {by, role, note, at}}
    identity_check: dict[str, Any] | None = None
    identity_checks: list[dict[str, Any]] | None = None  # inheritance: the deceased and each heir
    consent_exception: dict[str, Any] | None = None  # {by, note, at}
    payment: dict[str, Any] | None = None  # {payment_id, gateway, method, method_code, state}
    checkout: str | None = None  # the payment id of the latest online checkout
    checkout_key: str | None = None  # "<key hash>:<request hash>" of its Idempotency-Key
    certificate_no: str | None = None  # set when issued
    reserved_no: str | None = None  # the renderer's reservation, so a retry reuses it
    status_list: str | None = None  # the list status_index is in
    status_index: int | None = None
    escalated_at: str | None = None
    escalated_to: dict[str, Any] | None = None  # the charter's escalation officer {role, name_bn, name_en}


@dataclass(frozen=True)
class TimelineEvent:
    """One entry of a case's timeline: the move that produced version `seq`."""

    case_id: str
    seq: int
    action: str
    from_status: str | None
    to_status: str
    actor_kind: str
    actor_role: str
    actor_id: str
    at: str
    note: str = ""
    paper: str | None = None  # the document code a `waive_paper` event is about
