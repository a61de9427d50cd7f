"""Timestamps as the tables keep them: UTC, ISO 8601, whole seconds (they sort as text)."""

from __future__ import annotations

import datetime as dt


def utc_stamp(moment: dt.datetime | None = None) -> str:
    return (moment or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
