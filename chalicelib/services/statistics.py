"""Office statistics maintained from the cases table's DynamoDB stream (no scans, ever)."""

from __future__ import annotations

import time
from typing import Any

from chalicelib.adapters import stats
from chalicelib.observability import logger, metrics


def image_value(image: dict[str, Any], name: str) -> str | None:
    attr = image.get(name) or {}
    return attr.get("S") or attr.get("N")


def status_deltas(record: dict[str, Any]) -> tuple[str, str, dict[str, int]] | None:
    """(mark, office_id, {status: delta}) for a stream record that changes a case's status, else None."""
    change = record.get("dynamodb", {})
    new, old = change.get("NewImage") or {}, change.get("OldImage") or {}
    new_status, old_status = image_value(new, "status"), image_value(old, "status")
    if new_status == old_status or not new:
        return None
    deltas = {new_status: 1} if new_status else {}
    if old_status:
        deltas[old_status] = -1
    mark = f"status#{image_value(new, 'case_id')}#{image_value(new, 'version')}"
    return mark, str(image_value(new, "office_id")), deltas


def on_case_changes(records: list[dict[str, Any]]) -> int:
    applied = 0
    now = int(time.time())
    for record in records:
        change = status_deltas(record)
        if change is None:
            continue
        mark, office_id, deltas = change
        if stats.apply_once(mark, office_id, deltas, now):
            applied += 1
            for status, delta in deltas.items():
                if delta > 0:
                    metrics.add_metric(name=f"CasesEntered_{status}", unit="Count", value=1)
    logger.info("case stream batch", extra={"records": len(records), "applied": applied})
    return applied


def office_counts(office_id: str) -> dict[str, int]:
    return stats.counts(office_id)
