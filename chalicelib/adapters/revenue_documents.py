"""The signed documents of municipal revenue (decision 69): a receipt's certificate record, its
cancellation in the status list, render requests, the stored PDFs and the bills notices print.

A rendered receipt is recorded as a certificate row (its number, type `holding_tax_receipt`, the
office key's kid, its status-list place, its PDF): verification by number, the status lists and
revocation are the certificates'. The receipt item itself (`receipt#<no>`) is never written here:
the ledger owns it."""

from __future__ import annotations

import json
from typing import Any

from pynamodb.exceptions import PutError, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters import certificates
from chalicelib.adapters.aws import client
from chalicelib.adapters.certificates import Certificate
from chalicelib.adapters.storage import RENDER_PREFIX
from chalicelib.adapters.tables import CertificateRecord, RevenueItem
from chalicelib.config import settings

RECEIPT_REQUEST = "receipt-"  # render/receipt-<no>.json: a receipt to render, sign or cancel


def record_receipt(record: Certificate) -> bool:
    """Record a rendered receipt, once: False if a renderer recorded it first (theirs stands)."""
    try:
        certificates.row_of(record).save(condition=CertificateRecord.certificate_no.does_not_exist())
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def cancel_receipt(record: Certificate, reason: str, at: str) -> bool:
    """Mark the receipt's record cancelled and set its status-list bit, in one transaction; False
    if it was already (a redelivered request)."""
    try:
        with TransactWrite(connection=CertificateRecord._get_connection().connection) as tx:
            certificates.add_revocation(tx, record, reason, at, "other")
    except TransactWriteError as error:
        if any(r is not None and r.code == "ConditionalCheckFailed" for r in error.cancellation_reasons):
            return False
        raise
    return True


def put_render_request(receipt_no: str) -> None:
    """Hand a receipt to the renderer: S3 (render/) notifies the render queue, as for certificates."""
    client("s3").put_object(
        Bucket=settings().work_bucket,
        Key=f"{RENDER_PREFIX}{RECEIPT_REQUEST}{receipt_no}.json",
        Body=json.dumps({"receipt_no": receipt_no}).encode(),
        ContentType="application/json",
    )


def receipt_pdf_key(receipt_no: str) -> str:
    return f"receipts/{receipt_no}.pdf"


def notice_pdf_key(bill_id: str) -> str:
    return f"notices/{bill_id}.pdf"


def bill(bill_id: str) -> dict[str, Any] | None:
    """A bill as the ledger wrote it (`bill#<id>` / `bill`): holding_id, lines, total, due_by,
    expires_at, created_at; None if there is none."""
    try:
        row = RevenueItem.get(f"bill#{bill_id}", "bill")
    except RevenueItem.DoesNotExist:
        return None
    return dict(row.body or {})
