"""Concurrency is tested, not assumed: against the embedded AWS (moto server on loopback) and the
API served by Chalice's threaded local server, several citizens apply for the warish certificate
of one deceased person at the same moment. Exactly one wins; every other gets 409 pointing at it."""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chalicelib.adapters import tables
from local import stack as local_stack
from tests.integration.conftest import reset_caches
from tests.integration.flows import DECEASED, HOLDER, application

RACERS = 8


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


@pytest.fixture()
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[local_stack.Stack]:
    for name in local_stack.LOCAL_ENV:
        monkeypatch.setenv(name, local_stack.LOCAL_ENV[name])
    reset_caches()
    running = local_stack.start(api_port=0, aws_port=0, demo_path=tmp_path / "demo.json")
    try:
        yield running
    finally:
        running.stop()
        os.environ.pop("AWS_ENDPOINT_URL", None)  # set by start(); botocore itself reads it
        tables.bind(None)
        reset_caches()


def sign_in(base: str, phone: str) -> str:
    assert http(base, "POST", "/v1/auth/otp", {"phone": phone})[0] == 202
    _, box = http(base, "GET", f"/v1/_local/outbox?phone={phone}")
    digits = "".join(ch for ch in box["items"][0]["text"] if ch in "০১২৩৪৫৬৭৮৯")
    code = digits.translate(str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789"))[:6]
    status, body = http(base, "POST", "/v1/auth/otp/verify", {"phone": phone, "code": code})
    assert status == 200, body
    return str(body["access_token"])


def race(base: str, bodies: list[tuple[dict[str, Any], str]]) -> list[tuple[int, Any]]:
    start = threading.Barrier(len(bodies))
    results: list[tuple[int, Any]] = [(0, None)] * len(bodies)

    def run(i: int) -> None:
        body, token = bodies[i]
        start.wait()
        results[i] = http(base, "POST", "/v1/applications", body, token)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(bodies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_one_warish_per_deceased_under_a_race(live: local_stack.Stack) -> None:
    base = live.api_url
    tokens = [sign_in(base, f"0171100{i:04d}") for i in range(RACERS)]
    offices = ["union-1", "union-3271", "union-2468", "pourashava-savar"]
    bodies = [(application("warish", DECEASED, office_id=offices[i % len(offices)]), tokens[i]) for i in range(RACERS)]
    results = race(base, bodies)
    winners = [body for status, body in results if status == 201]
    losers = [body for status, body in results if status != 201]
    assert len(winners) == 1, results
    assert len(losers) == RACERS - 1
    for problem in losers:
        assert problem["status"] == 409 and problem["code"] == "duplicate_application", problem
        assert problem["existing"]["tracking_no"] == winners[0]["tracking_no"]
        assert problem["existing"]["type"] == "warish"


def test_marital_conflicts_under_a_race(live: local_stack.Stack) -> None:
    base = live.api_url
    token = sign_in(base, "01711009999")
    married = {**HOLDER, "spouse_name_bn": "মোঃ কামাল হোসেন"}
    bodies = [
        (application(code, fields), token)
        for code, fields in (("married", married), ("unmarried", HOLDER), ("married", married), ("unmarried", HOLDER))
    ]
    results = race(base, bodies)
    assert sorted(status for status, _ in results) == [201, 409, 409, 409], results
