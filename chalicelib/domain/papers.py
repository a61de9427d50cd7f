"""Which uploaded papers are accepted: a few document types, recognised by their first bytes.

The declared type must match what the bytes are; executables, scripts, archives and anything
unrecognised are refused, so an official never opens a disguised file.

And which of a type's papers a case still needs: each required paper is attached, or waived by an
official with a note, before the case can be paid for or sent to the office (decision 46)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from chalicelib.domain.errors import FieldError, validation_failed

ACCEPTED_TYPES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}


def accepted_type(content_type: str) -> bool:
    return content_type in ACCEPTED_TYPES


def sniff(start: bytes) -> str | None:
    """The accepted type these first bytes begin, or None (unknown, executable, script, archive)."""
    for content_type, signatures in ACCEPTED_TYPES.items():
        if any(start.startswith(signature) for signature in signatures):
            return content_type
    return None


# --- which papers a case still needs (issue 12) --------------------------------------------------


def paper_states(
    documents: Sequence[Mapping[str, Any]], attached: Mapping[str, str], waived: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Each paper of the type, in the charter's order: `attached`, `waived` or `missing`."""
    out = []
    for doc in documents:
        code = str(doc["code"])
        state = "attached" if attached.get(code) else "waived" if code in waived else "missing"
        out.append(
            {
                "code": code,
                "name_bn": str(doc.get("name_bn", "")),
                "name_en": str(doc.get("name_en", "")),
                "required": bool(doc.get("required")),
                "state": state,
            }
        )
    return out


def missing_required(
    documents: Sequence[Mapping[str, Any]], attached: Mapping[str, str], waived: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The required papers neither attached nor waived."""
    return [p for p in paper_states(documents, attached, waived) if p["required"] and p["state"] == "missing"]


def missing_errors(missing: Sequence[Mapping[str, Any]]) -> list[FieldError]:
    """One error per missing paper, naming it in English and Bengali (field `papers.<code>`)."""
    return [
        FieldError(
            f"papers.{p['code']}",
            f"attach this required paper: {p['name_en']}",
            f"এই প্রয়োজনীয় কাগজটি সংযুক্ত করুন: {p['name_bn']}",
        )
        for p in missing
    ]


def require_complete(
    documents: Sequence[Mapping[str, Any]], attached: Mapping[str, str], waived: Mapping[str, Any]
) -> None:
    """422 naming each missing required paper; nothing when every one is attached or waived."""
    if missing := missing_required(documents, attached, waived):
        raise validation_failed(missing_errors(missing))


def waivable(documents: Sequence[Mapping[str, Any]], attached: Mapping[str, str], code: str) -> bool:
    """An official may waive a required paper of the type that is not attached."""
    return any(str(d["code"]) == code and bool(d.get("required")) for d in documents) and not attached.get(code)
