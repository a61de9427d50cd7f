"""Receipts as signed documents and the demand notice (decision 69), on moto with the renderer
called as the render queue calls it: a receipt the ledger wrote is rendered and signed once with
the office's key, its QR verifies offline with the published trust and status lists, it verifies
by number (masked), and once cancelled it shows cancelled there and in the status list."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from chalicelib.adapters import certificates, ledger, receipts, revenue_documents, storage
from chalicelib.adapters.aws import client
from chalicelib.adapters.tables import CertificateRecord, RevenueItem
from chalicelib.config import settings
from chalicelib.domain import codes
from chalicelib.domain import credentials as cred
from chalicelib.domain.canonical import normalise_phone
from chalicelib.domain.clock import utc_stamp
from chalicelib.domain.revenue.ledger import Posting, PostingKind
from chalicelib.domain.revenue.lines import DemandLine
from chalicelib.domain.revenue.receipts import CANCELLED, Allocation, Receipt
from chalicelib.rendering.qr import qr_version
from chalicelib.services import issuance, publication, receipt_documents
from chalicelib.services.signing_keys import certificate_der, ensure_root
from tests.integration.conftest import Api
from tests.integration.revenue_seed import OWNER_PHONE, seed_holding, seed_lines

OFFICE = "pourashava-savar"
OWNER = normalise_phone(OWNER_PHONE)  # as a signed-in citizen's account keys it (the seed's is unnormalised)
TOOLS = all(shutil.which(t) for t in ("pdfsig", "pdftoppm", "zbarimg", "pdftotext"))


def paid_receipt(amount: int = 60_000) -> Receipt:
    """A holding with a year's holding tax, part-paid in cash: the receipt written with the payment."""
    holding = seed_holding(OFFICE, ward=2, number="12/3", phone=OWNER)
    line = DemandLine("2026-27#holding_tax#1", holding.holding_id, "2026-27", "holding_tax", 1, "2026-09-30", 100_000)
    account = seed_lines(holding, (line,))
    number = codes.new_code()
    at = utc_stamp()
    receipt = Receipt(
        receipt_no=number,
        holding_id=holding.holding_id,
        office_id=OFFICE,
        ward=2,
        holding_number="12/3",
        payer_name="রহিমা খাতুন",
        amount=amount,
        allocations=(Allocation(line.line_id, "2026-27", "holding_tax", 1, "current", amount),),
        advance=0,
        method="cash",
        payment_id="cash-1",
        received_by=f"{OFFICE}.tax-collector",
        received_at=at,
    )
    event = ledger.PostingEvent(
        number, at, receipt.received_by, (Posting(PostingKind.PAYMENT, line.line_id, amount, number),)
    )
    paid = replace(account.lines[0], paid=amount)
    ledger.commit(ledger.LedgerWrite(account, (paid,), 0, event, extra=(receipts.row_of(receipt),)))
    return receipt


def cancel(receipt: Receipt, reason: str = "entered twice") -> None:
    """What the ledger's cancellation writes on the receipt item (the reversal is the ledger's)."""
    row = RevenueItem.get(*receipts.key(receipt.receipt_no))
    body = dict(row.body or {})
    body["status"] = CANCELLED
    body["cancellation"] = {"reason": reason, "by": f"{OFFICE}.signatory", "at": utc_stamp()}
    row.update(actions=[RevenueItem.body.set(body)])


def render_message(receipt_no: str) -> str:
    """The render queue's message for a receipt's render request (an S3 notification)."""
    key = f"render/receipt-{receipt_no}.json"
    record = {"s3": {"bucket": {"name": settings().work_bucket}, "object": {"key": key}}}
    return json.dumps({"Records": [record]})


def stored_pdf(record: certificates.Certificate) -> bytes:
    obj = client("s3").get_object(
        Bucket=settings().certificates_bucket, Key=record.pdf_key, VersionId=record.pdf_version
    )
    body: bytes = obj["Body"].read()
    return body


def offline(qr: str, list_id: str) -> cred.Verdict:
    """The offline verifier's check, with the trust and status lists as published."""
    trust = publication.publish_trust_list()
    fingerprint = hashlib.sha256(certificate_der(ensure_root())).digest()
    return cred.verify_qr(qr, trust, {list_id: publication.status_list(list_id)}, fingerprint)


def test_a_receipt_is_signed_once_and_verifies_by_number_until_cancelled(api: Api, tmp_path: Path) -> None:
    receipt = paid_receipt()
    receipt_documents.request(receipt.receipt_no)  # what the ledger calls after its commit
    assert issuance.on_render_messages([render_message(receipt.receipt_no)]) == 0  # no certificate issued
    record = certificates.get(receipt.receipt_no)
    assert record is not None and record.type_code == "holding_tax_receipt" and record.status == "valid"
    assert record.holder_masked == "র*** খা***"
    assert receipt_documents.settle(receipt.receipt_no) == "valid"  # redelivered: nothing more
    assert CertificateRecord.count() == 1

    status, view = api.call("GET", f"/v1/verify/{receipt.receipt_no}")
    assert status == 200, view
    assert (
        view["status"] == "valid"
        and view["type_name_bn"] == "হোল্ডিং করের রসিদ"
        and view["type_name_en"] == "Holding tax receipt"
    )
    assert view["holder"] == "র*** খা***" and view["amount"] == 60_000
    assert "রহিমা" not in json.dumps(view, ensure_ascii=False)

    pdf = stored_pdf(record)
    assert pdf.startswith(b"%PDF")
    qr = _qr_of(pdf, tmp_path, receipt.receipt_no, _office_key_name(record.kid)) if TOOLS else None
    if qr is not None:
        assert offline(qr, record.status_list).status == "valid"
        assert qr_version(qr) <= 15  # DESIGN §6's target, as for certificates

    cancel(receipt)
    status, view = api.call("GET", f"/v1/verify/{receipt.receipt_no}")
    assert view["status"] == "cancelled" and view["status_en"] == "Cancelled"  # the receipt item says so first
    page = api.c.http.get(f"/v1/verify/{receipt.receipt_no}", headers={"Accept": "text/html"}).body.decode()
    assert "বাতিল" in page and "৳ 600.00" in page and "পরিশোধকারী" in page and "রহিমা" not in page
    receipt_documents.request(receipt.receipt_no)
    issuance.on_render_messages([render_message(receipt.receipt_no)])
    record = certificates.get(receipt.receipt_no)
    assert record is not None and record.status == "revoked"
    state = certificates.status_list_state(record.status_list)
    assert state is not None and record.status_index in state.revoked
    published = publication.status_list(record.status_list)
    assert published["issued_at"]
    assert receipt_documents.settle(receipt.receipt_no) == "revoked"  # redelivered: nothing more
    if qr is not None:
        assert offline(qr, record.status_list).status == "revoked"


def _office_key_name(kid: str) -> str:
    """The common name in the certificate of the office head's key (the key the receipt names)."""
    from cryptography import x509

    from chalicelib.services.administration import seat_holders
    from chalicelib.services.signing_keys import signing_key_of

    key = signing_key_of(seat_holders(OFFICE, "signatory", None)[0])
    assert key.kid == kid
    cert = x509.load_der_x509_certificate(certificate_der(key))
    return str(cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value)


def _qr_of(pdf: bytes, tmp_path: Path, number: str, signer: str, shows: tuple[str, ...] = ()) -> str:
    """pdfsig accepts the signature, pdftotext reads the Bengali (`shows`: besides the number, what
    the seeded receipt of Tk 600 prints), zbarimg the QR."""
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdf)
    signed = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
    assert "Signature Validation: Signature is Valid." in signed, signed
    assert f"Signer Certificate Common Name: {signer}" in signed, signed  # the office head's key
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for expected in (
        "হোল্ডিং কর পরিশোধের রসিদ",
        codes.display(number),
        *(shows or ("রহিমা খাতুন", "৬০০.০০", "ছয়শত টাকা মাত্র")),
    ):
        assert expected in text, expected
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    page = next(tmp_path.glob("p*.png"))
    out = subprocess.run(["zbarimg", "--raw", "-q", str(page)], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_agencies_never_look_receipts_up_and_the_revoke_route_cannot_cancel_one(api: Api) -> None:
    receipt = paid_receipt()
    receipt_documents.settle(receipt.receipt_no)
    key = {"X-Api-Key": api.demo["agency_api_key"]}
    lookup = {"certificate_no": receipt.receipt_no, "nid_last4": "1234", "purpose": "checking a payment"}
    assert api.call("POST", "/v1/agency/lookup", lookup, headers=key)[0] == 404
    # Only the ledger cancels a receipt (with its reversal): the certificates' revoke route cannot.
    head = api.staff_token(OFFICE, "signatory")
    path = f"/v1/certificates/{receipt.receipt_no}/revoke"
    assert api.call("POST", path, {"reason": "a court order", "reason_code": "court_order"}, head)[0] == 404
    assert certificates.get(receipt.receipt_no).status == "valid"  # type: ignore[union-attr]


def test_the_pdf_link_is_for_owners_and_the_office(api: Api) -> None:
    receipt = paid_receipt()
    path = f"/v1/receipts/{receipt.receipt_no}/pdf"
    owner = api.citizen_token(OWNER_PHONE)
    status, body = api.call("GET", path, token=owner)
    assert status == 200 and body["pdf_url"] is None  # not signed yet
    receipt_documents.settle(receipt.receipt_no)
    status, body = api.call("GET", path, token=owner)
    assert status == 200 and "X-Amz-Expires=300" in body["pdf_url"] and body["expires_in"] == 300
    official = api.staff_token(OFFICE, "secretary")  # the demo has no tax collector until the register adds one
    assert api.call("GET", path, token=official)[0] == 200
    assert api.call("GET", path, token=api.citizen_token("01911000009"))[0] == 404
    assert api.call("GET", path, token=api.staff_token("union-1", "secretary"))[0] == 404
    assert api.call("GET", "/v1/receipts/NOTANUMBER/pdf", token=owner)[0] == 404


def test_a_lost_render_request_is_made_again_when_the_pdf_is_asked_for(aws_env: dict[str, Any]) -> None:
    receipt = paid_receipt()
    late = replace(receipt, received_at=utc_stamp(dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)))
    assert receipt_documents.pdf_link(late) is None
    key = f"render/receipt-{receipt.receipt_no}.json"
    assert storage.read_json(settings().work_bucket, key) == {"receipt_no": receipt.receipt_no}


def test_a_lost_cancellation_request_is_made_again_when_the_receipt_is_verified(api: Api) -> None:
    receipt = paid_receipt()
    receipt_documents.settle(receipt.receipt_no)
    cancel(receipt)
    row = RevenueItem.get(*receipts.key(receipt.receipt_no))
    old = utc_stamp(dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5))
    row.update(
        actions=[RevenueItem.body.set({**(row.body or {}), "cancellation": {**row.body["cancellation"], "at": old}})]
    )
    key = f"render/receipt-{receipt.receipt_no}.json"
    client("s3").delete_object(Bucket=settings().work_bucket, Key=key)  # the ledger's request was lost
    assert api.call("GET", f"/v1/verify/{receipt.receipt_no}")[1]["status"] == "cancelled"
    assert storage.read_json(settings().work_bucket, key) == {"receipt_no": receipt.receipt_no}


def test_a_failed_render_request_does_not_fail_the_payment(aws_env: dict[str, Any], monkeypatch: Any) -> None:
    def refuse(receipt_no: str) -> None:
        raise RuntimeError("S3 is unavailable")

    monkeypatch.setattr(revenue_documents, "put_render_request", refuse)
    assert receipt_documents.request("6MN5PJCNH01QGN") is False  # logged; pdf_link asks again later


def bill(holding_id: str, expires_at: str = "2099-12-31T18:00:00+00:00") -> str:
    bill_id = codes.new_code()
    lines = [
        {
            "line_id": "2025-26#holding_tax#4",
            "fiscal_year": "2025-26",
            "head": "holding_tax",
            "head_name": "Holding tax",
            "head_name_bn": "গৃহকর",
            "instalment": 4,
            "due_on": "2026-06-30",
            "kind": "arrear",
            "amount": 50_000,
            "paid": 10_000,
            "outstanding": 40_000,
            "rebate": 0,
            "surcharge": 6_000,
            "payable": 46_000,
        }
    ]
    body = {
        "holding_id": holding_id,
        "lines": lines,
        "total": 46_000,
        "due_by": "2026-12-31",
        "expires_at": expires_at,
        "created_at": "2026-12-07T04:00:00+00:00",
    }
    RevenueItem(f"bill#{bill_id}", "bill", kind="bill", office_id=OFFICE, body=body).save()
    return bill_id


def test_the_demand_notice_is_a_bengali_pdf(api: Api, tmp_path: Path) -> None:
    holding = seed_holding(OFFICE, ward=4, number="7/1", phone=OWNER)
    bill_id = bill(holding.holding_id)
    owner = api.citizen_token(OWNER_PHONE)
    status, body = api.call("GET", f"/v1/bills/{bill_id}/notice", token=owner)
    assert status == 200, body
    assert "X-Amz-Expires=300" in body["pdf_url"]
    again = api.call("GET", f"/v1/bills/{bill_id}/notice", token=api.staff_token(OFFICE, "signatory"))
    assert again[0] == 200
    assert api.call("GET", f"/v1/bills/{bill_id}/notice", token=api.citizen_token("01911000009"))[0] == 404
    assert api.call("GET", "/v1/bills/nothing/notice", token=owner)[0] == 404
    assert api.call("GET", f"/v1/bills/{codes.display(bill_id).lower()}/notice", token=owner)[0] == 200
    assert api.call("GET", "/v1/bills/not%20an%20id/notice", token=owner)[0] == 404
    expired = bill(holding.holding_id, expires_at="2026-01-01T00:00:00+00:00")
    status, problem = api.call("GET", f"/v1/bills/{expired}/notice", token=owner)
    assert status == 404 and problem["title_bn"]
    obj = client("s3").get_object(Bucket=settings().certificates_bucket, Key=f"notices/{bill_id}.pdf")
    pdf = obj["Body"].read()
    assert pdf.startswith(b"%PDF")
    if TOOLS:
        path = tmp_path / "notice.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        for expected in ("হোল্ডিং কর দাবির নোটিশ", "গৃহকর", "বকেয়া", "৪৬০.০০", "১৬ পৌষ ১৪৩৩", "Rahima Khatun"):
            assert expected in text, expected
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(tmp_path / "n")], check=True)
        page = next(tmp_path.glob("n*.png"))
        qr = subprocess.run(["zbarimg", "--raw", "-q", str(page)], capture_output=True, text=True, check=True)
        assert qr.stdout.strip().endswith(f"/holdings/{holding.holding_id}")


def test_two_renderers_racing_record_one_document(aws_env: dict[str, Any], monkeypatch: Any) -> None:
    """Two deliveries of one request: both may render, exactly one record stands, and the loser
    answers with the winner's (whose PDF version the link names)."""
    receipt = paid_receipt()
    record = receipt_documents._issue(receipt)
    rival = replace(record, status_index=record.status_index + 1, pdf_version="another")
    results: list[bool] = []
    barrier = threading.Barrier(2)

    def put(candidate: certificates.Certificate) -> None:
        barrier.wait()
        results.append(revenue_documents.record_receipt(candidate))

    CertificateRecord(receipt.receipt_no).delete()
    threads = [threading.Thread(target=put, args=(r,)) for r in (record, rival)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, True] and CertificateRecord.count() == 1

    # A renderer that finds no record, renders, and loses the put returns the standing record.
    standing, real_get = certificates.get(receipt.receipt_no), certificates.get
    reads: list[str] = []

    def get(number: str) -> certificates.Certificate | None:
        reads.append(number)  # settle's first read misses the record; the loser's re-read finds it
        return None if len(reads) == 1 else real_get(number)

    monkeypatch.setattr(certificates, "get", get)
    assert receipt_documents.settle(receipt.receipt_no) == "valid"
    monkeypatch.undo()
    assert len(reads) == 2  # it rendered, lost the put, and read the winner
    assert certificates.get(receipt.receipt_no) == standing and CertificateRecord.count() == 1
