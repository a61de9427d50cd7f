"""Identity checks: what a citizen typed against what a national registry (NID or birth
registration) holds for that number and date of birth.

Pure: no I/O. The adapters fetch a `RegistryRecord`; this module decides which typed fields
disagree. A mismatch is a flag for the secretary who checks papers, never an automatic refusal:
registries carry spelling variants, and people write their names in more than one way. The
normalisation below removes the differences that carry no meaning (Unicode form, spacing,
case, punctuation, the usual abbreviations of honorifics) and keeps every other difference visible.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass
from typing import Any

from chalicelib.domain.canonical import ascii_digits

NID_LENGTHS = (10, 13, 17)
BRN_LENGTH = 17
STATUSES = ("matched", "mismatch", "not_found", "unavailable")

# The form's field names that can be checked against a registry, and the record field each maps to.
COMPARED_FIELDS = ("name_bn", "name_en", "father_name_bn", "mother_name_bn", "dob")

# Spellings of the same honorific. Each group is written as people write it; the first member is
# the group's name. Matching is per whole word, after the punctuation and case rules, so "Md." and
# "Md" and "মো:" need no separate entry beyond what is listed. Keep this list short: every entry
# makes two different names compare equal.
HONORIFIC_GROUPS: tuple[tuple[str, ...], ...] = (
    ("মোহাম্মদ", "মোঃ", "মো:", "মুহাম্মদ"),
    ("mohammad", "md.", "muhammad", "mohammed"),
    ("মোসাম্মৎ", "মোছাঃ", "মোছা:", "মোসাঃ"),
    ("mosammat", "mst.", "mosammot"),
)


@dataclass(frozen=True)
class RegistryRecord:
    """What a registry says about one person. Any field may be "" when the registry has none."""

    name_bn: str = ""
    name_en: str = ""
    father_name_bn: str = ""
    mother_name_bn: str = ""
    dob: str = ""  # ISO date, YYYY-MM-DD
    address_bn: str = ""


@dataclass(frozen=True)
class IdentityCheck:
    """The outcome of one check, as stored on the case and shown to the secretary."""

    source: str  # "nid" or "brn"
    status: str  # "matched", "mismatch", "not_found" or "unavailable"
    mismatches: tuple[str, ...]
    registry: dict[str, str] | None
    checked_at: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status,
            "mismatches": list(self.mismatches),
            "registry": dict(self.registry) if self.registry is not None else None,
            "checked_at": self.checked_at,
        }


def _words(text: str) -> list[str]:
    """NFC, case-folded, punctuation and invisible joiners removed, split on whitespace."""
    kept = []
    for ch in unicodedata.normalize("NFC", text).casefold():
        category = unicodedata.category(ch)
        if category == "Cf":  # ZWJ/ZWNJ: invisible, typed inconsistently
            continue
        kept.append(" " if category.startswith("P") else ch)
    return "".join(kept).split()


def _honorific_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for group in HONORIFIC_GROUPS:
        canonical = " ".join(_words(group[0]))
        for spelling in group:
            index[" ".join(_words(spelling))] = canonical
    return index


_HONORIFICS = _honorific_index()


def normalise_name(name: str) -> str:
    """The comparable form of a name: two spellings that differ only in meaningless ways agree."""
    return " ".join(_HONORIFICS.get(word, word) for word in _words(name))


def normalise_date(value: str) -> str:
    """An ISO date from a typed or registry value: digits of any script accepted, a time part dropped."""
    return ascii_digits(value).strip()[:10]


def _same(field: str, typed: str, registry: str) -> bool:
    if field == "dob":
        return normalise_date(typed) == normalise_date(registry)
    return normalise_name(typed) == normalise_name(registry)


def compare(typed: dict[str, str], record: RegistryRecord) -> tuple[str, ...]:
    """The typed fields that disagree with the registry, in form order.

    Only fields the citizen filled in are compared, and only where the registry has a value: an
    empty registry field cannot contradict anything (BDRIS, for one, has no English name for
    many older records)."""
    held = asdict(record)
    return tuple(
        field
        for field in COMPARED_FIELDS
        if (typed.get(field) or "").strip() and held[field].strip() and not _same(field, typed[field], held[field])
    )


def check(source: str, typed: dict[str, str], record: RegistryRecord | None, checked_at: str) -> IdentityCheck:
    """The stored outcome for a lookup that answered (`record` None: no such person)."""
    if record is None:
        return IdentityCheck(source, "not_found", (), None, checked_at)
    mismatches = compare(typed, record)
    return IdentityCheck(source, "mismatch" if mismatches else "matched", mismatches, asdict(record), checked_at)


def unavailable(source: str, checked_at: str) -> IdentityCheck:
    """The stored outcome when the registry could not answer: the secretary checks by hand."""
    return IdentityCheck(source, "unavailable", (), None, checked_at)


def registry_number(number: str, lengths: tuple[int, ...], what: str) -> str:
    """A registry number as the registries take it (ASCII digits of an accepted length), or ValueError."""
    number = number.strip()
    if not number.isascii() or not number.isdigit() or len(number) not in lengths:
        raise ValueError(f"{what} must be {' or '.join(map(str, lengths))} digits")
    return number
