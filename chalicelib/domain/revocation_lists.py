"""Status lists (which certificates are revoked): the signed document, built by the publisher and
checked by verifiers. Its format, and the envelope it shares with the trust list, are described
in trustlists.py."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.cose import SignRaw
from chalicelib.domain.trustlists import (
    MAX_STATUS_LIST_SIZE,
    REVOCATION_REASONS,
    STATUS_FORMAT,
    STATUS_LIST_SIZE,
    ListError,
    TrustList,
    envelope,
    epoch,
    from_epoch,
    iso,
    root_signed,
    signed_wrapper,
)


@dataclass(frozen=True)
class StatusList:
    list_id: str
    size: int
    issued_at: dt.datetime
    bits: bytes

    def is_revoked(self, index: int) -> bool:
        if not 0 <= index < self.size:
            raise IndexError(f"status index {index} outside list of {self.size}")
        return bit_is_set(self.bits, index)


def status_bits(revoked: Iterable[int], size: int = STATUS_LIST_SIZE) -> bytes:
    """The uncompressed bitstring with the given indices set."""
    bits = bytearray((size + 7) // 8)
    for index in revoked:
        if not 0 <= index < size:
            raise IndexError(f"status index {index} outside list of {size}")
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def bit_is_set(bits: bytes, index: int) -> bool:
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def revocation_entries(stored: Iterable[str]) -> list[list[Any]]:
    """[[index, "YYYY-MM-DD", reason_code], ...] from the stored "index|day|code" strings, sorted;
    an unknown category is published as "other"."""
    entries = []
    for text in stored:
        index, day, code = [*text.split("|"), "", ""][:3]
        if index.isdigit() and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            entries.append([int(index), day, code if code in REVOCATION_REASONS else "other"])
    return sorted(entries)


def build_status_list(
    list_id: str,
    revoked: Iterable[int],
    issued_at: dt.datetime,
    root_cert_der: bytes,
    root_sign_raw: SignRaw,
    size: int = STATUS_LIST_SIZE,
    revocations: Iterable[str] = (),
) -> dict[str, Any]:
    """The signed status list as its JSON wrapper (what GET /v1/status-list/{list_id} serves).
    `revocations` ("index|YYYY-MM-DD|reason_code"): signed beside the bits, so that an offline
    verifier shows when and why (a category, never the free text) a certificate was revoked."""
    payload: dict[str, Any] = {
        "list_id": list_id,
        "size": size,
        "issued_at": epoch(issued_at),
        "bits": zlib.compress(status_bits(revoked, size), 9),
    }
    if entries := revocation_entries(revocations):
        payload["revocations"] = entries
    return {
        "format": STATUS_FORMAT,
        "list_id": list_id,
        "size": size,
        "issued_at": iso(issued_at),
        **signed_wrapper(payload, root_cert_der, root_sign_raw),
    }


def _inflate(data: bytes, expected: int) -> bytes:
    # Bounded: a hostile list must not inflate into gigabytes.
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, expected + 1)
    if len(out) != expected or inflater.unconsumed_tail:
        raise ListError("status bits do not match the list size")
    return out


def load_status_list(doc: str | Mapping[str, Any], trust: TrustList) -> StatusList:
    """Parse and check a status list against the (already checked) trust list's root."""
    _, signed, payload = envelope(doc, STATUS_FORMAT)
    if not root_signed(signed, trust.root_cert_der, trust.root_public_key()):
        raise ListError("status list signature does not verify against the trust list's root")
    try:
        size, bits = payload["size"], payload["bits"]
        if not isinstance(size, int) or not 0 < size <= MAX_STATUS_LIST_SIZE or not isinstance(bits, bytes):
            raise ListError("status list size or bits out of range")
        return StatusList(
            str(payload["list_id"]), size, from_epoch(payload["issued_at"]), _inflate(bits, (size + 7) // 8)
        )
    except ListError:
        raise
    except (ValueError, TypeError, KeyError, zlib.error) as exc:
        raise ListError(f"malformed status list: {exc}") from None
