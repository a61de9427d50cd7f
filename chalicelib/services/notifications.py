"""SMS at every step (DESIGN §5): the case stream tells the applicant of each transition in Bengali.

Exactly one notice per transition — its id is the case version, written with a conditional put, so
a redelivered stream batch adds nothing. A failed send never blocks the case or the stream: the
notice waits for the retry job (`retry_due`, every minute) with growing delays.
"""

from __future__ import annotations

import time

from chalicelib.adapters import accounts, notices, sms
from chalicelib.adapters import cases as case_repo
from chalicelib.adapters.notices import NoticeRecord
from chalicelib.adapters.sms_base import SmsRejected
from chalicelib.domain import codes
from chalicelib.domain.catalog import catalog, sms_holds, sms_texts
from chalicelib.domain.changes import CaseChange, CaseImage
from chalicelib.domain.clock import utc_stamp
from chalicelib.domain.notices import MAX_ATTEMPTS, case_template, fill, held_notice_id, retry_delay, taka
from chalicelib.observability import logger, metrics

RETRY_BATCH = 25
CARRIES_A_CODE = ("heir_consent",)  # once sent, the text (with its code) is not kept


def new_notice(notice_id: str, phone: str, text: str, purpose: str) -> NoticeRecord:
    # The first try is the writer's; the retry job sees the notice only after a sender's lease.
    return notices.build(notice_id, phone, text, purpose, int(time.time()) + notices.LEASE_SECONDS, utc_stamp())


def notify(notice_id: str, phone: str, text: str, purpose: str, hold_seconds: int = 0) -> bool:
    """Owe `phone` this SMS once, and try to send it now — or, when it is held, let the retry job
    send it once `hold_seconds` have passed unless a later notice replaces it first. False when it
    was already owed."""
    if hold_seconds:
        stamp, due = utc_stamp(), int(time.time()) + hold_seconds
        return notices.record(notices.build(notice_id, phone, text, purpose, due, stamp))
    notice = new_notice(notice_id, phone, text, purpose)
    if not notices.record(notice):
        return False
    attempt(notice)
    return True


def replace_held(case_id: str, status: str) -> int:
    """Drop the held notices of a case that `status` replaces (approved, when the certificate is
    issued within the hold): the citizen gets one SMS instead of two. Returns how many it dropped."""
    dropped = 0
    for held, rule in sms_holds().items():
        if rule.replaced_by == status and notices.drop(held_notice_id(case_id, held)):
            dropped += 1
            metrics.add_metric(name="SmsReplaced", unit="Count", value=1)
    return dropped


def attempt(notice: NoticeRecord) -> None:
    """Send a notice that was just written or claimed; on failure schedule the next try."""
    try:
        sms.sender().send(notice.phone, notice.text, notice.purpose, notice.notice_id)
    except Exception as exc:
        tries = int(notice.attempts) + 1
        if tries >= MAX_ATTEMPTS or isinstance(exc, SmsRejected):
            notices.mark_failed(notice.notice_id)
            metrics.add_metric(name="SmsGaveUp", unit="Count", value=1)
            logger.error("SMS given up", extra={"notice_id": notice.notice_id, "error": type(exc).__name__})
        else:
            notices.mark_retry(notice.notice_id, int(time.time()) + retry_delay(tries))
            metrics.add_metric(name="SmsRetryScheduled", unit="Count", value=1)
            logger.warning("SMS failed; will retry", extra={"notice_id": notice.notice_id, "tries": tries})
        return
    notices.mark_sent(notice.notice_id, utc_stamp(), forget_text=notice.purpose in CARRIES_A_CODE)
    metrics.add_metric(name="SmsSent", unit="Count", value=1)


def retry_due() -> int:
    """The scheduled job: send notices whose next try is due. Returns how many were tried."""
    now = int(time.time())
    tried = 0
    for notice in notices.due(now, RETRY_BATCH):
        if notices.claim(notice.notice_id, now):
            attempt(notice)
            tried += 1
    return tried


def case_text(image: CaseImage, action: str, note: str, moved: bool = True) -> str | None:
    """The Bengali text for the case in `image` having just been moved by `action`."""
    template = case_template(sms_texts(), str(image.status), action, moved)
    if template is None:
        return None
    ctype = catalog().get(str(image.type_code))
    certificate_no = image.certificate_no
    values = {
        "tracking_no": codes.display(str(image.case_id)),
        "type_bn": ctype.name_bn if ctype else "",
        "fee": taka(int(image.fee.get("total", 0))),
        "certificate_no": codes.display(certificate_no) if certificate_no else "",
        "note": note,
        "officer_bn": str(image.escalated_to.get("name_bn", "")),
    }
    return fill(template, values)


def refund_text(case_id: str, amount: int, refund_ref: str) -> str:
    values = {"tracking_no": codes.display(case_id), "amount": taka(amount), "refund_ref": refund_ref[:20]}
    return fill(sms_texts()["refund"], values)


def on_case_changes(changes: list[CaseChange]) -> int:
    """The case stream: one SMS per transition of a case (created, moved, issued, revoked, and the
    actions that leave the status but matter to the applicant: escalation, a consent exception)."""
    owed = 0
    for change in changes:
        if not change.new.present or change.new.version == change.old.version:
            continue
        if _tell_applicant(change):
            owed += 1
    return owed


def _tell_applicant(change: CaseChange) -> bool:
    new, status, moved = change.new, str(change.new.status), change.moved
    case_id, version = str(new.case_id), new.version or 0
    if moved:
        replace_held(case_id, status)
    event = case_repo.event(case_id, version)
    text = case_text(new, event.action if event else "", event.note if event else "", moved)
    account = new.account
    citizen = accounts.citizen(account) if account and text else None
    if citizen is None or text is None:
        return False
    purpose = f"case_{status}" if moved else f"case_{event.action if event else ''}"
    hold = sms_holds().get(status) if moved else None
    if hold:
        return notify(held_notice_id(case_id, status), citizen.phone, text, purpose, hold.seconds)
    return notify(f"case#{case_id}#{version}", citizen.phone, text, purpose)
