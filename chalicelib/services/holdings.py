"""The holdings register (DESIGN §10, issue 14 item 1): officials register and edit an office's
holdings (every change on the holding's history), list them by ward, number or owner's name; a
citizen sees the holdings they own (by their phone, or their NID when their account has one).

Who may do what is domain/revenue/access.py's POLICY: an office's register is its revenue
officials' (403 for anyone else); a holding is its office's officials' and its owners' (404 for
anyone else, as a case is)."""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Any

from chalicelib.adapters import accounts, ledger
from chalicelib.adapters import holdings as repo
from chalicelib.adapters.holdings import Change, HoldingChanged, NumberTaken, owner_keys
from chalicelib.adapters.offices import Office
from chalicelib.domain import path_ids
from chalicelib.domain.actors import Actor
from chalicelib.domain.clock import utc_stamp
from chalicelib.domain.errors import FieldError, conflict, forbidden, not_found, validation_failed
from chalicelib.domain.revenue.access import CITIZENS_ONLY, holding_relations, may, office_relations, refused
from chalicelib.domain.revenue.holdings import Holding
from chalicelib.domain.revenue.ledger import Posting, PostingKind
from chalicelib.domain.revenue.lines import LineKind
from chalicelib.domain.revenue.register import (
    arrear_lines,
    diff,
    holding_from,
    imported_at,
    mask_phone,
    merged,
    search_query,
)
from chalicelib.domain.revenue.schedule import default_schedule
from chalicelib.observability import logger, metrics
from chalicelib.services.offices import require_office


def construction_classes(office_kind: str) -> tuple[str, ...]:
    """The construction classes a holding may have: those the office kind's schedule prices."""
    return tuple(default_schedule(office_kind).valuation.standard_rent)


def new_holding_id() -> str:
    return "H" + secrets.token_hex(8).upper()


NUMBER_TAKEN_BN = "এই নম্বরের একটি হোল্ডিং অফিসে ইতিমধ্যে আছে; অন্য নম্বর দিন"
HOLDING_CHANGED = (
    "the holding changed since you read it; read it again",
    "আপনি দেখার পর হোল্ডিংটি বদলেছে; আবার খুলে দেখুন",
)


# --- who may ---------------------------------------------------------------------------------------


def _office_may(actor: Actor, office: Office, operation: str) -> None:
    if not may(operation, office_relations(actor, office.office_id, office.kind)):
        raise refused(operation)


def _citizen_keys(actor: Actor, owners: tuple[str, ...]) -> list[str]:
    """The signed-in citizen's keyed hashes: their phone's, and their NID's when their account has
    one (read only when the phone alone does not make them an owner)."""
    keys = [actor.account]
    if actor.account in owners:
        return keys
    record = accounts.citizen(actor.account)
    return keys + ([record.nid_hash] if record is not None and record.nid_hash else [])


def _holding(actor: Actor, holding_id: str, operation: str) -> tuple[Holding, bool]:
    """The holding, if the actor may do `operation` on it, and whether they are one of its officials."""
    holding = repo.get(path_ids.holding_id(holding_id))
    if holding is None:
        raise not_found("Holding")
    office = require_office(holding.office_id)
    owners = tuple(owner_keys(holding.owners))
    citizen = _citizen_keys(actor, owners) if actor.is_citizen else []
    relations = holding_relations(actor, office.office_id, office.kind, owners, citizen)
    if not may("holding.read", relations):
        raise not_found("Holding")
    if not may(operation, relations):
        raise refused(operation)
    return holding, actor.is_staff


# --- views -----------------------------------------------------------------------------------------


def _owners_view(owners: list[dict[str, Any]], official: bool) -> list[dict[str, Any]]:
    return [
        {"name": o["name"], "phone": o.get("phone") if official else mask_phone(o.get("phone")), "share": o["share"]}
        for o in owners
    ]


def holding_view(h: Holding, official: bool) -> dict[str, Any]:
    return {
        "holding_id": h.holding_id,
        "office_id": h.office_id,
        "number": h.number,
        "ward": h.ward,
        "village": h.village,
        "owners": _owners_view([{"name": o.name, "phone": o.phone, "share": o.share} for o in h.owners], official),
        "use": h.use,
        "land_area_sqm": h.land_area_sqm,
        "construction_class": h.construction_class,
        "floors": [
            {
                "built_area_sqm": f.built_area_sqm,
                "use": f.use,
                "occupancy": f.occupancy.value,
                "monthly_rent": f.monthly_rent,
            }
            for f in h.floors
        ],
        "version": h.version,
        "created_at": h.created_at,
        "updated_at": h.updated_at,
    }


def summary(h: Holding) -> dict[str, Any]:
    names = [o.name for o in h.owners]
    return {
        "holding_id": h.holding_id,
        "number": h.number,
        "ward": h.ward,
        "village": h.village,
        "owner_names": names,
        "use": h.use,
    }


def _change_view(change: Change, official: bool) -> dict[str, Any]:
    changes = dict(change.changes)
    if "owners" in changes:
        changes["owners"] = {
            side: _owners_view(value, official) if value is not None else None
            for side, value in changes["owners"].items()
        }
    return {"at": change.at, "by": change.by if official else "", "changes": changes}


# --- use cases -------------------------------------------------------------------------------------


def register(actor: Actor, office_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST /v1/offices/{id}/holdings: a new holding, version 1, its creation on its history."""
    office = require_office(office_id)
    _office_may(actor, office, "holding.register")
    holding = _create(office, body, actor.id)
    metrics.add_metric(name="HoldingRegistered", unit="Count", value=1)
    logger.info("holding registered", extra={"office_id": office.office_id, "holding_id": holding.holding_id})
    return holding_view(holding, official=True)


def _create(office: Office, body: dict[str, Any], by: str) -> Holding:
    holding = holding_from(body, office.wards, construction_classes(office.kind), new_holding_id(), office.office_id)
    now = utc_stamp()
    holding = replace(holding, version=1, created_at=now, updated_at=now)
    try:
        repo.create(holding, Change(now, by, diff(None, holding)))
    except NumberTaken as exc:
        raise conflict("holding_number_taken", str(exc), detail_bn=NUMBER_TAKEN_BN) from None
    return holding


def edit(actor: Actor, holding_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """PATCH /v1/holdings/{id}: any register fields, on condition the holding is at `version`."""
    before, _ = _holding(actor, holding_id, "holding.register")
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise validation_failed([FieldError("version", "is required: the version you read", "সংস্করণ নম্বর দিন")])
    if version != before.version:
        raise conflict("account_changed", HOLDING_CHANGED[0], detail_bn=HOLDING_CHANGED[1])
    after = _edit(require_office(before.office_id), before, {k: v for k, v in body.items() if k != "version"}, actor.id)
    return holding_view(after or before, official=True)


def _edit(office: Office, before: Holding, changes: dict[str, Any], by: str) -> Holding | None:
    """The holding with `changes` laid over it, written if any field changed (None if none did)."""
    classes = construction_classes(office.kind)
    after = holding_from(merged(before, changes), office.wards, classes, before.holding_id, before.office_id)
    changed = diff(before, after)
    if not changed:
        return None
    now = utc_stamp()
    after = replace(after, version=before.version + 1, created_at=before.created_at, updated_at=now)
    try:
        repo.update(before, after, Change(now, by, changed))
    except NumberTaken as exc:
        raise conflict("holding_number_taken", str(exc), detail_bn=NUMBER_TAKEN_BN) from None
    except HoldingChanged:
        raise conflict("account_changed", HOLDING_CHANGED[0], detail_bn=HOLDING_CHANGED[1]) from None
    logger.info("holding edited", extra={"holding_id": before.holding_id, "fields": sorted(changed)})
    return after


def get(actor: Actor, holding_id: str) -> dict[str, Any]:
    holding, official = _holding(actor, holding_id, "holding.read")
    return holding_view(holding, official)


def history(actor: Actor, holding_id: str) -> dict[str, Any]:
    holding, official = _holding(actor, holding_id, "holding.read")
    return {"items": [_change_view(c, official) for c in repo.history(holding.holding_id)]}


def office_register(
    actor: Actor, office_id: str, q: str, ward: int | None, limit: int, cursor: str | None
) -> dict[str, Any]:
    """GET /v1/offices/{id}/holdings: by ward and number, or `q` (a number's start, or one word
    of an owner's name)."""
    office = require_office(office_id)
    _office_may(actor, office, "register.list")
    if ward is not None and ward > office.wards:
        raise validation_failed([FieldError("ward", f"this office has wards 1 to {office.wards}", "সঠিক ওয়ার্ড দিন")])
    query = search_query(q) if q.strip() else None
    if query is not None and query.name_word:
        found, after = repo.by_name_word(office.office_id, query.name_word, limit, cursor)
        found = [h for h in found if ward is None or h.ward == ward]
    elif query is not None and ward is None:
        found, after = repo.by_number(office.office_id, office.wards, query.number_prefix, limit, cursor)
    else:
        found, after = repo.by_office(office.office_id, ward, query.number_prefix if query else "", limit, cursor)
    return {"items": [summary(h) for h in found], "next_cursor": after}


def mine(actor: Actor) -> dict[str, Any]:
    """GET /v1/me/holdings: the holdings whose owners have the citizen's phone or NID."""
    if not actor.is_citizen:
        raise forbidden(*CITIZENS_ONLY)
    record = accounts.citizen(actor.account)
    keys = [actor.account] + ([record.nid_hash] if record is not None and record.nid_hash else [])
    found = repo.many(repo.of_owner(keys))
    return {
        "items": [
            {
                "holding_id": h.holding_id,
                "office_id": h.office_id,
                "number": h.number,
                "ward": h.ward,
                "village": h.village,
            }
            for h in found
        ]
    }


# --- import (ops/holdings.py) ----------------------------------------------------------------------


def import_holding(office: Office, body: dict[str, Any], arrears: dict[str, dict[str, int]], by: str) -> str:
    """One row of an office's existing register: the holding created, updated (only if a field
    differs) or left unchanged — "created", "updated" or "unchanged" — and its arrears (fiscal
    year -> head -> poisha) written once per year: a year the account already has is skipped, and
    a rerun racing this one conflicts on the year's posting instead of doubling it."""
    probe = holding_from(body, office.wards, construction_classes(office.kind), "H00000000", office.office_id)
    heads = tuple(h.code for h in default_schedule(office.kind).heads)
    years = {fy: arrear_lines(probe.holding_id, fy, amounts, heads) for fy, amounts in arrears.items()}  # checked first
    existing_id = repo.number_holder(office.office_id, probe.canonical)
    existing = repo.get(existing_id) if existing_id else None
    if existing is None:
        holding, outcome = _create(office, body, by), "created"
    else:
        edited = _edit(office, existing, body, by)
        holding, outcome = edited or existing, "updated" if edited else "unchanged"
    owed = {fy: amounts for fy, amounts in arrears.items() if years[fy]}
    if owed:  # a new holding has no ledger item yet: nothing to read
        new = ledger.Account(holding.holding_id, holding.office_id, holding.ward)
        _import_arrears(holding, owed, by, heads, new if outcome == "created" else None)
    return outcome


Arrears = dict[str, dict[str, int]]  # fiscal year -> head -> poisha


def _import_arrears(
    holding: Holding, arrears: Arrears, by: str, heads: tuple[str, ...], account: ledger.Account | None
) -> None:
    if account is None:
        state = repo.state(holding.holding_id)
        if state is None:
            raise not_found("Holding")
        account = state[2]
    for fiscal_year, amounts in sorted(arrears.items()):
        lines = arrear_lines(holding.holding_id, fiscal_year, amounts, heads)
        if not lines or fiscal_year in account.years:
            continue  # imported before: once per holding and year
        postings = tuple(
            Posting(PostingKind.DEMAND, line.line_id, line.amount, f"import-{fiscal_year}") for line in lines
        )
        event = ledger.PostingEvent(f"import-{fiscal_year}", imported_at(fiscal_year), by, postings, "imported arrears")
        all_lines = account.lines + lines
        owed = sum(line.outstanding for line in all_lines if line.kind is LineKind.ARREAR)
        try:
            ledger.commit(ledger.LedgerWrite(account, all_lines, account.advance, event, arrears=owed))
        except ledger.LedgerConflict:
            state = repo.state(holding.holding_id)
            if state is not None and fiscal_year in state[2].years:
                account = state[2]
                continue  # another run imported this year meanwhile
            raise
        account = replace(account, lines=all_lines, version=account.version + 1)
