"""The ledger store (adapters/ledger.py) against moto: a write is conditional on the version read,
the posting log is append-only, and two writers racing on one account cannot both win."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest
from moto import mock_aws

from chalicelib.adapters import ledger
from chalicelib.adapters.tables import RevenueItem
from chalicelib.domain.revenue.ledger import Posting, PostingKind
from chalicelib.domain.revenue.lines import DemandLine
from local import moto_server


@pytest.fixture()
def table() -> Iterator[None]:
    """The revenue table alone, in moto answering one request at a time (as DynamoDB makes each
    request atomic): two transactions racing are then ordered, never interleaved inside moto."""
    with mock_aws(), moto_server.one_request_at_a_time():
        RevenueItem._connection = None
        RevenueItem.create_table(wait=True)
        yield
        RevenueItem._connection = None


LINE = DemandLine("2026-27#holding_tax#1", "H1", "2026-27", "holding_tax", 1, "2026-09-30", 10_000)


def _read() -> ledger.Account:
    items = ledger.read_items([ledger.ledger_item("H1")])
    return ledger.account_of("H1", "office-1", 3, items.get(ledger.ledger_item("H1")))


def _demand(account: ledger.Account) -> ledger.LedgerWrite:
    posting = Posting(PostingKind.DEMAND, LINE.line_id, LINE.amount, "run-1")
    event = ledger.PostingEvent("run-1", "2026-07-01T00:00:00+00:00", "system", (posting,))
    return ledger.LedgerWrite(account, (LINE,), 0, event)


def _payment(account: ledger.Account, ref: str, poisha: int) -> ledger.LedgerWrite:
    line = account.lines[0]
    paid = replace(line, paid=line.paid + poisha)
    posting = Posting(PostingKind.PAYMENT, line.line_id, poisha, ref)
    event = ledger.PostingEvent(ref, f"2026-08-01T00:00:0{ref[-1]}+00:00", "collector", (posting,))
    return ledger.LedgerWrite(account, (paid,), 0, event, arrears=0)


def test_a_write_needs_the_version_it_read_and_the_log_keeps_every_event(table: None) -> None:
    empty = _read()
    assert empty.version == 0 and empty.lines == ()
    ledger.commit(_demand(empty))
    with pytest.raises(ledger.LedgerConflict):
        ledger.commit(_demand(empty))  # a rerun from the same read changes nothing
    account = _read()
    assert account.version == 1 and account.lines[0].amount == 10_000
    ledger.commit(_payment(account, "pay-1", 4_000))
    with pytest.raises(ledger.LedgerConflict):
        ledger.commit(_payment(account, "pay-2", 4_000))  # stale: the account moved on
    after = _read()
    assert after.lines[0].paid == 4_000 and after.version == 2
    assert [e.ref for e in ledger.events("H1", newest_first=False)] == ["run-1", "pay-1"]


def test_two_payments_racing_on_one_account_cannot_both_settle(table: None) -> None:
    ledger.commit(_demand(_read()))
    account = _read()
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def pay(ref: str) -> None:
        barrier.wait()
        try:
            ledger.commit(_payment(account, ref, 6_000))
            outcomes.append("won")
        except ledger.LedgerConflict:
            outcomes.append("lost")

    threads = [threading.Thread(target=pay, args=(f"pay-{i}",)) for i in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["lost", "won"]
    assert _read().lines[0].paid == 6_000


def test_a_holding_and_its_account_read_in_one_query(aws_env: dict[str, object]) -> None:
    from chalicelib.adapters import holdings
    from tests.integration.revenue_seed import seed_holding, seed_lines

    holding = seed_holding()
    assert holdings.state("NOSUCH") is None
    found = holdings.state(holding.holding_id)
    assert found is not None and found[0] == holding and found[2].version == 0 and len(found[1]) == 1
    seed_lines(holding, (replace(LINE, account_id=holding.holding_id),))
    found = holdings.state(holding.holding_id)
    assert found is not None and found[2].version == 1 and found[2].lines[0].amount == 10_000
