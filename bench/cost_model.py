"""The cost model of bench/cost.py, pure arithmetic (tests/unit/test_cost.py): the stated
assumptions, one certificate's journey as steps with their measured AWS calls, calls turned into
priced units, fixed monthly costs, and the result per certificate."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from bench.cost_prices import PRICES, USD_TO_BDT, Price

KB_PER_GB = 1024 * 1024
MONTHS_PER_YEAR = 12
SECONDS_PER_MONTH = 30 * 24 * 3600
LAMBDA_MB_PER_VCPU = 1769  # Lambda gives a function one full vCPU at 1,769 MB, proportionally less below


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
    raise ValueError(f"no price for {call}: add it to bench/cost_prices.py and bench/cost_model.py")


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
    raise ValueError(f"no price for dynamodb.{operation}: add it to bench/cost_prices.py and bench/cost_model.py")


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
