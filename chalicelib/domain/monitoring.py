"""Which counters a case change moves, in which areas and periods; medians from histograms.
Pure: the stream consumer applies what these functions say (adapters/monitoring.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.clock import BANGLADESH, bd_date

ROOT = "root"
NATIONAL = "national"
LAST_BUCKET = 31  # a month or more


@dataclass(frozen=True)
class AreaLink:
    parent: str
    area: str
    name_bn: str
    name_en: str


def chain(office: dict[str, Any]) -> list[AreaLink]:
    """The country → division → district → (upazila →) office path of an office record."""
    area = office.get("area") or {}
    links = [AreaLink(ROOT, NATIONAL, "বাংলাদেশ", "Bangladesh")]
    parent = NATIONAL
    for level in ("division", "district", "upazila"):
        node = area.get(level)
        if node:
            here = f"{level}:{node['id']}"
            links.append(AreaLink(parent, here, node.get("name_bn", ""), node.get("name_en", "")))
            parent = here
    links.append(AreaLink(parent, f"office:{office['office_id']}", office["name_bn"], office["name_en"]))
    return links


def periods(moment: dt.datetime) -> list[str]:
    return ["all", moment.astimezone(BANGLADESH).strftime("%Y-%m")]


def bucket(created_at: str, issued_at: str) -> int:
    """Whole days from application to issue (Bangladesh time), 31 for a month or more."""
    start = bd_date(created_at)
    end = bd_date(issued_at)
    return max(0, min(LAST_BUCKET, (end - start).days))


def counters(old: dict[str, str | None], new: dict[str, str | None]) -> dict[str, int]:
    """What one case change adds: received (a new case), issued (+ tti_<days>), rejected, overdue."""
    out: dict[str, int] = {}
    if not old.get("status") and new.get("status") and new.get("status") != "draft":
        out["received"] = 1
    if old.get("status") == "draft" and new.get("status") not in (None, "draft", "cancelled"):
        out["received"] = 1
    if new.get("status") != old.get("status"):
        if new.get("status") == "issued":
            out["issued"] = 1
            out[f"tti_{bucket(str(new['created_at']), str(new['updated_at']))}"] = 1
        elif new.get("status") == "rejected":
            out["rejected"] = 1
    if new.get("escalated_at") and not old.get("escalated_at"):
        out["overdue"] = 1
    return out


def median_days(row: dict[str, Any]) -> float | None:
    """The median of the days-to-issue histogram (None before anything was issued)."""
    counts = [int(row.get(f"tti_{d}", 0) or 0) for d in range(LAST_BUCKET + 1)]
    total = sum(counts)
    if not total:
        return None
    halves = ((total - 1) // 2, total // 2)  # the middle one or two positions (0-based)
    values = []
    for position in halves:
        seen = 0
        for days, count in enumerate(counts):
            seen += count
            if position < seen:
                values.append(days)
                break
    return sum(values) / 2
