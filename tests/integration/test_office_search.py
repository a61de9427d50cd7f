"""Finding an office (decision 47): the Query's key condition does the matching, so the first page
holds the first matches and a cursor means more; results name their upazila and district. And the
office page's most requested types, from the case stream's per-type counters."""

from __future__ import annotations

import base64
import json
import urllib.parse
from typing import Any

import pytest

from chalicelib.adapters import offices as office_repo
from chalicelib.adapters.tables import CaseRecord, OfficeRecord
from chalicelib.api.events import case_changes
from chalicelib.domain.popularity import COMMONLY_REQUESTED, MIN_CASES
from chalicelib.services import statistics
from local import demo, resources
from tests.integration.conftest import Api

RAMPURS = {f"union-{n}" for n in demo.SAME_NAMED}


def pages(api: Api, params: str, limit: int) -> list[dict[str, Any]]:
    """Every page of a search, each checked: never empty, a cursor only before another match."""
    out: list[dict[str, Any]] = []
    cursor = ""
    while True:
        status, page = api.call("GET", f"/v1/offices?{params}&limit={limit}{cursor}")
        assert status == 200, page
        out.append(page)
        assert page["items"] or not page["next_cursor"], page
        if not page["next_cursor"]:
            return out
        cursor = f"&cursor={page['next_cursor']}"


@pytest.mark.parametrize("q", ["রামপুর", "Rampur", "rAMP", "রাম"])
def test_the_first_page_holds_the_first_matches(api: Api, q: str) -> None:
    found = pages(api, f"q={q}", 2)
    assert [len(p["items"]) for p in found] == [2, 2, 1]
    assert [p["next_cursor"] is not None for p in found] == [True, True, False]
    items = [o for p in found for o in p["items"]]
    assert {o["office_id"] for o in items} == RAMPURS and len(items) == 5
    _, whole = api.call("GET", f"/v1/offices?q={q}&limit=5")
    assert len(whole["items"]) == 5 and whole["next_cursor"] is None  # no cursor when nothing follows


def test_each_result_names_its_upazila_and_district(api: Api) -> None:
    _, found = api.call("GET", "/v1/offices?q=রামপুর")
    places = {(o["area"]["upazila"]["name_en"], o["area"]["district"]["name_en"]) for o in found["items"]}
    assert len(places) == 5  # the five Rampur unions are told apart
    assert ("Companiganj", "Noakhali") in places and ("Trishal", "Mymensingh") in places
    for o in found["items"]:
        assert o["kind"] == "union" and o["matched"] == "name" and o["area"]["upazila"]["name_bn"]
        assert o["district_id"] == o["area"]["district"]["id"]


def test_an_upazila_or_district_name_finds_its_offices_once(api: Api) -> None:
    _, found = api.call("GET", "/v1/offices?q=Companiganj")
    by_id = {o["office_id"]: o for o in found["items"]}
    assert set(by_id) == {"union-405", "union-2468"}  # one upazila name, two districts
    assert {o["area"]["district"]["name_en"] for o in by_id.values()} == {"Noakhali", "Sylhet"}
    assert {o["matched"] for o in by_id.values()} == {"upazila"}
    _, found = api.call("GET", "/v1/offices?q=দেবিদ্বার")
    assert [o["office_id"] for o in found["items"]] == ["union-1"]
    # Savar: a union and a pourashava named after their upazila; each is listed once, by its name.
    _, found = api.call("GET", "/v1/offices?q=savar")
    assert sorted((o["office_id"], o["matched"]) for o in found["items"]) == [
        ("pourashava-savar", "name"),
        ("union-3271", "name"),
    ]
    # Dhaka: the offices of Dhaka district (the exact name first), and the city corporation by its name.
    _, found = api.call("GET", "/v1/offices?q=Dhaka")
    assert [(o["office_id"], o["matched"]) for o in found["items"]] == [
        ("pourashava-savar", "district"),
        ("union-3271", "district"),
        ("cc-dhaka-north", "name"),
    ]


def test_filters_narrow_a_name_search_without_empty_pages(api: Api) -> None:
    found = pages(api, "q=Dhaka&kind=pourashava", 1)
    assert [[o["office_id"] for o in p["items"]] for p in found] == [["pourashava-savar"]]
    union = next(o for o in pages(api, "q=রামপুর", 5)[0]["items"] if o["office_id"] == "union-4265")
    found = pages(api, f"q=রামপুর&district={union['district_id']}", 1)  # Mymensingh: Trishal and Tarakanda
    assert [[o["office_id"] for o in p["items"]] for p in found] == [["union-4265"], ["union-4326"]]
    _, found = api.call("GET", f"/v1/offices?q=রামপুর&upazila={union['upazila_id']}")
    assert [o["office_id"] for o in found["items"]] == ["union-4265"]


def test_a_cursor_of_another_search_is_refused(api: Api) -> None:
    _, first = api.call("GET", "/v1/offices?q=Rampur&limit=1")
    status, problem = api.call("GET", f"/v1/offices?q=Ramz&limit=1&cursor={first['next_cursor']}")
    assert status == 400 and problem["code"] == "invalid_cursor"
    forged = {"name_prefix": {"S": "en:ram"}, "name_key": {"S": "zzz"}}
    token = base64.urlsafe_b64encode(json.dumps(forged).encode()).decode().rstrip("=")
    assert api.call("GET", f"/v1/offices?q=Rampur&cursor={token}")[0] == 400


@pytest.mark.parametrize("q", ["ক" * 101, "ab", "র", "--", "\u200c\u200cর"])
def test_a_query_too_long_or_too_short_is_a_422(api: Api, q: str) -> None:
    status, problem = api.call("GET", f"/v1/offices?q={q}")
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["q"], problem


def test_a_renamed_office_is_found_by_its_new_name_only(api: Api) -> None:
    record = OfficeRecord.get("union-405")
    office_repo.update_fields(record, {"name_en": "Rampur Char", "name_bn": "রামপুর চর"})
    _, found = api.call("GET", "/v1/offices?q=রামপুর-চর")
    assert [o["office_id"] for o in found["items"]] == ["union-405"]
    _, found = api.call("GET", "/v1/offices?q=Rampur")
    names = [o["name_en"] for o in found["items"]]
    assert names.count("Rampur Char") == 1 and len(names) == 5  # the old row is gone, not doubled
    assert names[-1] == "Rampur Char"  # exact names first
    replaced = OfficeRecord.get("union-506")
    replaced.name_en = "Rampur Bazar"
    office_repo.put(replaced)  # replaced whole: likewise
    _, found = api.call("GET", "/v1/offices?q=Rampur")
    assert [o["name_en"] for o in found["items"]] == ["Rampur", "Rampur", "Rampur", "Rampur Bazar", "Rampur Char"]


def test_offices_stored_before_the_search_rows_are_backfilled(api: Api) -> None:
    from chalicelib.adapters.tables import OfficeSearchRow
    from ops import office_search

    with OfficeSearchRow.batch_write() as rows:
        for row in OfficeSearchRow.scan():
            rows.delete(row)
    assert api.call("GET", "/v1/offices?q=Subil")[1]["items"] == []
    assert office_search.backfill(page=3) == 10
    assert [o["office_id"] for o in api.call("GET", "/v1/offices?q=Subil")[1]["items"]] == ["union-1"]


def received(office_id: str, type_code: str, n: int, start: int = 0) -> int:
    """`n` new applications of a type reach the case stream consumer (as the stream delivers them)."""
    records = []
    for i in range(start, start + n):
        image = {
            "case_id": {"S": f"{type_code}{i}"},
            "version": {"N": "1"},
            "status": {"S": "submitted"},
            "office_id": {"S": office_id},
            "type_code": {"S": type_code},
            "created_at": {"S": "2026-12-01T10:00:00Z"},
            "updated_at": {"S": "2026-12-01T10:00:00Z"},
        }
        records.append({"dynamodb": {"NewImage": image}})
    return statistics.on_case_changes(case_changes(records))


def test_the_office_lists_its_most_requested_types_first(api: Api) -> None:
    assert "type_code" in CaseRecord.get_attributes()  # what the stream consumer counts by
    _, office = api.call("GET", "/v1/offices/union-1")
    assert office["popular"] == list(COMMONLY_REQUESTED)  # nothing counted yet: the common ones
    assert received("union-1", "death", 5) == 5
    received("union-1", "farmer", MIN_CASES)
    received("union-1", "warish", MIN_CASES + 1)
    received("union-1", "landless", MIN_CASES - 1)  # too few to show
    received("union-3271", "solvency", 9)  # another office's counts stay there
    assert received("union-1", "farmer", 1) == 0  # a redelivered change counts once
    _, office = api.call("GET", "/v1/offices/union-1")
    assert office["popular"] == list(COMMONLY_REQUESTED)  # the container keeps it a few minutes
    resources.reset_process_caches()
    _, office = api.call("GET", "/v1/offices/union-1")
    assert office["popular"][:3] == ["death", "warish", "farmer"]
    assert "landless" not in office["popular"] and "solvency" not in office["popular"]
    _, charter = api.call("GET", "/v1/offices/union-1/charter")
    assert charter["office"]["popular"] == office["popular"]
    # The queue's status counts are untouched by the per-type rows beside them.
    assert statistics.office_counts("union-1") == {"submitted": 5 + MIN_CASES + MIN_CASES + 1 + MIN_CASES - 1}


def test_a_query_that_normalises_past_a_sort_key_is_a_422(api: Api) -> None:
    """NFKC turns one ﷺ into 18 letters: 100 of them would be a 3,300-byte key, past DynamoDB's
    1,024-byte sort key (a 500 in the cloud, where moto answers 200)."""
    status, problem = api.call("GET", "/v1/offices?q=" + urllib.parse.quote("ﷺ" * 100))
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["q"], problem
