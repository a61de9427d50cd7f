"""The holdings register's rules (domain/revenue/register.py): a holding typed by an official is
checked field by field, every bad field at once; name words; history diffs; the `q` of a search."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from chalicelib.domain.errors import AppError
from chalicelib.domain.revenue.assessment import Floor, HoldingFacts, Occupancy
from chalicelib.domain.revenue.holdings import Owner, canonical_number
from chalicelib.domain.revenue.register import (
    Query,
    as_fields,
    diff,
    facts_from,
    holding_from,
    mask_phone,
    merged,
    name_words,
    search_query,
)

CLASSES = ("pucca", "semi_pucca", "kutcha")


def body(**changes: Any) -> dict[str, Any]:
    good: dict[str, Any] = {
        "number": "১২/৩-ক",
        "ward": "৩",
        "village": "ব্যাংক কলোনি",
        "owners": [{"name": "মোঃ রহিম  উদ্দিন", "phone": "০১৭১১-০০০৭৮৯", "nid": "1234567890", "share": "1/2"}],
        "use": "residential",
        "land_area_sqm": 120,
        "construction_class": "pucca",
        "floors": [
            {"built_area_sqm": 80, "use": "residential", "occupancy": "owner"},
            {"built_area_sqm": 80, "use": "commercial", "occupancy": "rented", "monthly_rent": 1_200_000},
        ],
    }
    return {**good, **changes}


def errors_of(raw: dict[str, Any], wards: int = 9) -> dict[str, str]:
    with pytest.raises(AppError) as caught:
        holding_from(raw, wards, CLASSES, "H1", "pourashava-savar")
    assert caught.value.code == "validation_failed"
    assert all(e.message_bn for e in caught.value.errors)
    return {e.field: e.message for e in caught.value.errors}


def test_a_good_holding_is_canonical() -> None:
    h = holding_from(body(), 9, CLASSES, "H1", "pourashava-savar")
    assert h.ward == 3 and h.village == "ব্যাংক কলোনি"
    assert h.owners == (Owner("মোঃ রহিম উদ্দিন", "8801711000789", "1234567890", "1/2"),)
    assert h.floors[1] == Floor(80, "commercial", Occupancy.RENTED, 1_200_000)
    assert h.canonical == "12/3/ক"


def test_every_bad_field_at_once() -> None:
    bad = body(
        number=" ",
        ward=12,
        village="",
        owners=[{"name": "", "phone": "12345", "nid": "12"}],
        use="palace",
        land_area_sqm=-1,
        construction_class="glass",
        floors=[{"built_area_sqm": 0, "use": "residential", "occupancy": "rented"}],
        colour="blue",
    )
    assert set(errors_of(bad)) == {
        "number",
        "ward",
        "village",
        "owners[0].name",
        "owners[0].phone",
        "owners[0].nid",
        "use",
        "land_area_sqm",
        "construction_class",
        "floors[0].built_area_sqm",
        "floors[0].monthly_rent",
        "colour",
    }


def test_owners_required_and_rent_only_when_rented() -> None:
    owned = {"built_area_sqm": 5, "use": "residential", "occupancy": "owner", "monthly_rent": 5}
    found = errors_of(body(owners=[], floors=[owned]))
    assert set(found) == {"owners", "floors[0].monthly_rent"}
    assert set(errors_of(body(owners="x", floors={}))) == {"owners", "floors"}
    assert set(errors_of(body(village="a\u202eb"))) == {"village"}


def test_merged_patch_and_diff() -> None:
    before = holding_from(body(), 9, CLASSES, "H1", "o")
    after = holding_from(merged(before, {"ward": 4, "village": "নতুন পাড়া"}), 9, CLASSES, "H1", "o")
    assert diff(before, after) == {
        "ward": {"before": 3, "after": 4},
        "village": {"before": "ব্যাংক কলোনি", "after": "নতুন পাড়া"},
    }
    assert diff(before, replace(before, version=7)) == {}
    created = diff(None, before)
    assert set(created) == set(as_fields(before)) and created["ward"] == {"before": None, "after": 3}


def test_name_words_and_queries() -> None:
    words = name_words((Owner("Md. Rahim Uddin Sarker Mia"), Owner("মোছাঃ রহিমা  খাতুন")))
    assert words == {"rahim", "uddin", "sarker", "রহিমা", "খাতুন"}
    assert search_query("RAHIM") == Query(name_word="rahim")
    assert search_query("১২/৩") == Query(number_prefix="12/3")
    with pytest.raises(AppError):
        search_query("rahim uddin")
    with pytest.raises(AppError):
        search_query("1" * 61)


def test_mask_phone() -> None:
    assert mask_phone("8801711000789") == "01XXXXXX789"
    assert mask_phone(None) is None


def test_arrear_lines() -> None:
    from chalicelib.domain.revenue.lines import LineKind
    from chalicelib.domain.revenue.register import arrear_lines, imported_at

    lines = arrear_lines("H1", "2024-25", {"holding_tax": 120_050, "lighting": 0}, ("holding_tax", "lighting"))
    assert [(x.line_id, x.due_on, x.amount, x.kind) for x in lines] == [
        ("2024-25#holding_tax#1", "2025-06-30", 120_050, LineKind.ARREAR)
    ]
    assert imported_at("2024-25") == "2025-06-30T18:00:00+00:00"
    with pytest.raises(ValueError, match="palace"):
        arrear_lines("H1", "2024-25", {"palace": 1}, ("holding_tax",))
    with pytest.raises(ValueError):
        arrear_lines("H1", "24-25", {"holding_tax": 1}, ("holding_tax",))


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("১২/৩-ক", "12/3/ক"), ("12 3 ক", "12/3/ক"), ("١٢.٣", "12/3"), (" 12 - 3 ", "12/3"), ("12\u200b/3", "12/3")],
)
def test_a_holding_number_is_one_whatever_its_digits_and_separators(typed: str, canonical: str) -> None:
    assert canonical_number(typed) == canonical


def test_separators_still_separate_numbers() -> None:
    assert canonical_number("1/23") != canonical_number("12/3")


def test_a_reviews_revised_facts() -> None:
    """An objection's review by facts (decision 73): the register's own floor rules, named under `facts`."""
    floor = {"built_area_sqm": 80, "use": "residential", "occupancy": "rented", "monthly_rent": 500_000}
    assert facts_from({"construction_class": "kutcha", "floors": [floor]}, CLASSES) == HoldingFacts(
        "kutcha", (Floor(80, "residential", Occupancy.RENTED, 500_000),)
    )
    assert facts_from({"construction_class": "pucca"}, CLASSES) == HoldingFacts("pucca", ())
    with pytest.raises(AppError) as bad:
        facts_from({"construction_class": "marble", "floors": [{**floor, "built_area_sqm": 0}], "ward": 2}, CLASSES)
    assert {e.field for e in bad.value.errors} == {
        "facts.ward",
        "facts.construction_class",
        "facts.floors[0].built_area_sqm",
    }
    with pytest.raises(AppError) as bad:
        facts_from([floor], CLASSES)
    assert [e.field for e in bad.value.errors] == ["facts"]
