"""Rebates and surcharges booked at payment (decision 72), through the API: paying `total_payable`
inside a rebate window settles everything and the receipt shows the rebate; cancelling it brings
the dues back exactly; a year paid late gets its surcharge booked and nothing is left owing; an
online payment confirmed after the rebate window is priced on its checkout day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from chalicelib.adapters import ledger
from chalicelib.domain.actors import Actor
from chalicelib.domain.revenue.holdings import Holding
from chalicelib.domain.revenue.ledger import PostingKind
from chalicelib.domain.revenue.lines import DemandLine
from local import payment_gateway
from tests.integration.conftest import Api
from tests.integration.revenue_seed import OWNER_PHONE, seed_holding, seed_lines
from tests.integration.test_citizen_account import gateway  # noqa: F401 - the simulator, every IPN lost
from tests.integration.test_citizen_journey import open_checkout
from tests.integration.test_revenue_payments import _cash, _dues, _staff, race_cash

OFFICE = "cc-dhaka-north"  # a city corporation: rebates 10% by 30 Sep, 7.5% by 31 Dec, 5% by 31 Mar
AUGUST = dt.date(2026, 8, 1)


def _on(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    """The services' Bangladesh clock set to `day` (the ledger services read `today_bd`)."""
    for module in ("dues", "holding_payments", "adjustments"):
        monkeypatch.setattr(f"chalicelib.services.{module}.today_bd", lambda: day)


def _current(h: Holding, head: str, n: int, amount: int) -> DemandLine:
    return DemandLine(f"2026-27#{head}#{n}", h.holding_id, "2026-27", head, n, f"2026-{6 + 3 * n:02d}-30", amount)


@pytest.fixture()
def world(api: Api) -> dict[str, Any]:
    h = seed_holding(OFFICE)
    seed_lines(h, (_current(h, "holding_tax", 1, 100_000), _current(h, "conservancy", 1, 40_000)))
    return {
        "holding": h,
        "owner": api.citizen_token(OWNER_PHONE, papers=False),
        "collector": _staff(api, OFFICE, "tax_collector")[1],
        "approver": _staff(api, OFFICE, "signatory")[1],
    }


def test_paying_total_payable_in_a_rebate_window_books_the_rebate_and_a_cancel_undoes_it(
    api: Api, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    h = world["holding"]
    _on(monkeypatch, AUGUST)
    before = _dues(api, h, world["owner"])
    assert (before["total_due"], before["total_payable"]) == (140_000, 126_000)  # 10% off by 30 Sep
    assert [line["rebate"] for line in before["lines"]] == [4_000, 10_000]

    status, receipt = _cash(api, h, world["collector"], 126_000)
    assert status == 201, receipt
    assert receipt["amount"] == 126_000 and receipt["advance"] == 0 and receipt["booked"] == []
    assert sorted((a["line_id"], a["poisha"], a["rebate"]) for a in receipt["allocations"]) == [
        ("2026-27#conservancy#1", 36_000, 4_000),
        ("2026-27#holding_tax#1", 90_000, 10_000),
    ]
    after = _dues(api, h, world["owner"])
    assert (after["total_due"], after["total_payable"], after["lines"]) == (0, 0, [])
    rebates = [p for p in ledger.events(h.holding_id)[0].postings if p.kind is PostingKind.ADJUSTMENT]
    assert {(p.reason, p.approver, p.poisha) for p in rebates} == {
        ("rebate", "schedule", 10_000),
        ("rebate", "schedule", 4_000),
    }

    status, cancelled = api.call(
        "POST", f"/v1/receipts/{receipt['receipt_no']}/cancel", {"reason": "entered twice"}, world["approver"]
    )
    assert status == 200 and cancelled["status"] == "cancelled", cancelled
    assert _dues(api, h, world["owner"]) == before  # exactly as before the payment


def test_a_line_part_paid_earns_no_rebate_and_the_face_value_is_too_much(
    api: Api, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    h = world["holding"]
    _on(monkeypatch, AUGUST)
    status, problem = _cash(api, h, world["collector"], 140_000)  # the face value: more than paying costs today
    assert status == 422 and problem["code"] == "payment_exceeds_due", problem
    status, receipt = _cash(api, h, world["collector"], 50_000)
    assert status == 201, receipt
    # the conservancy line is paid in full (its rebate earned), the holding tax only in part (none)
    assert [(a["line_id"], a["poisha"], a["rebate"]) for a in receipt["allocations"]] == [
        ("2026-27#conservancy#1", 36_000, 4_000),
        ("2026-27#holding_tax#1", 14_000, 0),
    ]
    left = _dues(api, h, world["owner"])
    assert (left["total_due"], left["total_payable"]) == (86_000, 77_400)  # 10% off the rest, paid whole


def test_a_year_paid_late_gets_its_surcharge_booked_and_nothing_is_left(
    api: Api, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    h = world["holding"]
    _on(monkeypatch, dt.date(2027, 8, 1))  # 2026-27 is over: 15% on what it still owes
    shown = _dues(api, h, world["owner"])
    assert (shown["total_due"], shown["total_payable"]) == (140_000, 161_000)
    status, receipt = _cash(api, h, world["collector"], 161_000)
    assert status == 201, receipt
    assert [(b["line_id"], b["kind"], b["poisha"]) for b in receipt["booked"]] == [
        ("2026-27#surcharge#1", "surcharge", 21_000)
    ]
    assert sum(a["poisha"] for a in receipt["allocations"]) == 161_000
    assert _dues(api, h, world["owner"])["total_payable"] == 0
    status, _ = api.call(
        "POST", f"/v1/receipts/{receipt['receipt_no']}/cancel", {"reason": "wrong holding"}, world["approver"]
    )
    assert status == 200 and _dues(api, h, world["owner"]) == shown  # the surcharge withdrawn with it


def test_two_late_payments_racing_book_the_year_surcharge_once(
    api: Api, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both counters price the account without its surcharge line and book it; the one that loses
    the race reads the account again, finds it booked, and does not book it twice."""
    h = world["holding"]
    _on(monkeypatch, dt.date(2027, 8, 1))
    username, _ = _staff(api, OFFICE, "tax_collector")
    collector = Actor(kind="staff", id=username, role="tax_collector", office_id=OFFICE)
    assert race_cash(monkeypatch, h.holding_id, collector, 50_000) == ["paid", "paid"]
    left = _dues(api, h, world["owner"])
    assert left["total_payable"] == 161_000 - 100_000 == left["total_due"]  # the surcharge is a line now
    demands = [p for e in ledger.events(h.holding_id) for p in e.postings if p.kind is PostingKind.DEMAND]
    assert [p.line_id for p in demands].count("2026-27#surcharge#1") == 1


@pytest.mark.parametrize(
    ("confirmed_on", "keeps_the_rebate"),
    [(dt.date(2026, 8, 2), True), (dt.date(2026, 10, 15), False)],
    ids=["next-day", "months-later"],
)
def test_an_online_payment_is_priced_on_its_checkout_day_if_confirmed_within_a_day(
    api: Api,
    world: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    gateway: payment_gateway.SimulatorHandle,  # noqa: F811
    confirmed_on: dt.date,
    keeps_the_rebate: bool,
) -> None:
    """Confirmed the next day: the August price (10% off) the owner was shown. Confirmed months
    later (a checkout kept open past the tier): priced on the confirmation's day, so nobody keeps a
    rebate or skips a surcharge by opening a checkout early and paying late; the money is kept."""
    from chalicelib.services import reconciliation

    h = world["holding"]
    _on(monkeypatch, AUGUST)
    monkeypatch.setattr("chalicelib.services.holding_payments.utc_stamp", lambda: "2026-08-01T06:00:00+00:00")
    path = f"/v1/holdings/{h.holding_id}/payments"
    status, checkout = api.call("POST", path, {"method": "sslcommerz", "amount": 126_000}, world["owner"])
    assert status == 201, checkout
    open_checkout(checkout["redirect_url"], "success")
    _on(monkeypatch, confirmed_on)  # in October the 7.5% tier: 126,000 does not settle it all
    assert reconciliation.reconcile()["settled"] == 1
    status, receipt = api.call("GET", f"/v1/receipts/{checkout['payment_id']}", token=world["owner"])
    assert status == 200 and receipt["advance"] == 0, receipt
    rebates, left = sum(a["rebate"] for a in receipt["allocations"]), _dues(api, h, world["owner"])["total_due"]
    if keeps_the_rebate:
        assert (rebates, left) == (14_000, 0)
    else:
        assert rebates < 14_000 and left > 0 and sum(a["poisha"] for a in receipt["allocations"]) == 126_000


def test_money_offered_from_dues_shown_before_a_tier_ended_is_refused_with_todays_total(
    api: Api, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dues page left open overnight across the end of a rebate tier: yesterday's figure is no
    longer everything, and is refused (409, both totals, both languages) rather than taken as a
    part payment the owner did not mean; shown the same day, or on a day priced the same, it is
    taken."""
    h = world["holding"]
    path = f"/v1/holdings/{h.holding_id}/payments"
    _on(monkeypatch, dt.date(2026, 10, 1))  # the 10% tier ended on 30 September
    body = {"method": "cash", "amount": 126_000, "as_of": "2026-09-30"}
    status, problem = api.call("POST", path, body, world["collector"])
    assert status == 409 and problem["code"] == "dues_changed", problem
    assert "1,260.00" in problem["detail"] and "১,২৯৫.০০" in problem["detail_bn"], problem
    assert _dues(api, h, world["owner"])["total_due"] == 140_000  # nothing taken
    status, problem = api.call("POST", path, {**body, "as_of": "30-09-2026"}, world["collector"])
    assert status == 422 and problem["errors"][0]["field"] == "as_of", problem
    today = {"method": "cash", "amount": 129_500, "as_of": "2026-10-01"}  # today's total: 7.5% off
    status, _ = api.call("POST", path, today, world["collector"])
    assert status == 201 and _dues(api, h, world["owner"])["total_due"] == 0
