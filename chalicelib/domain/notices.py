"""What the applicant is told at each step, and when a failed SMS is tried again. Pure: the texts
are data (chalicelib/data/sms.json); the notifier service sends what these functions write."""

from __future__ import annotations

from collections.abc import Mapping

from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.sms_text import MAX_SEGMENTS, fits

ELLIPSIS = "…"
MAX_ATTEMPTS = 8  # about a day of tries with the delays below
FIRST_RETRY_SECONDS = 30
MAX_RETRY_SECONDS = 6 * 3600


def case_template(texts: Mapping[str, str], status: str, action: str, moved: bool = True) -> str | None:
    """The text for a case entering `status` through `action` (an action-specific text wins), or,
    when the action left the status as it was (`moved` false), the action's own text if it has one."""
    if not moved:
        return texts.get(f"action.{action}")
    return texts.get(f"case.{status}.{action}") or texts.get(f"case.{status}")


def segment_budget(template: str) -> int:
    """A routine notice is one SMS segment; one that carries an official's reason ({note}) may take
    two, since the reason is what the citizen needs to read (the note is shortened to fit)."""
    return MAX_SEGMENTS if "{note}" in template else 1


def held_notice_id(case_id: str, status: str) -> str:
    """The id of a status notice held back (sms.json `hold`): one per case and status, so a
    redelivered stream record holds nothing twice and the replacing status can find it."""
    return f"case#{case_id}#held#{status}"


def taka(poisha: int) -> str:
    """৳ amount in Bengali digits: 23000 poisha → '২৩০', 12050 → '১২০.৫০'."""
    whole, part = divmod(int(poisha), 100)
    return bn_digits(f"{whole}" if part == 0 else f"{whole}.{part:02d}")


def fill(template: str, values: Mapping[str, str]) -> str:
    """Fill a template; a {note} is shortened until the whole text fits two SMS segments."""
    note = " ".join(str(values.get("note") or "").split())
    text = template.format_map({**values, "note": note})
    while not fits(text) and note:
        note = note[: max(0, len(note) - max(4, len(text) // 20))]
        text = template.format_map({**values, "note": note.rstrip() + ELLIPSIS if note else ""})
    return text


def retry_delay(attempt: int) -> int:
    """Seconds before try number `attempt + 1`: 30 s, 2 min, 8 min, … at most 6 hours."""
    return int(min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 4 ** max(0, attempt - 1)))
