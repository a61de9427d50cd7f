"""The demand run's time for an office's whole register (issue 14: 100,000 holdings < 2 minutes).

Run: python -m bench.demand_run [--holdings 100000] [--processes 4] [--workers 2] [--year 2026-27] [--tracemalloc]

The embedded AWS `make run` uses (local/moto_server.py, moto's server with local/moto_speed.py;
`--moto-as-shipped` leaves the fast paths out) runs in a child process, as a cloud service runs
apart from its callers. In this process: N holdings of one office are seeded into the revenue
table (BatchWriteItem, not timed); the run is started through the same service the API route
calls; then the demand queue is drained by `--processes` worker processes of `--workers` threads,
each doing what Lambda's SQS integration does (receive a message, call the `demand_runs` handler
Chalice registered, delete it) — processes, as Lambda runs each container in its own. Printed:
elapsed seconds, holdings/s, CPU seconds of the embedded AWS and of the handlers, AWS calls by
operation, this process's peak RSS (and the tracemalloc peak with --tracemalloc), and the check
that every holding got the year's lines exactly once (every ledger read back, a sample's events)."""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any

from bench.aws_calls import _calls, _install_counter

_seconds: Counter[str] = Counter()  # seconds waited on AWS, by operation (all threads together)
_began = threading.local()


def _before(model: Any, **_: Any) -> None:
    _began.at = time.perf_counter()


def _after(model: Any, **_: Any) -> None:
    _seconds[f"{model.service_model.service_name}.{model.name}"] += time.perf_counter() - _began.at


def _install_timer() -> None:
    import botocore.handlers

    if ("after-call", _after) not in botocore.handlers.BUILTIN_HANDLERS:
        botocore.handlers.BUILTIN_HANDLERS.extend([("before-call", _before), ("after-call", _after)])


OFFICE = "pourashava-savar"


def serve_aws() -> None:
    """The child process: the embedded AWS on a free port, printed, until killed."""
    from local import moto_server

    aws = moto_server.start(0)
    if os.environ.get("BENCH_MOTO_AS_SHIPPED"):  # --moto-as-shipped: without local/moto_speed.py
        from local import moto_speed

        moto_speed.uninstall()
    print(aws.port, flush=True)
    aws.thread.join()


def _start_aws(as_shipped: bool) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, **({"BENCH_MOTO_AS_SHIPPED": "1"} if as_shipped else {})}
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.demand_run", "--serve-aws"], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    port = int(child.stdout.readline())
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return child, f"http://127.0.0.1:{port}"


def _cpu_seconds(pid: int) -> float:
    """A process's CPU time (user + system) from /proc: the embedded AWS's own work, which the
    wall clock mixes with whatever else the machine runs."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _setup(endpoint: str) -> None:
    from local.stack import LOCAL_ENV

    os.environ.update(LOCAL_ENV)
    os.environ["AWS_ENDPOINT_URL"] = endpoint
    from chalicelib.adapters import tables
    from local import resources

    resources.reset_process_caches()
    tables.bind(endpoint)
    resources.create_all()
    from chalicelib.adapters import offices
    from ops.offices import urban_offices

    offices.put_many(urban_offices({OFFICE}))


def holding_id(i: int) -> str:
    return f"HB{i:08d}"


def seed(count: int) -> None:
    """`count` holdings of one office: register entries only (what a run reads), varied floors."""
    from chalicelib.adapters.holdings import body_of
    from chalicelib.adapters.ledger import account_pk
    from chalicelib.adapters.tables import RevenueItem
    from chalicelib.domain.revenue.assessment import Floor, Occupancy
    from chalicelib.domain.revenue.holdings import Holding, Owner

    classes = ("pucca", "semi_pucca", "kutcha")
    with RevenueItem.batch_write() as batch:
        for i in range(count):
            rented = Floor(40 + i % 60, "residential", Occupancy.RENTED, 500_000 + 1000 * (i % 50))
            floors = (Floor(60 + i % 90, "residential", Occupancy.OWNER),) + ((rented,) if i % 3 == 0 else ())
            holding = Holding(
                holding_id(i),
                OFFICE,
                f"{i // 100}/{i % 100}",
                1 + i % 18,
                "Bank Colony",
                (Owner(f"Owner {i}"),),
                "residential",
                120,
                classes[i % 3],
                floors,
                1,
            )
            item = RevenueItem(account_pk(holding.holding_id), "holding", kind="holding", office_id=OFFICE)
            item.version, item.body = 1, body_of(holding)
            item.reg_office, item.reg_sort = OFFICE, f"{holding.ward:03d}#{holding.canonical}"
            batch.save(item)


class _Context:
    function_name = "demand_runs"
    aws_request_id = "bench"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:local:000000000000:function:demand_runs"

    def get_remaining_time_in_millis(self) -> int:
        return 900_000


def _worker(stop: threading.Event, errors: list[str]) -> None:
    """One Lambda's worth of SQS polling: receive one message, run the handler, delete it."""
    from app import app
    from chalicelib.adapters.aws import client
    from chalicelib.config import settings

    sqs = client("sqs")
    url = sqs.get_queue_url(QueueName=settings().demand_queue)["QueueUrl"]
    handler = app.handler_map["demand_runs"]
    while not stop.is_set():
        # No long polling: the embedded AWS serves one request at a time, a waiting poll would hold it.
        try:
            messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1, WaitTimeSeconds=0)["Messages"]
        except KeyError:
            messages = []
        except Exception as exc:  # the embedded AWS busy past the client's timeout: poll again
            errors.append(repr(exc))
            messages = []
        if not messages:
            time.sleep(0.2)
        for m in messages:
            record = {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": {},
                "messageAttributes": {},
                "eventSource": "aws:sqs",
            }
            try:
                handler({"Records": [record]}, _Context())
                sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
            except Exception as exc:  # left on the queue, as Lambda leaves it: redelivered later
                errors.append(repr(exc))
                print(f"  handler error (redelivered after the visibility timeout): {exc!r}", flush=True)


def _worker_process(endpoint: str, threads: int, stop: Any, results: Any) -> None:
    """A separate process of `threads` pollers (Lambda runs each container in its own process, so
    handlers do not share one interpreter's lock); sends back its AWS calls and CPU seconds."""
    from local.stack import LOCAL_ENV

    _install_counter()
    os.environ.update(LOCAL_ENV)
    os.environ["AWS_ENDPOINT_URL"] = endpoint
    from chalicelib.adapters import tables

    tables.bind(endpoint)
    errors: list[str] = []
    local_stop = threading.Event()
    pollers = [threading.Thread(target=_worker, args=(local_stop, errors), daemon=True) for _ in range(threads)]
    for t in pollers:
        t.start()
    stop.wait()
    local_stop.set()
    for t in pollers:
        t.join()
    results.put((Counter(_calls), _own_cpu_seconds(), len(errors)))


def _start_pollers(workers: int, processes: int, endpoint: str, stop: Any, results: Any) -> list[Any]:
    if processes <= 1:  # the pollers as threads of this process
        errors: list[str] = []
        threads = [threading.Thread(target=_worker, args=(stop, errors), daemon=True) for _ in range(workers)]
        for t in threads:
            t.start()
        return threads
    spawn = multiprocessing.get_context("spawn")
    children = [
        spawn.Process(target=_worker_process, args=(endpoint, workers, stop, results), daemon=True)
        for _ in range(processes)
    ]
    for child in children:
        child.start()
    return children


def run(year: str, workers: int, processes: int, endpoint: str) -> tuple[Any, float, float]:
    """The run through the service the API calls, its queue drained by pollers; (the run at the
    end, seconds, the worker processes' CPU seconds)."""
    from chalicelib.adapters import demand_runs as runs
    from chalicelib.domain.actors import Actor
    from chalicelib.services import demand_runs

    assessor = Actor(kind="staff", id=f"{OFFICE}.assessor", role="assessor", office_id=OFFICE)
    spawn = multiprocessing.get_context("spawn")
    stop, results = (spawn.Event(), spawn.Queue()) if processes > 1 else (threading.Event(), None)
    started = time.perf_counter()
    run_id = demand_runs.start(assessor, OFFICE, {"fiscal_year": year})["run_id"]
    pollers = _start_pollers(workers, processes, endpoint, stop, results)
    last = 0.0
    while (state := runs.get(run_id)) is not None and state.state != "done":
        time.sleep(0.5)
        if time.perf_counter() - last > 10:
            last = time.perf_counter()
            print(f"  {last - started:6.1f} s  {state.state:8}  {state.done + state.failed}/{state.total}", flush=True)
    elapsed = time.perf_counter() - started
    stop.set()
    cpu = 0.0
    if results is not None:
        for _ in pollers:
            calls, seconds, failures = results.get(timeout=60)
            _calls.extend(calls.elements())
            cpu += seconds
            if failures:
                print(f"  handler errors in a worker process (redelivered): {failures}")
    for p in pollers:
        p.join()
    return runs.get(run_id), elapsed, cpu


def verify(count: int, year: str, lines_per_holding: int) -> dict[str, Any]:
    """Every holding's ledger read back (BatchGets of 100 keys, not a Scan: moto pages a Scan by
    sorting the whole table each time): version 1 and the year's lines, once; and for a sample,
    exactly one ledger event."""
    from chalicelib.adapters import ledger

    ledgers = wrong = 0
    for start_at in range(0, count, 100):
        keys = [ledger.ledger_item(holding_id(i)) for i in range(start_at, min(start_at + 100, count))]
        items = ledger.read_items(keys)
        ledgers += len(items)
        wrong += sum(
            1
            for row in items.values()
            if row.version != 1
            or len([x for x in (row.body or {})["lines"] if x["fiscal_year"] == year]) != lines_per_holding
        )
    sample = random.Random(14).sample(range(count), min(count, 50))
    once = all(len(ledger.events(holding_id(i))) == 1 for i in sample)
    return {"ledger_items": ledgers, "ledgers_wrong": wrong, "one_event_each_of_50": once}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--holdings", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2, help="pollers (threads) per worker process")
    parser.add_argument("--processes", type=int, default=4, help="worker processes (1: threads of this one)")
    parser.add_argument("--year", default="2026-27")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--moto-as-shipped", action="store_true", help="without local/moto_speed.py's fast paths")
    parser.add_argument("--serve-aws", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_aws:
        return serve_aws()
    child, endpoint = _start_aws(args.moto_as_shipped)
    _install_counter()  # before any client is made: botocore copies its handlers into each session
    _install_timer()
    try:
        _setup(endpoint)
        t0 = time.perf_counter()
        seed(args.holdings)
        print(f"seeded {args.holdings} holdings of {OFFICE} in {time.perf_counter() - t0:.1f} s")
        from app import app  # noqa: F401 - imported before counting (the handler's container is warm)
        from chalicelib.domain.revenue.schedule import default_schedule

        schedule = default_schedule("pourashava")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        _calls.clear()
        _seconds.clear()
        if args.tracemalloc:
            tracemalloc.start()
        aws_cpu, own_cpu = _cpu_seconds(child.pid), _own_cpu_seconds()
        done, elapsed, workers_cpu = run(args.year, args.workers, args.processes, endpoint)
        aws_cpu, own_cpu = _cpu_seconds(child.pid) - aws_cpu, _own_cpu_seconds() - own_cpu + workers_cpu
        peak = tracemalloc.get_traced_memory()[1] if args.tracemalloc else None
        calls = Counter(_calls)
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        check = verify(args.holdings, args.year, len(schedule.heads) * schedule.instalments)
        report = {
            "holdings": args.holdings,
            "embedded_aws": "moto as shipped" if args.moto_as_shipped else "moto with local/moto_speed.py",
            "driver": (
                f"handlers in {args.processes} process(es) of {args.workers} polling threads each (what Lambda's"
                " SQS integration does: receive, call the handler Chalice registered, delete); moto in its own process"
            ),
            "elapsed_s": round(elapsed, 1),
            "holdings_per_s": round(args.holdings / elapsed),
            "cpu_s": {"embedded_aws": round(aws_cpu, 1), "handlers": round(own_cpu, 1)},
            "load_average_1m": round(os.getloadavg()[0], 1),
            "run": {"state": done.state, "total": done.total, "done": done.done, "failed": done.failed},
            "aws_calls": dict(sorted(calls.items(), key=lambda kv: -kv[1])),
            "aws_calls_total": sum(calls.values()),
            "aws_seconds_by_operation": {k: round(v, 1) for k, v in _seconds.most_common()},
            "peak_rss_mb": {"before_run": round(rss_before / 1024), "after_run": round(rss_after / 1024)},
            "tracemalloc_peak_mb": round(peak / 2**20, 1) if peak is not None else None,
            "verified": check,
        }
        print(json.dumps(report, indent=1))
    finally:
        child.terminate()
        child.wait(timeout=10)


if __name__ == "__main__":
    main()
