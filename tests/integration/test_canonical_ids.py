"""Issue 11, items 1, 5 and 8: one number is one key however it is spelled, text refuses control and
bidi characters, and a path id that cannot be an id is a 4xx before any AWS call."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest

from chalicelib.adapters.tables import CaseRecord
from chalicelib.domain import codes
from chalicelib.services import issuance
from tests.integration.conftest import Api
from tests.integration.flows import DECEASED, HOLDER, application, code_from_sms
from tests.integration.test_certificates import approved_case

NID = DECEASED["deceased_nid"]  # "4512369870"


def spell(number: str, zero: str) -> str:
    """The number written in the digit script whose zero is `zero`."""
    return "".join(chr(ord(zero) + int(d)) for d in number)


SPELLINGS = {
    "fullwidth": spell(NID, "\uff10"),
    "arabic_indic": spell(NID, "\u0660"),
    "extended_arabic_indic": spell(NID, "\u06f0"),
    "devanagari": spell(NID, "\u0966"),
    "mixed_with_unicode_separators": spell(NID[:3], "\u09e6")
    + "\u00a0"
    + spell(NID[3:6], "\uff10")
    + "\u2013"
    + NID[6:8]
    + "\u200b"
    + spell(NID[8:], "\u0966"),
}


@pytest.mark.parametrize("spelling", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_one_warish_per_deceased_whatever_the_digits(api: Api, spelling: str) -> None:
    first = api.citizen_token("01711000001")
    status, case = api.call("POST", "/v1/applications", application("warish", DECEASED), first)
    assert status == 201, case
    second = api.citizen_token("01711000002")
    body = application("warish", {**DECEASED, "deceased_nid": spelling}, office_id="union-3271")
    status, problem = api.call("POST", "/v1/applications", body, second)
    assert status == 409 and problem["code"] == "duplicate_application", problem
    assert problem["existing"]["tracking_no"] == case["tracking_no"]


OLD_NID = "2695412345678"  # 13 digits; the same person's 17-digit NID is their birth year and these


@pytest.mark.parametrize(("first_nid", "second_nid"), [("1948" + OLD_NID, OLD_NID), (OLD_NID, "1948" + OLD_NID)])
def test_one_warish_per_deceased_whether_the_nid_has_13_or_17_digits(api: Api, first_nid: str, second_nid: str) -> None:
    body = application("warish", {**DECEASED, "deceased_nid": first_nid})
    status, case = api.call("POST", "/v1/applications", body, api.citizen_token("01711000001"))
    assert status == 201, case
    body = application("warish", {**DECEASED, "deceased_nid": second_nid}, office_id="union-3271")
    status, problem = api.call("POST", "/v1/applications", body, api.citizen_token("01711000002"))
    assert status == 409 and problem["code"] == "duplicate_application", problem
    assert problem["existing"]["tracking_no"] == case["tracking_no"]


def _respell(spelling: str, number: str) -> str:
    """`number` in the same digit scripts and separators as `spelling` is written in."""
    out, digits = [], iter(number)
    for ch in spelling:
        value = unicodedata.decimal(ch, None)
        out.append(chr(ord(ch) - value + int(next(digits))) if value is not None else ch)
    return "".join(out)


@pytest.mark.parametrize("spelling", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_holder_nid_in_any_digits_is_the_ascii_number(api: Api, spelling: str) -> None:
    token = api.citizen_token()
    fields = {**HOLDER, "holder_nid": _respell(spelling, HOLDER["holder_nid"])}
    status, case = api.call("POST", "/v1/applications", application("citizenship", fields), token)
    assert status == 201, case
    status, detail = api.call("GET", f"/v1/applications/{case['id']}", token=token)
    assert detail["fields"]["holder_nid"] == HOLDER["holder_nid"]
    assert detail["identity_check"]["status"] == "matched", detail["identity_check"]


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("holder_name_bn", "রাবেয়া\x00খাতুন"),
        ("holder_name_bn", "রাবেয়া\u202eখাতুন"),
        ("holder_name_en", "Rabeya\u2066Khatun\u2069"),
        ("holder_name_en", "Rabeya\u200fKhatun"),
        ("village_bn", "সুবিল\x07"),
        ("father_name_bn", "মোঃ\u202aআব্দুর রহিম"),
    ],
)
def test_control_and_bidi_characters_are_refused(api: Api, field: str, bad: str) -> None:
    token = api.citizen_token()
    status, problem = api.call("POST", "/v1/applications", application("citizenship", {**HOLDER, field: bad}), token)
    assert status == 422 and problem["code"] == "validation_failed", problem
    error = next(e for e in problem["errors"] if e["field"] == f"fields.{field}")
    assert error["message"] and any("\u0980" <= ch <= "\u09ff" for ch in error["message_bn"])
    assert CaseRecord.count() == 0


def test_bengali_joiners_stay_allowed(api: Api) -> None:
    token = api.citizen_token()
    name = "মোছাঃ রাবেয়া খাতুন\u200c\u200d"
    status, case = api.call(
        "POST", "/v1/applications", application("citizenship", {**HOLDER, "holder_name_bn": name}), token
    )
    assert status == 201, case


def test_staff_names_action_notes_and_revoke_reasons_refuse_controls(api: Api) -> None:
    admin = api.staff_token("union-1", "office_admin")
    body = {"username": "union-1.clerk-x", "password": "Tq8#vLm2!pRz", "role": "udc_operator", "name_bn": "কামাল\u202e"}
    status, problem = api.call("POST", "/v1/offices/union-1/staff", body, admin)
    assert status == 422, problem
    assert any(e["field"] == "name_bn" and e["message_bn"] for e in problem["errors"]), problem
    settings = {"contact": {"address_bn": "সুবিল\u2066বাজার"}}
    status, problem = api.call("PUT", "/v1/offices/union-1/settings", settings, admin)
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["contact.address_bn"], problem

    _citizen, case = approved_case(api)
    number = issuance.issue(case["id"])
    assert number is not None
    case = api.call("GET", f"/v1/applications/{case['id']}", token=_citizen)[1]
    chairman = api.staff_token("union-1", "signatory")
    note = {"action": "revoke", "version": case["version"], "note": "forged\x00"}
    status, problem = api.call("POST", f"/v1/applications/{case['id']}/actions", note, chairman)
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["note"], problem
    status, problem = api.call("POST", f"/v1/certificates/{number}/revoke", {"reason": "forged\u202e"}, chairman)
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["reason"], problem


def test_certificate_and_tracking_numbers_in_any_spelling(api: Api) -> None:
    citizen, case = approved_case(api)
    number = issuance.issue(case["id"])
    assert number is not None
    fullwidth = "".join(chr(ord(ch) + 0xFEE0) for ch in number.lower())  # ｆｕｌｌｗｉｄｔｈ
    spaced = "\u2009".join(number[i : i + 4] for i in range(0, len(number), 4))  # thin spaces
    for spelling in (fullwidth, spaced, number.lower(), "-".join(number)):
        # API Gateway hands the view the decoded path; Chalice's test client passes it as it is.
        status, view = api.call("GET", f"/v1/verify/{spelling}")
        assert status == 200 and view["status"] == "valid", (spelling, view)
    tracking = "".join(chr(0x09E6 + int(ch)) if ch.isdigit() else ch for ch in case["id"])
    status, detail = api.call("GET", f"/v1/applications/{tracking}", token=citizen)
    assert status == 200 and detail["id"] == case["id"], detail


# --- path ids ----------------------------------------------------------------------------------------

BAD_IDS = ["-", "_", "..", "%2e%2e", ".", "--__..", "%00", "%E2%80%AE", "x" * 300, "%EF%BC%8D"]

ROUTES: list[tuple[str, str, str | None, Any]] = [
    # (method, path with {id}, who, body)
    ("GET", "/v1/applications/{id}", "citizen", None),
    ("GET", "/v1/applications/{id}", "secretary", None),
    ("POST", "/v1/applications/{id}/actions", "secretary", {"action": "verify", "version": 1}),
    ("POST", "/v1/applications/{id}/papers/photo/waiver", "secretary", {"note": "seen"}),
    ("POST", "/v1/applications/{id}/consents", None, {"phone": "01811000002", "code": "123456"}),
    ("GET", "/v1/applications/{id}/certificate", "citizen", None),
    ("GET", "/v1/applications/{id}/preview", "secretary", None),
    ("POST", "/v1/applications/{id}/payment", "citizen", {}),
    ("GET", "/v1/applications/{id}/payment", "citizen", None),
    ("POST", "/v1/certificates/{id}/revoke", "secretary", {"reason": "wrong"}),
    ("GET", "/v1/verify/{id}", None, None),
    ("GET", "/v1/status-list/{id}", None, None),
    ("POST", "/v1/me/papers/{id}/complete", "citizen", None),
    ("GET", "/v1/certificate-types/{id}", None, None),
    ("GET", "/v1/offices/{id}", None, None),
    ("GET", "/v1/offices/{id}/charter", None, None),
    ("GET", "/v1/offices/union-1/charter/{id}", None, None),
    ("GET", "/v1/offices/{id}/applications", "secretary", None),
    ("PUT", "/v1/offices/{id}/settings", "admin", {}),
    ("POST", "/v1/offices/{id}/signatories", "admin", {}),
    ("GET", "/v1/offices/{id}/staff", "admin", None),
    ("POST", "/v1/offices/{id}/staff", "admin", {}),
    ("POST", "/v1/offices/union-1/staff/{id}/deactivate", "admin", {"reason": "left"}),
    ("POST", "/v1/offices/union-1/staff/{id}/unlock", "admin", {}),
    ("PUT", "/v1/offices/union-1/staff/{id}/password", "admin", {"password": "Tq8#vLm2!pRz"}),
    ("POST", "/v1/payments/{id}/ipn", None, {"tran_id": "X"}),
    ("GET", "/v1/payments/{id}/return/ABCDEFGHJKMNP", None, None),
    ("GET", "/v1/payments/sslcommerz/return/{id}", None, None),
    ("POST", "/v1/payments/sslcommerz/return/{id}", None, {}),
    ("GET", "/v1/offices/{id}/holdings", "secretary", None),
    ("POST", "/v1/offices/{id}/holdings", "secretary", {}),
    ("GET", "/v1/holdings/{id}", "citizen", None),
    ("PATCH", "/v1/holdings/{id}", "secretary", {"version": 1}),
    ("GET", "/v1/holdings/{id}/history", "citizen", None),
    ("GET", "/v1/holdings/{id}/dues", "citizen", None),
    ("GET", "/v1/holdings/{id}/assessment", "citizen", None),
    ("POST", "/v1/holdings/{id}/bills", "citizen", None),
    ("POST", "/v1/holdings/{id}/payments", "secretary", {"method": "cash", "amount": 10_000}),
    ("POST", "/v1/holdings/{id}/adjustments", "secretary", {"reason_code": "waiver", "amount": 100, "note": "x"}),
    ("GET", "/v1/receipts/{id}", "citizen", None),
    ("GET", "/v1/receipts/{id}/pdf", "citizen", None),
    ("POST", "/v1/receipts/{id}/cancel", "secretary", {"reason": "entered twice"}),
    ("GET", "/v1/bills/{id}", "citizen", None),
    ("GET", "/v1/bills/{id}/notice", "citizen", None),
    ("GET", "/v1/offices/union-1/demand-runs/{id}", "secretary", None),
    ("GET", "/v1/offices/union-1/tax-schedules/{id}", None, None),
    ("PUT", "/v1/offices/union-1/tax-schedules/{id}", "admin", {}),
    ("GET", "/v1/offices/{id}/collections", "secretary", None),
    ("GET", "/v1/offices/{id}/defaulters", "secretary", None),
    ("POST", "/v1/offices/{id}/demand-runs", "secretary", {"fiscal_year": "2026-27"}),
]


class AwsCalls:
    """Every AWS call made while `on`, as (operation, table or bucket): botocore's one door out."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.on = False


@pytest.fixture()
def aws_calls(monkeypatch: pytest.MonkeyPatch) -> AwsCalls:
    import botocore.client

    counter = AwsCalls()
    real = botocore.client.BaseClient._make_api_call

    def counted(client: Any, operation: str, params: dict[str, Any]) -> Any:
        if counter.on:
            where = params.get("TableName") or params.get("Bucket") or ""
            counter.calls.append((f"{client.meta.service_model.service_name}.{operation}", str(where)))
        return real(client, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", counted)
    return counter


def test_every_route_with_a_path_id_is_probed() -> None:
    from app import app

    with_params = {
        (m, p) for p, entry in app.routes.items() if "{" in p for m in entry if not p.startswith("/v1/_local")
    }
    probed = set()
    for method, path, _who, _body in ROUTES:
        for name in (
            "case_id",
            "certificate_no",
            "list_id",
            "paper_id",
            "code",
            "office_id",
            "username",
            "gateway",
            "payment_id",
            "type_code",
            "holding_id",
            "receipt_no",
            "bill_id",
            "run_id",
            "fiscal_year",
        ):
            for route_method, route in with_params:
                if route_method == method and route.replace("{" + name + "}", "{id}") == path.replace(
                    "union-1", "{office_id}"
                ).replace("sslcommerz", "{gateway}").replace("ABCDEFGHJKMNP", "{payment_id}").replace(
                    "/photo/", "/{code}/"
                ):
                    probed.add((route_method, route))
    assert with_params - probed == set()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_malformed_path_ids_are_a_4xx_before_any_aws_call(api: Api, aws_calls: AwsCalls, bad: str) -> None:
    tokens = {
        "citizen": api.citizen_token(),
        "secretary": api.staff_token("union-1", "secretary"),
        "admin": api.staff_token("union-1", "office_admin"),
    }
    # The counter sees lookups: a well-formed unknown tracking number is looked up (and is a 404).
    aws_calls.on = True
    assert api.call("GET", f"/v1/applications/{codes.new_code()}", token=tokens["citizen"])[0] == 404
    aws_calls.on = False
    assert any(op == "dynamodb.GetItem" and table.endswith("cases") for op, table in aws_calls.calls), aws_calls.calls
    for method, path, who, body in ROUTES:
        headers = {"Content-Type": "application/json"}
        if who:
            headers["Authorization"] = f"Bearer {tokens[who]}"
        aws_calls.calls.clear()
        aws_calls.on = True
        r = getattr(api.c.http, method.lower())(
            path.replace("{id}", bad), headers=headers, body=json.dumps(body) if body is not None else None
        )
        aws_calls.on = False
        where = (method, path, bad)
        if "/return/" in path:
            # The gateway's browser return always lands back in the app (decision 45): a malformed
            # id is an unknown payment, named nowhere in the answer.
            assert (r.status_code, r.headers["Location"]) == (303, "/#/applications?payment=unknown"), where
        else:
            assert 400 <= r.status_code < 500, (where, r.status_code, r.body)
        if r.headers.get("Content-Type", "").startswith("application/problem+json"):
            assert json.loads(r.body)["status"] == r.status_code
        # An official's token is checked against their account (one GetItem): nothing else is read.
        looked_up = [c for c in aws_calls.calls if not (who in ("secretary", "admin") and c[1].endswith("-staff"))]
        assert looked_up == [], (where, aws_calls.calls)


@pytest.mark.parametrize("zero", ["\u09e6", "\uff10", "\u0660"], ids=["bengali", "fullwidth", "arabic_indic"])
def test_sign_in_code_typed_as_the_sms_writes_it(api: Api, zero: str) -> None:
    """The SMS writes the code in Bengali digits; a citizen who types it so (or with a space) signs in."""
    phone = "০১৭১১-০০০০০৮"
    assert api.call("POST", "/v1/auth/otp", {"phone": phone})[0] == 202
    _status, box = api.call("GET", "/v1/_local/outbox?phone=01711000008")
    code = code_from_sms(box["items"][0]["text"])
    typed = spell(code[:3], zero) + " " + spell(code[3:], zero)
    status, body = api.call("POST", "/v1/auth/otp/verify", {"phone": "+8801711000008", "code": typed})
    assert status == 200 and body["access_token"], body


@pytest.mark.parametrize("ward", ["৩৩৩", "x", "-1", ""])
def test_a_ward_that_is_not_a_number_is_a_422(api: Api, ward: str) -> None:
    token = api.citizen_token()
    body = {**application("citizenship", HOLDER), "ward": ward}
    status, problem = api.call("POST", "/v1/applications", body, token)
    assert status == 422 and any(e["field"] == "ward" for e in problem["errors"]), problem


@pytest.mark.parametrize(("ward", "number"), [("৩", 3), ("²", 2), ("①", 1), ("٠٤", 4)])
def test_a_ward_in_other_digits_is_the_number(api: Api, ward: str, number: int) -> None:
    """NFKC makes '²' and '①' plain digits; before, str.isdigit passed them and int() raised (500)."""
    token = api.citizen_token()
    status, case = api.call("POST", "/v1/applications", {**application("citizenship", HOLDER), "ward": ward}, token)
    assert status == 201 and case["ward"] == number, case


@pytest.mark.parametrize("limit", ["²", "①", "", "-1", "1e3"])
def test_a_page_size_that_is_not_a_number_is_a_422(api: Api, limit: str) -> None:
    token = api.citizen_token()
    status, problem = api.call("GET", f"/v1/applications?limit={limit}x", token=token)
    assert status == 422 and problem["errors"][0]["field"] == "limit", problem
    assert api.call("GET", "/v1/applications?limit=৩", token=token)[0] == 200  # Bengali digits are digits
