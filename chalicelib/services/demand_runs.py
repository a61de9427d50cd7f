"""Demand runs (DESIGN §10, decision 67): POST/GET /v1/offices/{office_id}/demand-runs, and the
queue's consumer. The start freezes the year's schedule and queues a plan message; a plan message
pages the office's register and queues batches of holding ids (and the next plan message); a
batch reads its accounts in BatchGets, demands the year on each that lacks it, commits the ledger
writes in transactions of up to 33 accounts, and ADDs its counts to the run."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

from chalicelib.adapters import demand_runs as repo
from chalicelib.adapters import ledger, schedules
from chalicelib.adapters.assessments import StoredAssessment
from chalicelib.adapters.tables import RevenueItem
from chalicelib.domain import path_ids
from chalicelib.domain.actors import Actor, is_national_admin
from chalicelib.domain.clock import now_bd, utc_stamp
from chalicelib.domain.errors import conflict, not_found
from chalicelib.domain.revenue.access import may, office_relations, refused
from chalicelib.domain.revenue.assessment import Assessment, tax_of
from chalicelib.domain.revenue.demand import arrears_of, period_starts, year_lines
from chalicelib.domain.revenue.ledger import Posting, PostingKind
from chalicelib.domain.revenue.schedule import Schedule, parse_schedule
from chalicelib.domain.revenue.settle import Pricing, use_advance
from chalicelib.observability import logger
from chalicelib.services.assessment import for_year
from chalicelib.services.tax_schedules import check_year, document_in_force, office_of

PLAN_LIMIT = 10_000  # holdings one plan message queues before handing on to the next
ACCOUNTS_PER_TRANSACTION = 33  # 3 rows each (ledger, posting, assessment): within 100
# Holdings a batch message carries: ten transactions' worth. A Lambda bills them in about a second;
# fewer, larger messages spend less on receiving, counting and deleting them (bench/demand_run.py).
BATCH_SIZE = 10 * ACCOUNTS_PER_TRANSACTION
CONFLICT_RETRIES = 3
RUNNER = "demand-run"


def _authorise(actor: Actor, office_id: str, operation: str) -> None:
    office = office_of(office_id)
    if not (is_national_admin(actor) or may(operation, office_relations(actor, office_id, office.kind))):
        raise refused(operation)


def view(run: repo.Run) -> dict[str, Any]:
    return {
        "run_id": run.run_id,
        "office_id": run.office_id,
        "fiscal_year": run.fiscal_year,
        "state": run.state,
        "total": run.total,
        "done": run.done,
        "failed": run.failed,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
    }


def start(actor: Actor, office_id: str, body: dict[str, Any]) -> dict[str, Any]:
    _authorise(actor, office_id, "demand.run")
    fiscal_year = check_year(str(body.get("fiscal_year", "")))
    office = office_of(office_id)
    document, _, _ = document_in_force(office, fiscal_year)
    parse_schedule(document)  # a stored schedule was checked when put; the default is tested
    run = repo.Run(
        "R" + secrets.token_hex(8).upper(), office_id, fiscal_year, "planning", started_at=utc_stamp(), by=actor.id
    )
    try:
        repo.start(run, document, int(time.time()))
    except repo.RunRunning:
        raise conflict(
            "demand_run_running",
            "a demand run for this office and year is still running",
            detail_bn="এই অফিস ও অর্থবছরের দাবি তৈরি এখনো চলছে; শেষ হলে আবার চেষ্টা করুন",
        ) from None
    repo.send([{"op": "plan", "run_id": run.run_id, "office_id": office_id, "fiscal_year": fiscal_year}])
    return {"run_id": run.run_id}


def get(actor: Actor, office_id: str, run_id: str) -> dict[str, Any]:
    run_id = path_ids.plain(run_id, path_ids.RUN_ID, "Demand run")
    _authorise(actor, office_id, "register.list")
    run = repo.get(run_id)
    if run is None or run.office_id != office_id:
        raise not_found("Demand run")
    return view(run)


# --- the queue's consumer -----------------------------------------------------------------------


def on_messages(bodies: Sequence[dict[str, Any]]) -> None:
    for body in bodies:
        if body.get("op") == "plan":
            plan(body)
        else:
            batch(
                str(body["run_id"]), str(body["office_id"]), str(body["fiscal_year"]), list(body["ids"]), body.get("n")
            )


def _finish_if_complete(run: repo.Run) -> None:
    if run.complete and repo.finish(run, utc_stamp()):
        logger.info("demand run done", extra={"run_id": run.run_id, "total": run.total, "failed": run.failed})


def plan(body: dict[str, Any]) -> None:
    """Queue batches for up to PLAN_LIMIT holdings from the message's cursor, and the next plan
    message, or (the register done) mark planning over. A message delivered again, or one whose
    first delivery died half way, plans its page again: every page and every batch is counted
    once (`count_once`), and the ledger demands a holding's year once, so planning twice costs
    only queue traffic (a page claimed for good by a delivery that died would leave the run short
    of its total until the lock's lease lapsed)."""
    run_id, office_id, page = str(body["run_id"]), str(body["office_id"]), int(body.get("page", 0))
    logger.info("demand run: planning a page", extra={"run_id": run_id, "page": page})
    pages = repo.RegisterIds(office_id, body.get("cursor"), PLAN_LIMIT)
    batches = list(pages.batches(BATCH_SIZE))  # at most PLAN_LIMIT ids
    # Counted before anything is queued: every page is in `total` before the next one's plan
    # message is on the queue, so the last page's "planning over" comes with every page counted.
    repo.count_once(run_id, f"page#{page}", int(time.time()), total=sum(len(ids) for ids in batches))
    if pages.last_key:  # queued before this page's batches: the next page is read while they are billed
        repo.send([{**body, "cursor": pages.last_key, "page": page + 1}])
    head = {"op": "batch", "run_id": run_id, "office_id": office_id, "fiscal_year": body["fiscal_year"]}
    repo.send([{**head, "ids": ids, "n": f"{page}.{i}"} for i, ids in enumerate(batches)])
    logger.info("demand run: page planned", extra={"run_id": run_id, "page": page, "more": bool(pages.last_key)})
    if not pages.last_key:
        _finish_if_complete(repo.planned(run_id))


@cache
def _frozen_schedule(office_id: str, fiscal_year: str) -> Schedule:
    """The year's schedule as billed (frozen once the run started, so a container may keep it)."""
    stored = schedules.get(office_id, fiscal_year)
    if stored is None:
        raise RuntimeError(f"no billed schedule for {office_id} {fiscal_year}")
    return parse_schedule(stored.document)


def forget_cache() -> None:
    _frozen_schedule.cache_clear()


def batch(run_id: str, office_id: str, fiscal_year: str, ids: list[str], n: str | None = None) -> tuple[int, int]:
    """Demand the year on these holdings; (done, failed), ADDed to the run once per batch: by its
    place in the plan (`n`: page and position, so a page planned again counts nothing twice even if
    its ids shifted), or by its ids."""
    schedule = _frozen_schedule(office_id, fiscal_year)
    today = now_bd().date()
    done = failed = 0
    for start_at in range(0, len(ids), ACCOUNTS_PER_TRANSACTION):
        chunk = ids[start_at : start_at + ACCOUNTS_PER_TRANSACTION]
        ok = _demand_chunk(run_id, chunk, schedule, fiscal_year, today)
        done, failed = done + ok, failed + len(chunk) - ok
    batch_id = n or hashlib.blake2b(",".join(ids).encode(), digest_size=12).hexdigest()
    if repo.count_once(run_id, f"batch#{batch_id}", int(time.time()), done=done, failed=failed):
        run = repo.get(run_id)
        if run is not None:
            _finish_if_complete(run)
    return done, failed


def _demand_chunk(run_id: str, ids: list[str], schedule: Schedule, fiscal_year: str, today: date) -> int:
    """Up to 33 accounts in one transaction, retried after a fresh read when another writer (a
    payment) changed one of them; how many accounts have the year's lines afterwards."""
    for _ in range(CONFLICT_RETRIES):
        writes, ok = _writes(run_id, ids, schedule, fiscal_year, today)
        if not writes:
            return ok
        try:
            ledger.commit(*writes)
            return ok
        except ledger.LedgerConflict:
            continue
    logger.warning("demand run: accounts kept changing", extra={"run_id": run_id, "accounts": len(ids)})
    return 0


def _writes(
    run_id: str, ids: list[str], schedule: Schedule, fiscal_year: str, today: date
) -> tuple[list[ledger.LedgerWrite], int]:
    """The ledger writes these accounts need (read fresh, in BatchGets), and how many accounts
    will have the year's lines once they are committed (the ones already billed included)."""
    starts = period_starts(fiscal_year, schedule.reassessment_years)
    at, writes, ok = utc_stamp(), [], 0
    for holding_id, found in repo.accounts(ids, fiscal_year, starts).items():
        holding, account = found.holding, found.account
        try:
            assessed, new_row = for_year(holding, schedule, fiscal_year, list(found.assessments), RUNNER)
        except ValueError:  # a construction class the schedule has no standard rent for
            logger.warning("demand run: holding not assessable", extra={"holding_id": holding_id})
            continue
        ok += 1
        demand = year_lines(holding_id, account.lines, _assessment(assessed, schedule), schedule, fiscal_year, today)
        if demand is None:
            continue
        demanded = tuple(Posting(PostingKind.DEMAND, line.line_id, line.amount, run_id) for line in demand.added)
        held = use_advance(demand.lines, account.advance, run_id, schedule.settlement_order, Pricing(schedule, today))
        event = ledger.PostingEvent(run_id, at, RUNNER, demanded + held.postings)
        extra: tuple[RevenueItem, ...] = (new_row,) if new_row is not None else ()
        arrears = arrears_of(held.lines, fiscal_year)
        writes.append(ledger.LedgerWrite(account, held.lines, held.advance, event, arrears, extra))
    return writes, ok


def _assessment(stored: StoredAssessment, schedule: Schedule) -> Assessment:
    """The year's tax on the annual value kept for the period, at this year's rates."""
    monthly = tuple(int(v) for v in stored.inputs.get("monthly_values", ()))
    return Assessment(
        stored.annual_value, tax_of(stored.annual_value, schedule), monthly, int(stored.inputs.get("repairs_months", 0))
    )
