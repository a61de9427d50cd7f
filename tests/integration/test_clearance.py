"""Clearance (decision 71): where an office requires a paid-up holding for a type, the application
names one of its holdings, and the office's verification waits until the holding owes nothing due."""

from __future__ import annotations

from chalicelib.adapters import ledger
from chalicelib.domain.revenue.ledger import Posting, PostingKind
from chalicelib.domain.revenue.lines import DemandLine, LineKind
from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application
from tests.integration.revenue_seed import seed_holding, seed_lines

OFFICE = "pourashava-savar"


def test_verification_waits_for_a_paid_up_holding(api: Api) -> None:
    admin = api.staff_token(OFFICE, "office_admin")
    status, body = api.call(
        "PUT", f"/v1/offices/{OFFICE}/settings", {"overrides": {"character": {"clearance": "yes"}}}, admin
    )
    assert status == 422 and body["errors"][0]["field"] == "overrides.character.clearance", body
    status, body = api.call(
        "PUT", f"/v1/offices/{OFFICE}/settings", {"overrides": {"character": {"clearance": True}}}, admin
    )
    assert status == 200, body

    holding = seed_holding(OFFICE, ward=1, number="১২/৩")
    line = DemandLine(
        "2025-26#holding_tax#4",
        holding.holding_id,
        "2025-26",
        "holding_tax",
        4,
        "2026-06-30",
        40_000,
        0,
        LineKind.ARREAR,
    )
    account = seed_lines(holding, (line,))
    citizen = api.citizen_token()

    body = application("character", HOLDER, office_id=OFFICE)
    status, problem = api.call("POST", "/v1/applications", body, citizen)
    assert status == 422 and problem["errors"][0]["field"] == "holding_number", problem
    assert problem["errors"][0]["message_bn"]
    other = seed_holding("cc-dhaka-north", number="12/3")
    status, problem = api.call("POST", "/v1/applications", {**body, "holding_id": other.holding_id}, citizen)
    assert status == 422, problem
    status, case = api.call("POST", "/v1/applications", {**body, "holding_number": "12-3"}, citizen)
    assert status == 201, case
    case_id = case["id"]

    secretary = api.staff_token(OFFICE, "secretary")
    steps = ((secretary, "record_payment", 1), (api.staff_token(OFFICE, "ward_member", 1), "ward_verify", 2))
    for token, action, version in steps:
        status, moved = api.call(
            "POST", f"/v1/applications/{case_id}/actions", {"action": action, "version": version}, token
        )
        assert status == 200, moved
    status, detail = api.call("GET", f"/v1/applications/{case_id}", token=secretary)
    assert detail["clearance"] == {"holding_id": holding.holding_id, "number": "১২/৩", "due": 40_000, "paid_up": False}
    verify = {"action": "verify", "version": 3}
    status, problem = api.call("POST", f"/v1/applications/{case_id}/actions", verify, secretary)
    assert status == 409 and problem["code"] == "holding_dues_owed", problem
    assert problem["title_bn"] and problem["due"] == 40_000

    paid = ledger.PostingEvent(
        "cash-1",
        "2026-12-01T04:00:00+00:00",
        "collector",
        (Posting(PostingKind.PAYMENT, line.line_id, 40_000, "cash-1"),),
    )
    ledger.commit(ledger.LedgerWrite(account, (DemandLine(**{**line.__dict__, "paid": 40_000}),), 0, paid))
    status, moved = api.call("POST", f"/v1/applications/{case_id}/actions", verify, secretary)
    assert status == 200 and moved["status"] == "office_verified", moved
