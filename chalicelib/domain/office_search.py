"""Office search keys: names normalised so that the key condition of one Query does the matching.

Every searchable name of an office (its own, its upazila's, its district's; Bengali and English)
is one index row with partition `<script>:<first letters>` and sort key
`<normalised name>\\x1f<rank><office_id>`. A query `q` is then one Query on the partition of
`normalise(q)` with `begins_with(sort key, normalise(q))`: the first page holds the first matches,
in the order of the names. Pure: adapters/offices.py writes and reads the rows.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

# Letters a query needs (they are also the letters of the partition): a partition per 3 Latin or
# 2 Bengali letters spreads the ~4,600 offices' names; fewer letters would match too many.
MIN_LETTERS = {"en": 3, "bn": 2}
MAX_QUERY = 100  # characters: past any office's name, and well inside a sort key's 1,024 bytes
SEPARATOR = "\x1f"  # sorts before every letter, space and digit: "rampur" comes before "rampur sadar"
# Which of an office's names a row holds; an office found by several shows only its lowest.
RANKS = {"name": 0, "upazila": 1, "district": 2}
# Zero-width (non-)joiners, word joiner, BOM, soft hyphen: invisible, typed by some keyboards only.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# Bengali spellings that differ only by the vowel's length or the n, as names are written either way
# (দূর্গাপুর/দুর্গাপুর, কোম্পানীগঞ্জ/কোম্পানিগঞ্জ, নারায়ণগঞ্জ/নারায়নগঞ্জ): folded for matching only.
_SPELLING = str.maketrans({"ী": "ি", "ূ": "ু", "ঈ": "ই", "ঊ": "উ", "ণ": "ন"})


@dataclass(frozen=True)
class SearchKey:
    partition: str
    sort: str
    matched: str  # name | upazila | district


def normalise(text: str) -> str:
    """NFKC, case-folded, invisible joiners dropped, long and short i/u and ণ/ন alike, punctuation
    as spaces, spaces collapsed.

    NFKC also unifies the two spellings of ড়, ঢ় and য় (one code point, or the letter and its nukta)
    and of the split vowel signs ো and ৌ."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).translate(_INVISIBLE).casefold())
    folded = folded.translate(_SPELLING)
    kept = "".join(ch if unicodedata.category(ch)[0] in "LMN" else " " for ch in folded)
    return " ".join(kept.split())


def script(text: str) -> str:
    return "bn" if any("\u0980" <= ch <= "\u09ff" for ch in text) else "en"


def partition(key: str, in_script: str) -> str:
    return f"{in_script}:{key[: MIN_LETTERS[in_script]]}"


def query_key(q: str) -> tuple[str, str] | None:
    """(partition, normalised query) of a search, or None when it has too few letters."""
    key = normalise(q)
    in_script = script(key)
    if len(key) < MIN_LETTERS[in_script]:
        return None
    return partition(key, in_script), key


def search_keys(office_id: str, names: dict[str, tuple[str, str]]) -> list[SearchKey]:
    """The index rows of one office: `names` maps name|upazila|district to its (Bengali, English)."""
    keys: dict[tuple[str, str], SearchKey] = {}
    for matched, texts in names.items():
        for text in texts:
            key = normalise(text)
            if not key:
                continue
            row = SearchKey(partition(key, script(key)), f"{key}{SEPARATOR}{RANKS[matched]}{office_id}", matched)
            keys.setdefault((row.partition, row.sort), row)
    return list(keys.values())


def best_match(names: dict[str, tuple[str, str]], key: str) -> str | None:
    """Which of an office's names a normalised query finds first (name before upazila before
    district), so that an office found by its name and its upazila's is listed once."""
    for matched in sorted(names, key=RANKS.__getitem__):
        if any(normalise(text).startswith(key) for text in names[matched]):
            return matched
    return None


def names_of(office: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """An office's searchable names (an office as adapters/offices.as_dict shows it, or a search
    row): its own and those of its upazila and district, each (Bengali, English)."""
    names = {"name": (office.get("name_bn") or "", office.get("name_en") or "")}
    area = office.get("area") or {}
    for level in ("upazila", "district"):
        node = area.get(level)
        if node:
            names[level] = (node.get("name_bn") or "", node.get("name_en") or "")
    return names
