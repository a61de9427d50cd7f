"""Where an account stands on a day: arrears (earlier fiscal years) and what has fallen due (clearance)."""

from __future__ import annotations

from datetime import date

from chalicelib.domain.revenue.lines import DemandLine, LineKind
from chalicelib.domain.revenue.standing import arrears, due_by, paid_up


def line(fy: str, instalment: int, due_on: str, amount: int, paid: int = 0) -> DemandLine:
    kind = LineKind.ARREAR if fy < "2026-27" else LineKind.CURRENT
    return DemandLine(f"{fy}#holding_tax#{instalment}", "H1", fy, "holding_tax", instalment, due_on, amount, paid, kind)


LINES = (
    line("2025-26", 4, "2026-06-30", 10_000, paid=4_000),
    line("2026-27", 1, "2026-09-30", 5_000, paid=5_000),
    line("2026-27", 2, "2026-12-31", 5_000),
)


def test_arrears_are_what_earlier_years_still_owe() -> None:
    assert arrears(LINES, date(2026, 12, 7)) == 6_000
    assert arrears(LINES, date(2027, 7, 1)) == 11_000  # a new fiscal year: this one's lines too
    assert arrears((), date(2026, 12, 7)) == 0


def test_clearance_counts_only_what_has_fallen_due() -> None:
    assert due_by(LINES, date(2026, 12, 7)) == 6_000
    assert due_by(LINES, date(2026, 12, 31)) == 11_000
    assert not paid_up(LINES, date(2026, 12, 7))
    assert paid_up(LINES[1:], date(2026, 12, 30))
    assert not paid_up(LINES[1:], date(2026, 12, 31))
    assert paid_up((), date(2026, 12, 7))
