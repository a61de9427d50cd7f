"""Models of an office's money views and the monitors' revenue counters (decision 71)."""

from __future__ import annotations

from typing import NotRequired

from typing_extensions import TypedDict


class CollectionsQuery(TypedDict):
    date: NotRequired[str]


class CollectedReceipt(TypedDict):
    receipt_no: str
    holding_number: str
    ward: int
    amount: int
    method: str
    received_by: str
    received_at: str
    status: str


class Collections(TypedDict):
    date: str
    total: int
    count: int
    by_method: dict[str, int]
    items: list[CollectedReceipt]


class DefaultersQuery(TypedDict):
    ward: NotRequired[str]


class Defaulter(TypedDict):
    holding_id: str
    number: str
    ward: int
    arrears: int


class DefaulterList(TypedDict):
    items: list[Defaulter]
    next_cursor: str | None


class RevenueStatsQuery(TypedDict):
    division: NotRequired[str]
    district: NotRequired[str]
    upazila: NotRequired[str]
    fiscal_year: NotRequired[str]


class RevenueArea(TypedDict):
    area_code: str
    name_en: str
    name_bn: str
    collected: int
    arrears: int
    holdings: int


class RevenueStats(TypedDict):
    area: str
    fiscal_year: str
    areas: list[RevenueArea]
