"""An owner's objection to a holding tax assessment (issue 14 item 3, DESIGN §5 and §10; decision
71): an application of type `assessment_objection` naming a holding of the office and a fiscal
year, with grounds. The office's assessor (a union's secretary) `review`s it with the annual value
decided, or with revised facts (construction class and floors) the value is computed from (decision
73): that becomes the holding's assessment for the year with `source: review`
(services/assessment.record_review), the decision is on the case's timeline (the review's note)
and in its fields, and the head signs the decision letter (the type's template)."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import holdings
from chalicelib.adapters.holding_numbers import holding_id_of
from chalicelib.domain.actors import Actor
from chalicelib.domain.case import Case
from chalicelib.domain.errors import FieldError, validation_failed
from chalicelib.domain.revenue.assessment import HoldingFacts
from chalicelib.domain.revenue.fiscal import parse_fiscal_year
from chalicelib.domain.revenue.register import facts_from
from chalicelib.services import assessment, dues
from chalicelib.services.clearance import FIELD
from chalicelib.services.holdings import construction_classes
from chalicelib.services.tax_schedules import office_of

TYPE = "assessment_objection"
MAX_ANNUAL_VALUE = 10**12  # poisha: ten thousand crore taka, beyond any holding


def attach(office_id: str, type_code: str, fields: dict[str, Any]) -> dict[str, Any]:
    """At filing: the objection's holding number must be one of this office's (422 otherwise), and
    its fiscal year a fiscal year; the holding is kept with the fields like a clearance's."""
    if type_code != TYPE:
        return fields
    errors = []
    holding_id = holding_id_of(office_id, str(fields.get("holding_number", "")))
    if holding_id is None:
        errors.append(
            FieldError(
                "fields.holding_number",
                "no holding of this office has this number",
                "এই কার্যালয়ে এই নম্বরের কোনো হোল্ডিং নেই",
            )
        )
    try:
        parse_fiscal_year(str(fields.get("fiscal_year", "")))
    except ValueError:
        errors.append(FieldError("fields.fiscal_year", "a fiscal year like 2026-27", "অর্থবছর যেমন ২০২৬-২৭"))
    if errors:
        raise validation_failed(errors)
    return {**fields, FIELD: {"holding_id": holding_id, "number": fields["holding_number"]}}


def require_owner(type_code: str, fields: dict[str, Any], account: str) -> None:
    """At filing, once the applicant is known (`account`: their phone's keyed hash): an objection is
    its holding's owner's (by phone or verified NID), never a stranger's to someone else's holding."""
    if type_code != TYPE:
        return
    state = holdings.state(str((fields.get(FIELD) or {}).get("holding_id")))
    owner_keys = state[1] if state is not None else ()
    if not dues.citizen_keys(account, owner_keys) & set(owner_keys):
        raise validation_failed(
            [
                FieldError(
                    "fields.holding_number",
                    "the applicant is not an owner of this holding in the office's register",
                    "আবেদনকারী কার্যালয়ের রেজিস্টারে এই হোল্ডিংয়ের মালিক নন",
                )
            ]
        )


def _annual_value(body: dict[str, Any]) -> int:
    value = body.get("annual_value")
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_ANNUAL_VALUE:
        raise validation_failed(
            [FieldError("annual_value", "the annual value decided, in whole poisha", "নির্ধারিত বার্ষিক মূল্য পয়সায় দিন")]
        )
    return value


def _decided(case: Case, body: dict[str, Any]) -> tuple[int | None, HoldingFacts | None]:
    """What the review decides: an annual value, or revised facts the value is computed from
    (decision 73), never both."""
    if "facts" not in body:
        return _annual_value(body), None
    if "annual_value" in body:
        raise validation_failed(
            [FieldError("facts", "an annual value or revised facts, not both", "বার্ষিক মূল্য অথবা সংশোধিত তথ্য, দুটো নয়")]
        )
    return None, facts_from(body["facts"], construction_classes(office_of(case.office_id).kind))


def review(case: Case, actor: Actor, body: dict[str, Any], note: str) -> dict[str, Any]:
    """The `assessment_review` guard: record the decided annual value (or the one the revised facts
    give) as the holding's assessment and return the case's fields with the decision (what the
    decision letter prints)."""
    value, facts = _decided(case, body)
    named = case.fields.get(FIELD) or {}
    decided = assessment.record_review(
        str(named.get("holding_id")), str(case.fields["fiscal_year"]), facts, value, actor.id, case.case_id
    )
    decision = {
        "annual_value": decided.annual_value,
        "annual_value_taka": f"{decided.annual_value // 100}",
        "by_facts": facts is not None,
        "tax": decided.tax,
        "note": note,
        "by": actor.id,
        "at": decided.at,
    }
    return {**case.fields, "review": decision}
