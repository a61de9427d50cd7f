"""SMS for municipal revenue (issue 14 item 10; decision 71): "a payment received" when a receipt is
written, and "a bill is due" when a demand run puts a new fiscal year's lines on a holding's
account. One UCS-2 segment each (chalicelib/data/sms.json); never the owner's name. Each owner with
a phone is told once: the notice id is the receipt's or the account's year's, so a redelivered
stream record sends nothing twice. Sent through the same outbox as the certificates' notices."""

from __future__ import annotations

from datetime import date

from chalicelib.adapters import holdings as holding_repo
from chalicelib.adapters.ledger import Account
from chalicelib.adapters.revenue_stream import RevenueChange
from chalicelib.domain import codes
from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.canonical import normalise_phone
from chalicelib.domain.catalog import sms_texts
from chalicelib.domain.clock import today_bd
from chalicelib.domain.notices import fill, taka
from chalicelib.domain.revenue.fiscal import fiscal_year_of
from chalicelib.domain.revenue.holdings import Holding
from chalicelib.domain.revenue.lines import LineKind
from chalicelib.domain.revenue.receipts import ISSUED, Receipt
from chalicelib.services.notifications import notify


def _phones(holding: Holding) -> list[str]:
    """The owners' mobile numbers as the SMS senders take them (880…; the register keeps 01…)."""
    return sorted({p for o in holding.owners if o.phone and (p := normalise_phone(o.phone))})


def _tell(holding: Holding, notice_id: str, text: str, purpose: str) -> int:
    return sum(notify(f"{notice_id}#{n}", phone, text, purpose) for n, phone in enumerate(_phones(holding)))


def notify_receipt(receipt: Receipt, holding: Holding | None = None) -> int:
    """Tell the holding's owners a payment was received: amount, receipt number, holding number.
    Returns how many notices were newly owed."""
    if holding is None:
        state = holding_repo.state(receipt.holding_id)
        if state is None:
            return 0
        holding = state[0]
    values = {
        "holding_no": receipt.holding_number,
        "amount": taka(receipt.amount),
        "receipt_no": codes.display(receipt.receipt_no),
    }
    return _tell(
        holding, f"receipt#{receipt.receipt_no}", fill(sms_texts()["revenue.payment"], values), "revenue_payment"
    )


def notify_bill_due(holding: Holding, total: int, due_on: str, fiscal_year: str = "") -> int:
    """Tell the holding's owners a year's tax falls due: the instalment's amount and its due date."""
    day = date.fromisoformat(due_on)
    values = {"holding_no": holding.number, "amount": taka(total), "due_on": bn_digits(f"{day:%d/%m/%Y}")}
    text = fill(sms_texts()["revenue.bill_due"], values)
    year = fiscal_year or fiscal_year_of(day)
    return _tell(holding, f"due#{holding.holding_id}#{year}", text, "revenue_bill_due")


def _new_years(old: Account | None, new: Account, today: date) -> list[str]:
    """Fiscal years (this one or later) whose lines this ledger change put on the account."""
    before = old.years if old else frozenset()
    current = fiscal_year_of(today)
    return sorted(fy for fy in new.years - before if fy >= current)


def _bill_due(change: RevenueChange, today: date) -> int:
    old, new = change.old, change.new
    if not isinstance(new, Account) or not isinstance(old, Account | None):
        return 0
    years = _new_years(old, new, today)
    state = holding_repo.state(new.holding_id) if years else None
    if state is None:
        return 0
    told = 0
    for fy in years:
        lines = [line for line in new.lines if line.fiscal_year == fy and line.kind is LineKind.CURRENT]
        open_lines = [line for line in lines if line.outstanding]  # an advance may have paid some
        if open_lines:  # the first instalment still owing: what falls due first, and when
            first = min(line.due_on for line in open_lines)
            amount = sum(line.outstanding for line in open_lines if line.due_on == first)
            told += notify_bill_due(state[0], amount, first, fy)
    return told


def tell(changes: list[RevenueChange]) -> int:
    """The revenue stream's SMS: a receipt written (issued), a new year's demand on an account."""
    told, today = 0, today_bd()
    for change in changes:
        if change.kind == "receipt" and change.old is None and isinstance(change.new, Receipt):
            told += notify_receipt(change.new) if change.new.status == ISSUED else 0
        elif change.kind == "ledger":
            told += _bill_due(change, today)
    return told
