"""A change to a case, as the cases table's stream tells it: the case before and after, typed.

The stream's records are decoded once, at the edge (api/events.py); every consumer (statistics,
issuance, notices, heir consents, refunds) reads the same `CaseChange`. Only what the consumers
read is kept. An image the record does not carry (an insert has no old one, a delete no new one)
is `ABSENT`: every value None, every object empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CaseImage:
    """One side of a change: the case's row as the stream carried it."""

    present: bool = False
    case_id: str | None = None
    version: int | None = None
    status: str | None = None
    office_id: str | None = None
    ward: int | None = None
    type_code: str | None = None
    account: str | None = None
    certificate_no: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    escalated_at: str | None = None
    fee: dict[str, Any] = field(default_factory=dict)
    payment: dict[str, Any] = field(default_factory=dict)
    escalated_to: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)  # the form: personal data, never logged


ABSENT = CaseImage()


@dataclass(frozen=True)
class CaseChange:
    new: CaseImage = ABSENT
    old: CaseImage = ABSENT

    @property
    def moved(self) -> bool:
        """The status changed (a new case, too, moves from nothing into its first status)."""
        return self.new.status != self.old.status

    def entered(self, status: str) -> bool:
        """The case is now in `status` and was not before."""
        return self.new.status == status and self.old.status != status
