"""Time as the service keeps it: one Bangladesh time zone for the dates people see (issue dates,
SLA days, monthly statistics), and UTC timestamps as the tables keep them (ISO 8601, they sort as
text within an attribute).

Two stamp forms are stored, each by one attribute family, and both come from `utc_stamp`: whole
seconds with "+00:00" (most rows: accounts, consents, keys, claims, outbox), and milliseconds with
"Z" (the case, its timeline events and their index keys, where two steps can fall in one second).
`parse_stamp` reads either."""

from __future__ import annotations

import datetime as dt

BANGLADESH = dt.timezone(dt.timedelta(hours=6))  # Bangladesh Standard Time: UTC+6, no daylight saving


def now_bd() -> dt.datetime:
    return dt.datetime.now(BANGLADESH)


def today_bd() -> dt.date:
    return now_bd().date()


def utc_stamp(moment: dt.datetime | None = None, *, milliseconds: bool = False) -> str:
    """`moment` (default now) in UTC: "2026-12-07T01:27:00+00:00", or with `milliseconds`
    "2026-12-07T01:27:00.123Z" (the cases' form)."""
    moment = (moment or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    if milliseconds:
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return moment.isoformat(timespec="seconds")


def parse_stamp(text: str) -> dt.datetime:
    """A stored timestamp of either form (Python reads "Z" since 3.11)."""
    return dt.datetime.fromisoformat(text)


def bd_date(stamp: str) -> dt.date:
    """The Bangladesh calendar day of a stored UTC timestamp."""
    return parse_stamp(stamp).astimezone(BANGLADESH).date()
