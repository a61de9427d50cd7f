"""A small HTTP client for the external parties' APIs (SMS gateway, NID service, payment gateways).

Standard library only (urllib): these calls are few, synchronous and JSON or form encoded, and a
Lambda package should not carry an HTTP stack for them. Every call has a timeout; a network
failure or a 5xx becomes `PartyUnavailable`, which callers treat as "try again later", never as
an answer.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

DEFAULT_TIMEOUT_SECONDS = 10.0


class PartyUnavailable(Exception):
    """The other side could not be reached or failed (network error, timeout, 5xx)."""


@dataclass(frozen=True)
class HttpResult:
    status: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def json_object(self) -> dict[str, Any]:
        """The body as a JSON object; {} when it is empty, not JSON, or not an object."""
        try:
            body = self.json()
        except ValueError:
            return {}
        return body if isinstance(body, dict) else {}


def call(
    method: str,
    url: str,
    *,
    json_body: Any = None,
    form: dict[str, str] | None = None,
    params: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
) -> HttpResult:
    """One request. 4xx answers are returned (they are the other side's answer); 5xx and network
    failures raise PartyUnavailable."""
    if params:
        url = f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode(params)}"
    data: bytes | None = None
    sent_headers = {"Accept": "application/json", **(headers or {})}
    if json_body is not None:
        data = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
        sent_headers.setdefault("Content-Type", "application/json")
    elif form is not None:
        data = urllib.parse.urlencode(form).encode("ascii")
        sent_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    if not url.startswith(("https://", "http://")):
        raise ValueError("only http(s) URLs are called")
    request = urllib.request.Request(url, data=data, method=method, headers=sent_headers)  # noqa: S310 - scheme checked
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked
            return HttpResult(response.status, response.read())
    except urllib.error.HTTPError as exc:
        if exc.code >= 500:
            raise PartyUnavailable(f"HTTP {exc.code}") from None
        return HttpResult(exc.code, exc.read())
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise PartyUnavailable(type(exc).__name__) from None
