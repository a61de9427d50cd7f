"""Filing at a UDC counter (issue 12, item 7): papers scanned by the operator wait at their
counter and become the citizen's in the filing's own transaction; the operator takes the fee in
cash and the receipt names them (moto-backed, Chalice test client)."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.aws import client as aws_client
from chalicelib.config import settings
from local.sample_papers import give_papers
from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application, code_from_sms

CITIZEN = "01711000001"
SCAN = b"%PDF-1.7\n% a scanned NID card at the counter\n"


def scan(api: Api, token: str, document: str = "nid_or_brn_copy", data: bytes = SCAN) -> tuple[int, Any]:
    body = {"document": document, "content_type": "application/pdf", "size": len(data)}
    status, paper = api.call("POST", "/v1/me/papers", body, token)
    assert status == 201, paper
    key = paper["upload"]["fields"]["key"]
    assert key.startswith("incoming/u_") and "udc" not in key  # the operator's counter, by an opaque key
    aws_client("s3").put_object(Bucket=settings().papers_bucket, Key=key, Body=data, ContentType="application/pdf")
    return api.call("POST", f"/v1/me/papers/{paper['id']}/complete", token=token)


def udc_code(api: Api, operator: str, phone: str) -> str:
    """Ask for the citizen's consent; the newest code the outbox holds for them."""
    assert api.call("POST", "/v1/udc/consent-codes", {"phone": phone}, operator)[0] == 202
    _, box = api.call("GET", f"/v1/_local/outbox?phone={phone}")
    return code_from_sms(next(m["text"] for m in box["items"] if m["purpose"] == "udc_filing_consent"))


def stored(prefix: str) -> list[str]:
    found = aws_client("s3").list_objects_v2(Bucket=settings().papers_bucket, Prefix=prefix)
    return [o["Key"] for o in found.get("Contents", [])]


def other_operator(api: Api) -> str:
    account = next(a for a in api.demo["accounts"] if a["role"] == "udc_operator" and a["office_id"] != "union-1")
    return api.staff_token(account["office_id"], "udc_operator")


def test_papers_scanned_at_the_counter_become_the_citizens_with_the_filing(api: Api) -> None:
    operator = api.staff_token("union-1", "udc_operator")
    status, paper = scan(api, operator)
    assert status == 200 and paper["state"] == "ready"
    assert stored("papers/") == []  # nothing is the citizen's before they consent
    assert api.call("GET", "/v1/me/papers", token=operator)[0] == 403  # an operator lists nobody's papers
    status, refused = scan(api, operator, data=b"MZ\x90\x00 an executable")
    assert status == 422 and refused["title_bn"]

    body = {**application("citizenship", HOLDER), "papers": {"nid_or_brn_copy": paper["id"]}}
    code = udc_code(api, operator, CITIZEN)
    wrong = "000000" if code != "000000" else "111111"
    wrong_code = {**body, "on_behalf_of": {"phone": CITIZEN, "code": wrong}}
    assert api.call("POST", "/v1/applications", wrong_code, operator)[0] == 422
    assert stored("papers/") == []  # a wrong code moves nothing
    # Another operator cannot file with this counter's scan.
    stranger = other_operator(api)
    theirs = {"phone": "01811000002", "code": udc_code(api, stranger, "01811000002")}
    status, problem = api.call("POST", "/v1/applications", {**body, "on_behalf_of": theirs}, stranger)
    assert status == 422 and problem["errors"][0]["field"] == "papers.nid_or_brn_copy"

    status, case = api.call(
        "POST", "/v1/applications", {**body, "on_behalf_of": {"phone": CITIZEN, "code": code}}, operator
    )
    assert status == 201, case
    citizen = api.citizen_token(CITIZEN, papers=False)  # no sample papers: only what the counter filed
    _, own = api.call("GET", "/v1/me/papers", token=citizen)
    assert [(p["id"], p["state"]) for p in own["items"]] == [(paper["id"], "ready")]  # now the citizen's, reusable
    [moved] = stored("papers/")
    assert moved.endswith(f"/{paper['id']}") and moved.startswith("papers/c_")
    secretary = api.staff_token("union-1", "secretary")
    _, seen = api.call("GET", f"/v1/applications/{case['id']}", token=secretary)
    assert seen["papers"]["nid_or_brn_copy"].startswith("http")

    # One scan serves one filing: the counter's row is spent, and completing it again revives nothing.
    status, again_done = api.call("POST", f"/v1/me/papers/{paper['id']}/complete", token=operator)
    assert status == 200 and again_done["state"] == "filed"
    again = {**body, "on_behalf_of": {"phone": CITIZEN, "code": udc_code(api, operator, CITIZEN)}}
    status, problem = api.call("POST", "/v1/applications", again, operator)
    assert status == 422 and problem["errors"][0]["field"] == "papers.nid_or_brn_copy"


def test_the_operator_takes_cash_and_the_receipt_names_them(api: Api) -> None:
    operator = api.staff_token("union-1", "udc_operator")
    give_papers(CITIZEN)  # uploaded earlier from the citizen's own phone: a filing may name them too
    filed = {**application("citizenship", HOLDER), "on_behalf_of": {"phone": CITIZEN, "code": ""}}
    filed["on_behalf_of"]["code"] = udc_code(api, operator, CITIZEN)
    status, case = api.call("POST", "/v1/applications", filed, operator)
    assert status == 201 and case["status"] == "awaiting_payment"
    assert api.call("GET", f"/v1/applications/{case['id']}/payment", token=operator)[0] == 404  # nothing paid yet
    # Paying online is the citizen's own; the operator records the cash they took.
    assert api.call("POST", f"/v1/applications/{case['id']}/payment", {"method": "bkash"}, operator)[0] == 403
    cash = {"action": "record_payment", "version": case["version"], "note": "নগদ গ্রহণ"}
    status, moved = api.call("POST", f"/v1/applications/{case['id']}/actions", cash, operator)
    assert status == 200 and moved["status"] == "submitted", moved
    status, receipt = api.call("GET", f"/v1/applications/{case['id']}/payment", token=operator)
    assert status == 200 and receipt["gateway"] == "cash" and receipt["amount"] == case["fee"]["total"]
    assert receipt["recorded_by_name"]["name_bn"] == "সুমাইয়া খাতুন"
    assert HOLDER["holder_nid"] not in str(receipt)
    _, timeline = api.call("GET", f"/v1/applications/{case['id']}", token=operator)
    assert [e["action"] for e in timeline["timeline"]] == ["apply", "record_payment"]
    # The operator lists their own filings; another office's operator sees nothing of it.
    _, mine = api.call("GET", "/v1/applications", token=operator)
    assert [c["id"] for c in mine["items"]] == [case["id"]] and mine["items"][0]["status"] == "submitted"
    stranger = other_operator(api)
    assert api.call("GET", f"/v1/applications/{case['id']}", token=stranger)[0] == 404
    assert api.call("GET", f"/v1/applications/{case['id']}/payment", token=stranger)[0] == 404


def test_a_deactivated_operator_scans_nothing(api: Api) -> None:
    operator = api.staff_token("union-1", "udc_operator")
    admin = api.staff_token("union-1", "office_admin")
    username = next(
        a["username"] for a in api.demo["accounts"] if a["role"] == "udc_operator" and a["office_id"] == "union-1"
    )
    path = f"/v1/offices/union-1/staff/{username}/deactivate"
    assert api.call("POST", path, {"reason": "left the centre"}, admin)[0] == 200
    start = {"document": "nid_or_brn_copy", "content_type": "application/pdf", "size": len(SCAN)}
    assert api.call("POST", "/v1/me/papers", start, operator)[0] == 401  # its unexpired token: decision 41


def test_a_refused_filing_leaves_no_copy_of_its_scans(api: Api) -> None:
    """The scans are copied to the citizen before the case's transaction; when the transaction
    refuses the filing (here: the deceased already has an inheritance case), the copies go too."""
    from tests.integration.flows import DECEASED

    citizen = api.citizen_token("01911000007")
    assert api.call("POST", "/v1/applications", application("warish", DECEASED), citizen)[0] == 201
    operator = api.staff_token("union-1", "udc_operator")
    status, paper = scan(api, operator, "deceased_id_copy")
    assert status == 200
    body = {**application("warish", DECEASED), "papers": {"deceased_id_copy": paper["id"]}}
    body["on_behalf_of"] = {"phone": CITIZEN, "code": udc_code(api, operator, CITIZEN)}
    status, refused = api.call("POST", "/v1/applications", body, operator)
    assert status == 409 and refused["code"] == "duplicate_application", refused
    assert not [k for k in stored("papers/") if k.endswith(f"/{paper['id']}")]
