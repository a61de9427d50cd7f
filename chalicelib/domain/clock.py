"""Timestamps as the tables keep them: UTC, ISO 8601, whole seconds (they sort as text)."""

from __future__ import annotations

import datetime as dt


def utc_stamp(moment: dt.datetime | None = None) -> str:
    return (moment or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")


BANGLADESH = dt.timezone(dt.timedelta(hours=6))  # Asia/Dhaka: no daylight saving


def now_bd() -> dt.datetime:
    """Now, in Bangladesh (what "today" means for deadlines, fiscal years and issue dates)."""
    return dt.datetime.now(BANGLADESH)
