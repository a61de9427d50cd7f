"""Opaque list cursors: DynamoDB's LastEvaluatedKey, base64url JSON, checked on the way back in."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from chalicelib.domain.errors import bad_request
from chalicelib.domain.json_text import nests_deeper_than


def encode_cursor(last_key: dict[str, Any] | None) -> str | None:
    if not last_key:
        return None
    return base64.urlsafe_b64encode(json.dumps(last_key, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, expect: dict[str, str]) -> dict[str, Any] | None:
    """Decode a cursor and check it belongs to this query (its partition attributes equal `expect`)."""
    if not cursor:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8")
        if nests_deeper_than(text, 2):  # {"attr": {"S": value}}; deeper was a RecursionError (500)
            raise ValueError("too deep")
        key = json.loads(text)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad_request("cursor is not valid", "invalid_cursor") from None
    ok = isinstance(key, dict) and all(
        isinstance(v, dict) and len(v) == 1 and next(iter(v)) in ("S", "N") for v in key.values()
    )
    if not ok or any(key.get(attr, {}).get("S") != value for attr, value in expect.items()):
        raise bad_request("cursor does not belong to this list", "invalid_cursor")
    checked: dict[str, Any] = key
    return checked
