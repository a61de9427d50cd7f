"""Shared HTTP plumbing: problem+json errors, JSON bodies, query parameters, the caller's identity.

Chalice turns exceptions raised in a view into its own error bodies before any middleware sees
them, so every view is wrapped by `endpoint`, which answers AppError with application/problem+json
(English and Bengali titles) and any other exception with a 500 that reveals nothing.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import urllib.parse
from collections.abc import Callable
from typing import Any

from chalice.app import Request, Response

from chalicelib.api.problems import problem_body, status_of
from chalicelib.config import settings
from chalicelib.domain.actors import Actor, actor_from_context
from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.canonical import ascii_digits
from chalicelib.domain.errors import AppError, Kind, bad_request, out_of_range, validation_failed
from chalicelib.domain.json_text import nests_deeper_than
from chalicelib.domain.throttle import Caller
from chalicelib.observability import logger, metrics, trace
from chalicelib.services.edge import edge_key

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
PROBLEM = "application/problem+json"
# Accept these at the Chalice layer so that a wrong content type reaches `json_body` and gets a
# problem response instead of Chalice's own 415 body.
ACCEPTED_CONTENT_TYPES = [
    JSON,
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "application/octet-stream",
    "application/xml",
    "text/xml",
]


def problem(err: AppError) -> Response:
    headers: dict[str, str | list[str]] = {"Content-Type": PROBLEM}
    if err.kind is Kind.TOO_MANY:
        headers["Retry-After"] = str(err.extra.get("retry_after", 60))
    return Response(body=json.dumps(problem_body(err), ensure_ascii=False), status_code=status_of(err), headers=headers)


def respond(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        body=json.dumps(body, ensure_ascii=False),
        status_code=status,
        headers={"Content-Type": JSON, **(headers or {})},
    )


def cacheable(request: Request, body: Any, headers: dict[str, str]) -> Response:
    """A public GET answer with a validator: its ETag, and a bodiless 304 when the caller's
    If-None-Match already names it (a revalidation after max-age costs a few bytes)."""
    text = json.dumps(body, ensure_ascii=False)
    tag = f'"{hashlib.sha256(text.encode()).hexdigest()[:20]}"'
    validators: dict[str, str | list[str]] = {**headers, "ETag": tag}
    wanted = {part.strip().removeprefix("W/") for part in (request.headers.get("if-none-match") or "").split(",")}
    if tag in wanted or "*" in wanted:
        return Response(body="", status_code=304, headers=validators)
    return Response(body=text, status_code=200, headers={"Content-Type": JSON, **validators})


def html(body: str, status: int = 200) -> Response:
    headers: dict[str, str | list[str]] = {"Content-Type": "text/html; charset=utf-8"}
    return Response(body=body, status_code=status, headers=headers)


def see_other(location: str) -> Response:
    """303 See Other: the browser GETs `location` (a POSTed form is not sent again)."""
    headers: dict[str, str | list[str]] = {"Location": location, "Cache-Control": "no-store"}
    return Response(body="", status_code=303, headers=headers)


def endpoint(func: Callable[..., Response]) -> Callable[..., Response]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        try:
            with trace(func.__name__):
                return func(*args, **kwargs)
        except AppError as err:
            if status_of(err) >= 500:
                logger.error("request failed", extra={"code": err.code})
            return problem(err)
        except Exception:
            return _unexpected(func.__name__)

    return wrapper


def _unexpected(view: str) -> Response:
    logger.exception("unexpected error", extra={"view": view})
    metrics.add_metric(name="UnexpectedError", unit="Count", value=1)
    return problem(AppError("internal_error", "the error has been logged; please try again"))


def _content_type(request: Request) -> str:
    return (request.headers.get("content-type") or "").split(";")[0].strip().lower()


def callback_fields(request: Request) -> dict[str, str]:
    """What a payment gateway sent: query parameters plus a form or JSON body, as strings."""
    fields = query(request)
    if _content_type(request) == FORM:
        raw = _raw(request)
        fields.update(urllib.parse.parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    elif _content_type(request) == JSON and request.raw_body:
        fields.update({k: str(v) for k, v in json_body(request).items() if isinstance(v, str | int | float)})
    return fields


def _raw(request: Request) -> bytes:
    raw = request.raw_body or b""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > settings().max_body_bytes:
        raise AppError("payload_too_large", f"at most {settings().max_body_bytes} bytes")
    return raw


def json_body(request: Request) -> dict[str, Any]:
    """The request's JSON object, or a 4xx problem: wrong type 415, too large 413, malformed 400."""
    if _content_type(request) != JSON:
        raise AppError("unsupported_media_type", "Content-Type must be application/json")
    body = parse_json(_raw(request))
    if not isinstance(body, dict):
        raise bad_request("the body must be a JSON object", "malformed_json", "অনুরোধের মূল অংশ { … } আকারের JSON হতে হবে")
    return body


# Bodies are small (MAX_BODY_BYTES); one linear pre-scan bounds their nesting before json.loads
# sees them (domain/json_text.py, decision 43).
MAX_JSON_DEPTH = 64
NOT_JSON = ("the body is not valid JSON", "malformed_json", "অনুরোধের মূল অংশ সঠিক JSON নয়")


def parse_json(raw: bytes) -> Any:
    """JSON text → value, or 400 malformed_json: not UTF-8, not JSON (NaN, Infinity and integers
    too long for Python included), or nested deeper than MAX_JSON_DEPTH."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise bad_request(*NOT_JSON) from None
    if nests_deeper_than(text, MAX_JSON_DEPTH):
        raise bad_request(
            f"JSON may be nested at most {MAX_JSON_DEPTH} levels deep",
            "malformed_json",
            f"JSON সর্বোচ্চ {bn_digits(MAX_JSON_DEPTH)} স্তর পর্যন্ত গভীর হতে পারে",
        )
    try:
        return json.loads(text, parse_constant=_not_json)
    except ValueError:  # JSONDecodeError, and an integer past Python's 4,300-digit conversion limit
        raise bad_request(*NOT_JSON) from None


def _not_json(constant: str) -> Any:
    """NaN and ±Infinity: json.loads takes them, but they are not JSON (RFC 8259)."""
    raise ValueError(constant)


def query(request: Request) -> dict[str, str]:
    return dict(request.query_params or {})


def int_param(params: dict[str, str], name: str, default: int | None, lo: int, hi: int) -> int | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    digits = ascii_digits(raw)  # any digit script; str.isdigit passed '²' and int() raised (a 500)
    # (at most 9 digits: int() refuses text of over 4,300 digits, a ValueError and then a 500)
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 9) or not lo <= int(digits) <= hi:
        raise validation_failed([out_of_range(name, lo, hi)])
    return int(digits)


def page_params(request: Request) -> tuple[int, str | None]:
    params = query(request)
    limit = int_param(params, "limit", 20, 1, 100)
    return int(limit or 20), params.get("cursor") or None


def caller(request: Request) -> Actor:
    """The signed-in caller, from the authorizer's context (see api/auth.py); `account_standing`
    has already refused a token that no longer speaks for its account."""
    return actor_from_context(request.context.get("authorizer") or {})


VIEWER_HEADER = "x-sonod-viewer"  # set by infra/web.py's CloudFront function on /v1/*
# Added by our CloudFront on the API origin (infra/web.py), its value the secret's `edge_key`.
# API Gateway's address is public: anyone calling it directly can send a viewer header, so one is
# believed only from a request that also carries this (decision 42).
EDGE_HEADER = "x-sonod-edge"


def origin(request: Request) -> Caller:
    """Where the request comes from, for throttles: API Gateway's source address and, for a
    request that proves it came through our CloudFront, the viewer's own. Any other viewer header
    is ignored: the request counts by its source address alone."""
    identity = (request.context or {}).get("identity") or {}
    source = str(identity.get("sourceIp") or "unknown")
    viewer = (request.headers.get(VIEWER_HEADER) or "").strip()[:64] or None
    if viewer is None or not _through_edge(request.headers.get(EDGE_HEADER)):
        return Caller(source)
    return Caller(source, viewer)


def _through_edge(given: str | None) -> bool:
    """Whether `given` is our CloudFront's edge key (compared in constant time; the key is read
    from the container's cached app keys, asked for only when a viewer header came along)."""
    if not given:
        return False
    expected = edge_key()
    return expected is not None and hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def idempotency_key(request: Request) -> str | None:
    key = request.headers.get("idempotency-key")
    if key is not None and not (1 <= len(key) <= 128 and key.isprintable()):
        raise bad_request("Idempotency-Key must be 1 to 128 printable characters", "invalid_idempotency_key")
    return key


PASSWORD_ROUTE = "/v1/auth/password"  # the one route a password someone else chose may use


def account_standing(event: Any, get_response: Callable[[Any], Any]) -> Any:
    """Chalice middleware for every HTTP request, before its view parses anything: a token acts
    only while it speaks for its account (decision 41). Behind the bearer authorizer, an
    official's token issued before a password change, a reset, a deactivation or a handover is a
    401; one whose password someone else chose is a 403 `password_change_required` on every
    route but POST /v1/auth/password. The authorizer cannot decide this: API Gateway caches its
    answer per token."""
    from chalicelib.services.staff import current_account

    context = getattr(event, "context", None) or {}
    claims = context.get("authorizer")
    if claims:
        pending = context.get("resourcePath") == PASSWORD_ROUTE
        try:
            current_account(actor_from_context(claims), pending_password=pending)
        except AppError as err:
            return problem(err)
        except Exception:
            return _unexpected("account_standing")
    return get_response(event)


def observe(event: Any, get_response: Callable[[Any], Any]) -> Any:
    """Chalice middleware for every function: correlation id on each log line, metrics flushed."""
    if isinstance(event, Request):
        logger.set_correlation_id((event.context or {}).get("requestId"))
    try:
        return get_response(event)
    finally:
        if metrics.metric_set:
            metrics.flush_metrics()
