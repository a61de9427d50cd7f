"""Per-office status counters, updated exactly once per case change."""

from __future__ import annotations

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.tables import OfficeStatusCount, StreamMark

MARK_TTL_SECONDS = 7 * 24 * 3600  # longer than a stream keeps records (24 h)


def apply_once(mark: str, office_id: str, deltas: dict[str, int], now: int) -> bool:
    """Add `deltas` to the office's counters unless `mark` was already applied. True if applied."""
    connection = OfficeStatusCount._get_connection().connection
    try:
        with TransactWrite(connection=connection) as tx:
            tx.save(StreamMark(mark, expires_at=now + MARK_TTL_SECONDS), condition=StreamMark.mark.does_not_exist())
            for status, delta in deltas.items():
                tx.update(OfficeStatusCount(office_id, status), actions=[OfficeStatusCount.cases.add(delta)])
    except TransactWriteError as exc:
        reasons = exc.cancellation_reasons
        if reasons and reasons[0] is not None and reasons[0].code == "ConditionalCheckFailed":
            return False
        raise
    return True


def counts(office_id: str) -> dict[str, int]:
    return {row.status: int(row.cases) for row in OfficeStatusCount.query(office_id) if int(row.cases)}
