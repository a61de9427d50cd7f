"""The formats of the ids in paths, checked before any lookup.

A path id that cannot be an id answers 404 exactly as an unknown one does, so ids cannot be
probed, and neither reaches AWS (DynamoDB refuses an empty key with an error, which was a 500).
Numbers people type (tracking, certificate, payment and paper numbers) are folded to their
canonical form first (domain/canonical.py, domain/codes.py); other ids are matched as they are.
"""

from __future__ import annotations

import re

from chalicelib.domain import codes
from chalicelib.domain.errors import not_found

OFFICE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # "union-1", "pourashava-savar", "lgd"
USERNAME = re.compile(r"[a-z0-9][a-z0-9.-]{2,63}")  # "union-1.secretary"
SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")  # certificate type codes, gateway names
LIST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,31}")  # status lists
HOLDING_ID = re.compile(r"H[0-9A-F]{8,32}")  # a holding: "H" and random hex (never its number)
RUN_ID = re.compile(r"R[0-9A-F]{16}")  # a demand run: "R" and random hex


def code(raw: str, what: str) -> str:
    """A tracking, certificate, payment or paper number in its canonical form, or 404 `what`."""
    number = codes.normalise(raw)
    if not codes.is_valid(number):
        raise not_found(what)
    return number


def plain(raw: str, pattern: re.Pattern[str], what: str) -> str:
    """An id that is used as it is (office, username, slug, list): it matches `pattern` or 404 `what`."""
    if not pattern.fullmatch(raw):
        raise not_found(what)
    return raw


def office_id(raw: str) -> str:
    return plain(raw, OFFICE_ID, "Office")


def holding_id(raw: str) -> str:
    return plain(raw, HOLDING_ID, "Holding")
