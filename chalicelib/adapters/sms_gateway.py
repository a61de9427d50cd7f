"""SSL Wireless ISMS Plus ("SMS API v3"): a Bangladeshi SMS gateway with approved sender masking,
cheaper and better delivered to Bangladeshi operators than international SNS routes.

One JSON POST per message. The gateway keeps HTTP for transport and puts its verdict in the body:
a top-level `status_code` (200 or a 4xxx/5000 code) and, per recipient, `smsinfo[].sms_status`.
Phone numbers and texts never go into a log line or an exception message. Permanent refusals (bad
number, bad token, unapproved sender id, text too long) raise `SmsRejected`; anything a later try
may fix raises `PartyUnavailable`.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Any

from chalicelib.adapters.http_client import HttpResult, PartyUnavailable, call
from chalicelib.adapters.sms_base import SmsRejected  # one class: the notifier stops retrying on it
from chalicelib.domain.sms_text import MAX_SEGMENTS, fits
from chalicelib.observability import logger

DEFAULT_BASE_URL = "https://smsplus.sslwireless.com"
CSMS_ID_MAX = 20
SUCCESS_CODE = 200
DUPLICATE_CSMS_ID = 4023

# The gateway's documented status codes, so an exception says what went wrong.
CODE_MEANINGS = {
    4001: "unauthorized (API token)",
    4002: "sender id not permitted",
    4003: "IP not whitelisted",
    4004: "invalid request format",
    4005: "endpoint not found",
    4020: "invalid csms_id",
    4022: "required parameter missing",
    4023: "duplicate csms_id",
    4024: "duplicate MSISDN",
    4025: "invalid MSISDN",
    4026: "blocked MSISDN",
    4027: "message length exceeded",
    4028: "invalid message data",
    4029: "too many requests",
    4030: "recipient limit exceeded",
    4031: "TPS limit exceeded",
    4032: "invalid SMS body",
    4033: "too many OTP requests to one recipient",
    5000: "gateway internal error",
}
# Rate limits and the gateway's own failures pass: the same message later may well go through.
RETRY_LATER = frozenset({4029, 4031, 4033})

_BD_MOBILE = re.compile(r"(?:\+?88)?(01[3-9]\d{8})")
_CSMS_ID = re.compile(r"[A-Za-z0-9]{1,20}")


def msisdn(phone: str) -> str:
    """A Bangladeshi mobile number as the gateway wants it: 8801XXXXXXXXX (from 01XXXXXXXXX,
    8801XXXXXXXXX or +8801XXXXXXXXX)."""
    match = _BD_MOBILE.fullmatch(re.sub(r"[\s-]", "", phone))
    if match is None:
        raise SmsRejected("not a Bangladeshi mobile number")
    return f"88{match.group(1)}"


def _code(body: dict[str, Any]) -> int | None:
    try:
        return int(body["status_code"])
    except (KeyError, TypeError, ValueError):
        return None


def _describe(code: int) -> str:
    return f"{code} {CODE_MEANINGS.get(code, 'unknown code')}"


def _accepted(body: dict[str, Any], csms_id: str) -> str:
    """The gateway's reference for an accepted message; the recipient's own verdict is checked
    too, since a request can succeed at the top level and still refuse its one number."""
    info = body.get("smsinfo")
    entry = info[0] if isinstance(info, list) and info and isinstance(info[0], dict) else {}
    status = str(entry.get("sms_status", "SUCCESS")).upper()
    if status != "SUCCESS":
        raise SmsRejected(f"SSL Wireless refused the recipient: {status}")
    return str(entry.get("reference_id") or csms_id)


def _outcome(result: HttpResult, csms_id: str) -> str:
    body = result.json_object()
    code = _code(body)
    if code is None:
        if result.status == 429 or result.status < 400:
            raise PartyUnavailable(f"SSL Wireless: unreadable answer (HTTP {result.status})")
        raise SmsRejected(f"SSL Wireless: HTTP {result.status}")
    if code == SUCCESS_CODE:
        return _accepted(body, csms_id)
    if code == DUPLICATE_CSMS_ID:
        logger.info("SSL Wireless already has this message; not sent again", extra={"csms_id": csms_id})
        return csms_id
    if code in RETRY_LATER or code >= 5000:
        raise PartyUnavailable(f"SSL Wireless: {_describe(code)}")
    raise SmsRejected(f"SSL Wireless: {_describe(code)}")


class SslWirelessSender:
    """`SmsSender` over SSL Wireless. Idempotent by design: the gateway refuses a second message
    with a client message id (`csms_id`) it has already seen (code 4023, "Duplicate CSMS ID"), and
    this adapter reads that refusal as "already sent". `send()` derives the id from the message
    itself, so a retried notice (Lambda retry, stream redelivery, a timeout whose request did
    arrive) is billed and delivered once. The consequence, intended: the very same text to the
    same phone for the same purpose is sent once while the gateway remembers the id (per its
    documentation, unique per day).

    Unknown outcomes (timeouts, 5xx, unreadable answers) raise `PartyUnavailable`; retrying them is
    safe for the same reason."""

    def __init__(self, api_token: str, sid: str, base_url: str = DEFAULT_BASE_URL):
        self._api_token = api_token
        self.sid = sid
        self.base_url = base_url.rstrip("/")

    def message_id(self, phone: str, text: str, purpose: str, event: str | None = None) -> str:
        """A stable csms_id: HMAC keyed with the API token, so the id, which may be logged, reveals
        nothing about the phone number without that secret. With `event` (the notice id: one per
        case transition) two transitions with the same text are still two messages; without it,
        (phone, text, purpose) stands for the message."""
        material = "\n".join((purpose, msisdn(phone), event or text)).encode()
        return hmac.new(self._api_token.encode(), material, hashlib.sha256).hexdigest()[:CSMS_ID_MAX]

    def send(self, phone: str, text: str, purpose: str, message_id: str | None = None) -> None:
        self.send_once(phone, text, self.message_id(phone, text, purpose, message_id))

    def send_once(self, phone: str, text: str, message_id: str) -> str:
        """Send one message under the caller's id (alphanumeric, at most 20 characters); returns
        the gateway's reference (the id itself when the gateway already had the message)."""
        if not _CSMS_ID.fullmatch(message_id):
            raise ValueError("csms_id must be 1 to 20 letters or digits")
        if not fits(text):
            raise SmsRejected(f"message longer than {MAX_SEGMENTS} SMS segments")
        payload = {
            "api_token": self._api_token,
            "sid": self.sid,
            "msisdn": msisdn(phone),
            "sms": text,
            "csms_id": message_id,
        }
        return _outcome(call("POST", f"{self.base_url}/api/v3/send-sms", json_body=payload), message_id)
