"""On the whole local stack (`make run`'s): the revenue table's stream reaches `revenue_stream`
through the event pump, and the owner's "payment received" SMS is in the local outbox."""

from __future__ import annotations

from chalicelib.adapters.receipts import row_of
from local import stack as local_stack
from tests.integration.live import http
from tests.integration.revenue_seed import OWNER_PHONE, seed_holding
from tests.integration.test_revenue_views import receipt


def test_a_receipt_written_is_told_to_the_owner(live: local_stack.Stack) -> None:
    holding = seed_holding("pourashava-savar", number="44/2")
    row_of(receipt("LIVE1RECEIPT0001", holding.holding_id, 120_050, "cash", "2026-12-06T04:00:00+00:00")).save()
    live.pump.drain()
    status, box = http(live.api_url, "GET", f"/v1/_local/outbox?phone={OWNER_PHONE}")
    assert status == 200, box
    [text] = [item["text"] for item in box["items"] if item["purpose"] == "revenue_payment"]
    assert "12/3" in text and "৳১২০০.৫০" in text and "LIVE-1REC-EIPT-0001" in text
