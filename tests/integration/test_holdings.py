"""The holdings register through the API (issue 14 item 1): officials register and edit holdings
(every change on the history), list them by ward, number and owner's name; owners see their own;
nobody else sees any; a number is unique in its office whatever digits it is typed in."""

from __future__ import annotations

import threading
from typing import Any

from tests.integration.conftest import Api

SAVAR = "pourashava-savar"
OWNER = "01711000789"


def holding(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "number": "12/3",
        "ward": 2,
        "village": "ব্যাংক কলোনি",
        "owners": [{"name": "মোঃ রহিম উদ্দিন", "phone": OWNER, "share": "1/2"}, {"name": "Rahima Khatun"}],
        "use": "residential",
        "land_area_sqm": 120,
        "construction_class": "pucca",
        "floors": [
            {"built_area_sqm": 80, "use": "residential", "occupancy": "owner"},
            {"built_area_sqm": 60, "use": "commercial", "occupancy": "rented", "monthly_rent": 1_500_000},
        ],
    }
    return {**body, **changes}


def register(api: Api, token: str, office: str = SAVAR, **changes: Any) -> tuple[int, Any]:
    return api.call("POST", f"/v1/offices/{office}/holdings", holding(**changes), token)


def test_register_read_edit_history(api: Api) -> None:
    assessor = api.staff_token(SAVAR, "assessor")
    status, created = register(api, assessor)
    assert status == 201, created
    assert created["version"] == 1 and created["owners"][0]["phone"] == "8801711000789"
    hid = created["holding_id"]

    status, same = register(api, assessor, number="১২-৩")  # another spelling of one number
    assert status == 409 and same["code"] == "holding_number_taken" and same["title_bn"]

    patch = {"version": 1, "village": "নতুন পাড়া", "ward": 3}
    status, edited = api.call("PATCH", f"/v1/holdings/{hid}", patch, assessor)
    assert status == 200 and edited["version"] == 2 and edited["village"] == "নতুন পাড়া"
    status, stale = api.call("PATCH", f"/v1/holdings/{hid}", {"version": 1, "use": "mixed"}, assessor)
    assert status == 409 and stale["code"] == "account_changed"
    status, bad = api.call("PATCH", f"/v1/holdings/{hid}", {"version": 2, "ward": 999, "use": "x"}, assessor)
    assert status == 422 and {e["field"] for e in bad["errors"]} == {"ward", "use"}

    status, past = api.call("GET", f"/v1/holdings/{hid}/history", token=assessor)
    assert status == 200 and len(past["items"]) == 2
    assert past["items"][0]["changes"] == {
        "ward": {"before": 2, "after": 3},
        "village": {"before": "ব্যাংক কলোনি", "after": "নতুন পাড়া"},
    }
    assert past["items"][0]["by"] == f"{SAVAR}.assessor"

    # the number moves with an edit: the old one is free again, the new one taken
    status, moved = api.call("PATCH", f"/v1/holdings/{hid}", {"version": 2, "number": "12/4"}, assessor)
    assert status == 200 and moved["number"] == "12/4"
    assert register(api, assessor)[0] == 201
    assert register(api, assessor, number="12-4")[0] == 409


def test_bad_body_names_every_field(api: Api) -> None:
    assessor = api.staff_token(SAVAR, "assessor")
    status, body = register(api, assessor, village="", use="palace", owners=[{"name": "A", "phone": "123"}])
    assert status == 422
    assert {e["field"] for e in body["errors"]} == {"village", "use", "owners[0].phone"}
    assert all(e["message_bn"] for e in body["errors"])
    status, listed = api.call("GET", f"/v1/offices/{SAVAR}/holdings", token=assessor)
    assert status == 200 and listed["items"] == []


def test_list_by_ward_number_and_name(api: Api) -> None:
    assessor = api.staff_token(SAVAR, "assessor")
    for number, ward, name in (("7", 1, "Karim Mia"), ("71", 2, "Salma Begum"), ("72", 2, "করিম শেখ"), ("8", 2, "Ali")):
        assert register(api, assessor, number=number, ward=ward, owners=[{"name": name}])[0] == 201
    base = f"/v1/offices/{SAVAR}/holdings"

    def numbers(query: str) -> list[str]:
        status, body = api.call("GET", base + query, token=assessor)
        assert status == 200, body
        return [i["number"] for i in body["items"]]

    assert numbers("") == ["7", "71", "72", "8"]
    assert numbers("?ward=2") == ["71", "72", "8"]
    assert numbers("?q=৭") == ["7", "71", "72"]
    assert numbers("?q=7&ward=2") == ["71", "72"]
    assert numbers("?q=karim") == ["7"]
    assert numbers("?q=করিম") == ["72"]
    assert numbers("?q=karim&ward=2") == []

    first = api.call("GET", base + "?q=7&limit=2", token=assessor)[1]
    assert [i["number"] for i in first["items"]] == ["7", "71"] and first["next_cursor"]
    rest = api.call("GET", base + f"?q=7&limit=2&cursor={first['next_cursor']}", token=assessor)[1]
    assert [i["number"] for i in rest["items"]] == ["72"]
    page = api.call("GET", base + "?limit=3", token=assessor)[1]
    more = api.call("GET", base + f"?limit=3&cursor={page['next_cursor']}", token=assessor)[1]
    assert [i["number"] for i in more["items"]] == ["8"]
    assert api.call("GET", base + "?q=two+words", token=assessor)[0] == 422


def test_owners_see_their_own_and_no_one_else_does(api: Api) -> None:
    assessor = api.staff_token(SAVAR, "assessor")
    hid = register(api, assessor)[1]["holding_id"]
    owner = api.citizen_token(OWNER, papers=False)
    status, mine = api.call("GET", "/v1/me/holdings", token=owner)
    assert status == 200 and [i["holding_id"] for i in mine["items"]] == [hid]
    status, seen = api.call("GET", f"/v1/holdings/{hid}", token=owner)
    assert status == 200 and seen["owners"][0]["phone"] == "01XXXXXX789"
    assert api.call("PATCH", f"/v1/holdings/{hid}", {"version": 1, "use": "mixed"}, owner)[0] == 403
    status, past = api.call("GET", f"/v1/holdings/{hid}/history", token=owner)
    assert status == 200 and past["items"][0]["by"] == ""

    stranger = api.citizen_token("01711000790", papers=False)
    assert api.call("GET", f"/v1/holdings/{hid}", token=stranger)[0] == 404
    assert api.call("GET", "/v1/me/holdings", token=stranger)[1]["items"] == []
    assert api.call("GET", f"/v1/offices/{SAVAR}/holdings", token=stranger)[0] == 403
    assert api.call("GET", "/v1/holdings/not-an-id", token=assessor)[0] == 404

    north = api.staff_token("cc-dhaka-north", "assessor")
    assert api.call("GET", f"/v1/holdings/{hid}", token=north)[0] == 404
    assert api.call("GET", f"/v1/offices/{SAVAR}/holdings", token=north)[0] == 403
    assert register(api, north)[0] == 403

    collector = api.staff_token(SAVAR, "tax_collector")
    assert api.call("GET", f"/v1/holdings/{hid}", token=collector)[0] == 200
    assert api.call("GET", f"/v1/offices/{SAVAR}/holdings", token=collector)[0] == 200
    assert register(api, collector, number="99")[0] == 403
    assert api.call("PATCH", f"/v1/holdings/{hid}", {"version": 1, "use": "mixed"}, collector)[0] == 403


def test_secretaries_union_yes_urban_no(api: Api) -> None:
    union = api.staff_token("union-1", "secretary")
    status, created = register(api, union, office="union-1", ward=1, construction_class="kutcha")
    assert status == 201, created
    urban = api.staff_token(SAVAR, "secretary")
    assert register(api, urban)[0] == 403
    assert api.call("GET", f"/v1/holdings/{created['holding_id']}", token=urban)[0] == 404


def test_two_registrations_of_one_number_race(api: Api) -> None:
    """Two registrations of one number (two spellings) at once: one holding, one 409. Through the
    service in threads: the Chalice test client swaps os.environ per request and is not for threads
    (the API-level races are tests/integration/test_race.py's, on the live stack)."""
    from chalicelib.domain.actors import Actor
    from chalicelib.domain.errors import AppError
    from chalicelib.services import holdings

    assessor = Actor("staff", f"{SAVAR}.assessor", "assessor", SAVAR)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def one(number: str) -> None:
        barrier.wait()
        try:
            holdings.register(assessor, SAVAR, holding(number=number))
            outcomes.append("created")
        except AppError as err:
            outcomes.append(err.code)

    threads = [threading.Thread(target=one, args=(n,)) for n in ("55/1", "৫৫-১")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["created", "holding_number_taken"]
    status, listed = api.call("GET", f"/v1/offices/{SAVAR}/holdings?q=55-1", token=api.staff_token(SAVAR, "assessor"))
    assert status == 200 and len(listed["items"]) == 1


def test_revenue_roles_only_in_urban_offices(api: Api) -> None:
    body = {"role": "assessor", "username": "union-1.assessor2", "password": "a-long-enough-pass-2026"}
    body |= {"name_bn": "কর নির্ধারক", "name_en": "Assessor"}
    admin = api.staff_token("union-1", "office_admin")
    status, refused = api.call("POST", "/v1/offices/union-1/staff", body, admin)
    assert status == 422 and [e["field"] for e in refused["errors"]] == ["role"]
    admin = api.staff_token(SAVAR, "office_admin")
    body |= {"username": f"{SAVAR}.assessor2", "role": "tax_collector"}
    status, made = api.call("POST", f"/v1/offices/{SAVAR}/staff", body, admin)
    assert status == 201 and made["role"] == "tax_collector"
