"""Concurrency is tested, not assumed: against the embedded AWS (moto server on loopback) and the
API served by Chalice's threaded local server, several citizens apply for the warish certificate
of one deceased person at the same moment. Exactly one wins; every other gets 409 pointing at it."""

from __future__ import annotations

import threading
from typing import Any

from local import stack as local_stack
from tests.integration.flows import DECEASED, HOLDER, application
from tests.integration.live import http, sign_in

RACERS = 8


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
