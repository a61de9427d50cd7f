"""An owner's objection to an assessment (decision 71): filed naming a holding of the office and a
fiscal year, reviewed by the office's assessor (a union's secretary) with the annual value decided,
which replaces the holding's assessment with `source: review`; the head then approves the letter."""

from __future__ import annotations

from chalicelib.adapters import assessments
from chalicelib.domain.access import ASSESSOR, case_relations
from chalicelib.domain.actors import Actor
from chalicelib.domain.workflow import CaseRef
from tests.integration.conftest import Api
from tests.integration.flows import application
from tests.integration.revenue_seed import seed_holding

OFFICE = "union-1"
FIELDS = {"holding_number": "৭/ক", "fiscal_year": "2026-27", "grounds_bn": "ভবনের দ্বিতীয় তলা ভাড়া নয়, মালিক নিজে থাকেন।"}


def test_an_objection_reviewed_replaces_the_assessment(api: Api) -> None:
    holding = seed_holding(OFFICE, number="7-ক")
    before = assessments.StoredAssessment(
        holding.holding_id, "2026-27", "2030-31", 9_600_000, {"holding_tax": 672_000}, {"floors": 1}
    )
    assessments.row_of(before, OFFICE).save()
    citizen = api.citizen_token()

    wrong = application("assessment_objection", {**FIELDS, "holding_number": "999", "fiscal_year": "2026-28"}, OFFICE)
    status, problem = api.call("POST", "/v1/applications", wrong, citizen)
    assert status == 422, problem
    assert {e["field"] for e in problem["errors"]} == {"fields.holding_number", "fields.fiscal_year"}
    status, case = api.call("POST", "/v1/applications", application("assessment_objection", FIELDS, OFFICE), citizen)
    assert status == 201, case
    case_id = case["id"]

    secretary = api.staff_token(OFFICE, "secretary")
    status, body = api.call(
        "POST", f"/v1/applications/{case_id}/actions", {"action": "record_payment", "version": 1}, secretary
    )
    assert status == 200, body
    review = {"action": "review", "version": 2, "note": "দ্বিতীয় তলা মালিকের বসবাস: মান কমানো হলো"}
    status, problem = api.call("POST", f"/v1/applications/{case_id}/actions", review, secretary)
    assert status == 422 and problem["errors"][0]["field"] == "annual_value", problem
    member = api.staff_token(OFFICE, "ward_member", 1)
    assert api.call("POST", f"/v1/applications/{case_id}/actions", {**review, "annual_value": 1}, member)[0] == 403
    status, body = api.call(
        "POST", f"/v1/applications/{case_id}/actions", {**review, "annual_value": 7_200_000}, secretary
    )
    assert status == 200 and body["status"] == "office_verified", body

    after = assessments.latest(holding.holding_id, "2026-27")
    assert after is not None and after.source == "review" and after.case_id == case_id
    assert after.annual_value == 7_200_000 and after.until_year == "2030-31"
    assert after.history and after.history[0]["annual_value"] == 9_600_000
    status, detail = api.call("GET", f"/v1/applications/{case_id}", token=secretary)
    assert detail["fields"]["review"]["annual_value"] == 7_200_000
    assert any(e["action"] == "review" and e.get("note") == review["note"] for e in detail["timeline"]), detail
    signatory = api.staff_token(OFFICE, "signatory")
    status, body = api.call(
        "POST", f"/v1/applications/{case_id}/actions", {"action": "approve", "version": 3}, signatory
    )
    assert status == 200 and body["status"] == "approved", body


def test_an_assessor_reads_objections_only() -> None:
    assessor = Actor(kind="staff", id="pourashava-savar.assessor", role="assessor", office_id="pourashava-savar")
    ref = CaseRef("submitted", "pourashava-savar", 1, "c1", "objection", "head")
    assert case_relations(assessor, ref) == {ASSESSOR}
    assert case_relations(assessor, CaseRef("submitted", "pourashava-savar", 1, "c1", "standard", "head")) == set()
    assert case_relations(assessor, CaseRef("submitted", "cc-dhaka-north", 1, "c1", "objection", "head")) == set()


def test_only_an_owner_objects_to_a_holdings_assessment(api: Api) -> None:
    seed_holding(OFFICE, number="7-ক")  # owned by the demo citizen 01711000001
    stranger, objection = api.citizen_token("01811000002"), application("assessment_objection", FIELDS, OFFICE)
    status, problem = api.call("POST", "/v1/applications", objection, stranger)
    assert status == 422 and problem["errors"][0]["field"] == "fields.holding_number", problem
    assert problem["errors"][0]["message_bn"]
    owner = api.citizen_token()
    status, case = api.call("POST", "/v1/applications", objection, owner)
    assert status == 201, case
