"""Who is acting: a citizen, an official of an office (with a role, maybe a ward), or the system."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    kind: str  # "citizen", "staff" or "system"
    id: str  # citizen id, staff username, or a system component's name
    role: str = ""  # staff role; "citizen" / "system" otherwise
    office_id: str = ""
    ward: int | None = None
    account: str = ""  # citizens: the keyed hash of their phone, which keys their account row
    credentials: int = 0  # officials: the account's credentials version their token was issued for

    @property
    def is_citizen(self) -> bool:
        return self.kind == "citizen"

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"


# An operator's command (ops/) running with the stage's AWS credentials: LGD's powers, no account.
OPERATOR = Actor(kind="operator", id="operator", role="lgd_admin", office_id="lgd")


def is_national_admin(actor: Actor) -> bool:
    return actor.kind in ("staff", "operator") and actor.role == "lgd_admin"


def actor_from_context(context: dict[str, Any]) -> Actor:
    """Rebuild the actor from what the authorizer put into the request context (all strings)."""
    ward = str(context.get("ward") or "")
    version = str(context.get("cv") or "")
    return Actor(
        kind=str(context.get("kind", "")),
        id=str(context.get("principalId", "")),
        role=str(context.get("role", "")),
        office_id=str(context.get("office_id", "")),
        ward=int(ward) if ward.isdigit() else None,
        account=str(context.get("acct", "")),
        credentials=int(version) if version.isdigit() else 0,
    )
