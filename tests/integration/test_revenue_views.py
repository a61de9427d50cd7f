"""An office's collections of a day and its defaulters (decision 71), over receipts and ledgers
seeded straight into the revenue table."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chalicelib.adapters import ledger
from chalicelib.adapters.receipts import row_of
from chalicelib.domain.clock import today_bd
from chalicelib.domain.revenue.ledger import Posting, PostingKind
from chalicelib.domain.revenue.lines import DemandLine, LineKind
from chalicelib.domain.revenue.receipts import CANCELLED, Allocation, Cancellation, Receipt
from tests.integration.conftest import Api
from tests.integration.revenue_seed import seed_holding

OFFICE = "pourashava-savar"


def receipt(no: str, holding_id: str, amount: int, method: str, at: str, ward: int = 1) -> Receipt:
    allocation = Allocation("2025-26#holding_tax#1", "2025-26", "holding_tax", 1, "arrear", amount)
    return Receipt(
        no,
        holding_id,
        OFFICE,
        ward,
        "12/3",
        "Rahima Khatun",
        amount,
        (allocation,),
        0,
        method,
        f"pay-{no}",
        "pourashava-savar.secretary",
        at,
    )


def owe(holding_id: str, ward: int, fiscal_year: str, amount: int, paid: int = 0) -> None:
    """An account owing `amount - paid` on one line of `fiscal_year` (arrears if it is a past year)."""
    line = DemandLine(
        f"{fiscal_year}#holding_tax#1",
        holding_id,
        fiscal_year,
        "holding_tax",
        1,
        f"{fiscal_year[:4]}-09-30",
        amount,
        paid,
        LineKind.ARREAR,
    )
    account = ledger.account_of(holding_id, OFFICE, ward, None)
    event = ledger.PostingEvent(
        "seed", "2026-07-01T00:00:00+00:00", "seed", (Posting(PostingKind.DEMAND, line.line_id, amount, "seed"),)
    )
    ledger.commit(ledger.LedgerWrite(account, (line,), 0, event, arrears=line.outstanding))


def test_collections_of_a_day_count_issued_receipts_by_method(api: Api) -> None:
    holding = seed_holding(OFFICE)
    row_of(receipt("R1", holding.holding_id, 50_000, "cash", "2026-12-06T04:00:00+00:00")).save()
    row_of(receipt("R2", holding.holding_id, 20_000, "bkash", "2026-12-06T05:00:00+00:00")).save()
    cancelled = replace(
        receipt("R3", holding.holding_id, 9_900, "cash", "2026-12-06T06:00:00+00:00"),
        status=CANCELLED,
        cancellation=Cancellation("wrong holding", "x", "2026-12-06T07:00:00+00:00"),
    )
    row_of(cancelled).save()
    # 19:00 UTC on the 6th is already the 7th in Bangladesh
    row_of(receipt("R4", holding.holding_id, 1_000, "cash", "2026-12-06T19:00:00+00:00")).save()
    token = api.staff_token(OFFICE, "secretary")

    status, body = api.call("GET", f"/v1/offices/{OFFICE}/collections?date=2026-12-06", token=token)
    assert status == 200, body
    assert body["total"] == 70_000 and body["count"] == 2
    assert body["by_method"] == {"cash": 50_000, "sslcommerz": 0, "bkash": 20_000}
    assert [i["receipt_no"] for i in body["items"]] == ["R1", "R2", "R3"]
    assert body["items"][2]["status"] == "cancelled"
    assert "Rahima" not in str(body)

    status, body = api.call("GET", f"/v1/offices/{OFFICE}/collections?date=2026-12-07", token=token)
    assert (status, body["total"], body["count"]) == (200, 1_000, 1)


def test_collections_refuse_a_bad_date_and_other_readers(api: Api) -> None:
    token = api.staff_token(OFFICE, "secretary")
    status, body = api.call("GET", f"/v1/offices/{OFFICE}/collections?date=07-12-2026", token=token)
    assert status == 422 and body["errors"][0]["field"] == "date", body
    assert body["errors"][0]["message_bn"]
    member = api.staff_token(OFFICE, "ward_member", 1)
    assert api.call("GET", f"/v1/offices/{OFFICE}/collections", token=member)[0] == 403
    other = api.staff_token("cc-dhaka-north", "secretary")
    assert api.call("GET", f"/v1/offices/{OFFICE}/defaulters", token=other)[0] == 403
    assert api.call("GET", f"/v1/offices/{OFFICE}/collections", token=api.citizen_token(papers=False))[0] == 403
    assert api.call("GET", "/v1/offices/no-such-office/collections", token=token)[0] == 404


def test_defaulters_by_ward_with_their_arrears(api: Api) -> None:
    past = "2025-26" if today_bd().month >= 7 else "2024-25"
    ones = [seed_holding(OFFICE, ward=1, number=f"1/{n}") for n in range(3)]
    two = seed_holding(OFFICE, ward=2, number="2/1")
    paid = seed_holding(OFFICE, ward=1, number="1/9")
    for h in ones:
        owe(h.holding_id, 1, past, 120_000, paid=20_000)
    owe(two.holding_id, 2, past, 50_000)
    owe(paid.holding_id, 1, past, 50_000, paid=50_000)  # no arrears: not in the index
    token = api.staff_token(OFFICE, "secretary")

    status, body = api.call("GET", f"/v1/offices/{OFFICE}/defaulters?ward=1&limit=2", token=token)
    assert status == 200, body
    items: list[dict[str, Any]] = body["items"]
    status, more = api.call(
        "GET", f"/v1/offices/{OFFICE}/defaulters?ward=1&limit=2&cursor={body['next_cursor']}", token=token
    )
    items += more["items"]
    assert sorted(i["number"] for i in items) == ["1/0", "1/1", "1/2"]
    assert {i["arrears"] for i in items} == {100_000} and {i["ward"] for i in items} == {1}

    status, body = api.call("GET", f"/v1/offices/{OFFICE}/defaulters", token=token)
    assert [i["ward"] for i in body["items"]] == [1, 1, 1, 2]
    status, body = api.call("GET", f"/v1/offices/{OFFICE}/defaulters?ward=x", token=token)
    assert status == 422, body
