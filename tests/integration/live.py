"""Plain HTTP helpers for tests that run against the live local stack (see the `live` fixture)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from tests.integration.flows import code_from_sms, give_papers


def http(base: str, method: str, path: str, body: Any = None, token: str | None = None) -> tuple[int, Any]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def sign_in(base: str, phone: str, papers: bool = True) -> str:
    """A signed-in citizen; with `papers`, one who has uploaded the sample papers (flows.give_papers)."""
    if papers:
        give_papers(phone)
    assert http(base, "POST", "/v1/auth/otp", {"phone": phone})[0] == 202
    _, box = http(base, "GET", f"/v1/_local/outbox?phone={phone}")
    code = code_from_sms(box["items"][0]["text"])
    status, body = http(base, "POST", "/v1/auth/otp/verify", {"phone": phone, "code": code})
    assert status == 200, body
    return str(body["access_token"])


def login(base: str, username: str, password: str = "sonod-demo-2026") -> str:
    status, body = http(base, "POST", "/v1/auth/login", {"username": username, "password": password})
    assert status == 200, body
    return str(body["access_token"])
