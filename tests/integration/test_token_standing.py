"""A token acts only while it speaks for its account, on every route, reads included (issue 11,
item 2): after a password change, an admin's reset, a deactivation or a handover the earlier
token is a 401; a token whose password someone else chose does nothing but change it (403
password_change_required)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application

QUEUE = "/v1/offices/union-1/applications"


def _case(api: Api) -> str:
    status, case = api.call("POST", "/v1/applications", application("citizenship", HOLDER), api.citizen_token())
    assert status == 201, case
    return str(case["id"])


def _reads(api: Api, token: str, case_id: str) -> list[int]:
    return [api.call("GET", path, token=token)[0] for path in (QUEUE, f"/v1/applications/{case_id}")]


def _own_change(api: Api, token: str) -> None:
    body = {"current_password": "sonod-demo-2026", "new_password": "the secretary's own choice"}
    assert api.call("POST", "/v1/auth/password", body, token)[0] == 200


def _admin_reset(api: Api, _token: str) -> None:
    admin = api.staff_token("union-1", "office_admin")
    path = "/v1/offices/union-1/staff/union-1.secretary/password"
    assert api.call("PUT", path, {"password": "an admin's new choice"}, admin)[0] == 200


def _deactivation(api: Api, _token: str) -> None:
    admin = api.staff_token("union-1", "office_admin")
    path = "/v1/offices/union-1/staff/union-1.secretary/deactivate"
    assert api.call("POST", path, {"reason": "left the office"}, admin)[0] == 200


@pytest.mark.parametrize("event", [_own_change, _admin_reset, _deactivation], ids=["change", "reset", "deactivate"])
def test_an_earlier_token_reads_nothing(api: Api, event: Callable[[Api, str], None]) -> None:
    case_id = _case(api)
    token = api.staff_token("union-1", "secretary")
    assert _reads(api, token, case_id) == [200, 200]
    event(api, token)
    assert _reads(api, token, case_id) == [401, 401]


def test_a_handed_over_seat_reads_nothing(api: Api) -> None:
    case_id = _case(api)
    chairman = api.staff_token("union-1", "signatory")
    lgd = api.staff_token("lgd", "lgd_admin")
    successor = {
        "role": "signatory",
        "username": "union-1.new-chairman",
        "password": "a long new password",
        "name_bn": "নতুন চেয়ারম্যান",
        "name_en": "New Chairman",
    }
    status, body = api.call("POST", "/v1/offices/union-1/signatories", successor, lgd)
    assert status == 201, body
    assert _reads(api, chairman, case_id) == [401, 401]


def test_a_password_someone_else_chose_only_changes_itself(api: Api) -> None:
    case_id = _case(api)
    admin = api.staff_token("union-1", "office_admin")
    path = "/v1/offices/union-1/staff/union-1.secretary/password"
    assert api.call("PUT", path, {"password": "an admin's new choice"}, admin)[0] == 200
    login = {"username": "union-1.secretary", "password": "an admin's new choice"}
    status, signed_in = api.call("POST", "/v1/auth/login", login)
    assert status == 200 and signed_in["must_change_password"] is True
    token = signed_in["access_token"]
    for path in (QUEUE, f"/v1/applications/{case_id}", f"/v1/applications/{case_id}/certificate", "/v1/me"):
        status, problem = api.call("GET", path, token=token)
        assert (status, problem["code"]) == (403, "password_change_required"), path
    change = {"current_password": "an admin's new choice", "new_password": "the secretary's own choice"}
    status, changed = api.call("POST", "/v1/auth/password", change, token)
    assert status == 200
    assert _reads(api, changed["access_token"], case_id) == [200, 200]


def _protected_routes() -> list[tuple[str, str]]:
    from app import app

    return sorted(
        (method, re.sub(r"\{[^}]+\}", "union-1", path))
        for path, entries in app.routes.items()
        for method, entry in entries.items()
        if entry.authorizer is not None
    )


def test_every_protected_route_refuses_a_stale_token(api: Api) -> None:
    """Every route behind the bearer authorizer, from the app's own route table: an earlier token
    of a deactivated account is a 401 before the route does anything."""
    token = api.staff_token("union-1", "secretary")
    _deactivation(api, token)
    routes = _protected_routes()
    assert len(routes) >= 20
    # A body no route accepts: the account is checked before any view parses anything.
    answers = {f"{m} {p}": api.call(m, p, "not an object", token)[0] for m, p in routes}
    assert {route: status for route, status in answers.items() if status != 401} == {}
