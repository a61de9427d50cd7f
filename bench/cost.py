"""What one issued certificate costs in AWS, in BDT, next to the 30 BDT platform fee (python -m bench.cost).

One certificate's journey (`journey()`) is a list of steps, each an API operation, a stream
record, the render, or the citizen's download, with how often it happens per certificate. The AWS
calls of each step are measured, not guessed: API operations by bench.aws_calls.measure(), checkout
and callbacks by bench.journey.measure(), and the case stream (every consumer, per transition) and
the renderer by `cost_measure.measure_pipeline()`, with the same botocore counter, against moto. Render +
sign time and the PDF's size are timed there with bench/render.py's sample and helpers. Lambda
memory comes from .chalice/config.json. Everything else is an assumption in `Assumptions`, stated
where it is defined; prices are in `PRICES`, dated, with their source.

Three parts: bench/cost_prices.py (the prices, data), bench/cost_model.py (assumptions, journey,
units, fixed costs: pure arithmetic) and bench/cost_measure.py (the measurements); this module
prints the report.

Calls become units (DynamoDB request units, KMS requests, S3 requests...), units become USD at
list price; fixed monthly costs (one KMS key per signatory above all) are spread over a national
volume. SMS is reported apart: it is not part of the 1% target.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bench.cost_measure import measure
from bench.cost_model import (
    Assumptions,
    Measured,
    Result,
    Step,
    break_even,
    case_transaction_wru,
    compute,
    cpu_scale,
    duration_ms,
    fixed,
    journey,
    schedule_runs,
    sms_segments,
    spread,
    to_bdt,
)
from bench.cost_prices import PRICES, SMS_BDT_PER_SEGMENT, TARGET_SHARE, USD_TO_BDT

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
