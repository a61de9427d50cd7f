"""Models of the revenue documents' routes (decision 69): a receipt's signed PDF, a bill's notice."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field as Described
from typing_extensions import TypedDict


class ReceiptPdf(TypedDict):
    receipt_no: str
    pdf_url: Annotated[str | None, Described(description="short-lived link; null while the receipt is being signed")]
    expires_in: int


class NoticeLink(TypedDict):
    bill_id: str
    pdf_url: Annotated[str, Described(description="short-lived link to the demand notice (PDF)")]
    expires_in: int
