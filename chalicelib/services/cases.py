"""The case core (DESIGN §5): every use case reads a case and moves it through here.

`load` reads a case through the access policy (domain/access.py); `move` takes a planned workflow
step as one conditional write with its timeline event; `summary` and `event_view` are how a case
and its timeline read in every answer. This module imports no use case: they all import it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from chalicelib.adapters import cases as repo
from chalicelib.adapters.case_writes import Side
from chalicelib.domain import codes, path_ids
from chalicelib.domain.access import case_relations, may
from chalicelib.domain.actors import Actor
from chalicelib.domain.case import Case, TimelineEvent
from chalicelib.domain.catalog import catalog
from chalicelib.domain.clock import now_bd, utc_stamp
from chalicelib.domain.errors import conflict, forbidden, not_found
from chalicelib.domain.payment_methods import method_of_note
from chalicelib.domain.workflow import CaseRef, Step, workflows
from chalicelib.observability import logger, metrics

__all__ = [
    "Case",
    "case_ref",
    "event_view",
    "is_overdue",
    "load",
    "move",
    "now_bd",
    "stamp",
    "status_labels",
    "summary",
]


def stamp(moment: dt.datetime) -> str:
    """A case's timestamps: UTC, milliseconds, `Z` (domain/clock.py's second form)."""
    return utc_stamp(moment, milliseconds=True)


def case_ref(case: Case) -> CaseRef:
    ctype = catalog().get(case.type_code)
    traits = frozenset({"heir_consent"}) if ctype is not None and ctype.requires_heir_consent else frozenset()
    filed = case.filed_by or {}
    filer = str(filed.get("id") or "") if filed.get("role") == "udc_operator" else ""
    return CaseRef(
        case.status, case.office_id, case.ward, case.citizen_id, case.workflow, case.signatory, traits, filer
    )


def load(actor: Actor, case_id: str, operation: str = "case.read") -> Case:
    """The case, if the access policy (domain/access.py) lets the actor read it and do `operation`."""
    case = repo.get(path_ids.code(case_id, "Application"))
    relations = case_relations(actor, case_ref(case)) if case is not None else frozenset()
    # A case the caller may not read is reported as missing, so ids cannot be probed.
    if case is None or not may("case.read", relations):
        raise not_found("Application")
    if not may(operation, relations):
        raise forbidden("your role may not do this with this case")
    return case


def status_labels(status: str) -> dict[str, str]:
    info = workflows().statuses[status]
    return {"status_bn": info["label_bn"], "status_en": info["label_en"]}


def summary(case: Case) -> dict[str, Any]:
    return {
        "id": case.case_id,
        "tracking_no": codes.display(case.case_id),
        "office_id": case.office_id,
        "type": case.type_code,
        "ward": int(case.ward),
        "status": case.status,
        **status_labels(case.status),
        "version": int(case.version),
        "fee": case.fee,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
        "due_on": case.due_on,
        "certificate_no": case.certificate_no,
    }


def is_overdue(case: Case, today: str) -> bool:
    """Past the charter's time limit and still waiting on the office."""
    return not workflows().decided(case.status) and case.due_on < today


def event_view(e: TimelineEvent) -> dict[str, Any]:
    view = {
        "seq": int(e.seq),
        "action": e.action,
        "from": e.from_status,
        "to": e.to_status,
        "by": {"kind": e.actor_kind, "role": e.actor_role},
        "note": e.note,
        "paper": e.paper,
        "at": e.at,
    }
    if e.action == "pay":  # the note is the gateway's own text (kept for audit); this is for people
        view["method"] = method_of_note(e.note)
    return view


def move(
    case: Case,
    step: Step,
    actor: Actor,
    changes: dict[str, Any] | None = None,
    side: tuple[Side, ...] = (),
    paper: str | None = None,
) -> Case:
    """Take a planned step as one conditional transaction (the case, its timeline event, released
    claims and the `side` writes); the case as it now is. Stale → 409. `paper`: the document code
    the event is about (a waiver)."""
    changes = dict(changes or {})
    event = TimelineEvent(
        case.case_id,
        case.version + 1,
        step.action,
        step.from_status,
        step.to_status,
        actor.kind,
        actor.role,
        actor.id,
        stamp(now_bd()),
        step.note,
        paper,
    )
    escalated = case.escalated_at or changes.get("escalated_at")
    on_clock = workflows().waiting_on_office(step.to_status) and not escalated
    try:
        moved = repo.transition(case, repo.Move(event, changes, bool(on_clock), step.releases_claims, side))
    except repo.StaleCase:
        raise conflict("stale_version", "the case changed while you were acting; reload it") from None
    metrics.add_metric(name=f"Action_{step.action}", unit="Count", value=1)
    logger.info("case moved", extra={"case_id": case.case_id, "action": step.action, "to": step.to_status})
    return moved
