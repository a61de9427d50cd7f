"""Holdings and demands written straight into the revenue table, for tests of the parts that read
them (dues, payments, receipts, runs) without going through the register's API."""

from __future__ import annotations

import secrets

from chalicelib.adapters import ledger
from chalicelib.adapters.holdings import body_of
from chalicelib.adapters.keys import keyed_hash
from chalicelib.adapters.tables import RevenueItem
from chalicelib.domain.canonical import normalise_phone
from chalicelib.domain.revenue.assessment import Floor, Occupancy
from chalicelib.domain.revenue.holdings import Holding, Owner
from chalicelib.domain.revenue.ledger import Posting, PostingKind
from chalicelib.domain.revenue.lines import DemandLine

OWNER_PHONE = "01711000001"


def seed_holding(
    office_id: str = "pourashava-savar",
    ward: int = 1,
    number: str = "12/3",
    phone: str | None = OWNER_PHONE,
    floors: tuple[Floor, ...] = (Floor(80, "residential", Occupancy.OWNER),),
) -> Holding:
    holding = Holding(
        holding_id="H" + secrets.token_hex(6).upper(),
        office_id=office_id,
        number=number,
        ward=ward,
        village="Bank Colony",
        owners=(Owner("Rahima Khatun", phone=phone),),
        use="residential",
        land_area_sqm=120,
        construction_class="pucca",
        floors=floors,
        version=1,
        created_at="2026-07-01T00:00:00+00:00",
        updated_at="2026-07-01T00:00:00+00:00",
    )
    pk = ledger.account_pk(holding.holding_id)
    RevenueItem(
        pk,
        "holding",
        kind="holding",
        office_id=office_id,
        version=1,
        body=body_of(holding),
        reg_office=office_id,
        reg_sort=f"{ward:03d}#{holding.canonical}",
    ).save()
    RevenueItem(f"number#{office_id}#{holding.canonical}", "number", kind="number", body={"holding_id": pk[5:]}).save()
    if phone:
        RevenueItem(
            f"owner#{keyed_hash('phone', normalise_phone(phone) or phone)}",
            holding.holding_id,
            kind="owner",
            office_id=office_id,
        ).save()
    return holding


def seed_lines(holding: Holding, lines: tuple[DemandLine, ...], ref: str = "seed") -> ledger.Account:
    """Demand these lines on the holding's account (one ledger write, as a run or an import makes)."""
    account = ledger.account_of(holding.holding_id, holding.office_id, holding.ward, None)
    postings = tuple(Posting(PostingKind.DEMAND, line.line_id, line.amount, ref) for line in lines)
    event = ledger.PostingEvent(ref, "2026-07-01T00:00:00+00:00", "seed", postings)
    ledger.commit(ledger.LedgerWrite(account, lines, 0, event))
    return ledger.account_of(
        holding.holding_id,
        holding.office_id,
        holding.ward,
        ledger.read_items([ledger.ledger_item(holding.holding_id)]).get(ledger.ledger_item(holding.holding_id)),
    )
