"""Models of the holdings register (DESIGN §10): a holding as officials type it and as the API
shows it, the register's lists and a holding's history. Money is integer poisha, areas whole
square metres; the meaning of each value is checked by domain/revenue/register.py."""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import Field as Described
from typing_extensions import TypedDict

from chalicelib.api.contract.public import Whole

# Checked by the domain (with every other field's problem at once), so plain text here.
Use = Annotated[str, Described(description="residential, commercial, industrial, institutional or mixed")]


class OwnerIn(TypedDict):
    name: str
    phone: NotRequired[str]
    nid: NotRequired[str]
    share: NotRequired[str]


class FloorIn(TypedDict):
    built_area_sqm: Whole
    use: Use
    occupancy: Annotated[str, Described(description="owner or rented")]
    monthly_rent: NotRequired[Annotated[Whole, Described(description="poisha a month, when rented")]]


class NewHolding(TypedDict):
    number: str
    ward: Whole
    village: str
    owners: list[OwnerIn]
    use: Use
    land_area_sqm: Whole
    construction_class: Annotated[str, Described(description="a construction class the office's schedule prices")]
    floors: NotRequired[list[FloorIn]]


class HoldingPatch(TypedDict):
    version: Annotated[int, Described(description="the version read: a stale one is a 409 account_changed")]
    number: NotRequired[str]
    ward: NotRequired[Whole]
    village: NotRequired[str]
    owners: NotRequired[list[OwnerIn]]
    use: NotRequired[Use]
    land_area_sqm: NotRequired[Whole]
    construction_class: NotRequired[str]
    floors: NotRequired[list[FloorIn]]


class OwnerView(TypedDict):
    name: str
    phone: Annotated[str | None, Described(description="masked (01XXXXXX789) unless the reader is an official")]
    share: str


class FloorView(TypedDict):
    built_area_sqm: int
    use: str
    occupancy: Literal["owner", "rented"]
    monthly_rent: int


class HoldingView(TypedDict):
    holding_id: str
    office_id: str
    number: str
    ward: int
    village: str
    owners: list[OwnerView]
    use: str
    land_area_sqm: int
    construction_class: str
    floors: list[FloorView]
    version: int
    created_at: str
    updated_at: str


class HoldingSummary(TypedDict):
    holding_id: str
    number: str
    ward: int
    village: str
    owner_names: list[str]
    use: str


class HoldingList(TypedDict):
    items: list[HoldingSummary]
    next_cursor: str | None


class HoldingsQuery(TypedDict):
    ward: NotRequired[Whole]
    q: NotRequired[Annotated[str, Described(description="a holding number's start, or one word of an owner's name")]]


class FieldChange(TypedDict):
    before: Any
    after: Any


class HoldingChange(TypedDict):
    at: str
    by: Annotated[str, Described(description="the official who made it (empty for owners)")]
    changes: dict[str, FieldChange]


class HoldingHistory(TypedDict):
    items: list[HoldingChange]


class MyHolding(TypedDict):
    holding_id: str
    office_id: str
    number: str
    ward: int
    village: str


class MyHoldings(TypedDict):
    items: list[MyHolding]
