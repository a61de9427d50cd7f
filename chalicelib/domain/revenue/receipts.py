"""A receipt (DESIGN §10, "payment, receipt"): money received for a revenue account, as the
ledger transaction writes it and the receipt renderer, verification and cancellation read it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from chalicelib.domain.revenue.ledger import Apportionment
from chalicelib.domain.revenue.lines import DemandLine

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
    poisha: int  # money settled on the line (0 when a rebate alone settled it)
    rebate: int = 0  # the rebate the payment earned on the line, booked beside it (decision 72)


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
    booked: tuple[Allocation, ...] = ()  # surcharge lines the payment demanded (poisha: the surcharge)
    # set by the renderer once the signed PDF is stored
    kid: str | None = None
    status_list: str | None = None
    status_index: int | None = None
    pdf_key: str | None = None
    pdf_version: str | None = None


def _allocation(line: DemandLine, poisha: int, rebate: int = 0) -> Allocation:
    return Allocation(line.line_id, line.fiscal_year, line.head, line.instalment, line.kind.value, poisha, rebate)


def allocations_of(
    share: Apportionment, lines: Iterable[DemandLine]
) -> tuple[tuple[Allocation, ...], tuple[Allocation, ...]]:
    """A payment's apportionment as a receipt writes it, from the lines after the payment: what
    each line was paid and the rebate it earned (settling order), and the surcharges it booked."""
    by_id = {line.line_id: line for line in lines}
    paid, rebates = dict(share.allocations), dict(share.rebates)
    order = [*paid, *(line_id for line_id in rebates if line_id not in paid)]
    settled = tuple(_allocation(by_id[i], paid.get(i, 0), rebates.get(i, 0)) for i in order)
    return settled, tuple(_allocation(by_id[i], poisha) for i, poisha in share.booked)


def share_of(receipt: Receipt) -> Apportionment:
    """What a receipt's payment did to the ledger, for its cancellation to undo."""
    return Apportionment(
        allocations=tuple((a.line_id, a.poisha) for a in receipt.allocations if a.poisha),
        advance=receipt.advance,
        rebates=tuple((a.line_id, a.rebate) for a in receipt.allocations if a.rebate),
        booked=tuple((b.line_id, b.poisha) for b in receipt.booked),
    )
