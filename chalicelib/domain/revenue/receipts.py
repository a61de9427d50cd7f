"""A receipt (DESIGN §10, "payment, receipt"): money received for a revenue account, as the
ledger transaction writes it and the receipt renderer, verification and cancellation read it."""

from __future__ import annotations

from dataclasses import dataclass

ISSUED = "issued"
CANCELLED = "cancelled"
METHODS = ("cash", "sslcommerz", "bkash")
_HOLDING = "holding#"  # a gateway payment's subject when it pays a holding's dues (not a case)


def payment_subject(holding_id: str) -> str:
    """What a gateway payment for a holding's dues names in place of a case."""
    return _HOLDING + holding_id


def subject_holding(subject: str) -> str | None:
    """The holding a payment's subject names, or None for a case's payment."""
    return subject.removeprefix(_HOLDING) if subject.startswith(_HOLDING) else None


@dataclass(frozen=True)
class Allocation:
    line_id: str
    fiscal_year: str
    head: str
    instalment: int
    kind: str  # LineKind value: arrear, surcharge, current
    poisha: int


@dataclass(frozen=True)
class Cancellation:
    reason: str
    by: str  # the official's username
    at: str


@dataclass(frozen=True)
class Receipt:
    receipt_no: str  # codes.new_code(): the certificate-number format
    holding_id: str
    office_id: str
    ward: int
    holding_number: str  # display form
    payer_name: str  # the first owner's name as printed (masked on public verification)
    amount: int  # poisha received
    allocations: tuple[Allocation, ...]  # add up to amount - advance
    advance: int  # poisha of it held as the account's advance
    method: str  # one of METHODS
    payment_id: str  # the gateway payment, or the cash entry's id
    received_by: str  # tax collector's username, or the gateway name
    received_at: str  # UTC stamp
    status: str = ISSUED
    cancellation: Cancellation | None = None
    # set by the renderer once the signed PDF is stored
    kid: str | None = None
    status_list: str | None = None
    status_index: int | None = None
    pdf_key: str | None = None
    pdf_version: str | None = None
