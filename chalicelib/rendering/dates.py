"""Dates as a certificate prints them: Gregorian in Bengali or English, and the Bangla calendar.

The Bangla calendar is the one Bangladesh's government uses since the Bangla Academy's revision
of 2019 (circular of the Ministry of Public Administration, in force from 16 October 2019): the
year starts on 14 April; Boishakh to Ashwin have 31 days, Kartik to Magh and Chaitra 30, Falgun
29 (30 when the Gregorian February has 29 days). National days then keep their Bangla dates:
21 February = ৮ ফাল্গুন, 26 March = ১২ চৈত্র, 16 December = ১ পৌষ.

The `bangla` package (0.0.6) implements the older 1987 rules (Ashwin 30 days, Falgun 30/31), which
agree with the revised calendar only from 14 April to 15 October and are a day off from 16 October
to 14 March. So the conversion is done here, in a few lines of arithmetic; the unit tests check it
against the `bangla` package over the months where both rules agree, and against the national
days elsewhere.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.canonical import ascii_digits


def _nfc(*words: str) -> tuple[str, ...]:
    # ড়, ঢ় and য় have a one-codepoint form that NFC decomposes; keep every string in NFC so that
    # what we print compares equal to what people type and what text extraction gives back.
    return tuple(unicodedata.normalize("NFC", w) for w in words)


GREGORIAN_MONTHS_BN = _nfc(
    "জানুয়ারি",
    "ফেব্রুয়ারি",
    "মার্চ",
    "এপ্রিল",
    "মে",
    "জুন",
    "জুলাই",
    "আগস্ট",
    "সেপ্টেম্বর",
    "অক্টোবর",
    "নভেম্বর",
    "ডিসেম্বর",
)
# Fixed names, not calendar.month_name: that one follows the process locale.
GREGORIAN_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
BANGLA_MONTHS = _nfc(
    "বৈশাখ",
    "জ্যৈষ্ঠ",
    "আষাঢ়",
    "শ্রাবণ",
    "ভাদ্র",
    "আশ্বিন",
    "কার্তিক",
    "অগ্রহায়ণ",
    "পৌষ",
    "মাঘ",
    "ফাল্গুন",
    "চৈত্র",
)
_NEW_YEAR = (4, 14)  # পহেলা বৈশাখ is 14 April every year
_BANGLA_ERA_OFFSET = 593  # 14 April 2026 starts 1433


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _month_lengths(gregorian_year_of_falgun: int) -> tuple[int, ...]:
    falgun = 30 if _leap(gregorian_year_of_falgun) else 29
    return (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, falgun, 30)


def bangla_date_parts(day: dt.date) -> tuple[int, int, int]:
    """(day, month 1-12, Bangla year) of a Gregorian date, by the revised (2019) calendar."""
    start_year = day.year if (day.month, day.day) >= _NEW_YEAR else day.year - 1
    offset = (day - dt.date(start_year, *_NEW_YEAR)).days
    # Falgun falls in the February of the Gregorian year after the Bangla year began.
    for month, length in enumerate(_month_lengths(start_year + 1), start=1):
        if offset < length:
            return offset + 1, month, start_year - _BANGLA_ERA_OFFSET
        offset -= length
    raise AssertionError("a Bangla year covers exactly one Gregorian year")  # pragma: no cover


def bangla_date(day: dt.date) -> str:
    """'১৬ আষাঢ় ১৪৩৩' for 2026-06-30."""
    d, month, year = bangla_date_parts(day)
    return f"{bn_digits(d)} {BANGLA_MONTHS[month - 1]} {bn_digits(year)}"


def gregorian_bn(day: dt.date) -> str:
    """'৩০ জুন ২০২৬' for 2026-06-30."""
    return f"{bn_digits(day.day)} {GREGORIAN_MONTHS_BN[day.month - 1]} {bn_digits(day.year)}"


def gregorian_en(day: dt.date) -> str:
    """'30 June 2026' for 2026-06-30."""
    return f"{day.day} {GREGORIAN_MONTHS_EN[day.month - 1]} {day.year}"


def format_date(day: dt.date, lang: str) -> str:
    return gregorian_bn(day) if lang == "bn" else gregorian_en(day)


def parse_iso(value: object) -> dt.date | None:
    """A form value as a date: ISO 'YYYY-MM-DD' (digits of any script, as the forms accept them)."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = ascii_digits(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
