"""Required papers are enforced (issue 12, item 2; decision 46): a case may be created with a paper
missing, but it cannot be paid for, recorded as paid in cash, submitted from a draft or resubmitted
until each required paper is attached or waived by the secretary with a note."""

from __future__ import annotations

from typing import Any

from local import stack as local_stack
from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application, papers_for
from tests.integration.live import http, login, sign_in
from tests.integration.test_race import race

PHOTO_BN = "সদ্য তোলা পাসপোর্ট সাইজের রঙিন ছবি"


def _without_photo(**extra: Any) -> dict[str, Any]:
    body = application("character", HOLDER, papers=False)
    body["papers"] = {k: v for k, v in papers_for("character").items() if k != "photo"}
    return {**body, **extra}


def _act(api: Api, token: str, case: dict[str, Any], action: str, note: str | None = None) -> tuple[int, Any]:
    body: dict[str, Any] = {"action": action, "version": case["version"]}
    if note:
        body["note"] = note
    return api.call("POST", f"/v1/applications/{case['id']}/actions", body, token)


def _waiver(case_id: str, code: str = "photo") -> str:
    return f"/v1/applications/{case_id}/papers/{code}/waiver"


def _missing_photo(problem: dict[str, Any]) -> None:
    assert problem["status"] == 422 and problem["code"] == "validation_failed", problem
    [error] = problem["errors"]
    assert error["field"] == "papers.photo"
    assert "passport-size" in error["message"] and PHOTO_BN in error["message_bn"]


def test_a_case_without_its_photo_is_never_paid_for_nor_submitted(api: Api) -> None:
    citizen = api.citizen_token()
    secretary = api.staff_token("union-1", "secretary")
    status, case = api.call("POST", "/v1/applications", _without_photo(), citizen)
    assert status == 201 and case["status"] == "awaiting_payment", case
    _, detail = api.call("GET", f"/v1/applications/{case['id']}", token=citizen)
    states = {p["code"]: p["state"] for p in detail["papers_status"]}
    assert states == {"nid_or_brn_copy": "attached", "photo": "missing", "holding_tax_receipt": "missing"}
    assert "url" not in detail["papers_status"][0]  # the applicant gets no links, as before

    status, problem = api.call("POST", f"/v1/applications/{case['id']}/payment", {"method": "sslcommerz"}, citizen)
    _missing_photo(problem)  # the checkout never opens: no money for a case that would be refused
    status, problem = _act(api, secretary, case, "record_payment", "cash at the counter")
    _missing_photo(problem)
    _, after = api.call("GET", f"/v1/applications/{case['id']}", token=citizen)
    assert after["status"] == "awaiting_payment" and after["version"] == 1 and after["payment"] is None

    status, draft = api.call("POST", "/v1/applications", _without_photo(draft=True), citizen)
    assert status == 201 and draft["status"] == "draft"
    status, problem = _act(api, citizen, draft, "submit")
    _missing_photo(problem)

    status, whole = api.call("POST", "/v1/applications", application("character", HOLDER, ward=2), citizen)
    assert status == 201
    status, paid = _act(api, secretary, whole, "record_payment", "cash at the counter")
    assert status == 200 and paid["status"] == "submitted", paid


def test_the_secretary_waives_a_paper_with_a_note_and_it_no_longer_blocks(api: Api) -> None:
    citizen = api.citizen_token()
    secretary = api.staff_token("union-1", "secretary")
    _, case = api.call("POST", "/v1/applications", _without_photo(), citizen)
    assert api.call("POST", _waiver(case["id"]), {}, secretary)[0] == 422  # the note is required
    status, waived = api.call("POST", _waiver(case["id"]), {"note": "photo seen at the counter"}, secretary)
    assert status == 200 and waived["version"] == 2 and waived["status"] == "awaiting_payment", waived
    photo = next(p for p in waived["papers_status"] if p["code"] == "photo")
    assert photo["state"] == "waived" and photo["waiver"]["note"] == "photo seen at the counter"
    assert photo["waiver"]["by"] == {"role": "secretary"}

    again = api.call("POST", _waiver(case["id"]), {"note": "twice"}, secretary)
    assert again[0] == 200 and again[1]["version"] == 2  # idempotent: nothing new

    _, detail = api.call("GET", f"/v1/applications/{case['id']}", token=citizen)
    event = detail["timeline"][-1]
    assert (event["action"], event["paper"], event["note"]) == ("waive_paper", "photo", "photo seen at the counter")
    assert event["by"]["role"] == "secretary" and event["from"] == event["to"] == "awaiting_payment"
    assert [e["action"] for e in detail["timeline"]] == ["apply", "waive_paper"]
    assert "waive_paper" not in detail["actions"]  # a citizen may not

    status, paid = _act(api, secretary, detail, "record_payment", "cash at the counter")
    assert status == 200 and paid["status"] == "submitted", paid


def test_only_the_secretary_of_the_office_waives_and_only_a_missing_required_paper(api: Api) -> None:
    citizen = api.citizen_token()
    _, case = api.call("POST", "/v1/applications", _without_photo(), citizen)
    note = {"note": "no photo"}
    assert api.call("POST", _waiver(case["id"]), note, citizen)[0] == 403
    assert api.call("POST", _waiver(case["id"]), note, api.staff_token("union-1", "ward_member", 1))[0] == 403
    assert api.call("POST", _waiver(case["id"]), note, api.staff_token("union-1", "ward_member", 2))[0] in (403, 404)
    assert api.call("POST", _waiver(case["id"]), note, api.staff_token("union-1", "signatory"))[0] == 403
    assert api.call("POST", _waiver(case["id"]), note, api.staff_token("union-3271", "secretary"))[0] == 404
    secretary = api.staff_token("union-1", "secretary")
    assert api.call("POST", _waiver(case["id"], "nid_or_brn_copy"), note, secretary)[1]["code"] == "paper_attached"
    assert api.call("POST", _waiver(case["id"], "holding_tax_receipt"), note, secretary)[0] == 404  # optional
    assert api.call("POST", _waiver(case["id"], "passport"), note, secretary)[0] == 404
    assert api.call("POST", _waiver(case["id"], "PHOTO!"), note, secretary)[0] == 404
    through_actions = {"action": "waive_paper", "version": 1, "note": "no photo"}
    assert api.call("POST", f"/v1/applications/{case['id']}/actions", through_actions, secretary)[0] == 422
    _, detail = api.call("GET", f"/v1/applications/{case['id']}", token=citizen)
    assert detail["version"] == 1 and [e["action"] for e in detail["timeline"]] == ["apply"]


def test_two_waivers_at_once_record_one(live: local_stack.Stack) -> None:
    base = live.api_url
    citizen = sign_in(base, "01711000001")
    status, case = http(base, "POST", "/v1/applications", _without_photo(), citizen)
    assert status == 201, case
    secretary = login(base, "union-1.secretary")
    results = race(base, [({"note": f"seen, desk {i}"}, secretary) for i in range(4)], _waiver(case["id"]))
    assert {status for status, _ in results} == {200}, results
    _, detail = http(base, "GET", f"/v1/applications/{case['id']}", token=citizen)
    assert [e["action"] for e in detail["timeline"]] == ["apply", "waive_paper"]
    assert detail["version"] == 2


def test_a_paper_is_attached_only_as_the_kind_it_was_uploaded_as(api: Api) -> None:
    citizen = api.citizen_token()
    sample = papers_for("character")
    swapped = {**application("character", HOLDER, papers=False), "papers": {"photo": sample["nid_or_brn_copy"]}}
    status, problem = api.call("POST", "/v1/applications", swapped, citizen)
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["papers.photo"], problem
