"""What a receipt and a demand notice say (DESIGN §10, decision 69): the documents the renderer
draws and the record a receipt's QR credential hashes. Pure data and arithmetic.

A receipt is verified like a certificate: its QR carries `CertificateClaims` with the type code
`RECEIPT_TYPE`, its number is the receipt number, its holder the payer."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from chalicelib.domain.certificate import OfficeHeader
from chalicelib.domain.revenue.receipts import Allocation, Receipt

RECEIPT_TYPE = "holding_tax_receipt"
RECEIPT_NAMES = ("হোল্ডিং করের রসিদ", "Holding tax receipt")  # (bn, en), as verification shows them
RECEIPT_TYPES = frozenset({RECEIPT_TYPE})  # water bills and trade licences add theirs
METHOD_NAMES = {
    "cash": ("নগদ", "Cash"),
    "sslcommerz": ("অনলাইন (SSLCommerz)", "Online (SSLCommerz)"),
    "bkash": ("বিকাশ", "bKash"),
}
KIND_NAMES = {"arrear": ("বকেয়া", "Arrear"), "surcharge": ("সারচার্জ", "Surcharge"), "current": ("চলতি", "Current")}


def is_receipt(type_code: str) -> bool:
    return type_code in RECEIPT_TYPES


def _allocation(a: Allocation) -> dict[str, Any]:
    """An allocation as hashed: a rebate only when there is one (receipts made before decision 72
    keep their hash)."""
    body = asdict(a)
    if not a.rebate:
        body.pop("rebate")
    return body


def receipt_record(receipt: Receipt) -> dict[str, Any]:
    """What the QR's record hash covers: the money facts as the ledger wrote them (not the status,
    which the status list carries, nor what the renderer adds)."""
    return {
        "receipt_no": receipt.receipt_no,
        "type": RECEIPT_TYPE,
        "office_id": receipt.office_id,
        "holding_id": receipt.holding_id,
        "holding_number": receipt.holding_number,
        "ward": receipt.ward,
        "payer_name": receipt.payer_name,
        "amount": receipt.amount,
        "advance": receipt.advance,
        "allocations": [_allocation(a) for a in receipt.allocations],
        "method": receipt.method,
        "payment_id": receipt.payment_id,
        "received_at": receipt.received_at,
    } | ({"booked": [_allocation(b) for b in receipt.booked]} if receipt.booked else {})


@dataclass(frozen=True)
class ReceiptDocument:
    receipt: Receipt
    office: OfficeHeader
    head_names: dict[str, tuple[str, str]]  # head code -> (bn, en)
    received_by: str  # the official's name as printed, or the gateway's
    received_on: dt.date  # in Bangladesh
    verify_text: str  # the QR's text: the verify URL with the credential after '#'


@dataclass(frozen=True)
class NoticeLine:
    fiscal_year: str
    head_bn: str
    instalment: int
    kind: str
    amount: int
    paid: int
    rebate: int
    surcharge: int
    payable: int


@dataclass(frozen=True)
class NoticeDocument:
    bill_id: str
    office: OfficeHeader
    holding_number: str
    ward: int
    village: str
    owner_name: str
    lines: tuple[NoticeLine, ...]
    total: int
    due_by: dt.date
    created_on: dt.date
    link: str  # the holding's dues page, in the QR (not a credential)


def notice_lines(lines: list[dict[str, Any]]) -> tuple[NoticeLine, ...]:
    """A bill's lines (the shape of GET /v1/holdings/{id}/dues) as the notice prints them."""
    return tuple(
        NoticeLine(
            fiscal_year=str(line.get("fiscal_year", "")),
            head_bn=str(line.get("head_name_bn") or line.get("head", "")),
            instalment=int(line.get("instalment") or 0),
            kind=str(line.get("kind", "")),
            amount=int(line.get("amount") or 0),
            paid=int(line.get("paid") or 0),
            rebate=int(line.get("rebate") or 0),
            surcharge=int(line.get("surcharge") or 0),
            payable=int(line.get("payable") or 0),
        )
        for line in lines
    )
