"""Review of municipal revenue as an attacker: ids swapped across owners and offices, roles
that must not see who owes, hostile path ids and bodies, numbers that collide across scripts."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.revenue.holdings import Holding
from local import payment_gateway
from tests.integration.conftest import Api
from tests.integration.test_citizen_account import gateway  # noqa: F401 - the simulator, every IPN lost
from tests.integration.test_citizen_journey import open_checkout
from tests.integration.test_revenue_payments import OFFICE, OTHER_PHONE, _cash, _dues, _seeded, _staff, race_twice


@pytest.fixture()
def world(api: Api) -> dict[str, Any]:
    h = _seeded()
    return {
        "holding": h,
        "owner": api.citizen_token("01711000001", papers=False),
        "collector": _staff(api, OFFICE, "tax_collector")[1],
        "approver": api.staff_token(OFFICE, "secretary"),
    }


def _receipt(api: Api, world: dict[str, Any], amount: int = 10_000) -> dict[str, Any]:
    status, receipt = _cash(api, world["holding"], world["collector"], amount)
    assert status == 201, receipt
    return dict(receipt)


def test_another_office_never_reads_or_cancels_a_receipt(api: Api, world: dict[str, Any]) -> None:
    receipt = _receipt(api, world)
    no = receipt["receipt_no"]
    others = [
        api.staff_token("cc-dhaka-north", "secretary"),
        api.staff_token("cc-dhaka-north", "signatory"),
        _staff(api, "cc-dhaka-north", "tax_collector")[1],
        api.citizen_token(OTHER_PHONE, papers=False),
    ]
    for token in others:
        assert api.call("GET", f"/v1/receipts/{no}", token=token)[0] == 404
        assert api.call("POST", f"/v1/receipts/{no}/cancel", {"reason": "mine now"}, token)[0] == 404
        h: Holding = world["holding"]
        adj = {"reason_code": "waiver", "amount": 100, "note": "x"}
        assert api.call("POST", f"/v1/holdings/{h.holding_id}/adjustments", adj, token)[0] == 404
        assert api.call("POST", f"/v1/holdings/{h.holding_id}/bills", token=token)[0] == 404
    assert _dues(api, world["holding"], world["owner"])["total_due"] == 16_500


def test_staff_outside_revenue_never_see_who_owes(api: Api, world: dict[str, Any]) -> None:
    h: Holding = world["holding"]
    receipt = _receipt(api, world)
    for role, ward in (("ward_member", 1), ("udc_operator", None), ("office_admin", None)):
        token = api.staff_token(OFFICE, role, ward)
        for path in (
            f"/v1/holdings/{h.holding_id}",
            f"/v1/holdings/{h.holding_id}/dues",
            f"/v1/receipts/{receipt['receipt_no']}",
            f"/v1/offices/{OFFICE}/holdings",
            f"/v1/offices/{OFFICE}/defaulters",
            f"/v1/offices/{OFFICE}/collections",
        ):
            status, body = api.call("GET", path, token=token)
            assert status in (403, 404), (role, path, status, body)


def test_hostile_path_ids_are_4xx(api: Api, world: dict[str, Any]) -> None:
    for no in ("..%2F..%2Fx", "x" * 300, "%00", "' OR 1=1", "১২৩৪", "A" * 64):
        for path in (f"/v1/receipts/{no}", f"/v1/verify/{no}", f"/v1/bills/{no}", f"/v1/holdings/{no}/dues"):
            status, body = api.call("GET", path, token=world["owner"])
            assert 400 <= status < 500, (path, status, body)


def test_hostile_amounts_are_422(api: Api, world: dict[str, Any]) -> None:
    h: Holding = world["holding"]
    for amount in (-1, 0, 1.5, "10000", "১০০০০", 10**30, True, None, [], {}, 1e400 if False else 1e20):
        status, body = _cash(api, h, world["collector"], amount)  # type: ignore[arg-type]
        assert status in (400, 422), (amount, status, body)
    for body in ({"method": "cash"}, {"amount": 10_000}, {"method": "CASH", "amount": 10_000}, [], "x"):
        status, problem = api.call("POST", f"/v1/holdings/{h.holding_id}/payments", body, world["collector"])
        assert status in (400, 422), (body, status, problem)
    assert _dues(api, h, world["owner"])["total_due"] == 26_500


def test_one_key_with_another_body_is_refused(api: Api, world: dict[str, Any]) -> None:
    h: Holding = world["holding"]
    assert _cash(api, h, world["collector"], 10_000, key="k-1")[0] == 201
    status, problem = _cash(api, h, world["collector"], 16_500, key="k-1")
    assert 400 <= status < 500 and status != 404, (status, problem)
    assert _dues(api, h, world["owner"])["total_due"] == 16_500


def test_verify_masks_the_payer(api: Api, world: dict[str, Any]) -> None:
    receipt = _receipt(api, world)
    status, body = api.call("GET", f"/v1/verify/{receipt['receipt_no']}")
    assert status in (200, 404), body
    text = str(body)
    assert "Rahima Khatun" not in text and "01711000001" not in text and "Khatun" not in text, body


def test_holding_numbers_collide_across_scripts_and_separators(api: Api) -> None:
    token = api.staff_token("pourashava-savar", "assessor")
    base = {
        "ward": 3,
        "village": "Bank Colony",
        "owners": [{"name": "Karim Mia"}],
        "use": "residential",
        "land_area_sqm": 100,
        "construction_class": "pucca",
        "floors": [{"built_area_sqm": 80, "use": "residential", "occupancy": "owner"}],
    }
    path = "/v1/offices/pourashava-savar/holdings"
    status, first = api.call("POST", path, {**base, "number": "77/3"}, token)
    assert status == 201, first
    for same in ("৭৭-৩", "77 / 3", "৭৭/৩", "77-3", " 77/3 "):
        status, problem = api.call("POST", path, {**base, "number": same}, token)
        assert status == 409 and problem["code"] == "holding_number_taken", (same, status, problem)
    status, other = api.call("POST", path, {**base, "number": "7/73"}, token)
    assert status == 201, other


SCHEDULE = "/v1/offices/pourashava-savar/tax-schedules/2026-27"


@pytest.mark.parametrize(
    "path,value",
    [
        (("instalments", "count"), 0),
        (("instalments", "count"), 10**9),
        (("instalments", "due_day"), 0),
        (("instalments", "due_day"), 32),
        (("valuation", "repairs_months"), 12),
        (("valuation", "repairs_months"), -1),
        (("valuation", "repairs_months"), 10**30),
        (("heads", 0, "rate_bp"), -5),
        (("heads", 0, "rate_bp"), 10**30),
        (("heads", 0, "rate_bp"), 1.5),
        (("heads", 0, "rate_bp"), "700"),
        (("surcharge", "rate_bp"), 10**30),
        (("surcharge", "grace_days"), -1),
        (("minimum_part_payment",), -1),
        (("minimum_part_payment",), 10**30),
        (("reassessment_years",), 0),
        (("valuation", "standard_rent", "pucca"), 10**30),
        (("heads", 0, "cap"), -1),
        (("settlement_order",), []),
        (("settlement_order",), ["arrear", "arrear", "current"]),
        (("overpayment",), "keep"),
        (("heads",), []),
        (("heads", 0, "name_bn"), "x" * 100_000),
    ],
)
def test_hostile_schedules_are_422(api: Api, path: tuple[Any, ...], value: Any) -> None:
    import copy

    from chalicelib.domain.revenue.schedule import default_document

    doc: Any = copy.deepcopy(default_document("pourashava"))
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    token = api.staff_token("pourashava-savar", "office_admin")
    status, body = api.call("PUT", SCHEDULE, doc, token)
    assert status in (400, 413, 422), (path, value, status, str(body)[:300])


def _no_500(api: Api, method: str, path: str, body: Any, token: str | None) -> None:
    status, problem = api.call(method, path, body, token)
    assert status < 500, (method, path, str(body)[:200], status, str(problem)[:300])
    if status >= 400 and isinstance(problem, dict) and problem.get("title_bn") is not None:
        assert problem["title"] and problem["title_bn"], problem


def test_no_500_on_hostile_input(api: Api, world: dict[str, Any]) -> None:
    h: Holding = world["holding"]
    assessor = api.staff_token(OFFICE, "assessor")
    approver, collector = world["approver"], world["collector"]
    base = f"/v1/offices/{OFFICE}"
    good = {
        "number": "99/1",
        "ward": 3,
        "village": "V",
        "owners": [{"name": "Karim Mia"}],
        "use": "residential",
        "land_area_sqm": 100,
        "construction_class": "pucca",
        "floors": [{"built_area_sqm": 80, "use": "residential", "occupancy": "owner"}],
    }
    bodies: list[Any] = [
        {**good, "number": ""},
        {**good, "number": "/" * 50},
        {**good, "number": "x" * 10_000},
        {**good, "number": "\u0000"},
        {**good, "number": "12/3\u200d"},
        {**good, "ward": 0},
        {**good, "ward": 10**30},
        {**good, "ward": "৩"},
        {**good, "land_area_sqm": -1},
        {**good, "land_area_sqm": 10**30},
        {**good, "land_area_sqm": 1e308},
        {**good, "owners": []},
        {**good, "owners": [{"name": "x" * 100_000}]},
        {**good, "owners": [{"name": "A", "phone": "not a phone"}]},
        {**good, "owners": [{"name": "A", "nid": "12"}]},
        {**good, "owners": [{"name": "A", "share": 5}]},
        {**good, "owners": ["A"]},
        {**good, "floors": [{"built_area_sqm": 0, "use": "residential", "occupancy": "rented"}]},
        {
            **good,
            "floors": [{"built_area_sqm": 80, "use": "residential", "occupancy": "rented", "monthly_rent": 10**30}],
        },
        {**good, "floors": [{"built_area_sqm": 80, "use": "residential", "occupancy": "rented", "monthly_rent": -1}]},
        {**good, "floors": [{"built_area_sqm": 80, "use": "residential", "occupancy": "owner"}] * 5000},
        {**good, "floors": None},
        {**good, "construction_class": None},
    ]
    for body in bodies:
        _no_500(api, "POST", f"{base}/holdings", body, assessor)
        _no_500(api, "PATCH", f"/v1/holdings/{h.holding_id}", {**body, "version": 1}, assessor)
    for version in ("1", None, -1, 10**30, True):
        _no_500(api, "PATCH", f"/v1/holdings/{h.holding_id}", {"version": version, "ward": 2}, assessor)
    for query in ("q=%00", "q=" + "%F0%9F%98%80" * 20, "ward=abc", "ward=-1", "cursor=abc", "cursor=" + "A" * 5000,
                  "limit=0", "limit=100000", "q=12%2F", "q=%2F%2F%2F", "q=*", "ward=1&q=Rahima"):  # fmt: skip
        _no_500(api, "GET", f"{base}/holdings?{query}", None, assessor)
        _no_500(api, "GET", f"{base}/defaulters?{query}", None, collector)
    for date in ("2026-02-30", "x", "99999-01-01", "2026-1-1", ""):
        _no_500(api, "GET", f"{base}/collections?date={date}", None, collector)
    for fy in ("2026-28", "9999-00", "abcd", "2026-2027", "0000-01", "2026-27%00"):
        _no_500(api, "GET", f"{base}/tax-schedules/{fy}", None, None)
        _no_500(api, "POST", f"{base}/demand-runs", {"fiscal_year": fy}, assessor)
    for run in ("x", "A" * 300, "..%2F"):
        _no_500(api, "GET", f"{base}/demand-runs/{run}", None, assessor)
    for adj in (
        {"reason_code": "waiver", "amount": 100, "note": "n", "line_id": "no#such#line"},
        {"reason_code": "waiver", "amount": 100, "note": "n", "line_id": "2026-27#holding_tax#2" * 10},
        {"reason_code": "waiver", "amount": 100, "note": "x" * 600},
        {"reason_code": "delete", "amount": 100, "note": "n"},
        {"reason_code": "waiver", "amount": 10**12, "note": "n"},
    ):
        _no_500(api, "POST", f"/v1/holdings/{h.holding_id}/adjustments", adj, approver)
    for reason in ("", "ab", "x" * 10_000, None, 5):
        _no_500(api, "POST", "/v1/receipts/NOSUCHRECEIPT/cancel", {"reason": reason}, approver)
    monitor = api.staff_token("lgd", "monitor")
    for area in ("division=x", "district=" + "9" * 100, "upazila=%00", "division=1&district=2", "division=30"):
        _no_500(api, "GET", f"/v1/stats/revenue?{area}", None, monitor)
    assert _dues(api, h, collector)["total_due"] == 26_500  # the PATCHes may have changed its owners


def test_monitors_and_lgd_never_see_who_owes(api: Api, world: dict[str, Any]) -> None:
    h: Holding = world["holding"]
    receipt = _receipt(api, world)
    for role in ("monitor", "lgd_admin"):
        token = api.staff_token("lgd", role)
        for path in (
            f"/v1/holdings/{h.holding_id}",
            f"/v1/holdings/{h.holding_id}/dues",
            f"/v1/holdings/{h.holding_id}/history",
            f"/v1/receipts/{receipt['receipt_no']}",
            f"/v1/offices/{OFFICE}/holdings",
            f"/v1/offices/{OFFICE}/defaulters",
            f"/v1/offices/{OFFICE}/collections",
        ):
            status, body = api.call("GET", path, token=token)
            assert status in (403, 404), (role, path, status, body)
    status, stats = api.call("GET", "/v1/stats/revenue", token=api.staff_token("lgd", "monitor"))
    assert status == 200, stats
    assert "Rahima" not in str(stats) and h.holding_id not in str(stats) and "12/3" not in str(stats)


def test_an_online_receipt_cancelled_then_confirmed_again_is_not_paid_twice(
    api: Api,
    world: dict[str, Any],
    gateway: payment_gateway.SimulatorHandle,  # noqa: F811
) -> None:
    from chalicelib.adapters import ledger, payment_records
    from chalicelib.adapters.payments import gateway as adapter
    from chalicelib.services import payments, reconciliation

    h: Holding = world["holding"]
    path = f"/v1/holdings/{h.holding_id}/payments"
    status, checkout = api.call("POST", path, {"method": "sslcommerz", "amount": 12_000}, world["owner"])
    assert status == 201, checkout
    pid = checkout["payment_id"]
    open_checkout(checkout["redirect_url"], "success")
    before = payment_records.get(pid)
    assert before is not None and reconciliation.reconcile()["settled"] == 1
    status, cancelled = api.call("POST", f"/v1/receipts/{pid}/cancel", {"reason": "paid twice"}, world["approver"])
    assert status == 200 and cancelled["status"] == "cancelled", cancelled
    assert _dues(api, h, world["owner"])["total_due"] == 26_500
    said = adapter("sslcommerz").query(pid, before.gateway_ref)
    payments.apply_answer(before, said)
    payments.settle("sslcommerz", pid, {"tran_id": pid})
    reconciliation.reconcile()
    assert _dues(api, h, world["owner"])["total_due"] == 26_500
    status, receipt = api.call("GET", f"/v1/receipts/{pid}", token=world["owner"])
    assert receipt["status"] == "cancelled", receipt
    assert [e.ref for e in ledger.events(h.holding_id)].count(pid) == 1


def test_two_cancellations_racing_reverse_once(
    api: Api, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both read the receipt and the account before either writes: one reverses, the other finds
    the receipt cancelled."""
    from chalicelib.adapters import ledger
    from chalicelib.domain.actors import Actor
    from chalicelib.services import adjustments

    h: Holding = world["holding"]
    receipt = _receipt(api, world, 15_000)
    approver = Actor(kind="staff", id=f"{OFFICE}.secretary", role="secretary", office_id=OFFICE)

    def cancel() -> str:
        adjustments.cancel_receipt(approver, receipt["receipt_no"], {"reason": "wrong holding"})
        return "cancelled"

    assert race_twice(monkeypatch, cancel) == ["cancelled", "receipt_cancelled"]
    assert _dues(api, h, world["owner"])["total_due"] == 26_500
    assert [e.ref for e in ledger.events(h.holding_id)].count(receipt["receipt_no"] + "X") == 1


def test_who_took_the_cash_never_cancels_its_receipt(api: Api) -> None:
    """In a union the secretary both takes cash and approves; cancelling their own receipt would
    take money off the books with no second person: the chairman cancels it."""
    from chalicelib.domain.revenue.lines import DemandLine
    from tests.integration.revenue_seed import seed_holding, seed_lines

    h = seed_holding("union-1")
    seed_lines(
        h, (DemandLine("2026-27#holding_tax#1", h.holding_id, "2026-27", "holding_tax", 1, "2027-06-30", 5_000),)
    )
    secretary = api.staff_token("union-1", "secretary")
    status, receipt = _cash(api, h, secretary, 5_000)
    assert status == 201, receipt
    cancel = f"/v1/receipts/{receipt['receipt_no']}/cancel"
    status, problem = api.call("POST", cancel, {"reason": "wrong holding"}, secretary)
    assert status == 403 and problem["title_bn"], problem
    status, cancelled = api.call("POST", cancel, {"reason": "wrong holding"}, api.staff_token("union-1", "signatory"))
    assert status == 200 and cancelled["status"] == "cancelled", cancelled
