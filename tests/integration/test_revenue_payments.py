"""A holding's ledger through the API (decision 68): dues, bills, cash and online payments with
their receipts, refusals in both languages that write nothing, two payments racing on one account,
adjustments, receipt cancellation, who may do what, and the AWS calls a dues read costs."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from chalicelib.adapters import ledger
from chalicelib.adapters.tables import StaffAccount
from chalicelib.domain.actors import Actor
from chalicelib.domain.errors import AppError
from chalicelib.domain.revenue.holdings import Holding
from chalicelib.domain.revenue.lines import DemandLine, LineKind
from chalicelib.services.auth import hash_password
from local import payment_gateway
from local.demo import DEMO_PASSWORD
from tests.integration.conftest import Api
from tests.integration.revenue_seed import OWNER_PHONE, seed_holding, seed_lines
from tests.integration.test_citizen_account import gateway  # noqa: F401 - the simulator, every IPN lost
from tests.integration.test_citizen_journey import open_checkout

OFFICE = "pourashava-savar"
OTHER_PHONE = "01811000002"


def _line(h: Holding, year: str, head: str, n: int, due: str, amount: int, kind: LineKind) -> DemandLine:
    line_id = "2025-26#surcharge" if kind is LineKind.SURCHARGE else f"{year}#{head}#{n}"
    return DemandLine(line_id, h.holding_id, year, head, n, due, amount, kind=kind)


def _seeded() -> Holding:
    """A holding owing 26,500 poisha: an arrear of last year (10,000), its surcharge (1,500) and
    three current instalments (5,000 each)."""
    h = seed_holding(OFFICE)
    cur = LineKind.CURRENT
    seed_lines(
        h,
        (
            _line(h, "2026-27", "holding_tax", 2, "2026-12-31", 5_000, cur),
            _line(h, "2026-27", "holding_tax", 1, "2026-09-30", 5_000, cur),
            _line(h, "2026-27", "conservancy", 1, "2026-09-30", 5_000, cur),
            _line(h, "2025-26", "holding_tax", 4, "2026-06-30", 10_000, cur),  # last year's: an arrear now
            DemandLine(
                "2025-26#surcharge",
                h.holding_id,
                "2025-26",
                "surcharge",
                1,
                "2026-07-01",
                1_500,
                kind=LineKind.SURCHARGE,
            ),
        ),
    )
    return h


def _staff(api: Api, office: str, role: str) -> tuple[str, str]:
    """A member of staff in a revenue role (demo data gets them with the register): their username and token."""
    username = f"{office}.{role.replace('_', '-')}-t"
    StaffAccount(
        username,
        password_hash=hash_password(DEMO_PASSWORD),
        role=role,
        office_id=office,
        name_bn="কর আদায়কারী",
        name_en="Tax Collector",
        designation_bn="কর আদায়কারী",
    ).save()
    status, body = api.call("POST", "/v1/auth/login", {"username": username, "password": DEMO_PASSWORD})
    assert status == 200, body
    return username, str(body["access_token"])


@pytest.fixture()
def world(api: Api) -> dict[str, Any]:
    h = _seeded()
    return {
        "holding": h,
        "owner": api.citizen_token(OWNER_PHONE, papers=False),
        "collector": _staff(api, OFFICE, "tax_collector")[1],
        "approver": api.staff_token(OFFICE, "secretary"),
    }


def _dues(api: Api, h: Holding, token: str) -> dict[str, Any]:
    status, body = api.call("GET", f"/v1/holdings/{h.holding_id}/dues", token=token)
    assert status == 200, body
    return dict(body)


def _cash(api: Api, h: Holding, token: str, amount: int, key: str | None = None) -> tuple[int, Any]:
    headers = {"Idempotency-Key": key} if key else None
    return api.call(
        "POST", f"/v1/holdings/{h.holding_id}/payments", {"method": "cash", "amount": amount}, token, headers
    )


def test_dues_then_a_part_payment_in_cash_settles_arrears_surcharge_then_current(
    api: Api, world: dict[str, Any]
) -> None:
    h = world["holding"]
    dues = _dues(api, h, world["owner"])
    assert dues["total_due"] == 26_500 and dues["advance"] == 0 and dues["minimum_payment"] == 10_000
    assert [line["kind"] for line in dues["lines"]] == ["arrear", "surcharge", "current", "current", "current"]
    arrear = dues["lines"][0]
    # last year's surcharge is booked as a line of its own: the arrear is not surcharged again
    assert arrear["surcharge"] == 0 and arrear["payable"] == 10_000 and arrear["head_name_bn"] == "হোল্ডিং কর"

    status, receipt = _cash(api, h, world["collector"], 15_000)
    assert status == 201, receipt
    assert receipt["status"] == "issued" and receipt["amount"] == 15_000 and receipt["method"] == "cash"
    assert receipt["payer_name"] == "Rahima Khatun" and receipt["pdf_url"] is None
    assert [(a["line_id"], a["poisha"]) for a in receipt["allocations"]] == [
        ("2025-26#holding_tax#4", 10_000),
        ("2025-26#surcharge", 1_500),
        ("2026-27#conservancy#1", 3_500),
    ]
    assert sum(a["poisha"] for a in receipt["allocations"]) == 15_000
    assert _dues(api, h, world["owner"])["total_due"] == 11_500
    status, seen = api.call("GET", f"/v1/receipts/{receipt['receipt_no']}", token=world["owner"])
    assert status == 200 and seen == receipt


def test_refusals_are_422_in_both_languages_and_write_nothing(api: Api, world: dict[str, Any]) -> None:
    h = world["holding"]
    for amount, code in ((5_000, "below_minimum_payment"), (26_501, "payment_exceeds_due")):
        status, problem = _cash(api, h, world["collector"], amount)
        assert status == 422 and problem["code"] == code, problem
        assert problem["title"] and any("\u0980" <= ch <= "\u09ff" for ch in problem["title_bn"])
    status, problem = _cash(api, h, world["collector"], 0)
    assert status == 422 and problem["errors"][0]["field"] == "amount" and problem["errors"][0]["message_bn"]
    assert _dues(api, h, world["owner"])["total_due"] == 26_500
    assert [e.ref for e in ledger.events(h.holding_id)] == ["seed"]
    status, _ = _cash(api, h, world["collector"], 26_500)  # everything owed: no minimum applies
    assert status == 201 and _dues(api, h, world["owner"])["lines"] == []


def test_a_retried_counter_payment_records_once(api: Api, world: dict[str, Any]) -> None:
    h = world["holding"]
    first = _cash(api, h, world["collector"], 10_000, key="counter-1")
    again = _cash(api, h, world["collector"], 10_000, key="counter-1")
    assert first[0] == again[0] == 201 and first[1] == again[1]
    assert _dues(api, h, world["owner"])["total_due"] == 16_500


def race_twice(monkeypatch: pytest.MonkeyPatch, work: Callable[[], str]) -> list[str]:
    """`work` (a ledger write; it answers its outcome) run by two threads at once: both read
    before either writes; the writes reach the table one at a time, as DynamoDB orders them (moto
    in-process is not safe for concurrent transactions, hence the lock). The sorted outcomes, a
    refusal as its code."""
    from chalicelib.adapters import ledger as store
    from chalicelib.services import dues

    commit, lock, local = store.commit, threading.Lock(), threading.local()
    outcomes: list[str] = []
    barrier = threading.Barrier(2, timeout=30)

    def ordered_commit(*writes: ledger.LedgerWrite) -> None:
        if not getattr(local, "waited", False):
            local.waited = True
            barrier.wait()  # both have read what they write and decided against it
        with lock:
            commit(*writes)

    def run() -> None:
        local.waited = False
        try:
            outcomes.append(work())
        except AppError as err:
            outcomes.append(err.code)

    monkeypatch.setattr(dues.store, "commit", ordered_commit)
    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    monkeypatch.setattr(dues.store, "commit", commit)
    return sorted(outcomes)


def race_cash(monkeypatch: pytest.MonkeyPatch, holding_id: str, collector: Actor, amount: int) -> list[str]:
    """Two counters paying `amount` in cash at once: "paid" or the refusal's code, each."""
    from chalicelib.services import holding_payments

    def pay() -> str:
        holding_payments.pay(collector, holding_id, {"method": "cash", "amount": amount}, None)
        return "paid"

    return race_twice(monkeypatch, pay)


def test_two_cash_payments_racing_on_one_account(
    api: Api, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both succeed only if the money fits; never more than is owed."""
    h = world["holding"]
    username, _ = _staff(api, OFFICE, "tax_collector")
    collector = Actor(kind="staff", id=username, role="tax_collector", office_id=OFFICE)
    assert race_cash(monkeypatch, h.holding_id, collector, 10_000) == ["paid", "paid"]  # 20,000 of 26,500: both fit
    assert _dues(api, h, world["owner"])["total_due"] == 6_500
    assert race_cash(monkeypatch, h.holding_id, collector, 6_500) == ["paid", "payment_exceeds_due"]  # one fits
    item = ledger.read_items([ledger.ledger_item(h.holding_id)]).get(ledger.ledger_item(h.holding_id))
    account = ledger.account_of(h.holding_id, OFFICE, 1, item)
    assert all(line.paid == line.amount for line in account.lines) and account.version == 4


def test_adjust_and_cancel_by_an_approver_only(api: Api, world: dict[str, Any]) -> None:
    h, path = world["holding"], f"/v1/holdings/{world['holding'].holding_id}/adjustments"
    waiver = {"reason_code": "waiver", "amount": 1_000, "note": "flood relief", "line_id": "2026-27#holding_tax#2"}
    for who in ("collector", "owner"):
        status, problem = api.call("POST", path, waiver, world[who])
        assert status == 403, (who, problem)
    status, adjusted = api.call("POST", path, waiver, world["approver"])
    assert status == 201, adjusted
    assert adjusted["settled"] == [{"line_id": "2026-27#holding_tax#2", "poisha": 1_000}]
    assert adjusted["total_due"] == 25_500
    spread = {"reason_code": "court_settlement", "amount": 12_000, "note": "decree 12/2026"}
    status, adjusted = api.call("POST", path, spread, world["approver"])
    assert status == 201 and [s["poisha"] for s in adjusted["settled"]] == [10_000, 1_500, 500]
    status, problem = api.call("POST", path, {**spread, "amount": 99_999}, world["approver"])
    assert status == 422 and problem["code"] == "invalid_adjustment"

    status, receipt = _cash(api, h, world["collector"], 13_500)
    assert status == 201 and _dues(api, h, world["owner"])["total_due"] == 0
    cancel = f"/v1/receipts/{receipt['receipt_no']}/cancel"
    status, problem = api.call("POST", cancel, {"reason": "wrong holding"}, world["collector"])
    assert status == 403, problem
    status, cancelled = api.call("POST", cancel, {"reason": "wrong holding"}, world["approver"])
    assert status == 200, cancelled
    assert cancelled["status"] == "cancelled" and cancelled["cancellation"]["reason"] == "wrong holding"
    assert _dues(api, h, world["owner"])["total_due"] == 13_500  # the ledger reversed what it settled
    status, problem = api.call("POST", cancel, {"reason": "again"}, world["approver"])
    assert status == 409 and problem["code"] == "receipt_cancelled"
    _, seen = api.call("GET", f"/v1/receipts/{receipt['receipt_no']}", token=world["owner"])
    assert seen["status"] == "cancelled"
    refs = [e.ref for e in ledger.events(h.holding_id)]
    assert refs.count(receipt["receipt_no"]) == refs.count(receipt["receipt_no"] + "X") == 1  # nothing deleted


def test_who_may_read_and_pay(api: Api, world: dict[str, Any]) -> None:
    h = world["holding"]
    status, problem = _cash(api, h, world["owner"], 10_000)
    assert status == 403, problem  # an owner pays online, never records cash
    other_office = _staff(api, "cc-dhaka-north", "tax_collector")[1]
    stranger = api.citizen_token(OTHER_PHONE, papers=False)
    for token in (other_office, stranger):
        status, _ = api.call("GET", f"/v1/holdings/{h.holding_id}/dues", token=token)
        assert status == 404
        assert _cash(api, h, token, 10_000)[0] == 404
    assert api.call("GET", "/v1/holdings/NOSUCH/dues", token=world["owner"])[0] == 404


def test_a_bill_snapshots_the_dues_until_it_expires(api: Api, world: dict[str, Any]) -> None:
    h = world["holding"]
    status, bill = api.call("POST", f"/v1/holdings/{h.holding_id}/bills", token=world["owner"])
    assert status == 201, bill
    assert bill["total_due"] == bill["total"] == 26_500  # the arrear's surcharge is its own line, not priced twice
    assert bill["due_by"] >= bill["created_at"][:10] and bill["expires_at"] > bill["created_at"]
    status, seen = api.call("GET", f"/v1/bills/{bill['bill_id']}", token=world["collector"])
    assert status == 200 and seen == bill
    stranger = api.citizen_token(OTHER_PHONE, papers=False)
    assert api.call("GET", f"/v1/bills/{bill['bill_id']}", token=stranger)[0] == 404


def test_online_through_the_simulator_to_the_receipt_once(
    api: Api,
    world: dict[str, Any],
    gateway: payment_gateway.SimulatorHandle,  # noqa: F811
) -> None:
    from chalicelib.adapters import payment_records
    from chalicelib.adapters.payments import gateway as adapter
    from chalicelib.services import payments, reconciliation

    h, path = world["holding"], f"/v1/holdings/{world['holding'].holding_id}/payments"
    status, problem = api.call("POST", path, {"method": "sslcommerz", "amount": 5_000}, world["owner"])
    assert status == 422 and problem["code"] == "below_minimum_payment"
    status, checkout = api.call("POST", path, {"method": "sslcommerz", "amount": 12_000}, world["owner"])
    assert status == 201, checkout
    pid = checkout["payment_id"]
    assert _dues(api, h, world["owner"])["total_due"] == 26_500  # nothing until the gateway confirms
    open_checkout(checkout["redirect_url"], "success")
    before = payment_records.get(pid)
    assert before is not None and before.state == "initiated"
    assert reconciliation.reconcile()["settled"] == 1
    status, receipt = api.call("GET", f"/v1/receipts/{pid}", token=world["owner"])
    assert status == 200, receipt
    assert receipt["method"] == "sslcommerz" and receipt["amount"] == 12_000
    assert [a["poisha"] for a in receipt["allocations"]] == [10_000, 1_500, 500]
    # the same confirmation delivered again (a late IPN read before the first was recorded)
    said = adapter("sslcommerz").query(pid, before.gateway_ref)
    assert payments.apply_answer(before, said)["state"] == "paid"
    assert payments.settle("sslcommerz", pid, {"tran_id": pid})["already_settled"] is True
    assert [e.ref for e in ledger.events(h.holding_id)].count(pid) == 1
    assert _dues(api, h, world["owner"])["total_due"] == 14_500


def test_reads_and_payments_cost_at_most_three_aws_calls_warm(api: Api, world: dict[str, Any]) -> None:
    import botocore.handlers

    from chalicelib.adapters.tables import ALL_MODELS
    from chalicelib.config import settings
    from local.resources import reset_process_caches

    calls: list[str] = []

    def count(model: Any, **_: Any) -> None:
        calls.append(f"{model.service_model.service_name}.{model.name}")

    h = world["holding"]
    botocore.handlers.BUILTIN_HANDLERS.append(("before-call", count))
    for model in ALL_MODELS:
        model._connection = None  # new clients, each with the counter
    reset_process_caches()
    settings()  # read now: Chalice's test client runs views with its own stage's environment
    receipt = _cash(api, h, world["collector"], 10_000)[1]
    amounts = iter([10_000, 6_500])  # 26,500 owed: the second pays the rest

    def cash() -> None:
        status, body = _cash(api, h, world["collector"], next(amounts))
        assert status == 201, body

    operations = {
        "dues (owner)": lambda: _dues(api, h, world["owner"]),
        "dues (collector)": lambda: _dues(api, h, world["collector"]),
        "cash": cash,
        "receipt": lambda: api.call("GET", f"/v1/receipts/{receipt['receipt_no']}", token=world["owner"]),
        "bill": lambda: api.call("POST", f"/v1/holdings/{h.holding_id}/bills", token=world["owner"]),
    }
    try:
        for name, work in operations.items():
            work()  # cold: the office and the caller's standing come into the container's caches
            calls.clear()
            work()
            assert 1 <= len(calls) <= 3, (name, calls)
            assert not any(c.endswith((".Scan", ".BatchGetItem")) for c in calls), (name, calls)
    finally:
        botocore.handlers.BUILTIN_HANDLERS.remove(("before-call", count))
