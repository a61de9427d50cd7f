"""The contract is declared once (decision 56): every route Chalice serves is in the route table
and the document, and each route parses its body through the model the document declares.

For every operation with a declared JSON body: an example built from the declared schema passes
the route's parser (the route checks it against exactly the declared model), a body with a field
of the wrong JSON type is refused by the parser with 422 naming that field, and a body missing a
required field is refused (422 naming it, where the domain checks are reached)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from app import app
from chalicelib.api.contract import parsing
from chalicelib.api.contract.cases import GatewayCallback
from chalicelib.api.contract.document import ROUTES, document
from chalicelib.api.contract.routes import Op
from tests.integration.conftest import Api

PATH_VALUES = {
    "office_id": "union-1",
    "case_id": "NOSUCHCASE",
    "certificate_no": "NOSUCHCERT",
    "gateway": "sslcommerz",
    "username": "union-1.secretary",
    "paper_id": "NOSUCHPAPER",
    "payment_id": "NOSUCHPAY",
    "holding_id": "H0000000000000000",
    "code": "photo",
    "fiscal_year": "2026-27",
    "run_id": "NOSUCHRUN",
    "receipt_no": "NOSUCHRECEIPT",
    "bill_id": "NOSUCHBILL",
}
SAMPLE = {"string": "x", "integer": 1, "number": 1.5, "boolean": False, "object": {}, "array": []}
# A value of another JSON type than the declared one, which no lax reading turns into it.
WRONG = {"string": [], "integer": [], "number": [], "boolean": [], "object": "x", "array": "x", "null": []}


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    components = document()["components"]["schemas"]
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def json_type(schema: dict[str, Any]) -> str:
    schema = resolve(schema)
    if "anyOf" in schema:
        return json_type(schema["anyOf"][0])
    if "properties" in schema:
        return "object"
    return str(schema.get("type", "object"))


def example(schema: dict[str, Any]) -> Any:
    """The smallest instance of `schema`: its required properties, each with a plain value."""
    schema = resolve(schema)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    if "anyOf" in schema:
        return example(schema["anyOf"][0])
    kind = json_type(schema)
    if kind == "object":
        props = schema.get("properties", {})
        return {name: example(props[name]) for name in schema.get("required", [])}
    return SAMPLE[kind]


def body_operations() -> list[Op]:
    """Every operation with a JSON body (a gateway's callback aside: form or JSON, read as text by
    api/http.py callback_fields and trusted for nothing but which payment to ask about)."""
    return [op for op in ROUTES if op.body is not None and op.body is not GatewayCallback]


def declared_schema(op: Op) -> dict[str, Any]:
    declared = document()["paths"][op.path][op.method.lower()]["requestBody"]["content"]["application/json"]
    return resolve(declared["schema"])


class Parsed:
    """What the route's parser was asked to check, and whether it refused."""

    def __init__(self) -> None:
        self.calls: list[tuple[type, bool]] = []


@pytest.fixture()
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[Parsed]:
    record = Parsed()
    real = parsing.check

    def spy(value: Any, model: type) -> None:
        try:
            real(value, model)
        except Exception:
            record.calls.append((model, False))
            raise
        record.calls.append((model, True))

    monkeypatch.setattr(parsing, "check", spy)
    yield record


def send(api: Api, op: Op, body: Any, token: str) -> tuple[int, Any]:
    path = op.path.format(**PATH_VALUES)
    return api.call(op.method, path, body, token=token if op.auth == "bearer" else None)


def test_every_route_is_in_the_table_and_the_document() -> None:
    served = {(path, method) for path, methods in app.routes.items() for method in methods}
    tabled = {(op.path, op.method) for op in ROUTES}
    documented = {(path, method.upper()) for path, ops in document()["paths"].items() for method in ops}
    assert served == tabled == documented
    assert len(tabled) == len(ROUTES)  # no operation twice
    for op in ROUTES:
        if op.method in ("POST", "PUT"):  # a request model, or explicitly none (optional or a gateway's form)
            assert op.body is not None or op.optional_body or op.form_body, (op.method, op.path)


def test_every_declared_body_is_what_its_route_parses(api: Api, parsed: Parsed) -> None:
    token = api.citizen_token()
    operations = body_operations()
    assert len(operations) >= 20
    for op in operations:
        schema = declared_schema(op)
        good = example(schema)
        parsed.calls.clear()
        status, answer = send(api, op, good, token)
        assert parsed.calls == [(op.body, True)], (op.method, op.path, status, answer)

        target = next(iter(schema.get("required") or schema["properties"]))
        wrong = {**good, target: WRONG[json_type(schema["properties"][target])]}
        parsed.calls.clear()
        status, problem = send(api, op, wrong, token)
        assert status == 422 and problem["code"] == "validation_failed", (op.path, wrong, problem)
        assert parsed.calls == [(op.body, False)], (op.method, op.path)
        assert [e["field"] for e in problem["errors"]] == [target], (op.path, problem)
        assert all(e["message"] and e["message_bn"] for e in problem["errors"])


# Operations whose body is checked before any record is looked up or any role asked for: a
# missing required field is a 422 whoever calls. (Elsewhere the domain checks run
# after the case, office or role is found: a made-up case is a 404 first.)
MISSING_IS_422 = {
    ("POST", "/v1/auth/otp"),
    ("POST", "/v1/auth/otp/verify"),
    ("POST", "/v1/auth/login"),
    ("PUT", "/v1/me"),
    ("POST", "/v1/me/papers"),
    ("POST", "/v1/applications"),
    ("POST", "/v1/consent-links"),
}


def test_a_missing_required_field_is_a_422(api: Api, parsed: Parsed) -> None:
    """The parser passes a body whose only fault is a missing field on to the domain checks,
    which report it with every other problem at once (decision 56): still a 422."""
    token = api.citizen_token()
    checked = set()
    for op in body_operations():
        schema = declared_schema(op)
        good = example(schema)
        for target in schema.get("required", []):
            parsed.calls.clear()
            status, problem = send(api, op, {k: v for k, v in good.items() if k != target}, token)
            assert parsed.calls == [(op.body, True)], (op.method, op.path)
            assert 400 <= status < 500, (op.path, target, problem)
            if (op.method, op.path) in MISSING_IS_422:
                # 422; naming the field where the example's other (placeholder) values pass the
                # domain's checks: otp/verify stops at the placeholder phone, say.
                assert status == 422 and problem["code"] == "validation_failed", (op.path, target, problem)
                checked.add((op.method, op.path))
    assert checked == MISSING_IS_422


def test_a_refusal_names_nested_fields_as_the_domain_checks_do(api: Api) -> None:
    """pydantic's error paths become ours: dotted, list positions in brackets, Bengali messages."""
    token = api.citizen_token()
    body = {"office_id": "union-1", "type": "citizenship", "ward": "one", "fields": [], "on_behalf_of": {"code": {}}}
    status, problem = api.call("POST", "/v1/applications", body, token)
    assert status == 422 and problem["code"] == "validation_failed"
    assert {e["field"] for e in problem["errors"]} == {"ward", "fields", "on_behalf_of.code"}
    assert all(any("\u0980" <= ch <= "\u09ff" for ch in e["message_bn"]) for e in problem["errors"])
    assert parsing.field_path(("fields", "heirs", 0, "relation")) == "fields.heirs[0].relation"


def test_the_document_is_generated_once_per_container() -> None:
    first = document()
    assert document() is first and json.dumps(first)


def test_a_null_member_reads_as_absent_as_the_domain_checks_read_it(api: Api) -> None:
    """Before the contract, `"papers": null` (or `draft`, `on_behalf_of`) filed the application and
    a null required field got the domain's own message; the model's check must not refuse first."""
    from tests.integration.flows import HOLDER, application

    token = api.citizen_token()
    body = {**application("citizenship", HOLDER), "draft": None, "on_behalf_of": None}
    status, created = api.call("POST", "/v1/applications", body, token)
    assert status == 201, created
    status, created = api.call("POST", "/v1/applications", {**body, "papers": None, "draft": True}, token)
    assert status == 201, created
    status, problem = api.call("POST", "/v1/applications", {**body, "office_id": None}, token)
    assert status == 422 and problem["errors"][0]["field"] == "office_id"
    assert problem["errors"][0]["message_bn"] == "কার্যালয় নির্বাচন করুন"
