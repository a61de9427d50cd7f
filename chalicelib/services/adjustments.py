"""Adjustments and receipt cancellation on a holding's ledger (DESIGN §10; decision 68), and
reading a receipt. Nothing is deleted: an adjustment is a posting with its reason code, approver
and note; a cancelled receipt becomes reversal postings, its advance taken back, and the receipt
marked cancelled with the reason, all in one transaction conditional on the receipt as read."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chalicelib.adapters import receipts
from chalicelib.adapters.ledger import Account, LedgerWrite, PostingEvent
from chalicelib.domain import codes, path_ids
from chalicelib.domain.actors import Actor
from chalicelib.domain.clock import today_bd, utc_stamp
from chalicelib.domain.errors import conflict, forbidden, not_found
from chalicelib.domain.revenue import requests, settle
from chalicelib.domain.revenue.access import OWN_CASH
from chalicelib.domain.revenue.receipts import CANCELLED, Cancellation, Receipt, share_of
from chalicelib.observability import logger, metrics
from chalicelib.services import dues, receipt_documents
from chalicelib.services.holding_payments import receipt_view


def adjust(actor: Actor, holding_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST /v1/holdings/{id}/adjustments {reason_code, amount, note, line_id?}: by an approver of
    the holding's office; on one line, or spread over the open lines in settling order."""
    reason, amount, note, line_id = requests.adjustment(body)
    loaded = dues.load(actor, holding_id, "holding.adjust")
    ref = codes.new_code()
    outcome: list[settle.Outcome] = []

    def build(attempt: int) -> LedgerWrite:
        account = loaded.account if attempt == 0 else dues.fresh_account(loaded.holding.holding_id)
        today = today_bd()
        order = loaded.schedule(today).settlement_order
        lines = settle.as_of(account.lines, today)
        out = settle.write_down(lines, account.advance, amount, reason, actor.id, ref, line_id=line_id, order=order)
        outcome[:] = [out]
        event = PostingEvent(ref, utc_stamp(), actor.id, out.postings, note=note)
        return LedgerWrite(account, out.lines, out.advance, event, settle.arrears(out.lines, today))

    dues.commit_retrying(build)
    metrics.add_metric(name="HoldingAdjusted", unit="Count", value=1)
    out = outcome[0]
    return {
        "adjustment_id": ref,
        "settled": [{"line_id": p.line_id, "poisha": p.poisha} for p in out.postings],
        "total_due": settle.owed(out.lines),
    }


def _receipt(actor: Actor, receipt_no: str, operation: str) -> tuple[Receipt, Account]:
    """The receipt and its holding's account, for a caller who may do `operation` (two reads)."""
    receipt = receipts.get(path_ids.code(receipt_no, "Receipt"))
    if receipt is None:
        raise not_found("Receipt")
    _, owner_keys, account = dues.read(receipt.holding_id, "Receipt")
    _, rel = dues.relations(actor, receipt.office_id, owner_keys)
    dues.authorise(operation, rel, "Receipt")
    return receipt, account


def get_receipt(actor: Actor, receipt_no: str) -> dict[str, Any]:
    """GET /v1/receipts/{no}: for the holding's owners and its office's revenue officials."""
    receipt = _receipt(actor, receipt_no, "holding.read")[0]
    return receipt_view(receipt, receipt_documents.pdf_link(receipt))


def cancel_receipt(actor: Actor, receipt_no: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST /v1/receipts/{no}/cancel {reason}: by an approver of the receipt's office. The ledger
    reverses what the receipt settled and takes back its advance; the receipt shows cancelled."""
    reason = requests.cancellation(body)
    receipt, read_account = _receipt(actor, receipt_no, "receipt.cancel")
    if receipt.received_by == actor.id:  # a union's secretary both takes cash and approves
        raise forbidden(*OWN_CASH)
    cancellation = Cancellation(reason, actor.id, utc_stamp())
    share = share_of(receipt)
    current = [receipt]

    def build(attempt: int) -> LedgerWrite:
        if attempt:
            current[:] = [receipts.get(receipt.receipt_no) or receipt]
        if current[0].status == CANCELLED:
            raise conflict(
                "receipt_cancelled", "this receipt is already cancelled", detail_bn="এই রসিদ আগেই বাতিল হয়েছে"
            )
        account = read_account if attempt == 0 else dues.fresh_account(receipt.holding_id)
        today = today_bd()
        lines = settle.as_of(account.lines, today)
        ref = f"{receipt.receipt_no}X"
        out = settle.cancel(lines, account.advance, share, ref)
        event = PostingEvent(ref, cancellation.at, actor.id, out.postings, note=cancellation.reason)
        update = receipts.cancelled(current[0], cancellation)
        return LedgerWrite(account, out.lines, out.advance, event, settle.arrears(out.lines, today), updates=(update,))

    dues.commit_retrying(build)
    metrics.add_metric(name="ReceiptCancelled", unit="Count", value=1)
    logger.info("receipt cancelled", extra={"receipt_no": receipt.receipt_no, "by": actor.id})
    return receipt_view(replace(current[0], status=CANCELLED, cancellation=cancellation))
