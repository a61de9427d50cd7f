"""SMS notices: a failed send never blocks the case, is retried with growing delays, and a
permanent refusal is not retried (moto; the stream record is built from the stored case)."""

from __future__ import annotations

import time

import pytest

from chalicelib.adapters import cases, notices, sms
from chalicelib.adapters.sms_base import SmsRejected
from chalicelib.adapters.tables import CaseRecord, Notice
from chalicelib.api.events import case_changes
from chalicelib.domain.changes import CaseChange
from chalicelib.services import notifications
from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application


class FlakySender:
    def __init__(self, failures: int, error: type[Exception] = ConnectionError):
        self.failures = failures
        self.error = error
        self.sent: list[tuple[str, str, str]] = []

    def send(self, phone: str, text: str, purpose: str, message_id: str | None = None) -> None:
        if self.failures > 0:
            self.failures -= 1
            raise self.error("gateway down")
        self.sent.append((phone, text, purpose))


def stream_record(case_id: str) -> list[CaseChange]:
    record = CaseRecord.get(case_id)  # the row: its stream image
    return case_changes([{"dynamodb": {"NewImage": record.serialize()}}])


@pytest.fixture()
def applied(api: Api) -> str:
    status, case = api.call("POST", "/v1/applications", application("citizenship", HOLDER), api.citizen_token())
    assert status == 201
    return str(case["id"])


class Clock:
    """The notifier's clock (the time module's, as the notifier reads it), moved by the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.start = time.time()
        self.monkeypatch = monkeypatch

    def later(self, seconds: int) -> None:
        now = self.start + seconds
        self.monkeypatch.setattr(notifications.time, "time", lambda: now)


def test_a_failed_send_is_retried_later_and_sent_once(api: Api, applied: str, monkeypatch: pytest.MonkeyPatch) -> None:
    sender = FlakySender(failures=2)
    monkeypatch.setattr(sms, "sender", lambda: sender)
    clock = Clock(monkeypatch)
    assert notifications.on_case_changes(stream_record(applied)) == 1
    assert cases.get(applied).status == "awaiting_payment"  # type: ignore[union-attr]
    notice = Notice.get(f"case#{applied}#1")
    assert notice.state == "pending" and int(notice.attempts) == 1 and not sender.sent

    assert notifications.retry_due() == 0  # not due for 30 s
    clock.later(31)
    assert notifications.retry_due() == 1  # tried again, failed again: next try 2 min later
    notice.refresh()
    assert int(notice.attempts) == 2 and int(notice.next_attempt_at) >= clock.start + 31 + 119
    clock.later(31 + 121)
    assert notifications.retry_due() == 1
    notice.refresh()
    assert notice.state == "sent" and notice.due is None
    assert [p for _, _, p in sender.sent] == ["case_awaiting_payment"]
    # Redelivery of the stream record, and later retry runs, send nothing more.
    assert notifications.on_case_changes(stream_record(applied)) == 0
    clock.later(3600)
    assert notifications.retry_due() == 0
    assert len(sender.sent) == 1


def test_a_refused_number_is_not_retried(api: Api, applied: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sms, "sender", lambda: FlakySender(failures=1, error=SmsRejected))
    clock = Clock(monkeypatch)
    notifications.on_case_changes(stream_record(applied))
    notice = Notice.get(f"case#{applied}#1")
    assert notice.state == "failed" and notice.due is None
    clock.later(7 * 24 * 3600)
    assert notifications.retry_due() == 0


def test_two_senders_cannot_hold_one_notice(api: Api, applied: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sms, "sender", lambda: FlakySender(failures=1))
    notifications.on_case_changes(stream_record(applied))
    notice = Notice.get(f"case#{applied}#1")
    now = int(time.time()) + 60
    assert notices.claim(notice.notice_id, now) is True
    assert notices.claim(notice.notice_id, now) is False  # the lease is held
    assert notices.claim(notice.notice_id, now + notices.LEASE_SECONDS + 1) is True


def moved_to(case_id: str, old_status: str, status: str, version: int) -> list[CaseChange]:
    """A stream record of the stored case moving from `old_status` to `status` at `version`."""
    image = CaseRecord.get(case_id).serialize()
    new = {**image, "status": {"S": status}, "version": {"N": str(version)}, "certificate_no": {"S": "CERT1"}}
    old = {**image, "status": {"S": old_status}, "version": {"N": str(version - 1)}}
    return case_changes([{"dynamodb": {"NewImage": new, "OldImage": old}}])


def test_approval_and_issue_within_a_minute_are_one_sms(
    api: Api, applied: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    sender = FlakySender(failures=0)
    monkeypatch.setattr(sms, "sender", lambda: sender)
    clock = Clock(monkeypatch)
    assert notifications.on_case_changes(moved_to(applied, "office_verified", "approved", 5)) == 1
    assert not sender.sent  # held: the certificate usually follows within seconds
    clock.later(20)
    assert notifications.on_case_changes(moved_to(applied, "approved", "issued", 6)) == 1
    assert [p for _, _, p in sender.sent] == ["case_issued"]
    assert Notice.get(f"case#{applied}#held#approved").state == "replaced"
    clock.later(3600)
    assert notifications.retry_due() == 0  # the held approval is never sent
    # A redelivered approval record neither holds nor sends it again.
    assert notifications.on_case_changes(moved_to(applied, "office_verified", "approved", 5)) == 0
    assert [p for _, _, p in sender.sent] == ["case_issued"]


def test_a_slow_certificate_gets_the_approval_sms_first(
    api: Api, applied: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    sender = FlakySender(failures=0)
    monkeypatch.setattr(sms, "sender", lambda: sender)
    clock = Clock(monkeypatch)
    notifications.on_case_changes(moved_to(applied, "office_verified", "approved", 5))
    clock.later(59)
    assert notifications.retry_due() == 0
    clock.later(61)
    assert notifications.retry_due() == 1
    assert [p for _, _, p in sender.sent] == ["case_approved"]
    notifications.on_case_changes(moved_to(applied, "approved", "issued", 6))
    assert [p for _, _, p in sender.sent] == ["case_approved", "case_issued"]


def test_a_sender_holding_the_approval_wins_over_the_issue(
    api: Api, applied: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sms, "sender", lambda: FlakySender(failures=0))
    notifications.on_case_changes(moved_to(applied, "office_verified", "approved", 5))
    held = Notice.get(f"case#{applied}#held#approved")
    assert notices.claim(held.notice_id, int(time.time()) + 61) is True  # the retry job took it
    assert notices.drop(held.notice_id) is False  # so the issue cannot drop it: both are sent
    assert notices.drop(f"case#{applied}#held#nothing") is False
