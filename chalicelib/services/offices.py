"""Office directory and citizen charter."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import offices as repo
from chalicelib.adapters import stats
from chalicelib.adapters.offices import Office, OfficeMatch
from chalicelib.config import settings
from chalicelib.domain import office_search, path_ids
from chalicelib.domain.catalog import catalog
from chalicelib.domain.certificate import OfficeHeader
from chalicelib.domain.errors import FieldError, not_found, validation_failed
from chalicelib.domain.popularity import most_requested
from chalicelib.services.catalog import terms

KINDS = ("union", "pourashava", "city_corporation")
# Who a citizen escalates to when an office misses its time limit, by kind of office.
ESCALATION = {
    "union": {"role": "upazila_nirbahi_officer", "name_bn": "উপজেলা নির্বাহী অফিসার", "name_en": "Upazila Nirbahi Officer"},
    "pourashava": {
        "role": "deputy_director_local_government",
        "name_bn": "উপপরিচালক, স্থানীয় সরকার",
        "name_en": "Deputy Director, Local Government",
    },
    "city_corporation": {
        "role": "local_government_division",
        "name_bn": "স্থানীয় সরকার বিভাগ",
        "name_en": "Local Government Division",
    },
}


def require_office(office_id: str) -> Office:
    record = repo.get(path_ids.office_id(office_id))
    if record is None:
        raise not_found("Office")
    return record


def get_office(office_id: str) -> dict[str, Any]:
    return public_office(require_office(office_id))


def public_office(record: Office) -> dict[str, Any]:
    """An office as its public page shows it, with `popular`: the type codes to list first (its
    most requested, from the case stream's counters, kept in the container for a few minutes)."""
    received = stats.received_by_type(record.office_id, settings().office_cache_seconds)
    return repo.as_dict(record) | {"popular": most_requested(received, (t.code for t in catalog().all()))}


def search(params: dict[str, str], limit: int, cursor: str | None) -> dict[str, Any]:
    """By the start of a name: the office's own, its upazila's or its district's, Bengali or
    English (one Query, its key condition doing the matching), narrowed by kind, district or
    upazila if given; or by area alone (one Query on an index)."""
    kind = params.get("kind") or None
    if kind is not None and kind not in KINDS:
        raise validation_failed([FieldError("kind", f"must be one of {', '.join(KINDS)}", "কার্যালয়ের ধরন সঠিক নয়")])
    q = (params.get("q") or "").strip()
    area = {f"{attr}_id": params[attr] for attr in ("upazila", "district") if params.get(attr)}
    if area and not q:
        attr, value = next(iter(area.items()))
        found, next_cursor = repo.by_area(attr, value, kind, limit, cursor)
        return {"items": [repo.as_dict(o) for o in found], "next_cursor": next_cursor}
    if not q:
        raise validation_failed([FieldError("q", "give q (a name), district or upazila", "নাম, জেলা বা উপজেলা দিয়ে খুঁজুন")])
    # NFKC can multiply a character (ﷺ is 18 letters): the normalised key is what DynamoDB gets.
    if len(q) > office_search.MAX_QUERY or len(office_search.normalise(q).encode()) > 4 * office_search.MAX_QUERY:
        raise validation_failed(
            [FieldError("q", f"type at most {office_search.MAX_QUERY} letters", "নামটি ছোট করে লিখুন")]
        )
    searched = office_search.query_key(q)
    if searched is None:
        letters = office_search.MIN_LETTERS[office_search.script(q)]
        raise validation_failed([FieldError("q", f"type at least {letters} letters", "আরও কয়েকটি অক্ষর লিখুন")])
    prefix, key = searched

    def keep(row: OfficeMatch) -> bool:
        wanted = (kind is None or row.kind == kind) and all(getattr(row, a) == v for a, v in area.items())
        return wanted and office_search.best_match(row.names(), key) == row.matched

    rows, next_cursor = repo.by_name(prefix, key, limit, cursor, keep)
    return {"items": [_found(row) for row in rows], "next_cursor": next_cursor}


def _found(row: OfficeMatch) -> dict[str, Any]:
    """A search result: enough to tell the five Rampur unions apart (kind, upazila, district)."""
    return {
        "office_id": row.office_id,
        "kind": row.kind,
        "name_bn": row.name_bn,
        "name_en": row.name_en,
        "district_id": row.district_id,
        "upazila_id": row.upazila_id,
        "area": row.area,
        "matched": row.matched,
    }


def charter(office_id: str, type_code: str | None = None) -> dict[str, Any]:
    """The citizen charter: for each type, papers, fee, time limit, responsible and escalation officer.
    With `type_code`, only that type's terms (what the application form needs: ~1.5 KB, not ~69 KB)."""
    code = None if type_code is None else path_ids.plain(type_code, path_ids.SLUG, "Certificate type")
    office = require_office(office_id)
    types = catalog().all() if code is None else [catalog().get(code)]
    if None in types:
        raise not_found("Certificate type")
    return {"office": public_office(office), "items": [_charter_item(ctype, office) for ctype in types if ctype]}


def _charter_item(ctype: Any, office: Office) -> dict[str, Any]:
    t = terms(ctype, office.overrides)
    return {
        "type": ctype.code,
        "name_bn": ctype.name_bn,
        "name_en": ctype.name_en,
        "documents": list(ctype.documents),
        "fee": t.fee(),
        "sla_days": t.sla_days,
        "responsible_officer": "secretary",
        "signatory": "ward_member" if t.signatory == "ward" else office.head_designation,
        "escalation_officer": ESCALATION[office.kind],
    }


def header_of(office: Office) -> OfficeHeader:
    """The office as a document's letterhead prints it (certificates, receipts, notices)."""
    area = office.area or {}
    parts = [area.get(k) or {} for k in ("upazila", "district")]
    return OfficeHeader(
        office_id=office.office_id,
        kind=office.kind,
        name_bn=office.name_bn,
        name_en=office.name_en,
        area_bn=", ".join(p["name_bn"] for p in parts if p),
        area_en=", ".join(p["name_en"] for p in parts if p),
    )
