"""What every SMS sender promises (adapters/sms.py chooses one per stage; adapters/sms_gateway.py
is the SSL Wireless one): a send, and one exception for a refusal no retry can fix."""

from __future__ import annotations

from typing import Protocol


class SmsRejected(Exception):
    """The gateway refused the message for good (bad number, blocked sender): retrying cannot help."""


class SmsSender(Protocol):
    def send(self, phone: str, text: str, purpose: str, message_id: str | None = None) -> None:
        """Send `text`; `message_id` names the event it tells of, so a gateway that keeps ids
        (SSL Wireless) sends a retried event once and two events with the same text twice."""
        ...
