"""Lists of cases: a citizen's own applications across every office, and an office's queue (by
status, ward and type, with counts from the case stream and overdue and escalation marks)."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import cases as repo
from chalicelib.domain.access import OWNER, WARD_MEMBER, may, office_relations, own_relations
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
        raise forbidden("only this office's secretary, signatory and ward members see its applications")
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
    page = repo.queue(office_id, status, ward, type_code, limit, cursor)
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
    counts = statistics.office_counts(office_id, ward)
    return {"items": items, "next_cursor": page.next_cursor, "counts": counts}
