"""The citizen's journey on the live local stack: an SMS per transition, payment through the
SSLCommerz simulator (forged and replayed callbacks change nothing), heir consent, refunds."""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from app import app
from chalicelib.domain.sms_text import segments
from local import stack as local_stack
from local.pump import EventPump
from tests.integration.flows import DECEASED, HOLDER, application, code_from_sms, give_papers
from tests.integration.live import http, login, sign_in

PHONE = "01711000001"
HEIR = "01811000002"


def post_form(url: str, form: dict[str, str]) -> tuple[int, str]:
    data = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def open_checkout(redirect_url: str, outcome: str) -> str:
    """The citizen chooses an outcome on the simulator's page; returns where it sends the browser."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(f"{redirect_url}?outcome={outcome}", timeout=30)
    except urllib.error.HTTPError as e:
        assert e.code == 303
        return str(e.headers["Location"])
    raise AssertionError("the simulator did not redirect")


def wait_for(base: str, case_id: str, token: str, status: str) -> dict[str, Any]:
    for _ in range(50):
        _, case = http(base, "GET", f"/v1/applications/{case_id}", token=token)
        if case["status"] == status:
            return dict(case)
        time.sleep(0.1)
    raise AssertionError(f"case stayed {case['status']}")


def case_sms(base: str, phone: str) -> list[dict[str, str]]:
    _, box = http(base, "GET", f"/v1/_local/outbox?phone={phone}")
    return [m for m in box["items"] if m["purpose"].startswith("case_")]


def act(base: str, case_id: str, who: str, action: str, version: int, note: str = "") -> tuple[int, Any]:
    body = {"action": action, "version": version, "note": note}
    return http(base, "POST", f"/v1/applications/{case_id}/actions", body, login(base, who))


def test_paid_online_case_gets_one_bengali_sms_per_transition(live: local_stack.Stack) -> None:
    base = live.api_url
    citizen = sign_in(base, PHONE)
    status, case = http(base, "POST", "/v1/applications", application("citizenship", HOLDER), citizen)
    assert status == 201 and case["status"] == "awaiting_payment"
    assert case["fee"]["total"] == case["fee"]["office_fee"] + case["fee"]["platform_fee"] == 8000
    cid = case["id"]

    status, pay = http(base, "POST", f"/v1/applications/{cid}/payment", {"method": "sslcommerz"}, citizen)
    assert status == 201 and pay["amount"] == {"total": 8000, "currency": "BDT"}

    # A forged IPN (a val_id the gateway never issued) changes nothing.
    forged = {"tran_id": pay["payment_id"], "val_id": "FORGED123", "amount": "80.00", "status": "VALID"}
    status, _ = post_form(f"{base}/v1/payments/sslcommerz/ipn", forged)
    assert status == 400
    assert http(base, "GET", f"/v1/applications/{cid}", token=citizen)[1]["status"] == "awaiting_payment"

    # Paying in the simulator: its IPN confirms the payment (with the gateway) and submits the case.
    back = open_checkout(pay["redirect_url"], "success")
    paid = wait_for(base, cid, citizen, "submitted")
    assert paid["version"] == 2 and paid["payment"]["state"] == "paid"
    # The browser's return and a replayed IPN both find it settled: no second transition.
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(back).query))
    try:  # back in the web app with the outcome (decision 45)
        urllib.request.build_opener(NoRedirect).open(back, timeout=30)
        raise AssertionError("the return did not redirect")
    except urllib.error.HTTPError as e:
        assert (e.code, e.headers["Location"]) == (303, f"/#/applications?payment=paid&ref={pay['payment_id']}")
    status, again = post_form(f"{base}/v1/payments/sslcommerz/ipn", {**query, "amount": "80.00"})
    assert status == 200 and json.loads(again)["already_settled"] is True
    assert http(base, "GET", f"/v1/applications/{cid}", token=citizen)[1]["version"] == 2
    _, receipt = http(base, "GET", f"/v1/applications/{cid}/payment", token=citizen)
    assert receipt["amount"] == 8000 and receipt["gateway"] == "sslcommerz" and receipt["gateway_txn"]

    assert act(base, cid, "union-1.ward-member1", "ward_verify", 2)[0] == 200
    assert act(base, cid, "union-1.secretary", "verify", 3)[0] == 200
    assert act(base, cid, "union-1.signatory", "approve", 4)[0] == 200
    live.pump.drain(4)
    wait_for(base, cid, citizen, "issued")
    live.pump.drain(2)

    texts = case_sms(base, PHONE)
    purposes = sorted(m["purpose"] for m in texts)
    # "approved" is held a minute and dropped because the certificate followed: one SMS, not two.
    steps = ("awaiting_payment", "submitted", "ward_verified", "office_verified", "issued")
    assert purposes == sorted(f"case_{step}" for step in steps)
    assert all(re.search(r"[\u0980-\u09FF]", m["text"]) and segments(m["text"]) == 1 for m in texts)
    assert any("ফি পেয়েছি" in m["text"] for m in texts)

    # Lambda may deliver the stream again: replaying all of it sends nothing new.
    replay = EventPump(app)
    replay.attach_streams()
    replay.drain()
    assert len(case_sms(base, PHONE)) == len(texts)


def test_concurrent_callbacks_settle_once(live: local_stack.Stack) -> None:
    base = live.api_url
    citizen = sign_in(base, PHONE)
    _, case = http(base, "POST", "/v1/applications", application("character", HOLDER), citizen)
    _, pay = http(base, "POST", f"/v1/applications/{case['id']}/payment", {"method": "sslcommerz"}, citizen)
    back = open_checkout(pay["redirect_url"], "success")
    form = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(back).query))
    results: list[int] = []

    def callback() -> None:
        results.append(post_form(f"{base}/v1/payments/sslcommerz/ipn", form)[0])

    threads = [threading.Thread(target=callback) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(code == 200 for code in results)
    settled = wait_for(base, case["id"], citizen, "submitted")
    assert settled["version"] == 2
    assert [e["action"] for e in settled["timeline"]] == ["apply", "pay"]


def test_warish_waits_for_every_heir(live: local_stack.Stack) -> None:
    base = live.api_url
    citizen = sign_in(base, PHONE)
    _, case = http(base, "POST", "/v1/applications", application("warish", DECEASED), citizen)
    cid = case["id"]
    assert act(base, cid, "union-1.secretary", "record_payment", 1, "cash, receipt 9")[0] == 200
    live.pump.drain(3)
    _, box = http(base, "GET", f"/v1/_local/outbox?phone={HEIR}")
    [request] = [m for m in box["items"] if m["purpose"] == "heir_consent"]
    assert act(base, cid, "union-1.ward-member1", "ward_verify", 2)[0] == 200
    assert act(base, cid, "union-1.secretary", "verify", 3)[0] == 200

    status, refused = act(base, cid, "union-1.signatory", "approve", 4)
    assert status == 409 and refused["code"] == "consent_outstanding" and refused["heir_rows"] == [0]
    assert refused["title_bn"]

    wrong = http(base, "POST", f"/v1/applications/{cid}/consents", {"phone": HEIR, "code": "000000"})
    stranger = http(base, "POST", f"/v1/applications/{cid}/consents", {"phone": "01911999999", "code": "123456"})
    assert wrong[0] == stranger[0] == 401
    code = code_from_sms(request["text"].split("কোড")[1])
    status, given = http(base, "POST", f"/v1/applications/{cid}/consents", {"phone": HEIR, "code": code})
    assert status == 200 and given["consented"]
    # Once given, only the right code says so: a guess cannot tell a consenting heir's number.
    assert http(base, "POST", f"/v1/applications/{cid}/consents", {"phone": HEIR, "code": "000000"})[0] == 401
    again = http(base, "POST", f"/v1/applications/{cid}/consents", {"phone": HEIR, "code": code})
    assert again[0] == 200 and again[1]["already"]
    _, seen = http(base, "GET", f"/v1/applications/{cid}", token=login(base, "union-1.secretary"))
    assert seen["consents"][0]["state"] == "given"
    assert act(base, cid, "union-1.signatory", "approve", 4)[0] == 200


def test_secretary_may_record_a_consent_exception(live: local_stack.Stack) -> None:
    base = live.api_url
    citizen = sign_in(base, PHONE)
    other = {**DECEASED, "deceased_nid": "7512369871"}
    _, case = http(base, "POST", "/v1/applications", application("succession", other), citizen)
    cid = case["id"]
    assert act(base, cid, "union-1.secretary", "record_payment", 1)[0] == 200
    live.pump.drain(3)
    assert act(base, cid, "union-1.ward-member1", "ward_verify", 2)[0] == 200
    assert act(base, cid, "union-1.secretary", "verify", 3)[0] == 200
    assert act(base, cid, "union-1.secretary", "record_consent_exception", 4)[0] == 422  # a reason is required
    status, moved = act(base, cid, "union-1.secretary", "record_consent_exception", 4, "heir abroad, affidavit")
    assert status == 200 and moved["status"] == "office_verified" and moved["version"] == 5
    assert act(base, cid, "union-1.signatory", "approve", 5)[0] == 200
    live.pump.drain(3)
    told = [m for m in case_sms(base, PHONE) if m["purpose"] == "case_record_consent_exception"]
    assert len(told) == 1 and "heir abroad" in told[0]["text"]


def test_a_udc_consent_code_files_once_under_a_race(live: local_stack.Stack) -> None:
    base = live.api_url
    operator = login(base, "union-1.udc-operator")
    assert http(base, "POST", "/v1/udc/consent-codes", {"phone": PHONE}, operator)[0] == 202
    _, box = http(base, "GET", f"/v1/_local/outbox?phone={PHONE}")
    code = code_from_sms(next(m["text"] for m in box["items"] if m["purpose"] == "udc_filing_consent"))
    give_papers(PHONE)  # the papers the operator attaches are the citizen's own
    body = {**application("character", HOLDER), "on_behalf_of": {"phone": PHONE, "code": code}}
    results: list[int] = []

    def file() -> None:
        results.append(http(base, "POST", "/v1/applications", body, operator)[0])

    threads = [threading.Thread(target=file) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results).count(201) == 1 and set(results) <= {201, 422}  # 422 on the spent code


def test_rejected_paid_case_is_refunded(live: local_stack.Stack) -> None:
    base = live.api_url
    citizen = sign_in(base, PHONE)
    _, case = http(base, "POST", "/v1/applications", application("character", HOLDER), citizen)
    cid = case["id"]
    _, pay = http(base, "POST", f"/v1/applications/{cid}/payment", {"method": "sslcommerz"}, citizen)
    open_checkout(pay["redirect_url"], "success")
    wait_for(base, cid, citizen, "submitted")
    assert act(base, cid, "union-1.secretary", "reject", 2, "not a resident of this union")[0] == 200
    live.pump.drain(3)
    _, receipt = http(base, "GET", f"/v1/applications/{cid}/payment", token=citizen)
    assert receipt["refund"]["state"] == "refunded"
    assert receipt["refund"]["amount"] == case["fee"]["office_fee"]  # default policy keeps the platform fee
    _, box = http(base, "GET", f"/v1/_local/outbox?phone={PHONE}")
    assert any(m["purpose"] == "refund" for m in box["items"])
