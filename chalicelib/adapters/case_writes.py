"""What else a case's transaction writes: the typed side writes a use case asks a move (or a new
case) for, and how each becomes rows in that one TransactWriteItems (adapters/cases.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pynamodb.transactions import TransactWrite

from chalicelib.adapters import accounts, certificates, papers, payment_records
from chalicelib.adapters.certificates import Certificate
from chalicelib.adapters.tables import CertificateRecord, Paper, Payment


@dataclass(frozen=True)
class IssueCertificate:
    """The certificate's record, written once (its number is new)."""

    certificate: Certificate


@dataclass(frozen=True)
class RevokeCertificate:
    """Mark the certificate revoked and set its status-list bit (day and category, never the reason)."""

    certificate: Certificate
    reason: str
    at: str
    reason_code: str = "other"


@dataclass(frozen=True)
class ConfirmPayment:
    """The gateway confirmed this payment: it becomes paid, unless something settled it already."""

    payment_id: str
    at: str
    confirmation: dict[str, Any]


@dataclass(frozen=True)
class RecordSurplus:
    """Money for a case that no longer waits for it: paid, marked surplus of the settling payment."""

    payment_id: str
    at: str
    confirmation: dict[str, Any]
    surplus_of: str


@dataclass(frozen=True)
class RecordCash:
    """Cash taken at the counter: a new payment record, paid."""

    payment_id: str
    case_id: str
    amount: int
    recorded_by: str
    at: str
    note: str


@dataclass(frozen=True)
class SpendConsentCode:
    """A UDC filing's consent code, spent: it must still be the one checked."""

    key: str
    code_hash: str


@dataclass(frozen=True)
class FileScan:
    """A UDC counter's scan becomes the citizen's paper (the counter's row is marked filed)."""

    counter: str  # the counter key the scan waits under
    paper_id: str
    document: str
    content_type: str
    size: int
    created_at: str
    citizen_id: str


Side = IssueCertificate | RevokeCertificate | ConfirmPayment | RecordSurplus | RecordCash | SpendConsentCode | FileScan


def write_side(tx: TransactWrite, side: Side) -> None:
    """Add one side write to the case's transaction."""
    if isinstance(side, IssueCertificate):
        tx.save(certificates.row_of(side.certificate), condition=CertificateRecord.certificate_no.does_not_exist())
    elif isinstance(side, RevokeCertificate):
        certificates.add_revocation(tx, side.certificate, side.reason, side.at, side.reason_code)
    elif isinstance(side, ConfirmPayment):
        payment_records.add_paid(tx, side.payment_id, side.at, side.confirmation)
    elif isinstance(side, RecordSurplus):
        payment_records.add_surplus(tx, side.payment_id, side.at, side.confirmation, side.surplus_of)
    elif isinstance(side, RecordCash):
        payment = Payment(
            side.payment_id,
            case_id=side.case_id,
            gateway="cash",
            amount=side.amount,
            state="paid",
            recorded_by=side.recorded_by,
            created_at=side.at,
            paid_at=side.at,
            confirmation={"note": side.note},
        )
        payment_records.add_cash(tx, payment)
    elif isinstance(side, SpendConsentCode):
        accounts.add_consume_otp(tx, side.key, side.code_hash)
    else:
        scan = Paper(
            side.counter,
            side.paper_id,
            document=side.document,
            content_type=side.content_type,
            size=side.size,
            state="ready",
            created_at=side.created_at,
        )
        papers.add_filed(tx, scan, side.citizen_id)
