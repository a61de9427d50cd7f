"""The citizen's lifetime account: GET|PUT /v1/me."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chalicelib.adapters import accounts
from chalicelib.adapters.keys import keyed_hash
from chalicelib.domain import codes
from chalicelib.domain.access import may, own_relations
from chalicelib.domain.access_log import grouped as access_log_groups
from chalicelib.domain.actors import Actor
from chalicelib.domain.catalog import profile_fields
from chalicelib.domain.clock import utc_stamp
from chalicelib.domain.errors import FieldError, forbidden, not_found, validation_failed
from chalicelib.domain.forms import validate_values


def _require_citizen(actor: Actor) -> None:
    if not actor.is_citizen or not actor.account:
        raise forbidden("this is a citizen's own profile")


def _view(record: Any) -> dict[str, Any]:
    phone = record.phone
    return {
        "citizen_id": record.citizen_id,
        "phone": phone,
        "profile": record.profile or {},
        "profile_fields": [f.public() for f in profile_fields()],
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def get_me(actor: Actor) -> dict[str, Any]:
    _require_citizen(actor)
    record = accounts.citizen(actor.account)
    if record is None:
        raise not_found("Account")
    return _view(record)


def put_me(actor: Actor, body: dict[str, Any]) -> dict[str, Any]:
    _require_citizen(actor)
    clean, errors = validate_values(profile_fields(), body, dt.date.today())
    if errors:
        raise validation_failed(errors)
    nid_hash = keyed_hash("nid", clean["nid"]) if clean.get("nid") else None
    now = utc_stamp()
    return _view(accounts.update_profile(actor.account, clean, nid_hash, now))


def access_log(actor: Actor, limit: int, cursor: str | None, view: str = "entries") -> dict[str, Any]:
    """Who looked at my data, when and why (agencies' lookups, officials opening my cases); with
    view=grouped, this page of entries grouped by case, who, purpose and outcome (domain/access_log.py)."""
    if not may("own.access_log", own_relations(actor)):
        raise forbidden("this is a citizen's own access log")
    if view not in ("entries", "grouped"):
        raise validation_failed([FieldError("view", "one of: entries, grouped", "entries অথবা grouped লিখুন")])
    from chalicelib.adapters import certificates

    entries, next_cursor = certificates.access_log(actor.id, limit, cursor)
    items = [_access_view(e) for e in entries]
    return {"items": access_log_groups(items) if view == "grouped" else items, "next_cursor": next_cursor}


def _access_view(e: Any) -> dict[str, Any]:
    who = {"kind": e.who_kind, "id": e.who_id, "name_bn": e.who_name_bn, "name_en": e.who_name_en}
    if e.who_kind == "staff":
        who["role"] = e.who_name_en  # an official is shown by role and office, not by name
    return {
        "at": e.at.split("#")[0],
        "who": who,
        "purpose": e.purpose,
        "certificate_no": e.certificate_no,
        "outcome": e.outcome,
        "case_id": e.case_id,
        "case": {"tracking_no": codes.display(e.case_id), "type": e.type_code} if e.case_id else None,
        "office_id": e.office_id,
    }
