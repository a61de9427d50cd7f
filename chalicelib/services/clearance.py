"""Clearance (issue 14 item 8, decision 71): an office may require a paid-up holding before it
issues certain certificate types — `overrides.<type>.clearance: true` in its settings (PUT
/v1/offices/{id}/settings). An application of such a type must then name a holding of that office
(`holding_number` or `holding_id`, checked at filing and kept with the case's fields), and the
office's verification (`verify`, the workflow's `clearance` guard) is refused with 409
`holding_dues_owed` while the holding owes anything that has fallen due. The case page shows the
officials where the holding stands before they act."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import holdings as holding_repo
from chalicelib.adapters.holding_numbers import holding_id_of
from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.case import Case
from chalicelib.domain.clock import today_bd
from chalicelib.domain.errors import FieldError, conflict, validation_failed
from chalicelib.domain.revenue.ledger import taka
from chalicelib.domain.revenue.standing import due_by

FIELD = "holding"  # where the case's fields keep the holding named: {holding_id, number}


def required(overrides: dict[str, Any] | None, type_code: str) -> bool:
    """Whether this office requires a paid-up holding for this type (its settings' overrides)."""
    return (overrides or {}).get(type_code, {}).get("clearance") is True


def _named(office_id: str, body: dict[str, Any]) -> str | None:
    holding_id, number = body.get("holding_id"), body.get("holding_number")
    if isinstance(holding_id, str) and holding_id:
        return holding_id
    if isinstance(number, str) and number.strip():
        return holding_id_of(office_id, number)
    return None


def attach(
    office_id: str, overrides: dict[str, Any] | None, type_code: str, body: dict[str, Any], fields: dict[str, Any]
) -> dict[str, Any]:
    """The application's fields with the holding it names, when the type needs clearance here
    (422 naming `holding_number` when it names none of this office's); as they were otherwise."""
    if not required(overrides, type_code):
        return fields
    holding_id = _named(office_id, body)
    state = holding_repo.state(holding_id) if holding_id else None
    if state is None or state[0].office_id != office_id:
        raise validation_failed(
            [
                FieldError(
                    "holding_number",
                    "this certificate needs a holding of this office: give its holding number",
                    "এই সনদের জন্য এই কার্যালয়ের হোল্ডিং নম্বর দিন",
                )
            ]
        )
    return {**fields, FIELD: {"holding_id": state[0].holding_id, "number": state[0].number}}


def standing(case: Case) -> dict[str, Any] | None:
    """Where the case's holding stands today: {holding_id, number, due, paid_up}; None when the case
    names none."""
    named = case.fields.get(FIELD)
    if not isinstance(named, dict) or not named.get("holding_id"):
        return None
    state = holding_repo.state(str(named["holding_id"]))
    due = due_by(state[2].lines, today_bd()) if state else 0
    return {"holding_id": named["holding_id"], "number": named.get("number"), "due": due, "paid_up": due == 0}


def require_paid_up(case: Case) -> None:
    """The `clearance` guard: 409 while the case's holding owes what has fallen due."""
    view = standing(case)
    if view is not None and not view["paid_up"]:
        raise conflict(
            "holding_dues_owed",
            f"holding {view['number']} owes {view['due']} poisha fallen due",
            holding_number=view["number"],
            due=view["due"],
            detail_bn=f"হোল্ডিং {bn_digits(view['number'])}-এর বকেয়া {taka(int(view['due']))[1]} আগে পরিশোধ করুন",
        )
