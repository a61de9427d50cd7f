"""What a holding owes, and bills (DESIGN §10; decision 68). Also the revenue ledger services'
shared steps: loading a holding with its account and the caller's relations to it (one Query), the
schedule in force, and a ledger write that reads the account again once if another write won.

GET /v1/holdings/{id}/dues costs one Query (the holding and its ledger item), plus the citizen's
account only when their phone is not one of the owners' (to try their verified NID)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from chalicelib.adapters import accounts, bills, holdings, offices
from chalicelib.adapters import ledger as store
from chalicelib.adapters.ledger import Account, LedgerConflict, LedgerWrite
from chalicelib.domain import codes, path_ids
from chalicelib.domain.actors import Actor
from chalicelib.domain.clock import BANGLADESH, parse_stamp, today_bd, utc_stamp
from chalicelib.domain.errors import conflict, not_found
from chalicelib.domain.revenue import access
from chalicelib.domain.revenue.dues import Bill, due_by
from chalicelib.domain.revenue.dues import dues as price
from chalicelib.domain.revenue.fiscal import fiscal_year_of
from chalicelib.domain.revenue.holdings import Holding
from chalicelib.domain.revenue.ledger import LedgerError
from chalicelib.domain.revenue.schedule import Schedule
from chalicelib.services import tax_schedules

HOLDING_ID = re.compile(r"[A-Za-z0-9]{1,64}")


@dataclass(frozen=True)
class Loaded:
    """A holding, its account as read, and what the caller is to it."""

    holding: Holding
    account: Account
    office_kind: str
    relations: frozenset[str]

    def schedule(self, today: dt.date) -> Schedule:
        return _schedule(self.holding.office_id, self.office_kind, fiscal_year_of(today))


def _schedule(office_id: str, kind: str, fiscal_year: str) -> Schedule:
    """The schedule in force for an office and fiscal year (services/tax_schedules.in_force)."""
    return tax_schedules.in_force(office_id, kind, fiscal_year)


def _citizen_keys(actor: Actor, owner_keys: tuple[str, ...]) -> set[str]:
    return citizen_keys(actor.account, owner_keys)


def citizen_keys(account: str, owner_keys: tuple[str, ...]) -> set[str]:
    """The keyed hashes a citizen (`account`: their phone's) is known by: their phone's, and their
    verified NID's (read only when the phone is not one of the owners')."""
    keys = {account}
    if account not in owner_keys:
        citizen = accounts.citizen(account)
        if citizen is not None and citizen.nid_hash:
            keys.add(citizen.nid_hash)
    return keys


def office_kind(office_id: str) -> str:
    """union, pourashava or city_corporation (the office is cached in the container)."""
    office = offices.get(office_id)
    if office is None:
        raise not_found("Holding")
    return office.kind


def relations(actor: Actor, office_id: str, owner_keys: tuple[str, ...]) -> tuple[str, frozenset[str]]:
    """The office's kind, and what the actor is to a holding of it with these owners."""
    kind = office_kind(office_id)
    keys = _citizen_keys(actor, owner_keys) if actor.is_citizen else set()
    return kind, access.holding_relations(actor, office_id, kind, owner_keys, keys)


def authorise(operation: str, rel: frozenset[str], what: str = "Holding") -> None:
    """Who may not read the holding learns nothing of it (404); a reader who may not do this, 403."""
    if not access.may("holding.read", rel):
        raise not_found(what)
    if not access.may(operation, rel):
        raise access.refused(operation)


def read(holding_id: str, what: str = "Holding") -> tuple[Holding, tuple[str, ...], Account]:
    found = holdings.state(path_ids.plain(holding_id, HOLDING_ID, what))
    if found is None:
        raise not_found(what)
    return found


def load(actor: Actor, holding_id: str, operation: str) -> Loaded:
    holding, owner_keys, account = read(holding_id)
    kind, rel = relations(actor, holding.office_id, owner_keys)
    authorise(operation, rel)
    return Loaded(holding, account, kind, rel)


def fresh_account(holding_id: str) -> Account:
    return read(holding_id)[2]


def commit_retrying(build: Callable[[int], LedgerWrite]) -> LedgerWrite:
    """Build a ledger write (attempt 0: from the account as loaded; 1: read again) and commit it;
    when another write won the race, once more, then 409 account_changed. A refusal of the
    ledger's (below the minimum, more than owed, …) is its catalog problem, nothing written."""
    for attempt in range(2):
        try:
            write = build(attempt)
        except LedgerError as err:
            raise err.problem() from None
        try:
            store.commit(write)
        except LedgerConflict:
            continue
        return write
    raise conflict(
        "account_changed",
        "another payment or change to this holding's account came first; try again",
        detail_bn="এর মধ্যে এই হোল্ডিংয়ের হিসাবে অন্য পরিশোধ বা পরিবর্তন হয়েছে; আবার চেষ্টা করুন",
    )


def _dues_view(loaded: Loaded, today: dt.date) -> dict[str, Any]:
    priced = price(loaded.account.lines, loaded.schedule(today), today)
    view = asdict(priced)
    return {"holding_id": loaded.holding.holding_id, **view, "advance": loaded.account.advance}


def get_dues(actor: Actor, holding_id: str) -> dict[str, Any]:
    """GET /v1/holdings/{id}/dues: the open lines priced today, what is owed, the advance."""
    return _dues_view(load(actor, holding_id, "holding.read"), today_bd())


def _end_of(day: dt.date) -> str:
    return utc_stamp(dt.datetime.combine(day, dt.time(23, 59, 59), BANGLADESH))


def _bill_view(bill: Bill) -> dict[str, Any]:
    return asdict(bill)


def make_bill(actor: Actor, holding_id: str) -> dict[str, Any]:
    """POST /v1/holdings/{id}/bills: the open lines priced today, payable until `due_by` (today +
    15 days, or the day before the next rebate or surcharge change, whichever is sooner)."""
    loaded = load(actor, holding_id, "holding.read")
    today = today_bd()
    schedule = loaded.schedule(today)
    priced = price(loaded.account.lines, schedule, today)
    last = due_by(priced.lines, schedule, today)
    bill = Bill(
        bill_id=codes.new_code(),
        holding_id=loaded.holding.holding_id,
        office_id=loaded.holding.office_id,
        lines=priced.lines,
        total=priced.total_payable,
        total_due=priced.total_due,
        created_at=utc_stamp(),
        due_by=last.isoformat(),
        expires_at=_end_of(last),
    )
    bills.put(bill)
    return _bill_view(bill)


def get_bill(actor: Actor, bill_id: str) -> dict[str, Any]:
    """GET /v1/bills/{id}: the bill as made, for the holding's readers, until it expires."""
    bill = bills.get(path_ids.code(bill_id, "Bill"))
    if bill is None or parse_stamp(bill.expires_at) < dt.datetime.now(dt.UTC):
        raise not_found("Bill")
    _, owner_keys, _ = read(bill.holding_id, "Bill")
    _, rel = relations(actor, bill.office_id, owner_keys)
    authorise("holding.read", rel, "Bill")
    return _bill_view(bill)
