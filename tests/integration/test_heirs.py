"""Inheritance cases (issue 12, items 8 and 9): the deceased and every adult heir with an NID are
checked in the registry and officials see the verdicts side by side; the consent SMS carries a
short link that shows the names on the case (and nothing else) to whoever holds it."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from chalicelib.adapters import cases
from chalicelib.adapters.keys import keyed_hash
from chalicelib.adapters.tables import CaseRecord, ConsentLink
from chalicelib.api.events import case_changes
from chalicelib.config import settings
from chalicelib.domain.identity import RegistryRecord
from chalicelib.services import consents, identity
from infra import web
from local import web as local_web
from tests.integration.conftest import Api
from tests.integration.flows import DECEASED, application, code_from_sms

HEIR_PHONE = "01811000002"  # the son in local/samples.py: adult, with a phone and an NID
MORE_HEIRS = [
    {"name_bn": "মোছাঃ রিমা আক্তার", "relation": "daughter", "dob": "2015-01-01", "is_adult": "no"},
    {"name_bn": "মোঃ জামাল উদ্দিন", "relation": "brother", "is_adult": "yes"},
    {"name_bn": "মোছাঃ নাসরিন আক্তার", "relation": "daughter", "dob": "1990-01-01", "nid": "6612340000", "is_adult": "yes"},
    {"name_bn": "মোঃ তানভীর হোসেন", "relation": "son", "dob": "1992-01-01", "nid": "6612349999", "is_adult": "yes"},
]
FORM = {**DECEASED, "heirs": [*DECEASED["heirs"], *MORE_HEIRS]}


@pytest.fixture()
def limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    def set_limits(**values: Any) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, str(value))
        settings.cache_clear()
        settings()

    yield set_limits
    settings.cache_clear()


def _apply(api: Api, fields: dict[str, Any] = FORM) -> str:
    status, case = api.call("POST", "/v1/applications", application("warish", fields), api.citizen_token())
    assert status == 201, case
    return str(case["id"])


def test_the_deceased_and_each_adult_heir_with_an_nid_are_checked(api: Api) -> None:
    cid = _apply(api)
    status, seen = api.call("GET", f"/v1/applications/{cid}", token=api.staff_token("union-1", "secretary"))
    assert status == 200
    verdicts = [(c["person"], c["row"], c["status"], c.get("reason")) for c in seen["identity_checks"]]
    assert verdicts == [
        ("deceased", None, "matched", None),
        ("heir", 0, "matched", None),  # the son: the simulator's own person
        ("heir", 1, "matched", None),  # the widow
        ("heir", 2, "not_checked", "minor"),
        ("heir", 3, "not_checked", "no_nid"),
        ("heir", 4, "not_found", None),  # the simulator has no one under a number ending 0000
        ("heir", 5, "unavailable", None),  # ... and is down for one ending 9999: checked by hand
    ]
    # Only the verdict is kept: no registry record of anyone lands on the case.
    stored = cases.get(cid)
    assert stored is not None and "registry" not in json.dumps(stored.identity_checks)
    assert seen["identity_check"] is None  # warish has no holder


@pytest.mark.parametrize(
    ("who", "sees"),
    [("ward_member", True), ("signatory", True), ("citizen", False), ("udc_operator", None), ("office_admin", None)],
)
def test_only_the_cases_officials_see_the_identity_results(api: Api, who: str, sees: bool | None) -> None:
    cid = _apply(api)
    token = (
        api.citizen_token()
        if who == "citizen"
        else api.staff_token("union-1", who, 1 if who == "ward_member" else None)
    )
    status, seen = api.call("GET", f"/v1/applications/{cid}", token=token)
    if sees is None:
        assert status == 404  # not a reader of the case at all
        return
    assert status == 200 and (seen["identity_checks"] is not None) is sees


def test_a_slow_registry_costs_one_budget_not_one_wait_per_heir(monkeypatch: pytest.MonkeyPatch, limits: Any) -> None:
    limits(IDENTITY_CHECK_BUDGET_SECONDS="0.5")
    calls: list[str] = []
    lock = threading.Lock()

    class Slow:
        def lookup(self, number: str, dob: str) -> RegistryRecord | None:
            with lock:
                calls.append(number)
            time.sleep(0.2 if number != "6612345671" else 3)  # one lookup hangs
            return RegistryRecord(name_bn="x", dob=dob)

    monkeypatch.setattr(identity, "_registry", lambda kind: Slow())
    heirs = [
        {"name_bn": "ক", "relation": "son", "dob": "1990-01-01", "nid": f"661234567{i}", "is_adult": "yes"}
        for i in range(1, 10)
    ]
    started = time.monotonic()
    checked = identity.check_people({**DECEASED, "heirs": heirs}, dt.date(2026, 12, 6))
    elapsed = time.monotonic() - started
    assert elapsed < 1.5, elapsed  # ten lookups of 0.2 s and one of 3 s, in parallel and within the budget
    assert len(calls) == 10 and checked is not None
    statuses = {c["row"]: c["status"] for c in checked if c["person"] == "heir"}
    assert statuses[0] == "unavailable" and all(statuses[i] == "mismatch" for i in range(1, 9))


# --- the consent link (item 9) -------------------------------------------------------------------


def _submitted_with_asks(api: Api) -> str:
    """A warish case, paid at the counter (submitted), its heirs asked as the case stream does."""
    cid = _apply(api)
    secretary = api.staff_token("union-1", "secretary")
    status, body = api.call(
        "POST", f"/v1/applications/{cid}/actions", {"action": "record_payment", "version": 1}, secretary
    )
    assert status == 200, body
    stored = CaseRecord.get(cid)  # the row: its stream image
    assert consents.on_case_changes(case_changes([{"dynamodb": {"NewImage": stored.serialize()}}])) == 1
    return cid


def _sms(api: Api) -> str:
    _, box = api.call("GET", f"/v1/_local/outbox?phone={HEIR_PHONE}")
    [sms] = [m for m in box["items"] if m["purpose"] == "heir_consent"]
    return str(sms["text"])


def _token(text: str) -> str:
    found = re.search(r"/c#([A-Za-z0-9]{11})$", text)
    assert found, text
    return found.group(1)


def test_the_sms_link_opens_the_names_and_nothing_else(api: Api) -> None:
    cid = _submitted_with_asks(api)
    text = _sms(api)
    token = _token(text)
    assert text.startswith("ওয়ারিশ সম্মতির কোড ") and f"{settings().verify_base_url}/c#{token}" in text
    code = code_from_sms(text)
    assert token != code and code not in token

    status, seen = api.call("POST", "/v1/consent-links", {"token": token})
    assert status == 200, seen
    assert set(seen) == {
        "tracking_no",
        "type",
        "type_name_bn",
        "type_name_en",
        "deceased_name_bn",
        "deceased_name_en",
        "heirs",
    }
    assert seen["deceased_name_bn"] == DECEASED["deceased_name_bn"] and seen["type"] == "warish"
    assert seen["heirs"] == [{"name_bn": h["name_bn"]} for h in FORM["heirs"]]
    body = json.dumps(seen, ensure_ascii=False)
    for private in ("5823146791", "4512369870", "8801811000002", "01811000002", "1985-02-01", "1948-03-10"):
        assert private not in body
    # Only the keyed hash of the token is stored.
    assert ConsentLink.get(keyed_hash("consent-link", token)).case_id == cid

    status, given = api.call(
        "POST", f"/v1/applications/{seen['tracking_no']}/consents", {"phone": HEIR_PHONE, "code": code}
    )
    assert status == 200 and given["consented"]


@pytest.mark.parametrize("token", ["AAAAAAAAAAA", "short", "a" * 40, "../../x?y=1"])
def test_a_wrong_token_is_not_found(api: Api, token: str) -> None:
    status, problem = api.call("POST", "/v1/consent-links", {"token": token})
    assert status == 404 and problem["code"] == "not_found"


def test_a_link_without_a_token_is_refused(api: Api) -> None:
    status, problem = api.call("POST", "/v1/consent-links", {"tokens": "x"})
    assert status == 422 and problem["errors"][0]["field"] == "token"


def test_an_expired_link_or_a_closed_case_shows_nothing(api: Api) -> None:
    cid = _submitted_with_asks(api)
    token = _token(_sms(api))
    link = ConsentLink.get(keyed_hash("consent-link", token))
    link.update(actions=[ConsentLink.expires_at.set(int(time.time()) - 1)])
    assert api.call("POST", "/v1/consent-links", {"token": token})[0] == 404
    link.update(actions=[ConsentLink.expires_at.set(int(time.time()) + 3600)])
    assert api.call("POST", "/v1/consent-links", {"token": token})[0] == 200
    secretary = api.staff_token("union-1", "secretary")
    rejected = {"action": "reject", "version": 2, "note": "papers forged"}
    assert api.call("POST", f"/v1/applications/{cid}/actions", rejected, secretary)[0] == 200
    assert api.call("POST", "/v1/consent-links", {"token": token})[0] == 404


def test_unknown_links_are_throttled_per_address(api: Api, limits: Any) -> None:
    _submitted_with_asks(api)
    token = _token(_sms(api))
    limits(CONSENT_FAILURES_PER_ADDRESS_PER_HOUR=3)
    statuses = [api.call("POST", "/v1/consent-links", {"token": f"Guess{i:06d}"})[0] for i in range(3)]
    assert statuses == [404, 404, 404]
    status, problem = api.call("POST", "/v1/consent-links", {"token": token})  # even the right one, for now
    assert status == 429 and problem["retry_after"] > 0


@pytest.mark.skipif(shutil.which("node") is None, reason="node runs the CloudFront function's JavaScript")
def test_the_sms_links_path_serves_the_app_in_the_cloud_and_locally() -> None:
    script = f"{web.SPA_ROUTES_CODE}\nconsole.log(handler({{request: {{uri: '/c'}}}}).uri);"
    result = subprocess.run(["node", "-e", script], check=True, capture_output=True, text=True, timeout=30)
    assert result.stdout.strip() == "/index.html"
    assert local_web.web_file("/c") == local_web.WEB / "index.html"
