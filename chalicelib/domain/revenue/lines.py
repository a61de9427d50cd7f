"""A demand line: what one revenue account owes under one tax head for one instalment of one
fiscal year (DESIGN §10, "demand"). The schedule makes them (schedule.py), the ledger settles them
(ledger.py); both read this one shape. Money is integer poisha."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LineKind(StrEnum):
    CURRENT = "current"  # the fiscal year being billed
    ARREAR = "arrear"  # an earlier year's line still unpaid
    SURCHARGE = "surcharge"  # charged for paying late, a line of its own once demanded


@dataclass(frozen=True)
class DemandLine:
    line_id: str  # stable within the account: "<fiscal year>#<head>#<instalment>" (idempotent runs)
    account_id: str  # the holding (later: a water connection, a trade licence)
    fiscal_year: str  # "2026-27": July to June
    head: str  # tax head code from the schedule, e.g. "holding_tax", "conservancy"
    instalment: int  # 1..4 for quarterly, 1 for yearly
    due_on: str  # ISO date the instalment falls due
    amount: int  # poisha demanded
    paid: int = 0  # poisha settled so far (payments less reversals, plus adjustments)
    kind: LineKind = LineKind.CURRENT

    @property
    def outstanding(self) -> int:
        return max(self.amount - self.paid, 0)


def money(poisha: int) -> str:
    """'1,234.50' (thousands grouped the South Asian way: 1,23,456.00)."""
    whole, part = divmod(abs(poisha), 100)
    digits = str(whole)
    head, tail = digits[:-3], digits[-3:]
    groups: list[str] = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    text = ",".join([*groups, tail]) if groups else tail
    return f"{'-' if poisha < 0 else ''}{text}.{part:02d}"
