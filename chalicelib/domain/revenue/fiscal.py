"""Fiscal years (July to June, written "2026-27") and instalment due dates (DESIGN §10). Pure."""

from __future__ import annotations

import calendar
import re
from datetime import date

_FISCAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
INSTALMENT_COUNTS = (1, 2, 4)  # yearly, half-yearly, quarterly


def fiscal_year_of(day: date) -> str:
    """The fiscal year a date falls in: 30 June 2027 is in "2026-27", 1 July 2027 in "2027-28"."""
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def parse_fiscal_year(text: str) -> int:
    """The year a fiscal year starts in ("2026-27" -> 2026); ValueError when it is not one."""
    found = _FISCAL_YEAR.match(text)
    if not found:
        raise ValueError("a fiscal year is written like 2026-27")
    start = int(found.group(1))
    if (start + 1) % 100 != int(found.group(2)) or start < 1971:
        raise ValueError("the second year must follow the first, e.g. 2026-27")
    return start


def fiscal_year_bounds(fiscal_year: str) -> tuple[date, date]:
    """The first and last day of a fiscal year: 1 July and 30 June."""
    start = parse_fiscal_year(fiscal_year)
    return date(start, 7, 1), date(start + 1, 6, 30)


def day_in_fiscal_year(fiscal_year: str, month: int, day: int) -> date:
    """A month and day placed in the fiscal year (July-December in the first calendar year,
    January-June in the second); the day is clamped to the month's last day."""
    start = parse_fiscal_year(fiscal_year)
    year = start if month >= 7 else start + 1
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def instalment_due_dates(fiscal_year: str, count: int, due_day: int) -> tuple[date, ...]:
    """When each of `count` instalments falls due: on `due_day` of the last month of its period
    (clamped to the month's end), so quarterly with due_day 31 gives 30 Sep, 31 Dec, 31 Mar, 30 Jun."""
    if count not in INSTALMENT_COUNTS:
        raise ValueError(f"instalments must be one of {INSTALMENT_COUNTS}")
    months = 12 // count
    last_months = [(7 + months * (i + 1) - 2) % 12 + 1 for i in range(count)]
    return tuple(day_in_fiscal_year(fiscal_year, month, due_day) for month in last_months)
