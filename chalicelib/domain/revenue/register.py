"""The holdings register's rules (DESIGN §10, issue 14 item 1): what an official types for a
holding, checked field by field (every bad field at once, in English and Bengali); the words of
owners' names the register is searched by; and a change's before/after for the holding's history.
Pure: the office's wards and construction classes are given by the caller."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.canonical import ascii_digits, fold, is_unsafe_text, normalise_phone, number
from chalicelib.domain.errors import FieldError, out_of_range, validation_failed
from chalicelib.domain.identity import HONORIFIC_GROUPS, NID_LENGTHS, normalise_name
from chalicelib.domain.revenue.assessment import Floor, HoldingFacts, Occupancy
from chalicelib.domain.revenue.fiscal import fiscal_year_bounds
from chalicelib.domain.revenue.holdings import USES, Holding, Owner, canonical_number
from chalicelib.domain.revenue.lines import DemandLine, LineKind

FIELDS = ("number", "ward", "village", "owners", "use", "land_area_sqm", "construction_class", "floors")
# A holding's owners and the words of their names are index items written in the holding's one
# transaction (at most 100 rows: an update that replaces them all writes and deletes each).
MAX_OWNERS = 8
WORDS_PER_NAME = 3
HONORIFICS = frozenset(normalise_name(group[0]) for group in HONORIFIC_GROUPS)
MAX_FLOORS = 40
MAX_TEXT = 120
MAX_QUERY = 60
MAX_AREA = 10_000_000  # square metres
MAX_RENT = 100_000_000_00  # poisha a month


@dataclass
class _Checker:
    """Collects every field's error; each `take_*` returns the clean value or None."""

    errors: list[FieldError] = field(default_factory=list)

    def fail(self, name: str, message: str, message_bn: str) -> None:
        self.errors.append(FieldError(name, message, message_bn))

    def text(self, value: Any, name: str, required: bool = True, limit: int = MAX_TEXT) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(name, "is required", "এটি পূরণ করুন")
            return None if required else ""
        if not isinstance(value, str) or len(value) > limit or is_unsafe_text(value):
            self.fail(name, f"must be text of at most {limit} visible characters", "সঠিকভাবে লিখুন")
            return None
        return " ".join(value.split())

    def whole(self, value: Any, name: str, lo: int, hi: int) -> int | None:
        if isinstance(value, str):
            digits = ascii_digits(value).strip()
            value = int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 12 else None
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            self.errors.append(out_of_range(name, lo, hi))
            return None
        return value

    def choice(self, value: Any, name: str, choices: Iterable[str]) -> str | None:
        options = tuple(choices)
        if value not in options:
            self.fail(name, f"must be one of {', '.join(options)}", "তালিকা থেকে বেছে নিন")
            return None
        return str(value)

    def items(self, value: Any, name: str, most: int, least: int) -> list[Any]:
        if not isinstance(value, list) or not least <= len(value) <= most:
            self.fail(
                name,
                f"must be a list of {least} to {most} entries",
                f"{bn_digits(least)} থেকে {bn_digits(most)}টি তথ্য দিন",
            )
            return []
        return value


def _owner(c: _Checker, raw: Any, at: str) -> Owner | None:
    if not isinstance(raw, dict):
        c.fail(at, "must be an object with a name", "মালিকের নাম দিন")
        return None
    before = len(c.errors)
    name = c.text(raw.get("name"), f"{at}.name")
    phone = None
    if raw.get("phone"):
        phone = normalise_phone(raw["phone"]) if isinstance(raw["phone"], str) else None
        if phone is None:
            c.fail(f"{at}.phone", "must be a Bangladeshi mobile number (01XXXXXXXXX)", "সঠিক মোবাইল নম্বর দিন")
    nid = None
    if raw.get("nid"):
        nid = number(raw["nid"], NID_LENGTHS)
        if nid is None:
            c.fail(f"{at}.nid", "must be an NID of 10, 13 or 17 digits", "জাতীয় পরিচয়পত্র নম্বর ১০, ১৩ বা ১৭ অঙ্কের")
    share = c.text(raw.get("share"), f"{at}.share", required=False, limit=20)
    if len(c.errors) > before or name is None:
        return None
    return Owner(name, phone, nid, share or "")


def _floor(c: _Checker, raw: Any, at: str) -> Floor | None:
    if not isinstance(raw, dict):
        c.fail(at, "must be an object", "তলার তথ্য দিন")
        return None
    before = len(c.errors)
    area = c.whole(raw.get("built_area_sqm"), f"{at}.built_area_sqm", 1, MAX_AREA)
    use = c.choice(raw.get("use"), f"{at}.use", USES)
    occupancy = c.choice(raw.get("occupancy"), f"{at}.occupancy", [o.value for o in Occupancy])
    rent = 0
    if occupancy == Occupancy.RENTED:
        rent = c.whole(raw.get("monthly_rent"), f"{at}.monthly_rent", 1, MAX_RENT) or 0
    elif raw.get("monthly_rent") not in (None, 0):
        c.fail(f"{at}.monthly_rent", "only a rented floor has a rent", "শুধু ভাড়া দেওয়া তলার ভাড়া হয়")
    if len(c.errors) > before or area is None or use is None or occupancy is None:
        return None
    return Floor(area, use, Occupancy(occupancy), rent)


def _number(c: _Checker, value: Any) -> str | None:
    text = c.text(value, "number", limit=30)
    if text is not None and not canonical_number(text):
        c.fail("number", "must have a digit or a letter", "হোল্ডিং নম্বর সঠিক নয়")
        return None
    return text


def _listed(c: _Checker, raw: Any, name: str, most: int, least: int, one: Callable[[_Checker, Any, str], Any]) -> Any:
    return tuple(x for i, item in enumerate(c.items(raw, name, most, least)) if (x := one(c, item, f"{name}[{i}]")))


def holding_from(body: dict[str, Any], wards: int, classes: Iterable[str], holding_id: str, office_id: str) -> Holding:
    """The holding an official typed (POST, or PATCH merged over the stored one: `merged`), or
    AppError validation_failed naming every bad field."""
    c = _Checker()
    unknown = sorted(set(body) - set(FIELDS) - {"version"})
    for name in unknown:
        c.fail(name, "is not a field of a holding", "হোল্ডিংয়ের এমন কোনো তথ্য নেই")
    values = {
        "number": _number(c, body.get("number")),
        "ward": c.whole(body.get("ward"), "ward", 1, wards),
        "village": c.text(body.get("village"), "village"),
        "owners": _listed(c, body.get("owners"), "owners", MAX_OWNERS, 1, _owner),
        "use": c.choice(body.get("use"), "use", USES),
        "land_area_sqm": c.whole(body.get("land_area_sqm"), "land_area_sqm", 1, MAX_AREA),
        "construction_class": c.choice(body.get("construction_class"), "construction_class", classes),
        "floors": _listed(c, body.get("floors", []), "floors", MAX_FLOORS, 0, _floor),
    }
    if c.errors:
        raise validation_failed(c.errors)
    return Holding(holding_id=holding_id, office_id=office_id, **values)


REVIEW_FACTS = ("construction_class", "floors")


def facts_from(raw: Any, classes: Iterable[str], at: str = "facts") -> HoldingFacts:
    """The facts an objection's review revises (construction class and floors, as the register
    takes them; decision 73), or AppError validation_failed naming every bad field under `at`."""
    c = _Checker()
    if not isinstance(raw, dict):
        raise validation_failed([FieldError(at, "construction_class and floors", "নির্মাণের ধরন ও তলার তথ্য দিন")])
    for name in sorted(set(raw) - set(REVIEW_FACTS)):
        c.fail(f"{at}.{name}", "is not a fact a review revises", "পর্যালোচনায় এই তথ্য বদলায় না")
    built = c.choice(raw.get("construction_class"), f"{at}.construction_class", classes)
    floors = _listed(c, raw.get("floors", []), f"{at}.floors", MAX_FLOORS, 0, _floor)
    if c.errors or built is None:
        raise validation_failed(c.errors)
    return HoldingFacts(built, floors)


def as_fields(holding: Holding) -> dict[str, Any]:
    """The register fields of a holding as plain JSON values (what an official types)."""
    return {
        "number": holding.number,
        "ward": holding.ward,
        "village": holding.village,
        "owners": [{"name": o.name, "phone": o.phone, "nid": o.nid, "share": o.share} for o in holding.owners],
        "use": holding.use,
        "land_area_sqm": holding.land_area_sqm,
        "construction_class": holding.construction_class,
        "floors": [
            {
                "built_area_sqm": f.built_area_sqm,
                "use": f.use,
                "occupancy": f.occupancy.value,
                "monthly_rent": f.monthly_rent,
            }
            for f in holding.floors
        ],
    }


def merged(holding: Holding, changes: dict[str, Any]) -> dict[str, Any]:
    """A PATCH body laid over the stored holding: the body `holding_from` checks."""
    return {**as_fields(holding), **changes}


def diff(before: Holding | None, after: Holding) -> dict[str, dict[str, Any]]:
    """The fields a change touched: field -> {before, after} (before None for a new holding)."""
    old = as_fields(before) if before is not None else {}
    new = as_fields(after)
    return {name: {"before": old.get(name), "after": new[name]} for name in FIELDS if old.get(name) != new[name]}


def name_words(owners: Iterable[Owner]) -> frozenset[str]:
    """The words the register is searched by: each owner's name normalised as identity checks do
    (case, Unicode form, punctuation, honorific spellings); the first WORDS_PER_NAME words of two
    letters or more that are not an honorific (which would match half the register)."""
    out: set[str] = set()
    for owner in owners:
        words = [w for w in normalise_name(owner.name).split() if len(w) > 1 and w not in HONORIFICS]
        out.update(words[:WORDS_PER_NAME])
    return frozenset(out)


@dataclass(frozen=True)
class Query:
    """What `q` asks of the register: a holding number's start, or one word of an owner's name."""

    number_prefix: str = ""
    name_word: str = ""


def search_query(q: str) -> Query:
    """A `q` with a digit (any script) is a holding number's start; otherwise a name word."""
    text = q.strip()
    if len(text) > MAX_QUERY:
        raise validation_failed([FieldError("q", f"must be at most {MAX_QUERY} characters", "খুব দীর্ঘ")])
    if any(ch.isdigit() for ch in fold(text)):
        return Query(number_prefix=canonical_number(text))
    words = normalise_name(text).split()
    if len(words) != 1:
        raise validation_failed(
            [FieldError("q", "must be a holding number or one word of an owner's name", "একটি শব্দ বা নম্বর লিখুন")]
        )
    return Query(name_word=words[0])


def mask_phone(phone: str | None) -> str | None:
    """'8801711000789' -> '01XXXXXX789' (what an owner, not an official, sees of a co-owner's)."""
    if not phone:
        return None
    local = phone.removeprefix("88")
    return local[:2] + "X" * (len(local) - 5) + local[-3:]


# --- arrears brought in with an office's existing register (ops/holdings.py) -----------------------


def arrear_lines(
    holding_id: str, fiscal_year: str, amounts: dict[str, int], heads: Iterable[str]
) -> tuple[DemandLine, ...]:
    """An earlier year's unpaid tax as the account's lines: one arrear line per head ("<fy>#<head>#1",
    due the year's last day). ValueError naming the fiscal year or head that is not one."""
    _, last = fiscal_year_bounds(fiscal_year)
    known = tuple(heads)
    unknown = sorted(set(amounts) - set(known))
    if unknown:
        raise ValueError(f"no tax head {unknown[0]!r} (one of {', '.join(known)})")
    return tuple(
        DemandLine(
            f"{fiscal_year}#{head}#1", holding_id, fiscal_year, head, 1, last.isoformat(), amount, 0, LineKind.ARREAR
        )
        for head, amount in sorted(amounts.items())
        if amount > 0
    )


def imported_at(fiscal_year: str) -> str:
    """The stamp an import's posting for a year carries: fixed, so that the posting's key is the
    same in every run and a second run racing the first conflicts instead of doubling it."""
    _, last = fiscal_year_bounds(fiscal_year)
    return f"{last.isoformat()}T18:00:00+00:00"
