"""How an error reads over HTTP: the one place that chooses statuses (decision 57).

Below `api/`, errors are raised by code (chalicelib/domain/errors.py); the catalog gives each code
a kind, and this table gives each kind its status. Pure data: no AWS, no Chalice (infra/api.py and
local/gateway.py read API Gateway's own answers through api/gateway_problems.py, which uses it).
"""

from __future__ import annotations

from typing import Any

from chalicelib.domain.errors import AppError, Kind

STATUS: dict[Kind, int] = {
    Kind.MALFORMED: 400,
    Kind.UNAUTHORIZED: 401,
    Kind.FORBIDDEN: 403,
    Kind.NOT_FOUND: 404,
    Kind.CONFLICT: 409,
    Kind.TOO_LARGE: 413,
    Kind.UNSUPPORTED: 415,
    Kind.INVALID: 422,
    Kind.TOO_MANY: 429,
    Kind.INTERNAL: 500,
    Kind.BAD_GATEWAY: 502,
    Kind.UNAVAILABLE: 503,
    Kind.TIMEOUT: 504,
}


def status_of(err: AppError) -> int:
    return STATUS[err.kind]


def problem_body(err: AppError) -> dict[str, Any]:
    """The problem+json document for an error (api/http.py answers with it, API Gateway too)."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "status": status_of(err),
        "code": err.code,
        "title": err.title,
        "title_bn": err.title_bn,
        "detail": err.detail,
    }
    if err.errors:
        body["errors"] = [e.as_dict() for e in err.errors]
    body.update(err.extra)
    return body
