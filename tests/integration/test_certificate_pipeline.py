"""The certificate pipeline end to end on the live local stack, checked with real tools:
approve → case stream → S3 render request → SQS → renderer → signed PDF in the versioned bucket →
issued; poppler's pdfsig accepts the signature, zbarimg reads the QR from the rendered page, and
the offline verifier accepts it with only the trust list and status list — and refuses it once
the certificate is revoked or the QR is tampered with."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from local import stack as local_stack
from tests.integration.flows import DECEASED, application
from tests.integration.live import http, login, sign_in

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdfsig", "pdftoppm", "zbarimg")),
    reason="needs poppler-utils and zbar-tools (scripts/install-system-deps.sh)",
)
ROOT = Path(__file__).resolve().parents[2]


def verify_offline(subject: str, trust: Path, status: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "verifier", "verify", subject, "--trust-list", str(trust), "--status-list", str(status)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def save(base: str, path: str, target: Path) -> Path:
    status, doc = http(base, "GET", path)
    assert status == 200, doc
    target.write_text(json.dumps(doc), encoding="utf-8")
    return target


def test_approved_case_becomes_a_verifiable_pdf(live: local_stack.Stack, tmp_path: Path) -> None:
    base = live.api_url
    citizen = sign_in(base, "01711000001")
    status, case = http(base, "POST", "/v1/applications", application("warish", DECEASED), citizen)
    assert status == 201, case
    steps = (
        ("union-1.secretary", "record_payment"),
        ("union-1.ward-member1", "ward_verify"),
        ("union-1.secretary", "verify"),
        ("union-1.secretary", "record_consent_exception"),  # the heir signed consent at the office
        ("union-1.signatory", "approve"),
    )
    for username, action in steps:
        body = {"action": action, "version": case["version"], "note": "ok"}
        status, case = http(base, "POST", f"/v1/applications/{case['id']}/actions", body, login(base, username))
        assert status == 200, case

    live.pump.drain(4)
    _, detail = http(base, "GET", f"/v1/applications/{case['id']}", token=citizen)
    assert detail["status"] == "issued", detail["timeline"]
    number = detail["certificate_no"]

    lookup = {"certificate_no": number, "nid_last4": "9870", "purpose": "land mutation (e-namjari)"}
    headers = {"X-Api-Key": live.demo["agency_api_key"]}
    request = urllib.request.Request(
        base + "/v1/agency/lookup",
        data=json.dumps(lookup).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **headers},
    )
    with urllib.request.urlopen(request, timeout=30) as r:
        found = json.loads(r.read())
    with urllib.request.urlopen(found["pdf_url"], timeout=30) as r:
        pdf = r.read()
    assert pdf.startswith(b"%PDF") and len(pdf) <= 150 * 1024
    pdf_path = tmp_path / "certificate.pdf"
    pdf_path.write_bytes(pdf)

    pdfsig = subprocess.run(["pdfsig", str(pdf_path)], capture_output=True, text=True, check=False)
    assert "Signature Validation: Signature is Valid." in pdfsig.stdout, pdfsig.stdout + pdfsig.stderr

    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf_path), str(tmp_path / "page")], check=True
    )
    page = next(tmp_path.glob("page*.png"))
    qr = subprocess.run(
        ["zbarimg", "--raw", "-q", str(page)], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert "/v#SS1:" in qr, qr[:80]

    trust = save(base, "/v1/trust-list", tmp_path / "trust.json")
    status_list = save(base, "/v1/status-list/s1", tmp_path / "status.json")
    ok = verify_offline(str(pdf_path), trust, status_list)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    tampered = qr[:-6] + ("A" if qr[-6] != "A" else "B") + qr[-5:]
    assert verify_offline(tampered, trust, status_list).returncode == 1

    chairman = login(base, "union-1.signatory")
    assert http(base, "POST", f"/v1/certificates/{number}/revoke", {"reason": "a court order"}, chairman)[0] == 200
    assert http(base, "GET", f"/v1/verify/{number}")[1]["status"] == "revoked"
    live.pump.drain(2)  # the case stream publishes the status list again
    status_list = save(base, "/v1/status-list/s1", tmp_path / "status.json")
    refused = verify_offline(str(pdf_path), trust, status_list)
    assert refused.returncode == 1 and "revoked" in refused.stdout.lower(), refused.stdout
