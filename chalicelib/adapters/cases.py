"""Cases, their timeline and their anti-fraud claims in DynamoDB.

Every change is one TransactWriteItems: the case row (conditional on its current status and
version, or on not existing yet), its timeline event, and the claims it takes or releases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.paging import decode_cursor, encode_cursor
from chalicelib.adapters.tables import CaseEvent, CaseRecord, CasesByOfficeStatus, CasesByWardStatus, Claim, Paper


class ClaimTaken(Exception):
    """Another live case already holds one of the claims; `holder` points at it."""

    def __init__(self, claim_key: str, holder: dict[str, Any]):
        super().__init__(claim_key)
        self.claim_key = claim_key
        self.holder = holder


class CaseIdTaken(Exception):
    """The random case id collided with an existing one (astronomically rare); retry with a new id."""


class PapersRefused(Exception):
    """Named papers that are not the applicant's ready papers of that kind (document codes)."""

    def __init__(self, documents: list[str]):
        super().__init__(", ".join(documents))
        self.documents = documents


class AlsoRefused(Exception):
    """A write added to the case's transaction (e.g. spending a consent code) failed its condition."""


class StaleCase(Exception):
    """The case changed since it was read: status or version no longer match."""


@dataclass(frozen=True)
class Page:
    items: list[CaseRecord]
    next_cursor: str | None


def _connection() -> Any:
    return CaseRecord._get_connection().connection


def _claim_from_reason(raw: dict[str, Any] | None) -> dict[str, Any]:
    if not raw:
        return {}
    claim = Claim.from_raw_data(raw)
    return {"case_id": claim.case_id, "office_id": claim.office_id, "type": claim.type_code}


def create(
    case: CaseRecord,
    claims: list[Claim],
    event: CaseEvent,
    also: Callable[[TransactWrite], None] | None = None,
    papers: dict[str, str] | None = None,
) -> None:
    """Record a new case with its first event and its claims (and `also`'s updates), all or nothing.
    Each of `papers` ({document: paper id}) must be the applicant's ready paper of that kind:
    checked in the same transaction, so naming papers costs no extra call (decision 46). (Papers
    that `also` itself writes, such as a UDC counter's scans, cannot be checked here as well: one
    transaction touches an item once.)"""
    named = sorted((papers or {}).items())
    try:
        with TransactWrite(connection=_connection()) as tx:
            for document, paper_id in named:
                ready = (Paper.state == "ready") & (Paper.document == document)
                tx.condition_check(Paper, case.citizen_id, paper_id, condition=ready)
            tx.save(case, condition=CaseRecord.case_id.does_not_exist())
            for claim in claims:
                tx.save(claim, condition=Claim.claim_key.does_not_exist(), return_values="ALL_OLD")
            tx.save(event, condition=CaseEvent.case_id.does_not_exist())
            if also is not None:
                also(tx)
    except TransactWriteError as exc:
        # PynamoDB sends condition checks, deletes, puts, then updates: `also` adds updates only.
        checks, reasons = exc.cancellation_reasons[: len(named)], exc.cancellation_reasons[len(named) :]
        refused = [doc for (doc, _), r in zip(named, checks, strict=False) if r and r.code == "ConditionalCheckFailed"]
        if refused:
            raise PapersRefused(refused) from exc
        extra = reasons[len(claims) + 2 :]
        if any(r is not None and r.code == "ConditionalCheckFailed" for r in extra):
            raise AlsoRefused() from exc
        if reasons and reasons[0] is not None and reasons[0].code == "ConditionalCheckFailed":
            raise CaseIdTaken() from exc
        for claim, reason in zip(claims, reasons[1:], strict=False):
            if reason is not None and reason.code == "ConditionalCheckFailed":
                holder = _claim_from_reason(reason.raw_item) or _claim_holder(claim.claim_key)
                raise ClaimTaken(claim.claim_key, holder) from exc
        raise


def _claim_holder(claim_key: str) -> dict[str, Any]:
    try:
        claim = Claim.get(claim_key)
    except DoesNotExist:
        return {}
    return {"case_id": claim.case_id, "office_id": claim.office_id, "type": claim.type_code}


def transition(
    case: CaseRecord,
    expected_status: str,
    updates: dict[str, Any],
    release: list[str],
    event: CaseEvent,
    also: Callable[[TransactWrite], None] | None = None,
) -> None:
    """Apply `updates` to the case if it is still at (expected_status, case.version); bump the version.

    `also` adds further writes that must happen in the same transaction (issuing or revoking a
    certificate record)."""
    actions = [
        getattr(CaseRecord, name).remove() if value is None else getattr(CaseRecord, name).set(value)
        for name, value in updates.items()
    ]
    actions.append(CaseRecord.version.add(1))
    condition = (CaseRecord.version == case.version) & (CaseRecord.status == expected_status)
    try:
        with TransactWrite(connection=_connection()) as tx:
            tx.update(case, actions=actions, condition=condition)
            for key in release:
                tx.delete(Claim(key), condition=Claim.case_id == case.case_id)
            tx.save(event, condition=CaseEvent.case_id.does_not_exist())
            if also is not None:
                also(tx)
    except TransactWriteError as exc:
        reasons = exc.cancellation_reasons
        if any(r is not None and r.code == "ConditionalCheckFailed" for r in reasons):
            raise StaleCase() from exc
        raise


def due_on(day: str, limit: int = 100) -> list[str]:
    """Ids of cases whose deadline is `day` and that still wait on the office (sparse index)."""
    return [c.case_id for c in CaseRecord.by_due.query(f"due#{day}", limit=limit)]


def get(case_id: str) -> CaseRecord | None:
    try:
        return CaseRecord.get(case_id)
    except DoesNotExist:
        return None


def event(case_id: str, seq: int) -> CaseEvent | None:
    try:
        return CaseEvent.get(case_id, seq)
    except DoesNotExist:
        return None


def timeline(case_id: str) -> list[CaseEvent]:
    return list(CaseEvent.query(case_id))


def _page(result: Any) -> Page:
    items = list(result)
    return Page(items, encode_cursor(result.last_evaluated_key))


def of_citizen(citizen_id: str, limit: int, cursor: str | None) -> Page:
    start = decode_cursor(cursor, {"citizen_id": citizen_id})
    return _page(
        CaseRecord.by_citizen.query(citizen_id, scan_index_forward=False, limit=limit, last_evaluated_key=start)
    )


def filed_by(operator: str, limit: int, cursor: str | None) -> Page:
    """The cases a UDC operator filed, newest first."""
    start = decode_cursor(cursor, {"filer": operator})
    return _page(CaseRecord.by_filer.query(operator, scan_index_forward=False, limit=limit, last_evaluated_key=start))


def queue(office_id: str, status: str, ward: int | None, type_code: str | None, limit: int, cursor: str | None) -> Page:
    """An office's (or one ward's) cases in one status, oldest first, optionally of one type."""
    index: CasesByOfficeStatus | CasesByWardStatus
    if ward is None:
        index, attr, key = CaseRecord.by_office_status, "office_status", f"{office_id}#{status}"
    else:
        index, attr, key = CaseRecord.by_ward_status, "ward_status", f"{office_id}#{ward}#{status}"
    condition = CaseRecord.type_code == type_code if type_code else None
    start = decode_cursor(cursor, {attr: key})
    return _page(index.query(key, filter_condition=condition, limit=limit, last_evaluated_key=start))
