"""Reusable request bodies for integration tests (fictional people)."""

from __future__ import annotations

from typing import Any

from local.sample_papers import give_papers, papers_for
from local.samples import DECEASED, HOLDER, code_from_sms

__all__ = ["DECEASED", "HOLDER", "PERSONAL_STRINGS", "application", "code_from_sms", "give_papers", "papers_for"]

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


def application(
    type_code: str, fields: dict[str, Any], office_id: str = "union-1", ward: int = 1, papers: bool = True
) -> dict[str, Any]:
    """An application body; with `papers`, it attaches the sample papers its type requires (see
    local/sample_papers.py: test citizens have uploaded them once, as DESIGN §1's account keeps)."""
    body: dict[str, Any] = {"office_id": office_id, "type": type_code, "ward": ward, "fields": fields}
    if papers:
        body["papers"] = papers_for(type_code)
    return body
