"""Throttling and lock-out (issue 11, items 3 and 6; decision 42): every guessable secret and every
SMS is limited per account or operator AND per address, with a truthful 429. Limits are made small
through the environment so that each test runs in a few requests."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from chalicelib.api import http
from chalicelib.config import settings
from chalicelib.services import issuance
from tests.integration.conftest import Api
from tests.integration.test_certificates import approved_case

SECRETARY = "union-1.secretary"
DEMO = "sonod-demo-2026"
Limits = Callable[..., None]


@pytest.fixture()
def limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[Limits]:
    def set_limits(**values: int) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, str(value))
        settings.cache_clear()
        settings()  # cached now, outside the test client's stage environment

    yield set_limits
    settings.cache_clear()


@pytest.fixture()
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The throttle's clock, moved by the test (tokens and codes keep the real one)."""
    import time

    now = [time.time()]
    monkeypatch.setattr("chalicelib.services.throttle.time", SimpleNamespace(time=lambda: now[0]))
    return now


def post(api: Api, path: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> tuple[int, Any, dict]:
    """Like Api.call, with the response headers (Retry-After)."""
    r = api.c.http.post(path, headers={"Content-Type": "application/json", **(headers or {})}, body=json.dumps(body))
    return r.status_code, json.loads(r.body), dict(r.headers)


def login(api: Api, username: str, password: str, viewer: str | None = None) -> tuple[int, Any, dict[str, str]]:
    headers = api.through_cloudfront(viewer) if viewer else {}
    return post(api, "/v1/auth/login", {"username": username, "password": password}, headers)


def assert_truthful(status: int, body: dict[str, Any], headers: dict[str, str]) -> int:
    """A 429 whose Retry-After header, body and detail name the same wait."""
    assert status == 429, body
    assert headers["Content-Type"] == "application/problem+json"
    wait = int(headers["Retry-After"])
    assert body["retry_after"] == wait and f"({wait} seconds)" in body["detail"] and body["detail_bn"]
    return wait


def test_wrong_passwords_back_off_then_lock_the_account_until_an_admin_lifts_it(
    api: Api, limits: Limits, clock: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    limits(LOGIN_BACKOFF_AFTER=2, LOGIN_LOCKOUT_FAILURES=5, LOGIN_FAILURES_PER_ADDRESS_PER_HOUR=100)
    # the level the rest of the suite leaves on the service logger is not this test's to rely on
    caplog.set_level(logging.INFO, logger="sonod-sheba")
    admin = api.staff_token("union-1", "office_admin")
    for _ in range(2):
        assert login(api, SECRETARY, "wrong password")[0] == 401
    # Back-off: the third try must wait 2 s after the second failure, even with the right password
    # (a refused attempt never tells whether its password was right).
    wait = assert_truthful(*login(api, SECRETARY, DEMO))
    assert wait == 2
    clock[0] += 2
    assert login(api, SECRETARY, "wrong password")[0] == 401
    assert assert_truthful(*login(api, SECRETARY, "wrong password")) == 4  # doubles
    clock[0] += 4
    assert login(api, SECRETARY, "wrong password")[0] == 401
    clock[0] += 8
    assert login(api, SECRETARY, "wrong password")[0] == 401  # the fifth: locked out
    clock[0] += 3600
    wait = assert_truthful(*login(api, SECRETARY, DEMO))  # the right password, an hour later
    locked = login(api, SECRETARY, DEMO)[1]
    assert 20 * 3600 < wait <= 24 * 3600 and "hours" in locked["detail"]
    # Review of issue 11: the locked-out official is told what to do, not only how long to wait.
    assert locked["code"] == "account_locked", locked
    assert "office admin" in locked["detail"] and "অফিস অ্যাডমিন" in locked["detail_bn"]
    assert SECRETARY not in json.dumps(locked)  # says nothing an unknown username would not get
    [record] = [r for r in caplog.records if "locked out" in r.getMessage()]
    assert record.office_id == "union-1" and record.role == "secretary"  # type: ignore[attr-defined]
    assert SECRETARY not in str(record.__dict__) and "127.0.0.1" not in str(record.__dict__)

    # Another office's admin cannot lift it, nor can the secretary's colleagues; this office's admin can.
    other = api.staff_token("union-2468", "office_admin")
    assert api.call("POST", f"/v1/offices/union-1/staff/{SECRETARY}/unlock", {}, other)[0] == 403
    assert api.call("POST", f"/v1/offices/union-2468/staff/{SECRETARY}/unlock", {}, other)[0] == 404
    operator = api.staff_token("union-1", "udc_operator")
    assert api.call("POST", f"/v1/offices/union-1/staff/{SECRETARY}/unlock", {}, operator)[0] == 403
    status, unlocked = api.call("POST", f"/v1/offices/union-1/staff/{SECRETARY}/unlock", {}, admin)
    assert status == 200 and unlocked["unlocked"] is True and unlocked["username"] == SECRETARY
    assert login(api, SECRETARY, DEMO)[0] == 200
    # A right password forgets earlier failures: two more wrong ones are free again.
    assert [login(api, SECRETARY, "wrong password")[0] for _ in range(2)] == [401, 401]


def test_parallel_guesses_cannot_outrun_the_lock_out(aws_env: dict[str, Any]) -> None:
    """Attempts that read the counter at the same moment each take a place atomically: the limit
    holds however many run at once."""
    from chalicelib.api.problems import status_of
    from chalicelib.domain.errors import AppError
    from chalicelib.domain.throttle import Budget
    from chalicelib.services import throttle

    budget = Budget("login-account", "union-1.secretary", 2, 3600)
    racing = [throttle.attempt([budget], "too many failed sign-ins") for _ in range(3)]  # all read 0
    racing[0].reserve()
    with pytest.raises(AppError) as refused:
        racing[1].reserve()  # the row now exists: this one read it as empty
    assert status_of(refused.value) == 429 and refused.value.extra["retry_after"] == 1
    again = [throttle.attempt([budget], "too many failed sign-ins") for _ in range(2)]  # both read 1
    again[0].reserve()
    with pytest.raises(AppError):
        again[1].reserve()  # the second place went to the first
    with pytest.raises(AppError):
        throttle.attempt([budget], "too many failed sign-ins")  # closed: 2 failures of 2


def test_a_stolen_token_cannot_guess_the_current_password(api: Api, limits: Limits) -> None:
    limits(LOGIN_BACKOFF_AFTER=3, LOGIN_LOCKOUT_FAILURES=3)
    token = api.staff_token("union-1", "secretary")
    change = {"current_password": "a wrong guess 1", "new_password": "my very own password"}
    assert [api.call("POST", "/v1/auth/password", change, token)[0] for _ in range(3)] == [403] * 3
    status, body = api.call("POST", "/v1/auth/password", {**change, "current_password": DEMO}, token)
    assert status == 429 and body["retry_after"] > 0  # the right one, refused: the account is locked
    assert login(api, SECRETARY, DEMO)[0] == 429  # the same budget as signing in


def test_many_usernames_from_one_address_are_throttled(api: Api, limits: Limits) -> None:
    limits(LOGIN_FAILURES_PER_ADDRESS_PER_HOUR=5, THROTTLE_EDGE_FACTOR=3)
    names = [a["username"] for a in api.demo["accounts"]][:6]
    assert [login(api, name, "not the password")[0] for name in names[:5]] == [401] * 5
    wait = assert_truthful(*login(api, names[5], DEMO))  # even the right password of a fresh account
    assert 0 < wait <= 3600
    # Behind CloudFront each viewer has their own budget, and the edge a larger shared one.
    assert login(api, names[5], DEMO, viewer="203.0.113.7")[0] == 200
    assert [login(api, f"nobody-{i}", "x" * 12, viewer=f"198.51.100.{i}")[0] for i in range(16)][-1] == 429


def send_code(api: Api, phone: str, headers: dict[str, str]) -> int:
    return api.call("POST", "/v1/auth/otp", {"phone": phone}, headers=headers)[0]


def test_a_direct_caller_cannot_buy_budgets_with_a_made_up_viewer(api: Api, limits: Limits) -> None:
    # API Gateway's address is public: a caller who skips CloudFront and sends a new viewer address
    # each time, with no edge key or a wrong one, gets exactly the plain per-address budget.
    limits(OTP_SENDS_PER_ADDRESS_PER_HOUR=3, THROTTLE_EDGE_FACTOR=50)
    key = api.through_cloudfront("x")["X-Sonod-Edge"]
    forged = [
        {"X-Sonod-Viewer": "198.51.100.1"},
        {"X-Sonod-Viewer": "198.51.100.2", "X-Sonod-Edge": ""},
        api.through_cloudfront("198.51.100.3", edge_key="a guessed edge key"),
        api.through_cloudfront("198.51.100.4", edge_key=key[:-1]),  # nearly
        {"X-Sonod-Viewer": "198.51.100.5"},
    ]
    statuses = [send_code(api, f"0171300{i:04d}", headers) for i, headers in enumerate(forged)]
    assert statuses == [202, 202, 202, 429, 429]
    assert send_code(api, "01713009999", {}) == 429  # the same budget as without a viewer header
    _, box = api.call("GET", "/v1/_local/outbox?phone=01713000004")
    assert box["items"] == []
    # The logins' per-address budget too: one budget, whatever viewer each attempt names.
    limits(LOGIN_FAILURES_PER_ADDRESS_PER_HOUR=3, THROTTLE_EDGE_FACTOR=50)
    forging = [(f"nobody-{i}", {"X-Sonod-Viewer": f"203.0.113.{i}", "X-Sonod-Edge": f"{key}x"}) for i in range(4)]
    tries = [post(api, "/v1/auth/login", {"username": name, "password": "x" * 12}, h) for name, h in forging]
    assert [t[0] for t in tries] == [401, 401, 401, 429]
    # Any text at all in the edge header is compared, never a 500 (compare_digest refuses non-ASCII str).
    assert not any(http._through_edge(given) for given in ("কী", "\ud800", f"{key}\u00e9", "", None))
    assert http._through_edge(key)


def test_through_cloudfront_each_viewer_has_a_budget_within_the_edges(api: Api, limits: Limits) -> None:
    limits(OTP_SENDS_PER_ADDRESS_PER_HOUR=2, THROTTLE_EDGE_FACTOR=3)  # the edge: 6 an hour
    phones = iter(f"0171400{i:04d}" for i in range(20))
    first = [send_code(api, next(phones), api.through_cloudfront("203.0.113.1")) for _ in range(3)]
    assert first == [202, 202, 429]  # a viewer's own budget; the refused one is not the edge's
    assert [send_code(api, next(phones), api.through_cloudfront("203.0.113.2")) for _ in range(2)] == [202, 202]
    others = [send_code(api, next(phones), api.through_cloudfront(f"198.51.100.{i}")) for i in range(3)]
    assert others == [202, 202, 429]  # 6 sent through this edge: made-up viewers do not escape it
    # A request without the edge key is not the edge's: it counts by its source address alone (the
    # same test client address, whose plain budget the viewers above did not spend).
    assert send_code(api, next(phones), {"X-Sonod-Viewer": "203.0.113.1"}) == 202


def test_sign_in_codes_per_address(api: Api, limits: Limits) -> None:
    limits(OTP_SENDS_PER_ADDRESS_PER_HOUR=3)
    statuses = [api.call("POST", "/v1/auth/otp", {"phone": f"0171100{i:04d}"})[0] for i in range(3)]
    assert statuses == [202] * 3
    wait = assert_truthful(*post(api, "/v1/auth/otp", {"phone": "01711009999"}))
    assert 0 < wait <= 3600
    _, box = api.call("GET", "/v1/_local/outbox?phone=01711009999")
    assert box["items"] == []  # no SMS, and nothing counted for that number


def test_the_per_number_limit_says_its_real_wait(api: Api) -> None:
    for _ in range(5):
        assert api.call("POST", "/v1/auth/otp", {"phone": "01711000043"})[0] == 202
    status, body, headers = post(api, "/v1/auth/otp", {"phone": "01711000043"})
    wait = assert_truthful(status, body, headers)
    assert "an hour" not in body["detail"] and 0 < wait <= 3600


def test_wrong_codes_spread_over_many_phones_are_throttled(api: Api, limits: Limits) -> None:
    limits(OTP_FAILURES_PER_ADDRESS_PER_HOUR=3)
    phones = [f"0181100{i:04d}" for i in range(4)]
    for phone in phones:
        assert api.call("POST", "/v1/auth/otp", {"phone": phone})[0] == 202
    for phone in phones[:3]:
        assert api.call("POST", "/v1/auth/otp/verify", {"phone": phone, "code": "000000"})[0] == 401
    _, box = api.call("GET", f"/v1/_local/outbox?phone={phones[3]}")
    code = re.findall(r"[০-৯0-9]{6}", box["items"][0]["text"])[0]
    status, body = api.call("POST", "/v1/auth/otp/verify", {"phone": phones[3], "code": code})
    assert status == 429 and body["retry_after"] > 0  # even the right code, while the address is throttled


def test_a_udc_operator_sends_a_bounded_number_of_consent_codes(api: Api, limits: Limits) -> None:
    limits(UDC_CONSENT_SMS_PER_HOUR=3, UDC_CONSENT_SMS_PER_DAY=10)
    operator = api.staff_token("union-1", "udc_operator")
    sent = [api.call("POST", "/v1/udc/consent-codes", {"phone": f"0191100{i:04d}"}, operator) for i in range(4)]
    assert [s for s, _ in sent] == [202, 202, 202, 429]
    assert 0 < sent[3][1]["retry_after"] <= 3600


def test_heir_consent_guesses_are_throttled_per_address(api: Api, limits: Limits) -> None:
    limits(CONSENT_FAILURES_PER_ADDRESS_PER_HOUR=3)
    from chalicelib.domain import codes

    path = f"/v1/applications/{codes.new_code()}/consents"  # a well-formed tracking number of no case
    statuses = [api.call("POST", path, {"phone": f"0171200{i:04d}", "code": "123456"})[0] for i in range(4)]
    assert statuses == [401, 401, 401, 429]


def test_an_agency_cannot_guess_nid_digits_without_limit(api: Api, limits: Limits) -> None:
    limits(AGENCY_FAILURES_PER_CERTIFICATE_PER_DAY=3, AGENCY_FAILURES_PER_KEY_PER_DAY=100)
    _, case = approved_case(api)
    number = issuance.issue(case["id"])
    key = {"X-Api-Key": api.demo["agency_api_key"]}
    lookup = {"certificate_no": number, "purpose": "police verification for a passport"}
    guesses = [post(api, "/v1/agency/lookup", {**lookup, "nid_last4": f"{i:04d}"}, key)[0] for i in range(3)]
    assert guesses == [404, 404, 404]
    status, body = api.call("POST", "/v1/agency/lookup", {**lookup, "nid_last4": "4321"}, headers=key)  # the right one
    assert status == 429 and 0 < body["retry_after"] <= 24 * 3600
    assert api.call("POST", "/v1/agency/lookup", {**lookup, "nid_last4": "4321"}, headers={"X-Api-Key": "x"})[0] == 401


def test_usernames_stay_in_their_office(api: Api) -> None:
    admin = api.staff_token("union-1", "office_admin")
    body = {
        "role": "secretary",
        "password": "a long password 1",
        "name_bn": "রহিমা খাতুন",
        "name_en": "Rahima Khatun",
    }
    for username in ("union-2468.secretary-2", "lgd.admin-9", "cc-dhaka-north", "union-1x.secretary"):
        taken = api.call("POST", "/v1/offices/union-1/staff", {**body, "username": username}, admin)
        if username == "union-1x.secretary":
            assert taken[0] == 201  # not an office's id
            continue
        status, problem = taken
        assert status == 422 and problem["errors"][0]["field"] == "username", (username, problem)
    assert api.call("POST", "/v1/offices/union-1/staff", {**body, "username": "union-1.secretary-9"}, admin)[0] == 201


WEAK = [" " * 12, "aaaaaaaaaaaa", "123456789012", "passwordpassword", "union-1.secretary-3", "Union-1 office", DEMO]


@pytest.mark.parametrize("password", [*WEAK, "qwertyuiopas", "iloveyou1234"])
def test_weak_passwords_are_refused_wherever_one_is_set(api: Api, password: str) -> None:
    admin = api.staff_token("union-1", "office_admin")
    body = {
        "role": "secretary",
        "username": "union-1.secretary-3",
        "password": password,
        "name_bn": "রহিমা খাতুন",
        "name_en": "Rahima Khatun",
    }
    status, problem = api.call("POST", "/v1/offices/union-1/staff", body, admin)
    assert status == 422, problem
    [error] = [e for e in problem["errors"] if e["field"] == "password"]
    assert error["message"] and error["message_bn"] and error["message_bn"] != error["message"]
    path = "/v1/offices/union-1/staff/union-1.udc-operator/password"
    assert api.call("PUT", path, {"password": password}, admin)[0] == 422
    own = {"current_password": DEMO, "new_password": password}
    status, problem = api.call("POST", "/v1/auth/password", own, admin)
    assert status == 422 and problem["errors"][0]["field"] == "new_password"


def test_throttled_operations_stay_within_the_call_budget(api: Api) -> None:
    """bench/aws_calls.py counts the operations it runs; these are the throttled ones it does not
    (or only on success): each at most 3 AWS calls once warm, a failure included."""
    from bench import aws_calls
    from chalicelib.adapters import tables

    aws_calls._install_counter()
    tables.bind(None)  # new connections, which count (moto intercepts them as before)
    operator = api.staff_token("union-1", "udc_operator")
    assert api.call("POST", "/v1/auth/otp", {"phone": "01711000077"})[0] == 202  # a code is pending

    def calls(method: str, path: str, body: dict[str, Any], token: str | None = None) -> list[str]:
        api.call(method, path, body, token)  # warm the container's caches first
        aws_calls._calls.clear()
        api.call(method, path, body, token)
        return list(aws_calls._calls)

    measured = {
        "login, wrong password": calls("POST", "/v1/auth/login", {"username": SECRETARY, "password": "no" * 6}),
        "otp verify, wrong code": calls("POST", "/v1/auth/otp/verify", {"phone": "01711000077", "code": "000000"}),
        "heir consent, wrong code": calls(
            "POST", "/v1/applications/AAAAAAAAAAAAAA/consents", {"phone": "01711000078", "code": "123456"}
        ),
        "udc consent code": calls("POST", "/v1/udc/consent-codes", {"phone": "01911000079"}, operator),
    }
    print(measured)  # the figures for the report (pytest -s)
    assert all(len(c) <= 3 for c in measured.values()), measured
