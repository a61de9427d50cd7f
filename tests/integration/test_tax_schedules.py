"""GET|PUT /v1/offices/{office_id}/tax-schedules/{fiscal_year}: the default until an office sets
its own, the office admin's change checked field by field, and frozen once a demand run bills the
year (the run's start and a change racing: exactly one order happens)."""

from __future__ import annotations

import copy
import threading
from typing import Any

from chalicelib.adapters import schedules
from chalicelib.domain.actors import Actor
from chalicelib.domain.errors import AppError
from chalicelib.domain.revenue.schedule import default_document
from chalicelib.services import demand_runs, tax_schedules
from tests.integration.conftest import Api

UNION = "union-1"
PATH = f"/v1/offices/{UNION}/tax-schedules/2026-27"
ADMIN = Actor(kind="staff", id=f"{UNION}.office-admin", role="office_admin", office_id=UNION)
SECRETARY = Actor(kind="staff", id=f"{UNION}.secretary", role="secretary", office_id=UNION)


def _changed(rate_bp: int = 800) -> dict[str, Any]:
    doc = copy.deepcopy(default_document("union"))
    doc["heads"][0]["rate_bp"] = rate_bp
    return doc


def test_an_office_without_its_own_reads_the_default_for_its_kind(api: Api) -> None:
    status, body = api.call("GET", PATH)  # public: no token
    assert status == 200, body
    assert body["source"] == "default" and body["billed"] is False
    assert body["schedule"] == default_document("union")
    status, body = api.call("GET", "/v1/offices/pourashava-savar/tax-schedules/2026-27")
    assert body["schedule"]["office_kind"] == "pourashava"


def test_the_office_admin_sets_the_year_and_keeps_the_sources(api: Api) -> None:
    token = api.staff_token(UNION, "office_admin")
    status, body = api.call("PUT", PATH, _changed(), token)
    assert status == 200, body
    assert body["source"] == "office" and body["schedule"]["heads"][0]["rate_bp"] == 800
    assert body["schedule"]["sources"] == default_document("union")["sources"]
    status, body = api.call("GET", PATH)
    assert body["source"] == "office" and body["schedule"]["heads"][0]["rate_bp"] == 800
    status, other_year = api.call("GET", f"/v1/offices/{UNION}/tax-schedules/2027-28")
    assert other_year["source"] == "default"


def test_only_the_office_admin_or_lgd_changes_it(api: Api) -> None:
    for who in ("secretary", "signatory"):
        status, body = api.call("PUT", PATH, _changed(), api.staff_token(UNION, who))
        assert status == 403, (who, body)
    other = api.staff_token("union-3271", "office_admin")
    assert api.call("PUT", PATH, _changed(), other)[0] == 403
    assert api.call("PUT", PATH, _changed(), api.citizen_token(papers=False))[0] == 403


def test_an_invalid_schedule_is_a_422_naming_each_field_in_both_languages(api: Api) -> None:
    token = api.staff_token(UNION, "office_admin")
    doc = _changed(rate_bp=20_000)
    doc["instalments"]["count"] = 3
    doc["settlement_order"] = ["current"]
    status, problem = api.call("PUT", PATH, doc, token)
    assert status == 422 and problem["code"] == "validation_failed", problem
    fields = {e["field"] for e in problem["errors"]}
    assert fields == {"heads.0.rate_bp", "instalments.count", "settlement_order"}
    assert all(e["message"] and any("\u0980" <= ch <= "\u09ff" for ch in e["message_bn"]) for e in problem["errors"])
    wrong_kind = copy.deepcopy(default_document("pourashava"))
    status, problem = api.call("PUT", PATH, wrong_kind, token)
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["office_kind"], problem
    status, problem = api.call("PUT", f"/v1/offices/{UNION}/tax-schedules/2026-28", _changed(), token)
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["fiscal_year"], problem
    assert api.call("GET", PATH)[1]["source"] == "default"  # nothing half written


def test_a_billed_year_is_frozen(api: Api) -> None:
    status, started = api.call(
        "POST", f"/v1/offices/{UNION}/demand-runs", {"fiscal_year": "2026-27"}, api.staff_token(UNION, "secretary")
    )
    assert status == 202, started
    status, body = api.call("GET", PATH)
    assert body["billed"] is True and body["source"] == "office"  # the default, frozen as the office's
    status, problem = api.call("PUT", PATH, _changed(), api.staff_token(UNION, "office_admin"))
    assert status == 409 and problem["code"] == "schedule_billed", problem
    assert problem["title_bn"]
    assert api.call("GET", PATH)[1]["schedule"] == default_document("union")


def test_a_change_racing_the_run_start_either_lands_before_it_or_is_refused(serial_aws: dict[str, Any]) -> None:
    """Each request is atomic, as in DynamoDB (`serial_aws`); in-process moto without that let the
    change's put land inside the run's transaction, between its read and its write (a lost update
    DynamoDB cannot make), about one run in three."""
    for attempt in range(4):
        year = f"{2030 + attempt}-{(31 + attempt) % 100:02d}"
        barrier = threading.Barrier(2)
        outcome: dict[str, Any] = {}

        def change(year: str = year, barrier: threading.Barrier = barrier, outcome: dict[str, Any] = outcome) -> None:
            barrier.wait()
            try:
                tax_schedules.put(ADMIN, UNION, year, _changed(900))
                outcome["put"] = "ok"
            except AppError as err:
                outcome["put"] = err.code

        def run(year: str = year, barrier: threading.Barrier = barrier, outcome: dict[str, Any] = outcome) -> None:
            barrier.wait()
            outcome["run"] = demand_runs.start(SECRETARY, UNION, {"fiscal_year": year})["run_id"]

        threads = [threading.Thread(target=change), threading.Thread(target=run)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        stored = schedules.get(UNION, year)
        assert stored is not None and stored.billed and outcome["run"]
        rate = stored.document["heads"][0]["rate_bp"]
        if outcome["put"] == "ok":  # the change landed first: the run billed it
            assert rate == 900
        else:  # the run froze the default first: the change was refused, nothing of it written
            assert outcome["put"] == "schedule_billed" and rate == 700
