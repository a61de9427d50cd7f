"""The one canonical form of every number a person types and the check of free text.

A number (NID, birth registration number, phone, tracking or certificate number) can be typed in
any digit script and with any separators: "৪৫১২-৩৬৯৮৭০", "４５１２３６９８７０" and
"٤٥١٢ ٣٦٩ ٨٧٠" are one number. `fold` turns every spelling into one string (Unicode NFKC,
every Unicode decimal digit to ASCII, separators and invisible characters removed), and every
validation, hash, claim key, lookup and identity check starts from that string, so no spelling of
a number is a different key.

Free text (names, addresses, notes, reasons) is kept as typed, but refuses characters that do
not show: control characters and the bidirectional overrides that make text read differently
from how it is stored. Zero-width (non-)joiners stay allowed: Bengali script needs them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from chalicelib.domain.errors import FieldError

# Removed from identifiers besides the categories below (spaces Zs/Zl/Zp, dashes Pd, connectors
# Pc such as "_", format characters Cf such as zero-width spaces, controls Cc).
_SEPARATORS = frozenset("./\\·\u2212\u2044\u2215\u2027\u00b7\u30fb")
_SEPARATOR_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Pd", "Pc", "Cf", "Cc"})

_PHONE = re.compile(r"(?:\+?88)?(01[3-9]\d{8})")


def ascii_digits(text: str) -> str:
    """NFKC, then every Unicode decimal digit (Bengali, Devanagari, Arabic-Indic, fullwidth, ...)
    as its ASCII digit. Separators stay: for dates and amounts, whose separators mean something."""
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        value = unicodedata.decimal(ch, None)
        out.append(str(value) if value is not None else ch)
    return "".join(out)


def fold(text: str) -> str:
    """The canonical form of an identifier: `ascii_digits`, with separators and invisible
    characters removed. Letters are kept as they are (codes.normalise upper-cases its own)."""
    return "".join(
        ch
        for ch in ascii_digits(text)
        if ch not in _SEPARATORS and unicodedata.category(ch) not in _SEPARATOR_CATEGORIES
    )


def number(value: Any, lengths: tuple[int, ...]) -> str | None:
    """The ASCII digits of a number of one of `lengths` digits (NID, BRN, a year), or None."""
    text = fold(str(value))
    return text if text.isascii() and text.isdigit() and len(text) in lengths else None


def normalise_phone(raw: str) -> str | None:
    """'01711-000000', '+8801711000000', '০১৭১১০০০০০০' -> '8801711000000'; None if not a BD mobile."""
    m = _PHONE.fullmatch(fold(raw))
    return "88" + m.group(1) if m else None


# --- free text -----------------------------------------------------------------------------------

_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_ALLOWED = frozenset("\t\n\r\u200c\u200d")  # whitespace that collapses; ZWNJ/ZWJ shape Bengali
UNSAFE_TEXT = "contains control or invisible direction characters"
UNSAFE_TEXT_BN = "অদৃশ্য বা নিয়ন্ত্রণ অক্ষর দেওয়া যাবে না"


def is_unsafe_text(text: str) -> bool:
    """True when `text` holds a character that does not show: NUL and other controls, bidi
    overrides, embeddings, isolates and marks (U+202A-E, U+2066-9, U+200E/F, U+061C), zero-width
    spaces, lone surrogates, line and paragraph separators. Tab, newline, ZWNJ and ZWJ pass."""
    return any(ch not in _ALLOWED and unicodedata.category(ch) in _UNSAFE_CATEGORIES for ch in text)


def text_errors(values: dict[str, Any], names: tuple[str, ...], prefix: str = "") -> list[FieldError]:
    """One error per named free-text field of `values` that holds an unsafe character."""
    return [
        FieldError(prefix + name, UNSAFE_TEXT, UNSAFE_TEXT_BN)
        for name in names
        if isinstance(values.get(name), str) and is_unsafe_text(values[name])
    ]
