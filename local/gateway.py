"""Chalice's local gateway answering as the deployed API Gateway does, for `make run` and the tests.

Chalice's LocalGateway (used by `chalice local`, by the local stack's server and by the Chalice
test client) writes its own bodies when it refuses a request itself: `{"message": "Unauthorized"}`
for a missing token, `{"Message": "User is not authorized ..."}` for a refused one, `{"message":
"Missing Authentication Token"}` for an unknown route. In the cloud those are the REST API's
Gateway Responses (infra/api.py), built from chalicelib/api/gateway_problems.py; here the same
table answers, so the local contract is the cloud's. Nothing here runs in Lambda.
"""

from __future__ import annotations

from typing import Any

from chalice.app import Chalice
from chalice.config import Config
from chalice.local import (
    ForbiddenError,
    InvalidAuthorizerError,
    LocalGateway,
    LocalGatewayException,
    NotAuthorizedError,
)
from chalice.test import Client as ChaliceClient
from chalice.test import HTTPResponse, TestHTTPClient

from chalicelib.api.gateway_problems import GATEWAY_PROBLEMS, GatewayProblem
from local.web import WebAndApiHandler


class UnknownRoute(ForbiddenError):
    """A path or a method the API does not have (API Gateway: MISSING_AUTHENTICATION_TOKEN)."""


class CloudLikeGateway(LocalGateway):
    """LocalGateway that, like API Gateway, refuses a method the path does not have before any
    authorizer or Lambda runs (Chalice's local gateway hands it to the app, which answers 405)."""

    def handle_request(self, method: str, path: str, headers: dict[str, Any], body: bytes | None) -> dict[str, Any]:
        try:
            match = self.event_converter._route_matcher.match_route(path)
        except ValueError:
            raise UnknownRoute({}) from None
        if method != "OPTIONS" and method not in self._app_object.routes[match.route]:
            raise UnknownRoute({})
        response: dict[str, Any] = super().handle_request(method, path, headers, body)
        return response


def gateway_problem(error: LocalGatewayException) -> GatewayProblem:
    """Which Gateway Response the deployed API would send for this local gateway refusal."""
    if isinstance(error, NotAuthorizedError):
        kind = "UNAUTHORIZED"
    elif isinstance(error, UnknownRoute):
        kind = "MISSING_AUTHENTICATION_TOKEN"
    elif isinstance(error, ForbiddenError):
        denied = error.headers.get("x-amzn-ErrorType") == "AccessDeniedException"
        kind = "ACCESS_DENIED" if denied else "MISSING_AUTHENTICATION_TOKEN"
    elif isinstance(error, InvalidAuthorizerError):
        kind = "AUTHORIZER_CONFIGURATION_ERROR"
    else:
        kind = "DEFAULT_5XX" if error.CODE >= 500 else "DEFAULT_4XX"
    return GATEWAY_PROBLEMS[kind]


def gateway_answer(error: LocalGatewayException) -> tuple[int, dict[str, str], bytes]:
    problem = gateway_problem(error)
    headers = {"Content-Type": "application/problem+json"}
    if problem.retry_after is not None:
        headers["Retry-After"] = str(problem.retry_after)
    return problem.status, headers, problem.body().encode("utf-8")


class GatewayHandler(WebAndApiHandler):
    """The local stack's HTTP handler: the web app's files, then the API behind a cloud-like gateway."""

    # Chalice's handler writes the headers and the body in two sends: with Nagle's algorithm and
    # the client's delayed ACK, every keep-alive response waited ~40 ms for its body.
    disable_nagle_algorithm = True

    def setup(self) -> None:  # BaseHTTPRequestHandler.__init__ calls it before handling the request
        super().setup()
        self.local_gateway = CloudLikeGateway(self.local_gateway._app_object, self.local_gateway._config)

    def _send_error_response(self, error: LocalGatewayException) -> None:
        status, headers, body = gateway_answer(error)
        self._send_http_response(status, dict(headers), body)

    def __getattr__(self, name: str) -> Any:
        """http.server answers a verb without a do_ method (TRACE, QUERY, ...) with its own 501
        HTML page; API Gateway answers any method a path does not have with its
        MISSING_AUTHENTICATION_TOKEN response, so every verb goes to the gateway here."""
        if name.startswith("do_") and name[3:].isalpha() and name[3:].isupper():
            return self._generic_handle
        raise AttributeError(name)


class _HTTPClient(TestHTTPClient):
    def __init__(self, app: Chalice, config: Config) -> None:
        super().__init__(app, config)
        self._local_gateway = CloudLikeGateway(app, config)

    def _error_response(self, e: LocalGatewayException) -> HTTPResponse:
        status, headers, body = gateway_answer(e)
        return HTTPResponse(headers=headers, body=body, status_code=status)


class Client(ChaliceClient):
    """chalice.test.Client whose HTTP client answers gateway refusals as the deployed API does."""

    @property
    def http(self) -> TestHTTPClient:
        if self._http_client is None:
            self._http_client = _HTTPClient(self._app, self._chalice_config)
        return self._http_client
