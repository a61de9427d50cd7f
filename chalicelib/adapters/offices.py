"""Offices in DynamoDB, with a small in-container cache: offices change rarely and are read on
almost every request, so a warm Lambda answers from memory for OFFICE_CACHE_SECONDS."""

from __future__ import annotations

import time
from typing import Any

from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.paging import decode_cursor, encode_cursor
from chalicelib.adapters.tables import OfficeNameKey, OfficeRecord
from chalicelib.config import settings

_cache: dict[str, tuple[float, OfficeRecord]] = {}


def get(office_id: str) -> OfficeRecord | None:
    hit = _cache.get(office_id)
    now = time.monotonic()
    if hit and now - hit[0] < settings().office_cache_seconds:
        return hit[1]
    try:
        record = OfficeRecord.get(office_id)
    except DoesNotExist:
        return None
    _cache[office_id] = (now, record)
    return record


def names(office_ids: set[str]) -> dict[str, tuple[str, str]]:
    """{office_id: (name_bn, name_en)} of these offices, read in batches of 100 (BatchGetItem)."""
    if not office_ids:
        return {}
    found = OfficeRecord.batch_get(sorted(office_ids), attributes_to_get=["office_id", "name_bn", "name_en"])
    return {o.office_id: (o.name_bn, o.name_en) for o in found}


def forget_cache() -> None:
    _cache.clear()


def name_prefixes(name_en: str, name_bn: str) -> list[str]:
    return [f"en:{name_en.lower()[:3]}", f"bn:{name_bn[:2]}"]


def put(record: OfficeRecord) -> None:
    """Create or replace an office and its search rows (a handful of writes, admin/onboarding path)."""
    record.save()
    put_many_names([record])
    _cache.pop(record.office_id, None)


def put_many(records: list[OfficeRecord]) -> None:
    """Batched writes for onboarding many offices at once (25 items a call)."""
    with OfficeRecord.batch_write() as offices:
        for r in records:
            offices.save(r)
    put_many_names(records)


def update_fields(record: OfficeRecord, fields: dict[str, Any]) -> None:
    """Set some of an office's fields (map fields when onboarding again, settings when its admin
    changes them), leaving the others alone; keeps the search rows in step with the names."""
    record.update(actions=[getattr(OfficeRecord, name).set(value) for name, value in fields.items()])
    if "name_en" in fields or "name_bn" in fields:
        put_many_names([record])
    _cache.pop(record.office_id, None)


def put_many_names(records: list[OfficeRecord]) -> None:
    with OfficeNameKey.batch_write() as names:
        for r in records:
            for prefix in name_prefixes(r.name_en, r.name_bn):
                names.save(OfficeNameKey(prefix, r.office_id, name_bn=r.name_bn, name_en=r.name_en, kind=r.kind))


def by_area(
    attr: str, value: str, kind: str | None, limit: int, cursor: str | None
) -> tuple[list[OfficeRecord], str | None]:
    index = OfficeRecord.by_upazila if attr == "upazila_id" else OfficeRecord.by_district
    condition = OfficeRecord.kind == kind if kind else None
    result = index.query(
        value,
        filter_condition=condition,
        limit=limit,
        last_evaluated_key=decode_cursor(cursor, {attr: value}),
    )
    items = list(result)
    return items, encode_cursor(result.last_evaluated_key)


def by_name_prefix(prefix: str, limit: int, cursor: str | None) -> tuple[list[OfficeNameKey], str | None]:
    result = OfficeNameKey.query(prefix, limit=limit, last_evaluated_key=decode_cursor(cursor, {"name_prefix": prefix}))
    items = list(result)
    return items, encode_cursor(result.last_evaluated_key)


def as_dict(record: OfficeRecord) -> dict[str, Any]:
    return {
        "office_id": record.office_id,
        "kind": record.kind,
        "name_bn": record.name_bn,
        "name_en": record.name_en,
        "division_id": record.division_id,
        "district_id": record.district_id,
        "upazila_id": record.upazila_id,
        "area": record.area,
        "wards": int(record.wards),
        "head_designation": record.head_designation,
        "overrides": record.overrides or {},
        "contact": record.contact or {},
    }
