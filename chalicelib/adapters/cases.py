"""Cases, their timeline and their anti-fraud claims in DynamoDB.

Every change is one TransactWriteItems: the case row (conditional on its current status and
version, or on not existing yet), its timeline event, the claims it takes or releases, and the
side writes the move asks for (adapters/case_writes.py). Use cases hand in typed intents
(`NewCase`, `Move`) and get plain data back (domain/case.py): no row, index key or transaction
shows above this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.case_writes import Side, write_side
from chalicelib.adapters.paging import decode_cursor, encode_cursor
from chalicelib.adapters.tables import CaseEvent, CaseRecord, CasesByOfficeStatus, CasesByWardStatus, Claim, Paper
from chalicelib.domain.case import Case, TimelineEvent

__all__ = [
    "AlsoRefused",
    "Case",
    "CaseIdTaken",
    "ClaimTaken",
    "Move",
    "NewCase",
    "Page",
    "PapersRefused",
    "StaleCase",
    "TimelineEvent",
]


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
    """A side write of the case's transaction (e.g. spending a consent code) failed its condition."""


class StaleCase(Exception):
    """The case changed since it was read: status or version no longer match."""


@dataclass(frozen=True)
class NewCase:
    """File a case: the case at version 1 with its first event, the claims it takes, the papers
    ({document: paper id}) that must be the applicant's ready papers of that kind, and side writes."""

    case: Case
    event: TimelineEvent
    claims: tuple[str, ...] = ()
    papers: dict[str, str] = field(default_factory=dict)
    side: tuple[Side, ...] = ()


@dataclass(frozen=True)
class Move:
    """Move a case from `event.from_status` at its version to `event.to_status` (version + 1),
    recording `event`; `changes` are the other attributes set (None removes one); `on_clock`: the
    office owes a decision (the SLA job's index); `release_claims`: the case gives its claims up."""

    event: TimelineEvent
    changes: dict[str, Any] = field(default_factory=dict)
    on_clock: bool = False
    release_claims: bool = False
    side: tuple[Side, ...] = ()


@dataclass(frozen=True)
class Page:
    items: list[Case]
    next_cursor: str | None


_CASE_FIELDS = frozenset(f.name for f in fields(Case))


def _case(row: CaseRecord) -> Case:
    values = {name: getattr(row, name) for name in _CASE_FIELDS}
    index = None if row.status_index is None else int(row.status_index)
    return Case(**(values | {"ward": int(row.ward), "version": int(row.version), "status_index": index}))


def _event(row: CaseEvent) -> TimelineEvent:
    return TimelineEvent(
        row.case_id,
        int(row.seq),
        row.action,
        row.from_status,
        row.to_status,
        row.actor_kind,
        row.actor_role,
        row.actor_id,
        row.at,
        row.note,
        row.paper,
    )


def _event_row(e: TimelineEvent) -> CaseEvent:
    values = {f.name: getattr(e, f.name) for f in fields(TimelineEvent)}
    return CaseEvent(values.pop("case_id"), values.pop("seq"), **values)


def _index_keys(case: Case, status: str, at: str) -> dict[str, str]:
    """The queues' keys: an office's (and a ward's) cases in one status, in the order they got there."""
    return {
        "office_status": f"{case.office_id}#{status}",
        "ward_status": f"{case.office_id}#{case.ward}#{status}",
        "queued_at": f"{at}#{case.case_id}",
    }


def _connection() -> Any:
    return CaseRecord._get_connection().connection


def _claim_from_reason(raw: dict[str, Any] | None) -> dict[str, Any]:
    if not raw:
        return {}
    claim = Claim.from_raw_data(raw)
    return {"case_id": claim.case_id, "office_id": claim.office_id, "type": claim.type_code}


def create(new: NewCase) -> None:
    """Record a new case with its first event and its claims (and its side writes), all or nothing.
    Each named paper must be the applicant's ready paper of that kind: checked in the same
    transaction, so naming papers costs no extra call (decision 46). (Papers a side write itself
    writes, such as a UDC counter's scans, cannot be checked here as well: one transaction touches
    an item once.)"""
    case = new.case
    named = sorted(new.papers.items())
    values: dict[str, Any] = {name: getattr(case, name) for name in _CASE_FIELDS - {"case_id"}}
    row = CaseRecord(case.case_id, **(values | _index_keys(case, case.status, case.updated_at)))
    claims = [
        Claim(key, case_id=case.case_id, office_id=case.office_id, type_code=case.type_code, created_at=case.created_at)
        for key in new.claims
    ]
    try:
        with TransactWrite(connection=_connection()) as tx:
            for document, paper_id in named:
                ready = (Paper.state == "ready") & (Paper.document == document)
                tx.condition_check(Paper, case.citizen_id, paper_id, condition=ready)
            tx.save(row, condition=CaseRecord.case_id.does_not_exist())
            for claim in claims:
                tx.save(claim, condition=Claim.claim_key.does_not_exist(), return_values="ALL_OLD")
            tx.save(_event_row(new.event), condition=CaseEvent.case_id.does_not_exist())
            for side in new.side:
                write_side(tx, side)
    except TransactWriteError as exc:
        _refused(exc, named, claims)
        raise


def _refused(exc: TransactWriteError, named: list[tuple[str, str]], claims: list[Claim]) -> None:
    """Raise what refused a case's creation, if a condition did."""
    # PynamoDB sends condition checks, deletes, puts, then updates: side writes come after the
    # case, its claims and its event.
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


def _claim_holder(claim_key: str) -> dict[str, Any]:
    try:
        claim = Claim.get(claim_key)
    except DoesNotExist:
        return {}
    return {"case_id": claim.case_id, "office_id": claim.office_id, "type": claim.type_code}


def transition(case: Case, move: Move) -> Case:
    """Take `move` if the case is still at (move.event.from_status, case.version); the case as it
    now is. Stale → StaleCase."""
    to_status = move.event.to_status
    updates: dict[str, Any] = {"status": to_status, **move.changes, "updated_at": move.event.at}
    updates |= _index_keys(case, to_status, move.event.at)
    updates["due_key"] = f"due#{case.due_on}" if move.on_clock else None
    release = [str(key) for key in case.claims] if move.release_claims else []
    if release:
        updates["claims"] = []
    actions = [
        getattr(CaseRecord, name).remove() if value is None else getattr(CaseRecord, name).set(value)
        for name, value in updates.items()
    ]
    actions.append(CaseRecord.version.add(1))
    condition = (CaseRecord.version == case.version) & (CaseRecord.status == move.event.from_status)
    try:
        with TransactWrite(connection=_connection()) as tx:
            tx.update(CaseRecord(case.case_id), actions=actions, condition=condition)
            for key in release:
                tx.delete(Claim(key), condition=Claim.case_id == case.case_id)
            tx.save(_event_row(move.event), condition=CaseEvent.case_id.does_not_exist())
            for side in move.side:
                write_side(tx, side)
    except TransactWriteError as exc:
        reasons = exc.cancellation_reasons
        if any(r is not None and r.code == "ConditionalCheckFailed" for r in reasons):
            raise StaleCase() from exc
        raise
    kept = {name: value for name, value in updates.items() if name in _CASE_FIELDS}
    return replace(case, **kept, version=case.version + 1)


def reserve_certificate(case: Case, number: str, list_id: str, index: int) -> Case:
    """Reserve a certificate number and a place in a status list on an approved case, once: the
    case as stored afterwards (another renderer's reservation, if it reserved first)."""
    row = CaseRecord(case.case_id)
    try:
        row.update(  # answers with the whole row as it now is
            actions=[
                CaseRecord.reserved_no.set(number),
                CaseRecord.status_index.set(index),
                CaseRecord.status_list.set(list_id),
            ],
            condition=CaseRecord.reserved_no.does_not_exist() & (CaseRecord.status == "approved"),
        )
    except UpdateError:
        row.refresh()  # another renderer reserved first: use its number
    return _case(row)


def due_on(day: str, limit: int = 100) -> list[str]:
    """Ids of cases whose deadline is `day` and that still wait on the office (sparse index)."""
    return [c.case_id for c in CaseRecord.by_due.query(f"due#{day}", limit=limit)]


def get(case_id: str) -> Case | None:
    try:
        return _case(CaseRecord.get(case_id))
    except DoesNotExist:
        return None


def event(case_id: str, seq: int) -> TimelineEvent | None:
    try:
        return _event(CaseEvent.get(case_id, seq))
    except DoesNotExist:
        return None


def timeline(case_id: str) -> list[TimelineEvent]:
    return [_event(row) for row in CaseEvent.query(case_id)]


def _page(result: Any) -> Page:
    items = [_case(row) for row in result]
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


def queue(
    office_id: str, status: str, ward: int | None, type_codes: tuple[str, ...], limit: int, cursor: str | None
) -> Page:
    """An office's (or one ward's) cases in one status, oldest first, optionally of some types only."""
    index: CasesByOfficeStatus | CasesByWardStatus
    if ward is None:
        index, attr, key = CaseRecord.by_office_status, "office_status", f"{office_id}#{status}"
    else:
        index, attr, key = CaseRecord.by_ward_status, "ward_status", f"{office_id}#{ward}#{status}"
    condition = CaseRecord.type_code.is_in(*type_codes) if type_codes else None
    start = decode_cursor(cursor, {attr: key})
    return _page(index.query(key, filter_condition=condition, limit=limit, last_evaluated_key=start))
