"""Which status list comes next (pure)."""

from __future__ import annotations

from chalicelib.domain.status_lists import NEW_LIST_SIZE, fill_limit, natural_order, next_list_id


def test_the_next_list_counts_on() -> None:
    assert next_list_id("s1") == "s2"
    assert next_list_id("s9") == "s10"
    assert next_list_id("2026-a09") == "2026-a10"
    assert next_list_id("main") == "main-2" and next_list_id("main-2") == "main-3"


def test_lists_sort_naturally() -> None:
    assert sorted(["s10", "s2", "s1", "2027-1"], key=natural_order) == ["2027-1", "s1", "s2", "s10"]
    assert natural_order("main") == ("main", 0)


def test_a_list_is_filled_to_half() -> None:
    assert fill_limit(NEW_LIST_SIZE) == NEW_LIST_SIZE // 2 == 524_288
