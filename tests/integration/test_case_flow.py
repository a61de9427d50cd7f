"""The whole case flow over HTTP: apply, pay at the counter, ward, office, signatory; and the
refusals on the way (wrong ward, wrong office, wrong role, stale version, illegal move)."""

from __future__ import annotations

from typing import Any

from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application


def act(api: Api, token: str, case: dict[str, Any], action: str, note: str | None = None) -> tuple[int, Any]:
    body: dict[str, Any] = {"action": action, "version": case["version"]}
    if note:
        body["note"] = note
    return api.call("POST", f"/v1/applications/{case['id']}/actions", body, token)


def test_citizen_applies_and_officials_approve(api: Api) -> None:
    citizen = api.citizen_token()
    status, case = api.call("POST", "/v1/applications", application("citizenship", HOLDER), citizen)
    assert status == 201, case
    assert case["status"] == "awaiting_payment"
    assert case["fee"]["platform_fee"] == 3000 and case["fee"]["total"] == case["fee"]["office_fee"] + 3000
    assert case["tracking_no"].replace("-", "") == case["id"]

    secretary = api.staff_token("union-1", "secretary")
    ward1 = api.staff_token("union-1", "ward_member", 1)
    ward2 = api.staff_token("union-1", "ward_member", 2)
    chairman = api.staff_token("union-1", "signatory")
    other_office = api.staff_token("union-3271", "secretary")

    assert act(api, ward1, case, "record_payment")[0] == 403  # a ward member does not take fees
    status, case = act(api, secretary, case, "record_payment", "cash at the counter, receipt 17")
    assert status == 200 and case["status"] == "submitted", case

    assert act(api, ward2, case, "ward_verify")[0] == 404  # another ward's member cannot even see it
    assert act(api, other_office, case, "verify")[0] == 404  # another office cannot even see it
    assert act(api, chairman, case, "approve")[0] == 409  # the chairman's turn has not come
    status, case = act(api, ward1, case, "ward_verify")
    assert status == 200 and case["status"] == "ward_verified"
    assert act(api, ward1, case, "ward_verify")[0] == 409  # already done: illegal from here

    status, case = act(api, secretary, case, "verify")
    assert status == 200 and case["status"] == "office_verified"
    stale = dict(case, version=case["version"] - 1)
    status, problem = act(api, chairman, stale, "approve")
    assert status == 409 and problem["code"] == "stale_version"
    status, case = act(api, chairman, case, "approve")
    assert status == 200 and case["status"] == "approved"

    status, detail = api.call("GET", f"/v1/applications/{case['id']}", token=citizen)
    assert status == 200
    assert [e["action"] for e in detail["timeline"]] == ["apply", "record_payment", "ward_verify", "verify", "approve"]
    assert [e["seq"] for e in detail["timeline"]] == [1, 2, 3, 4, 5]
    assert detail["version"] == 5 and detail["actions"] == []
    assert detail["fields"]["holder_nid"] == HOLDER["holder_nid"]

    status, mine = api.call("GET", "/v1/applications", token=citizen)
    assert status == 200 and [c["id"] for c in mine["items"]] == [case["id"]]
    other_citizen = api.citizen_token("01911000009")
    assert api.call("GET", f"/v1/applications/{case['id']}", token=other_citizen)[0] == 404


def test_reject_needs_a_reason_and_changes_go_back_to_the_citizen(api: Api) -> None:
    citizen = api.citizen_token()
    secretary = api.staff_token("union-1", "secretary")
    _, case = api.call("POST", "/v1/applications", application("citizenship", HOLDER), citizen)
    _, case = act(api, secretary, case, "record_payment")
    status, problem = act(api, secretary, case, "reject")
    assert status == 422 and problem["errors"][0]["field"] == "note"
    status, case = act(api, secretary, case, "request_changes", "father's name differs from the NID")
    assert status == 200 and case["status"] == "changes_requested"
    status, case = api.call(
        "POST",
        f"/v1/applications/{case['id']}/actions",
        {"action": "resubmit", "version": case["version"], "fields": {**HOLDER, "father_name_bn": "মোঃ আব্দুর রহিম মিয়া"}},
        citizen,
    )
    assert status == 200 and case["status"] == "submitted", case
    status, case = act(api, secretary, case, "reject", "papers are not genuine")
    assert status == 200 and case["status"] == "rejected"
    assert act(api, citizen, case, "cancel")[0] == 409


def test_office_queue_pages_by_status_type_and_ward(api: Api) -> None:
    citizen = api.citizen_token()
    ids = []
    for ward in (1, 1, 2):
        status, case = api.call("POST", "/v1/applications", application("character", HOLDER, ward=ward), citizen)
        assert status == 201, case
        ids.append(case["id"])
    secretary = api.staff_token("union-1", "secretary")
    seen: list[str] = []
    cursor = None
    for _ in range(5):
        path = "/v1/offices/union-1/applications?status=awaiting_payment&limit=2" + (
            f"&cursor={cursor}" if cursor else ""
        )
        status, page = api.call("GET", path, token=secretary)
        assert status == 200, page
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(ids)
    ward2 = api.staff_token("union-1", "ward_member", 2)
    status, page = api.call("GET", "/v1/offices/union-1/applications?status=awaiting_payment", token=ward2)
    assert status == 200 and [c["id"] for c in page["items"]] == [ids[2]]
    assert api.call("GET", "/v1/offices/union-1/applications?ward=1", token=ward2)[0] == 403
    # the ward in any digit script, as on main (int_param); the contract's check must not refuse it first
    assert api.call("GET", "/v1/offices/union-1/applications?ward=%E0%A7%A7", token=secretary)[0] == 200
    assert api.call("GET", "/v1/offices/union-1/applications?ward=abc", token=secretary)[0] == 422
    status, page = api.call(
        "GET", "/v1/offices/union-1/applications?status=awaiting_payment&type=citizenship", token=secretary
    )
    assert status == 200 and page["items"] == []
    assert api.call("GET", "/v1/offices/union-3271/applications", token=secretary)[0] == 403
    assert api.call("GET", "/v1/offices/union-1/applications", token=citizen)[0] == 403
    status, problem = api.call("GET", "/v1/offices/union-1/applications?cursor=bm9wZQ", token=secretary)
    assert status == 400 and problem["code"] == "invalid_cursor"


def test_monitors_see_no_personal_data(api: Api) -> None:
    citizen = api.citizen_token()
    _, case = api.call("POST", "/v1/applications", application("citizenship", HOLDER), citizen)
    monitor = api.staff_token("lgd", "monitor")
    assert api.call("GET", f"/v1/applications/{case['id']}", token=monitor)[0] == 404
    assert api.call("GET", "/v1/offices/union-1/applications", token=monitor)[0] == 403


def test_office_overrides_fee_sla_and_signatory(api: Api) -> None:
    from chalicelib.adapters import offices
    from chalicelib.adapters.tables import OfficeRecord

    office = OfficeRecord.get("union-1")
    office.overrides = {"citizenship": {"fee_poisha": 7500, "sla_days": 1, "signatory": "ward"}}
    offices.put(office)
    _, charter = api.call("GET", "/v1/offices/union-1/charter")
    row = next(r for r in charter["items"] if r["type"] == "citizenship")
    assert row["fee"]["office_fee"] == 7500 and row["fee"]["total"] == 10500 and row["sla_days"] == 1
    assert row["signatory"] == "ward_member"
    citizen = api.citizen_token()
    _, case = api.call("POST", "/v1/applications", application("citizenship", HOLDER), citizen)
    assert case["fee"]["total"] == 10500
    secretary = api.staff_token("union-1", "secretary")
    ward1 = api.staff_token("union-1", "ward_member", 1)
    chairman = api.staff_token("union-1", "signatory")
    for token, action in ((secretary, "record_payment"), (ward1, "ward_verify"), (secretary, "verify")):
        _, case = act(api, token, case, action)
    assert act(api, chairman, case, "approve")[0] == 403  # this office has its ward member sign
    status, case = act(api, ward1, case, "approve")
    assert status == 200 and case["status"] == "approved"
