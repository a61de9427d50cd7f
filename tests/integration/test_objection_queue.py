"""The assessor's queue (decision 73): GET /v1/offices/{id}/applications lists an urban office's
objections to assessments to its assessor, and nothing else: no other type, no other office, no
office-wide counts. The tax collector has no queue; a union's secretary sees objections among the
rest as before. Reviewed from the queue, the objection leaves it."""

from __future__ import annotations

from chalicelib.adapters import assessments
from chalicelib.domain.revenue.assessment import Floor, HoldingFacts, Occupancy, assess
from chalicelib.services.tax_schedules import office_of, schedule_in_force
from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application, give_papers
from tests.integration.revenue_seed import seed_holding

OFFICE = "pourashava-savar"
QUEUE = f"/v1/offices/{OFFICE}/applications"
FIELDS = {"holding_number": "12/3", "fiscal_year": "2026-27", "grounds_bn": "ভাড়ার হিসাব ভুল, নিচতলা মালিকের নিজের।"}


def _paid(api: Api, body: dict[str, object]) -> str:
    """A case filed by the demo citizen and moved past its fee by the office's secretary."""
    status, case = api.call("POST", "/v1/applications", body, api.citizen_token())
    assert status == 201, case
    secretary = api.staff_token(OFFICE, "secretary")
    move = {"action": "record_payment", "version": case["version"]}
    status, moved = api.call("POST", f"/v1/applications/{case['id']}/actions", move, secretary)
    assert status == 200 and moved["status"] == "submitted", moved
    return str(case["id"])


def test_the_assessor_lists_the_offices_objections_only(api: Api) -> None:
    seed_holding(OFFICE, number="12/3")  # owned by the demo citizen
    give_papers("01711000001")
    objection = _paid(api, application("assessment_objection", FIELDS, OFFICE))
    other = _paid(api, application("citizenship", HOLDER, OFFICE))
    assessor = api.staff_token(OFFICE, "assessor")

    status, page = api.call("GET", QUEUE, token=assessor)
    assert status == 200, page
    assert [c["id"] for c in page["items"]] == [objection] and "counts" not in page, page
    status, page = api.call("GET", f"{QUEUE}?type=assessment_objection&status=submitted", token=assessor)
    assert status == 200 and [c["id"] for c in page["items"]] == [objection], page
    status, problem = api.call("GET", f"{QUEUE}?type=citizenship", token=assessor)
    assert status == 403 and problem["title_bn"], problem
    assert api.call("GET", f"/v1/applications/{other}", token=assessor)[0] == 404

    secretary = api.staff_token(OFFICE, "secretary")
    status, page = api.call("GET", f"{QUEUE}?status=submitted", token=secretary)
    assert {objection, other} <= {c["id"] for c in page["items"]} and "counts" in page, page

    for office, role in (("cc-dhaka-north", "assessor"), (OFFICE, "tax_collector")):
        status, problem = api.call("GET", QUEUE, token=api.staff_token(office, role))
        assert status == 403, (office, role, problem)

    review = {"action": "review", "version": 2, "note": "নিচতলা মালিকের: মান কমানো হলো", "annual_value": 4_800_000}
    status, moved = api.call("POST", f"/v1/applications/{objection}/actions", review, assessor)
    assert status == 200 and moved["status"] == "office_verified", moved
    assert api.call("GET", QUEUE, token=assessor)[1]["items"] == []
    status, page = api.call("GET", f"{QUEUE}?status=office_verified", token=assessor)
    assert [c["id"] for c in page["items"]] == [objection], page


def test_a_review_by_revised_facts(api: Api) -> None:
    """The assessor may decide by revised facts (construction class and floors) instead of a value:
    the value is computed from them at the schedule's rates; both at once, or a bad floor, is a 422
    naming the field, and nothing is recorded."""
    rented = (Floor(80, "residential", Occupancy.RENTED, 2_000_000),)
    holding = seed_holding(OFFICE, number="12/3", floors=rented)
    objection = _paid(api, application("assessment_objection", FIELDS, OFFICE))
    assessor, url = api.staff_token(OFFICE, "assessor"), f"/v1/applications/{objection}/actions"
    floor = {"built_area_sqm": 80, "use": "residential", "occupancy": "owner"}
    facts = {"construction_class": "semi_pucca", "floors": [floor]}
    review = {"action": "review", "version": 2, "note": "ভাড়া নয়, মালিক নিজে থাকেন; আধা-পাকা ঘর"}

    status, problem = api.call("POST", url, {**review, "facts": facts, "annual_value": 1}, assessor)
    assert status == 422 and problem["errors"][0]["field"] == "facts", problem
    bad = {**facts, "floors": [{**floor, "occupancy": "rented"}]}
    status, problem = api.call("POST", url, {**review, "facts": bad}, assessor)
    assert status == 422 and problem["errors"][0]["field"] == "facts.floors[0].monthly_rent", problem
    assert problem["errors"][0]["message_bn"]
    assert assessments.latest(holding.holding_id, "2026-27") is None

    status, moved = api.call("POST", url, {**review, "facts": facts}, assessor)
    assert status == 200 and moved["status"] == "office_verified", moved
    schedule = schedule_in_force(office_of(OFFICE), "2026-27")
    expected = assess(HoldingFacts("semi_pucca", (Floor(80, "residential", Occupancy.OWNER),)), schedule)
    after = assessments.latest(holding.holding_id, "2026-27")
    assert after is not None and after.source == "review" and after.annual_value == expected.annual_value
    assert after.inputs["construction_class"] == "semi_pucca" and after.tax == expected.tax
    _, detail = api.call("GET", f"/v1/applications/{objection}", token=assessor)
    assert (
        detail["fields"]["review"]["annual_value"] == expected.annual_value and detail["fields"]["review"]["by_facts"]
    )
