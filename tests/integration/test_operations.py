"""Running the country: onboarding every office, office settings, handover of signatories,
SLA escalation (moto; the renderer called directly)."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

from chalicelib.adapters.aws import client as aws_client
from chalicelib.adapters.tables import CaseRecord, CertificateRecord, OfficeRecord, SigningKey
from chalicelib.api.events import case_changes
from chalicelib.config import settings
from chalicelib.services import escalation, issuance, notifications
from local import demo
from ops import onboard
from ops.offices import union_offices, urban_offices
from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application
from tests.integration.test_certificates import approved_case
from verifier.__main__ import main as verify_offline


def test_the_whole_country_onboards_once(api: Api) -> None:
    records = onboard.country()
    kinds = {kind: sum(r.kind == kind for r in records) for kind in ("union", "pourashava", "city_corporation")}
    assert kinds["union"] == 4540 and kinds["city_corporation"] == 12 and kinds["pourashava"] >= 2
    done = onboard.onboard(records)
    # the five demo offices with staff and the five Rampur unions were already there
    assert done.created == len(records) - 5 - len(demo.SAME_NAMED)
    again = onboard.onboard(onboard.country())
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(records))
    status, found = api.call("GET", "/v1/offices?q=তেলিখাল")
    assert status == 200 and "union-2468" in [o["office_id"] for o in found["items"]]
    status, found = api.call("GET", "/v1/offices?q=Telikhal")
    assert "union-2468" in [o["office_id"] for o in found["items"]]


def test_onboarding_again_keeps_each_offices_settings(api: Api) -> None:
    admin = api.staff_token("union-1", "office_admin")
    body = {"overrides": {"citizenship": {"fee_poisha": 7500, "sla_days": 5}}, "policies": {"refund_on_reject": "full"}}
    status, office = api.call("PUT", "/v1/offices/union-1/settings", body, admin)
    assert status == 200 and office["overrides"]["citizenship"]["fee_poisha"] == 7500
    renamed = union_offices({"1"})[0]
    renamed.name_en = "Subil Union"
    done = onboard.onboard([renamed, *urban_offices({"cc-dhaka-north"})])
    assert (done.created, done.updated, done.unchanged) == (0, 1, 1)
    kept = OfficeRecord.get("union-1")
    assert kept.name_en == "Subil Union" and kept.overrides["citizenship"]["fee_poisha"] == 7500
    assert kept.policies == {"refund_on_reject": "full"}
    _, charter = api.call("GET", "/v1/offices/union-1/charter")
    [row] = [r for r in charter["items"] if r["type"] == "citizenship"]
    assert row["fee"]["office_fee"] == 7500 and row["sla_days"] == 5


def test_office_settings_are_checked_and_kept_to_the_office(api: Api) -> None:
    admin = api.staff_token("union-1", "office_admin")
    bad = {"overrides": {"citizenship": {"fee_poisha": -5, "signatory": "mayor"}, "nope": {}}, "wards": 0}
    status, problem = api.call("PUT", "/v1/offices/union-1/settings", bad, admin)
    assert status == 422 and problem["title_bn"]
    assert {e["field"] for e in problem["errors"]} == {
        "overrides.citizenship.fee_poisha",
        "overrides.citizenship.signatory",
        "overrides.nope",
        "wards",
    }
    assert api.call("PUT", "/v1/offices/union-1/settings", {}, admin)[0] == 422
    assert api.call("PUT", "/v1/offices/union-3271/settings", {"wards": 9}, admin)[0] == 403
    secretary = api.staff_token("union-1", "secretary")
    assert api.call("PUT", "/v1/offices/union-1/settings", {"wards": 9}, secretary)[0] == 403


def _verify(tmp_path: Path, api: Api, number: str, name: str) -> int:
    record = CertificateRecord.get(number)
    pdf = aws_client("s3").get_object(Bucket=settings().certificates_bucket, Key=record.pdf_key)["Body"].read()
    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    for path in ("trust-list", "status-list/s1"):
        _, doc = api.call("GET", f"/v1/{path}")
        (tmp_path / f"{path.split('/')[0]}.json").write_text(json.dumps(doc), encoding="utf-8")
    args = [str(tmp_path / f"{name}.pdf"), "--trust-list", str(tmp_path / "trust-list.json")]
    return verify_offline(["verify", *args, "--status-list", str(tmp_path / "status-list.json")])


def test_handover_keeps_what_the_old_chairman_signed(api: Api, tmp_path: Path) -> None:
    _, before = approved_case(api)
    old_number = issuance.issue(before["id"])
    time.sleep(1.1)  # times are whole seconds: a key is valid for what it signed before the second it retired
    old_token = api.staff_token("union-1", "signatory")
    lgd = api.staff_token("lgd", "lgd_admin")
    new_chairman = {
        "role": "signatory",
        "username": "union-1.chairman-2026",
        "password": "a long new password",
        "name_bn": "মোঃ নতুন চেয়ারম্যান",
        "name_en": "Md. New Chairman",
        "designation_bn": "চেয়ারম্যান",
    }
    assert api.call("POST", "/v1/offices/union-1/signatories", {**new_chairman, "password": "short"}, lgd)[0] == 422
    secretary = api.staff_token("union-1", "secretary")
    assert api.call("POST", "/v1/offices/union-1/signatories", new_chairman, secretary)[0] == 403
    status, handed = api.call("POST", "/v1/offices/union-1/signatories", new_chairman, lgd)
    assert status == 201 and handed["retired"] == ["union-1.signatory"]
    assert api.call("POST", "/v1/offices/union-1/signatories", new_chairman, lgd)[0] == 409

    old_login = {"username": "union-1.signatory", "password": "sonod-demo-2026"}
    assert api.call("POST", "/v1/auth/login", old_login)[0] == 401
    citizen = api.citizen_token("01911000005")
    _, case = api.call("POST", "/v1/applications", application("citizenship", HOLDER), citizen)
    for role, ward, action in (("secretary", None, "record_payment"), ("ward_member", 1, "ward_verify")):
        body = {"action": action, "version": case["version"]}
        _, case = api.call(
            "POST", f"/v1/applications/{case['id']}/actions", body, api.staff_token("union-1", role, ward)
        )
    _, case = api.call(
        "POST", f"/v1/applications/{case['id']}/actions", {"action": "verify", "version": case["version"]}, secretary
    )
    approve = {"action": "approve", "version": case["version"]}
    status, _ = api.call("POST", f"/v1/applications/{case['id']}/actions", approve, old_token)
    assert status == 401  # the old chairman's unexpired token no longer approves
    token = api.first_sign_in(new_chairman["username"], "a long new password", "the chairman's own one")
    status, _ = api.call("POST", f"/v1/applications/{case['id']}/actions", approve, token)
    assert status == 200
    new_number = issuance.issue(case["id"])

    _, trust = api.call("GET", "/v1/trust-list")
    union_keys = [k for k in trust["keys"] if k["office_id"] == "union-1"]
    assert any(k.get("valid_to") for k in union_keys) and any(k["kid"] == handed["kid"] for k in union_keys)
    assert CertificateRecord.get(new_number).kid == handed["kid"] != CertificateRecord.get(old_number).kid
    retired = next(k for k in union_keys if k.get("valid_to") and k["kid"] != handed["kid"])
    kms_id = SigningKey.get(retired["kid"]).kms_key_id
    assert aws_client("kms").describe_key(KeyId=kms_id)["KeyMetadata"]["KeyState"] == "PendingDeletion"
    assert _verify(tmp_path, api, str(old_number), "old") == 0  # signed before the handover: still valid
    assert _verify(tmp_path, api, str(new_number), "new") == 0


def test_overdue_cases_are_escalated_once(api: Api) -> None:
    citizen = api.citizen_token()
    secretary = api.staff_token("union-1", "secretary")
    late, decided = (api.call("POST", "/v1/applications", application("character", HOLDER), citizen)[1] for _ in "ab")
    for case in (late, decided):
        body = {"action": "record_payment", "version": 1}
        assert api.call("POST", f"/v1/applications/{case['id']}/actions", body, secretary)[0] == 200
    body = {"action": "reject", "version": 2, "note": "not a resident"}
    assert api.call("POST", f"/v1/applications/{decided['id']}/actions", body, secretary)[0] == 200

    due = dt.date.fromisoformat(late["due_on"])
    assert escalation.run(today=due) == 0  # due today is not overdue yet
    assert escalation.run(today=due + dt.timedelta(days=1)) == 1
    assert escalation.run(today=due + dt.timedelta(days=2)) == 0  # once
    _, detail = api.call("GET", f"/v1/applications/{late['id']}", token=secretary)
    assert detail["escalated_to"]["role"] == "upazila_nirbahi_officer" and detail["status"] == "submitted"
    assert detail["timeline"][-1]["action"] == "escalate"
    _, queue = api.call("GET", "/v1/offices/union-1/applications?status=submitted", token=secretary)
    assert [c["escalated"] for c in queue["items"]] == [True]
    # The case stream tells the applicant (the escalation left the status as it was).
    record = CaseRecord.get(late["id"])  # the row: its stream image
    new = record.serialize()
    old = {**new, "version": {"N": str(int(record.version) - 1)}}
    assert notifications.on_case_changes(case_changes([{"dynamodb": {"NewImage": new, "OldImage": old}}])) == 1
    _, box = api.call("GET", "/v1/_local/outbox?phone=01711000001")
    assert any(m["purpose"] == "case_escalate" and "উপজেলা নির্বাহী অফিসার" in m["text"] for m in box["items"])
