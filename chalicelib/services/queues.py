"""Lists of cases: a citizen's own applications across every office, and an office's queue (by
status, ward and type, with counts from the case stream and overdue and escalation marks; an
assessor's queue: the office's objections to assessments only, without the office's counts)."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import cases as repo
from chalicelib.domain.access import (
    ASSESSOR,
    OBJECTION_WORKFLOW,
    OWNER,
    WARD_MEMBER,
    may,
    office_relations,
    own_relations,
)
from chalicelib.domain.actors import Actor
from chalicelib.domain.catalog import catalog
from chalicelib.domain.clock import now_bd
from chalicelib.domain.errors import FieldError, forbidden, validation_failed
from chalicelib.domain.forms import NAME_FIELDS
from chalicelib.domain.workflow import workflows
from chalicelib.services import statistics
from chalicelib.services.cases import is_overdue, summary


def mine(actor: Actor, limit: int, cursor: str | None) -> dict[str, Any]:
    """GET /v1/applications: a citizen's own applications; a UDC operator's own filings."""
    relations = own_relations(actor)
    if not may("own.list", relations):
        raise forbidden("this list is a citizen's own applications (or a UDC operator's filings)")
    listing = repo.of_citizen if OWNER in relations else repo.filed_by
    page = listing(actor.id, limit, cursor)
    return {"items": [summary(c) for c in page.items], "next_cursor": page.next_cursor}


def office_queue(
    actor: Actor, office_id: str, params: dict[str, str], ward: int | None, limit: int, cursor: str | None
) -> dict[str, Any]:
    relations = office_relations(actor, office_id)
    if not may("office.queue", relations):
        raise forbidden("only this office's secretary, signatory, ward members and assessor see its applications")
    if WARD_MEMBER in relations:
        if ward not in (None, actor.ward):
            raise forbidden("a ward member sees the applications of their own ward")
        ward = actor.ward
    status = params.get("status") or "submitted"
    if status not in workflows().statuses:
        raise validation_failed([FieldError("status", "unknown status", "অবস্থাটি সঠিক নয়")])
    type_code = params.get("type") or None
    if type_code is not None and catalog().get(type_code) is None:
        raise validation_failed([FieldError("type", "unknown certificate type", "সনদের ধরন সঠিক নয়")])
    assessor = ASSESSOR in relations
    type_codes = _assessors_types(type_code) if assessor else ((type_code,) if type_code else ())
    page = repo.queue(office_id, status, ward, type_codes, limit, cursor)
    today = now_bd().date().isoformat()
    items = [
        summary(c)
        | {
            "name_bn": next((c.fields[n] for n in NAME_FIELDS if n in c.fields), None),
            "overdue": is_overdue(c, today),
            "escalated": bool(c.escalated_at),
        }
        for c in page.items
    ]
    if assessor:  # the office's counts are of every type: not the assessor's to see
        return {"items": items, "next_cursor": page.next_cursor}
    counts = statistics.office_counts(office_id, ward)
    return {"items": items, "next_cursor": page.next_cursor, "counts": counts}


def _assessors_types(type_code: str | None) -> tuple[str, ...]:
    """The types an assessor's queue lists (decision 73): those of the objection workflow, the only
    cases an assessor may read (domain/access.case_relations); asking for another type is a 403."""
    mine = tuple(sorted(t.code for t in catalog().all() if t.workflow == OBJECTION_WORKFLOW))
    if not mine:  # no filter would be the whole queue: never an assessor's
        raise forbidden("an assessor's queue lists objections to assessments only")
    if type_code is None:
        return mine
    if type_code not in mine:
        raise forbidden("an assessor's queue lists objections to assessments only")
    return (type_code,)
