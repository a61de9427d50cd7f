"""How many SMS segments a text costs, by the GSM 03.38 / 3GPP TS 23.038 rules gateways bill by.

A text made only of the GSM 7-bit default alphabet travels as septets: 160 in one SMS, 153 per part
once it is split (the user data header takes the rest); a character of the extension table
(`{`, `€`, …) costs two septets, an escape and the character, and a part never ends between the two.
Any other character (every Bengali letter) switches the whole text to UCS-2, counted in UTF-16
code units: 70 in one SMS, 67 per part, and a part never ends inside a surrogate pair.

Bengali notices are therefore short: 70 characters fit one SMS, 134 fit two. `MAX_SEGMENTS` is
what a notice may cost; `fits()` is how templates are checked against it.
"""

from __future__ import annotations

MAX_SEGMENTS = 2

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("\f^{}\\[~]|€")

GSM_SINGLE, GSM_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67


def is_gsm(text: str) -> bool:
    """True when every character is in the GSM 7-bit default alphabet or its extension table."""
    return all(ch in GSM_BASIC or ch in GSM_EXTENSION for ch in text)


def _units(text: str, gsm: bool) -> list[int]:
    """The cost of each character, in septets (GSM) or UTF-16 code units (UCS-2)."""
    if gsm:
        return [2 if ch in GSM_EXTENSION else 1 for ch in text]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text]


def _parts(units: list[int], size: int) -> int:
    """Parts needed when a character's units are never split across two parts."""
    parts, used = 1, 0
    for cost in units:
        if used + cost > size:
            parts, used = parts + 1, 0
        used += cost
    return parts


def segments(text: str) -> int:
    """The number of SMS segments `text` is sent as (an empty text still costs one)."""
    gsm = is_gsm(text)
    units = _units(text, gsm)
    single, part = (GSM_SINGLE, GSM_PART) if gsm else (UCS2_SINGLE, UCS2_PART)
    if sum(units) <= single:
        return 1
    return _parts(units, part)


def fits(text: str) -> bool:
    """Whether `text` stays within `MAX_SEGMENTS`."""
    return segments(text) <= MAX_SEGMENTS
