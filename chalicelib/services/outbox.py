"""The local stage's SMS outbox (DESIGN §8: GET /v1/_local/outbox?phone=, 404 in other stages)."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import sms
from chalicelib.config import settings
from chalicelib.domain.canonical import normalise_phone
from chalicelib.domain.errors import FieldError, not_found, validation_failed


def read(phone_raw: str | None) -> dict[str, Any]:
    if not settings().is_local or settings().sms_adapter != "local_outbox":
        raise not_found("Resource")
    phone = normalise_phone(phone_raw or "")
    if phone is None:
        raise validation_failed([FieldError("phone", "must be a Bangladeshi mobile number", "সঠিক মোবাইল নম্বর দিন")])
    return {"items": sms.outbox(phone), "next_cursor": None}
