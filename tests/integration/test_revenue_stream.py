"""The revenue table's stream (decision 71): monitors' counters per area, kept exactly once and
without personal data, and the owners' SMS (a payment received, a bill due) in the local outbox."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chalicelib.adapters import ledger, sms
from chalicelib.adapters.receipts import row_of
from chalicelib.adapters.revenue_stream import image_of
from chalicelib.adapters.tables import RevenueItem
from chalicelib.domain.clock import today_bd
from chalicelib.domain.revenue.fiscal import fiscal_year_of
from chalicelib.domain.revenue.ledger import Posting, PostingKind
from chalicelib.domain.revenue.lines import DemandLine, LineKind
from chalicelib.domain.revenue.receipts import CANCELLED, Cancellation
from chalicelib.services.revenue_stats import on_revenue_changes
from tests.integration.conftest import Api
from tests.integration.revenue_seed import OWNER_PHONE, seed_holding
from tests.integration.test_revenue_views import OFFICE, receipt

THIS_YEAR = fiscal_year_of(today_bd())
LAST_YEAR = f"{int(THIS_YEAR[:4]) - 1}-{THIS_YEAR[2:4]}"


def record(event_id: str, new: RevenueItem | None, old: RevenueItem | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if new is not None:
        data["NewImage"] = image_of(new)
    if old is not None:
        data["OldImage"] = image_of(old)
    return {"eventID": event_id, "eventName": "MODIFY" if old and new else "INSERT", "dynamodb": data}


def demand(holding_id: str, lines: tuple[DemandLine, ...]) -> RevenueItem:
    account = ledger.account_of(holding_id, OFFICE, 1, None)
    postings = tuple(Posting(PostingKind.DEMAND, line.line_id, line.amount, "run") for line in lines)
    event = ledger.PostingEvent("run", "2026-07-01T00:00:00+00:00", "run", postings)
    arrears = sum(line.outstanding for line in lines if line.kind is LineKind.ARREAR)
    ledger.commit(ledger.LedgerWrite(account, lines, 0, event, arrears=arrears))
    return RevenueItem.get(*ledger.ledger_item(holding_id))


def year_lines(holding_id: str) -> tuple[DemandLine, ...]:
    start = int(THIS_YEAR[:4])
    arrear = DemandLine(
        f"{LAST_YEAR}#holding_tax#4",
        holding_id,
        LAST_YEAR,
        "holding_tax",
        4,
        f"{start}-06-30",
        100_000,
        0,
        LineKind.ARREAR,
    )
    current = tuple(
        DemandLine(f"{THIS_YEAR}#holding_tax#{q}", holding_id, THIS_YEAR, "holding_tax", q, due, 30_000)
        for q, due in ((1, f"{start}-09-30"), (2, f"{start}-12-31"))
    )
    return (arrear, *current)


def test_counters_roll_up_once_and_name_no_one(api: Api) -> None:
    holding = seed_holding(OFFICE)
    holding_row = RevenueItem.get(ledger.account_pk(holding.holding_id), "holding")
    ledger_row = demand(holding.holding_id, year_lines(holding.holding_id))
    r1 = receipt("R1", holding.holding_id, 50_000, "cash", f"{THIS_YEAR[:4]}-10-01T04:00:00+00:00")
    r2 = receipt("R2", holding.holding_id, 20_000, "bkash", f"{THIS_YEAR[:4]}-10-02T04:00:00+00:00")
    cancelled = replace(r2, status=CANCELLED, cancellation=Cancellation("wrong", "x", "2026-10-03T00:00:00+00:00"))
    batch = [
        record("e1", holding_row),
        record("e2", ledger_row),
        record("e3", row_of(r1)),
        record("e4", row_of(r2)),
        record("e5", row_of(cancelled), row_of(r2)),
        record("e6", RevenueItem("number#x#1", "number", kind="number")),
    ]
    assert on_revenue_changes(batch)["counted"] == 1 + 1 + 3 * 2  # receipts: all time and the year
    assert on_revenue_changes(batch)["counted"] == 0  # a redelivered batch counts nothing

    monitor = api.staff_token("lgd", "monitor")
    status, country = api.call("GET", f"/v1/stats/revenue?fiscal_year={THIS_YEAR}", token=monitor)
    assert status == 200, country
    [division] = country["areas"]
    assert (division["collected"], division["arrears"], division["holdings"]) == (50_000, 100_000, 1)
    code = division["area_code"]
    level, number = code.split(":")
    status, body = api.call("GET", f"/v1/stats/revenue?{level}={number}", token=monitor)
    while body["areas"][0]["area_code"].split(":")[0] != "office":
        level, number = body["areas"][0]["area_code"].split(":")
        status, body = api.call("GET", f"/v1/stats/revenue?{level}={number}", token=monitor)
        assert status == 200, body
    [office] = body["areas"]
    assert office["area_code"] == f"office:{OFFICE}" and office["collected"] == 50_000
    assert "Rahima" not in str(body) and holding.holding_id not in str(body)

    _, last = api.call("GET", f"/v1/stats/revenue?fiscal_year={LAST_YEAR}", token=monitor)
    assert last["areas"][0]["collected"] == 0 and last["areas"][0]["arrears"] == 100_000
    status, body = api.call("GET", "/v1/stats/revenue?fiscal_year=2026-28", token=monitor)
    assert status == 422 and body["errors"][0]["field"] == "fiscal_year"
    secretary = api.staff_token(OFFICE, "secretary")
    assert api.call("GET", "/v1/stats/revenue", token=secretary)[0] == 403


def outbox() -> list[str]:
    """The local outbox as GET /v1/_local/outbox reads it (here in the stream handler's own process)."""
    return [item["text"] for item in sms.outbox("88" + OWNER_PHONE)]


def test_owners_are_told_of_a_payment_and_of_a_bill_due_once(aws_env: dict[str, Any]) -> None:
    holding = seed_holding(OFFICE, number="12/3")
    ledger_row = demand(holding.holding_id, year_lines(holding.holding_id))
    issued = receipt("TQYQ8QY571WG60AB", holding.holding_id, 50_000, "cash", "2026-10-01T04:00:00+00:00")
    batch = [record("e1", ledger_row), record("e2", row_of(issued))]
    assert on_revenue_changes(batch)["told"] == 2
    assert on_revenue_changes(batch)["told"] == 0
    texts = outbox()
    [paid] = [t for t in texts if "রসিদ" in t]
    assert "TQYQ-8QY5-71WG-60AB" in paid and "৳৫০০" in paid and "12/3" in paid and "Rahima" not in paid
    [due] = [t for t in texts if "শেষ দিন" in t]
    assert "৳৩০০" in due and "৩০/০৯/" in due
