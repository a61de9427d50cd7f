"""What API Gateway answers by itself (no Lambda runs), as the same problem+json the app writes.

One table, two users: infra/api.py turns it into the REST API's Gateway Responses, and the local
stack (local/gateway.py) answers Chalice's local gateway errors from it, so a missing token, a
refused token or an unknown route reads the same under `make run`, in tests and in the cloud.
Pure data: no AWS, no Chalice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.errors import AppError, forbidden, not_found, unauthorized

SLOW_DOWN = ("Too many requests", "অনেক বেশি অনুরোধ")
FAILED = ("Something went wrong on our side", "আমাদের দিকে একটি সমস্যা হয়েছে")
REFUSED = ("Bad request", "অনুরোধটি সঠিক নয়")


def problem_body(err: AppError) -> dict[str, Any]:
    """The problem+json document for an error (chalicelib/api/http.py answers with it too)."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "status": err.status,
        "code": err.code,
        "title": err.title,
        "title_bn": err.title_bn,
        "detail": err.detail,
    }
    if err.errors:
        body["errors"] = [e.as_dict() for e in err.errors]
    body.update(err.extra)
    return body


@dataclass(frozen=True)
class GatewayProblem:
    error: AppError
    retry_after: int | None = None  # seconds, for 429s

    def body(self) -> str:
        return json.dumps(problem_body(self.error), ensure_ascii=False)


def _err(status: int, code: str, titles: tuple[str, str], detail: str) -> AppError:
    return AppError(status, code, titles[0], titles[1], detail)


NOT_CHECKED = "sign-in could not be checked; please try again"
BAD_TOKEN = "the token is not valid, has expired or no longer speaks for its account; sign in again"

# Every API Gateway response type (docs: "Gateway response types for API Gateway"), each with a
# fixed status, so the body's `status` is always the one sent. DEFAULT_4XX/DEFAULT_5XX catch any
# type AWS adds later.
GATEWAY_PROBLEMS: dict[str, GatewayProblem] = {
    "UNAUTHORIZED": GatewayProblem(unauthorized("send Authorization: Bearer <token> (POST /v1/auth/...)")),
    "ACCESS_DENIED": GatewayProblem(forbidden(BAD_TOKEN)),
    "EXPIRED_TOKEN": GatewayProblem(forbidden(BAD_TOKEN)),
    "INVALID_SIGNATURE": GatewayProblem(forbidden("the request's signature is not valid")),
    "INVALID_API_KEY": GatewayProblem(unauthorized("a valid X-Api-Key is required")),  # as the app answers
    "WAF_FILTERED": GatewayProblem(forbidden("the request was refused by the firewall")),
    # API Gateway's answer for a route or method it does not have (403 by default): a 404 here.
    "MISSING_AUTHENTICATION_TOKEN": GatewayProblem(not_found("Route")),
    "RESOURCE_NOT_FOUND": GatewayProblem(not_found("Route")),
    "THROTTLED": GatewayProblem(
        _err(429, "throttled", SLOW_DOWN, "the API is busy; retry after a second"), retry_after=1
    ),
    "QUOTA_EXCEEDED": GatewayProblem(
        _err(429, "quota_exceeded", SLOW_DOWN, "this key's daily quota is used up"), retry_after=3600
    ),
    "BAD_REQUEST_BODY": GatewayProblem(_err(400, "bad_request", REFUSED, "the body was refused")),
    "BAD_REQUEST_PARAMETERS": GatewayProblem(_err(400, "bad_request", REFUSED, "the parameters were refused")),
    "REQUEST_TOO_LARGE": GatewayProblem(
        _err(413, "payload_too_large", ("The request body is too large", "অনুরোধটি অনেক বড়"), "the body is too large")
    ),
    "UNSUPPORTED_MEDIA_TYPE": GatewayProblem(
        _err(415, "unsupported_media_type", ("Send JSON", "JSON আকারে পাঠান"), "Content-Type must be application/json")
    ),
    "AUTHORIZER_FAILURE": GatewayProblem(_err(500, "internal_error", FAILED, NOT_CHECKED)),
    "AUTHORIZER_CONFIGURATION_ERROR": GatewayProblem(_err(500, "internal_error", FAILED, NOT_CHECKED)),
    "API_CONFIGURATION_ERROR": GatewayProblem(_err(500, "internal_error", FAILED, "please try again")),
    "INTEGRATION_FAILURE": GatewayProblem(_err(504, "upstream_failed", FAILED, "please try again")),
    "INTEGRATION_TIMEOUT": GatewayProblem(_err(504, "upstream_timeout", FAILED, "please try again")),
    "DEFAULT_4XX": GatewayProblem(_err(400, "bad_request", REFUSED, "the request was refused")),
    "DEFAULT_5XX": GatewayProblem(_err(502, "gateway_error", FAILED, "please try again")),
}
