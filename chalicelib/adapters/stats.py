"""Counters kept from the case stream, updated exactly once per case change: per-office status
counts (the queue's badges), per-office applications received of each type (the office page's
"most requested"), and the national monitoring counters per area and period."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from pynamodb.attributes import NumberAttribute
from pynamodb.exceptions import TransactWriteError
from pynamodb.expressions.operand import Path
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.paging import decode_cursor, encode_cursor
from chalicelib.adapters.tables import AreaStat, OfficeStatusCount, StreamMark

MARK_TTL_SECONDS = 7 * 24 * 3600  # longer than a stream keeps records (24 h)
_received: dict[str, tuple[float, dict[str, int]]] = {}


def received_key(office_id: str) -> str:
    """The office-stats partition of an office's per-type counters (beside its status counts)."""
    return f"{office_id}|received"


@dataclass(frozen=True)
class AreaRow:
    period: str  # "all" or "YYYY-MM"
    parent: str
    area: str
    name_bn: str
    name_en: str


def _area_actions(row: AreaRow, deltas: dict[str, int]) -> list[Action]:
    actions: list[Action] = [
        AreaStat.name_bn.set(row.name_bn),
        AreaStat.name_en.set(row.name_en),
        AreaStat.period_area.set(f"{row.period}|{row.area}"),
    ]
    for name, delta in deltas.items():
        actions.append(Path(NumberAttribute(attr_name=name)).add(delta))
    return actions


def apply_once(
    mark: str,
    now: int,
    office_id: str,
    status_deltas: dict[str, int],
    area_rows: list[AreaRow],
    area_deltas: dict[str, int],
    ward: int | None = None,
    received_type: str | None = None,
) -> bool:
    """Apply one case change's counters unless `mark` was already applied. True if applied. The
    status counts go to the office and, for a case with a ward, to that ward's own counts.
    `received_type`: the type of an application the office has just received."""
    keys = [office_id, *([ward_key(office_id, ward)] if ward is not None else [])]
    connection = OfficeStatusCount._get_connection().connection
    try:
        with TransactWrite(connection=connection) as tx:
            tx.save(StreamMark(mark, expires_at=now + MARK_TTL_SECONDS), condition=StreamMark.mark.does_not_exist())
            for key in keys:
                for status, delta in status_deltas.items():
                    tx.update(OfficeStatusCount(key, status), actions=[OfficeStatusCount.cases.add(delta)])
            if received_type:
                received = OfficeStatusCount(received_key(office_id), received_type)
                tx.update(received, actions=[OfficeStatusCount.cases.add(1)])
            for row in area_rows if area_deltas else []:
                tx.update(AreaStat(f"{row.period}|{row.parent}", row.area), actions=_area_actions(row, area_deltas))
    except TransactWriteError as exc:
        reasons = exc.cancellation_reasons
        if reasons and reasons[0] is not None and reasons[0].code == "ConditionalCheckFailed":
            return False
        raise
    return True


def ward_key(office_id: str, ward: int) -> str:
    """The partition of a ward's status counts in the office-stats table (office ids have no '#')."""
    return f"{office_id}#ward-{ward}"


def counts(office_id: str, ward: int | None = None) -> dict[str, int]:
    """Cases per status of an office, or of one of its wards."""
    office_id = ward_key(office_id, ward) if ward is not None else office_id
    return {row.status: int(row.cases) for row in OfficeStatusCount.query(office_id) if int(row.cases)}


def received_by_type(office_id: str, max_age: float) -> dict[str, int]:
    """{type code: applications received} of an office; a container keeps it for `max_age` seconds."""
    now = time.monotonic()
    hit = _received.get(office_id)
    if hit and now - hit[0] < max_age:
        return hit[1]
    found = {row.status: int(row.cases) for row in OfficeStatusCount.query(received_key(office_id))}
    _received[office_id] = (now, found)
    return found


def forget_cache() -> None:
    _received.clear()


def area(period: str, area_key: str) -> dict[str, Any] | None:
    """An area's counters in a period, as stored (names, counts, histogram); None if never counted."""
    rows = list(AreaStat.by_area.query(f"{period}|{area_key}", limit=1))
    return dict(rows[0].attribute_values) if rows else None


def children(period: str, area_key: str, limit: int, cursor: str | None) -> tuple[list[dict[str, Any]], str | None]:
    """A page of the counters of the areas under `area_key`, as `area` gives them."""
    scope = f"{period}|{area_key}"
    result = AreaStat.query(scope, limit=limit, last_evaluated_key=decode_cursor(cursor, {"scope": scope}))
    items = [dict(row.attribute_values) for row in result]
    return items, encode_cursor(result.last_evaluated_key)
