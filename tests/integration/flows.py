"""Reusable request bodies for integration tests (fictional people)."""

from __future__ import annotations

from typing import Any

from local.samples import DECEASED, HOLDER, code_from_sms

__all__ = ["DECEASED", "HOLDER", "PERSONAL_STRINGS", "application", "code_from_sms"]

PERSONAL_STRINGS = (
    "1987654321",
    "4512369870",
    "5823146791",
    "3917254682",
    "01711000001",
    "8801711000001",
    "01811000002",
    "রাবেয়া",
    "Rabeya",
    "জব্বার",
    "Jabbar",
    "কামাল",
)


def application(type_code: str, fields: dict[str, Any], office_id: str = "union-1", ward: int = 1) -> dict[str, Any]:
    return {"office_id": office_id, "type": type_code, "ward": ward, "fields": fields}
