"""The citizen's "who saw my data", grouped (issue 12 item 6): one row per application (or
certificate), per who as the citizen sees them (an office's role, or an agency), per purpose and
outcome, with how many times and when last. Pure: entries in, groups out.

The API groups one page of entries at a time, newest first; a group that goes on into the next
page has the same `key` there, so a client that loads more adds the counts up (web/app/pages/access.mjs).
"""

from __future__ import annotations

from typing import Any


def group_key(entry: dict[str, Any]) -> str:
    who = entry["who"]
    whom = who.get("role") or who.get("id") or ""
    about = entry.get("case_id") or entry.get("certificate_no") or ""
    return "|".join((about, who["kind"], whom, entry.get("office_id") or "", entry["purpose"], entry["outcome"]))


def grouped(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`entries` newest first (as listed) → groups, the most recently active first."""
    groups: dict[str, dict[str, Any]] = {}
    for entry in entries:
        key = group_key(entry)
        group = groups.get(key)
        if group is None:
            who = {k: v for k, v in entry["who"].items() if k != "id" or entry["who"]["kind"] == "agency"}
            group = groups[key] = {
                "key": key,
                "case": entry.get("case"),
                "certificate_no": entry.get("certificate_no"),
                "office_id": entry.get("office_id"),
                "who": who,
                "purpose": entry["purpose"],
                "outcome": entry["outcome"],
                "count": 0,
                "latest_at": entry["at"],
                "first_at": entry["at"],
            }
        group["count"] += 1
        group["latest_at"] = max(group["latest_at"], entry["at"])
        group["first_at"] = min(group["first_at"], entry["at"])
    return sorted(groups.values(), key=lambda g: g["latest_at"], reverse=True)
