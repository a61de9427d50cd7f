"""Which status list comes next (pure)."""

from __future__ import annotations

import pytest

from chalicelib.domain.status_lists import NEW_LIST_SIZE, fill_limit, lists_from, next_list_id


def test_the_next_list_counts_on() -> None:
    assert next_list_id("s1") == "s2"
    assert next_list_id("s9") == "s10"
    assert next_list_id("2026-a09") == "2026-a10"
    assert next_list_id("main") == "main-2" and next_list_id("main-2") == "main-3"


def test_lists_in_use_run_from_the_first_to_the_current() -> None:
    assert lists_from("s1", "s1") == ["s1"]
    assert lists_from("s1", "s4") == ["s1", "s2", "s3", "s4"]
    with pytest.raises(ValueError):
        lists_from("s5", "s1")  # never reached: the current list does not follow the first


def test_a_list_is_filled_to_half() -> None:
    assert fill_limit(NEW_LIST_SIZE) == NEW_LIST_SIZE // 2 == 524_288
