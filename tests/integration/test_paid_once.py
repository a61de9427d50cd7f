"""A case is paid once (issue 11, item 7; decision 44): one open checkout per case, enforced by a
conditional write on the case; money that still arrives twice (an old tab's checkout paid after a
newer one) settles the case once and the rest is refunded by reconciliation, on the case's
timeline; the gateways' public callbacks tell an anonymous caller nothing about the case."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
import urllib.request
from decimal import Decimal
from typing import Any

import pytest

from chalicelib.adapters.tables import Payment
from chalicelib.domain import codes
from local import payment_gateway
from local import stack as local_stack
from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application
from tests.integration.live import http, sign_in
from tests.integration.test_citizen_account import gateway  # noqa: F401 - the simulator, every IPN lost
from tests.integration.test_citizen_journey import open_checkout
from tests.integration.test_race import race

RACERS = 6


@pytest.fixture()
def simulator(gateway: payment_gateway.SimulatorHandle) -> payment_gateway.SimulatorHandle:  # noqa: F811
    """The SSLCommerz simulator; every IPN it sends is lost (reconciliation, or the test, settles)."""
    return gateway


def _case(api: Api, citizen: str) -> dict[str, Any]:
    status, case = api.call("POST", "/v1/applications", application("character", HOLDER), citizen)
    assert status == 201, case
    return dict(case)


def _start(api: Api, citizen: str, case_id: str, key: str) -> dict[str, Any]:
    headers = {"Idempotency-Key": key}
    status, pay = api.call("POST", f"/v1/applications/{case_id}/payment", {"method": "sslcommerz"}, citizen, headers)
    assert status == 201, pay
    return dict(pay)


def _payments(case_id: str) -> list[Payment]:
    return [p for p in Payment.scan() if p.case_id == case_id]


def _open(case_id: str) -> list[Payment]:
    """The case's checkouts a citizen may still be sent to pay."""
    return [p for p in _payments(case_id) if p.state == "initiated" and not p.superseded_by]


def test_two_checkouts_both_paid_settle_once_and_the_other_is_refunded(
    api: Api, simulator: payment_gateway.SimulatorHandle
) -> None:
    from chalicelib.services import reconciliation

    citizen = api.citizen_token()
    case = _case(api, citizen)
    old = _start(api, citizen, case["id"], "tab-1")  # a tab left open...
    new = _start(api, citizen, case["id"], "tab-2")  # ...and a second try in another
    assert old["payment_id"] != new["payment_id"]
    assert [p.payment_id for p in _open(case["id"])] == [new["payment_id"]]  # one open checkout
    assert Payment.get(old["payment_id"]).superseded_by == new["payment_id"]

    # The citizen pays in both tabs anyway (SSLCommerz cannot cancel a session); every IPN is lost.
    open_checkout(old["redirect_url"], "success")
    open_checkout(new["redirect_url"], "success")
    counts = reconciliation.reconcile()
    assert counts["settled"] == 2, counts

    _, detail = api.call("GET", f"/v1/applications/{case['id']}", token=citizen)
    assert detail["status"] == "submitted"
    assert [e["action"] for e in detail["timeline"]] == ["apply", "pay", "refund"]  # the citizen sees it
    settled_by = detail["payment"]["payment_id"]
    [other] = [p for p in _payments(case["id"]) if p.payment_id != settled_by]
    assert other.state == "paid" and other.surplus_of == settled_by  # recorded as a second payment
    assert other.refund_state == "refunded" and other.refund["amount"] == case["fee"]["total"]
    assert (
        other.payment_id in detail["timeline"][2]["note"]
        or codes.display(other.payment_id) in (detail["timeline"][2]["note"])
    )

    sim = simulator.simulator
    [refund] = sim.refunds.values()  # exactly one refund, of the whole second payment
    assert refund.tran_id == other.payment_id and refund.amount == Decimal(case["fee"]["total"]) / 100
    assert reconciliation.reconcile() == {"settled": 0, "expired": 0, "refunds": 0, "unanswered": 0}
    assert len(sim.refunds) == 1 and sim.initiations == 1
    _, receipt = api.call("GET", f"/v1/applications/{case['id']}/payment", token=citizen)
    assert receipt["refund"] is None  # the payment that settled the case keeps its money


def test_an_old_checkout_paid_first_settles_the_case_and_the_newer_one_is_refunded(
    api: Api, simulator: payment_gateway.SimulatorHandle
) -> None:
    from chalicelib.services import reconciliation

    citizen = api.citizen_token()
    case = _case(api, citizen)
    old = _start(api, citizen, case["id"], "tab-1")
    new = _start(api, citizen, case["id"], "tab-2")
    # The superseded checkout is paid first, and its IPN arrives: the money is right, the case settles.
    back = open_checkout(old["redirect_url"], "success")
    form = urllib.parse.urlsplit(back).query
    response = api.c.http.post(
        "/v1/payments/sslcommerz/ipn", headers={"Content-Type": "application/x-www-form-urlencoded"}, body=form
    )
    assert response.status_code == 200, response.body
    assert (
        api.call("GET", f"/v1/applications/{case['id']}", token=citizen)[1]["payment"]["payment_id"]
        == (old["payment_id"])
    )
    # The newer one is paid too: recorded as a second payment and refunded, never a second `pay`.
    open_checkout(new["redirect_url"], "success")
    reconciliation.reconcile()
    _, detail = api.call("GET", f"/v1/applications/{case['id']}", token=citizen)
    assert [e["action"] for e in detail["timeline"]] == ["apply", "pay", "refund"]
    assert Payment.get(new["payment_id"]).refund_state == "refunded"
    assert [r.tran_id for r in simulator.simulator.refunds.values()] == [new["payment_id"]]


def test_a_repeated_start_with_the_same_key_is_the_same_checkout(
    api: Api, simulator: payment_gateway.SimulatorHandle
) -> None:
    citizen = api.citizen_token()
    case = _case(api, citizen)
    one = _start(api, citizen, case["id"], "same")
    again = _start(api, citizen, case["id"], "same")
    assert one == again and len(simulator.simulator.sessions) == 1
    assert [p.state for p in _payments(case["id"])] == ["initiated"]


def test_an_anonymous_callback_learns_nothing_about_the_case(
    api: Api, simulator: payment_gateway.SimulatorHandle
) -> None:
    citizen = api.citizen_token()
    case = _case(api, citizen)
    pay = _start(api, citizen, case["id"], "k")
    secrets_of_the_case = (case["id"], case["tracking_no"], codes.display(case["id"]), case["type"], case["office_id"])
    form = f"tran_id={pay['payment_id']}"
    for paid in (False, True):
        response = api.c.http.post(
            "/v1/payments/sslcommerz/ipn", headers={"Content-Type": "application/x-www-form-urlencoded"}, body=form
        )
        assert response.status_code == 200, response.body
        answer = json.loads(response.body)
        assert set(answer) == {"payment_id", "state", "already_settled"}
        back = api.c.http.get(f"/v1/payments/sslcommerz/return/{pay['payment_id']}")
        page = back.headers["Location"] + back.body.decode()
        for secret in secrets_of_the_case:
            assert secret not in response.body.decode() and secret not in page
        if not paid:
            back = open_checkout(pay["redirect_url"], "success")
            form = urllib.parse.urlsplit(back).query
    assert answer["state"] == "paid"


def test_one_open_checkout_per_case_under_a_race(live: local_stack.Stack) -> None:
    base = live.api_url
    citizen = sign_in(base, "01711000001")
    status, case = http(base, "POST", "/v1/applications", application("character", HOLDER), citizen)
    assert status == 201, case
    path = f"/v1/applications/{case['id']}/payment"
    results = race(base, [({"method": "sslcommerz"}, citizen)] * RACERS, path)
    assert {status for status, _ in results} <= {201, 409}, results
    started = {body["payment_id"] for status, body in results if status == 201}
    assert started
    for status, problem in results:
        assert status == 201 or problem["code"] == "checkout_conflict", problem
    rows = _payments(case["id"])
    assert len(_open(case["id"])) == 1, [(p.state, p.superseded_by) for p in rows]
    assert {p.state for p in rows} == {"initiated"} and started <= {p.payment_id for p in rows}


def test_two_checkouts_paid_at_the_same_moment_settle_once(live: local_stack.Stack) -> None:
    """Both IPNs arrive together (the simulator posts them to the live API): one settles the case,
    the other loses the race, finds the case paid, and is recorded and refunded there and then."""
    base = live.api_url
    citizen = sign_in(base, "01711000001")
    _, case = http(base, "POST", "/v1/applications", application("character", HOLDER), citizen)
    path = f"/v1/applications/{case['id']}/payment"
    checkouts = [http(base, "POST", path, {"method": "sslcommerz"}, citizen)[1] for _ in "ab"]
    start = threading.Barrier(len(checkouts))

    def pay(checkout: dict[str, Any]) -> None:
        start.wait()
        open_checkout(checkout["redirect_url"], "success")

    threads = [threading.Thread(target=pay, args=(c,)) for c in checkouts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    for _ in range(100):
        rows = _payments(case["id"])
        if all(p.state == "paid" for p in rows) and any(p.refund_state == "refunded" for p in rows):
            break
        time.sleep(0.1)
    _, detail = http(base, "GET", f"/v1/applications/{case['id']}", token=citizen)
    assert [e["action"] for e in detail["timeline"]] == ["apply", "pay", "refund"], detail["timeline"]
    [surplus] = [p for p in _payments(case["id"]) if p.payment_id != detail["payment"]["payment_id"]]
    assert surplus.state == "paid" and surplus.refund_state == "refunded"
    assert [r.tran_id for r in live.gateway.simulator.refunds.values()] == [surplus.payment_id]


def test_a_replaced_checkout_is_asked_about_and_never_executed(
    api: Api, simulator: payment_gateway.SimulatorHandle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bKash takes the money only when the merchant executes: a replaced checkout's return is
    answered with a status query, so it lapses unpaid; the open one is executed as before."""
    from chalicelib.adapters.payments.base import GatewayPayment
    from chalicelib.services import payments

    citizen = api.citizen_token()
    case = _case(api, citizen)
    old = _start(api, citizen, case["id"], "tab-1")
    new = _start(api, citizen, case["id"], "tab-2")
    asked: list[tuple[str, str]] = []

    class Wallet:
        def confirm(self, payment_id: str, gateway_ref: str, callback: dict[str, str]) -> GatewayPayment:
            asked.append(("execute", payment_id))
            return GatewayPayment("paid", payment_id, case["fee"]["total"], "BDT", "TRX1", "bKash")

        def query(self, payment_id: str, gateway_ref: str) -> GatewayPayment:
            asked.append(("query", payment_id))
            return GatewayPayment("pending", payment_id, case["fee"]["total"], "BDT", "", raw_status="Authorized")

    monkeypatch.setattr(payments, "gateway", lambda name: Wallet())
    for checkout in (old, new):
        page = api.c.http.get(f"/v1/payments/sslcommerz/return/{checkout['payment_id']}?status=success")
        assert page.status_code == 303
    assert asked == [("query", old["payment_id"]), ("execute", new["payment_id"])]
    _, detail = api.call("GET", f"/v1/applications/{case['id']}", token=citizen)
    assert detail["status"] == "submitted" and detail["payment"]["payment_id"] == new["payment_id"]
    assert Payment.get(old["payment_id"]).state == "initiated"  # still asked about until it lapses
