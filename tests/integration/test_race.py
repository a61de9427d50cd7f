"""Concurrency is tested, not assumed: against the embedded AWS (moto server on loopback) and the
API served by Chalice's threaded local server, several citizens apply for the warish certificate
of one deceased person at the same moment. Exactly one wins; every other gets 409 pointing at it.
Likewise several handovers of one signing seat: one new holder, the others' keys deleted again."""

from __future__ import annotations

import threading
from typing import Any

from chalicelib.adapters.aws import client as aws_client
from local import stack as local_stack
from tests.integration.flows import DECEASED, HOLDER, application
from tests.integration.live import http, login, sign_in

RACERS = 8


def race(base: str, bodies: list[tuple[dict[str, Any], str]], path: str = "/v1/applications") -> list[tuple[int, Any]]:
    start = threading.Barrier(len(bodies))
    results: list[tuple[int, Any]] = [(0, None)] * len(bodies)

    def run(i: int) -> None:
        body, token = bodies[i]
        start.wait()
        results[i] = http(base, "POST", path, body, token)

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


def test_one_new_holder_when_handovers_of_a_seat_race(live: local_stack.Stack) -> None:
    base, office = live.api_url, "cc-dhaka-north"
    lgd = login(base, "lgd.admin")
    bodies = [
        (
            {
                "role": "ward_member",
                "ward": 2,
                "username": f"{office}.councillor2-{i}",
                "password": "a long new password",
                "name_bn": "নতুন কাউন্সিলর",
                "name_en": "New Councillor",
                "replaces": f"{office}.ward-member2",  # who each admin saw in the seat
            },
            lgd,
        )
        for i in range(4)
    ]
    results = race(base, bodies, f"/v1/offices/{office}/signatories")
    winners = [body for status, body in results if status == 201]
    assert len(winners) == 1, results
    assert winners[0]["retired"] == [f"{office}.ward-member2"]
    for status, problem in results:
        assert status == 201 or (status == 409 and problem["code"] == "handover_conflict"), problem
    # Only the winner can sign in; the losers' accounts were never written and their keys are going.
    for body, _ in bodies:
        status, _ = http(base, "POST", "/v1/auth/login", {"username": body["username"], "password": body["password"]})
        assert status == (200 if body["username"] == winners[0]["username"] else 401)
    kms = aws_client("kms")
    ours = [kms.describe_key(KeyId=k["KeyId"])["KeyMetadata"] for k in kms.list_keys(Limit=1000)["Keys"]]
    states = [m["KeyState"] for m in ours if m.get("Description", "").endswith(f"({office})")]
    # The head and ward 1 keep theirs; ward 2's new holder signs; the old holder's and the losers' go.
    # (A loser that saw the winner's commit before making a key made none: how many did depends on
    # timing, e.g. on how long the password check keeps each request busy.)
    assert states.count("Enabled") == 3 and states.count("PendingDeletion") == len(states) - 3 >= 1, states
