"""UDC filing with the citizen's code, the NID check on every application, papers uploaded once,
and payments that only the gateway's own word can settle (moto-backed, Chalice test client)."""

from __future__ import annotations

import base64
import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from chalicelib.adapters.aws import client as aws_client
from chalicelib.adapters.payments.base import GatewayPayment
from chalicelib.config import settings
from local import payment_gateway
from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application, code_from_sms, give_papers
from tests.integration.test_citizen_journey import NoRedirect

CITIZEN = "01711000001"


def udc_code(api: Api, operator: str, phone: str) -> str:
    status, _ = api.call("POST", "/v1/udc/consent-codes", {"phone": phone}, operator)
    assert status == 202
    _, box = api.call("GET", f"/v1/_local/outbox?phone={phone}")
    [sms] = [m for m in box["items"] if m["purpose"] == "udc_filing_consent"]
    assert "উদ্যোক্তা" in sms["text"]
    give_papers(phone)  # the papers the operator attaches are the citizen's own
    return code_from_sms(sms["text"])


def test_udc_operator_files_with_the_citizens_code(api: Api) -> None:
    operator = api.staff_token("union-1", "udc_operator")
    body = application("citizenship", HOLDER)
    assert api.call("POST", "/v1/applications", body, operator)[0] == 422  # no consent given
    code = udc_code(api, operator, CITIZEN)
    wrong = {**body, "on_behalf_of": {"phone": CITIZEN, "code": "000000" if code != "000000" else "111111"}}
    # A wrong or spent code is the operator's input to fix (422 on the code), not a failed sign-in.
    status, problem = api.call("POST", "/v1/applications", wrong, operator)
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["on_behalf_of.code"]
    filed = {**body, "on_behalf_of": {"phone": CITIZEN, "code": code}}
    status, case = api.call("POST", "/v1/applications", filed, operator)
    assert status == 201, case
    status, problem = api.call("POST", "/v1/applications", filed, operator)  # the code is spent
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["on_behalf_of.code"]
    assert api.call("GET", "/v1/applications", token=operator)[0] == 200  # the operator is still signed in

    citizen = api.citizen_token(CITIZEN)
    _, mine = api.call("GET", "/v1/applications", token=citizen)
    assert [c["id"] for c in mine["items"]] == [case["id"]]
    _, detail = api.call("GET", f"/v1/applications/{case['id']}", token=citizen)
    assert detail["filed_by"]["role"] == "udc_operator" and detail["filed_by"]["office_id"] == "union-1"
    # A citizen cannot file for someone else, nor a secretary for a citizen.
    assert api.call("POST", "/v1/udc/consent-codes", {"phone": CITIZEN}, citizen)[0] == 403
    secretary = api.staff_token("union-1", "secretary")
    assert api.call("POST", "/v1/applications", filed, secretary)[0] == 403


def test_each_application_carries_the_nid_check(api: Api) -> None:
    citizen = api.citizen_token()
    secretary = api.staff_token("union-1", "secretary")
    results = {}
    for label, fields in (
        ("same", HOLDER),
        ("father", {**HOLDER, "father_name_bn": "মোঃ করিম উদ্দিন"}),
        ("down", {**HOLDER, "holder_nid": "1987659999"}),
        ("unknown", {**HOLDER, "holder_nid": "1987650000"}),
    ):
        status, case = api.call("POST", "/v1/applications", application("character", fields), citizen)
        assert status == 201, case  # an outage of the registry never stops an application
        _, detail = api.call("GET", f"/v1/applications/{case['id']}", token=secretary)
        results[label] = detail["identity_check"]
    assert results["same"]["status"] == "matched" and results["same"]["source"] == "nid"
    assert results["father"]["status"] == "mismatch" and results["father"]["mismatches"] == ["father_name_bn"]
    assert results["down"]["status"] == "unavailable"
    assert results["unknown"]["status"] == "not_found"
    assert results["father"]["registry"]["father_name_bn"] == HOLDER["father_name_bn"]  # officials see the record
    # The applicant sees only whether and where it differs: someone else's NID reveals nothing.
    _, mine = api.call("GET", "/v1/applications", token=citizen)
    _, own = api.call("GET", f"/v1/applications/{mine['items'][0]['id']}", token=citizen)
    assert "registry" not in own["identity_check"] and own["identity_check"]["status"]


def _upload(api: Api, token: str, content_type: str, data: bytes) -> tuple[int, Any]:
    status, paper = api.call(
        "POST", "/v1/me/papers", {"document": "nid_or_brn_copy", "content_type": content_type, "size": len(data)}, token
    )
    assert status == 201, paper
    policy = json.loads(base64.b64decode(paper["upload"]["fields"]["policy"]))
    assert ["content-length-range", 1, settings().paper_max_bytes] in policy["conditions"]
    key = paper["upload"]["fields"]["key"]
    assert key.startswith("incoming/c_") and "1987654321" not in key
    aws_client("s3").put_object(Bucket=settings().papers_bucket, Key=key, Body=data, ContentType=content_type)
    return api.call("POST", f"/v1/me/papers/{paper['id']}/complete", token=token)


def test_papers_are_checked_and_reused(api: Api) -> None:
    citizen = api.citizen_token(papers=False)  # none uploaded yet
    status, pdf = _upload(api, citizen, "application/pdf", b"%PDF-1.7\n% a scanned NID card\n")
    assert status == 200 and pdf["state"] == "ready"
    status, refused = _upload(api, citizen, "application/pdf", b"MZ\x90\x00 an executable called nid.pdf")
    assert status == 422 and refused["title_bn"]
    too_big = {"document": "nid_or_brn_copy", "content_type": "image/png", "size": settings().paper_max_bytes + 1}
    assert api.call("POST", "/v1/me/papers", too_big, citizen)[0] == 422
    exe = {"document": "nid_or_brn_copy", "content_type": "application/x-msdownload", "size": 10}
    assert api.call("POST", "/v1/me/papers", exe, citizen)[0] == 422
    _, papers = api.call("GET", "/v1/me/papers", token=citizen)
    assert [p["id"] for p in papers["items"]] == [pdf["id"]]
    listed = aws_client("s3").list_objects_v2(Bucket=settings().papers_bucket, Prefix="papers/")["Contents"]
    assert [o["Key"].rsplit("/", 1)[1] for o in listed] == [pdf["id"]]  # the executable never got there

    body = {**application("character", HOLDER, papers=False), "papers": {"nid_or_brn_copy": pdf["id"]}}
    status, case = api.call("POST", "/v1/applications", body, citizen)
    assert status == 201, case
    _, seen = api.call("GET", f"/v1/applications/{case['id']}", token=api.staff_token("union-1", "secretary"))
    assert seen["papers"]["nid_or_brn_copy"].startswith("http")
    other = api.citizen_token("01811000002")
    assert api.call("POST", "/v1/applications", body, other)[0] == 422  # not their paper
    for bad in ("", "not-a-paper", 7):
        odd = {**body, "papers": {"nid_or_brn_copy": bad}}
        assert api.call("POST", "/v1/applications", odd, citizen)[0] == 422
    assert api.call("POST", "/v1/me/papers/%20/complete", None, citizen)[0] == 404


@pytest.fixture()
def gateway(monkeypatch: pytest.MonkeyPatch) -> Iterator[payment_gateway.SimulatorHandle]:
    handle = payment_gateway.start()
    monkeypatch.setenv("SSLCOMMERZ_BASE_URL", handle.base_url)
    monkeypatch.setenv("API_BASE_URL", "http://127.0.0.1:9")  # nobody listens: every IPN is lost
    monkeypatch.setenv("PAYMENT_STALE_SECONDS", "0")
    from local.resources import reset_process_caches

    reset_process_caches()
    settings()  # read now: Chalice's test client runs views with its own stage's environment
    yield handle
    handle.stop()
    monkeypatch.undo()
    reset_process_caches()


def _checkout(api: Api, citizen: str) -> tuple[dict[str, Any], dict[str, Any]]:
    _, case = api.call("POST", "/v1/applications", application("character", HOLDER), citizen)
    status, pay = api.call("POST", f"/v1/applications/{case['id']}/payment", {"method": "sslcommerz"}, citizen)
    assert status == 201, pay
    return case, pay


def test_reconciliation_settles_a_payment_whose_ipn_was_lost(api: Api, gateway: Any) -> None:
    from chalicelib.services import reconciliation

    citizen = api.citizen_token()
    case, pay = _checkout(api, citizen)
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError):
        opener.open(pay["redirect_url"] + "?outcome=success", timeout=30)
    assert api.call("GET", f"/v1/applications/{case['id']}", token=citizen)[1]["status"] == "awaiting_payment"
    assert reconciliation.reconcile()["settled"] == 1
    _, detail = api.call("GET", f"/v1/applications/{case['id']}", token=citizen)
    assert detail["status"] == "submitted" and [e["action"] for e in detail["timeline"]] == ["apply", "pay"]
    assert reconciliation.reconcile()["settled"] == 0  # nothing left open


def test_a_gateway_answer_for_another_amount_changes_nothing(
    api: Api, gateway: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.services import payments

    citizen = api.citizen_token()
    case, pay = _checkout(api, citizen)

    class Underpaid:
        def confirm(self, payment_id: str, gateway_ref: str, callback: dict[str, str]) -> GatewayPayment:
            return GatewayPayment("paid", payment_id, 1000, "BDT", "VAL1")

    monkeypatch.setattr(payments, "gateway", lambda name: Underpaid())
    status, problem = api.call("POST", "/v1/payments/sslcommerz/ipn", None, None, {})
    assert status == 404  # no transaction named
    form = f"tran_id={pay['payment_id']}&val_id=VAL1"
    response = api.c.http.post(
        "/v1/payments/sslcommerz/ipn", headers={"Content-Type": "application/x-www-form-urlencoded"}, body=form
    )
    assert response.status_code == 409 and json.loads(response.body)["code"] == "payment_mismatch"
    assert api.call("GET", f"/v1/applications/{case['id']}", token=citizen)[1]["status"] == "awaiting_payment"
    # Paying for a case that is not awaiting payment is refused before any gateway is asked.
    secretary = api.staff_token("union-1", "secretary")
    api.call("POST", f"/v1/applications/{case['id']}/actions", {"action": "record_payment", "version": 1}, secretary)
    status, problem = api.call("POST", f"/v1/applications/{case['id']}/payment", {"method": "sslcommerz"}, citizen)
    assert status == 409 and problem["code"] == "not_awaiting_payment"
    _, receipt = api.call("GET", f"/v1/applications/{case['id']}/payment", token=citizen)
    assert receipt["gateway"] == "cash" and receipt["recorded_by"] == "union-1.secretary"


def test_a_payment_key_is_tied_to_its_case(api: Api, gateway: Any) -> None:
    citizen = api.citizen_token()
    first, second = (api.call("POST", "/v1/applications", application("character", HOLDER), citizen)[1] for _ in "ab")
    key = {"Idempotency-Key": "pay-once"}
    _, one = api.call("POST", f"/v1/applications/{first['id']}/payment", {"method": "sslcommerz"}, citizen, key)
    _, again = api.call("POST", f"/v1/applications/{first['id']}/payment", {"method": "sslcommerz"}, citizen, key)
    assert again == one
    changed = {"method": "sslcommerz", "note": "another request"}
    status, refused = api.call("POST", f"/v1/applications/{first['id']}/payment", changed, citizen, key)
    assert status == 422 and refused["code"] == "idempotency_key_reused"
    # The key is kept with the case's checkout (decision 44): on another case it is another request.
    status, other = api.call("POST", f"/v1/applications/{second['id']}/payment", {"method": "sslcommerz"}, citizen, key)
    assert status == 201 and other["payment_id"] != one["payment_id"]


def test_money_for_a_case_that_moved_on_is_refunded_in_full(api: Api, gateway: Any) -> None:
    from chalicelib.adapters.tables import Payment

    citizen = api.citizen_token()
    case, pay = _checkout(api, citizen)
    cancel = {"action": "cancel", "version": 1}
    assert api.call("POST", f"/v1/applications/{case['id']}/actions", cancel, citizen)[0] == 200
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as back:
        opener.open(pay["redirect_url"] + "?outcome=success", timeout=30)
    form = str(back.value.headers["Location"]).split("?", 1)[1]
    response = api.c.http.post(
        "/v1/payments/sslcommerz/ipn", headers={"Content-Type": "application/x-www-form-urlencoded"}, body=form
    )
    assert response.status_code == 200 and json.loads(response.body)["state"] == "paid"
    payment = Payment.get(pay["payment_id"])
    assert payment.refund_state == "refunded" and payment.refund["amount"] == case["fee"]["total"]
    assert api.call("GET", f"/v1/applications/{case['id']}", token=citizen)[1]["status"] == "cancelled"


def test_a_checkout_that_never_opened_leaves_nothing_open(
    api: Api, gateway: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.adapters.http_client import PartyUnavailable
    from chalicelib.adapters.tables import Payment
    from chalicelib.services import payments

    class Down:
        def start(self, request: Any) -> Any:
            raise PartyUnavailable("timeout")

    monkeypatch.setattr(payments, "gateway", lambda name: Down())
    citizen = api.citizen_token()
    _, case = api.call("POST", "/v1/applications", application("character", HOLDER), citizen)
    status, problem = api.call("POST", f"/v1/applications/{case['id']}/payment", {"method": "sslcommerz"}, citizen)
    assert status == 503 and problem["title_bn"]
    assert list(Payment.scan()) == []  # nothing recorded: nothing for reconciliation to ask about
    status, detail = api.call("GET", f"/v1/applications/{case['id']}", token=citizen)
    assert detail["status"] == "awaiting_payment" and detail["version"] == 1
