"""Paying a holding's dues (DESIGN §10; decision 68): cash at the counter, or online through the
same gateway adapters as a certificate's fee.

A payment is apportioned to the account's open lines in the schedule's order (domain/revenue/settle.py)
and the settled lines, the posting and the receipt are ONE ledger transaction, conditional on the
account's version: a payment that loses a race reads the account again and is apportioned again,
once, then 409 account_changed. Cash answers the receipt (an Idempotency-Key makes a retried
counter payment record once). Online opens a checkout whose subject is the holding; when the
gateway itself confirms it (services/payments.py: callback or reconciliation), `confirmed` writes
the ledger, the receipt (numbered by the payment id) and the payment's paid mark in one
transaction, so a confirmation delivered twice records once."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from chalicelib.adapters import accounts, idempotency, receipts
from chalicelib.adapters import payment_records as repo
from chalicelib.adapters.http_client import PartyUnavailable
from chalicelib.adapters.ledger import Account, LedgerWrite, PostingEvent, RowUpdate
from chalicelib.adapters.payment_records import Checkout, PaymentRecord
from chalicelib.adapters.payments import gateway, open_session
from chalicelib.adapters.payments.base import GatewayRefused
from chalicelib.config import settings
from chalicelib.domain import codes
from chalicelib.domain.actors import Actor
from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.clock import bd_date, today_bd, utc_stamp
from chalicelib.domain.errors import AppError, FieldError, in_bengali, validation_failed
from chalicelib.domain.revenue import requests, settle
from chalicelib.domain.revenue.dues import dues as price
from chalicelib.domain.revenue.holdings import Holding
from chalicelib.domain.revenue.ledger import LedgerError, Overpayment, taka
from chalicelib.domain.revenue.receipts import Receipt, allocations_of, payment_subject, subject_holding
from chalicelib.observability import logger, metrics
from chalicelib.services import dues
from chalicelib.services.dues import Loaded

CHECKOUT_PRICE_DAYS = 1  # an online payment confirmed this late is still priced on its checkout's day


def pay(actor: Actor, holding_id: str, body: dict[str, Any], key: str | None, context: Any = None) -> dict[str, Any]:
    """POST /v1/holdings/{id}/payments {method, amount}: cash (201 the receipt) or online (201
    {payment_id, redirect_url})."""
    method, amount, as_of = requests.payment(body)
    if method == "cash":
        work = lambda: _cash(actor, holding_id, amount, as_of)  # noqa: E731
    else:
        work = lambda: _online(actor, holding_id, method, amount, as_of)  # noqa: E731
    request = {"holding_id": holding_id, "method": method, "amount": amount}  # a key names one request
    return idempotency.once(f"holding_payment_{method}", actor.id, key, request, work, context)


def receipt_view(receipt: Receipt, pdf_url: str | None = None) -> dict[str, Any]:
    """A receipt as the API shows it; `pdf_url` once its signed PDF exists (a payment's answer comes
    before the document is made: GET /v1/receipts/{no} links it)."""
    view = asdict(receipt)
    for name in ("payment_id", "kid", "status_list", "status_index", "pdf_key", "pdf_version"):
        view.pop(name)
    view["pdf_url"] = pdf_url
    return view


def _receipt(holding: Holding, out: settle.Outcome, paid: tuple[str, str, str, str], amount: int) -> Receipt:
    """The receipt of a payment (`paid`: receipt no, method, payment id, received by)."""
    receipt_no, method, payment_id, by = paid
    allocations, booked = allocations_of(out.apportionment, out.lines)
    return Receipt(
        receipt_no=receipt_no,
        holding_id=holding.holding_id,
        office_id=holding.office_id,
        ward=holding.ward,
        holding_number=holding.number,
        payer_name=holding.owners[0].name if holding.owners else "",
        amount=amount,
        allocations=allocations,
        advance=out.apportionment.advance,
        method=method,
        payment_id=payment_id,
        received_by=by,
        received_at=utc_stamp(),
        booked=booked,
    )


def _record(
    loaded: Loaded,
    amount: int,
    paid: tuple[str, str, str, str],
    policy: Overpayment | None = None,
    updates: tuple[RowUpdate, ...] = (),
    priced_on: dt.date | None = None,
) -> Receipt:
    """Apportion `amount` and write the lines, the posting and the receipt in one transaction.
    `policy` None: the schedule's overpayment policy and minimum (money offered); given: money
    already taken by a gateway, which is never refused (what is left over is held as advance).
    Rebates and surcharges are priced on `priced_on` (default today; decision 72)."""
    holding = loaded.holding
    made: list[Receipt] = []

    def build(attempt: int) -> LedgerWrite:
        account = loaded.account if attempt == 0 else dues.fresh_account(holding.holding_id)
        today = today_bd()
        schedule = loaded.schedule(today)
        lines = settle.as_of(account.lines, today)
        minimum = schedule.minimum_part_payment if policy is None else 0
        overpayment = policy or settle.overpayment_policy(schedule)
        out = settle.pay(
            lines,
            account.advance,
            amount,
            paid[0],
            order=schedule.settlement_order,
            overpayment=overpayment,
            minimum=minimum,
            pricing=settle.Pricing(schedule, priced_on or today),
        )
        made[:] = [_receipt(holding, out, paid, amount)]
        return _write(account, out, today, paid, extra=(receipts.row_of(made[0]),), updates=updates)

    dues.commit_retrying(build)
    metrics.add_metric(name="HoldingPaymentRecorded", unit="Count", value=1)
    return made[0]


def _write(
    account: Account,
    out: settle.Outcome,
    today: dt.date,
    paid: tuple[str, str, str, str],
    extra: tuple[Any, ...] = (),
    updates: tuple[RowUpdate, ...] = (),
) -> LedgerWrite:
    event = PostingEvent(paid[0], utc_stamp(), paid[3], out.postings)
    arrears = settle.arrears(out.lines, today)
    return LedgerWrite(account, out.lines, out.advance, event, arrears, extra=extra, updates=updates)


def _still_priced(loaded: Loaded, shown: dt.date | None, today: dt.date) -> None:
    """Money offered from dues shown on another day (a page left open overnight, a cached page, a
    counter's old form): refused with today's total when that total has changed since, rather than
    taken as a part payment nobody meant (a tier ended, a surcharge began)."""
    if shown is None or shown == today:
        return
    lines = loaded.account.lines
    then = price(lines, loaded.schedule(shown), shown).total_payable
    now = price(lines, loaded.schedule(today), today).total_payable
    if then != now:
        (then_en, then_bn), (now_en, now_bn) = taka(then), taka(now)
        raise AppError(
            "dues_changed",
            f"the dues shown on {shown.isoformat()} came to {then_en}; today they come to {now_en}",
            extra=in_bengali(f"{bn_digits(shown.isoformat())} তারিখে দেখানো বকেয়া {then_bn}; আজ বকেয়া {now_bn}"),
        )


def _cash(actor: Actor, holding_id: str, amount: int, shown: dt.date | None = None) -> dict[str, Any]:
    loaded = dues.load(actor, holding_id, "holding.pay_cash")
    _still_priced(loaded, shown, today_bd())
    number = codes.new_code()
    return receipt_view(_record(loaded, amount, (number, "cash", number, actor.id)))


def _online(actor: Actor, holding_id: str, method: str, amount: int, shown: dt.date | None = None) -> dict[str, Any]:
    """Open a checkout for `amount` (checked against the dues as a payment would be), its subject
    the holding. Nothing touches the ledger until the gateway confirms the money."""
    offered = settings().payment_gateways
    if method not in offered:
        raise validation_failed([FieldError("method", f"one of: cash, {', '.join(offered)}", "পেমেন্ট পদ্ধতি বেছে নিন")])
    loaded = dues.load(actor, holding_id, "holding.pay_online")
    checked = utc_stamp()  # the checkout's time: its Bangladesh day is the day it is priced on
    today = bd_date(checked)
    _still_priced(loaded, shown, today)
    schedule = loaded.schedule(today)
    lines = settle.as_of(loaded.account.lines, today)
    try:  # refused now as it would be at the counter, before anyone is sent to pay
        settle.pay(
            lines,
            0,
            amount,
            "check",
            order=schedule.settlement_order,
            overpayment=settle.overpayment_policy(schedule),
            minimum=schedule.minimum_part_payment,
            pricing=settle.Pricing(schedule, today),
        )
    except LedgerError as err:
        raise err.problem() from None
    citizen = accounts.citizen(actor.account)
    payment_id, phone = codes.new_code(), "0" + citizen.phone[3:] if citizen else ""
    try:
        description = f"Sonod Sheba holding tax {loaded.holding.office_id}"
        opened = open_session(gateway(method), method, payment_id, amount, description, phone)
    except (PartyUnavailable, GatewayRefused) as exc:
        logger.warning("checkout not opened", extra={"payment_id": payment_id, "error": type(exc).__name__})
        raise AppError(
            "gateway_unavailable",
            "try again in a few minutes, or pay in cash at the office",
            extra=in_bengali("কয়েক মিনিট পরে আবার চেষ্টা করুন, অথবা অফিসে নগদ পরিশোধ করুন"),
        ) from None
    subject = payment_subject(loaded.holding.holding_id)
    repo.record_checkout(
        Checkout(payment_id, subject, method, amount, opened.gateway_ref, opened.redirect_url, checked)
    )
    metrics.add_metric(name="HoldingCheckoutOpened", unit="Count", value=1)
    return {"payment_id": payment_id, "redirect_url": opened.redirect_url}


def _priced_on(created_at: str) -> dt.date:
    """The day an online payment is priced on: its checkout's, if the gateway confirmed it within
    CHECKOUT_PRICE_DAYS; else the confirmation's (a checkout opened on a rebate's last day and paid
    days later does not keep the rebate, nor skip a surcharge that has started since)."""
    opened, today = bd_date(created_at), today_bd()
    return opened if (today - opened).days <= CHECKOUT_PRICE_DAYS else today


def is_holding_payment(payment: PaymentRecord) -> bool:
    return subject_holding(payment.case_id) is not None


def confirmed(payment: PaymentRecord, stamp: str, confirmation: dict[str, Any]) -> str:
    """The gateway confirmed `payment` (for a holding): apply it to the ledger with its receipt
    (numbered by the payment id) and mark it paid, in one transaction. A confirmation delivered
    twice records once: the second finds the payment paid. Returns the payment's state."""
    holding_id = str(subject_holding(payment.case_id))
    holding, _, account = dues.read(holding_id)
    loaded = Loaded(holding, account, dues.office_kind(holding.office_id), frozenset())
    paid = (payment.payment_id, payment.gateway, payment.payment_id, payment.gateway)
    try:
        mark = repo.paid_update(payment.payment_id, stamp, confirmation)
        _record(loaded, int(payment.amount), paid, "advance", (mark,), _priced_on(payment.created_at))
    except AppError as err:
        fresh = repo.get(payment.payment_id)
        if fresh is not None and fresh.state == "paid":
            return "paid"  # recorded by a confirmation that came a moment earlier
        logger.warning("holding payment not applied yet", extra={"payment_id": payment.payment_id, "code": err.code})
        return "initiated"
    return "paid"
