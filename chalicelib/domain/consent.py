"""Heir consent (DESIGN §5: warish and succession): which heirs must agree before approval.

An heir is asked when they are adult — marked so on the form, or 18 or older by date of birth —
and a mobile number is listed for them. Pure: the service stores the codes and the answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.canonical import normalise_phone

ADULT_AGE = 18


@dataclass(frozen=True)
class HeirToAsk:
    row: int  # position in the form's heirs table (shown to officials instead of the number)
    phone: str  # 8801XXXXXXXXX


def is_adult(heir: dict[str, Any], today: dt.date) -> bool:
    """Marked adult on the form, or 18 or older by the date of birth given (which wins)."""
    if heir.get("is_adult") == "no":
        return False
    dob = heir.get("dob")
    if isinstance(dob, str) and dob:
        born = dt.date.fromisoformat(dob)
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        return age >= ADULT_AGE
    return heir.get("is_adult") == "yes"


def heirs_to_ask(fields: dict[str, Any], today: dt.date) -> list[HeirToAsk]:
    """Adult heirs with a mobile number, once per number (one person may be listed once)."""
    asked: dict[str, HeirToAsk] = {}
    for row, heir in enumerate(fields.get("heirs") or []):
        phone = normalise_phone(str(heir.get("phone") or ""))
        if phone and phone not in asked and is_adult(heir, today):
            asked[phone] = HeirToAsk(row, phone)
    return list(asked.values())


def outstanding(asked: list[HeirToAsk], consented_phones: set[str]) -> list[HeirToAsk]:
    return [heir for heir in asked if heir.phone not in consented_phones]
