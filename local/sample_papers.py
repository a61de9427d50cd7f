"""Sample papers for examples, benchmarks and tests: a fictional citizen who has uploaded, once,
every paper the catalog requires (DESIGN §1: the lifetime account's papers are reused), under
fixed ids, so an application body can name them without an upload (decision 46)."""

from __future__ import annotations

import datetime as dt
import hashlib

from chalicelib.domain import codes
from chalicelib.domain.catalog import catalog


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
