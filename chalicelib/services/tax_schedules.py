"""GET|PUT /v1/offices/{office_id}/tax-schedules/{fiscal_year} (decision 64, 67): an office's tax
schedule for a fiscal year, its own or the default for its kind of office; changed by the office's
admin (or LGD) until a demand run bills the year. Also the schedule in force for the run and the
assessment."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import offices
from chalicelib.adapters import schedules as repo
from chalicelib.adapters.offices import Office
from chalicelib.domain import path_ids
from chalicelib.domain.actors import Actor, is_national_admin
from chalicelib.domain.clock import utc_stamp
from chalicelib.domain.errors import FieldError, conflict, not_found, validation_failed
from chalicelib.domain.revenue.access import may, office_relations, refused
from chalicelib.domain.revenue.fiscal import parse_fiscal_year
from chalicelib.domain.revenue.schedule import Schedule, default_document, parse_schedule


def office_of(office_id: str) -> Office:
    office = offices.get(path_ids.office_id(office_id))  # a malformed id reads nothing
    if office is None:
        raise not_found("Office")
    return office


def check_year(fiscal_year: str) -> str:
    try:
        parse_fiscal_year(fiscal_year)
    except ValueError:
        raise validation_failed(
            [FieldError("fiscal_year", "Must be a fiscal year like 2026-27", "অর্থবছর ২০২৬-২৭ এর মতো লিখুন")]
        ) from None
    return fiscal_year


def document_in_force(office: Office, fiscal_year: str) -> tuple[dict[str, Any], str, bool]:
    """(the schedule document, "office" or "default", billed) for the office and year."""
    stored = repo.get(office.office_id, fiscal_year)
    if stored is not None and stored.document:
        return stored.document, "office", stored.billed is not None
    return default_document(office.kind), "default", stored is not None and stored.billed is not None


def schedule_in_force(office: Office, fiscal_year: str) -> Schedule:
    return parse_schedule(document_in_force(office, fiscal_year)[0])


_BILLED: dict[tuple[str, str], Schedule] = {}  # frozen once billed: a container may keep them


def in_force(office_id: str, office_kind: str, fiscal_year: str) -> Schedule:
    """The schedule dues are priced and payments settled by: the office's own for the year, else
    the default for its kind; kept for the container's life once the year is billed (frozen)."""
    found = _BILLED.get((office_id, fiscal_year))
    if found is not None:
        return found
    stored = repo.get(office_id, fiscal_year)
    document = stored.document if stored is not None and stored.document else default_document(office_kind)
    schedule = parse_schedule(document)
    if stored is not None and stored.billed is not None:
        _BILLED[(office_id, fiscal_year)] = schedule
    return schedule


def forget_cache() -> None:
    _BILLED.clear()


def _view(office_id: str, fiscal_year: str, document: dict[str, Any], source: str, billed: bool) -> dict[str, Any]:
    return {
        "office_id": office_id,
        "fiscal_year": fiscal_year,
        "source": source,
        "billed": billed,
        "schedule": document,
    }


def get(office_id: str, fiscal_year: str) -> dict[str, Any]:
    """Public: a gazetted schedule is for anyone to read."""
    fiscal_year = check_year(fiscal_year)  # a path that is no fiscal year reads nothing
    office = office_of(office_id)
    document, source, billed = document_in_force(office, fiscal_year)
    return _view(office_id, fiscal_year, document, source, billed)


def put(actor: Actor, office_id: str, fiscal_year: str, document: dict[str, Any]) -> dict[str, Any]:
    check_year(fiscal_year)
    office = office_of(office_id)
    if not (is_national_admin(actor) or may("schedule.write", office_relations(actor, office_id, office.kind))):
        raise refused("schedule.write")
    schedule = parse_schedule(document)
    if schedule.office_kind != office.kind:
        raise validation_failed(
            [
                FieldError(
                    "office_kind",
                    f"Must be {office.kind}, this office's kind",
                    f"এই অফিসের ধরন অনুযায়ী {office.kind} দিতে হবে",
                )
            ]
        )
    try:
        stored = repo.put(office_id, fiscal_year, document, utc_stamp(), actor.id)
    except repo.ScheduleBilled:
        raise conflict(
            "schedule_billed",
            "a demand run has billed this fiscal year",
            detail_bn="এই অর্থবছরের দাবি তৈরি হয়ে গেছে, তাই তফসিল আর বদলানো যাবে না",
        ) from None
    return _view(office_id, fiscal_year, stored.document, "office", False)
