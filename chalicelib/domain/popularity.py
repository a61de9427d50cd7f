"""Which certificate types an office's page lists first: its most requested, from its counters."""

from __future__ import annotations

from collections.abc import Iterable

SHOWN = 6  # "most requested" on the office page: about one phone screen
MIN_CASES = 3  # a type counts once an office has received this many: one application shows no trend
# Until an office has counters of its own (a new pilot office), the types most union parishads
# and pourashavas issue; its own most requested come first and these fill the rest.
COMMONLY_REQUESTED = ("citizenship", "warish", "character", "trade_license", "annual_income", "unmarried")


def most_requested(received: dict[str, int], offered: Iterable[str]) -> list[str]:
    """Type codes, most requested first (ties by code), at most SHOWN; only types in `offered`.

    Only the order is published, never the counts, and a type counts only past MIN_CASES."""
    known = set(offered)
    own = sorted(
        (code for code, n in received.items() if n >= MIN_CASES and code in known), key=lambda c: (-received[c], c)
    )
    for code in COMMONLY_REQUESTED:
        if code in known and code not in own:
            own.append(code)
    return own[:SHOWN]
