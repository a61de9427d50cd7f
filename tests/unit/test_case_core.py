"""The case core reads plain data: a case is a frozen dataclass, so the views and the SLA rule are
tested without AWS (services/cases.py; the rows stay in adapters/cases.py)."""

import dataclasses

import pytest

from chalicelib.domain.actors import Actor
from chalicelib.domain.case import Case, TimelineEvent
from chalicelib.domain.payment_methods import pay_note
from chalicelib.services.cases import case_ref, event_view, is_overdue, summary

CASE = Case(
    "K7Q2M9X4B1C8D",
    office_id="union-1",
    type_code="citizenship",
    ward=3,
    status="submitted",
    version=2,
    citizen_id="c_1",
    workflow="standard",
    signatory="head",
    created_at="2026-12-01T04:00:00.000Z",
    updated_at="2026-12-01T05:00:00.000Z",
    due_on="2026-12-08",
    fields={"holder_name_bn": "রহিম"},
    filed_by={"kind": "staff", "id": "udc-7", "role": "udc_operator"},
)


def test_a_case_is_plain_frozen_data() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        CASE.status = "approved"  # type: ignore[misc]
    assert not {"office_status", "ward_status", "queued_at", "due_key"} & {f.name for f in dataclasses.fields(Case)}


def test_summary_and_ref_read_the_case() -> None:
    view = summary(CASE)
    assert view["tracking_no"].replace("-", "") == CASE.case_id and view["status_en"] == "Submitted"
    assert (view["ward"], view["version"]) == (3, 2)
    ref = case_ref(CASE)
    assert (ref.status, ref.ward, ref.owner_id, ref.filer) == ("submitted", 3, "c_1", "udc-7")


@pytest.mark.parametrize(
    ("status", "today", "overdue"),
    [
        ("submitted", "2026-12-09", True),
        ("submitted", "2026-12-08", False),  # due today is not overdue yet
        ("awaiting_payment", "2026-12-09", True),  # the clock is the charter's, as before
        ("approved", "2026-12-09", False),
        ("issued", "2026-12-09", False),
        ("rejected", "2026-12-09", False),
        ("revoked", "2026-12-09", False),
    ],
)
def test_overdue_until_decided(status: str, today: str, overdue: bool) -> None:
    assert is_overdue(dataclasses.replace(CASE, status=status), today) is overdue


def test_the_timeline_shows_the_payment_method_not_the_gateway_note() -> None:
    actor = Actor("system", "payments", "system")
    paid = TimelineEvent(CASE.case_id, 2, "pay", "awaiting_payment", "submitted", actor.kind, actor.role, actor.id, "t")
    paid = dataclasses.replace(paid, note=pay_note("sslcommerz", "bKash"))
    view = event_view(paid)
    assert view["by"] == {"kind": "system", "role": "system"} and view["method"] and "paper" in view
