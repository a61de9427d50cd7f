"""A demand run over an office's register (decision 67): the year's lines per head and instalment
on every holding, progress while it runs, a rerun that creates nothing twice, last year's unpaid
lines carried as arrears with one surcharge, and a payment racing a batch losing nothing."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from chalicelib.adapters import assessments, ledger
from chalicelib.adapters.tables import RevenueItem
from chalicelib.domain.actors import Actor
from chalicelib.domain.revenue.assessment import assess, demand_lines
from chalicelib.domain.revenue.holdings import Holding
from chalicelib.domain.revenue.ledger import PostingKind, apportion, payment_postings
from chalicelib.domain.revenue.lines import DemandLine, LineKind
from chalicelib.domain.revenue.schedule import default_schedule
from chalicelib.services import assessment as assessment_service
from chalicelib.services import demand_runs
from local.pump import EventPump
from tests.integration.conftest import Api
from tests.integration.revenue_seed import OWNER_PHONE, seed_holding, seed_lines

UNION = "union-1"
RUNS = f"/v1/offices/{UNION}/demand-runs"
YEAR, LAST = "2026-27", "2025-26"
SCHEDULE = default_schedule("union")
SECRETARY = Actor(kind="staff", id=f"{UNION}.secretary", role="secretary", office_id=UNION)


def drain(pump: EventPump) -> int:
    delivered = 0
    while (turn := pump.turn()) > 0:
        delivered += turn
    return delivered


@pytest.fixture()
def pump(api: Api) -> EventPump:
    from app import app

    p = EventPump(app)
    p.attach_queues()
    drain(p)  # S3's test event on the render queue, sent when its notification was set up
    return p


def account(holding: Holding) -> ledger.Account:
    key = ledger.ledger_item(holding.holding_id)
    return ledger.account_of(holding.holding_id, UNION, holding.ward, ledger.read_items([key]).get(key))


def start(api: Api, token: str, year: str = YEAR) -> tuple[int, Any]:
    return api.call("POST", RUNS, {"fiscal_year": year}, token)


def test_a_run_demands_the_year_on_every_holding_once(api: Api, pump: EventPump) -> None:
    holdings = [seed_holding(UNION, ward=1 + i % 3, number=f"{i + 1}/A", phone=None) for i in range(7)]
    other = seed_holding("union-3271", number="1/A", phone=None)
    token = api.staff_token(UNION, "secretary")
    status, started = start(api, token)
    assert status == 202, started
    status, run = api.call("GET", f"{RUNS}/{started['run_id']}", token=token)
    assert status == 200 and run["state"] == "planning" and run["fiscal_year"] == YEAR, run
    assert pump.turn() == 1  # the plan message: the register paged, its batches queued
    status, run = api.call("GET", f"{RUNS}/{started['run_id']}", token=token)
    assert (run["state"], run["total"], run["done"], run["finished_at"]) == ("running", 7, 0, None), run
    drain(pump)
    status, run = api.call("GET", f"{RUNS}/{started['run_id']}", token=token)
    assert (run["state"], run["total"], run["done"], run["failed"]) == ("done", 7, 7, 0), run
    assert run["finished_at"]
    for h in holdings:
        a = account(h)
        expected = demand_lines(h.holding_id, assess(h.facts, SCHEDULE), SCHEDULE, YEAR)
        assert a.lines == expected and a.version == 1
        assert {(line.head, line.instalment) for line in a.lines} == {("holding_tax", n) for n in (1, 2, 3, 4)}
        kept = assessments.latest(h.holding_id, YEAR)
        assert kept is not None and kept.until_year == "2030-31" and kept.inputs["construction_class"] == "pucca"
    assert account(other).version == 0  # another office's register is not touched

    status, again = start(api, token)  # a rerun once done: allowed, creates nothing twice
    assert status == 202, again
    drain(pump)
    status, run = api.call("GET", f"{RUNS}/{again['run_id']}", token=token)
    assert (run["state"], run["total"], run["done"]) == ("done", 7, 7), run
    for h in holdings:
        a = account(h)
        assert a.version == 1 and len(a.lines) == 4
        assert len(ledger.events(h.holding_id)) == 1


def test_a_second_run_while_one_is_going_is_refused(api: Api) -> None:
    seed_holding(UNION, phone=None)
    token = api.staff_token(UNION, "secretary")
    assert start(api, token)[0] == 202
    status, problem = start(api, token)
    assert status == 409 and problem["code"] == "demand_run_running" and problem["title_bn"], problem
    assert start(api, token, "2027-28")[0] == 202  # another year is another run


def test_only_the_office_revenue_officials_run_demands(api: Api) -> None:
    body = {"fiscal_year": YEAR}
    assert api.call("POST", RUNS, body, api.staff_token(UNION, "office_admin"))[0] == 403
    assert api.call("POST", RUNS, body, api.staff_token("union-3271", "secretary"))[0] == 403
    assert api.call("POST", RUNS, body, api.citizen_token(papers=False))[0] == 403
    status, problem = api.call("POST", RUNS, {"fiscal_year": "2026"}, api.staff_token(UNION, "secretary"))
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["fiscal_year"], problem


def _last_year(h: Holding, paid_first: bool) -> ledger.Account:
    lines = demand_lines(h.holding_id, assess(h.facts, SCHEDULE), SCHEDULE, LAST)
    if paid_first:
        lines = (replace(lines[0], paid=lines[0].amount), *lines[1:])
    return seed_lines(h, lines)


def test_last_years_unpaid_lines_become_arrears_with_one_surcharge(api: Api, pump: EventPump) -> None:
    h = seed_holding(UNION, phone=None)
    before = _last_year(h, paid_first=True)
    assert start(api, api.staff_token(UNION, "secretary"))[0] == 202
    drain(pump)
    a = account(h)
    by_id = {line.line_id: line for line in a.lines}
    last = [by_id[line.line_id] for line in before.lines]
    assert last[0].kind is LineKind.CURRENT  # paid: stays as it was
    assert all(line.kind is LineKind.ARREAR for line in last[1:])
    assert [(x.amount, x.paid) for x in last] == [(x.amount, x.paid) for x in before.lines]
    owed = sum(line.outstanding for line in before.lines)
    surcharge = by_id[f"{LAST}#surcharge#1"]
    assert surcharge.kind is LineKind.SURCHARGE and surcharge.amount == owed * SCHEDULE.surcharge_bp // 10_000
    assert len([line for line in a.lines if line.fiscal_year == YEAR]) == 4
    row = RevenueItem.get(*ledger.ledger_item(h.holding_id))
    assert row.owing_office == UNION  # on the defaulters' index: arrears are owed


def _pay(h: Holding, amount: int, ref: str) -> None:
    a = account(h)
    share = apportion(a.lines, amount, SCHEDULE.settlement_order)
    paid = dict(share.allocations)
    lines = tuple(replace(line, paid=line.paid + paid.get(line.line_id, 0)) for line in a.lines)
    event = ledger.PostingEvent(ref, "2026-07-02T00:00:00+00:00", "test", payment_postings(share, ref))
    ledger.commit(ledger.LedgerWrite(a, lines, a.advance, event))


def test_a_payment_landing_between_the_batch_read_and_write_loses_nothing(
    api: Api, pump: EventPump, monkeypatch: pytest.MonkeyPatch
) -> None:
    holdings = [seed_holding(UNION, number=f"{i}/P", phone=None) for i in range(3)]
    for h in holdings:
        _last_year(h, paid_first=False)
    payer = holdings[1]
    real_commit = ledger.commit
    calls: list[int] = []

    def commit_after_a_payment(*writes: ledger.LedgerWrite) -> None:
        calls.append(len(writes))
        if len(calls) == 1:  # the payment lands after the batch read the accounts
            _pay(payer, 50_000, "PAY1")
        real_commit(*writes)

    monkeypatch.setattr(ledger, "commit", commit_after_a_payment)
    assert start(api, api.staff_token(UNION, "secretary"))[0] == 202
    drain(pump)
    # the batch's transaction (3 accounts), the payment's, then the batch's again from a fresh read
    assert calls == [3, 1, 3]
    a = account(payer)
    assert sum(line.paid for line in a.lines) == 50_000
    kinds = [e.postings[0].kind for e in ledger.events(payer.holding_id, newest_first=False)]
    assert kinds == [PostingKind.DEMAND, PostingKind.PAYMENT, PostingKind.DEMAND]
    assert len([line for line in a.lines if line.fiscal_year == YEAR]) == 4
    run = demand_runs.repo.get(_only_run())
    assert run is not None and (run.state, run.done, run.failed) == ("done", 3, 0)


def _only_run() -> str:
    runs = [r.pk.removeprefix("run#") for r in RevenueItem.scan(RevenueItem.kind == "run")]  # test only
    assert len(runs) == 1
    return runs[0]


def test_the_owner_and_the_office_read_the_assessment_others_do_not(api: Api, pump: EventPump) -> None:
    h = seed_holding(UNION, phone=OWNER_PHONE)
    path = f"/v1/holdings/{h.holding_id}/assessment"
    status, before = api.call("GET", path, token=api.citizen_token(OWNER_PHONE, papers=False))
    assert status == 200 and before["annual_value"] == assess(h.facts, SCHEDULE).annual_value, before
    assert start(api, api.staff_token(UNION, "secretary"))[0] == 202
    drain(pump)
    status, kept = api.call("GET", path, token=api.staff_token(UNION, "secretary"))
    assert status == 200 and kept["source"] == "assessed" and kept["at"], kept
    assert kept["tax"] == {"holding_tax": assess(h.facts, SCHEDULE).tax["holding_tax"]}
    assert api.call("GET", path, token=api.citizen_token("01711000002", papers=False))[0] == 403
    assert api.call("GET", path, token=api.staff_token("union-3271", "secretary"))[0] == 403
    assert api.call("GET", "/v1/holdings/NOSUCH/assessment", token=api.staff_token(UNION, "secretary"))[0] == 404


def test_a_review_replaces_the_assessment_for_the_rest_of_its_period(api: Api, pump: EventPump) -> None:
    h = seed_holding(UNION, phone=None)
    assert start(api, api.staff_token(UNION, "secretary"))[0] == 202
    drain(pump)
    first = assessments.latest(h.holding_id, YEAR)
    assert first is not None
    reviewed = assessment_service.record_review(h.holding_id, "2027-28", None, 1_000_000, "union-1.secretary", "C1")
    assert reviewed.source == "review" and reviewed.case_id == "C1" and reviewed.until_year == first.until_year
    assert reviewed.history[-1]["annual_value"] == first.annual_value
    assert reviewed.tax == {"holding_tax": 70_000}
    assert assessments.latest(h.holding_id, YEAR) == first  # the year already billed keeps its own
    assert start(api, api.staff_token(UNION, "secretary"), "2027-28")[0] == 202
    drain(pump)
    lines: list[DemandLine] = [line for line in account(h).lines if line.fiscal_year == "2027-28"]
    assert sum(line.amount for line in lines) == 70_000


def test_a_holding_keeps_its_assessment_for_the_period(api: Api, pump: EventPump) -> None:
    from chalicelib.adapters.holdings import body_of
    from chalicelib.domain.revenue.assessment import Floor, Occupancy

    h = seed_holding(UNION, phone=None)
    token = api.staff_token(UNION, "secretary")
    assert start(api, token)[0] == 202
    drain(pump)
    bigger = replace(h, floors=(Floor(300, "residential", Occupancy.OWNER),))  # a change after assessment
    row = RevenueItem.get(*ledger.account_pk(h.holding_id).split(" "), "holding")
    row.body = body_of(bigger)
    row.save()
    assert start(api, token, "2027-28")[0] == 202
    drain(pump)
    lines = [line for line in account(h).lines if line.fiscal_year == "2027-28"]
    assert sum(line.amount for line in lines) == assess(h.facts, SCHEDULE).total  # the kept annual value
    assert assessments.latest(h.holding_id, "2027-28") == assessments.latest(h.holding_id, YEAR)


def test_a_plan_message_delivered_twice_counts_its_page_once(api: Api, pump: EventPump) -> None:
    """Delivered again after a holding joined the register: the page is planned again (its batch
    now holds 4 ids under the same place in the plan), counted once, and the run still finishes
    at its total with every holding billed once."""
    holdings = [seed_holding(UNION, number=f"{i}/D", phone=None) for i in range(3)]
    run_id = demand_runs.start(SECRETARY, UNION, {"fiscal_year": YEAR})["run_id"]
    plan = {"op": "plan", "run_id": run_id, "office_id": UNION, "fiscal_year": YEAR}
    demand_runs.plan(plan)
    holdings.append(seed_holding(UNION, number="9/D", phone=None))
    demand_runs.plan(plan)  # SQS delivered it again
    run = demand_runs.repo.get(run_id)
    assert run is not None and (run.total, run.state) == (3, "running")
    drain(pump)  # the plan message start() queued, and the batches: each counted once
    run = demand_runs.repo.get(run_id)
    assert run is not None and (run.state, run.total, run.done, run.failed) == ("done", 3, 3, 0)
    assert all(len(ledger.events(h.holding_id)) == 1 for h in holdings)


def test_a_plan_that_failed_is_planned_again_on_redelivery(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(3):
        seed_holding(UNION, number=f"{i}/F", phone=None)
    run_id = demand_runs.start(SECRETARY, UNION, {"fiscal_year": YEAR})["run_id"]
    plan = {"op": "plan", "run_id": run_id, "office_id": UNION, "fiscal_year": YEAR}
    real_send = demand_runs.repo.send

    def unavailable(messages: list[dict[str, Any]]) -> None:
        raise RuntimeError("queue unavailable")

    monkeypatch.setattr(demand_runs.repo, "send", unavailable)
    with pytest.raises(RuntimeError):
        demand_runs.plan(plan)
    monkeypatch.setattr(demand_runs.repo, "send", real_send)
    demand_runs.plan(plan)  # the message again: the page was given back
    run = demand_runs.repo.get(run_id)
    assert run is not None and (run.state, run.total) == ("running", 3)


def test_a_register_longer_than_a_plan_page_is_planned_page_by_page(
    api: Api, pump: EventPump, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A register over PLAN_LIMIT: each plan message hands the index's cursor to the next (this
    failed once the register outgrew one page: the cursor was built from keys not read)."""
    monkeypatch.setattr(demand_runs, "PLAN_LIMIT", 3)
    monkeypatch.setattr(demand_runs.repo, "PAGE_ROWS", 2)  # a plan's limit falls inside a Query page
    holdings = [seed_holding(UNION, ward=1 + i % 2, number=f"{i}/P", phone=None) for i in range(8)]
    run_id = demand_runs.start(SECRETARY, UNION, {"fiscal_year": YEAR})["run_id"]
    assert pump.turn() == 1  # the first page: 3 holdings queued and the next plan message
    run = demand_runs.repo.get(run_id)
    assert run is not None and (run.state, run.total) == ("planning", 3)
    drain(pump)
    run = demand_runs.repo.get(run_id)
    assert run is not None and (run.state, run.total, run.done, run.failed) == ("done", 8, 8, 0)
    assert all(account(h).version == 1 and len(ledger.events(h.holding_id)) == 1 for h in holdings)


def test_a_batch_delivered_twice_is_counted_once(api: Api) -> None:
    """SQS delivers at least once: a batch handled twice bills nothing twice and counts once, so
    the run's progress never passes its total."""
    holdings = [seed_holding(UNION, number=f"{i}/T", phone=None) for i in range(3)]
    run_id = demand_runs.start(SECRETARY, UNION, {"fiscal_year": YEAR})["run_id"]
    ids = [h.holding_id for h in holdings]
    demand_runs.batch(run_id, UNION, YEAR, ids)
    assert demand_runs.batch(run_id, UNION, YEAR, ids) == (3, 0)  # billed already: done, not again
    run = demand_runs.repo.get(run_id)
    assert run is not None and (run.done, run.failed) == (3, 0)
    demand_runs.plan({"op": "plan", "run_id": run_id, "office_id": UNION, "fiscal_year": YEAR})
    run = demand_runs.repo.get(run_id)
    assert run is not None and (run.state, run.total, run.done) == ("done", 3, 3)
    assert all(len(ledger.events(h.holding_id)) == 1 for h in holdings)
