"""Which uploaded papers are accepted: a few document types, recognised by their first bytes.

The declared type must match what the bytes are; executables, scripts, archives and anything
unrecognised are refused, so an official never opens a disguised file."""

from __future__ import annotations

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
