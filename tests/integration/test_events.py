"""The event pump delivers DynamoDB stream records to the same handler Lambda runs; the case
stream keeps per-office counters exactly once, even when a batch is delivered again.

The stream test runs against the live local stack: moto's in-process mock does not route the
DynamoDB Streams endpoint of current botocore, its server does."""

from __future__ import annotations

from typing import Any

from chalice.app import Chalice, Rate

from app import app
from local import stack as local_stack
from local.pump import EventPump
from tests.integration.flows import HOLDER, application
from tests.integration.live import http, login, sign_in


def test_stream_counts_cases_once(live: local_stack.Stack) -> None:
    base = live.api_url
    citizen = sign_in(base, "01711000001")
    secretary = login(base, "union-1.secretary")
    for _ in range(2):
        assert http(base, "POST", "/v1/applications", application("citizenship", HOLDER), citizen)[0] == 201
    _, case = http(base, "POST", "/v1/applications", application("citizenship", HOLDER), citizen)
    action = {"action": "record_payment", "version": 1}
    assert http(base, "POST", f"/v1/applications/{case['id']}/actions", action, secretary)[0] == 200

    assert live.pump.drain() >= 4  # three inserts, one status change (and S3's test event on the queue)
    expected = {"awaiting_payment": 2, "submitted": 1}
    _, page = http(base, "GET", "/v1/offices/union-1/applications", token=secretary)
    assert page["counts"] == expected
    # A ward member's tabs count their own ward's cases (all three are ward 1's), not the office's.
    _, page = http(base, "GET", "/v1/offices/union-1/applications", token=login(base, "union-1.ward-member1"))
    assert page["counts"] == expected
    _, page = http(base, "GET", "/v1/offices/union-1/applications", token=login(base, "union-1.ward-member2"))
    assert page["counts"] == {}

    # Lambda may deliver a batch again: replay the whole stream from the start.
    replay = EventPump(app)
    replay.attach_streams()
    assert replay.drain() == 4
    _, page = http(base, "GET", "/v1/offices/union-1/applications", token=secretary)
    assert page["counts"] == expected


def test_schedules_reach_their_handlers() -> None:
    tiny = Chalice("pump-test")
    seen: list[dict[str, Any]] = []

    @tiny.schedule(Rate(1, unit=Rate.MINUTES))
    def every_minute(event: Any) -> None:
        seen.append(event.to_dict())

    pump = EventPump(tiny, schedule_scale=0.0)
    assert pump.turn() == 1 and seen[0]["detail-type"] == "Scheduled Event"
