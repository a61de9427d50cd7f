"""The holdings register in DynamoDB (decision 65): a holding is the `holding` item of its account's
item collection; its number, owners and name words are index items beside it. Above this module a
holding is the plain `Holding` record; rows and keys stay here."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.keys import keyed_hash
from chalicelib.adapters.ledger import Account, account_of, account_pk, read_items
from chalicelib.adapters.paging import decode_cursor, encode_cursor
from chalicelib.adapters.tables import RevenueItem
from chalicelib.domain.canonical import normalise_phone
from chalicelib.domain.revenue.assessment import Floor, Occupancy
from chalicelib.domain.revenue.holdings import Holding, Owner
from chalicelib.domain.revenue.register import name_words


def owner_keys(owners: tuple[Owner, ...]) -> list[str]:
    """The keyed hashes that link a holding to its owners' citizen accounts (phone, NID); a phone
    hashed in the form a citizen's account is keyed by (canonical.normalise_phone: 8801XXXXXXXXX)."""
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


# --- the register's writes -------------------------------------------------------------------------


class NumberTaken(Exception):
    """Another holding of the office has this number (canonical form)."""


class HoldingChanged(Exception):
    """The holding changed since it was read (its version moved on)."""


@dataclass(frozen=True)
class Change:
    """One register change as its history keeps it: who, when, and each field's before/after."""

    at: str
    by: str
    changes: dict[str, dict[str, Any]]


def _number_key(office_id: str, canonical: str) -> str:
    return f"number#{office_id}#{canonical}"


def _word_keys(holding: Holding) -> set[str]:
    return {f"name#{holding.office_id}#{keyed_hash('name-word', w)}" for w in name_words(holding.owners)}


def _owner_pks(holding: Holding) -> set[str]:
    return {f"owner#{k}" for k in owner_keys(holding.owners)}


def _holding_row(holding: Holding, kept: dict[str, Any] | None = None) -> RevenueItem:
    return RevenueItem(
        account_pk(holding.holding_id),
        "holding",
        kind="holding",
        office_id=holding.office_id,
        version=holding.version,
        body={**(kept or {}), **body_of(holding)},
        reg_office=holding.office_id,
        reg_sort=f"{holding.ward:03d}#{holding.canonical}",
    )


def _number_row(holding: Holding) -> RevenueItem:
    pk = _number_key(holding.office_id, holding.canonical)
    return RevenueItem(
        pk, "number", kind="number", office_id=holding.office_id, body={"holding_id": holding.holding_id}
    )


def _index_row(pk: str, holding: Holding, kind: str) -> RevenueItem:
    return RevenueItem(pk, holding.holding_id, kind=kind, office_id=holding.office_id)


def _history_row(holding: Holding, change: Change) -> RevenueItem:
    body = {"at": change.at, "by": change.by, "changes": change.changes}
    sk = f"history#{change.at}#{holding.version:06d}"
    return RevenueItem(account_pk(holding.holding_id), sk, kind="history", office_id=holding.office_id, body=body)


def _transact(fill: Any, number_at: int | None) -> None:
    """Run one transaction; a failed condition on the number claim (item `number_at`) is
    `NumberTaken`, any other `HoldingChanged`."""
    try:
        with TransactWrite(connection=RevenueItem._get_connection().connection) as tx:
            fill(tx)
    except TransactWriteError as exc:
        if exc.cause_response_code != "TransactionCanceledException":
            raise
        reasons = exc.cancellation_reasons
        if number_at is not None and number_at < len(reasons) and reasons[number_at] is not None:
            raise NumberTaken("this office already has a holding with this number") from exc
        raise HoldingChanged("the holding changed; read it again") from exc


def create(holding: Holding, change: Change) -> None:
    """A new holding (version 1): its entry, its number's claim (unique in the office), its owners'
    and name words' index items and its first history item, in one transaction."""

    def fill(tx: TransactWrite) -> None:
        tx.save(_number_row(holding), condition=_new())
        tx.save(_holding_row(holding), condition=_new())
        for pk in sorted(_owner_pks(holding)):
            tx.save(_index_row(pk, holding, "owner"))
        for pk in sorted(_word_keys(holding)):
            tx.save(_index_row(pk, holding, "name"))
        tx.save(_history_row(holding, change), condition=_new())

    _transact(fill, number_at=0)


def _new() -> Any:
    return RevenueItem.pk.does_not_exist()


def update(before: Holding, after: Holding, change: Change) -> None:
    """Replace a holding's entry on condition it is still at `before.version` (`after.version` is
    the next), moving its number's claim and the index items that changed, with a history item."""
    stored = RevenueItem.get(account_pk(before.holding_id), "holding", consistent_read=True)
    if int(stored.version or 0) != before.version:
        raise HoldingChanged("the holding changed; read it again")
    moved = before.canonical != after.canonical

    def fill(tx: TransactWrite) -> None:
        if moved:
            tx.save(_number_row(after), condition=_new())
            tx.delete(_number_row(before), condition=RevenueItem.body.exists())
        tx.save(_holding_row(after, stored.body), condition=RevenueItem.version == before.version)
        for old, new, kind in (
            (_owner_pks(before), _owner_pks(after), "owner"),
            (_word_keys(before), _word_keys(after), "name"),
        ):
            for pk in sorted(new - old):
                tx.save(_index_row(pk, after, kind))
            for pk in sorted(old - new):
                tx.delete(RevenueItem(pk, before.holding_id))
        tx.save(_history_row(after, change), condition=_new())

    _transact(fill, number_at=0 if moved else None)


# --- the register's reads --------------------------------------------------------------------------


def get(holding_id: str) -> Holding | None:
    try:
        return holding_of(RevenueItem.get(account_pk(holding_id), "holding"))
    except RevenueItem.DoesNotExist:
        return None


def number_holder(office_id: str, canonical: str) -> str | None:
    """The holding that has this number in the office (canonical form), if any."""
    try:
        return str((RevenueItem.get(_number_key(office_id, canonical), "number").body or {})["holding_id"])
    except RevenueItem.DoesNotExist:
        return None


def many(holding_ids: list[str]) -> list[Holding]:
    """Holdings by id, in the order asked (BatchGetItem; ids with no holding left out)."""
    rows = read_items((account_pk(h), "holding") for h in dict.fromkeys(holding_ids))
    return [holding_of(rows[(account_pk(h), "holding")]) for h in holding_ids if (account_pk(h), "holding") in rows]


def history(holding_id: str, limit: int = 100) -> list[Change]:
    rows = RevenueItem.query(
        account_pk(holding_id), RevenueItem.sk.startswith("history#"), scan_index_forward=False, limit=limit
    )
    return [Change(str(b["at"]), str(b["by"]), dict(b["changes"])) for b in (r.body or {} for r in rows)]


def of_owner(keys: list[str], limit: int = 100) -> list[str]:
    """The holdings whose owners include one of these keyed hashes (phone, NID), by id."""
    found: list[str] = []
    for key in keys:
        found += [r.sk for r in RevenueItem.query(f"owner#{key}", limit=limit)]
    return list(dict.fromkeys(found))


def by_office(
    office_id: str, ward: int | None, prefix: str, limit: int, cursor: str | None
) -> tuple[list[Holding], str | None]:
    """An office's register in ward and number order (the sparse `by_office` index): all of it, or
    one ward's, optionally only numbers that start with `prefix` (canonical) in that ward."""
    start = decode_cursor(cursor, {"reg_office": office_id})
    if start is not None:
        start.pop("w", None)  # a cursor of the search across wards
    begins = f"{ward:03d}#{prefix}" if ward is not None else ""
    return _register_page(office_id, begins, limit, start, None)


def by_number(
    office_id: str, wards: int, prefix: str, limit: int, cursor: str | None
) -> tuple[list[Holding], str | None]:
    """Numbers that start with `prefix` in any ward: one Query per ward, in ward order, until
    `limit` are found (the cursor carries the ward it stopped in)."""
    start = decode_cursor(cursor, {"reg_office": office_id})
    ward = int(start.pop("w", {}).get("N", "1")) if start else 1
    found: list[Holding] = []
    while ward <= wards and len(found) < limit:
        page, after = _register_page(office_id, f"{ward:03d}#{prefix}", limit - len(found), start or None, ward)
        found += page
        start = None
        if after is not None:
            return found, after
        ward += 1
    if len(found) >= limit and ward <= wards:
        key = {"reg_office": {"S": office_id}, "w": {"N": str(ward)}}
        return found, encode_cursor(key)
    return found, None


def _register_page(
    office_id: str, begins: str, limit: int, start: dict[str, Any] | None, ward: int | None
) -> tuple[list[Holding], str | None]:
    condition = RevenueItem.reg_sort.startswith(begins) if begins else None
    if start is not None and "pk" not in start:
        start = None  # a cursor that only names the ward to start in
    rows = RevenueItem.by_office.query(office_id, condition, limit=limit, last_evaluated_key=start)
    page = [holding_of(r) for r in rows]
    last = rows.last_evaluated_key
    if last and ward is not None:
        last = {**last, "w": {"N": str(ward)}}
    return page, encode_cursor(last) if last else None


def by_name_word(office_id: str, word: str, limit: int, cursor: str | None) -> tuple[list[Holding], str | None]:
    """Holdings with an owner whose name has this word (normalised): the name index, then BatchGet."""
    pk = f"name#{office_id}#{keyed_hash('name-word', word)}"
    start = decode_cursor(cursor, {"pk": pk})
    rows = RevenueItem.query(pk, limit=limit, last_evaluated_key=start)
    ids = [r.sk for r in rows]
    return many(ids), encode_cursor(rows.last_evaluated_key)
