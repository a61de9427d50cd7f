"""Where a revenue account stands on a day (DESIGN §10): its arrears (what earlier fiscal years
still owe: the defaulters list, the monitors' arrears) and what is due by that day (clearance: an
office may require a paid-up holding before it issues certain certificates). Pure; money in poisha."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from chalicelib.domain.revenue.fiscal import fiscal_year_of
from chalicelib.domain.revenue.lines import DemandLine, LineKind


def arrears(lines: Iterable[DemandLine], today: date) -> int:
    """Outstanding on the lines of fiscal years before today's."""
    current = fiscal_year_of(today)
    return sum(line.outstanding for line in lines if line.fiscal_year < current)


def due_by(lines: Iterable[DemandLine], today: date) -> int:
    """Outstanding on the lines that have fallen due by `today` (an instalment not yet due is not owed)."""
    day = today.isoformat()
    return sum(line.outstanding for line in lines if line.due_on <= day)


def paid_up(lines: Iterable[DemandLine], today: date) -> bool:
    """Clearance: nothing that has fallen due is unpaid."""
    return due_by(lines, today) == 0


def carried(lines: Iterable[DemandLine]) -> int:
    """Outstanding on arrear lines (earlier years' unpaid lines a demand run carried forward): what the
    monitors' counters add up, a stored fact that changes only when the ledger is written."""
    return sum(line.outstanding for line in lines if line.kind is LineKind.ARREAR)
