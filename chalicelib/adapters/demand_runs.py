"""Demand runs in the revenue table and on their queue (decision 67).

- `run#<run_id>` / `run`: the run (office, year, who, when) with `state` (planning, running, done)
  and the counters `total`, `done`, `failed` that batches ADD to atomically.
- `runlock#<office_id>#<fiscal year>` / `runlock`: held while a run of that office and year is
  going (its `version` the epoch second the lease ends); a second start while it is held is refused.
- The start is ONE transaction: the run, the lock, and the year's schedule item marked `billed`
  (created from the document in force if the office has none, so the year's schedule is frozen).
- `run#<run_id>` / `page#<n>`, `batch#<n>`: "counted" markers (TTL), created in the transaction
  that ADDs a page's or a batch's counts, so a message delivered again counts nothing twice.
- The office's register is read page by page from the sparse `by_office` index (never a Scan); the
  queue carries plan messages (a cursor) and batch messages (a few hundred holding ids)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pynamodb.exceptions import TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters import ledger
from chalicelib.adapters.assessments import StoredAssessment, assessment_of
from chalicelib.adapters.aws import client
from chalicelib.adapters.holdings import holding_of
from chalicelib.adapters.schedules import key as schedule_key
from chalicelib.adapters.tables import RevenueItem
from chalicelib.config import settings
from chalicelib.domain.revenue.holdings import Holding

MARKER_SECONDS = 30 * 86400  # a run's "counted" markers outlive any redelivery, then expire (TTL)
LEASE_SECONDS = 3600  # a run not finished in this long no longer blocks a new one (a crashed run)
SEND_BATCH = 10  # SendMessageBatch's limit
TRANSACTION_TRIES = 3
PAGE_ROWS: int | None = None  # rows a register Query asks for (None: the plan's limit; DynamoDB stops at 1 MB)
DEMAND_ATTEMPTS = 5  # deliveries of a plan or batch message before it is dead-lettered


class RunRunning(Exception):
    """A demand run for this office and year is still going."""


@dataclass(frozen=True)
class Run:
    run_id: str
    office_id: str
    fiscal_year: str
    state: str  # planning, running, done
    total: int = 0
    done: int = 0
    failed: int = 0
    started_at: str = ""
    finished_at: str | None = None
    by: str = ""

    @property
    def complete(self) -> bool:
        return self.state == "running" and self.done + self.failed >= self.total


def _run_key(run_id: str) -> tuple[str, str]:
    return f"run#{run_id}", "run"


def _lock_key(office_id: str, fiscal_year: str) -> tuple[str, str]:
    return f"runlock#{office_id}#{fiscal_year}", "runlock"


def _run_of(row: RevenueItem) -> Run:
    body = row.body or {}
    return Run(
        run_id=row.pk.removeprefix("run#"),
        office_id=str(row.office_id),
        fiscal_year=str(body.get("fiscal_year", "")),
        state=str(row.state or "planning"),
        total=int(row.total or 0),
        done=int(row.done or 0),
        failed=int(row.failed or 0),
        started_at=str(body.get("started_at", "")),
        finished_at=body.get("finished_at"),
        by=str(body.get("by", "")),
    )


def start(run: Run, schedule_document: dict[str, Any], now_epoch: int) -> None:
    """Create the run, take the office-year lock and mark the schedule billed, in one transaction;
    `RunRunning` if another run of the office and year holds the lock. A transaction cancelled by
    a concurrent write (a schedule change in flight) is tried again."""
    for attempt in range(TRANSACTION_TRIES):
        try:
            _start_once(run, schedule_document, now_epoch)
            return
        except TransactWriteError as exc:
            if exc.cause_response_code != "TransactionCanceledException":
                raise
            reasons = [r.code if r else None for r in exc.cancellation_reasons]
            if "ConditionalCheckFailed" in reasons or attempt == TRANSACTION_TRIES - 1:
                raise RunRunning(run.office_id) from exc
            time.sleep(0.05 * (attempt + 1))


def _start_once(run: Run, schedule_document: dict[str, Any], now_epoch: int) -> None:
    body = {"fiscal_year": run.fiscal_year, "started_at": run.started_at, "by": run.by, "finished_at": None}
    row = RevenueItem(*_run_key(run.run_id), kind="run", office_id=run.office_id, body=body)
    row.state, row.total, row.done, row.failed = "planning", 0, 0, 0
    lock = RevenueItem(*_lock_key(run.office_id, run.fiscal_year), kind="runlock", office_id=run.office_id)
    lock.version, lock.body = now_epoch + LEASE_SECONDS, {"run_id": run.run_id}
    schedule = RevenueItem(*schedule_key(run.office_id, run.fiscal_year))
    stored = {"document": schedule_document, "updated_at": run.started_at, "by": run.by}
    with TransactWrite(connection=RevenueItem._get_connection().connection) as tx:
        tx.save(row, condition=RevenueItem.pk.does_not_exist())
        tx.save(lock, condition=RevenueItem.pk.does_not_exist() | (RevenueItem.version < now_epoch))
        tx.update(
            schedule,
            actions=[
                RevenueItem.kind.set("schedule"),
                RevenueItem.office_id.set(run.office_id),
                RevenueItem.body.set(RevenueItem.body | stored),
                RevenueItem.billed.set(RevenueItem.billed | run.started_at),
            ],
        )


def get(run_id: str) -> Run | None:
    try:
        return _run_of(RevenueItem.get(*_run_key(run_id), consistent_read=True))
    except RevenueItem.DoesNotExist:
        return None


def count_once(run_id: str, part: str, now_epoch: int, total: int = 0, done: int = 0, failed: int = 0) -> bool:
    """ADD a part's counts (a page's `total`, a batch's `done` and `failed`) to the run once: a
    marker item `part` in the run's partition is created in the same transaction, so a message
    SQS delivers again counts nothing twice. False when the part was counted already."""
    marker = RevenueItem(_run_key(run_id)[0], part, kind="counted", expires_at=now_epoch + MARKER_SECONDS)
    actions = [  # ADD is atomic: batches count at once
        getattr(RevenueItem, name).add(value)
        for name, value in (("total", total), ("done", done), ("failed", failed))
        if value
    ]
    try:
        with TransactWrite(connection=RevenueItem._get_connection().connection) as tx:
            tx.save(marker, condition=RevenueItem.pk.does_not_exist())
            tx.update(
                RevenueItem(*_run_key(run_id)),
                actions=actions or [RevenueItem.total.add(0)],
                condition=RevenueItem.pk.exists(),
            )
    except TransactWriteError as exc:
        reasons = [r.code if r else None for r in exc.cancellation_reasons]
        if reasons and reasons[0] == "ConditionalCheckFailed":
            return False
        raise
    return True


def planned(run_id: str) -> Run:
    """Planning is over: every batch is on the queue and counted in `total`."""
    row = RevenueItem(*_run_key(run_id))
    row.update(actions=[RevenueItem.state.set("running")], condition=RevenueItem.pk.exists())
    return _run_of(row)


def finish(run: Run, at: str) -> bool:
    """Mark a complete run done (once: whoever sees it complete first) and free its lock."""
    row = RevenueItem(*_run_key(run.run_id))
    body = {"fiscal_year": run.fiscal_year, "started_at": run.started_at, "by": run.by, "finished_at": at}
    try:
        row.update(
            actions=[RevenueItem.state.set("done"), RevenueItem.body.set(body)],
            condition=RevenueItem.state == "running",
        )
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    RevenueItem(*_lock_key(run.office_id, run.fiscal_year)).delete()
    return True


@dataclass(frozen=True)
class AccountState:
    """What a batch reads of one account: the register entry, the ledger, and the assessments of
    the period the year falls in that were stored (this year's, or the earlier years' a run wrote)."""

    holding: Holding
    account: ledger.Account
    assessments: tuple[StoredAssessment, ...]


def accounts(ids: list[str], fiscal_year: str, starts: tuple[str, ...]) -> dict[str, AccountState]:
    """The accounts of these holdings that are registered, in BatchGets: first each one's holding,
    ledger and this year's assessment; then, for an account without one, the assessments of the
    earlier years of the period its ledger was billed for (the only ones a run wrote)."""
    first = []
    for holding_id in ids:
        pk = ledger.account_pk(holding_id)
        first += [(pk, "holding"), (pk, "ledger"), (pk, f"assessment#{fiscal_year}")]
    items = ledger.read_items(first)
    earlier = []
    for holding_id in ids:
        pk = ledger.account_pk(holding_id)
        row = items.get((pk, "ledger"))
        if row is None or (pk, f"assessment#{fiscal_year}") in items:
            continue
        billed = {str(line.get("fiscal_year")) for line in (row.body or {}).get("lines", [])}
        earlier += [(pk, f"assessment#{year}") for year in starts[1:] if year in billed]
    if earlier:
        items.update(ledger.read_items(earlier))
    found = {}
    for holding_id in ids:
        pk = ledger.account_pk(holding_id)
        if (row := items.get((pk, "holding"))) is None:
            continue
        holding = holding_of(row)
        account = ledger.account_of(holding_id, holding.office_id, holding.ward, items.get((pk, "ledger")))
        kept = tuple(assessment_of(items[(pk, f"assessment#{y}")]) for y in starts if (pk, f"assessment#{y}") in items)
        found[holding_id] = AccountState(holding, account, kept)
    return found


class RegisterIds:
    """The office's holding ids from `cursor` on, at most `limit`, in lists of `size` (the sparse
    by_office index, keys only, streamed page by page); `last_key` afterwards is where the next
    plan starts (None: the register is done)."""

    def __init__(self, office_id: str, cursor: dict[str, Any] | None, limit: int) -> None:
        # The index's keys too: where a page stops short of the index's end, PynamoDB builds the
        # cursor from the last row's key attributes (without them a register over `limit` failed).
        keys = ["pk", "sk", "reg_office", "reg_sort"]
        self._rows = RevenueItem.by_office.query(
            office_id, last_evaluated_key=cursor, limit=limit, page_size=PAGE_ROWS or limit, attributes_to_get=keys
        )

    def batches(self, size: int) -> Iterator[list[str]]:
        ids: list[str] = []
        for row in self._rows:
            ids.append(row.pk.removeprefix("acct#"))
            if len(ids) == size:
                yield ids
                ids = []
        if ids:
            yield ids

    @property
    def last_key(self) -> dict[str, Any] | None:
        return self._rows.last_evaluated_key


@cache
def _queue_url() -> str:
    return str(client("sqs").get_queue_url(QueueName=settings().demand_queue)["QueueUrl"])


def send(messages: list[dict[str, Any]]) -> None:
    """Messages on the demand queue, ten to a SendMessageBatch; raises if any was not taken."""
    sqs = client("sqs")
    for start_at in range(0, len(messages), SEND_BATCH):
        chunk = messages[start_at : start_at + SEND_BATCH]
        entries = [{"Id": str(i), "MessageBody": json.dumps(m, separators=(",", ":"))} for i, m in enumerate(chunk)]
        answer = sqs.send_message_batch(QueueUrl=_queue_url(), Entries=entries)
        if answer.get("Failed"):
            raise RuntimeError(f"{len(answer['Failed'])} demand messages were not queued")


def forget_cache() -> None:
    _queue_url.cache_clear()
