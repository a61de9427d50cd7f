"""Every revenue route called with bad input or by the wrong person (DESIGN §8): a 4xx problem with
its title and its detail in English and in Bengali (`title`/`title_bn`, `detail`/`detail_bn`, and
`message_bn` for each field), saying who may or what is owed rather than an operation's name, and
nothing written."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from chalicelib.adapters import ledger
from tests.integration.conftest import Api
from tests.integration.test_revenue_payments import OFFICE, OTHER_PHONE, _staff, world  # noqa: F401 - the fixture

BENGALI = re.compile(r"[\u0980-\u09ff]")
FY = "2026-27"
SCHEDULE = f"/v1/offices/{OFFICE}/tax-schedules/{FY}"
RUNS = f"/v1/offices/{OFFICE}/demand-runs"
PAY, ADJUST = "/v1/holdings/{h}/payments", "/v1/holdings/{h}/adjustments"


def _pay(method: str, amount: int) -> dict[str, Any]:
    return {"method": method, "amount": amount}


def _adjust(reason_code: str, amount: int) -> dict[str, Any]:
    return {"reason_code": reason_code, "amount": amount, "note": "flood"}


# (method, path ({h}: the seeded holding), body, who, status, code, words the English detail has)
# fmt: off
CASES: list[tuple[str, str, Any, str, int, str, str]] = [
    ("POST", f"/v1/offices/{OFFICE}/holdings", {}, "assessor", 422, "validation_failed", "field"),
    ("POST", f"/v1/offices/{OFFICE}/holdings", {}, "collector", 403, "forbidden", "assessor"),
    ("GET", f"/v1/offices/{OFFICE}/holdings?ward=abc", None, "collector", 422, "validation_failed", ""),
    ("GET", f"/v1/offices/{OFFICE}/holdings", None, "owner", 403, "forbidden", "revenue officials"),
    ("GET", "/v1/holdings/H0000000000000000", None, "collector", 404, "not_found", "holding"),
    ("PATCH", "/v1/holdings/{h}", {"ward": 2}, "assessor", 422, "validation_failed", ""),
    ("PATCH", "/v1/holdings/{h}", {"ward": 2, "version": 1}, "collector", 403, "forbidden", "assessor"),
    ("GET", "/v1/holdings/{h}/history", None, "stranger", 404, "not_found", "holding"),
    ("GET", "/v1/me/holdings", None, "collector", 403, "forbidden", "citizen"),
    ("GET", "/v1/holdings/{h}/dues", None, "stranger", 404, "not_found", "holding"),
    ("POST", "/v1/holdings/{h}/bills", None, "stranger", 404, "not_found", "holding"),
    ("GET", "/v1/bills/B-nope", None, "owner", 404, "not_found", "bill"),
    ("GET", "/v1/bills/B-nope/notice", None, "owner", 404, "not_found", "bill"),
    ("POST", PAY, _pay("cash", 5_000), "collector", 422, "below_minimum_payment", "Tk 100.00"),
    ("POST", PAY, _pay("cash", 26_501), "collector", 422, "payment_exceeds_due", "Tk 265.00"),
    ("POST", PAY, _pay("sslcommerz", 5_000), "owner", 422, "below_minimum_payment", "Tk 265.00"),
    ("POST", PAY, _pay("cash", 10_000), "owner", 403, "forbidden", "tax collector"),
    ("POST", PAY, _pay("sslcommerz", 10_000), "collector", 403, "forbidden", "owners"),
    ("POST", PAY, _pay("cheque", 10_000), "collector", 422, "validation_failed", ""),
    ("POST", PAY, _pay("cash", 0), "collector", 422, "validation_failed", ""),
    ("POST", ADJUST, _adjust("waiver", 100), "collector", 403, "forbidden", "head"),
    ("POST", ADJUST, _adjust("kindness", 100), "approver", 422, "validation_failed", ""),
    ("POST", ADJUST, _adjust("waiver", 99_999), "approver", 422, "invalid_adjustment", "Tk 265.00"),
    ("GET", "/v1/receipts/NOSUCH", None, "owner", 404, "not_found", "receipt"),
    ("GET", "/v1/receipts/NOSUCH/pdf", None, "owner", 404, "not_found", "receipt"),
    ("POST", "/v1/receipts/NOSUCH/cancel", {"reason": "wrong holding"}, "approver", 404, "not_found", "receipt"),
    ("GET", "/v1/holdings/{h}/assessment", None, "stranger", 403, "forbidden", "owners"),
    ("GET", f"/v1/offices/{OFFICE}/tax-schedules/2026", None, "", 422, "validation_failed", ""),
    ("GET", f"/v1/offices/no-such-office/tax-schedules/{FY}", None, "", 404, "not_found", "office"),
    ("PUT", SCHEDULE, {"office_kind": "pourashava"}, "collector", 403, "forbidden", "admin"),
    ("PUT", SCHEDULE, {"office_kind": "union"}, "office_admin", 422, "validation_failed", ""),
    ("POST", RUNS, {"fiscal_year": FY}, "collector", 403, "forbidden", "assessor"),
    ("POST", RUNS, {"fiscal_year": "next"}, "assessor", 422, "validation_failed", ""),
    ("GET", RUNS + "/R0000000000000000", None, "owner", 403, "forbidden", "revenue officials"),
    ("GET", RUNS + "/R0000000000000000", None, "collector", 404, "not_found", "demand run"),
    ("GET", f"/v1/offices/{OFFICE}/collections", None, "owner", 403, "forbidden", "revenue officials"),
    ("GET", f"/v1/offices/{OFFICE}/collections?date=7-12-2026", None, "collector", 422, "validation_failed", ""),
    ("GET", f"/v1/offices/{OFFICE}/defaulters", None, "owner", 403, "forbidden", "revenue officials"),
    ("GET", "/v1/stats/revenue?fiscal_year=26-27", None, "lgd", 422, "validation_failed", ""),
    ("POST", PAY, "not json", "collector", 400, "malformed_json", "JSON"),
]
# fmt: on


def _bengali(text: Any) -> bool:
    return isinstance(text, str) and bool(BENGALI.search(text))


def _says_it_in_both_languages(problem: dict[str, Any]) -> None:
    assert problem["title"] and _bengali(problem["title_bn"]), problem
    assert problem["detail"] and _bengali(problem.get("detail_bn")), problem
    for error in problem.get("errors", []):
        assert error["message"] and _bengali(error.get("message_bn")), problem


@pytest.fixture()
def people(api: Api, world: dict[str, Any]) -> dict[str, str]:  # noqa: F811 - the fixture imported above
    return {
        **{k: world[k] for k in ("owner", "collector", "approver")},
        "assessor": _staff(api, OFFICE, "assessor")[1],
        "office_admin": api.staff_token(OFFICE, "office_admin"),
        "stranger": api.citizen_token(OTHER_PHONE, papers=False),
        "lgd": api.staff_token("lgd", "monitor"),
        "": "",
        "h": world["holding"].holding_id,
    }


def test_each_refusal_is_a_problem_in_english_and_bengali_and_writes_nothing(api: Api, people: dict[str, str]) -> None:
    h = people["h"]
    for method, path, body, who, status, code, words in CASES:
        url = path.replace("{h}", h)
        if isinstance(body, str):
            headers = {"Content-Type": "application/json", "Authorization": f"Bearer {people[who]}"}
            answer = getattr(api.c.http, method.lower())(url, headers=headers, body=body)
            got, problem = answer.status_code, json.loads(answer.body)
        else:
            got, problem = api.call(method, url, body, people[who] or None)
        assert (got, problem.get("code")) == (status, code), (method, url, who, problem)
        _says_it_in_both_languages(problem)
        assert words.lower() in problem["detail"].lower() or any(
            words in e["message"] for e in problem.get("errors", [])
        ), (method, url, problem)
        assert "." not in problem["detail"].split(" ")[0] and ": not for this caller" not in problem["detail"]
    assert [e.ref for e in ledger.events(h)] == ["seed"]  # no refusal wrote to the ledger


def test_a_cancelled_receipt_and_a_stale_edit_say_so_in_both_languages(api: Api, people: dict[str, str]) -> None:
    h = people["h"]
    status, receipt = api.call("POST", PAY.replace("{h}", h), _pay("cash", 10_000), people["collector"])
    assert status == 201, receipt
    cancel = f"/v1/receipts/{receipt['receipt_no']}/cancel"
    assert api.call("POST", cancel, {"reason": "wrong holding"}, people["approver"])[0] == 200
    status, problem = api.call("POST", cancel, {"reason": "again"}, people["approver"])
    assert (status, problem["code"]) == (409, "receipt_cancelled")
    _says_it_in_both_languages(problem)
    status, problem = api.call("PATCH", f"/v1/holdings/{h}", {"ward": 2, "version": 99}, people["assessor"])
    assert (status, problem["code"]) == (409, "account_changed"), problem
    _says_it_in_both_languages(problem)


def test_a_receipt_not_signed_yet_verifies_as_being_signed_not_as_unknown(api: Api, people: dict[str, str]) -> None:
    """The signed copy is made from the revenue stream (decision 69), which no pump runs here."""
    status, receipt = api.call("POST", PAY.replace("{h}", people["h"]), _pay("cash", 10_000), people["collector"])
    assert status == 201, receipt
    status, problem = api.call("GET", f"/v1/verify/{receipt['receipt_no']}")
    assert (status, problem["code"]) == (404, "receipt_being_signed"), problem
    _says_it_in_both_languages(problem)
    page = api.c.http.get(f"/v1/verify/{receipt['receipt_no']}", headers={"Accept": "text/html"})
    assert page.status_code == 404 and "রসিদটি স্বাক্ষর করা হচ্ছে" in page.body.decode()
    status, problem = api.call("GET", "/v1/verify/SS-2026-0000-0000")
    assert status == 404 and problem["code"] == "not_found"
