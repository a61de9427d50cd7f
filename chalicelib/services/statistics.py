"""Statistics maintained from the cases table's DynamoDB stream (no scans, ever): per-office
status counts for the queue, and national monitoring counters per office, upazila, district,
division and the country — received, issued, rejected, overdue, days to issue — for all time and
per month. Monitors read them through `GET /v1/stats`; they hold no personal data."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from chalicelib.adapters import offices as office_repo
from chalicelib.adapters import stats
from chalicelib.domain.actors import Actor
from chalicelib.domain.changes import CaseChange, CaseImage
from chalicelib.domain.clock import parse_stamp
from chalicelib.domain.errors import FieldError, forbidden, not_found, validation_failed
from chalicelib.domain.monitoring import NATIONAL, chain, counters, median_days, periods
from chalicelib.observability import logger, metrics


def _counted(image: CaseImage) -> dict[str, str | None]:
    """What the counters read of one side of a change (domain/monitoring.py)."""
    return {
        "status": image.status,
        "created_at": image.created_at,
        "updated_at": image.updated_at,
        "escalated_at": image.escalated_at,
    }


def status_deltas(old: dict[str, str | None], new: dict[str, str | None]) -> dict[str, int]:
    """Per-office status counts: +1 for the status entered, -1 for the one left."""
    if new.get("status") == old.get("status"):
        return {}
    deltas = {str(new["status"]): 1} if new.get("status") else {}
    if old.get("status"):
        deltas[str(old["status"])] = -1
    return deltas


def _area_rows(office_id: str, moment: dt.datetime) -> list[stats.AreaRow]:
    return area_rows(office_id, periods(moment))


def area_rows(office_id: str, in_periods: list[str]) -> list[stats.AreaRow]:
    """The counter rows an office's change adds to: its own and its areas', in each period."""
    office = office_repo.get(office_id)
    if office is None:
        return []
    links = chain(office_repo.as_dict(office))
    return [
        stats.AreaRow(period, link.parent, link.area, link.name_bn, link.name_en)
        for period in in_periods
        for link in links
    ]


def on_case_changes(changes: list[CaseChange]) -> int:
    applied = 0
    now = int(time.time())
    for change in changes:
        new = change.new
        if not new.present:
            continue
        before, after = _counted(change.old), _counted(new)
        office_deltas, area_deltas = status_deltas(before, after), counters(before, after)
        if not office_deltas and not area_deltas:
            continue
        moment = parse_stamp(str(new.updated_at))
        rows = _area_rows(str(new.office_id), moment) if area_deltas else []
        mark = f"status#{new.case_id}#{new.version}"
        received_type = new.type_code if area_deltas.get("received") else None
        if stats.apply_once(
            mark, now, str(new.office_id), office_deltas, rows, area_deltas, ward=new.ward, received_type=received_type
        ):
            applied += 1
            for status, delta in office_deltas.items():
                if delta > 0:
                    metrics.add_metric(name=f"CasesEntered_{status}", unit="Count", value=1)
    logger.info("case stream batch", extra={"records": len(changes), "applied": applied})
    return applied


def office_counts(office_id: str, ward: int | None = None) -> dict[str, int]:
    """The queue's tab counts: the office's, or one ward's (a ward member's, or a filtered list)."""
    return stats.counts(office_id, ward)


# --- monitoring API ------------------------------------------------------------------------------

AREA_LEVELS = ("national", "division", "district", "upazila", "office")


def _view(row: dict[str, Any] | None) -> dict[str, Any]:
    data = row or {}
    return {
        "area": data.get("area"),
        "name_bn": data.get("name_bn", ""),
        "name_en": data.get("name_en", ""),
        "received": int(data.get("received", 0) or 0),
        "issued": int(data.get("issued", 0) or 0),
        "rejected": int(data.get("rejected", 0) or 0),
        "overdue": int(data.get("overdue", 0) or 0),
        "median_days_to_issue": median_days(data),
    }


def _parse(params: dict[str, str]) -> tuple[str, str]:
    area = params.get("area") or NATIONAL
    period = params.get("period") or "all"
    errors = []
    if area != NATIONAL and (area.split(":", 1)[0] not in AREA_LEVELS or ":" not in area):
        errors.append(FieldError("area", "national, division:<id>, district:<id>, upazila:<id> or office:<id>"))
    if period != "all" and not (len(period) == 7 and period[4] == "-" and period.replace("-", "").isdigit()):
        errors.append(FieldError("period", "all or a month as YYYY-MM", "সময়কাল সঠিক নয়"))
    if errors:
        raise validation_failed(errors)
    return area, period


def check_monitor(actor: Actor, area: str | None = None) -> None:
    """Monitors (and LGD) see their own area's counters and its children's, no other."""
    if not actor.is_staff or actor.role not in ("monitor", "lgd_admin"):
        raise forbidden("statistics are for monitors")
    if area is not None and actor.office_id not in ("lgd", area):
        raise forbidden("a monitor sees their own area")


def area_report(actor: Actor, params: dict[str, str], limit: int, cursor: str | None) -> dict[str, Any]:
    """GET /v1/stats?area=&period=: an area's counters and its children's; no personal data."""
    check_monitor(actor)
    area, period = _parse(params)
    check_monitor(actor, area)
    totals = stats.area(period, area)
    if totals is None and area != NATIONAL:
        raise not_found("Area")
    rows, next_cursor = stats.children(period, area, limit, cursor)
    return {
        "area": area,
        "period": period,
        "totals": _view(totals) | {"area": area},
        "items": [_view(r) for r in rows],
        "next_cursor": next_cursor,
    }
