"""A revenue account's ledger in DynamoDB (decision 65).

The account's lines (each with what it has been paid) live in one `ledger` item with a version;
every ledger write is ONE TransactWriteItems: the ledger item replaced on condition its version is
the one read, plus the posting that says why (append-only, never updated or deleted) and whatever
else belongs to the same event (a receipt, a run's mark). Two writers racing on an account: one
wins, the other gets `LedgerConflict` and reads again. Above this module accounts are `Account`s
(plain, frozen) and writes `LedgerWrite` intents; rows, keys and conditions stay here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from pynamodb.exceptions import TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.tables import RevenueItem
from chalicelib.domain.revenue.ledger import Posting, PostingKind
from chalicelib.domain.revenue.lines import DemandLine, LineKind

BATCH_GET = 100  # DynamoDB's BatchGetItem limit


class LedgerConflict(Exception):
    """The account changed since it was read (another payment, run or adjustment won)."""


def account_pk(holding_id: str) -> str:
    return f"acct#{holding_id}"


@dataclass(frozen=True)
class Account:
    """What a revenue account owes, as stored: its lines (amount and paid), its advance, and the
    version the next write must find. `version` 0: no ledger item yet."""

    holding_id: str
    office_id: str
    ward: int
    lines: tuple[DemandLine, ...] = ()
    advance: int = 0  # poisha held for the account (an overpayment under the "advance" policy)
    version: int = 0

    def line(self, line_id: str) -> DemandLine | None:
        return next((line for line in self.lines if line.line_id == line_id), None)

    @property
    def years(self) -> frozenset[str]:
        return frozenset(line.fiscal_year for line in self.lines if line.kind is not LineKind.SURCHARGE)


@dataclass(frozen=True)
class PostingEvent:
    """One ledger event as logged: its postings and who made it (an official, a gateway, a run)."""

    ref: str  # the payment, receipt, run or adjustment id: unique per account
    at: str  # UTC stamp
    by: str  # actor id ("system" components too)
    postings: tuple[Posting, ...]
    note: str = ""  # free text an official gave (an adjustment's note, a cancellation's reason)


@dataclass(frozen=True)
class RowUpdate:
    """A row updated in a ledger write's transaction, on its condition (a receipt cancelled only
    while it is as read; a gateway payment marked paid only once). Built by the adapter that owns
    the row (any table: a transaction spans tables)."""

    row: Any
    actions: Sequence[Action]
    condition: Condition


@dataclass(frozen=True)
class LedgerWrite:
    """One ledger event on one account: the account's new state and the posting that explains it.

    `extra` are further rows written in the same transaction (a receipt, for instance), each put
    only if absent; `updates` rows updated in it, each on its own condition."""

    account: Account  # as read: its version is the condition
    lines: tuple[DemandLine, ...]  # the account's lines after the event
    advance: int
    event: PostingEvent
    arrears: int = 0  # outstanding on lines of past years after the event (sparse defaulters index)
    extra: Sequence[RevenueItem] = field(default_factory=tuple)
    updates: Sequence[RowUpdate] = field(default_factory=tuple)


def _line_body(line: DemandLine) -> dict[str, Any]:
    # A shallow copy (a line's fields are plain values): asdict's deep copy was a twentieth of a
    # demand run's own CPU.
    body = {f.name: getattr(line, f.name) for f in fields(line) if f.name != "account_id"}
    body["kind"] = line.kind.value
    return body


def _line(holding_id: str, body: dict[str, Any]) -> DemandLine:
    return DemandLine(
        line_id=str(body["line_id"]),
        account_id=holding_id,
        fiscal_year=str(body["fiscal_year"]),
        head=str(body["head"]),
        instalment=int(body["instalment"]),
        due_on=str(body["due_on"]),
        amount=int(body["amount"]),
        paid=int(body.get("paid", 0)),
        kind=LineKind(str(body.get("kind", LineKind.CURRENT.value))),
    )


def account_of(holding_id: str, office_id: str, ward: int, item: RevenueItem | None) -> Account:
    """The account a ledger item holds (or the empty account of a holding never billed)."""
    if item is None:
        return Account(holding_id, office_id, ward)
    body = item.body or {}
    return Account(
        holding_id=holding_id,
        office_id=office_id,
        ward=ward,
        lines=tuple(_line(holding_id, b) for b in body.get("lines", [])),
        advance=int(body.get("advance", 0)),
        version=int(item.version or 0),
    )


def ledger_item(holding_id: str) -> tuple[str, str]:
    return account_pk(holding_id), "ledger"


def _posting_body(p: Posting) -> dict[str, Any]:
    body: dict[str, Any] = {"kind": p.kind.value, "line_id": p.line_id, "poisha": p.poisha, "ref": p.ref}
    if p.reason:
        body["reason"] = p.reason
    if p.approver:
        body["approver"] = p.approver
    return body


def _posting(body: dict[str, Any]) -> Posting:
    return Posting(
        PostingKind(str(body["kind"])),
        str(body["line_id"]),
        int(body["poisha"]),
        str(body["ref"]),
        reason=body.get("reason"),
        approver=body.get("approver"),
    )


def _ledger_row(w: LedgerWrite) -> RevenueItem:
    a = w.account
    pk, sk = ledger_item(a.holding_id)
    row = RevenueItem(
        pk,
        sk,
        kind="ledger",
        office_id=a.office_id,
        version=a.version + 1,
        body={"lines": [_line_body(line) for line in w.lines], "advance": w.advance, "ward": a.ward},
    )
    if w.arrears > 0:
        row.owing_office = a.office_id
        row.owing_sort = f"{a.ward:03d}#{a.holding_id}"
    return row


def _event_row(holding_id: str, office_id: str, e: PostingEvent) -> RevenueItem:
    return RevenueItem(
        account_pk(holding_id),
        f"posting#{e.at}#{e.ref}",
        kind="posting",
        office_id=office_id,
        body={"ref": e.ref, "at": e.at, "by": e.by, "note": e.note, "postings": [_posting_body(p) for p in e.postings]},
    )


def add_write(tx: TransactWrite, w: LedgerWrite) -> None:
    """Add one account's ledger write to a transaction (a demand run batches many accounts)."""
    a = w.account
    row = _ledger_row(w)
    if a.version:
        tx.save(row, condition=RevenueItem.version == a.version)
    else:
        tx.save(row, condition=RevenueItem.pk.does_not_exist())
    tx.save(_event_row(a.holding_id, a.office_id, w.event), condition=RevenueItem.pk.does_not_exist())
    for extra in w.extra:
        tx.save(extra, condition=RevenueItem.pk.does_not_exist())
    for update in w.updates:
        tx.update(update.row, actions=list(update.actions), condition=update.condition)


def commit(*writes: LedgerWrite) -> None:
    """Write ledger events in one transaction (≤ 100 rows in all); `LedgerConflict` if any account
    changed since it was read or an event with the same ref was already written."""
    try:
        with TransactWrite(connection=RevenueItem._get_connection().connection) as tx:
            for w in writes:
                add_write(tx, w)
    except TransactWriteError as exc:
        if exc.cause_response_code == "TransactionCanceledException":
            raise LedgerConflict("the account changed; read it again") from exc
        raise


def events(holding_id: str, limit: int = 100, newest_first: bool = True) -> list[PostingEvent]:
    """The account's ledger events (the append-only log)."""
    rows = RevenueItem.query(
        account_pk(holding_id),
        RevenueItem.sk.startswith("posting#"),
        scan_index_forward=not newest_first,
        limit=limit,
    )
    out = []
    for row in rows:
        body = row.body or {}
        out.append(
            PostingEvent(
                ref=str(body["ref"]),
                at=str(body["at"]),
                by=str(body["by"]),
                postings=tuple(_posting(p) for p in body.get("postings", [])),
                note=str(body.get("note", "")),
            )
        )
    return out


def read_items(keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], RevenueItem]:
    """Many items by key in BatchGetItem calls of 100 (a demand run's batch of holdings)."""
    out: dict[tuple[str, str], RevenueItem] = {}
    for row in RevenueItem.batch_get(list(keys)):
        out[(row.pk, row.sk)] = row
    return out
