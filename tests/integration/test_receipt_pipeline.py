"""The receipt pipeline on the live local stack (`make run`'s wiring, decision 69): the ledger's
render request → S3 render/ → SQS → renderer → signed PDF and record; verified by number over HTTP;
cancelled → the render queue again → cancelled there and in the published status list."""

from __future__ import annotations

from chalicelib.adapters import certificates
from chalicelib.domain.revocation_lists import load_status_list
from chalicelib.domain.trustlists import load_trust_list
from chalicelib.services import receipt_documents
from local import stack as local_stack
from tests.integration.live import http
from tests.integration.test_receipt_documents import cancel, paid_receipt


def test_a_receipt_goes_through_the_render_queue(live: local_stack.Stack) -> None:
    base = live.api_url
    receipt = paid_receipt()
    receipt_documents.request(receipt.receipt_no)
    live.pump.drain(3)
    record = certificates.get(receipt.receipt_no)
    assert record is not None and record.status == "valid" and record.pdf_version
    status, view = http(base, "GET", f"/v1/verify/{receipt.receipt_no}")
    assert status == 200 and view["status"] == "valid" and view["type"] == "holding_tax_receipt", view

    cancel(receipt)
    receipt_documents.request(receipt.receipt_no)
    live.pump.drain(3)
    record = certificates.get(receipt.receipt_no)
    assert record is not None and record.status == "revoked"
    assert http(base, "GET", f"/v1/verify/{receipt.receipt_no}")[1]["status"] == "cancelled"
    status, published = http(base, "GET", f"/v1/status-list/{record.status_list}")
    assert status == 200, published
    trust = load_trust_list(http(base, "GET", "/v1/trust-list")[1])
    assert load_status_list(published, trust).is_revoked(record.status_index)
