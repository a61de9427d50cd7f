"""What one revenue change adds to the monitors' counters (decision 71): collection by the receipt's
fiscal year and all time, arrears carried, holdings registered; nothing for what does not change them."""

from __future__ import annotations

from dataclasses import replace

from chalicelib.adapters.ledger import Account
from chalicelib.adapters.revenue_stream import RevenueChange
from chalicelib.domain.revenue.lines import DemandLine, LineKind
from chalicelib.domain.revenue.receipts import CANCELLED, Receipt
from chalicelib.services.revenue_stats import deltas

RECEIPT = Receipt("R1", "H1", "o", 1, "12/3", "x", 50_000, (), 0, "cash", "p1", "c", "2026-07-01T03:00:00+00:00")
ARREAR = DemandLine(
    "2025-26#holding_tax#4", "H1", "2025-26", "holding_tax", 4, "2026-06-30", 10_000, 0, LineKind.ARREAR
)


def change(kind: str, old: object, new: object) -> RevenueChange:
    return RevenueChange("e1", kind, "o", old, new)  # type: ignore[arg-type]


def test_a_receipt_counts_in_its_bangladesh_fiscal_year_and_a_cancellation_takes_it_back() -> None:
    assert deltas(change("receipt", None, RECEIPT)) == {
        "revenue": {"collected": 50_000},
        "revenue-2026-27": {"collected": 50_000},
    }
    late = replace(RECEIPT, received_at="2026-06-30T19:00:00+00:00")  # 1 July in Bangladesh
    assert "revenue-2026-27" in deltas(change("receipt", None, late))
    cancelled = replace(RECEIPT, status=CANCELLED)
    assert deltas(change("receipt", RECEIPT, cancelled))["revenue"] == {"collected": -50_000}
    assert deltas(change("receipt", RECEIPT, replace(RECEIPT, pdf_key="k"))) == {}  # rendered: no money moved


def test_arrears_follow_the_arrear_lines_and_holdings_their_items() -> None:
    before = Account("H1", "o", 1, (ARREAR,), version=1)
    after = replace(before, lines=(replace(ARREAR, paid=4_000),), version=2)
    assert deltas(change("ledger", None, before)) == {"revenue": {"arrears": 10_000}}
    assert deltas(change("ledger", before, after)) == {"revenue": {"arrears": -4_000}}
    assert deltas(change("holding", None, object())) == {}  # not a Holding: nothing
