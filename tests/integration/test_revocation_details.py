"""A revoked certificate checked offline shows when and why: the signed status list carries, per
revoked index, the day (in Bangladesh) and a category of reason; never the free-text reason."""

from __future__ import annotations

import base64
import datetime as dt

import cbor2

from chalicelib.adapters.tables import CertificateRecord
from chalicelib.services import issuance, publication
from tests.integration.conftest import Api
from tests.integration.test_certificates import approved_case


def _payload(doc: dict[str, object]) -> dict[str, object]:
    return dict(cbor2.loads(base64.b64decode(str(doc["content"]))))


def test_the_status_list_says_when_and_why_a_certificate_was_revoked(api: Api) -> None:
    _, case = approved_case(api)
    number = issuance.issue(case["id"])
    record = CertificateRecord.get(number)
    chairman = api.staff_token("union-1", "signatory")
    path = f"/v1/certificates/{number}/revoke"
    status, problem = api.call("POST", path, {"reason": "forged", "reason_code": "no-such"}, chairman)
    assert status == 422 and problem["errors"][0]["field"] == "reason_code"
    assert CertificateRecord.get(number).status == "valid"  # nothing written
    body = {"reason": "Karim's trade licence was forged", "reason_code": "forged_papers"}
    assert api.call("POST", path, body, chairman)[0] == 200

    doc = publication.publish_status_list(str(record.status_list))
    [[index, day, reason]] = _payload(doc)["revocations"]  # type: ignore[misc]
    assert (index, reason) == (int(record.status_index), "forged_papers")
    revoked_at = dt.datetime.fromisoformat(str(CertificateRecord.get(number).revoked_at).replace("Z", "+00:00"))
    assert day == revoked_at.astimezone(dt.timezone(dt.timedelta(hours=6))).date().isoformat()
    assert "Karim" not in str(doc)  # the free text stays with the case


def test_a_list_without_revocations_is_as_before(api: Api) -> None:
    doc = publication.publish_status_list("s1")
    assert "revocations" not in _payload(doc)


def test_the_case_page_revoke_action_publishes_its_category_too(api: Api) -> None:
    """The dashboard revokes through the case's actions: the same category, the same 422."""
    _, case = approved_case(api)
    number = issuance.issue(case["id"])
    record = CertificateRecord.get(number)
    chairman = api.staff_token("union-1", "signatory")
    path = f"/v1/applications/{case['id']}/actions"
    _, current = api.call("GET", f"/v1/applications/{case['id']}", token=chairman)
    body = {"action": "revoke", "version": current["version"], "note": "court", "reason_code": "nope"}
    status, problem = api.call("POST", path, body, chairman)
    assert status == 422 and problem["errors"][0]["field"] == "reason_code"
    assert CertificateRecord.get(number).status == "valid"
    assert api.call("POST", path, {**body, "reason_code": "court_order"}, chairman)[0] == 200
    doc = publication.publish_status_list(str(record.status_list))
    [[index, _day, reason]] = _payload(doc)["revocations"]  # type: ignore[misc]
    assert (index, reason) == (int(record.status_index), "court_order")
