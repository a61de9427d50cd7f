"""Sign-in (OTP and password), the authorizer, and the citizen's profile."""

from __future__ import annotations

import jwt

from tests.integration.conftest import Api
from tests.integration.flows import code_from_sms


def test_otp_attempts_are_limited(api: Api) -> None:
    phone = "01711000042"
    assert api.call("POST", "/v1/auth/otp", {"phone": phone})[0] == 202
    for _ in range(5):
        assert api.call("POST", "/v1/auth/otp/verify", {"phone": phone, "code": "000000x"})[0] == 401
    # The right code no longer works once the attempts are spent.
    _, box = api.call("GET", f"/v1/_local/outbox?phone={phone}")
    code = code_from_sms(box["items"][0]["text"])
    assert api.call("POST", "/v1/auth/otp/verify", {"phone": phone, "code": code})[0] == 401


def test_otp_sends_are_limited_per_hour(api: Api) -> None:
    statuses = [api.call("POST", "/v1/auth/otp", {"phone": "+8801711000043"})[0] for _ in range(7)]
    assert statuses == [202] * 5 + [429, 429]


def test_sms_is_bengali_and_outbox_normalises_numbers(api: Api) -> None:
    api.call("POST", "/v1/auth/otp", {"phone": "০১৭১১০০০০৪৪"})
    status, box = api.call("GET", "/v1/_local/outbox?phone=+8801711000044")
    assert status == 200 and len(box["items"]) == 1
    assert box["items"][0]["text"].startswith("সনদ সেবা") and box["items"][0]["purpose"] == "otp_login"


def test_one_account_for_life(api: Api) -> None:
    first = jwt.decode(api.citizen_token("01711000045"), options={"verify_signature": False})
    again = jwt.decode(api.citizen_token("+880 1711-000045"), options={"verify_signature": False})
    assert first["sub"] == again["sub"] and first["kind"] == "citizen"


def test_authorizer_refuses_bad_tokens(api: Api) -> None:
    token = api.citizen_token()
    assert api.call("GET", "/v1/me", token=token)[0] == 200
    assert api.call("GET", "/v1/me")[0] == 401
    assert api.call("GET", "/v1/me", token=token[:-3] + "abc")[0] == 403
    forged = jwt.encode({"sub": "c_x", "kind": "citizen", "exp": 9999999999, "iat": 1}, "guess", algorithm="HS256")
    assert api.call("GET", "/v1/me", token=forged)[0] == 403


def test_staff_login_and_roles(api: Api) -> None:
    token = api.staff_token("union-1", "ward_member", 2)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["role"] == "ward_member" and claims["ward"] == 2 and claims["office_id"] == "union-1"
    assert api.call("GET", "/v1/me", token=token)[0] == 403


def test_profile_round_trip(api: Api) -> None:
    token = api.citizen_token()
    profile = {"nid": "১৯৮৭৬৫৪৩২১", "name_bn": "রাবেয়া খাতুন", "name_en": "Rabeya Khatun", "date_of_birth": "1990-04-14"}
    status, me = api.call("PUT", "/v1/me", profile, token)
    assert status == 200, me
    assert me["profile"]["nid"] == "1987654321"
    status, me = api.call("GET", "/v1/me", token=token)
    assert me["profile"]["name_en"] == "Rabeya Khatun" and me["profile_fields"]
    status, problem = api.call("PUT", "/v1/me", {"name_bn": "Rabeya", "name_en": "রাবেয়া"}, token)
    assert status == 422 and {e["field"] for e in problem["errors"]} == {"name_bn", "name_en"}
