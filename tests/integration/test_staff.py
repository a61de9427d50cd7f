"""An office's staff who do not sign: office admins add secretaries and UDC operators, LGD
appoints office admins; accounts are deactivated (their tokens stop acting on cases at once) and
passwords reset. Ward members get a signing key only where their office has them sign."""

from __future__ import annotations

import pytest

from chalicelib.adapters import signing_keys
from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application

SECRETARY = {
    "role": "secretary",
    "username": "union-1.secretary-2",
    "password": "a long password 1",
    "name_bn": "রহিমা খাতুন",
    "name_en": "Rahima Khatun",
    "designation_bn": "হিসাব সহকারী কাম কম্পিউটার অপারেটর",
}


def _login(api: Api, username: str, password: str) -> tuple[int, str]:
    status, body = api.call("POST", "/v1/auth/login", {"username": username, "password": password})
    return status, (body or {}).get("access_token", "")


def test_an_office_admin_adds_a_secretary_who_can_work(api: Api) -> None:
    admin = api.staff_token("union-1", "office_admin")
    status, added = api.call("POST", "/v1/offices/union-1/staff", SECRETARY, admin)
    assert status == 201 and added["role"] == "secretary" and added["active"] is True
    assert "password_hash" not in added and "password" not in added
    assert api.call("POST", "/v1/offices/union-1/staff", SECRETARY, admin)[0] == 409  # username taken
    status, token = _login(api, SECRETARY["username"], SECRETARY["password"])
    assert status == 200
    citizen = api.citizen_token()
    _, case = api.call("POST", "/v1/applications", application("character", HOLDER), citizen)
    body = {"action": "record_payment", "version": case["version"]}
    path = f"/v1/applications/{case['id']}/actions"
    status, problem = api.call("POST", path, body, token)
    assert status == 403 and problem["code"] == "password_change_required"  # the admin chose it: theirs first
    own = {"current_password": SECRETARY["password"], "new_password": "my very own password"}
    status, changed = api.call("POST", "/v1/auth/password", own, token)
    assert status == 200 and changed["must_change_password"] is False
    assert api.call("POST", path, body, token)[0] == 401  # a token from before the change acts no more
    assert api.call("POST", path, body, changed["access_token"])[0] == 200

    _, staff = api.call("GET", "/v1/offices/union-1/staff", token=admin)
    names = [s["username"] for s in staff["items"]]
    assert SECRETARY["username"] in names and all("password_hash" not in s for s in staff["items"])
    [head] = [s for s in staff["items"] if s["role"] == "signatory"]
    assert head["signs"] is True and staff["items"][0] == head  # who signs comes first
    assert [s["role"] for s in staff["items"][1:3]] == ["ward_member", "ward_member"]


def test_who_may_add_whom(api: Api) -> None:
    admin = api.staff_token("union-1", "office_admin")
    new_admin = {**SECRETARY, "role": "office_admin", "username": "union-1.admin-2"}
    assert api.call("POST", "/v1/offices/union-1/staff", new_admin, admin)[0] == 403  # LGD appoints admins
    lgd = api.staff_token("lgd", "lgd_admin")
    assert api.call("POST", "/v1/offices/union-1/staff", new_admin, lgd)[0] == 201
    other = {**SECRETARY, "username": "union-3271.secretary-2"}
    assert api.call("POST", "/v1/offices/union-3271/staff", other, admin)[0] == 403  # not their office
    secretary = api.staff_token("union-1", "secretary")
    assert api.call("GET", "/v1/offices/union-1/staff", token=secretary)[0] == 403
    assert api.call("POST", "/v1/offices/union-nowhere/staff", SECRETARY, lgd)[0] == 404

    status, problem = api.call("POST", "/v1/offices/union-1/staff", {**SECRETARY, "role": "signatory"}, admin)
    assert status == 422 and "signatories" in problem["errors"][0]["message"]
    bad = {"role": "secretary", "username": "X!", "password": "short", "name_bn": "", "name_en": 5}
    status, problem = api.call("POST", "/v1/offices/union-1/staff", bad, admin)
    assert status == 422 and problem["title_bn"]
    assert {e["field"] for e in problem["errors"]} == {"username", "password", "name_bn", "name_en"}
    assert all(e["message_bn"] for e in problem["errors"])


def test_a_deactivated_account_stops_at_once(api: Api) -> None:
    admin = api.staff_token("union-1", "office_admin")
    api.call("POST", "/v1/offices/union-1/staff", SECRETARY, admin)
    _, token = _login(api, SECRETARY["username"], SECRETARY["password"])
    path = f"/v1/offices/union-1/staff/{SECRETARY['username']}/deactivate"
    assert api.call("POST", path, {}, admin)[0] == 422  # a reason is required
    status, gone = api.call("POST", path, {"reason": "transferred to another union"}, admin)
    assert status == 200 and gone["active"] is False and gone["retired_at"]
    assert gone["retired_reason"] == "transferred to another union"
    assert api.call("POST", path, {"reason": "again"}, admin)[0] == 409
    assert _login(api, SECRETARY["username"], SECRETARY["password"])[0] == 401
    citizen = api.citizen_token()
    _, case = api.call("POST", "/v1/applications", application("character", HOLDER), citizen)
    body = {"action": "record_payment", "version": case["version"]}
    assert api.call("POST", f"/v1/applications/{case['id']}/actions", body, token)[0] == 401  # unexpired token

    why = {"reason": "left"}
    head = "/v1/offices/union-1/staff/union-1.signatory/deactivate"
    assert api.call("POST", head, why, admin)[1]["code"] == "signing_seat"
    assert api.call("POST", "/v1/offices/union-1/staff/union-1.office-admin/deactivate", why, admin)[0] == 403
    lgd = api.staff_token("lgd", "lgd_admin")
    assert api.call("POST", "/v1/offices/union-1/staff/union-3271.secretary/deactivate", why, lgd)[0] == 404


def test_an_admin_resets_a_forgotten_password(api: Api) -> None:
    admin = api.staff_token("union-1", "office_admin")
    path = "/v1/offices/union-1/staff/union-1.secretary/password"
    assert api.call("PUT", path, {"password": "short"}, admin)[0] == 422
    assert api.call("PUT", path, {"password": "a brand new password"}, admin)[0] == 200
    assert _login(api, "union-1.secretary", "sonod-demo-2026")[0] == 401
    assert _login(api, "union-1.secretary", "a brand new password")[0] == 200
    secretary = api.staff_token("union-1", "udc_operator")
    assert api.call("PUT", path, {"password": "a brand new password"}, secretary)[0] == 403


def test_ward_members_get_keys_only_where_they_sign(api: Api) -> None:
    lgd = api.staff_token("lgd", "lgd_admin")
    member = {
        "role": "ward_member",
        "ward": 1,
        "username": "union-1.member1-2026",
        "password": "a long new password",
        "name_bn": "নতুন সদস্য",
        "name_en": "New Member",
    }
    status, handed = api.call("POST", "/v1/offices/union-1/signatories", member, lgd)
    assert status == 201 and handed["kid"] is None  # the chairman signs every type in union-1
    assert signing_keys.current(member["username"]) is None

    admin = api.staff_token("union-1", "office_admin")
    body = {"overrides": {"character": {"signatory": "ward"}}}
    assert api.call("PUT", "/v1/offices/union-1/settings", body, admin)[0] == 200
    key = signing_keys.current(member["username"])
    assert key is not None and key.office_id == "union-1"  # now they sign character certificates
    assert signing_keys.current("union-1.ward-member2") is not None
    _, trust = api.call("GET", "/v1/trust-list")
    assert key.kid in {k["kid"] for k in trust["keys"]}


def test_a_password_someone_else_chose_is_changed_at_the_next_sign_in(api: Api) -> None:
    admin = api.staff_token("union-1", "office_admin")
    api.call("POST", "/v1/offices/union-1/staff", SECRETARY, admin)
    login = {"username": SECRETARY["username"], "password": SECRETARY["password"]}
    status, signed_in = api.call("POST", "/v1/auth/login", login)
    assert status == 200 and signed_in["must_change_password"] is True
    token = signed_in["access_token"]

    def change(current: str, new: str, who: str = token) -> tuple[int, object]:
        return api.call("POST", "/v1/auth/password", {"current_password": current, "new_password": new}, who)

    assert change("not my password!", "my very own password")[0] == 403
    status, problem = change(SECRETARY["password"], "short")
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["new_password"]  # type: ignore[index]
    assert change(SECRETARY["password"], SECRETARY["password"])[0] == 422
    assert change(SECRETARY["password"], "my very own password")[0] == 200
    status, signed_in = api.call("POST", "/v1/auth/login", {**login, "password": "my very own password"})
    assert status == 200 and signed_in["must_change_password"] is False
    assert _login(api, SECRETARY["username"], SECRETARY["password"])[0] == 401

    path = f"/v1/offices/union-1/staff/{SECRETARY['username']}/password"
    assert api.call("PUT", path, {"password": "the admin's choice"}, admin)[1]["must_change_password"] is True
    assert change("x" * 12, "y" * 12, api.citizen_token())[0] == 403  # citizens have no password


def test_a_handover_that_fails_midway_leaves_no_key_behind(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.adapters import handover
    from chalicelib.adapters.aws import client

    lgd = api.staff_token("lgd", "lgd_admin")
    chairman = {
        "role": "signatory",
        "username": "union-1.chairman-x",
        "password": "a long new password",
        "name_bn": "নতুন",
        "name_en": "New",
    }
    assert (
        api.call("POST", "/v1/offices/union-1/signatories", {**chairman, "role": "ward_member", "ward": True}, lgd)[0]
        == 422
    )

    def throttled(*_: object) -> None:
        raise RuntimeError("ProvisionedThroughputExceeded")

    monkeypatch.setattr(handover, "hand_over", throttled)
    kms = client("kms")
    before = {k["KeyId"] for k in kms.list_keys(Limit=1000)["Keys"]}
    assert api.call("POST", "/v1/offices/union-1/signatories", chairman, lgd)[0] == 500
    [made] = [k["KeyId"] for k in kms.list_keys(Limit=1000)["Keys"] if k["KeyId"] not in before]
    assert kms.describe_key(KeyId=made)["KeyMetadata"]["KeyState"] == "PendingDeletion"
    assert _login(api, chairman["username"], chairman["password"])[0] == 401  # nothing was written


def test_lgd_runs_its_own_accounts(api: Api) -> None:
    lgd = api.staff_token("lgd", "lgd_admin")
    status, national = api.call("GET", "/v1/offices/lgd/staff", token=lgd)
    assert status == 200 and {"lgd.monitor", "lgd.admin"} <= {s["username"] for s in national["items"]}
    path = "/v1/offices/lgd/staff/lgd.monitor/password"
    assert api.call("PUT", path, {"password": "a monitor's new one"}, lgd)[0] == 200
    admin = api.staff_token("union-1", "office_admin")
    assert api.call("GET", "/v1/offices/lgd/staff", token=admin)[0] == 403


def test_a_stale_token_revokes_nothing(api: Api) -> None:
    from tests.integration.test_certificates import approved_case

    _, case = approved_case(api)
    from chalicelib.services import issuance

    number = issuance.issue(case["id"])
    chairman = api.staff_token("union-1", "signatory")
    lgd = api.staff_token("lgd", "lgd_admin")
    path = "/v1/offices/union-1/staff/union-1.signatory/password"
    assert api.call("PUT", path, {"password": "reset after a lost phone"}, lgd)[0] == 200
    revoke = {"reason": "forged papers"}
    assert api.call("POST", f"/v1/certificates/{number}/revoke", revoke, chairman)[0] == 401
