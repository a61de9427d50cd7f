"""The access matrix (issue 11, item 4): every role x every operation on cases and certificates,
against one issued case of union-1 (ward 1) that a UDC operator filed for its owner.

Each role is declared by what it IS to that case and its office (its relations); every expected
answer is computed from the one declared policy (chalicelib/domain/access.py POLICY) and the
workflow's own `by` lists, never from role `if`s here. Anonymous callers and the agency (API key,
no bearer token) have explicit answers. The world is built once per module (moto is slow)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from chalice.test import Client
from moto import mock_aws

from chalicelib.domain.access import FILER, OWNER, SECRETARY, SIGNATORY, UDC_OPERATOR, WARD_MEMBER, may
from chalicelib.domain.workflow import workflows
from local import demo, resources
from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application, code_from_sms, give_papers

NONE: frozenset[str] = frozenset()
# What each relation is called in workflows.json's `by` lists.
WORKFLOW_NAME = {OWNER: "owner", FILER: "udc_operator", WARD_MEMBER: "ward_member", SECRETARY: "secretary"}
WORKFLOW_NAME[SIGNATORY] = "signatory"  # union-1's head signs (no ward-signing override there)
OWNER_PHONE, OTHER_PHONE = "01711000001", "01811000002"


@dataclass(frozen=True)
class Role:
    """Who the caller is: how they sign in, and what they are to the case and to union-1's list."""

    sign_in: str  # "anonymous", "agency", "citizen:<phone>", "staff:<office>:<role>[:<ward>]", "user:<name>"
    case: frozenset[str] = NONE  # relations to the case
    office: frozenset[str] = NONE  # relations to union-1's list of cases
    own: frozenset[str] = NONE  # whose own list they have (a citizen's applications, an operator's filings)


ROLES = {
    "anonymous": Role("anonymous"),
    "agency": Role("agency"),
    "owner": Role(f"citizen:{OWNER_PHONE}", case=frozenset({OWNER}), own=frozenset({OWNER})),
    "other citizen": Role(f"citizen:{OTHER_PHONE}", own=frozenset({OWNER})),
    "UDC operator who filed": Role(
        "staff:union-1:udc_operator", case=frozenset({FILER}), own=frozenset({UDC_OPERATOR})
    ),
    "UDC operator who did not file": Role("user:union-1.udc-operator-2", own=frozenset({UDC_OPERATOR})),
    "ward member of its ward": Role("staff:union-1:ward_member:1", frozenset({WARD_MEMBER}), frozenset({WARD_MEMBER})),
    "ward member of another ward": Role("staff:union-1:ward_member:2", office=frozenset({WARD_MEMBER})),
    "secretary": Role("staff:union-1:secretary", frozenset({SECRETARY}), frozenset({SECRETARY})),
    "signatory": Role("staff:union-1:signatory", frozenset({SIGNATORY}), frozenset({SIGNATORY})),
    "office admin": Role("staff:union-1:office_admin"),
    "LGD admin": Role("staff:lgd:lgd_admin"),
    "monitor": Role("staff:lgd:monitor"),
    "other office's secretary": Role("staff:union-3271:secretary"),
    "other office's signatory": Role("staff:union-3271:signatory"),
    "other office's ward member": Role("staff:union-3271:ward_member:1"),
    "other office's UDC operator": Role("staff:union-3271:udc_operator", own=frozenset({UDC_OPERATOR})),
    "other office's office admin": Role("staff:union-3271:office_admin"),
    # revenue staff (pourashavas and city corporations) are nothing to a certificate case
    "assessor": Role("staff:pourashava-savar:assessor"),
    "tax collector": Role("staff:pourashava-savar:tax_collector"),
}


@dataclass
class World:
    api: Api
    case_id: str
    certificate_no: str
    agency_key: str
    tokens: dict[str, str | None]


def _sign_in(api: Api, how: str, demo_data: dict[str, Any]) -> str | None:
    kind, _, rest = how.partition(":")
    if kind in ("anonymous", "agency"):
        return None
    if kind == "citizen":
        return api.citizen_token(rest)
    if kind == "user":
        return api.first_sign_in(rest, "A first pass 4 the operator", "Her own 7 chosen passphrase")
    office, role, *ward = rest.split(":")
    return api.staff_token(office, role, int(ward[0]) if ward else None)


def _filed_and_issued(api: Api) -> str:
    """A citizenship case of union-1, ward 1, filed at the counter by its UDC operator, then issued."""
    from chalicelib.services import issuance

    operator = api.staff_token("union-1", "udc_operator")
    assert api.call("POST", "/v1/udc/consent-codes", {"phone": OWNER_PHONE}, operator)[0] == 202
    _, box = api.call("GET", f"/v1/_local/outbox?phone={OWNER_PHONE}")
    code = code_from_sms(next(m for m in box["items"] if m["purpose"] == "udc_filing_consent")["text"])
    give_papers(OWNER_PHONE)  # the papers the operator attaches are the citizen's own
    body = {**application("citizenship", HOLDER), "on_behalf_of": {"phone": OWNER_PHONE, "code": code}}
    status, case = api.call("POST", "/v1/applications", body, operator)
    assert status == 201, case
    steps = (
        ("record_payment", ("union-1", "secretary", None)),
        ("ward_verify", ("union-1", "ward_member", 1)),
        ("verify", ("union-1", "secretary", None)),
        ("approve", ("union-1", "signatory", None)),
    )
    for action, (office, role, ward) in steps:
        token = api.staff_token(office, role, ward)
        move = {"action": action, "version": case["version"]}
        status, case = api.call("POST", f"/v1/applications/{case['id']}/actions", move, token)
        assert status == 200, (action, case)
    issuance.issue(case["id"])
    return str(case["id"])


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    from app import app

    with mock_aws():
        resources.reset_process_caches()
        resources.create_all()
        demo_data = demo.load(tmp_path_factory.mktemp("matrix") / "demo.json")
        with Client(app) as client:
            api = Api(client, demo_data)
            admin = api.staff_token("union-1", "office_admin")
            second = {
                "role": "udc_operator",
                "username": "union-1.udc-operator-2",
                "password": "A first pass 4 the operator",
                "name_bn": "দ্বিতীয় উদ্যোক্তা",
                "name_en": "Second Operator",
            }
            assert api.call("POST", "/v1/offices/union-1/staff", second, admin)[0] == 201
            case_id = _filed_and_issued(api)
            _, detail = api.call("GET", f"/v1/applications/{case_id}", token=api.citizen_token(OWNER_PHONE))
            tokens = {name: _sign_in(api, role.sign_in, demo_data) for name, role in ROLES.items()}
            yield World(api, case_id, str(detail["certificate_no"]), demo_data["agency_api_key"], tokens)
        resources.reset_process_caches()


# --- operations: (method, path, body) given the world ---------------------------------------------

Request = Callable[[World], tuple[str, str, Any]]
OPERATIONS: dict[str, Request] = {
    "read case": lambda w: ("GET", f"/v1/applications/{w.case_id}", None),
    "certificate link": lambda w: ("GET", f"/v1/applications/{w.case_id}/certificate", None),
    "payment receipt": lambda w: ("GET", f"/v1/applications/{w.case_id}/payment", None),
    "certificate preview": lambda w: ("GET", f"/v1/applications/{w.case_id}/preview", None),
    "start payment": lambda w: ("POST", f"/v1/applications/{w.case_id}/payment", {"method": "sslcommerz"}),
    "act (request_changes)": lambda w: (
        "POST",
        f"/v1/applications/{w.case_id}/actions",
        {"action": "request_changes", "version": 1, "note": "matrix"},
    ),
    "revoke (no reason)": lambda w: ("POST", f"/v1/certificates/{w.certificate_no}/revoke", {}),
    "office queue": lambda w: ("GET", "/v1/offices/union-1/applications?status=issued", None),
    "own list": lambda w: ("GET", "/v1/applications", None),
    "access log": lambda w: ("GET", "/v1/me/access-log", None),
    "agency lookup": lambda w: (
        "POST",
        "/v1/agency/lookup",
        {"certificate_no": w.certificate_no, "holder_dob": HOLDER["holder_dob"], "purpose": "matrix check"},
    ),
}

Outcome = tuple[int, bool | None]  # status, and for lists whether the case is in it


def _workflow_allows(role: Role, action: str) -> bool:
    by = workflows().rules("standard")[action].by
    return any(WORKFLOW_NAME[r] in by for r in role.case)


def _case_operation(role: Role, operation: str, allowed: int, action: str | None = None) -> Outcome:
    """A case the caller may not read is missing (404); a reader the operation or the workflow does
    not allow is refused (403); otherwise the operation's own answer on this issued case."""
    if not may("case.read", role.case):
        return 404, None
    if not may(operation, role.case) or (action is not None and not _workflow_allows(role, action)):
        return 403, None
    return allowed, None


def _list(allowed: bool, role: Role) -> Outcome:
    return (200, may("case.read", role.case)) if allowed else (403, None)


EXPECTED: dict[str, Callable[[Role], Outcome]] = {
    "read case": lambda r: _case_operation(r, "case.read", 200),
    "certificate link": lambda r: _case_operation(r, "case.certificate", 200),
    "payment receipt": lambda r: _case_operation(r, "case.payment_receipt", 200),
    "certificate preview": lambda r: _case_operation(r, "case.preview", 409),  # issued: no preview any more
    "start payment": lambda r: _case_operation(r, "case.pay", 409),  # issued: nothing left to pay
    "act (request_changes)": lambda r: _case_operation(r, "case.act", 409, "request_changes"),  # not from issued
    "revoke (no reason)": lambda r: _case_operation(r, "case.act", 422, "revoke"),  # a reason is required
    "office queue": lambda r: _list(may("office.queue", r.office), r),
    "own list": lambda r: _list(may("own.list", r.own), r),
    "access log": lambda r: (200, None) if may("own.access_log", r.own) else (403, None),
    "agency lookup": lambda r: (401, None),  # only an agency's API key opens it
}
# Explicit: no bearer token is a 401 on every protected route; the agency's key opens its lookup.
EXPLICIT: dict[tuple[str, str], Outcome] = {("agency", "agency lookup"): (200, None)}
for _name in ("anonymous", "agency"):
    for _op in OPERATIONS:
        EXPLICIT.setdefault((_name, _op), (401, None))


def _observe(world: World, name: str, operation: str) -> Outcome:
    method, path, body = OPERATIONS[operation](world)
    headers = {"X-Api-Key": world.agency_key} if name == "agency" else None
    status, answer = world.api.call(method, path, body, world.tokens[name], headers)
    listed = None
    if status == 200 and isinstance(answer, dict) and "items" in answer and operation.endswith(("queue", "list")):
        listed = any(item.get("id") == world.case_id for item in answer["items"])
    return status, listed


CELLS = [(name, op) for name in ROLES for op in OPERATIONS]


def test_matrix_size() -> None:
    assert len(ROLES) == 20 and len(OPERATIONS) == 11 and len(CELLS) == 220


@pytest.mark.parametrize(("role", "operation"), CELLS, ids=[f"{r}|{o}" for r, o in CELLS])
def test_access(world: World, role: str, operation: str) -> None:
    expected = EXPLICIT.get((role, operation)) or EXPECTED[operation](ROLES[role])
    assert _observe(world, role, operation) == expected


def test_reads_leave_no_trace_of_refusals(world: World) -> None:
    """Only the readers' views reach the owner's access log: a refused look is not a look."""
    _, log = world.api.call("GET", "/v1/me/access-log", token=world.tokens["owner"])
    viewers = {entry["who"]["id"] for entry in log["items"] if entry["purpose"] == "case review"}
    allowed = {"union-1.secretary", "union-1.signatory", "union-1.ward-member1", "union-1.udc-operator"}
    assert viewers <= allowed, json.dumps(sorted(viewers))
