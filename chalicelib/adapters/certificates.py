"""Issued certificates, agencies and the access log in DynamoDB."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, fields

from pynamodb.exceptions import DoesNotExist
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.paging import decode_cursor, encode_cursor
from chalicelib.adapters.row_reads import RowRead
from chalicelib.adapters.tables import AccessLogEntry, Agency, CertificateRecord, StatusListState
from chalicelib.domain.clock import bd_date


@dataclass(frozen=True)
class Certificate:
    """An issued certificate: what verification and agencies read. Personal data stays minimal:
    a masked name for public verification, keyed hashes for the agencies' second fact."""

    certificate_no: str
    case_id: str
    citizen_id: str
    office_id: str
    type_code: str
    issued_on: str
    status: str  # valid | revoked
    holder_name: str  # as printed; shown to agencies with the right second fact
    holder_masked: str
    kid: str
    status_list: str
    status_index: int
    record_hash: str
    pdf_key: str
    second_facts: dict[str, str]  # {"holder_dob": hash, "nid_last4": hash}
    expires_on: str | None = None
    revoked_at: str | None = None
    revocation_reason: str | None = None
    pdf_version: str | None = None


def _certificate(row: CertificateRecord) -> Certificate:
    values = {f.name: getattr(row, f.name) for f in fields(Certificate)}
    return Certificate(**(values | {"status_index": int(row.status_index)}))


def row_of(certificate: Certificate) -> CertificateRecord:
    """The row to write (inside a case's transaction: adapters/cases.py)."""
    values = {f.name: getattr(certificate, f.name) for f in fields(Certificate)}
    return CertificateRecord(values.pop("certificate_no"), **values)


def get(certificate_no: str) -> Certificate | None:
    try:
        return _certificate(CertificateRecord.get(certificate_no))
    except DoesNotExist:
        return None


@dataclass(frozen=True)
class AgencyKey:
    """A government system allowed to look certificates up, by the keyed hash of its API key."""

    key_hash: str
    agency_id: str
    name_bn: str
    name_en: str
    scopes: frozenset[str]  # certificate type codes it may look up, or {"*"}
    active: bool


def _agency(row: Agency) -> AgencyKey:
    return AgencyKey(
        row.key_hash, row.agency_id, row.name_bn, row.name_en, frozenset(row.scopes or ()), bool(row.active)
    )


def deactivate_agency(key_hash: str) -> AgencyKey | None:
    """An operator revoked the agency's API key: its record stops answering (None: no record)."""
    try:
        row = Agency.get(key_hash)
    except DoesNotExist:
        return None
    row.update(actions=[Agency.active.set(False)])
    return _agency(row)


def agency_read(key_hash: str) -> RowRead[AgencyKey]:
    """The agency holding this API key (its hash), read with the lookup's failure budgets."""
    return RowRead(Agency, key_hash, None, _agency)


def log_access(
    citizen_id: str,
    who: dict[str, str],
    purpose: str,
    certificate_no: str | None,
    outcome: str,
    about: dict[str, str] | None = None,
) -> None:
    """`about`: the case looked at ({case_id, type_code, office_id}), when it was one."""
    # Microseconds, so entries of one second keep their order (the grouped view shows the most
    # recently active first); the suffix keeps two entries of one microsecond apart.
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds") + "#" + uuid.uuid4().hex[:8]
    AccessLogEntry(
        citizen_id,
        at,
        who_kind=who["kind"],
        who_id=who["id"],
        who_name_bn=who.get("name_bn", ""),
        who_name_en=who.get("name_en", ""),
        purpose=purpose,
        certificate_no=certificate_no,
        outcome=outcome,
        case_id=(about or {}).get("case_id"),
        type_code=(about or {}).get("type_code"),
        office_id=(about or {}).get("office_id"),
    ).save()


@dataclass(frozen=True)
class AccessEntry:
    """Who looked at a citizen's data, when and why."""

    citizen_id: str
    at: str  # ISO time + "#" + request id
    who_kind: str  # agency | staff
    who_id: str
    who_name_bn: str
    who_name_en: str
    purpose: str
    outcome: str
    certificate_no: str | None = None
    case_id: str | None = None  # what was looked at (absent on older entries)
    type_code: str | None = None
    office_id: str | None = None  # the official's office


def access_log(citizen_id: str, limit: int, cursor: str | None) -> tuple[list[AccessEntry], str | None]:
    result = AccessLogEntry.query(
        citizen_id,
        scan_index_forward=False,
        limit=limit,
        last_evaluated_key=decode_cursor(cursor, {"citizen_id": citizen_id}),
    )
    items = [AccessEntry(**{f.name: getattr(row, f.name) for f in fields(AccessEntry)}) for row in result]
    return items, encode_cursor(result.last_evaluated_key)


def add_revocation(tx: TransactWrite, record: Certificate, reason: str, at: str, reason_code: str = "other") -> None:
    """Inside the case's revoking transaction: mark the certificate and set its status-list bit,
    with the day (in Bangladesh) and the category of the revocation (never the free-text reason)."""
    day = bd_date(at).isoformat()
    tx.update(
        CertificateRecord(record.certificate_no),
        actions=[
            CertificateRecord.status.set("revoked"),
            CertificateRecord.revoked_at.set(at),
            CertificateRecord.revocation_reason.set(reason),
        ],
        condition=CertificateRecord.status == "valid",
    )
    tx.update(
        StatusListState(record.status_list),
        actions=[
            StatusListState.revoked.add({int(record.status_index)}),
            StatusListState.revocations.add({f"{int(record.status_index)}|{day}|{reason_code}"}),
            StatusListState.changed_at.set(at),
        ],
    )


@dataclass(frozen=True)
class ListState:
    """A status list's revocations: the revoked indices, and one "index|YYYY-MM-DD|reason_code" each."""

    revoked: frozenset[int]
    revocations: frozenset[str]


def status_list_state(list_id: str) -> ListState | None:
    try:
        row = StatusListState.get(list_id)
    except DoesNotExist:
        return None
    return ListState(frozenset(int(i) for i in row.revoked or ()), frozenset(row.revocations or ()))
