"""The certificate preview (issue 12, item 10): before approving, the signatory reads the PDF as it
would be issued, through the same renderer, marked "preview" on every page, with no signature and
no QR; only the case's secretary and signatory may ask, and only while the case awaits its decision."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application
from tests.integration.test_case_flow import act

needs_poppler = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdfsig")), reason="poppler-utils are not installed"
)


def _verified_case(api: Api) -> dict[str, Any]:
    citizen = api.citizen_token()
    status, case = api.call("POST", "/v1/applications", application("citizenship", HOLDER), citizen)
    assert status == 201, case
    secretary = api.staff_token("union-1", "secretary")
    for token, action, note in (
        (secretary, "record_payment", "cash at the counter"),
        (api.staff_token("union-1", "ward_member", 1), "ward_verify", None),
        (secretary, "verify", None),
    ):
        status, case = act(api, token, case, action, note)
        assert status == 200, case
    return case


@needs_poppler
def test_the_signatory_reads_an_unsigned_marked_preview(api: Api, tmp_path: Path) -> None:
    case = _verified_case(api)
    chairman = api.staff_token("union-1", "signatory")
    status, body = api.call("GET", f"/v1/applications/{case['id']}/preview", token=chairman)
    assert status == 200, body
    assert body["content_type"] == "application/pdf"
    pdf = base64.b64decode(body["pdf_base64"])
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "preview.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert HOLDER["holder_name_bn"] in text  # the holder's name, as the certificate prints it
    assert "PREVIEW" in text and "নমুনা" in text  # the mark, on the page itself
    assert "Scan to verify" not in text  # no QR caption: nothing on it would verify
    sig = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    assert "does not contain any signatures" in sig.stdout + sig.stderr, sig.stdout + sig.stderr

    # Reading the preview changes nothing: the case is where it was, and can be approved.
    status, approved = act(api, chairman, case, "approve")
    assert status == 200 and approved["status"] == "approved"
    status, problem = api.call("GET", f"/v1/applications/{case['id']}/preview", token=chairman)
    assert status == 409 and problem["code"] == "not_previewable"


def test_only_the_secretary_and_signatory_of_the_case_may_preview(api: Api) -> None:
    case = _verified_case(api)
    path = f"/v1/applications/{case['id']}/preview"
    assert api.call("GET", path, token=api.staff_token("union-1", "secretary"))[0] == 200
    assert api.call("GET", path, token=api.staff_token("union-1", "ward_member", 1))[0] == 403
    assert api.call("GET", path, token=api.citizen_token())[0] == 403
    assert api.call("GET", path, token=api.staff_token("union-3271", "signatory"))[0] == 404
    assert api.call("GET", path)[0] == 401


def test_a_ward_member_who_signs_reads_the_preview_too(api: Api) -> None:
    from chalicelib.adapters import offices
    from chalicelib.adapters.tables import OfficeRecord

    office = OfficeRecord.get("union-1")
    office.overrides = {"citizenship": {"signatory": "ward"}}
    offices.put(office)
    case = _verified_case(api)
    path = f"/v1/applications/{case['id']}/preview"
    assert api.call("GET", path, token=api.staff_token("union-1", "ward_member", 1))[0] == 200
    assert api.call("GET", path, token=api.staff_token("union-1", "ward_member", 2))[0] == 404
