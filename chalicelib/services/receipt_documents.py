"""Receipts as signed documents, and the printed demand notice (DESIGN §10, decision 69).

payment or cancellation (ledger) ─► request() ─► S3 render/receipt-<no>.json ─► render queue ─► settle()

`settle` makes a receipt's document match its item, idempotently (queues redeliver): an issued
receipt without a document is rendered, signed with the office's key (the head's signatory key)
and recorded as a certificate row of type `holding_tax_receipt` (verification by number, status
lists and revocation are the certificates'); a cancelled receipt's record is revoked and its status
list published. A request lost between the ledger's commit and S3 is made again when someone asks
for the receipt's PDF (`pdf_link`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from chalicelib.adapters import accounts, certificates, kms, receipts, revenue_documents, storage
from chalicelib.adapters import holdings as holding_repo
from chalicelib.adapters import offices as office_repo
from chalicelib.adapters.certificates import Certificate
from chalicelib.adapters.revenue_stream import RevenueChange
from chalicelib.config import settings
from chalicelib.domain import codes, path_ids
from chalicelib.domain.actors import Actor
from chalicelib.domain.certificate import mask_name
from chalicelib.domain.clock import bd_date, parse_stamp, today_bd, utc_stamp
from chalicelib.domain.errors import AppError, not_found
from chalicelib.domain.revenue.access import holding_relations, may
from chalicelib.domain.revenue.documents import (
    METHOD_NAMES,
    RECEIPT_TYPE,
    NoticeDocument,
    ReceiptDocument,
    notice_lines,
    receipt_record,
)
from chalicelib.domain.revenue.receipts import CANCELLED, Receipt
from chalicelib.domain.revenue.schedule import default_schedule
from chalicelib.observability import logger, metrics
from chalicelib.services import status_lists
from chalicelib.services.administration import seat_holders
from chalicelib.services.offices import header_of
from chalicelib.services.publication import publish_status_list
from chalicelib.services.signing_keys import certificate_der, ensure_root, signing_key_of

RESETTLE_AFTER_S = 60  # a receipt still without its document this long after the fact is asked for again


def request(receipt_no: str) -> bool:
    """After the ledger committed a receipt or its cancellation: have its document made to match.
    Never raises: the money is already recorded, and a request that fails here is made again when
    the receipt is next read (`catch_up`). False if it failed."""
    try:
        revenue_documents.put_render_request(receipt_no)
    except Exception:
        logger.exception(
            "receipt render request not written; made again on the next read", extra={"receipt_no": receipt_no}
        )
        metrics.add_metric(name="ReceiptRequestFailed", unit="Count", value=1)
        return False
    return True


def on_revenue_changes(changes: list[RevenueChange]) -> int:
    """The revenue stream: a receipt written, or its status changed (a cancellation), has its
    document made to match. Returns how many requests were made."""
    asked = 0
    for change in changes:
        old, new = change.old, change.new
        if change.kind != "receipt" or not isinstance(new, Receipt):
            continue
        if isinstance(old, Receipt) and old.status == new.status:
            continue  # the renderer's own write (document added), not a new fact
        asked += int(request(new.receipt_no))
    return asked


def settle(receipt_no: str) -> str | None:
    """Render and record the receipt's signed document once, and revoke it once the receipt is
    cancelled; returns the record's status (None: no such receipt, nothing to do)."""
    receipt = receipts.get(receipt_no)
    if receipt is None:
        logger.warning("receipt render request for a receipt that does not exist", extra={"receipt_no": receipt_no})
        return None
    record = certificates.get(receipt_no) or _issue(receipt)
    if receipt.status == CANCELLED and record.status == "valid" and receipt.cancellation is not None:
        if revenue_documents.cancel_receipt(record, receipt.cancellation.reason, receipt.cancellation.at):
            publish_status_list(record.status_list)
            logger.info("receipt cancelled in its status list", extra={"receipt_no": receipt_no})
        return "revoked"
    return record.status


def _office_signer(office_id: str) -> str:
    """The office's key is its head's (chairman, mayor, administrator): whoever holds the signatory
    seat now signs the office's receipts, as they sign its certificates."""
    holders = seat_holders(office_id, "signatory", None)
    if not holders:
        raise RuntimeError(f"office {office_id} has no signatory to sign its receipts")
    return holders[0]


def _issue(receipt: Receipt) -> Certificate:
    from chalicelib.domain.credentials import record_hash

    key = signing_key_of(_office_signer(receipt.office_id))
    list_id, index = status_lists.reserve(receipt.receipt_no)
    number = receipt.receipt_no
    record = Certificate(
        number,
        case_id=receipt.holding_id,  # the revenue account the receipt belongs to
        citizen_id="",  # a payer is not always a citizen with an account; agencies never look receipts up
        office_id=receipt.office_id,
        type_code=RECEIPT_TYPE,
        issued_on=bd_date(receipt.received_at).isoformat(),
        status="valid",
        holder_name=receipt.payer_name,
        holder_masked=mask_name(receipt.payer_name),
        kid=key.kid,
        status_list=list_id,
        status_index=index,
        record_hash=record_hash(receipt_record(receipt)).hex(),
        pdf_key=revenue_documents.receipt_pdf_key(number),
        second_facts={},
    )
    pdf = _signed_pdf(receipt, record, key)
    record = replace(record, pdf_version=storage.put_pdf_at(record.pdf_key, pdf))
    if not revenue_documents.record_receipt(record):
        winner = certificates.get(number)  # another delivery recorded it first: its PDF stands
        if winner is None:
            raise RuntimeError(f"receipt {number} was recorded and then vanished")
        return winner
    metrics.add_metric(name="ReceiptSigned", unit="Count", value=1)
    logger.info("receipt signed", extra={"receipt_no": number, "kid": key.kid})
    return record


def _received_by(receipt: Receipt) -> str:
    staff = accounts.staff(receipt.received_by) if receipt.method == "cash" else None
    if staff is not None:
        return f"{staff.name_bn}, {staff.designation_bn}".strip(", ")
    return METHOD_NAMES.get(receipt.method, (receipt.received_by, ""))[0]


def _head_names(office_kind: str) -> dict[str, tuple[str, str]]:
    return {h.code: (h.name_bn, h.name) for h in default_schedule(office_kind).heads}


def _signed_pdf(receipt: Receipt, record: Certificate, key: Any) -> bytes:
    from chalicelib.domain.credentials import CertificateClaims, encode_qr, verify_url
    from chalicelib.rendering.revenue import render_receipt
    from chalicelib.signing.pades import sign_pdf

    office = office_repo.get(receipt.office_id)
    if office is None:
        raise RuntimeError(f"receipt {receipt.receipt_no} names a missing office")
    received_on = dt.date.fromisoformat(record.issued_on)
    claims = CertificateClaims(
        certificate_no=record.certificate_no,
        type_code=RECEIPT_TYPE,
        office_id=receipt.office_id,
        issued_on=received_on,
        holder_name=receipt.payer_name,
        record_hash=bytes.fromhex(record.record_hash),
        status_list_id=record.status_list,
        status_index=record.status_index,
    )
    sign = kms.signer(key.kms_key_id)
    qr = encode_qr(claims, bytes.fromhex(key.kid), sign)
    doc = ReceiptDocument(
        receipt=receipt,
        office=header_of(office),
        head_names=_head_names(office.kind),
        received_by=_received_by(receipt),
        received_on=received_on,
        verify_text=verify_url(settings().verify_base_url, qr),
    )
    return sign_pdf(
        render_receipt(doc),
        sign,
        certificate_der(key),
        certificate_der(ensure_root()),
        reason=f"Holding tax receipt {codes.display(record.certificate_no)}",
        tsa_url=settings().tsa_url,
    )


# --- links: the receipt's PDF, the bill's notice --------------------------------------------------


def _expired(stamp: Any) -> bool:
    return bool(stamp) and parse_stamp(str(stamp)) < dt.datetime.now(dt.UTC)


def _late(stamp: str | None) -> bool:
    if not stamp:
        return False
    return (dt.datetime.now(dt.UTC) - dt.datetime.fromisoformat(stamp)).total_seconds() > RESETTLE_AFTER_S


def catch_up(receipt: Receipt, record: Certificate | None) -> None:
    """Ask again for a document a minute behind its receipt (not yet signed, or not yet cancelled):
    the request after the ledger's commit was lost. Called where a receipt is read anyway."""
    behind = record is None or (receipt.status == CANCELLED and record.status == "valid")
    cancelled_at = receipt.cancellation.at if receipt.cancellation else None
    if behind and _late(cancelled_at if record is not None else receipt.received_at):
        request(receipt.receipt_no)


def pdf_link(receipt: Receipt) -> str | None:
    """A short-lived link to the receipt's signed PDF; None while it is being made. (For the
    receipt view: the caller has been authorised to read the receipt.)"""
    record = certificates.get(receipt.receipt_no)
    catch_up(receipt, record)
    if record is None:
        return None
    return storage.pdf_link(record.pdf_key, record.pdf_version, settings().pdf_link_seconds)


def _authorise(actor: Actor, holding_id: str) -> tuple[Any, Any]:
    """The holding and its office, if the actor may read the holding (owners and the office's
    revenue officials); otherwise "not found", as for anything one may not see."""
    state = holding_repo.state(holding_id)
    office = office_repo.get(state[0].office_id) if state else None
    if state is None or office is None:
        raise not_found("Holding")
    holding, owner_keys, _ = state
    citizen_keys = {actor.account} if actor.account else set()
    if not may("holding.read", holding_relations(actor, holding.office_id, office.kind, owner_keys, citizen_keys)):
        raise not_found("Holding")
    return holding, office


def receipt_pdf(actor: Actor, receipt_no: str) -> dict[str, Any]:
    """GET /v1/receipts/{receipt_no}/pdf: the link (null while the document is being made)."""
    receipt = receipts.get(path_ids.code(receipt_no, "Receipt"))
    if receipt is None:
        raise not_found("Receipt")
    try:
        _authorise(actor, receipt.holding_id)
    except AppError:
        raise not_found("Receipt") from None
    return {"receipt_no": receipt.receipt_no, "pdf_url": pdf_link(receipt), "expires_in": settings().pdf_link_seconds}


def notice(actor: Actor, bill_id: str) -> dict[str, Any]:
    """GET /v1/bills/{bill_id}/notice: the demand notice's PDF, drawn once per bill and kept."""
    bill_id = path_ids.code(bill_id, "Bill")  # bill ids are codes.new_code(), as the ledger makes them
    bill = revenue_documents.bill(bill_id)
    if bill is None or _expired(bill.get("expires_at")):
        raise not_found("Bill")  # an expired bill is made anew (DESIGN §10): its notice with it
    holding, office = _authorise(actor, str(bill.get("holding_id", "")))
    key = revenue_documents.notice_pdf_key(bill_id)
    version = storage.pdf_version(key)
    if version is None:
        version = storage.put_pdf_at(key, _notice_pdf(bill_id, bill, holding, office)) or ""
        logger.info("demand notice drawn", extra={"bill_id": bill_id})
    seconds = settings().pdf_link_seconds
    return {"bill_id": bill_id, "pdf_url": storage.pdf_link(key, version or None, seconds), "expires_in": seconds}


def _notice_pdf(bill_id: str, bill: dict[str, Any], holding: Any, office: Any) -> bytes:
    from chalicelib.rendering.revenue import render_notice

    created = str(bill.get("created_at") or utc_stamp())
    doc = NoticeDocument(
        bill_id=bill_id,
        office=header_of(office),
        holding_number=holding.number,
        ward=holding.ward,
        village=holding.village,
        owner_name=holding.owners[0].name if holding.owners else "",
        lines=notice_lines(list(bill.get("lines") or [])),
        total=int(bill.get("total") or 0),
        due_by=dt.date.fromisoformat(str(bill.get("due_by") or today_bd().isoformat())[:10]),
        created_on=bd_date(created),
        link=f"{settings().verify_base_url.rstrip('/')}/holdings/{holding.holding_id}",
    )
    return render_notice(doc)
