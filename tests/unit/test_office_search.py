"""Office search keys (decision 47): the normalised names a Query's key condition matches, and
which types an office's page lists first."""

from __future__ import annotations

import pytest

from chalicelib.domain.office_search import (
    SEPARATOR,
    best_match,
    names_of,
    normalise,
    query_key,
    search_keys,
)
from chalicelib.domain.popularity import COMMONLY_REQUESTED, MIN_CASES, SHOWN, most_requested

RAMPUR = {
    "office_id": "union-405",
    "name_bn": "রামপুর",
    "name_en": "Rampur",
    "area": {
        "division": {"id": "1", "name_bn": "চট্টগ্রাম", "name_en": "Chattagram"},
        "district": {"id": "4", "name_bn": "নোয়াখালী", "name_en": "Noakhali"},
        "upazila": {"id": "44", "name_bn": "কোম্পানীগঞ্জ", "name_en": "Companiganj"},
    },
}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  SUBIL  ", "Subil"),  # case and spaces
        ("Char-Rampur", "char rampur"),  # punctuation is a space
        ("ｓｕｂｉｌ", "subil"),  # full-width Latin (NFKC)
        ("রামপুর\u200c", "রামপুর"),  # a zero-width non-joiner some keyboards add
        ("নো\u09dfাখালী", "নো\u09af\u09bcাখালী"),  # য় as one code point (U+09DF) or য + nukta
        ("ব\u09dcবা\u09dcী", "ব\u09a1\u09bcবা\u09a1\u09bcী"),  # ড় likewise (U+09DC)
        ("ক\u09cbম্পানীগঞ্জ", "ক\u09c7\u09beম্পানীগঞ্জ"),  # ো as one sign (U+09CB) or its two halves
        ("সদর ।", "সদর"),  # the danda is punctuation
        ("দুর্গাপুর", "দূর্গাপুর"),  # short or long u
        ("কোম্পানিগঞ্জ", "কোম্পানীগঞ্জ"),  # short or long i
        ("নারায়নগঞ্জ", "নারায়ণগঞ্জ"),  # ন or ণ
    ],
)
def test_the_spellings_a_phone_types_normalise_alike(typed: str, stored: str) -> None:
    assert normalise(typed) == normalise(stored)
    assert normalise(typed) != ""


def test_a_query_needs_three_latin_or_two_bengali_letters_and_names_its_partition() -> None:
    assert query_key("su") is None and query_key("র") is None and query_key(" - ") is None
    assert query_key("Sub") == ("en:sub", "sub")
    assert query_key("রামপু") == ("bn:রা", "রামপু")
    assert query_key("রা") == ("bn:রা", "রা")


def test_every_name_of_an_office_is_a_row_that_a_prefix_of_it_finds() -> None:
    keys = search_keys("union-405", names_of(RAMPUR))
    assert {(k.matched, k.partition) for k in keys} == {
        ("name", "bn:রা"),
        ("name", "en:ram"),
        ("upazila", "bn:কো"),
        ("upazila", "en:com"),
        ("district", "bn:নো"),
        ("district", "en:noa"),
    }
    for typed in ("রামপুর", "Ramp", "কোম্পা", "companig", "নোয়া", "NOAKHALI"):
        found = query_key(typed)
        assert found is not None
        prefix, key = found
        assert [k.matched for k in keys if k.partition == prefix and k.sort.startswith(key)], typed


def test_an_exact_name_sorts_before_longer_names_that_start_with_it() -> None:
    [rampur] = [k for k in search_keys("union-405", names_of(RAMPUR)) if k.partition == "en:ram"]
    longer = search_keys("union-9", {"name": ("রামপুরা", "Rampura")})
    sadar = search_keys("union-8", {"name": ("রামপুর সদর", "Rampur Sadar")})
    assert rampur.sort == f"rampur{SEPARATOR}0union-405"
    english = sorted([k.sort for k in longer + sadar if k.partition == "en:ram"] + [rampur.sort])
    assert english[0] == rampur.sort


def test_an_empty_name_makes_no_row_and_a_name_like_its_upazilas_two() -> None:
    keys = search_keys("pourashava-x", {"name": ("সাভার", "Savar"), "upazila": ("", "SAVAR")})
    rows = sorted((k.partition, k.matched) for k in keys)
    assert rows == [("bn:সা", "name"), ("en:sav", "name"), ("en:sav", "upazila")]
    assert len({k.sort for k in keys}) == 3  # the rank keeps the upazila's row apart from the name's


def test_an_office_found_by_several_of_its_names_is_found_by_the_first() -> None:
    names = {"name": ("সাভার", "Savar"), "upazila": ("সাভার", "Savar"), "district": ("ঢাকা", "Dhaka")}
    assert best_match(names, "savar") == "name"
    assert best_match(names, "dhaka") == "district"
    assert best_match({"name": ("রামপুর", "Rampur"), "upazila": ("রামপুর সদর", "Rampur Sadar")}, "rampur s") == "upazila"
    assert best_match(names, "rampur") is None


def test_the_most_requested_types_come_first_and_defaults_fill_the_rest() -> None:
    offered = ["citizenship", "warish", "character", "trade_license", "annual_income", "unmarried", "death", "farmer"]
    received = {"death": 40, "farmer": 12, "warish": 12, "gone_type": 99, "character": MIN_CASES - 1}
    popular = most_requested(received, offered)
    assert popular[:3] == ["death", "farmer", "warish"]  # by count, ties by code; unknown types never
    assert popular[3:] == [c for c in COMMONLY_REQUESTED if c not in popular[:3]][: SHOWN - 3]
    assert len(popular) == SHOWN and "gone_type" not in popular
    assert most_requested({}, offered) == list(COMMONLY_REQUESTED)[:SHOWN]
