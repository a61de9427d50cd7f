"""SMS senders. `sns` is the real adapter (Amazon SNS direct-to-phone publish); `local_outbox`
stores messages in the local stage's outbox table so `make run` users read their OTPs there.
Which one runs is settings().sms_adapter."""

from __future__ import annotations

import datetime as dt
import uuid

from chalicelib.adapters.aws import client
from chalicelib.adapters.keys import keyed_hash, party_credentials
from chalicelib.adapters.sms_base import SmsSender
from chalicelib.adapters.sms_gateway import SslWirelessSender
from chalicelib.adapters.tables import SmsOutboxMessage
from chalicelib.config import settings


class SnsSender:
    """Amazon SNS `Publish` to a phone number, marked transactional (OTPs and case notices)."""

    def send(self, phone: str, text: str, purpose: str, message_id: str | None = None) -> None:
        client("sns").publish(
            PhoneNumber=f"+{phone}",
            Message=text,
            MessageAttributes={
                "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"},
            },
        )


class LocalOutboxSender:
    """The local stage's simulated phone network: one DynamoDB row per message, readable at
    GET /v1/_local/outbox?phone=."""

    def send(self, phone: str, text: str, purpose: str, message_id: str | None = None) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        SmsOutboxMessage(
            keyed_hash("phone", phone), f"{now}#{uuid.uuid4().hex[:8]}", phone=phone, text=text, purpose=purpose
        ).save()


def sender() -> SmsSender:
    """The stage's SMS sender: `sns` (Amazon SNS), `sslwireless` (a Bangladeshi gateway's HTTP API,
    cheaper per Bengali SMS and with local sender ids) or `local_outbox` (make run and tests)."""
    adapter = settings().sms_adapter
    if adapter == "local_outbox":
        return LocalOutboxSender()
    if adapter == "sslwireless":
        creds = party_credentials("sslwireless")
        return SslWirelessSender(creds.get("api_token", ""), creds.get("sid", ""), settings().sms_gateway_url)
    return SnsSender()


def outbox(phone: str, limit: int = 50) -> list[dict[str, str]]:
    rows = SmsOutboxMessage.query(keyed_hash("phone", phone), scan_index_forward=False, limit=limit)
    return [{"sent_at": r.sent_at.split("#")[0], "text": r.text, "purpose": r.purpose} for r in rows]
