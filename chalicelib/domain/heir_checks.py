"""Identity checks of an inheritance case (issue 12, item 8): the deceased and every adult heir
who gives an NID are looked up in the national registries, like the holder of any other
certificate, so the most forged certificate is checked before an official signs it.

Pure: which people a form names for a check, what each lookup is given, and the stored result.
The stored result holds the verdict only (status and the names of the fields that differ), never
what the registry returned: an heir's registry record is not kept on someone else's case, so the
case holds no more personal data than the form itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain.consent import is_adult
from chalicelib.domain.identity import IdentityCheck

# The deceased's form fields, by the registry record's field names (domain/identity.COMPARED_FIELDS).
DECEASED_TYPED = {
    "name_bn": "deceased_name_bn",
    "name_en": "deceased_name_en",
    "father_name_bn": "deceased_father_name_bn",
    "mother_name_bn": "deceased_mother_name_bn",
    "dob": "deceased_dob",
}
HEIR_TYPED = {"name_bn": "name_bn", "dob": "dob"}

# Why a person was not looked up (shown to officials as "not checked", with the reason).
NOT_CHECKED = ("minor", "no_nid", "no_dob", "no_number")


@dataclass(frozen=True)
class Person:
    """One person a case names, and what a lookup needs (source None: not looked up, see reason)."""

    person: str  # "deceased" or "heir"
    row: int | None  # the heir's row in the heirs table; None for the deceased
    source: str | None = None  # "nid" or "brn"
    number: str = ""
    dob: str = ""
    typed: dict[str, str] = field(default_factory=dict)
    reason: str | None = None  # one of NOT_CHECKED when source is None

    @property
    def label(self) -> str:
        return self.person if self.row is None else f"{self.person}[{self.row}]"


def _typed(values: dict[str, Any], names: dict[str, str]) -> dict[str, str]:
    return {name: str(values[source]) for name, source in names.items() if values.get(source)}


def _deceased(fields: dict[str, Any]) -> Person:
    kind = "nid" if fields.get("deceased_nid") else "brn"
    number = str(fields.get(f"deceased_{kind}") or "")
    dob = str(fields.get("deceased_dob") or "")
    if not number:
        return Person("deceased", None, reason="no_number")
    if not dob:
        return Person("deceased", None, reason="no_dob")
    return Person("deceased", None, kind, number, dob, _typed(fields, DECEASED_TYPED))


def _heir(row: int, heir: dict[str, Any], today: dt.date) -> Person:
    if not is_adult(heir, today):
        return Person("heir", row, reason="minor")
    if not heir.get("nid"):
        return Person("heir", row, reason="no_nid")
    if not heir.get("dob"):
        return Person("heir", row, reason="no_dob")
    return Person("heir", row, "nid", str(heir["nid"]), str(heir["dob"]), _typed(heir, HEIR_TYPED))


def people(fields: dict[str, Any], today: dt.date) -> list[Person]:
    """The deceased (when the form names one) and every listed heir, in form order."""
    found = [_deceased(fields)] if any(k in fields for k in ("deceased_nid", "deceased_brn")) else []
    heirs = fields.get("heirs") or []
    return found + [_heir(row, heir, today) for row, heir in enumerate(heirs) if isinstance(heir, dict)]


def entry(person: Person, result: IdentityCheck | None) -> dict[str, Any]:
    """The stored line for one person: the verdict without the registry's record."""
    line: dict[str, Any] = {"person": person.person, "row": person.row}
    if result is None:
        return line | {"status": "not_checked", "reason": person.reason}
    return line | {
        "status": result.status,
        "source": result.source,
        "mismatches": list(result.mismatches),
        "checked_at": result.checked_at,
    }
