"""Back from the gateway, always back to the service (issue 12 item 1; decision 45).

The browser return settles the payment as before and then answers 303 to the web app's list of
applications with the outcome as a word (`payment=paid|failed|cancelled|pending|unknown`) and the
payment's own number (`ref`), which the web app matches against the checkout it opened: nothing in
the address names a case, a tracking number or a person.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

import pytest

from chalicelib.adapters.payments.base import Checkout, CheckoutRequest, GatewayPayment
from chalicelib.domain import codes
from local import payment_gateway
from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application
from tests.integration.test_citizen_account import gateway  # noqa: F401 - the simulator, every IPN lost
from tests.integration.test_citizen_journey import open_checkout

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture()
def sim(gateway: payment_gateway.SimulatorHandle) -> payment_gateway.SimulatorHandle:  # noqa: F811
    """The SSLCommerz simulator; every IPN it sends is lost, so the browser's return settles."""
    return gateway


def _checkout(api: Api, citizen: str, method: str = "sslcommerz") -> tuple[dict[str, Any], dict[str, Any]]:
    status, case = api.call("POST", "/v1/applications", application("character", HOLDER), citizen)
    assert status == 201, case
    status, pay = api.call("POST", f"/v1/applications/{case['id']}/payment", {"method": method}, citizen)
    assert status == 201, pay
    return case, pay


def _landing(response: Any) -> dict[str, str]:
    """The 303's Location: the web app's list of applications, and its query."""
    assert response.status_code == 303, response.body
    location = response.headers["Location"]
    assert location.startswith("/#/applications?"), location
    assert response.headers.get("Cache-Control") == "no-store"
    return dict(urllib.parse.parse_qsl(location.split("?", 1)[1]))


def _status(api: Api, citizen: str, case_id: str) -> str:
    return str(api.call("GET", f"/v1/applications/{case_id}", token=citizen)[1]["status"])


@pytest.mark.parametrize(
    ("outcome", "word", "status"),
    [
        ("success", "paid", "submitted"),
        ("fail", "failed", "awaiting_payment"),
        ("cancel", "cancelled", "awaiting_payment"),
    ],
)
def test_the_simulators_return_lands_in_the_app_with_the_outcome(
    api: Api,
    sim: payment_gateway.SimulatorHandle,
    outcome: str,
    word: str,
    status: str,
) -> None:
    """The simulator sends the browser back with a GET (tran_id, val_id, status in the query)."""
    citizen = api.citizen_token()
    case, pay = _checkout(api, citizen)
    back = urllib.parse.urlsplit(open_checkout(pay["redirect_url"], outcome))
    landing = _landing(api.c.http.get(f"{back.path}?{back.query}"))
    assert landing == {"payment": word, "ref": pay["payment_id"]}
    assert _status(api, citizen, case["id"]) == status
    # Back again (a reload, the browser's Back): the same answer, nothing changes twice.
    assert _landing(api.c.http.get(f"{back.path}?{back.query}")) == landing


def test_the_timeline_and_receipt_say_how_in_words_and_keep_the_gateways_text(
    api: Api,
    gateway: payment_gateway.SimulatorHandle,  # noqa: F811
) -> None:
    """Issue 12 item 6: the timeline showed "sslcommerz BKASH-BKash"; the pay event now carries a
    method code the app has words for (বিকাশ / bKash); the note keeps the gateway's text for audit."""
    citizen = api.citizen_token()
    case, pay = _checkout(api, citizen)
    back = urllib.parse.urlsplit(open_checkout(pay["redirect_url"], "success"))
    api.c.http.get(f"{back.path}?{back.query}")
    _, detail = api.call("GET", f"/v1/applications/{case['id']}", token=citizen)
    [paid] = [e for e in detail["timeline"] if e["action"] == "pay"]
    assert (paid["method"], paid["note"]) == ("bkash", "sslcommerz BKASH-BKash")
    assert detail["payment"]["method_code"] == "bkash"
    _, receipt = api.call("GET", f"/v1/applications/{case['id']}/payment", token=citizen)
    assert receipt["method_code"] == "bkash"


@pytest.mark.parametrize(("outcome", "word"), [("success", "paid"), ("fail", "failed"), ("cancel", "cancelled")])
def test_sslcommerz_posts_its_form_and_is_sent_on_with_a_303(
    api: Api,
    sim: payment_gateway.SimulatorHandle,
    outcome: str,
    word: str,
) -> None:
    """SSLCommerz itself POSTs the form fields to success_url, fail_url or cancel_url: a 303 makes
    the browser GET the app (a 302 might repeat the POST; a reload does not resubmit)."""
    citizen = api.citizen_token()
    _case, pay = _checkout(api, citizen)
    back = urllib.parse.urlsplit(open_checkout(pay["redirect_url"], outcome))
    form = {**dict(urllib.parse.parse_qsl(back.query)), "card_type": "BKASH-BKash", "currency": "BDT"}
    response = api.c.http.post(back.path, headers=FORM, body=urllib.parse.urlencode(form))
    assert _landing(response) == {"payment": word, "ref": pay["payment_id"]}


class Wallet:
    """bKash as the return sees it: the browser comes back with `paymentID` and `status`; the
    merchant executes on success and asks otherwise (adapters/payments/bkash.py, replayed in
    tests/unit/test_payment_gateways.py)."""

    def __init__(self) -> None:
        self.amount = 0

    def start(self, request: CheckoutRequest) -> Checkout:
        self.amount = request.amount_poisha
        return Checkout(gateway_ref="TR0011abc", redirect_url="https://sandbox.payment.bkash.com/?paymentId=TR0011abc")

    def confirm(self, payment_id: str, gateway_ref: str, callback: dict[str, str]) -> GatewayPayment:
        assert callback.get("paymentID") == gateway_ref
        state = {"success": "paid", "failure": "failed", "cancel": "cancelled"}[callback["status"]]
        txn = "TRX1" if state == "paid" else ""
        return GatewayPayment(state, payment_id, self.amount, "BDT", txn, "bKash", raw_status=callback["status"])


@pytest.mark.parametrize(("status", "word"), [("success", "paid"), ("failure", "failed"), ("cancel", "cancelled")])
def test_bkash_returns_with_query_parameters(api: Api, monkeypatch: pytest.MonkeyPatch, status: str, word: str) -> None:
    from chalicelib.config import settings
    from chalicelib.services import payments
    from local.resources import reset_process_caches

    monkeypatch.setenv("PAYMENT_GATEWAYS", "sslcommerz,bkash")
    reset_process_caches()
    settings()  # read now: Chalice's test client runs views with its own stage's environment
    wallet = Wallet()
    monkeypatch.setattr(payments, "gateway", lambda name: wallet)
    try:
        citizen = api.citizen_token()
        case, pay = _checkout(api, citizen, "bkash")
        query = urllib.parse.urlencode({"paymentID": "TR0011abc", "status": status, "signature": "x"})
        response = api.c.http.get(f"/v1/payments/bkash/return/{pay['payment_id']}?{query}")
        assert _landing(response) == {"payment": word, "ref": pay["payment_id"]}
        assert _status(api, citizen, case["id"]) == ("submitted" if word == "paid" else "awaiting_payment")
    finally:
        monkeypatch.undo()
        reset_process_caches()


def test_a_gateway_that_does_not_answer_lands_as_pending(
    api: Api,
    sim: payment_gateway.SimulatorHandle,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from chalicelib.adapters.http_client import PartyUnavailable
    from chalicelib.services import payments

    citizen = api.citizen_token()
    _case, pay = _checkout(api, citizen)

    class Silent:
        def confirm(self, *args: Any) -> GatewayPayment:
            raise PartyUnavailable("timeout")

    monkeypatch.setattr(payments, "gateway", lambda name: Silent())
    response = api.c.http.get(f"/v1/payments/sslcommerz/return/{pay['payment_id']}?status=VALID")
    assert _landing(response) == {"payment": "pending", "ref": pay["payment_id"]}


@pytest.mark.parametrize("verb", ["get", "post"])
def test_an_unknown_or_foreign_return_lands_on_the_list_and_names_nothing(
    api: Api,
    sim: payment_gateway.SimulatorHandle,
    verb: str,
) -> None:
    """Unknown numbers, another gateway's payment, malformed ids and oversized bodies all land on
    the citizen's list with a neutral word; someone else's payment says nothing about their case."""
    citizen = api.citizen_token()
    case, pay = _checkout(api, citizen)
    send = getattr(api.c.http, verb)
    for path in (
        f"/v1/payments/sslcommerz/return/{codes.new_code()}",  # well-formed, nobody's
        f"/v1/payments/bkash/return/{pay['payment_id']}",  # sslcommerz's payment, named as bKash's
        "/v1/payments/sslcommerz/return/..",
        "/v1/payments/-/return/ABCDEFGHJKMNP",
    ):
        landing = _landing(send(path, headers=FORM, body="" if verb == "post" else None))
        assert landing == {"payment": "unknown"}, path
    big = "x=" + "y" * (70 * 1024)
    landing = _landing(api.c.http.post(f"/v1/payments/sslcommerz/return/{pay['payment_id']}", headers=FORM, body=big))
    assert landing == {"payment": "unknown"}
    # Anyone may hold a payment number (a receipt number is one): the outcome and that number only;
    # the web app finds no checkout of theirs by it (test_web_payment_return.py).
    response = send(f"/v1/payments/sslcommerz/return/{pay['payment_id']}", headers=FORM)
    location = response.headers["Location"]
    for secret in (case["id"], case["tracking_no"], case["office_id"], case["type"], HOLDER["holder_name_bn"]):
        assert urllib.parse.quote(str(secret)) not in location and str(secret) not in location
    assert _landing(response) == {"payment": "pending", "ref": pay["payment_id"]}


def test_a_return_that_loses_the_race_to_the_ipn_still_says_what_became_of_it(
    api: Api, sim: payment_gateway.SimulatorHandle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gateway's IPN and the browser arrive together (seen in Chromium against the live stack):
    the IPN closes the payment as cancelled between the return's read and its own close; the
    return must still answer "cancelled", not "pending" (what it had read)."""
    from chalicelib.adapters import payment_records

    citizen = api.citizen_token()
    _case, pay = _checkout(api, citizen)
    back = urllib.parse.urlsplit(open_checkout(pay["redirect_url"], "cancel"))
    real_close = payment_records.close

    def ipn_first(payment_id: str, state: str) -> bool:
        assert real_close(payment_id, state)  # the IPN, a moment earlier
        return real_close(payment_id, state)

    monkeypatch.setattr(payment_records, "close", ipn_first)
    landing = _landing(api.c.http.get(f"{back.path}?{back.query}"))
    assert landing == {"payment": "cancelled", "ref": pay["payment_id"]}
