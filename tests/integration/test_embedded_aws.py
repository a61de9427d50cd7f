"""The embedded AWS's transactions (local/moto_server.py): rolled back item by item, as moto's
whole-table backup did, so a cancelled TransactWriteItems leaves every item (and the table's stream)
as it was."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.adapters import ledger
from chalicelib.adapters.tables import RevenueItem
from local.moto_server import install_fast_transactions
from tests.integration.revenue_seed import seed_holding, seed_lines


def _revenue_stream() -> Any:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    table = dynamodb_backends[DEFAULT_ACCOUNT_ID]["ap-south-1"].tables[RevenueItem.Meta.table_name]
    assert table.stream_shard is not None
    return table.stream_shard


def test_a_cancelled_transaction_leaves_every_item_as_it_was(aws_env: dict[str, Any]) -> None:
    install_fast_transactions()
    holding = seed_holding("union-1", phone=None)
    account = seed_lines(holding, ())
    before = RevenueItem.get(*ledger.ledger_item(holding.holding_id)).body
    stream = _revenue_stream()
    records = len(stream.items)
    stale = ledger.Account(holding.holding_id, "union-1", 1, version=account.version - 1 or 99)
    fresh = ledger.Account("HNEW", "union-1", 1)
    event = ledger.PostingEvent("E1", "2026-07-02T00:00:00+00:00", "test", ())
    with pytest.raises(ledger.LedgerConflict):  # the new account first, then the stale one: cancelled
        ledger.commit(ledger.LedgerWrite(fresh, (), 0, event), ledger.LedgerWrite(stale, (), 5, event))
    assert RevenueItem.get(*ledger.ledger_item(holding.holding_id)).body == before
    assert list(RevenueItem.query(ledger.account_pk("HNEW"))) == []
    assert len(stream.items) == records  # the cancelled writes left nothing on the table's stream
    ledger.commit(ledger.LedgerWrite(fresh, (), 0, event))  # and a good one still commits
    assert RevenueItem.get(*ledger.ledger_item("HNEW")).version == 1
