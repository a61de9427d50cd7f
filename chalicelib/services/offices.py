"""Office directory and citizen charter."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import offices as repo
from chalicelib.adapters.tables import OfficeRecord
from chalicelib.domain import path_ids
from chalicelib.domain.catalog import catalog
from chalicelib.domain.errors import FieldError, not_found, validation_failed
from chalicelib.services.catalog import terms

KINDS = ("union", "pourashava", "city_corporation")
MIN_QUERY = {"en": 3, "bn": 2}
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


def require_office(office_id: str) -> OfficeRecord:
    record = repo.get(path_ids.office_id(office_id))
    if record is None:
        raise not_found("Office")
    return record


def get_office(office_id: str) -> dict[str, Any]:
    return repo.as_dict(require_office(office_id))


def _script(text: str) -> str:
    return "bn" if any("\u0980" <= ch <= "\u09ff" for ch in text) else "en"


def search(params: dict[str, str], limit: int, cursor: str | None) -> dict[str, Any]:
    """By area (district or upazila, one Query on an index) or by the start of the name (one Query)."""
    kind = params.get("kind") or None
    if kind is not None and kind not in KINDS:
        raise validation_failed([FieldError("kind", f"must be one of {', '.join(KINDS)}", "কার্যালয়ের ধরন সঠিক নয়")])
    q = (params.get("q") or "").strip()
    for attr in ("upazila", "district"):
        if params.get(attr):
            found, next_cursor = repo.by_area(f"{attr}_id", params[attr], kind, limit, cursor)
            rows = [repo.as_dict(o) for o in found if _matches(o.name_en, o.name_bn, q)]
            return {"items": rows, "next_cursor": next_cursor}
    if not q:
        raise validation_failed([FieldError("q", "give q (a name), district or upazila", "নাম, জেলা বা উপজেলা দিয়ে খুঁজুন")])
    script = _script(q)
    if len(q) < MIN_QUERY[script]:
        raise validation_failed([FieldError("q", f"type at least {MIN_QUERY[script]} letters", "আরও কয়েকটি অক্ষর লিখুন")])
    prefix = repo.name_prefixes(q, q)[0 if script == "en" else 1]
    hits, next_cursor = repo.by_name_prefix(prefix, limit, cursor)
    items = [
        {"office_id": h.office_id, "kind": h.kind, "name_bn": h.name_bn, "name_en": h.name_en}
        for h in hits
        if _matches(h.name_en, h.name_bn, q) and (kind is None or h.kind == kind)
    ]
    return {"items": items, "next_cursor": next_cursor}


def _matches(name_en: str, name_bn: str, q: str) -> bool:
    return not q or name_en.lower().startswith(q.lower()) or name_bn.startswith(q)


def charter(office_id: str, type_code: str | None = None) -> dict[str, Any]:
    """The citizen charter: for each type, papers, fee, time limit, responsible and escalation officer.
    With `type_code`, only that type's terms (what the application form needs: ~1.5 KB, not ~69 KB)."""
    code = None if type_code is None else path_ids.plain(type_code, path_ids.SLUG, "Certificate type")
    office = require_office(office_id)
    types = catalog().all() if code is None else [catalog().get(code)]
    if None in types:
        raise not_found("Certificate type")
    return {"office": repo.as_dict(office), "items": [_charter_item(ctype, office) for ctype in types if ctype]}


def _charter_item(ctype: Any, office: OfficeRecord) -> dict[str, Any]:
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
