"""A tax schedule as data (DESIGN §10, "tax schedule"): one office's heads, rates, valuation
method, instalments, rebates, surcharge and settlement rules for a fiscal year, parsed from JSON.

Rates are integer basis points (700 = 7%) and money integer poisha, so nothing here is a float.
`parse_schedule` reports every bad field at once as `validation_failed`, a dotted path each.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.errors import FieldError, out_of_range, validation_failed
from chalicelib.domain.revenue.fiscal import INSTALMENT_COUNTS
from chalicelib.domain.revenue.lines import LineKind

BASIS = 10_000  # basis points in a whole
OVERPAYMENT_POLICIES = ("refuse", "advance")
VALUATION_METHODS = ("annual_rent",)  # rented: the rent; owner-occupied: the office's standard rent
DEFAULT_ORDER = (LineKind.ARREAR, LineKind.SURCHARGE, LineKind.CURRENT)
DEFAULTS_DIR = Path(__file__).resolve().parents[2] / "data" / "revenue" / "schedules"
OFFICE_KINDS = ("union", "pourashava", "city_corporation")


@dataclass(frozen=True)
class TaxHead:
    code: str  # "holding_tax", "conservancy", "lighting", …
    name: str
    name_bn: str
    rate_bp: int  # of the annual value
    cap: int | None = None  # most poisha this head charges a holding in a year


@dataclass(frozen=True)
class Valuation:
    method: str  # one of VALUATION_METHODS
    repairs_months: int  # months' rent allowed for repairs: annual value = rent × (12 − this)
    standard_rent: dict[str, int]  # construction class -> poisha per square metre per month


@dataclass(frozen=True)
class RebateTier:
    by: tuple[int, int]  # (month, day) in the fiscal year; paying on or before earns the rate
    rate_bp: int


@dataclass(frozen=True)
class Schedule:
    office_kind: str
    reassessment_years: int
    valuation: Valuation
    heads: tuple[TaxHead, ...]
    instalments: int  # 1, 2 or 4 a year
    due_day: int  # day of an instalment period's last month it falls due (clamped to the month)
    rebates: tuple[RebateTier, ...]
    surcharge_bp: int  # on a line still unpaid once its fiscal year (and the grace) is over
    surcharge_grace_days: int
    minimum_part_payment: int  # poisha
    settlement_order: tuple[LineKind, ...]
    overpayment: str  # one of OVERPAYMENT_POLICIES


class _Reader:
    """Reads fields from a JSON document, noting each bad one instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def bad(self, path: str, message: str, message_bn: str) -> None:
        self.errors.append(FieldError(path, message, message_bn))

    def obj(self, doc: Any, path: str) -> dict[str, Any]:
        if isinstance(doc, dict):
            return doc
        self.bad(path, "Must be an object", "নাম ও মানসহ একটি তথ্যগুচ্ছ ({…}) হতে হবে")
        return {}

    def int_(self, doc: dict[str, Any], key: str, path: str, low: int, high: int) -> int:
        value = doc.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        self.errors.append(out_of_range(f"{path}{key}", low, high))
        return low

    def text(self, doc: dict[str, Any], key: str, path: str, choices: tuple[str, ...] = ()) -> str:
        value = doc.get(key)
        if isinstance(value, str) and value.strip() and (not choices or value in choices):
            return value
        listed = ", ".join(choices)
        hint, hint_bn = (f": one of {listed}", f"; এগুলোর একটি: {listed}") if choices else ("", "")
        self.bad(f"{path}{key}", f"Must be text{hint}", f"সঠিক লেখা দিতে হবে{hint_bn}")
        return choices[0] if choices else ""

    def items(self, doc: dict[str, Any], key: str, path: str, least: int = 0) -> list[Any]:
        value = doc.get(key)
        if isinstance(value, list) and len(value) >= least:
            return value
        self.bad(f"{path}{key}", f"Must be a list of at least {least}", f"কমপক্ষে {bn_digits(least)}টির তালিকা হতে হবে")
        return []


_MAX_POISHA = 10**12  # ten thousand crore taka: far above any holding's year


def _valuation(r: _Reader, doc: Any) -> Valuation:
    v = r.obj(doc, "valuation")
    rents = r.obj(v.get("standard_rent"), "valuation.standard_rent")
    standard = {str(k): r.int_(rents, k, "valuation.standard_rent.", 1, _MAX_POISHA) for k in rents}
    if not standard:
        r.bad("valuation.standard_rent", "Give at least one construction class", "অন্তত একটি নির্মাণ শ্রেণি দিন")
    return Valuation(
        method=r.text(v, "method", "valuation.", VALUATION_METHODS),
        repairs_months=r.int_(v, "repairs_months", "valuation.", 0, 11),
        standard_rent=standard,
    )


def _heads(r: _Reader, doc: dict[str, Any]) -> tuple[TaxHead, ...]:
    heads: list[TaxHead] = []
    for i, raw in enumerate(r.items(doc, "heads", "", least=1)):
        path = f"heads.{i}."
        h = r.obj(raw, path.rstrip("."))
        cap = h.get("cap")
        heads.append(
            TaxHead(
                code=r.text(h, "code", path),
                name=r.text(h, "name", path),
                name_bn=r.text(h, "name_bn", path),
                rate_bp=r.int_(h, "rate_bp", path, 0, BASIS),
                cap=None if cap is None else r.int_(h, "cap", path, 0, _MAX_POISHA),
            )
        )
    codes = [h.code for h in heads]
    if len(set(codes)) != len(codes):
        r.bad("heads", "Each head's code must be different", "প্রতিটি খাতের কোড আলাদা হতে হবে")
    return tuple(heads)


def _rebates(r: _Reader, doc: dict[str, Any]) -> tuple[RebateTier, ...]:
    tiers: list[RebateTier] = []
    for i, raw in enumerate(r.items(doc, "rebates", "")):
        path = f"rebates.{i}."
        t = r.obj(raw, path.rstrip("."))
        by = t.get("by")
        month, day = (int(by[:2]), int(by[3:])) if isinstance(by, str) and _is_month_day(by) else (0, 0)
        if not month:
            r.bad(f"{path}by", "Must be a month and day, MM-DD", "মাস ও দিন MM-DD আকারে দিতে হবে")
        tiers.append(RebateTier(by=(month, day), rate_bp=r.int_(t, "rate_bp", path, 0, BASIS)))
    return tuple(tiers)


def _is_month_day(text: str) -> bool:
    try:  # a leap year, so 02-29 is a day
        return len(text) == 5 and date.fromisoformat(f"2000-{text}").month > 0
    except ValueError:
        return False


def _order(r: _Reader, doc: dict[str, Any]) -> tuple[LineKind, ...]:
    raw = doc.get("settlement_order", [k.value for k in DEFAULT_ORDER])
    kinds = {k.value for k in LineKind}
    if isinstance(raw, list) and sorted(map(str, raw)) == sorted(kinds):
        return tuple(LineKind(k) for k in raw)
    r.bad(
        "settlement_order",
        f"Must name each of {', '.join(sorted(kinds))} once",
        "বকেয়া, সারচার্জ ও চলতি প্রতিটি একবার করে দিতে হবে",
    )
    return DEFAULT_ORDER


def parse_schedule(doc: Any) -> Schedule:
    """A schedule from its JSON document; `validation_failed` naming every bad field."""
    r = _Reader()
    d = r.obj(doc, "schedule")
    instalments = r.obj(d.get("instalments"), "instalments")
    surcharge = r.obj(d.get("surcharge"), "surcharge")
    count = r.int_(instalments, "count", "instalments.", 1, 4)
    if count not in INSTALMENT_COUNTS:
        r.bad("instalments.count", "Must be 1, 2 or 4", "১, ২ অথবা ৪ হতে হবে")
    schedule = Schedule(
        office_kind=r.text(d, "office_kind", "", OFFICE_KINDS),
        reassessment_years=r.int_(d, "reassessment_years", "", 1, 10),
        valuation=_valuation(r, d.get("valuation")),
        heads=_heads(r, d),
        instalments=count,
        due_day=r.int_(instalments, "due_day", "instalments.", 1, 31),
        rebates=_rebates(r, d),
        surcharge_bp=r.int_(surcharge, "rate_bp", "surcharge.", 0, BASIS),
        surcharge_grace_days=r.int_(surcharge, "grace_days", "surcharge.", 0, 365),
        minimum_part_payment=r.int_(d, "minimum_part_payment", "", 0, _MAX_POISHA),
        settlement_order=_order(r, d),
        overpayment=r.text(d, "overpayment", "", OVERPAYMENT_POLICIES),
    )
    if r.errors:
        raise validation_failed(r.errors)
    return schedule


def default_document(office_kind: str) -> dict[str, Any]:
    """The default schedule shipped for a kind of office, as its JSON document (with `sources`)."""
    if office_kind not in OFFICE_KINDS:
        raise ValueError(f"no default schedule for {office_kind!r}")
    doc: dict[str, Any] = json.loads((DEFAULTS_DIR / f"{office_kind}.json").read_text(encoding="utf-8"))
    return doc


def default_schedule(office_kind: str) -> Schedule:
    return parse_schedule(default_document(office_kind))
