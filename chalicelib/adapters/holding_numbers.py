"""A holding by its number in an office (the `number#<office>#<canonical no>` item, decision 65)."""

from __future__ import annotations

from chalicelib.adapters.tables import RevenueItem
from chalicelib.domain.revenue.holdings import canonical_number


def holding_id_of(office_id: str, number: str) -> str | None:
    """The holding an office's register gives this number (any digit script, separators folded)."""
    canon = canonical_number(number)
    if not canon:
        return None
    try:
        row = RevenueItem.get(f"number#{office_id}#{canon}", "number")
    except RevenueItem.DoesNotExist:
        return None
    found = (row.body or {}).get("holding_id")
    return str(found) if found else None
