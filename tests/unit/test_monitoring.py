"""Monitoring counters: which areas a case change counts in, and medians from the histogram."""

from __future__ import annotations

import datetime as dt

from chalicelib.domain.monitoring import bucket, chain, counters, median_days, periods

OFFICE = {
    "office_id": "union-1",
    "name_bn": "সুবিল",
    "name_en": "Subil",
    "area": {
        "division": {"id": "1", "name_bn": "চট্টগ্রাম", "name_en": "Chattagram"},
        "district": {"id": "1", "name_bn": "কুমিল্লা", "name_en": "Comilla"},
        "upazila": {"id": "1", "name_bn": "দেবিদ্বার", "name_en": "Debidwar"},
    },
}


def test_an_office_counts_in_every_area_above_it() -> None:
    links = [(link.parent, link.area) for link in chain(OFFICE)]
    assert links == [
        ("root", "national"),
        ("national", "division:1"),
        ("division:1", "district:1"),
        ("district:1", "upazila:1"),
        ("upazila:1", "office:union-1"),
    ]
    city = {**OFFICE, "office_id": "cc-dhaka-north", "area": {**OFFICE["area"], "upazila": None}}
    assert [link.area for link in chain(city)][-2:] == ["district:1", "office:cc-dhaka-north"]


def test_periods_are_all_time_and_the_month_in_bangladesh() -> None:
    assert periods(dt.datetime(2026, 6, 30, 19, 0, tzinfo=dt.UTC)) == ["all", "2026-07"]  # 01:00 on 1 July in Dhaka


def test_what_a_change_counts() -> None:
    created = {"status": "awaiting_payment", "created_at": "2026-11-01T04:00:00Z", "updated_at": "2026-11-01T04:00:00Z"}
    assert counters({}, created) == {"received": 1}
    assert counters({}, {**created, "status": "draft"}) == {}
    assert counters({"status": "draft"}, created) == {"received": 1}
    issued = {**created, "status": "issued", "updated_at": "2026-11-04T20:00:00Z"}  # 5 Nov 02:00 in Dhaka
    assert counters({**created, "status": "approved"}, issued) == {"issued": 1, "tti_4": 1}
    assert counters(created, {**created, "status": "rejected"}) == {"rejected": 1}
    escalated = {**created, "status": "submitted", "escalated_at": "2026-11-20T00:00:00Z"}
    assert counters({**created, "status": "submitted"}, escalated) == {"overdue": 1}
    assert counters(escalated, {**escalated, "status": "office_verified"}) == {}


def test_days_to_issue_are_capped_at_a_month() -> None:
    assert bucket("2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z") == 31
    assert bucket("2026-01-01T00:00:00Z", "2026-01-01T10:00:00Z") == 0


def test_median_from_the_histogram() -> None:
    assert median_days({}) is None
    assert median_days({"tti_2": 3}) == 2
    assert median_days({"tti_1": 1, "tti_3": 1}) == 2
    assert median_days({"tti_0": 1, "tti_5": 2, "tti_31": 1}) == 5
