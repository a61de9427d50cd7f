"""What API Gateway answers by itself (no Lambda runs), as the same problem+json the app writes.

One table, two users: infra/api.py turns it into the REST API's Gateway Responses, and the local
stack (local/gateway.py) answers Chalice's local gateway errors from it, so a missing token, a
refused token or an unknown route reads the same under `make run`, in tests and in the cloud.
Pure data: no AWS, no Chalice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from chalicelib.api.problems import problem_body, status_of
from chalicelib.domain.errors import AppError, forbidden, not_found, unauthorized


@dataclass(frozen=True)
class GatewayProblem:
    error: AppError
    retry_after: int | None = None  # seconds, for 429s

    @property
    def status(self) -> int:
        return status_of(self.error)

    def body(self) -> str:
        return json.dumps(problem_body(self.error), ensure_ascii=False)


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
    "THROTTLED": GatewayProblem(AppError("throttled", "the API is busy; retry after a second"), retry_after=1),
    "QUOTA_EXCEEDED": GatewayProblem(AppError("quota_exceeded", "this key's daily quota is used up"), retry_after=3600),
    "BAD_REQUEST_BODY": GatewayProblem(AppError("bad_request", "the body was refused")),
    "BAD_REQUEST_PARAMETERS": GatewayProblem(AppError("bad_request", "the parameters were refused")),
    "REQUEST_TOO_LARGE": GatewayProblem(AppError("payload_too_large", "the body is too large")),
    "UNSUPPORTED_MEDIA_TYPE": GatewayProblem(
        AppError("unsupported_media_type", "Content-Type must be application/json")
    ),
    "AUTHORIZER_FAILURE": GatewayProblem(AppError("internal_error", NOT_CHECKED)),
    "AUTHORIZER_CONFIGURATION_ERROR": GatewayProblem(AppError("internal_error", NOT_CHECKED)),
    "API_CONFIGURATION_ERROR": GatewayProblem(AppError("internal_error", "please try again")),
    "INTEGRATION_FAILURE": GatewayProblem(AppError("upstream_failed", "please try again")),
    "INTEGRATION_TIMEOUT": GatewayProblem(AppError("upstream_timeout", "please try again")),
    "DEFAULT_4XX": GatewayProblem(AppError("bad_request", "the request was refused")),
    "DEFAULT_5XX": GatewayProblem(AppError("gateway_error", "please try again")),
}
