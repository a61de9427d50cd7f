"""Issuing, verifying, looking up and revoking certificates (moto; the renderer called directly).

The whole pipeline through the stream, S3 and SQS, with pdfsig, zbarimg and the offline verifier,
is in test_certificate_pipeline.py on the live local stack."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.adapters.tables import CertificateRecord
from chalicelib.config import settings
from chalicelib.domain import codes
from chalicelib.services import issuance
from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application

STEPS = (
    ("secretary", None, "record_payment"),
    ("ward_member", 1, "ward_verify"),
    ("secretary", None, "verify"),
    ("signatory", None, "approve"),
)


def approved_case(api: Api, type_code: str = "citizenship", fields: dict[str, Any] | None = None) -> tuple[str, dict]:
    citizen = api.citizen_token()
    status, case = api.call("POST", "/v1/applications", application(type_code, fields or HOLDER), citizen)
    assert status == 201, case
    for role, ward, action in STEPS:
        token = api.staff_token("union-1", role, ward)
        status, case = api.call(
            "POST",
            f"/v1/applications/{case['id']}/actions",
            {"action": action, "version": case["version"], "note": "ok"},
            token,
        )
        assert status == 200, case
    return citizen, case


def test_issue_verify_lookup_revoke(api: Api) -> None:
    citizen, case = approved_case(api)
    number = issuance.issue(case["id"])
    assert number is not None
    assert issuance.issue(case["id"]) is None  # a repeated render request issues nothing more
    assert CertificateRecord.count() == 1

    status, detail = api.call("GET", f"/v1/applications/{case['id']}", token=citizen)
    assert detail["status"] == "issued" and detail["certificate_no"] == number
    assert detail["timeline"][-1]["action"] == "issue"

    status, link = api.call("GET", f"/v1/applications/{case['id']}/certificate", token=citizen)
    assert status == 200 and link["expires_in"] == 300 and "X-Amz-Expires=300" in link["url"]
    stranger = api.citizen_token("01911000009")
    assert api.call("GET", f"/v1/applications/{case['id']}/certificate", token=stranger)[0] == 404

    status, view = api.call("GET", f"/v1/verify/{number}")
    assert status == 200 and view["status"] == "valid" and view["type"] == "citizenship"
    assert view["holder"] == "মো*** রা*** খা***"
    text = str(view)
    for secret in (HOLDER["holder_nid"], HOLDER["holder_dob"], "রাবেয়া", "Rabeya"):
        assert secret not in text
    page = api.c.http.get(f"/v1/verify/{number.lower()}", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "বৈধ" in page.body.decode() and HOLDER["holder_nid"] not in page.body.decode()
    assert api.call("GET", "/v1/verify/NOTANUMBER")[0] == 404

    key = {"X-Api-Key": api.demo["agency_api_key"]}
    lookup = {"certificate_no": number, "holder_dob": "1990-04-14", "purpose": "police verification for a passport"}
    status, found = api.call("POST", "/v1/agency/lookup", lookup, headers=key)
    assert status == 200 and found["holder_name"] == HOLDER["holder_name_bn"] and found["pdf_url_expires_in"] <= 300
    assert "X-Amz-Expires=300" in found["pdf_url"]
    status, problem = api.call("POST", "/v1/agency/lookup", {**lookup, "holder_dob": "1991-01-01"}, headers=key)
    assert status == 404 and "holder_name" not in problem
    status, _ = api.call(
        "POST",
        "/v1/agency/lookup",
        {**{k: v for k, v in lookup.items() if k != "holder_dob"}, "nid_last4": "4321"},
        headers=key,
    )
    assert status == 200
    assert api.call("POST", "/v1/agency/lookup", lookup, headers={"X-Api-Key": "wrong"})[0] == 401

    status, log = api.call("GET", "/v1/me/access-log", token=citizen)
    outcomes = [(e["who"]["id"], e["outcome"]) for e in log["items"] if e["who"]["kind"] == "agency"]
    assert sorted(outcomes) == [("police-sb", "matched"), ("police-sb", "matched"), ("police-sb", "mismatch")]
    assert all(e["purpose"] for e in log["items"])

    chairman = api.staff_token("union-1", "signatory")
    secretary = api.staff_token("union-1", "secretary")
    assert api.call("POST", f"/v1/certificates/{number}/revoke", {"reason": "forged papers"}, secretary)[0] == 403
    assert api.call("POST", f"/v1/certificates/{number}/revoke", {}, chairman)[0] == 422
    status, revoked = api.call("POST", f"/v1/certificates/{number}/revoke", {"reason": "forged papers"}, chairman)
    assert status == 200 and revoked["status"] == "revoked"
    assert api.call("GET", f"/v1/verify/{number}")[1]["status"] == "revoked"
    assert api.call("POST", f"/v1/certificates/{number}/revoke", {"reason": "again"}, chairman)[0] == 409


# Well-formed (with its check character) but unknown: a malformed number is refused before the
# rate limit is even asked (domain/path_ids.py), since it cannot find anything.
UNKNOWN = "AAAAAAAAAAAAA" + codes.check_char("AAAAAAAAAAAAA")


def test_verification_is_rate_limited(api: Api) -> None:
    statuses = [api.call("GET", f"/v1/verify/{UNKNOWN}")[0] for _ in range(32)]
    assert statuses[:30] == [404] * 30 and statuses[30:] == [429, 429]


def test_behind_cloudfront_each_viewer_has_their_own_budget(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    def verify(viewer: str) -> int:
        return api.call("GET", f"/v1/verify/{UNKNOWN}", headers=api.through_cloudfront(viewer))[0]

    monkeypatch.setattr("chalicelib.services.throttle.time.time", lambda: 1_800_000_000.0)  # one minute

    # Same edge address (the test client's), different viewers: neither spends the other's budget.
    assert [verify("203.0.113.1") for _ in range(31)][-1] == 429
    assert verify("203.0.113.2") == 404
    # The edge as a whole has a (much larger) limit, so made-up viewer addresses do not escape it.
    monkeypatch.setenv("VERIFY_EDGE_RATE_PER_MINUTE", "35")
    settings.cache_clear()
    assert settings().verify_edge_rate_per_minute == 35  # cached now, outside the test client's stage env
    # 31 went through so far (the refused 31st of the first viewer is not the edge's); 32nd-35th pass.
    assert [verify(f"198.51.100.{i}") for i in range(5)] == [404, 404, 404, 404, 429]
    # An IPv6 viewer is one viewer across their /64.
    monkeypatch.setenv("VERIFY_EDGE_RATE_PER_MINUTE", "3000")
    settings.cache_clear()
    assert settings().verify_edge_rate_per_minute == 3000
    statuses = [verify(f"2001:db8:1:2::{i:x}") for i in range(31)]
    assert statuses[-1] == 429 and verify("2001:db8:1:3::1") == 404


def test_a_made_up_viewer_without_the_edge_key_is_the_source_address(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    # Calling API Gateway directly with a new viewer address each time buys no new budget.
    monkeypatch.setattr("chalicelib.services.throttle.time.time", lambda: 1_800_000_000.0)  # one minute
    forged = [{"X-Sonod-Viewer": f"198.51.100.{i}", **({"X-Sonod-Edge": "wrong"} if i % 2 else {})} for i in range(32)]
    statuses = [api.call("GET", f"/v1/verify/{UNKNOWN}", headers=headers)[0] for headers in forged]
    assert statuses[:30] == [404] * 30 and statuses[30:] == [429, 429]
    assert api.call("GET", f"/v1/verify/{UNKNOWN}")[0] == 429


def test_trust_list_and_status_list_are_published(api: Api) -> None:
    status, trust = api.call("GET", "/v1/trust-list")
    assert status == 200 and trust["format"].startswith("sonod-trust-list") and len(trust["keys"]) == 7
    status, listing = api.call("GET", "/v1/status-list/s1")
    assert status == 200 and listing["size"] >= 131072
    assert api.call("GET", "/v1/status-list/nope")[0] == 404
