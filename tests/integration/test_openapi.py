"""GET /v1/openapi.json describes every route Chalice serves, with request and response schemas."""

from __future__ import annotations

import re

from app import app
from tests.integration.conftest import Api


def test_every_route_is_documented(api: Api) -> None:
    status, doc = api.call("GET", "/v1/openapi.json")
    assert status == 200 and doc["openapi"].startswith("3.")
    schemas = doc["components"]["schemas"]
    served = {(path, method.lower()) for path, methods in app.routes.items() for method in methods}
    documented = {(path, method) for path, ops in doc["paths"].items() for method in ops}
    assert served == documented
    for (path, method), op in ((k, doc["paths"][k[0]][k[1]]) for k in documented):
        ok = [code for code in op["responses"] if code[0] in "23"]  # the gateway return: a 303
        assert ok, (path, method)
        if method in ("post", "put"):
            assert "requestBody" in op, (path, method)
        for ref in re.findall(r"#/components/schemas/(\w+)", str(op)):
            assert ref in schemas, ref
        for name in re.findall(r"{(\w+)}", path):
            assert any(p["name"] == name and p["in"] == "path" for p in op.get("parameters", [])), (path, name)


def test_shared_statuses_are_declared_by_construction() -> None:
    """Issue 11 item 8: 400 malformed_json (11 operations), 413, 415 and the authorizer's 401/403 were
    answered but not declared. What the plumbing answers is declared once, for every operation."""
    from chalicelib.api.contract.document import document

    for path, item in document()["paths"].items():
        for method, op in item.items():
            declared = set(op["responses"])
            assert {"429", "5XX"} <= declared, (path, method)
            body = op.get("requestBody", {})
            if body.get("required") and "application/json" in body["content"]:
                assert {"400", "413", "415"} <= declared, (path, method)
            if {"bearer": []} in op.get("security", []):
                assert {"401", "403"} <= declared, (path, method)
    returns = document()["paths"]["/v1/payments/{gateway}/return/{payment_id}"]
    # Back from the gateway, always back to the app (an unknown payment too): a 303 (decision 45).
    assert all("Location" in op["responses"]["303"]["headers"] for op in returns.values())
