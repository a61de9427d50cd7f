"""A holding as the register keeps it (DESIGN §10, "holding"): the shared record every revenue
module reads. Validation of what officials type, history and search live beside it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from chalicelib.domain.canonical import ascii_digits
from chalicelib.domain.revenue.assessment import Floor, HoldingFacts

USES = ("residential", "commercial", "industrial", "institutional", "mixed")


def canonical_number(text: str) -> str:
    """A holding number's one form: any digit script, upper case, and each run of separators
    (spaces, "/", "-", ".") as one "/" — so "১২/৩-ক", "12 3 ক" and "12/3/ক" are one holding
    number in an office, while "1/23" and "12/3" stay two."""
    shown = "".join(ch for ch in ascii_digits(text) if unicodedata.category(ch) not in ("Cf", "Cc"))
    parts = re.split(r"[\s/\\\-\u2010-\u2015.·_]+", shown.upper())
    return "/".join(p for p in parts if p)


@dataclass(frozen=True)
class Owner:
    name: str  # as the register prints it (personal data: in item bodies only)
    phone: str | None = None  # canonical 01XXXXXXXXX; links the holding to the citizen's account
    nid: str | None = None  # canonical NID; only its keyed hash is ever a key
    share: str = ""  # "1/2", as the deed says; free text


@dataclass(frozen=True)
class Holding:
    holding_id: str  # opaque, random (codes.new_code): never the number, which offices reuse
    office_id: str
    number: str  # as typed by the office (display form)
    ward: int
    village: str  # village or mahalla
    owners: tuple[Owner, ...]
    use: str  # one of USES
    land_area_sqm: int
    construction_class: str  # a key of the schedule's valuation.standard_rent
    floors: tuple[Floor, ...]
    version: int = 0  # every register change is conditional on it
    created_at: str = ""
    updated_at: str = ""

    @property
    def canonical(self) -> str:
        return canonical_number(self.number)

    @property
    def facts(self) -> HoldingFacts:
        return HoldingFacts(self.construction_class, self.floors)
