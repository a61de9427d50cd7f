"""Personal data never reaches the logs: capture everything a full flow logs and search it."""

from __future__ import annotations

import logging

import pytest

from chalicelib.services import issuance
from tests.integration.conftest import Api
from tests.integration.flows import DECEASED, HOLDER, PERSONAL_STRINGS, application


def test_no_personal_data_in_logs(
    api: Api, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    # What a deployed function logs: our logger at its most verbose, libraries at INFO.
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="sonod-sheba")
    citizen = api.citizen_token("01711000001")
    api.call("PUT", "/v1/me", {"nid": "1987654321", "name_bn": "রাবেয়া খাতুন", "name_en": "Rabeya Khatun"}, citizen)
    _, case = api.call("POST", "/v1/applications", application("warish", DECEASED), citizen)
    api.call("POST", "/v1/applications", application("warish", DECEASED), api.citizen_token("01811000002"))
    api.call("POST", "/v1/applications", application("citizenship", {**HOLDER, "holder_nid": "bad"}), citizen)
    secretary = api.staff_token("union-1", "secretary")
    api.call("POST", f"/v1/applications/{case['id']}/actions", {"action": "record_payment", "version": 1}, secretary)
    api.call("GET", f"/v1/applications/{case['id']}", token=citizen)
    api.call("GET", "/v1/offices/union-1/applications", token=secretary)
    # And through issuing, public verification and an agency lookup.
    _, other = api.call("POST", "/v1/applications", application("citizenship", HOLDER), citizen)
    for role, ward, action in (
        ("secretary", None, "record_payment"),
        ("ward_member", 1, "ward_verify"),
        ("secretary", None, "verify"),
        ("signatory", None, "approve"),
    ):
        _, other = api.call(
            "POST",
            f"/v1/applications/{other['id']}/actions",
            {"action": action, "version": other["version"]},
            api.staff_token("union-1", role, ward),
        )
    number = issuance.issue(other["id"])
    api.call("GET", f"/v1/verify/{number}")
    lookup = {"certificate_no": number, "nid_last4": "4321", "purpose": "passport verification"}
    api.call("POST", "/v1/agency/lookup", lookup, headers={"X-Api-Key": api.demo["agency_api_key"]})
    out = capsys.readouterr()
    logged = out.out + out.err + caplog.text
    assert "application created" in logged and "certificate issued" in logged  # the logs were captured
    for secret in PERSONAL_STRINGS:
        assert secret not in logged, f"personal data {secret!r} reached the logs"
