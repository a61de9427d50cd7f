"""Which status list a new certificate takes its place in (pure: no AWS).

A status list has a fixed number of bits and certificates take random indices in it (herd privacy:
an index says nothing about when or where a certificate was issued). A list is filled to half
only, so a random free index is found in two tries on average; then the next list is opened. At
national volume (2 M certificates a month) a list of 2^20 bits holds a week or two of issuance.
"""

from __future__ import annotations

import re

NEW_LIST_SIZE = 1 << 20  # bits (128 KiB unpacked; zlib makes a sparse list a few KB)
_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


def fill_limit(size: int) -> int:
    """How many certificates a list of `size` bits takes before the next one is opened."""
    return size // 2


def next_list_id(list_id: str) -> str:
    """s1 → s2, 2026-a9 → 2026-a10; an id without a trailing number gets one: main → main-2."""
    match = _TRAILING_NUMBER.match(list_id)
    if match is None:
        return f"{list_id}-2"
    stem, number = match.groups()
    return f"{stem}{int(number) + 1}"


def natural_order(list_id: str) -> tuple[str, int]:
    """s2 before s10."""
    match = _TRAILING_NUMBER.match(list_id)
    return (match.group(1), int(match.group(2))) if match else (list_id, 0)
