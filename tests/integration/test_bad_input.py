"""Every bad input gets a 4xx application/problem+json in English and Bengali, and writes nothing."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from chalicelib.adapters.tables import CaseRecord, Claim
from chalicelib.domain.errors import AppError
from local.stack import Stack
from tests.integration.conftest import Api
from tests.integration.flows import DECEASED, HOLDER, application


def assert_problem(
    api: Api,
    method: str,
    path: str,
    status: int,
    code: str,
    *,
    raw: str | bytes | None = None,
    body: object = None,
    token: str | None = None,
    content_type: str = "application/json",
) -> dict:
    headers = {"Content-Type": content_type}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = raw if raw is not None else (json.dumps(body) if body is not None else None)
    r = getattr(api.c.http, method.lower())(path, headers=headers, body=data)
    assert r.status_code == status, r.body
    assert r.headers["Content-Type"] == "application/problem+json"
    problem = json.loads(r.body)
    assert problem["status"] == status and problem["code"] == code
    assert problem["title"] and problem["title_bn"] and any("\u0980" <= ch <= "\u09ff" for ch in problem["title_bn"])
    return problem


def nothing_written() -> None:
    assert CaseRecord.count() == 0 and Claim.count() == 0


def test_malformed_and_wrong_bodies(api: Api) -> None:
    token = api.citizen_token()
    assert_problem(api, "POST", "/v1/applications", 400, "malformed_json", raw="{not json", token=token)
    assert_problem(api, "POST", "/v1/applications", 400, "malformed_json", raw="[1, 2]", token=token)
    assert_problem(
        api,
        "POST",
        "/v1/applications",
        415,
        "unsupported_media_type",
        raw="a=b",
        token=token,
        content_type="application/x-www-form-urlencoded",
    )
    big = json.dumps(application("citizenship", {**HOLDER, "village_bn": "ক" * 70000}))
    assert_problem(api, "POST", "/v1/applications", 413, "payload_too_large", raw=big, token=token)
    assert_problem(api, "POST", "/v1/applications", 400, "malformed_json", raw=b"\xff\xfe", token=token)
    nothing_written()


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"office_id": "union-1", "type": "no_such_type", "ward": 1, "fields": {}}, {"type"}),
        ({"office_id": "no-such-office", "type": "citizenship", "ward": 1, "fields": HOLDER}, {"office_id"}),
        ({"office_id": "union-1", "type": "citizenship", "ward": 12, "fields": HOLDER}, {"ward"}),
        ({"office_id": "union-1", "type": "citizenship", "ward": 1, "fields": {}}, {"fields.holder_name_bn"}),
        (application("citizenship", {**HOLDER, "holder_nid": "12345"}), {"fields.holder_nid"}),
        (application("citizenship", {**HOLDER, "holder_name_bn": "Rabeya"}), {"fields.holder_name_bn"}),
        (application("citizenship", {**HOLDER, "holder_dob": "2999-01-01"}), {"fields.holder_dob"}),
        (application("citizenship", {**HOLDER, "shoe_size": "42"}), {"fields.shoe_size"}),
        (application("warish", {k: v for k, v in DECEASED.items() if k != "deceased_nid"}), {"fields.deceased_nid"}),
        (
            application("warish", {**DECEASED, "heirs": [{"name_bn": "কামাল", "relation": "cousin", "is_adult": "yes"}]}),
            {"fields.heirs[0].relation"},
        ),
    ],
)
def test_invalid_applications(api: Api, body: dict, fields: set[str]) -> None:
    token = api.citizen_token()
    problem = assert_problem(api, "POST", "/v1/applications", 422, "validation_failed", body=body, token=token)
    reported = {e["field"] for e in problem["errors"]}
    assert fields <= reported, problem["errors"]
    assert all(e["message"] for e in problem["errors"])
    nothing_written()


def test_bengali_digits_are_accepted(api: Api) -> None:
    token = api.citizen_token()
    fields = {**HOLDER, "holder_nid": "১৯৮৭৬৫৪৩২১", "holder_dob": "১৯৯০-০৪-১৪"}
    status, case = api.call("POST", "/v1/applications", application("citizenship", fields), token)
    assert status == 201, case
    status, detail = api.call("GET", f"/v1/applications/{case['id']}", token=token)
    assert detail["fields"]["holder_nid"] == "1987654321" and detail["fields"]["holder_dob"] == "1990-04-14"


def test_actions_and_lookups(api: Api) -> None:
    token = api.citizen_token()
    assert_problem(api, "GET", "/v1/applications/NOSUCHCASE", 404, "not_found", token=token)
    assert_problem(api, "GET", "/v1/certificate-types/nope", 404, "not_found")
    assert_problem(api, "GET", "/v1/offices/nope", 404, "not_found")
    assert_problem(api, "GET", "/v1/offices", 422, "validation_failed")
    assert_problem(api, "GET", "/v1/offices?q=a", 422, "validation_failed")
    assert_problem(api, "GET", "/v1/offices?kind=village&q=sub", 422, "validation_failed")
    assert_problem(api, "GET", "/v1/applications?limit=1000", 422, "validation_failed", token=token)
    # more digits than int() reads (4,300) was a 500
    assert_problem(api, "GET", f"/v1/applications?limit={'9' * 5000}", 422, "validation_failed", token=token)
    _, case = api.call("POST", "/v1/applications", application("citizenship", HOLDER), token)
    path = f"/v1/applications/{case['id']}/actions"
    assert_problem(api, "POST", path, 422, "validation_failed", body={"action": "cancel"}, token=token)
    assert_problem(api, "POST", path, 422, "unknown_action", body={"action": "fly", "version": 1}, token=token)
    assert_problem(api, "POST", path, 403, "forbidden", body={"action": "approve", "version": 1}, token=token)
    assert_problem(api, "POST", "/v1/auth/otp", 422, "validation_failed", body={"phone": "12345"})
    assert_problem(api, "POST", "/v1/auth/otp/verify", 401, "unauthorized", body={"phone": "01711000077", "code": "1"})
    assert_problem(api, "POST", "/v1/auth/login", 401, "unauthorized", body={"username": "x", "password": "y"})
    assert_problem(api, "POST", "/v1/auth/login", 422, "validation_failed", body={})


BAD_JSON_BODIES = {
    "array": "[" * 1000 + "]" * 1000,
    "object": '{"a":' * 1000 + "1" + "}" * 1000,
    # Review of issue 11: Python refuses to convert integers of more than 4,300 digits (ValueError,
    # not JSONDecodeError), so a 5 KB number was a 500 on every JSON operation.
    "huge_integer": '{"a": ' + "9" * 5000 + "}",
    # Not JSON (RFC 8259), though json.loads takes them.
    "nan": '{"a": NaN}',
    "infinity": '{"a": -Infinity}',
}


def json_operations() -> list[tuple[str, str, dict]]:
    """Every operation that reads a JSON body, path parameters filled with plausible values."""
    from chalicelib.api.contract.document import document
    from tests.integration.test_contract import PATH_VALUES as values

    ops = []
    for path, item in document()["paths"].items():
        for method, op in item.items():
            body = op.get("requestBody", {})
            if body.get("required") and "application/json" in body["content"]:
                ops.append((method.upper(), path.format(**values), op["responses"]))
    return ops


@pytest.mark.parametrize("shape", sorted(BAD_JSON_BODIES))
def test_deep_or_unparseable_json_is_a_400_on_every_json_operation(api: Api, shape: str) -> None:
    """Issue 11 item 5: a 2 KB body nested 1,000 levels deep was a RecursionError (500); so was a
    body that is not JSON in other ways json.loads does not report as JSONDecodeError."""
    tokens = {"citizen": api.citizen_token(), "admin": api.staff_token("union-1", "office_admin")}
    ops = json_operations()
    assert len(ops) >= 19
    answers = {}
    for method, path, declared in ops:
        for who, token in tokens.items():
            headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
            r = getattr(api.c.http, method.lower())(path, headers=headers, body=BAD_JSON_BODIES[shape])
            assert r.headers["Content-Type"] == "application/problem+json", (method, path, r.body)
            answers[(method, path, who)] = (r.status_code, json.loads(r.body)["code"])
            assert str(r.status_code) in declared, (method, path, r.status_code)  # in its OpenAPI entry
    parsed = {op: answer for op, answer in answers.items() if answer[1] != "not_found"}
    odd = {op: answer for op, answer in parsed.items() if answer != (400, "malformed_json")}
    assert parsed and not odd, odd
    nothing_written()


def test_json_nested_to_the_limit_is_parsed() -> None:
    from chalicelib.api.http import MAX_JSON_DEPTH, parse_json

    assert parse_json(("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH).encode()) is not None
    inside_a_string = "[" * 100 + '\\"]]'
    assert parse_json(json.dumps({"a": inside_a_string}).encode()) == {"a": inside_a_string}
    with pytest.raises(AppError):
        parse_json(("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)).encode())


@pytest.mark.parametrize(
    ("method", "path", "headers", "status", "code"),
    [
        ("GET", "/v1/offices/union-1/applications", {}, 401, "unauthorized"),  # no Authorization header
        ("GET", "/v1/offices/union-1/applications", {"Authorization": "Bearer garbage"}, 403, "forbidden"),
        ("POST", "/v1/applications", {"Authorization": "Bearer a.b.c"}, 403, "forbidden"),
        ("GET", "/v1/me", {"Authorization": "garbage"}, 403, "forbidden"),
        ("GET", "/v1/no-such-route", {}, 404, "not_found"),
        ("GET", "/v1/no-such-route", {"Authorization": "Bearer garbage"}, 404, "not_found"),
        ("DELETE", "/v1/health", {}, 404, "not_found"),  # a method the path does not have
    ],
)
def test_gateway_refusals_are_problems(
    api: Api, method: str, path: str, headers: dict[str, str], status: int, code: str
) -> None:
    """Issue 11 item 8: the authorizer's 401/403 were {"message": "Unauthorized"}, not problem+json."""
    r = getattr(api.c.http, method.lower())(path, headers=headers)
    assert r.status_code == status and r.headers["Content-Type"] == "application/problem+json", r.body
    problem = json.loads(r.body)
    assert problem["status"] == status and problem["code"] == code
    assert problem["title"] and any("\u0980" <= ch <= "\u09ff" for ch in problem["title_bn"])


def test_gateway_refusals_are_problems_on_the_live_stack(live: Stack) -> None:
    """The local server answers what API Gateway refuses by itself as the cloud's Gateway Responses do."""
    cases = [
        ("GET", "/v1/offices/union-1/applications", {}, 401, "unauthorized"),
        ("GET", "/v1/me", {"Authorization": "Bearer garbage"}, 403, "forbidden"),
        ("GET", "/v1/no-such-route", {}, 404, "not_found"),
        ("TRACE", "/v1/health", {}, 404, "not_found"),  # was http.server's own 501 HTML page
        ("QUERY", "/v1/applications", {"Authorization": "Bearer garbage"}, 404, "not_found"),
    ]
    for method, path, headers, status, code in cases:
        request = urllib.request.Request(live.api_url + path, method=method, headers=headers)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == status, (method, path)
        assert refused.value.headers["Content-Type"] == "application/problem+json"
        problem = json.loads(refused.value.read())
        assert (problem["status"], problem["code"]) == (status, code) and problem["title"] and problem["title_bn"]


@pytest.mark.parametrize(
    ("path", "who"),
    [
        ("/v1/offices/union-1/applications", "secretary"),
        ("/v1/applications", "citizen"),
        ("/v1/me/access-log", "citizen"),
    ],
)
def test_a_deeply_nested_cursor_is_a_400(api: Api, path: str, who: str) -> None:
    """Review of issue 11: a list cursor is base64 JSON; 1,500 nested arrays in it were a
    RecursionError (500) on every list."""
    import base64

    token = api.citizen_token() if who == "citizen" else api.staff_token("union-1", who)
    cursor = base64.urlsafe_b64encode(b"[" * 1500).decode().rstrip("=")
    assert_problem(api, "GET", f"{path}?cursor={cursor}", 400, "invalid_cursor", token=token)
