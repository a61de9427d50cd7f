"""CloudFormation for the stateful half of a stage, merged into `chalice package` output.

Tables come from the PynamoDB models (the same definitions `make run` creates locally) and stream
wiring from infra/wiring.py, so cloud and local stack cannot drift apart. Logical ids of Chalice's
own resources (`DefaultRole`, one `AWS::Serverless::Function` per `lambda_function`) are the ones
`chalice package` emits; infra/package.sh lints the merged result.

    python -m infra.template --stage dev --out build/merge.json
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from unittest import mock

from chalice.utils import to_cfn_resource_name
from pynamodb.models import Model

from chalicelib.adapters.tables import ALL_MODELS, TTL_ATTRIBUTES
from chalicelib.config import Settings, settings
from infra.wiring import STREAMS

Json = dict[str, Any]
ROOT = Path(__file__).resolve().parent.parent
CHALICE_CONFIG = ROOT / ".chalice" / "config.json"
ROLE = "DefaultRole"  # the execution role chalice package creates and every function shares
KEY, SECRET, DLQ, POLICY = "DataKey", "AppKeysSecret", "StreamDeadLetterQueue", "AppDataAccess"
RETAIN = {"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}
# Exactly the operations the adapters and Powertools' idempotency layer issue (PynamoDB 6 never
# calls DescribeTable on the request path; transactions are authorised per Put/Update/Delete).
TABLE_ACTIONS = ["GetItem", "Query", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"]
STREAM_ACTIONS = ["DescribeStream", "GetRecords", "GetShardIterator", "ListStreams"]

# Why a custom resource: GenerateSecretString fills one key of a JSON template with a password,
# while the app reads one JSON secret holding two keys, each base64 of 32 random bytes. So the
# secret is created empty and this function fills in missing keys, never replacing one: every
# hashed key in the tables depends on pii_hash_key. CloudFormation never holds a value, so no stack
# update can reset the keys either.
KEYS_INIT_SOURCE = """\
import base64, json, secrets, urllib.request
import boto3

NAMES = ("token_signing_key", "pii_hash_key")


def handler(event, context):
    status, reason = "SUCCESS", "ok"
    try:
        if event["RequestType"] in ("Create", "Update"):
            init(event["ResourceProperties"]["SecretId"])
    except Exception as exc:  # report it, or CloudFormation waits an hour for an answer
        status, reason = "FAILED", f"{type(exc).__name__}: see CloudWatch Logs"
        print(repr(exc))
    ids = {k: event[k] for k in ("StackId", "RequestId", "LogicalResourceId")}
    body = {"Status": status, "Reason": reason, "PhysicalResourceId": event["LogicalResourceId"], **ids}
    put = urllib.request.Request(event["ResponseURL"], json.dumps(body).encode(), {"Content-Type": ""}, method="PUT")
    urllib.request.urlopen(put, timeout=20)


def init(secret_id):
    sm = boto3.client("secretsmanager")
    try:
        value = json.loads(sm.get_secret_value(SecretId=secret_id)["SecretString"])
    except sm.exceptions.ResourceNotFoundException:  # an empty secret has no AWSCURRENT version
        value = {}
    missing = [name for name in NAMES if not value.get(name)]
    if missing:
        value.update({name: base64.b64encode(secrets.token_bytes(32)).decode() for name in missing})
        sm.put_secret_value(SecretId=secret_id, SecretString=json.dumps(value))
"""


def lambda_environment(stage: str, config_path: Path = CHALICE_CONFIG) -> dict[str, str]:
    """The environment Chalice gives the stage's functions (top level, then stage overrides)."""
    config = json.loads(config_path.read_text())
    stage_config = config.get("stages", {}).get(stage, {})
    return {**config.get("environment_variables", {}), **stage_config.get("environment_variables", {})}


def stage_settings(stage: str, lambda_env: Mapping[str, str]) -> Settings:
    """Settings exactly as the deployed functions compute them from their environment."""
    with mock.patch.dict(os.environ, lambda_env, clear=True):
        resolved = settings.__wrapped__()  # bypass the cache: it holds this process's settings
    if resolved.stage != stage:
        raise ValueError(f"stage {stage!r}: its functions would run as {resolved.stage!r} (set STAGE in config.json)")
    if resolved.table_prefix != f"sonod-{stage}":
        raise ValueError(f"unexpected table prefix {resolved.table_prefix!r} for stage {stage!r}")
    return resolved


def short_name(model: type[Model]) -> str:
    """The model's table name without this process's stage prefix ("sonod-local-cases" -> "cases")."""
    prefix = f"{settings().table_prefix}-"
    name: str = model.Meta.table_name
    if not name.startswith(prefix):
        raise ValueError(f"{model.__name__}: table {name!r} does not start with {prefix!r}")
    return name.removeprefix(prefix)


def table_id(short: str) -> str:
    return f"{to_cfn_resource_name(short)}Table"


def _key_schema(elements: list[Any]) -> list[Json]:
    # PynamoDB orders index keys by attribute name; DynamoDB wants HASH before RANGE.
    ordered = sorted(elements, key=lambda e: e["KeyType"] != "HASH")
    return [{"AttributeName": e["AttributeName"], "KeyType": e["KeyType"]} for e in ordered]


def _att(logical: str, attr: str = "Arn") -> Json:
    return {"Fn::GetAtt": [logical, attr]}


def _allow(action: str | list[str], resource: Any, sid: str | None = None) -> Json:
    return {**({"Sid": sid} if sid else {}), "Effect": "Allow", "Action": action, "Resource": resource}


def _doc(*statements: Json) -> Json:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def _res(kind: str, props: Json, **attributes: Any) -> Json:
    return {"Type": kind, **attributes, "Properties": props}


def table_resource(model: type[Model], name: str, stage: str) -> Json:
    schema = model._get_schema()  # what create_table sends locally
    if schema["local_secondary_indexes"]:
        raise NotImplementedError(f"{model.__name__}: local secondary indexes are not mapped")
    definitions = {d["AttributeName"]: d["AttributeType"] for d in schema["attribute_definitions"]}
    gsis = []
    for index in schema["global_secondary_indexes"]:
        definitions.update({d["AttributeName"]: d["AttributeType"] for d in index["attribute_definitions"]})
        keys = _key_schema(index["key_schema"])
        gsis.append({"IndexName": index["index_name"], "KeySchema": keys, "Projection": dict(index["projection"])})
    props: Json = {
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": _key_schema(list(schema["key_schema"])),
        "AttributeDefinitions": [{"AttributeName": n, "AttributeType": t} for n, t in sorted(definitions.items())],
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
        "DeletionProtectionEnabled": True,
        "SSESpecification": {"SSEEnabled": True, "SSEType": "KMS", "KMSMasterKeyId": _att(KEY)},
        "Tags": [{"Key": "app", "Value": "sonod-sheba"}, {"Key": "stage", "Value": stage}],
    }
    if gsis:
        props["GlobalSecondaryIndexes"] = gsis
    if stream_view := getattr(model.Meta, "stream_view_type", None):
        props["StreamSpecification"] = {"StreamViewType": stream_view}
    if model in TTL_ATTRIBUTES:
        props["TimeToLiveSpecification"] = {"AttributeName": TTL_ATTRIBUTES[model], "Enabled": True}
    return _res("AWS::DynamoDB::Table", props, **RETAIN)


def key_resources(stage: str) -> Json:
    # Delegate to IAM (the policies below grant use), and keep the key manageable by the account.
    root = {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}}
    props = {
        "Description": f"sonod-{stage}: tables, app keys secret, stream dead-letter queue",
        "EnableKeyRotation": True,
        "PendingWindowInDays": 30,
        "KeyPolicy": _doc({**_allow("kms:*", "*", "AccountRoot"), "Principal": root}),
    }
    return {
        # Retained: losing it makes every table, the secret and the queue unreadable.
        KEY: _res("AWS::KMS::Key", props, **RETAIN),
        "DataKeyAlias": _res(
            "AWS::KMS::Alias", {"AliasName": f"alias/sonod-{stage}-data", "TargetKeyId": {"Ref": KEY}}
        ),
    }


def secret_resources(cfg: Settings) -> Json:
    secret = {"Name": cfg.keys_secret_name, "Description": "App keys, written once by AppKeys", "KmsKeyId": _att(KEY)}
    assume = {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
    init_policy = _doc(
        _allow(["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"], {"Ref": SECRET}),
        _allow(["kms:Decrypt", "kms:GenerateDataKey"], _att(KEY)),
    )
    role = {
        "AssumeRolePolicyDocument": _doc(assume),
        "ManagedPolicyArns": [
            {"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}
        ],
        "Policies": [{"PolicyName": "init-app-keys", "PolicyDocument": init_policy}],
    }
    function = {
        "Runtime": "python3.12",
        "Handler": "index.handler",
        "Timeout": 60,
        "Role": _att("AppKeysInitRole"),
        "Code": {"ZipFile": KEYS_INIT_SOURCE},
    }
    return {
        SECRET: _res("AWS::SecretsManager::Secret", secret, **RETAIN),
        "AppKeysInitRole": _res("AWS::IAM::Role", role),
        "AppKeysInitFunction": _res("AWS::Lambda::Function", function),
        "AppKeys": _res("Custom::AppKeys", {"ServiceToken": _att("AppKeysInitFunction"), "SecretId": {"Ref": SECRET}}),
    }


def stream_resources(stage: str, tables: Mapping[str, str]) -> Json:
    queue = {
        "QueueName": f"sonod-{stage}-stream-dlq",
        # A failure record only points at shard and sequence numbers (the changes stay in the
        # stream for 24 hours), so keep it as long as SQS allows; deleting the queue loses nothing else.
        "MessageRetentionPeriod": 1209600,
        "KmsMasterKeyId": {"Ref": KEY},
    }
    alarm = {
        "AlarmName": f"sonod-{stage}-stream-dlq-not-empty",
        "AlarmDescription": "A stream batch failed after retries: office statistics may be missing changes",
        "Namespace": "AWS/SQS",
        "MetricName": "ApproximateNumberOfMessagesVisible",
        "Dimensions": [{"Name": "QueueName", "Value": _att(DLQ, "QueueName")}],
        "Statistic": "Maximum",
        "Period": 300,
        "EvaluationPeriods": 1,
        "Threshold": 0,
        "ComparisonOperator": "GreaterThanThreshold",
        "TreatMissingData": "notBreaching",
    }
    resources: Json = {
        DLQ: _res("AWS::SQS::Queue", queue, DeletionPolicy="Delete", UpdateReplacePolicy="Delete"),
        "StreamDeadLetterAlarm": _res("AWS::CloudWatch::Alarm", alarm),
    }
    for source in STREAMS:
        mapping = {
            "FunctionName": {"Ref": to_cfn_resource_name(source.function)},  # chalice package's logical id
            "EventSourceArn": _att(tables[source.table], "StreamArn"),
            "StartingPosition": "TRIM_HORIZON",  # stream marks make replays harmless; gaps are not
            "BatchSize": source.batch_size,
            "BisectBatchOnFunctionError": True,
            "MaximumRetryAttempts": 5,
            "DestinationConfig": {"OnFailure": {"Destination": _att(DLQ)}},
        }
        # DependsOn: Lambda checks that the role can read the stream when the mapping is created.
        logical = f"{to_cfn_resource_name(source.function)}{table_id(source.table)}Mapping"
        resources[logical] = _res("AWS::Lambda::EventSourceMapping", mapping, DependsOn=[POLICY])
    return resources


def access_policy(stage: str, tables: Mapping[str, str]) -> Json:
    table_arns: list[Any] = []
    for model in ALL_MODELS:
        logical = tables[short_name(model)]
        table_arns.append(_att(logical))
        if model._get_schema()["global_secondary_indexes"]:
            table_arns.append({"Fn::Sub": f"${{{logical}.Arn}}/index/*"})
    document = _doc(
        _allow([f"dynamodb:{a}" for a in TABLE_ACTIONS], table_arns, "Tables"),
        _allow(
            [f"dynamodb:{a}" for a in STREAM_ACTIONS], [_att(tables[s.table], "StreamArn") for s in STREAMS], "Streams"
        ),
        _allow("sqs:SendMessage", _att(DLQ), "StreamFailures"),  # on-failure records go out as the function's role
        _allow("secretsmanager:GetSecretValue", {"Ref": SECRET}, "AppKeys"),
        _allow(["kms:Decrypt", "kms:GenerateDataKey"], _att(KEY), "DataKey"),
        # Direct-to-phone SMS has no topic to name: SNS only accepts "*" for it.
        _allow("sns:Publish", "*", "Sms"),
    )
    props = {"PolicyName": f"sonod-{stage}-data-access", "Roles": [{"Ref": ROLE}], "PolicyDocument": document}
    return _res("AWS::IAM::Policy", props)


def build_template(stage: str, lambda_env: Mapping[str, str] | None = None) -> Json:
    """The merge template for `stage`; `lambda_env` defaults to the stage's .chalice/config.json."""
    cfg = stage_settings(stage, lambda_environment(stage) if lambda_env is None else lambda_env)
    resources: Json = {}
    tables: dict[str, str] = {}  # short name -> logical id
    for model in ALL_MODELS:
        short = short_name(model)
        tables[short] = table_id(short)
        resources[tables[short]] = table_resource(model, cfg.table_name(short), stage)
    if len(set(tables.values())) != len(ALL_MODELS):
        raise ValueError(f"two tables map to one logical id: {sorted(tables)}")
    resources.update(key_resources(stage))
    resources.update(secret_resources(cfg))
    resources.update(stream_resources(stage, tables))
    resources[POLICY] = access_policy(stage, tables)
    return {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stage", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        template = build_template(args.stage)
    except ValueError as exc:
        parser.error(str(exc))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(template, indent=2) + "\n")


if __name__ == "__main__":
    main()
