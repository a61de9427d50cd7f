"""Anti-fraud claims: the keys a case must hold exclusively while it is alive (DESIGN §4).

A claim is a row keyed by one of these strings, written with attribute_not_exists in the same
transaction that records the application, and deleted in the same transaction that rejects,
cancels or revokes it. Two concurrent applications for one deceased therefore cannot both win.
The subject is already a keyed hash; no raw NID reaches a key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from chalicelib.domain.catalog import CertificateType


def fiscal_year(day: dt.date) -> str:
    """Bangladesh's fiscal year runs July to June: 2026-06-30 -> '2025-2026', 2026-07-01 -> '2026-2027'."""
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{start + 1}"


def claim_keys(ctype: CertificateType, subject_hashes: Sequence[str], office_id: str, today: dt.date) -> list[str]:
    """The claim keys of one application: one per policy and per spelling of the subject's number
    (forms.subject_aliases: a 17-digit NID also claims its 13-digit form)."""
    kind = ctype.policy.get("kind", "none")
    if kind == "none":
        return []
    if kind == "unique_subject":
        return [f"unique#{ctype.code}#{h}" for h in subject_hashes]
    if kind == "conflict_group":
        return [f"group#{ctype.policy['group']}#{h}" for h in subject_hashes]
    if kind == "renewable":
        return [f"period#{ctype.code}#{office_id}#{fiscal_year(today)}#{h}" for h in subject_hashes]
    raise ValueError(f"unknown policy {kind}")
