"""Offices in DynamoDB, with a small in-container cache: offices change rarely and are read on
almost every request, so a warm Lambda answers from memory for OFFICE_CACHE_SECONDS.

Above this module an office is an `Office` and a search result an `OfficeMatch` (plain, frozen);
the rows, indexes and search keys stay here (ops and the local harness still write rows)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.paging import decode_cursor, encode_cursor
from chalicelib.adapters.tables import OfficeRecord, OfficeSearchRow
from chalicelib.config import settings
from chalicelib.domain import office_search
from chalicelib.domain.errors import bad_request

# Search rows repeat these fields (a result shows them): a change rewrites the office's rows.
SEARCHED_FIELDS = {"kind", "name_bn", "name_en", "district_id", "upazila_id", "area"}
MAX_READS = 3  # Queries per search at most (bench/aws_calls.py)
MATCH_READ = 100  # rows a further Query reads when the first one's were filtered out


@dataclass(frozen=True)
class Office:
    """A union, pourashava or city corporation, as stored."""

    office_id: str
    kind: str  # union | pourashava | city_corporation
    name_bn: str
    name_en: str
    division_id: str
    district_id: str
    upazila_id: str | None
    area: dict[str, Any]  # names of division, district, upazila in both languages
    wards: int
    head_designation: str  # chairman | mayor | administrator
    overrides: dict[str, Any]  # {type_code: {fee_poisha, sla_days, signatory}}
    contact: dict[str, Any]
    policies: dict[str, Any]  # {refund_on_reject: office_fee | full | none}


@dataclass(frozen=True)
class OfficeMatch:
    """One search row: an office found by one of its names (`matched`: name, upazila or district)."""

    office_id: str
    matched: str
    kind: str
    name_bn: str
    name_en: str
    district_id: str
    upazila_id: str | None
    area: dict[str, Any]
    name_key: str

    def names(self) -> dict[str, tuple[str, str]]:
        """Its office's searchable names (domain/office_search.names_of)."""
        return office_search.names_of({"name_bn": self.name_bn, "name_en": self.name_en, "area": self.area})


def office_of(record: OfficeRecord) -> Office:
    values = {f.name: getattr(record, f.name) for f in fields(Office)}
    return Office(
        **values
        | {
            "wards": int(record.wards),
            "area": dict(record.area or {}),
            "overrides": dict(record.overrides or {}),
            "contact": dict(record.contact or {}),
            "policies": dict(record.policies or {}),
        }
    )


def _match(row: OfficeSearchRow) -> OfficeMatch:
    values = {f.name: getattr(row, f.name) for f in fields(OfficeMatch)}
    return OfficeMatch(**values | {"area": dict(row.area or {})})


def _row(office: Office | OfficeRecord) -> OfficeRecord:
    if isinstance(office, OfficeRecord):
        return office
    return OfficeRecord(office.office_id, **{f.name: getattr(office, f.name) for f in fields(Office)[1:]})


_cache: dict[str, tuple[float, Office]] = {}


def get(office_id: str) -> Office | None:
    hit = _cache.get(office_id)
    now = time.monotonic()
    if hit and now - hit[0] < settings().office_cache_seconds:
        return hit[1]
    try:
        office = office_of(OfficeRecord.get(office_id))
    except DoesNotExist:
        return None
    _cache[office_id] = (now, office)
    return office


def names(office_ids: set[str]) -> dict[str, tuple[str, str]]:
    """{office_id: (name_bn, name_en)} of these offices, read in batches of 100 (BatchGetItem)."""
    if not office_ids:
        return {}
    found = OfficeRecord.batch_get(sorted(office_ids), attributes_to_get=["office_id", "name_bn", "name_en"])
    return {o.office_id: (o.name_bn, o.name_en) for o in found}


def forget_cache() -> None:
    _cache.clear()


def _search_rows(record: OfficeRecord) -> list[OfficeSearchRow]:
    return [
        OfficeSearchRow(
            key.partition,
            key.sort,
            office_id=record.office_id,
            matched=key.matched,
            kind=record.kind,
            name_bn=record.name_bn,
            name_en=record.name_en,
            district_id=record.district_id,
            upazila_id=record.upazila_id,
            area=record.area,
        )
        for key in office_search.search_keys(record.office_id, office_search.names_of(as_dict(record)))
    ]


def _no_longer(before: list[OfficeSearchRow], record: OfficeRecord) -> list[OfficeSearchRow]:
    """The rows in `before` that `record` (as it is now) no longer has."""
    kept = {(r.name_prefix, r.name_key) for r in _search_rows(record)}
    return [r for r in before if (r.name_prefix, r.name_key) not in kept]


def put(record: OfficeRecord) -> None:
    """Create or replace an office and its search rows (a handful of writes, admin/onboarding path);
    the rows of names a replaced office no longer has are deleted."""
    try:
        before = _search_rows(OfficeRecord.get(record.office_id))
    except DoesNotExist:
        before = []
    record.save()
    put_search_rows([record], gone=_no_longer(before, record))
    _cache.pop(record.office_id, None)


def put_many(records: list[OfficeRecord]) -> None:
    """Batched writes for onboarding many offices at once (25 items a call)."""
    with OfficeRecord.batch_write() as offices:
        for r in records:
            offices.save(r)
    put_search_rows(records)


def update_fields(office: Office | OfficeRecord, changes: dict[str, Any]) -> None:
    """Set some of an office's fields (map fields when onboarding again, settings when its admin
    changes them), leaving the others alone; keeps the search rows in step with the names and area
    (rows of a name it no longer has are deleted)."""
    record = _row(office)
    before = _search_rows(record)
    record.update(actions=[getattr(OfficeRecord, name).set(value) for name, value in changes.items()])
    if SEARCHED_FIELDS & set(changes):
        put_search_rows([record], gone=_no_longer(before, record))
    _cache.pop(record.office_id, None)


def put_search_rows(records: list[OfficeRecord], gone: list[OfficeSearchRow] | None = None) -> None:
    """Write the search rows of `records` (and delete `gone`), 25 items a call; also the backfill
    for offices stored before the rows existed (ops/office_search.py)."""
    with OfficeSearchRow.batch_write() as rows:
        for old in gone or []:
            rows.delete(old)
        for r in records:
            for row in _search_rows(r):
                rows.save(row)


def by_area(attr: str, value: str, kind: str | None, limit: int, cursor: str | None) -> tuple[list[Office], str | None]:
    index = OfficeRecord.by_upazila if attr == "upazila_id" else OfficeRecord.by_district
    condition = OfficeRecord.kind == kind if kind else None
    result = index.query(
        value,
        filter_condition=condition,
        limit=limit,
        last_evaluated_key=decode_cursor(cursor, {attr: value}),
    )
    items = [office_of(record) for record in result]
    return items, encode_cursor(result.last_evaluated_key)


def by_name(
    prefix: str, key: str, limit: int, cursor: str | None, keep: Callable[[OfficeMatch], bool]
) -> tuple[list[OfficeMatch], str | None]:
    """The rows of partition `prefix` whose name starts with `key` and that `keep` keeps, in name
    order: `limit` of them and a cursor only if there are more. One Query of limit + 1 rows when
    `keep` keeps them all; otherwise more Queries of MATCH_READ rows, MAX_READS in all."""
    start = decode_cursor(cursor, {"name_prefix": prefix})
    if start is not None and not str(start.get("name_key", {}).get("S", "")).startswith(key):
        raise bad_request("cursor does not belong to this list", "invalid_cursor")
    kept: list[OfficeMatch] = []
    size = limit + 1
    for _ in range(MAX_READS):
        result = OfficeSearchRow.query(
            prefix, OfficeSearchRow.name_key.startswith(key), limit=size, last_evaluated_key=start
        )
        for row in map(_match, result):
            if keep(row):
                kept.append(row)
            if len(kept) > limit:
                return kept[:limit], _name_cursor(prefix, kept[limit - 1].name_key)
        start = result.last_evaluated_key
        if not start:
            return kept, None
        size = max(size, MATCH_READ)
    return kept, encode_cursor(start)


def _name_cursor(prefix: str, name_key: str) -> str | None:
    return encode_cursor({"name_prefix": {"S": prefix}, "name_key": {"S": name_key}})


def as_dict(record: Office | OfficeRecord) -> dict[str, Any]:
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
