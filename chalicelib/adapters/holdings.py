"""The holdings register in DynamoDB (decision 65): a holding is the `holding` item of its account's
item collection; its number, owners and name words are index items beside it. Above this module a
holding is the plain `Holding` record; rows and keys stay here."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from chalicelib.adapters.keys import keyed_hash
from chalicelib.adapters.ledger import Account, account_of, account_pk
from chalicelib.adapters.tables import RevenueItem
from chalicelib.domain.canonical import normalise_phone
from chalicelib.domain.revenue.assessment import Floor, Occupancy
from chalicelib.domain.revenue.holdings import Holding, Owner


def owner_keys(owners: tuple[Owner, ...]) -> list[str]:
    """The keyed hashes that link a holding to its owners' citizen accounts (phone, NID). A phone is
    hashed in its canonical form ("8801XXXXXXXXX"), as a citizen's account is keyed."""
    keys = [keyed_hash("phone", normalise_phone(o.phone) or o.phone) for o in owners if o.phone]
    keys += [keyed_hash("nid", o.nid) for o in owners if o.nid]
    return sorted(set(keys))


def body_of(holding: Holding) -> dict[str, Any]:
    body = asdict(holding)
    for name in ("holding_id", "office_id", "version"):
        body.pop(name)
    body["owner_keys"] = owner_keys(holding.owners)
    return body


def holding_of(row: RevenueItem) -> Holding:
    body = row.body or {}
    return Holding(
        holding_id=row.pk.removeprefix("acct#"),
        office_id=str(row.office_id),
        number=str(body["number"]),
        ward=int(body["ward"]),
        village=str(body.get("village", "")),
        owners=tuple(Owner(**o) for o in body.get("owners", [])),
        use=str(body["use"]),
        land_area_sqm=int(body.get("land_area_sqm", 0)),
        construction_class=str(body["construction_class"]),
        floors=tuple(
            Floor(int(f["built_area_sqm"]), str(f["use"]), Occupancy(f["occupancy"]), int(f.get("monthly_rent", 0)))
            for f in body.get("floors", [])
        ),
        version=int(row.version or 0),
        created_at=str(body.get("created_at", "")),
        updated_at=str(body.get("updated_at", "")),
    )


def stored_owner_keys(row: RevenueItem) -> tuple[str, ...]:
    return tuple((row.body or {}).get("owner_keys", []))


def state(holding_id: str) -> tuple[Holding, tuple[str, ...], Account] | None:
    """A holding, its owners' keyed hashes and its ledger account, in ONE Query (the register entry
    and the ledger item sort next to each other); None if there is no such holding."""
    rows = {
        r.sk: r for r in RevenueItem.query(account_pk(holding_id), RevenueItem.sk.between("holding", "ledger"), limit=2)
    }
    row = rows.get("holding")
    if row is None:
        return None
    holding = holding_of(row)
    return holding, stored_owner_keys(row), account_of(holding_id, holding.office_id, holding.ward, rows.get("ledger"))
