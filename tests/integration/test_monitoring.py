"""National monitoring on the live stack: counters per office, upazila, district, division and
the country, kept from the case stream exactly once, served without personal data."""

from __future__ import annotations

import datetime as dt

from app import app
from local import stack as local_stack
from local.pump import EventPump
from tests.integration.flows import HOLDER, PERSONAL_STRINGS, application
from tests.integration.live import http, login, sign_in


def test_counters_roll_up_from_office_to_country(live: local_stack.Stack) -> None:
    base = live.api_url
    citizen = sign_in(base, "01711000001")
    secretary = login(base, "union-1.secretary")
    ids = [http(base, "POST", "/v1/applications", application("character", HOLDER), citizen)[1]["id"] for _ in "abc"]
    http(base, "POST", "/v1/applications", application("character", HOLDER, office_id="union-3271"), citizen)
    for case_id in ids[:2]:
        assert (
            http(
                base,
                "POST",
                f"/v1/applications/{case_id}/actions",
                {"action": "record_payment", "version": 1},
                secretary,
            )[0]
            == 200
        )
    reject = {"action": "reject", "version": 2, "note": "not a resident"}
    assert http(base, "POST", f"/v1/applications/{ids[0]}/actions", reject, secretary)[0] == 200
    steps = (("union-1.ward-member1", "ward_verify", 2), ("union-1.secretary", "verify", 3))
    for who, action, version in (*steps, ("union-1.signatory", "approve", 4)):
        body = {"action": action, "version": version}
        assert http(base, "POST", f"/v1/applications/{ids[1]}/actions", body, login(base, who))[0] == 200
    live.pump.drain(4)  # renders and issues ids[1]

    monitor = login(base, "lgd.monitor")
    status, country = http(base, "GET", "/v1/stats", token=monitor)
    assert status == 200 and country["totals"]["received"] == 4 and country["totals"]["rejected"] == 1
    assert country["totals"]["issued"] == 1 and country["totals"]["median_days_to_issue"] == 0
    [division] = [d for d in country["items"] if d["received"] == 3]  # Chattogram (union-1)
    _, in_division = http(base, "GET", f"/v1/stats?area={division['area']}", token=monitor)
    assert in_division["totals"]["received"] == 3 and len(in_division["items"]) == 1
    district = in_division["items"][0]["area"]
    _, in_district = http(base, "GET", f"/v1/stats?area={district}", token=monitor)
    upazila = in_district["items"][0]["area"]
    _, in_upazila = http(base, "GET", f"/v1/stats?area={upazila}", token=monitor)
    [office] = in_upazila["items"]
    assert office["area"] == "office:union-1" and office["name_en"] == "Subil"
    assert (office["received"], office["rejected"]) == (3, 1)
    this_month = dt.datetime.now(dt.timezone(dt.timedelta(hours=6))).strftime("%Y-%m")
    _, month = http(base, "GET", f"/v1/stats?area={upazila}&period={this_month}", token=monitor)
    assert month["items"][0]["received"] == 3
    for doc in (country, in_division, in_district, in_upazila):
        assert not any(secret in str(doc) for secret in PERSONAL_STRINGS)

    # The stream may be delivered again: nothing is counted twice.
    replay = EventPump(app)
    replay.attach_streams()
    replay.drain()
    assert http(base, "GET", "/v1/stats", token=monitor)[1]["totals"] == country["totals"]

    assert http(base, "GET", "/v1/stats", token=secretary)[0] == 403
    assert http(base, "GET", "/v1/stats?area=county:1", token=monitor)[0] == 422
    assert http(base, "GET", "/v1/stats?area=district:9999", token=monitor)[0] == 404
