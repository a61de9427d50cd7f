"""What one issued certificate costs in AWS, in BDT, next to the 30 BDT platform fee (python -m bench.cost).

One certificate's journey (`journey()`) is a list of steps, each an API operation, a stream
record, the render, or the citizen's download, with how often it happens per certificate. The AWS
calls of each step are measured, not guessed: API operations by bench.aws_calls.measure(), checkout
and callbacks by bench.journey.measure(), and the case stream (every consumer, per transition) and
the renderer by `measure_pipeline()` below, with the same botocore counter, against moto. Render +
sign time and the PDF's size are timed here with bench/render.py's sample and helpers. Lambda
memory comes from .chalice/config.json. Everything else is an assumption in `Assumptions`, stated
where it is defined; prices are in `PRICES`, dated, with their source.

Calls become units (DynamoDB request units, KMS requests, S3 requests...), units become USD at
list price; fixed monthly costs (one KMS key per signatory above all) are spread over a national
volume. SMS is reported apart: it is not part of the 1% target.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
KB_PER_GB = 1024 * 1024
MONTHS_PER_YEAR = 12
SECONDS_PER_MONTH = 30 * 24 * 3600
LAMBDA_MB_PER_VCPU = 1769  # Lambda gives a function one full vCPU at 1,769 MB, proportionally less below

# --- prices ----------------------------------------------------------------------------------------
#
# AWS list prices in Asia Pacific (Mumbai), ap-south-1, on-demand, first tier, free tiers ignored
# (at national volume they are noise). As of September 2026: values are the AWS Price List API's
# for ap-south-1 (usage types APS3-*) as transcribed in public cost documents dated 17-18 September
# 2026, looked up with the project's search tool on 28 November 2026. `confirmed=False` marks a
# price for which no ap-south-1 figure was found: the value is the us-east-1 list price (or, for
# PITR, us-east-1 scaled by Mumbai's storage premium) and should be checked on the pricing page.


@dataclass(frozen=True)
class Price:
    usd: float
    unit: str
    source: str
    confirmed: bool = True


PRICES: dict[str, Price] = {
    "lambda_gb_s": Price(0.0000166667, "GB-second, x86", "APS3-Lambda-GB-Second"),
    "lambda_request": Price(0.20 / 1e6, "request", "APS3-Request ($0.20 per million)"),
    "apigw_request": Price(3.50 / 1e6, "REST API call", "API Gateway pricing page: Mumbai, first 333 M, $3.50/M"),
    "ddb_rru": Price(0.1425 / 1e6, "read request unit", "APS3-ReadRequestUnits ($0.1425 per million)"),
    "ddb_wru": Price(0.71 / 1e6, "write request unit", "APS3-WriteRequestUnits ($0.71 per million)"),
    "ddb_storage": Price(0.285, "GB-month", "APS3-TimedStorage-ByteHrs (DynamoDB)"),
    # Standard-IA (tables whose Meta derives from KeptForYears): storage 60% below Standard, requests
    # 25% above, as the DynamoDB pricing page states; no APS3 IA figure was found, so derived.
    "ddb_storage_ia": Price(0.285 * 0.4, "GB-month", "APS3 Standard x 0.4 (Standard-IA)", confirmed=False),
    "ddb_rru_ia": Price(0.1425 * 1.25 / 1e6, "read request unit", "APS3 x 1.25 (Standard-IA)", confirmed=False),
    "ddb_wru_ia": Price(0.71 * 1.25 / 1e6, "write request unit", "APS3 x 1.25 (Standard-IA)", confirmed=False),
    "ddb_pitr": Price(0.228, "GB-month", "us-east-1 $0.20 x Mumbai storage premium 1.14", confirmed=False),
    "kms_key": Price(1.00, "key-month", "ap-south-1-KMS-Keys"),
    "kms_request": Price(0.03 / 1e4, "symmetric request", "ap-south-1-KMS-Requests ($0.03 per 10,000)"),
    "kms_sign": Price(0.15 / 1e4, "asymmetric request", "KMS-Requests-Asymmetric, $0.15/10,000 (us-east-1)", False),
    "s3_put": Price(0.005 / 1e3, "PUT/COPY/POST", "APS3-Requests-Tier1 ($0.005 per 1,000)"),
    "s3_get": Price(0.0004 / 1e3, "GET", "APS3-Requests-Tier2 ($0.0004 per 1,000)"),
    "s3_storage": Price(0.025, "GB-month", "APS3-TimedStorage-ByteHrs (S3 Standard, first 50 TB)"),
    "data_out": Price(0.1093, "GB", "APS3-DataTransfer-Out-Bytes (first 10 TB)"),
    "sqs_request": Price(0.40 / 1e6, "request", "standard queue, $0.40 per million (us-east-1)", False),
    "secret": Price(0.40, "secret-month", "Secrets Manager, $0.40 per secret-month (not region-specific)", False),
    "secret_call": Price(0.05 / 1e4, "API call", "Secrets Manager, $0.05 per 10,000 calls", False),
    "logs_ingest": Price(0.67, "GB", "APS3-DataProcessing-Bytes (CloudWatch Logs, Standard class)"),
    "logs_storage": Price(0.03, "GB-month", "CloudWatch Logs archive, ap-south-1"),
    "xray_trace": Price(5.00 / 1e6, "trace recorded", "X-Ray, $5.00 per million (us-east-1)", False),
    "cw_metric": Price(0.30, "metric-month", "CloudWatch custom metric, first 10,000 (us-east-1)", False),
}
USD_TO_BDT = 122.0  # assumption: Bangladesh Bank's interbank rate was about 122 BDT/USD through 2025-26
SMS_BDT_PER_SEGMENT = 0.35  # assumption, not confirmed: a local aggregator's non-masking rate per segment
TARGET_SHARE = 0.01  # the issue: AWS cost per certificate below 1% of the platform fee


# --- assumptions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Assumptions:
    certificates_per_month: float = 2_000_000  # national: ~4,900 offices x ~400 a month (~15 a working day)
    # Lambda duration: nothing here runs in Lambda, so a request's billed time is modelled.
    base_ms: float = 30.0  # handler work per invocation at 512 MB: routing, JWT, validation, Powertools
    per_call_ms: float = 10.0  # one in-region AWS call, botocore included (KMS Sign: 10-20 ms, bench/render.py)
    gateway_call_ms: float = 400.0  # one HTTPS call to the payment gateway (SSLCommerz) from Mumbai
    cold_fraction: float = 0.02  # API and stream invocations that start a new container
    cold_extra_ms: float = 1500.0  # init + first-use imports at 512 MB (INIT is billed since Aug 2025)
    render_cold_fraction: float = 0.05  # renders that start a new renderer container
    login_cpu_ms: float = 60.0  # argon2id check at one full vCPU (scaled to the memory like the render)
    # DynamoDB request units (on-demand): reads of items < 4 KB, strongly consistent (eventually
    # consistent GetItems would cost half); a Query page's share per certificate ~ 2 units.
    get_rru: float = 1.0
    query_rru: float = 2.0
    # TransactGetItems (the throttle reads its tallies and the account together): 2 RRU an item of
    # up to 4 KB, at most three items
    transact_get_rru: float = 6.0
    write_wru: float = 1.0  # a plain PutItem/UpdateItem/DeleteItem of an item < 1 KB
    stats_transaction_wru: float = 6.0  # the stream's counter transaction: mark + 2 counters, x2
    # Long-lived rows per certificate besides the case and its index copies: 6 timeline events,
    # the certificate record and its index copy, payment, claims, status slot, access-log entries,
    # with DynamoDB's 100 bytes per item.
    other_items_kb: float = 6.0
    retention_years: int = 10  # certificates, their records and PDFs are kept 10 years
    # Per request: API response size, log bytes (Lambda START/END/REPORT + metrics; access log line).
    response_kb: float = 2.0
    lambda_log_kb: float = 0.8
    access_log_kb: float = 0.5
    log_retention_months: int = 12  # API access logs are kept 365 days (infra/api.py)
    xray_sampled: float = 0.05  # X-Ray's default rule: the first request each second, then 5%
    # Fixed monthly (spread over the volume above).
    signatory_keys: int = 4_900  # decisions.md §18, §36: one KMS key per office head (4,882 offices)
    ward_signatory_keys: int = 44_100  # §18: keys for every ward member (§36: only where they sign)
    platform_keys: int = 4  # root key, data key and the data key's two rotated backing keys
    kms_symmetric_requests: float = 2_000_000  # DynamoDB/S3/Secrets Manager calls to the data key a month
    secrets: int = 2  # app keys, parties
    warm_containers: int = 100  # each fetches each secret once per 5 minutes while warm
    sqs_idle_receives: float = 648_000  # Lambda's 5 pollers long-poll (20 s) the render queue all month
    custom_metrics: int = 60  # Powertools EMF metric names x the service dimension
    trust_list_downloads: float = 30_000  # relying parties refreshing the 2.7 MiB national trust list
    trust_list_mib: float = 2.7  # bench/verify.py: 4,870 keys, 2,763 KiB
    trust_list_cpu_ms: float = 300.0  # building and hashing it at one vCPU, each publication
    published_version_days: int = 30  # infra/storage.py: old versions of the public lists are kept 30 days


# --- arithmetic (pure; tests/unit/test_cost.py) ----------------------------------------------------


def line_cost(units: float, unit_usd: float) -> float:
    return units * unit_usd


def spread(monthly_usd: float, certificates_per_month: float) -> float:
    """A fixed monthly cost's share of one certificate."""
    if certificates_per_month <= 0:
        raise ValueError("the monthly volume must be positive")
    return monthly_usd / certificates_per_month


def to_bdt(usd: float, rate: float = USD_TO_BDT) -> float:
    return usd * rate


def gb_seconds(ms: float, memory_mb: int) -> float:
    return ms / 1000 * memory_mb / 1024


def cpu_scale(memory_mb: int) -> float:
    """How much longer CPU-bound work takes than on one full vCPU (a dev machine core)."""
    return max(1.0, LAMBDA_MB_PER_VCPU / memory_mb)


def gb_months(kb: float, months: float) -> float:
    return kb / KB_PER_GB * months


def case_transaction_wru(case_kb: float, other_items: int = 2) -> float:
    """WRU of one workflow transaction: the case row (transactional: x2), its index copies, and the
    other items (timeline event, claim, payment or certificate: 1 KB each, x2).

    A transition changes `queued_at`, the sort key of by_office_status and by_ward_status (both ALL
    projections): each is a delete plus a put there; by_citizen (ALL) is rewritten in place.
    Index writes are not transactional."""
    units = math.ceil(case_kb)
    return 2 * units + (2 + 2 + 1) * units + 2 * other_items


def break_even(fixed_monthly_usd: float, variable_usd: float, limit_usd: float) -> float:
    """The monthly volume from which the cost per certificate stays within `limit_usd`."""
    if variable_usd >= limit_usd:
        return math.inf
    return fixed_monthly_usd / (limit_usd - variable_usd)


# --- the journey -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    name: str
    per_certificate: float
    calls: tuple[str, ...]  # one run's AWS calls, "service.Operation", measured
    api: bool = True  # reached through API Gateway
    invocation: bool = True  # runs a Lambda invocation (a presigned S3 download does not)
    extra_ms: float = 0.0  # time besides the AWS calls: a payment gateway, CPU-bound work
    cold_ms: float = -1.0  # a new container's extra time; -1: Assumptions.cold_extra_ms
    cold_fraction: float = -1.0  # -1: Assumptions.cold_fraction
    transact_wru: float = 0.0  # WRU of one TransactWriteItems here; 0: a case transition
    write_wru: float = 0.0  # WRU of one plain write here; 0: Assumptions.write_wru
    out_kb: float = 0.0  # bytes downloaded besides the API response (the PDF)


@dataclass(frozen=True)
class Measured:
    api: Mapping[str, Sequence[str]]  # warm calls per API operation (bench.aws_calls)
    journey: Mapping[str, Sequence[str]]  # checkout and callbacks (bench.journey)
    stream: Mapping[str, Sequence[str]]  # the case stream handler, per status entered
    render: Sequence[str]  # the renderer, one certificate
    render_sign_ms: float  # median warm render + PAdES sign on this machine
    first_render_ms: float  # the first render + sign in a process (imports, fonts)
    pdf_kb: float
    case_kb: float  # the case item, as DynamoDB sizes it (names + values)
    otp_segments: int  # SMS segments of one OTP
    notice_segments: Mapping[str, int] = field(default_factory=dict)  # per status entered
    memory_mb: int = 512  # .chalice/config.json's lambda_memory_size


# Render requests reach the renderer through SQS: S3 sends, Lambda's poller receives and deletes.
SQS_PER_RENDER = ("sqs.SendMessage", "sqs.ReceiveMessage", "sqs.DeleteMessage")
CITIZEN_READS, OFFICIALS = 3, 3  # status checks by the citizen; ward member, secretary, signatory
LOGINS_PER_CASE = 0.15  # an official signs in once per sitting and handles ~20 cases in it


def sms_sent(calls: Sequence[str]) -> tuple[str, ...]:
    """The local stack's SMS sender writes the text to an outbox table (one PutItem, the last one);
    in the cloud that call is the SMS send (SNS Publish), priced apart."""
    out = list(calls)
    last = len(out) - 1 - out[::-1].index("dynamodb.PutItem")
    out[last] = "sns.Publish"
    return tuple(out)


def _api(m: Measured, name: str, per: float, **kw: Any) -> Step:
    return Step(name, per, tuple(m.api[name]), **kw)


def citizen_steps(m: Measured) -> list[Step]:
    checkout, settle = "POST /v1/applications/{id}/payment", "POST /v1/payments/{gw}/ipn (settles)"
    idempotent = "POST /v1/applications (Idempotency-Key)"
    return [
        Step("POST /v1/auth/otp", 1, sms_sent(m.api["POST /v1/auth/otp"])),
        _api(m, "POST /v1/auth/otp/verify", 1),
        _api(m, "PUT /v1/me", 1),
        _api(m, "GET /v1/offices?q=", 1),
        _api(m, "GET /v1/certificate-types/{code}", 1),
        _api(m, idempotent, 1, write_wru=2.0),  # the idempotency record stores the ~2 KB answer
        Step(checkout, 1, tuple(m.journey[checkout])),
        Step(settle, 1, tuple(m.journey[settle])),
        Step(
            "browser return (callback already settled)", 1, tuple(m.journey["POST /v1/payments/{gw}/ipn (duplicate)"])
        ),
        _api(m, "GET /v1/applications/{id}", CITIZEN_READS),
        _api(m, "GET /v1/applications", 1),
        _api(m, "GET /v1/applications/{id}/certificate", 1),
        Step("PDF download (presigned S3 GET)", 1, ("s3.GetObject",), api=False, invocation=False, out_kb=m.pdf_kb),
    ]


def office_steps(m: Measured) -> list[Step]:
    return [
        _api(m, "POST /v1/auth/login", OFFICIALS * LOGINS_PER_CASE),
        _api(m, "GET /v1/offices/{id}/applications", OFFICIALS),
        Step("GET /v1/applications/{id} (officials)", OFFICIALS, tuple(m.api["GET /v1/applications/{id}"])),
        _api(m, "POST .../actions ward_verify", 1),
        _api(m, "POST .../actions verify", 1),
        _api(m, "POST .../actions approve", 1),
    ]


def pipeline_steps(m: Measured, a: Assumptions) -> list[Step]:
    scale = cpu_scale(m.memory_mb)
    stream = [
        Step(
            f"case stream: {status}",
            1,
            sms_sent(calls) if m.notice_segments.get(status) else tuple(calls),
            api=False,
            transact_wru=a.stats_transaction_wru,
        )
        for status, calls in m.stream.items()
    ]
    render = Step(
        "render, sign, store, issue (SQS)",
        1,
        (*m.render, *SQS_PER_RENDER),
        api=False,
        extra_ms=m.render_sign_ms * scale,
        cold_ms=m.first_render_ms * scale,
        cold_fraction=a.render_cold_fraction,
    )
    return [*stream, render]


def verification_steps(m: Measured) -> list[Step]:
    return [_api(m, "GET /v1/verify/{no}", 1), _api(m, "POST /v1/agency/lookup", 1)]


GATEWAY_CALLS = {"POST /v1/applications/{id}/payment", "POST /v1/payments/{gw}/ipn (settles)"}


def _waits(step: Step, a: Assumptions, memory_mb: int) -> Step:
    """Add what a step waits for besides AWS: the payment gateway, or argon2 when an official signs in."""
    if step.name in GATEWAY_CALLS:
        return replace(step, extra_ms=step.extra_ms + a.gateway_call_ms)
    if step.name == "POST /v1/auth/login":
        return replace(step, extra_ms=step.extra_ms + a.login_cpu_ms * cpu_scale(memory_mb))
    return step


def journey(m: Measured, a: Assumptions) -> list[Step]:
    """One issued certificate, from sign-in to one public verification and one agency lookup."""
    steps = [*citizen_steps(m), *office_steps(m), *pipeline_steps(m, a), *verification_steps(m)]
    return [_waits(s, a, m.memory_mb) for s in steps]


# --- units -----------------------------------------------------------------------------------------

Usage = dict[str, float]  # price key -> units


def _add(usage: Usage, key: str, units: float) -> None:
    usage[key] = usage.get(key, 0.0) + units


def call_units(call: str, step: Step, a: Assumptions, case_kb: float) -> tuple[str, float] | None:
    """The priced units of one AWS call; None for a call priced elsewhere (fixed costs)."""
    service, operation = call.split(".", 1)
    if service == "dynamodb":
        return _dynamodb_units(operation, step, a, case_kb)
    simple = {
        "kms.Sign": "kms_sign",
        "s3.PutObject": "s3_put",
        "s3.CopyObject": "s3_put",
        "s3.GetObject": "s3_get",
    }
    if call in simple:
        return simple[call], 1.0
    if service == "sqs":
        return "sqs_request", 1.0
    if call == "secretsmanager.GetSecretValue":
        return None  # cached for 5 minutes per container: a fixed cost
    if call == "sns.Publish":
        return None  # an SMS: reported apart
    raise ValueError(f"no price for {call}: add it to bench/cost.py")


def _dynamodb_units(operation: str, step: Step, a: Assumptions, case_kb: float) -> tuple[str, float]:
    if operation == "GetItem":
        return "ddb_rru", a.get_rru
    if operation == "Query":
        return "ddb_rru", a.query_rru
    if operation in ("PutItem", "UpdateItem", "DeleteItem"):
        return "ddb_wru", step.write_wru or a.write_wru
    if operation == "TransactWriteItems":
        return "ddb_wru", step.transact_wru or case_transaction_wru(case_kb)
    if operation == "TransactGetItems":
        return "ddb_rru", a.transact_get_rru
    raise ValueError(f"no price for dynamodb.{operation}: add it to bench/cost.py")


def duration_ms(step: Step, a: Assumptions) -> float:
    cold_ms = a.cold_extra_ms if step.cold_ms < 0 else step.cold_ms
    cold_fraction = a.cold_fraction if step.cold_fraction < 0 else step.cold_fraction
    return a.base_ms + a.per_call_ms * len(step.calls) + step.extra_ms + cold_fraction * cold_ms


def step_usage(step: Step, a: Assumptions, case_kb: float, memory_mb: int) -> Usage:
    """Units of one step, times how often it happens per certificate."""
    usage: Usage = {}
    for call in step.calls:
        priced = call_units(call, step, a, case_kb)
        if priced:
            _add(usage, *priced)
    if step.invocation:
        _add(usage, "lambda_request", 1)
        _add(usage, "lambda_gb_s", gb_seconds(duration_ms(step, a), memory_mb))
        _add(usage, "logs_ingest", a.lambda_log_kb / KB_PER_GB)
        _add(usage, "xray_trace", a.xray_sampled)
    if step.api:
        _add(usage, "apigw_request", 1)
        _add(usage, "data_out", a.response_kb / KB_PER_GB)
        _add(usage, "logs_ingest", a.access_log_kb / KB_PER_GB)
    _add(usage, "data_out", step.out_kb / KB_PER_GB)
    return {key: units * step.per_certificate for key, units in usage.items()}


def storage_usage(m: Measured, a: Assumptions) -> Usage:
    """What a certificate keeps stored for its retention: rows (the case and its three ALL-projection
    index copies, plus the other rows) in Standard-IA tables, their continuous backups (PITR is
    charged on table data and local indexes, not on global ones), and the signed PDF."""
    months = a.retention_years * MONTHS_PER_YEAR
    rows_kb = 4 * m.case_kb + a.other_items_kb
    return {
        "ddb_storage_ia": gb_months(rows_kb, months),
        "ddb_pitr": gb_months(m.case_kb + a.other_items_kb, months),
        "s3_storage": gb_months(m.pdf_kb, months),
    }


def total_usage(steps: Iterable[Step], m: Measured, a: Assumptions) -> Usage:
    usage: Usage = {}
    for part in [*(step_usage(s, a, m.case_kb, m.memory_mb) for s in steps), storage_usage(m, a)]:
        for key, units in part.items():
            _add(usage, key, units)
    _add(usage, "logs_storage", usage.get("logs_ingest", 0.0) * a.log_retention_months)
    # A certificate's requests priced as if every one went to a Standard-IA table: an upper bound,
    # since notices, counters, marks and sign-in codes stay in Standard tables.
    for standard in ("ddb_rru", "ddb_wru"):
        if standard in usage:
            usage[f"{standard}_ia"] = usage.pop(standard)
    return usage


def priced(usage: Mapping[str, float], prices: Mapping[str, Price] = PRICES) -> dict[str, float]:
    """USD per price key."""
    return {key: line_cost(units, prices[key].usd) for key, units in usage.items()}


# --- fixed monthly costs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Fixed:
    name: str
    units: float
    unit: str
    usd: float


def fixed(name: str, units: float, key: str) -> Fixed:
    return Fixed(name, units, PRICES[key].unit, line_cost(units, PRICES[key].usd))


def schedule_runs(app: Any) -> dict[str, float]:
    """Runs a month of each scheduled function, read from the Chalice app's schedules."""
    from chalice.app import Rate, ScheduledEventConfig

    seconds = {"MINUTES": 60, "HOURS": 3600, "DAYS": 86400}
    runs: dict[str, float] = {}
    for source in app.event_sources:
        if isinstance(source, ScheduledEventConfig) and isinstance(source.schedule_expression, Rate):
            rate = source.schedule_expression
            runs[source.name] = SECONDS_PER_MONTH / (rate.value * seconds[str(rate.unit)])
    return runs


def schedule_costs(runs: Mapping[str, float], a: Assumptions, memory_mb: int) -> list[Fixed]:
    """Every scheduled run: one invocation with a Query; publishing the lists also reads every
    signatory key, builds the 2.7 MiB trust list, signs twice with the root key, writes two objects
    and keeps a month of old versions."""
    total = sum(runs.values())
    ms = a.base_ms + a.per_call_ms
    out = [
        fixed(f"scheduled functions: {len(runs)}, {total:,.0f} runs", total, "lambda_request"),
        fixed("scheduled functions: duration", total * gb_seconds(ms, memory_mb), "lambda_gb_s"),
        fixed("scheduled functions: a Query each", total * a.query_rru, "ddb_rru"),
    ]
    publish = runs.get("publish_lists", 0.0)
    if publish:
        key_rru = math.ceil(a.signatory_keys / 4)  # ~1 KB per key row, 4 KB per read unit
        build_ms = a.trust_list_cpu_ms * cpu_scale(memory_mb)
        kept_gb = a.trust_list_mib / 1024 * publish * a.published_version_days / 30
        out += [
            fixed("publish_lists: read every signatory key", publish * key_rru, "ddb_rru"),
            fixed("publish_lists: build the trust list", publish * gb_seconds(build_ms, memory_mb), "lambda_gb_s"),
            fixed("publish_lists: root key signs 2 lists", publish * 2, "kms_sign"),
            fixed("publish_lists: 2 objects written", publish * 2, "s3_put"),
            fixed("publish_lists: old versions kept 30 days", kept_gb, "s3_storage"),
        ]
    return out


def fixed_costs(a: Assumptions, runs: Mapping[str, float], memory_mb: int) -> list[Fixed]:
    fetches = a.warm_containers * a.secrets * SECONDS_PER_MONTH / 300
    downloads_gb = a.trust_list_downloads * a.trust_list_mib / 1024
    return [
        fixed("KMS keys: one per office signatory", a.signatory_keys, "kms_key"),
        fixed("KMS keys: root, data key and its rotations", a.platform_keys, "kms_key"),
        fixed("KMS requests to the data key (encryption at rest)", a.kms_symmetric_requests, "kms_request"),
        fixed("Secrets Manager: secrets", a.secrets, "secret"),
        fixed(f"Secrets Manager: fetches ({a.warm_containers} warm containers)", fetches, "secret_call"),
        *schedule_costs(runs, a, memory_mb),
        fixed("SQS: the render queue's pollers when idle", a.sqs_idle_receives, "sqs_request"),
        fixed("X-Ray: the first request each second", SECONDS_PER_MONTH, "xray_trace"),
        fixed("CloudWatch: custom metrics", a.custom_metrics, "cw_metric"),
        fixed("Trust list downloads by relying parties", downloads_gb, "data_out"),
    ]


# --- the result ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    usage: dict[str, float]  # units per certificate, per price key
    variable: dict[str, float]  # USD per certificate, per price key
    fixed: list[Fixed]
    certificates_per_month: float

    @property
    def variable_usd(self) -> float:
        return sum(self.variable.values())

    @property
    def fixed_monthly_usd(self) -> float:
        return sum(f.usd for f in self.fixed)

    def per_certificate_usd(self, volume: float | None = None) -> float:
        return self.variable_usd + spread(self.fixed_monthly_usd, volume or self.certificates_per_month)


def compute(m: Measured, a: Assumptions, runs: Mapping[str, float]) -> Result:
    usage = total_usage(journey(m, a), m, a)
    return Result(usage, priced(usage), fixed_costs(a, runs, m.memory_mb), a.certificates_per_month)


def sms_segments(m: Measured) -> int:
    return m.otp_segments + sum(m.notice_segments.values())


# --- measuring -------------------------------------------------------------------------------------


def lambda_memory_mb(config: Path = ROOT / ".chalice" / "config.json", stage: str = "prod") -> int:
    doc = json.loads(config.read_text())
    return int(doc.get("stages", {}).get(stage, {}).get("lambda_memory_size", doc.get("lambda_memory_size", 128)))


def item_kb(image: Mapping[str, Any]) -> float:
    """An item's size as DynamoDB bills it, roughly: attribute names plus values (as stored)."""
    size = 0
    for name, value in image.items():
        (kind, raw), *_ = value.items()
        body = raw if kind in ("S", "N") else json.dumps(raw, ensure_ascii=False)
        size += len(name.encode()) + len(str(body).encode())
    return size / 1024


def time_render(runs: int = 20) -> tuple[float, float, float]:
    """(first render + sign ms, median warm render + sign ms, signed PDF KB) of bench/render.py's
    sample (a warish certificate with six heirs), signed with a local P-256 key (no KMS)."""
    import datetime as dt

    from bench.render import _times
    from chalicelib.domain.catalog import catalog
    from chalicelib.domain.forms import validate_form
    from chalicelib.signing import x509 as sx
    from local.rendering_samples import HEIRS, ISSUED_ON, WARISH_FIELDS, document
    from tests import localkeys

    ctype = catalog().get("warish")
    assert ctype is not None
    fields, _ = validate_form(ctype, {**WARISH_FIELDS, "heirs": list(HEIRS)}, ISSUED_ON)
    doc = document(ctype, fields)
    root_key, office_key = localkeys.key("bench-root"), localkeys.key("bench-office")
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    root = sx.issue_root(localkeys.spki(root_key), localkeys.signer(root_key), not_before=start)
    office = sx.issue_signatory(
        localkeys.spki(office_key), root.der, localkeys.signer(root_key), office_id="union-1", office_name_en="Subil"
    )

    def render_and_sign() -> bytes:
        from chalicelib.rendering.pdf import render_certificate
        from chalicelib.signing.pades import sign_pdf

        pdf = render_certificate(doc, ctype)
        return sign_pdf(pdf, localkeys.signer(office_key), office.der, root.der, reason=doc.certificate_no)

    started = time.perf_counter()
    signed = render_and_sign()
    first = (time.perf_counter() - started) * 1000
    warm = statistics.median(_times(render_and_sign, runs)) * 1000
    return first, warm, len(signed) / 1024


@dataclass
class _Pipeline:
    stream: dict[str, list[str]] = field(default_factory=dict)
    render: list[str] = field(default_factory=list)
    case_kb: float = 0.0
    otp_segments: int = 0
    notice_segments: dict[str, int] = field(default_factory=dict)


PHONE = "01711000001"  # the citizen of bench.aws_calls' session


def measure_pipeline() -> _Pipeline:
    """The case stream handler for each transition of one case (all its consumers: counters,
    render hand-over, SMS, consents, refunds) and the renderer, with bench.aws_calls' counter."""
    from chalice.test import Client
    from moto import mock_aws

    from bench.aws_calls import _env, _install_counter, _Session

    _env()
    _install_counter()
    with mock_aws(), tempfile.TemporaryDirectory() as tmp:
        from app import app
        from local import demo, resources

        resources.reset_process_caches()
        resources.create_all()
        demo.load(Path(tmp) / "demo.json")
        with Client(app) as client:
            session = _Session(client)
            session.case_flow(session.citizen())
            return _run_pipeline(session, str(session.case["id"]))


def _outbox(session: Any) -> list[str]:
    return [str(item["text"]) for item in session.call("GET", f"/v1/_local/outbox?phone={PHONE}")["items"]]


def _stream_record(case: Any, event: Any) -> dict[str, Any]:
    """The cases-table stream record of the transition `event` produced (NEW_AND_OLD_IMAGES)."""
    new = {**case.serialize(), "status": {"S": event.to_status}, "version": {"N": str(event.seq)}}
    change: dict[str, Any] = {"NewImage": new}
    if event.from_status:
        change["OldImage"] = {**new, "status": {"S": event.from_status}, "version": {"N": str(event.seq - 1)}}
    return {"eventName": "MODIFY" if event.from_status else "INSERT", "dynamodb": change}


def _deliver(session: Any, out: _Pipeline, case_id: str, seen: set[int]) -> None:
    from bench.aws_calls import _calls
    from chalicelib.adapters import cases
    from chalicelib.adapters.tables import CaseRecord
    from chalicelib.api.events import case_stream
    from chalicelib.domain.sms_text import segments

    case = CaseRecord.get(case_id)  # the row: its stream image
    for event in cases.timeline(case_id):
        if int(event.seq) in seen:
            continue
        seen.add(int(event.seq))
        before = len(_outbox(session))
        _calls.clear()
        case_stream({"Records": [_stream_record(case, event)]}, None)
        out.stream[event.to_status] = list(_calls)
        after = _outbox(session)  # newest first
        out.notice_segments[event.to_status] = sum(segments(text) for text in after[: len(after) - before])


def _send_held(session: Any, out: _Pipeline) -> None:
    """An hour later, the retry job sends whatever notice was held and not replaced (sms.json
    `hold`): counted, so a hold that never merges would show here rather than vanish."""
    import types
    from unittest import mock

    from chalicelib.domain.sms_text import segments
    from chalicelib.services import notifications

    before = len(_outbox(session))
    later = types.SimpleNamespace(time=lambda: time.time() + 3600)
    with mock.patch.object(notifications, "time", later):
        notifications.retry_due()
    after = _outbox(session)
    out.notice_segments["held, sent by the retry job"] = sum(segments(t) for t in after[: len(after) - before])


def _run_pipeline(session: Any, case_id: str) -> _Pipeline:
    from bench.aws_calls import _calls
    from chalicelib.adapters.tables import CaseRecord
    from chalicelib.config import settings
    from chalicelib.domain.sms_text import segments
    from chalicelib.services import issuance

    out = _Pipeline(otp_segments=segments(_outbox(session)[-1]))
    seen: set[int] = set()
    _deliver(session, out, case_id, seen)
    s3_event = {"s3": {"bucket": {"name": settings().work_bucket}, "object": {"key": f"render/{case_id}.json"}}}
    _calls.clear()
    issuance.on_render_messages([json.dumps({"Records": [s3_event]})])
    out.render = list(_calls)
    _deliver(session, out, case_id, seen)
    _send_held(session, out)
    case = CaseRecord.get(case_id)
    assert case is not None and case.status == "issued", "the renderer did not issue the certificate"
    out.case_kb = item_kb(case.serialize())
    return out


def measure(render_runs: int = 20) -> Measured:
    """Every measurement the model uses; takes about a minute (four moto sessions)."""
    os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "ERROR")
    from bench import aws_calls
    from bench import journey as journey_bench

    first, warm, pdf_kb = time_render(render_runs)
    with contextlib.redirect_stdout(io.StringIO()):  # Powertools prints metrics to stdout
        pipeline = measure_pipeline()
        api = {name: runs["warm"] for name, runs in aws_calls.measure().items()}
        paying = {name: calls for name, (calls, _) in journey_bench.measure().items()}
    return Measured(
        api=api,
        journey=paying,
        stream=pipeline.stream,
        render=pipeline.render,
        render_sign_ms=warm,
        first_render_ms=first,
        pdf_kb=pdf_kb,
        case_kb=pipeline.case_kb,
        otp_segments=pipeline.otp_segments,
        notice_segments=pipeline.notice_segments,
        memory_mb=lambda_memory_mb(),
    )


# --- the report ------------------------------------------------------------------------------------

LABELS = {
    "lambda_request": "Lambda requests",
    "lambda_gb_s": "Lambda duration",
    "apigw_request": "API Gateway (REST)",
    "ddb_rru": "DynamoDB reads",
    "ddb_wru": "DynamoDB writes",
    "ddb_storage": "DynamoDB storage, 10 years",
    "ddb_storage_ia": "DynamoDB storage (Standard-IA), 10 years",
    "ddb_rru_ia": "DynamoDB reads (Standard-IA)",
    "ddb_wru_ia": "DynamoDB writes (Standard-IA)",
    "ddb_pitr": "DynamoDB PITR, 10 years",
    "kms_sign": "KMS Sign",
    "s3_put": "S3 PUT",
    "s3_get": "S3 GET",
    "s3_storage": "S3 storage of the PDF, 10 years",
    "sqs_request": "SQS",
    "data_out": "Data transfer out",
    "logs_ingest": "CloudWatch Logs ingestion",
    "logs_storage": "CloudWatch Logs storage",
    "xray_trace": "X-Ray traces",
}


def _bdt(usd: float) -> str:
    return f"{to_bdt(usd):.5f}"


def report_measured(m: Measured, steps: Sequence[Step], a: Assumptions) -> list[str]:
    lines = [
        f"measured: Lambda memory {m.memory_mb} MB (.chalice/config.json); render + sign {m.render_sign_ms:.0f} ms "
        f"median warm, {m.first_render_ms:.0f} ms first, on this machine; x{cpu_scale(m.memory_mb):.2f} at "
        f"{m.memory_mb} MB",
        f"measured: signed PDF {m.pdf_kb:.0f} KB; case item {m.case_kb:.1f} KB "
        f"({case_transaction_wru(m.case_kb):.0f} WRU per workflow transaction)",
        f"{'step':<46} {'per cert':>8} {'ms':>6}  AWS calls of one run (ms: modelled billed duration)",
    ]
    for s in steps:
        ms = f"{duration_ms(s, a):6.0f}" if s.invocation else "     -"
        lines.append(
            f"{s.name:<46} {s.per_certificate:8.2f} {ms}  {', '.join(c.split('.')[1] for c in s.calls) or '-'}"
        )
    return lines


def report_table(r: Result) -> list[str]:
    lines = [f"{'component':<36} {'units per certificate':>34} {'USD':>10} {'BDT':>8}"]
    for key, usd in sorted(r.variable.items(), key=lambda kv: -kv[1]):
        units = f"{r.usage[key]:,.4g} x {PRICES[key].unit}"
        lines.append(f"{LABELS[key]:<36} {units:>34} {usd:10.7f} {_bdt(usd):>8}")
    lines.append(f"{'variable, per certificate':<36} {'':>34} {r.variable_usd:10.7f} {_bdt(r.variable_usd):>8}")
    per = r.certificates_per_month
    lines.append(f"fixed monthly costs, spread over {per:,.0f} certificates a month:")
    lines.append(f"  {'':<50} {'a month':>30} {'USD a month':>12} {'USD':>10} {'BDT':>8}")
    for f in sorted(r.fixed, key=lambda f: -f.usd):
        share = spread(f.usd, per)
        units = f"{f.units:,.4g} x {f.unit}"
        lines.append(f"  {f.name:<50} {units:>30} {f.usd:12,.2f} {share:10.7f} {_bdt(share):>8}")
    fixed_share = spread(r.fixed_monthly_usd, per)
    lines.append(f"{'fixed, per certificate':<36} {'':>34} {fixed_share:10.7f} {_bdt(fixed_share):>8}")
    return lines


def report_verdict(r: Result, fee_bdt: float, a: Assumptions) -> list[str]:
    total = r.per_certificate_usd()
    limit_usd = fee_bdt * TARGET_SHARE / USD_TO_BDT
    verdict = "yes" if total <= limit_usd else "NO"
    own_ok = r.variable_usd <= limit_usd
    lines = [
        f"total per certificate: {total:.7f} USD = {to_bdt(total):.3f} BDT = "
        f"{to_bdt(total) / fee_bdt:.2%} of the {fee_bdt:.0f} BDT platform fee",
        f"below 1% of the fee ({fee_bdt * TARGET_SHARE:.2f} BDT)? {verdict}",
        f"  of which the certificate's own calls, durations and storage: {to_bdt(r.variable_usd):.3f} BDT = "
        f"{to_bdt(r.variable_usd) / fee_bdt:.2%} of the fee (below 1%: {'yes' if own_ok else 'NO'})",
        f"  and fixed monthly costs: {r.fixed_monthly_usd:,.0f} USD a month; an office's signatory key alone is "
        f"{to_bdt(PRICES['kms_key'].usd):.0f} BDT a month, 1% of the fee of "
        f"{to_bdt(PRICES['kms_key'].usd) / (fee_bdt * TARGET_SHARE):,.0f} certificates",
        "sensitivity to the national volume (certificates a month):",
    ]
    for volume in (500_000, 2_000_000, 5_000_000):
        cost = r.per_certificate_usd(volume)
        lines.append(f"  {volume:>9,}: {to_bdt(cost):.3f} BDT = {to_bdt(cost) / fee_bdt:.2%} of the fee")
    ward = fixed("ward members' keys", a.ward_signatory_keys, "kms_key").usd
    with_ward = r.per_certificate_usd() + spread(ward, r.certificates_per_month)
    lines.append(
        f"  with a KMS key for every ward member too (+{a.ward_signatory_keys:,} keys, decisions.md §18): "
        f"{to_bdt(with_ward):.3f} BDT = {to_bdt(with_ward) / fee_bdt:.2%} of the fee"
    )
    needed = break_even(r.fixed_monthly_usd, r.variable_usd, limit_usd)
    lines.append(f"  1% is reached from {needed:,.0f} certificates a month")
    return lines


def report_sms(m: Measured, fee_bdt: float) -> list[str]:
    count = 1 + sum(1 for v in m.notice_segments.values() if v)
    segments = sms_segments(m)
    bdt = segments * SMS_BDT_PER_SEGMENT
    return [
        f"SMS, apart (not in the 1% target): {count} messages (sign-in OTP + one per transition), "
        f"{segments} segments (Bengali: 70 characters a segment) x {SMS_BDT_PER_SEGMENT} BDT (assumed) "
        f"= {bdt:.2f} BDT = {bdt / fee_bdt:.1%} of the fee"
    ]


def report_prices() -> list[str]:
    lines = [f"prices: ap-south-1 list prices as of September 2026; 1 USD = {USD_TO_BDT:.0f} BDT (assumed)"]
    lines += [
        f"  {'' if p.confirmed else '(unconfirmed) '}{k}: {p.usd:.10g} USD per {p.unit}" for k, p in PRICES.items()
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--volume", type=float, default=Assumptions.certificates_per_month, help="certificates/month")
    parser.add_argument("--render-runs", type=int, default=20, help="warm render + sign runs to time")
    args = parser.parse_args(argv)

    m = measure(args.render_runs)
    from app import app
    from chalicelib.config import settings

    a = Assumptions(certificates_per_month=args.volume)
    result = compute(m, a, schedule_runs(app))
    fee_bdt = settings().platform_fee_poisha / 100
    for block in (
        report_measured(m, journey(m, a), a),
        report_table(result),
        report_verdict(result, fee_bdt, a),
        report_sms(m, fee_bdt),
        report_prices(),
    ):
        print("\n".join(block), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
