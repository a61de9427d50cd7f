"""GET /v1/openapi.json, generated from the route table and its models (decision 56)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from chalicelib.api.contract.case_routes import APPLICATIONS, JOURNEY, PAYMENTS
from chalicelib.api.contract.extras_routes import EXTRAS
from chalicelib.api.contract.holding_routes import HOLDINGS
from chalicelib.api.contract.ledger_routes import LEDGER
from chalicelib.api.contract.office_routes import OFFICES
from chalicelib.api.contract.public import Problem
from chalicelib.api.contract.revenue_document_routes import REVENUE_DOCUMENTS
from chalicelib.api.contract.routes import AUTH, HTML, PUBLIC, REDIRECT, Op
from chalicelib.api.contract.run_routes import RUNS

ROUTES: tuple[Op, ...] = (
    *PUBLIC,
    *AUTH,
    *APPLICATIONS,
    *PAYMENTS,
    *JOURNEY,
    *OFFICES,
    *HOLDINGS,
    *RUNS,
    *LEDGER,
    *REVENUE_DOCUMENTS,
    *EXTRAS,
)

REF = "#/components/schemas/{model}"
PROBLEM_RESPONSE = {
    "description": "Problem",
    "content": {"application/problem+json": {"schema": {"$ref": REF.format(model="Problem")}}},
}
# What every operation can answer whatever it does: API Gateway's stage throttle (429) and the
# 5xx that DESIGN §8 promises never to send but a client must still be able to read.
EVERY_OPERATION = ("429", "5XX")
# An operation that reads a JSON body can refuse it: malformed or nested too deep (400), too large
# (413), not JSON (415) — chalicelib/api/http.py json_body.
JSON_BODY = ("400", "413", "415")
# A protected route: no token (401), a token the authorizer refuses (403) — the gateway's answers,
# chalicelib/api/gateway_problems.py.
SIGNED_IN = ("401", "403")
PAGE = {
    "limit": {"type": "integer", "minimum": 1, "maximum": 100},
    "cursor": {"type": "string"},
}
ANY_OBJ = {"type": "object"}


def _param(name: str, where: str, schema: Any, required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required or where == "path", "schema": schema}


def schemas_of(models: list[Any]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Each model's JSON schema (a $ref where it is named) and the named ones, together."""
    from pydantic import TypeAdapter
    from pydantic.json_schema import GenerateJsonSchema

    class Untitled(GenerateJsonSchema):
        def field_title_should_be_set(self, schema: Any) -> bool:
            return False

    inputs = [(i, "validation", TypeAdapter(model)) for i, model in enumerate(models)]
    keyed, defs = TypeAdapter.json_schemas(inputs, ref_template=REF, schema_generator=Untitled)  # type: ignore[arg-type]
    return [keyed[(i, "validation")] for i in range(len(models))], defs.get("$defs", {})


def _responses(op: Op, ok: dict[str, Any] | None) -> dict[str, Any]:
    status, model = op.ok
    if model == HTML:
        answer: dict[str, Any] = {"description": "HTML page", "content": {HTML: {"schema": {"type": "string"}}}}
    elif model == REDIRECT:
        # Always back to the service, whatever became of the payment (an unknown one too):
        # /#/applications?payment=paid|failed|cancelled|pending|unknown[&ref=...]
        answer = {
            "description": "To the citizen's applications in the web app, with the outcome",
            "headers": {"Location": {"required": True, "schema": {"type": "string"}}},
        }
    else:
        answer = {"description": "OK", "content": {"application/json": {"schema": ok}}}
    responses = {str(status): answer}
    shared = [*map(str, op.errors), *(SIGNED_IN if op.auth == "bearer" else ()), *EVERY_OPERATION]
    if op.body is not None:
        shared += JSON_BODY
    for code in shared:
        responses.setdefault(code, PROBLEM_RESPONSE)
    return responses


def _request_body(op: Op, schema: dict[str, Any] | None) -> dict[str, Any] | None:
    if op.body is not None:
        return {"required": True, "content": {"application/json": {"schema": schema}}}
    if op.optional_body:
        return {"required": False, "content": {"application/json": {"schema": ANY_OBJ}}}
    if op.form_body:
        return {"content": {"application/x-www-form-urlencoded": {"schema": ANY_OBJ}}}
    return None


def _parameters(op: Op, query: dict[str, Any] | None) -> list[dict[str, Any]]:
    params = [_param(name, "path", {"type": "string"}) for name in re.findall(r"{(\w+)}", op.path)]
    if query is not None:
        required = set(query.get("required", []))
        params += [_param(n, "query", s, n in required) for n, s in query.get("properties", {}).items()]
    if op.paged:
        params += [_param(name, "query", schema) for name, schema in PAGE.items()]
    if op.idempotent:
        params.append(_param("Idempotency-Key", "header", {"type": "string"}))
    return params


def _operation(op: Op, ok: Any, body: Any, query: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"summary": op.summary, "responses": _responses(op, ok)}
    request_body = _request_body(op, body)
    if request_body:
        out["requestBody"] = request_body
    if op.auth:
        out["security"] = [{op.auth: []}]
    params = _parameters(op, query)
    if params:
        out["parameters"] = params
    return out


def _described(op: Op, schema: dict[str, Any]) -> dict[str, Any]:
    if op.path.endswith("/ipn"):
        return {**schema, "description": "what the gateway posts (form or JSON); trusted only to name the payment"}
    return schema


@cache
def document() -> dict[str, Any]:
    models: list[Any] = [Problem]
    for op in ROUTES:
        models += [op.ok[1] if op.ok[1] not in (HTML, REDIRECT) else str, op.body or str, op.query or str]
    found, components = schemas_of(models)
    paths: dict[str, Any] = {}
    for i, op in enumerate(ROUTES):
        ok, body, named = found[1 + 3 * i : 4 + 3 * i]
        query = components.get(named["$ref"].rsplit("/", 1)[-1]) if "$ref" in named else None
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op, ok, _described(op, body), query)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Sonod Sheba API",
            "version": "1.0.0",
            "description": "Certificates (সনদ) of Bangladesh's local governments. Errors are "
            "application/problem+json with English and Bengali titles. Money is integer poisha.",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": {name: s for name, s in components.items() if not name.endswith("Query")},
            "securitySchemes": {
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
            },
        },
    }
