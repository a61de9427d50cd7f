"""Who saw my data, grouped (issue 12 item 6): an official opening the same case again and again
is one row with a count and the latest time, by role and office, with the purpose."""

from __future__ import annotations

from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application


def test_the_access_log_groups_by_case_who_and_purpose(api: Api) -> None:
    citizen = api.citizen_token()
    cases = [api.call("POST", "/v1/applications", application("character", HOLDER), citizen)[1] for _ in "ab"]
    secretary = api.staff_token("union-1", "secretary")
    member = api.staff_token("union-1", "ward_member", ward=int(cases[0]["ward"]))
    for token, case, times in ((secretary, cases[0], 3), (member, cases[0], 1), (secretary, cases[1], 2)):
        for _ in range(times):
            assert api.call("GET", f"/v1/applications/{case['id']}", token=token)[0] == 200

    status, log = api.call("GET", "/v1/me/access-log?view=grouped&limit=100", token=citizen)
    assert status == 200, log
    rows = sorted((g["case"]["tracking_no"], g["who"]["role"], g["count"]) for g in log["items"])
    first, second = cases[0]["tracking_no"], cases[1]["tracking_no"]
    assert rows == sorted([(first, "secretary", 3), (first, "ward_member", 1), (second, "secretary", 2)])
    for group in log["items"]:
        assert group["purpose"] == "case review" and group["office_id"] == "union-1"
        assert group["case"]["type"] == "character" and group["latest_at"] >= group["first_at"]
        assert "id" not in group["who"]  # by role and office, not by the official's account
    assert log["items"][0]["case"]["tracking_no"] == second  # the most recently active first

    # Page by page, a group goes on under the same key: the counts add up to the whole.
    seen: dict[str, int] = {}
    cursor = ""
    while True:
        _, page = api.call("GET", f"/v1/me/access-log?view=grouped&limit=2{cursor}", token=citizen)
        for group in page["items"]:
            seen[group["key"]] = seen.get(group["key"], 0) + group["count"]
        if not page["next_cursor"]:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert sorted(seen.values()) == [1, 2, 3]

    # Each look on its own, as before, now naming the case it was.
    _, entries = api.call("GET", "/v1/me/access-log?limit=100", token=citizen)
    assert len(entries["items"]) == 6 and entries["items"][0]["case"]["tracking_no"] == second
    status, problem = api.call("GET", "/v1/me/access-log?view=pie", token=citizen)
    assert status == 422 and problem["errors"][0]["field"] == "view"
