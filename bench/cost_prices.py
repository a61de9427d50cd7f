"""AWS list prices for bench/cost.py, as data: each with its unit and its source (python -m bench.cost
prints them). Change a price here, with its source and date; the model reads nothing else."""

from __future__ import annotations

from dataclasses import dataclass

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
