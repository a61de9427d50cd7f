"""Reusable request bodies for integration tests (fictional people)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from chalicelib.domain import codes
from chalicelib.domain.catalog import catalog
from local.samples import DECEASED, HOLDER, code_from_sms

__all__ = ["DECEASED", "HOLDER", "PERSONAL_STRINGS", "application", "code_from_sms", "give_papers", "papers_for"]

PERSONAL_STRINGS = (
    "1987654321",
    "4512369870",
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
    give_papers: every test citizen has uploaded them once, as DESIGN §1's lifetime account keeps)."""
    body: dict[str, Any] = {"office_id": office_id, "type": type_code, "ward": ward, "fields": fields}
    if papers:
        body["papers"] = papers_for(type_code)
    return body


def _sample_id(document: str) -> str:
    digest = hashlib.sha256(f"sample paper {document}".encode()).digest()
    body = "".join(codes.ALPHABET[b % len(codes.ALPHABET)] for b in digest[:12])
    return body + codes.check_char(body)


def papers_for(type_code: str) -> dict[str, str]:
    """{document code: sample paper id} for each paper the type requires."""
    ctype = catalog().get(type_code)
    documents = ctype.documents if ctype is not None else ()
    return {str(d["code"]): _sample_id(str(d["code"])) for d in documents if d.get("required")}


def give_papers(phone: str) -> str:
    """The citizen of `phone` (created as their first sign-in would) has every required paper of
    the catalog ready in their account, under the ids papers_for names; their citizen id."""
    from chalicelib.adapters.tables import Paper
    from chalicelib.services.auth import citizen_account, phone_or_error

    citizen_id = str(citizen_account(phone_or_error(phone)).citizen_id)
    documents = {str(d["code"]) for t in catalog().all() for d in t.documents if d.get("required")}
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with Paper.batch_write() as batch:
        for document in sorted(documents):
            batch.save(
                Paper(
                    citizen_id,
                    _sample_id(document),
                    document=document,
                    content_type="application/pdf",
                    size=1024,
                    state="ready",
                    created_at=now,
                )
            )
    return citizen_id
