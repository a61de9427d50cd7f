"""bench/cost.py's arithmetic on small made-up inputs: units x price, fixed costs spread over a
volume, Lambda GB-seconds, DynamoDB units per call, a step's units, the result. No AWS."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path

import pytest
from chalice import Chalice, Rate

from bench import cost_measure as measure
from bench import cost_model as model
from bench import cost_prices as price_data

A = model.Assumptions(
    base_ms=100.0,
    per_call_ms=50.0,
    cold_fraction=0.0,
    get_rru=1.0,
    query_rru=2.0,
    write_wru=1.0,
    lambda_log_kb=1.0,
    access_log_kb=1.0,
    response_kb=2.0,
    xray_sampled=0.5,
)


def test_units_times_price() -> None:
    assert model.line_cost(3, 0.5) == 1.5
    assert model.line_cost(0, 9.99) == 0
    prices = {"a": price_data.Price(0.25, "thing", "test"), "b": price_data.Price(2.0, "other", "test")}
    assert model.priced({"a": 4, "b": 0.5}, prices) == {"a": 1.0, "b": 1.0}


def test_fixed_cost_spread_over_the_volume() -> None:
    assert model.spread(4_900, 2_000_000) == pytest.approx(0.00245)
    assert model.spread(4_900, 500_000) == pytest.approx(4 * model.spread(4_900, 2_000_000))
    with pytest.raises(ValueError, match="positive"):
        model.spread(1, 0)


def test_currency_and_lambda_units() -> None:
    assert model.to_bdt(2, rate=120) == 240
    assert model.to_bdt(1) == price_data.USD_TO_BDT
    assert model.gb_seconds(1000, 512) == 0.5
    assert model.gb_seconds(250, 2048) == 0.5
    assert model.cpu_scale(1769) == 1.0
    assert model.cpu_scale(3008) == 1.0  # never faster than one vCPU
    assert model.cpu_scale(512) == pytest.approx(3.455, abs=0.001)
    assert model.gb_months(1024 * 1024, 12) == 12


def test_case_transaction_units() -> None:
    # ceil(2.0 KB) = 2: case row 2 x 2 (transactional), index copies (2 + 2 + 1) x 2, two more items x 2
    assert model.case_transaction_wru(2.0) == 4 + 10 + 4
    assert model.case_transaction_wru(0.4, other_items=1) == 2 + 5 + 2
    assert model.case_transaction_wru(2.1, other_items=0) == 2 * 3 + 5 * 3


def test_break_even_volume() -> None:
    assert model.break_even(1_000, 0.001, 0.002) == pytest.approx(1_000_000)
    assert model.break_even(1_000, 0.002, 0.002) == math.inf
    assert model.break_even(0, 0.0, 0.001) == 0


def test_call_units() -> None:
    step = model.Step("s", 1, ())
    assert model.call_units("dynamodb.GetItem", step, A, 1.0) == ("ddb_rru", 1.0)
    assert model.call_units("dynamodb.Query", step, A, 1.0) == ("ddb_rru", 2.0)
    assert model.call_units("dynamodb.UpdateItem", step, A, 1.0) == ("ddb_wru", 1.0)
    assert model.call_units("dynamodb.PutItem", model.Step("s", 1, (), write_wru=3.0), A, 1.0) == (
        "ddb_wru",
        3.0,
    )
    assert model.call_units("dynamodb.TransactWriteItems", step, A, 1.0) == (
        "ddb_wru",
        model.case_transaction_wru(1.0),
    )
    stats = model.Step("s", 1, (), transact_wru=6.0)
    assert model.call_units("dynamodb.TransactWriteItems", stats, A, 1.0) == ("ddb_wru", 6.0)
    assert model.call_units("kms.Sign", step, A, 1.0) == ("kms_sign", 1.0)
    assert model.call_units("s3.PutObject", step, A, 1.0) == ("s3_put", 1.0)
    assert model.call_units("sqs.ReceiveMessage", step, A, 1.0) == ("sqs_request", 1.0)
    assert model.call_units("secretsmanager.GetSecretValue", step, A, 1.0) is None  # a fixed cost
    assert model.call_units("sns.Publish", step, A, 1.0) is None  # SMS, reported apart
    for unknown in ("dynamodb.Scan", "ses.SendEmail"):
        with pytest.raises(ValueError, match="no price"):
            model.call_units(unknown, step, A, 1.0)


def test_a_steps_units_scale_with_how_often_it_happens() -> None:
    step = model.Step("GET /x", 2, ("dynamodb.GetItem", "kms.Sign"), extra_ms=100.0)
    assert model.duration_ms(step, A) == 100 + 2 * 50 + 100
    usage = model.step_usage(step, A, case_kb=1.0, memory_mb=1024)
    assert usage["lambda_request"] == 2
    assert usage["lambda_gb_s"] == pytest.approx(2 * 0.3)
    assert usage["apigw_request"] == 2
    assert usage["ddb_rru"] == 2 and usage["kms_sign"] == 2
    assert usage["xray_trace"] == 1
    assert usage["data_out"] == pytest.approx(2 * 2 / model.KB_PER_GB)
    assert usage["logs_ingest"] == pytest.approx(2 * 2 / model.KB_PER_GB)  # Lambda lines + access log


def test_cold_starts_and_downloads() -> None:
    cold = model.Step("render", 1, (), api=False, cold_ms=1000.0, cold_fraction=0.1)
    assert model.duration_ms(cold, A) == 100 + 0.1 * 1000
    download = model.Step("pdf", 1, ("s3.GetObject",), api=False, invocation=False, out_kb=64.0)
    assert model.step_usage(download, A, 1.0, 512) == {"s3_get": 1.0, "data_out": 64 / model.KB_PER_GB}


def test_the_local_outbox_write_is_the_sms_send_in_the_cloud() -> None:
    calls = ("dynamodb.GetItem", "dynamodb.PutItem", "dynamodb.PutItem", "dynamodb.UpdateItem")
    assert model.sms_sent(calls) == ("dynamodb.GetItem", "dynamodb.PutItem", "sns.Publish", "dynamodb.UpdateItem")
    with pytest.raises(ValueError):
        model.sms_sent(("dynamodb.GetItem",))


def made_up(**kw: object) -> model.Measured:
    calls: defaultdict[str, list[str]] = defaultdict(lambda: ["dynamodb.GetItem", "dynamodb.PutItem"])
    values: dict[str, object] = {
        "api": calls,
        "journey": calls,
        "stream": {
            "submitted": ["dynamodb.TransactWriteItems", "dynamodb.PutItem", "dynamodb.PutItem"],
            "issued": ["dynamodb.TransactWriteItems", "dynamodb.PutItem"],
        },
        "render": ["kms.Sign", "kms.Sign", "s3.PutObject"],
        "render_sign_ms": 100.0,
        "first_render_ms": 1000.0,
        "pdf_kb": 64.0,
        "case_kb": 2.0,
        "otp_segments": 1,
        "notice_segments": {"submitted": 2, "issued": 2},
        "memory_mb": 1769,
    }
    values.update(kw)
    return model.Measured(**values)  # type: ignore[arg-type]


def test_journey_adds_the_gateway_and_the_password_check() -> None:
    steps = {s.name: s for s in model.journey(made_up(), A)}
    assert steps["POST /v1/applications/{id}/payment"].extra_ms == A.gateway_call_ms
    assert steps["POST /v1/payments/{gw}/ipn (settles)"].extra_ms == A.gateway_call_ms
    assert steps["POST /v1/auth/login"].extra_ms == A.login_cpu_ms  # at 1,769 MB: one vCPU
    render = steps["render, sign, store, issue (SQS)"]
    assert render.extra_ms == 100.0 and render.calls[-3:] == model.SQS_PER_RENDER
    assert steps["case stream: issued"].transact_wru == A.stats_transaction_wru
    assert steps["case stream: submitted"].calls[-1] == "sns.Publish"
    assert not steps["PDF download (presigned S3 GET)"].invocation


def test_storage_is_paid_for_the_retention() -> None:
    usage = model.storage_usage(made_up(), model.Assumptions(other_items_kb=2.0, retention_years=10))
    assert usage["ddb_storage_ia"] == pytest.approx((4 * 2.0 + 2.0) / model.KB_PER_GB * 120)
    assert usage["ddb_pitr"] == pytest.approx((2.0 + 2.0) / model.KB_PER_GB * 120)  # no global index copies
    assert usage["s3_storage"] == pytest.approx(64 / model.KB_PER_GB * 120)


def test_a_certificates_requests_are_priced_as_standard_ia() -> None:
    step = model.Step("GET /x", 1, ("dynamodb.GetItem", "dynamodb.PutItem"))
    usage = model.total_usage([step], made_up(), model.Assumptions())
    assert "ddb_rru" not in usage and usage["ddb_rru_ia"] == pytest.approx(1.0)
    assert usage["ddb_wru_ia"] == pytest.approx(1.0)
    prices = price_data.PRICES
    assert prices["ddb_wru_ia"].usd == pytest.approx(1.25 * prices["ddb_wru"].usd)
    assert prices["ddb_storage_ia"].usd == pytest.approx(0.4 * prices["ddb_storage"].usd)


def test_result_adds_variable_and_spread_fixed_costs() -> None:
    result = model.Result(
        usage={"x": 1.0},
        variable={"x": 0.001},
        fixed=[model.Fixed("keys", 1_000, "key-month", 1_000.0), model.Fixed("other", 1, "thing", 1_000.0)],
        certificates_per_month=1_000_000,
    )
    assert result.fixed_monthly_usd == 2_000
    assert result.per_certificate_usd() == pytest.approx(0.003)
    assert result.per_certificate_usd(2_000_000) == pytest.approx(0.002)


def test_compute_end_to_end_on_made_up_measurements() -> None:
    a = model.Assumptions(certificates_per_month=1_000_000, signatory_keys=1_000)
    result = model.compute(made_up(), a, {"publish_lists": 10.0, "other": 100.0})
    keys = next(f for f in result.fixed if f.name == "KMS keys: one per office signatory")
    assert keys.usd == 1_000
    assert result.usage["kms_sign"] == 2  # the render's two signatures
    assert result.variable_usd == pytest.approx(sum(result.variable.values()))
    assert result.per_certificate_usd() > result.variable_usd + 0.001  # the keys alone add 0.001
    assert model.sms_segments(made_up()) == 5


def test_fixed_line_and_schedules() -> None:
    line = model.fixed("keys", 10, "kms_key")
    assert (line.units, line.unit, line.usd) == (10, "key-month", 10.0)
    app = Chalice("schedules")

    @app.schedule(Rate(10, unit=Rate.MINUTES), name="every_ten_minutes")
    def every_ten(event: object) -> None: ...

    @app.schedule(Rate(1, unit=Rate.HOURS), name="hourly")
    def hourly(event: object) -> None: ...

    assert model.schedule_runs(app) == {"every_ten_minutes": 4320, "hourly": 720}


def test_item_size_and_memory_from_the_chalice_config(tmp_path: Path) -> None:
    assert measure.item_kb({"ab": {"S": "xyz"}, "n": {"N": "12"}}) == pytest.approx((2 + 3 + 1 + 2) / 1024)
    config = tmp_path / "config.json"
    config.write_text(
        json.dumps({"lambda_memory_size": 512, "stages": {"prod": {}, "big": {"lambda_memory_size": 1024}}})
    )
    assert measure.lambda_memory_mb(config) == 512
    assert measure.lambda_memory_mb(config, stage="big") == 1024
