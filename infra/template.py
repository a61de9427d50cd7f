"""CloudFormation for the stateful half of a stage, merged into `chalice package` output.

Tables come from the PynamoDB models (the same definitions `make run` creates locally), stream
wiring from infra/wiring.py, bucket and queue names from the Settings the deployed functions
compute, so cloud and local stack cannot drift apart. Buckets and the render queue are in
infra/storage.py, the signing-key permissions in infra/signing.py, the API's throttle, logs and
agencies' usage plans in infra/api.py and infra/agencies.py, alarms and the operators' topic in
infra/alarms.py, the web app's hosting in infra/web.py. Logical ids of Chalice's own resources
(`DefaultRole`, `RestAPI`, one `AWS::Serverless::Function` per function) come from Chalice's own
application graph (infra/chalice_app.py); infra/package.sh lints and scans the merged result
(cfn-lint, then checkov with the exceptions of infra/checkov_skips.py).

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

from chalice.config import Config
from chalice.utils import to_cfn_resource_name
from pynamodb.models import Model

from chalicelib.adapters.tables import ALL_MODELS, TTL_ATTRIBUTES
from chalicelib.config import Settings, settings
from infra import alarms, api, checkov_skips, signing, storage, web
from infra.cfn import KEY, RETAIN, SQS_MAX_RETENTION, Json, allow, att, dead_letter_alarm, doc, res, tags
from infra.chalice_app import chalice_stage
from infra.wiring import DEMAND_FUNCTION, RENDER_FUNCTION, STREAMS

ROOT = Path(__file__).resolve().parent.parent
CHALICE_CONFIG = ROOT / ".chalice" / "config.json"
ROLE = "DefaultRole"  # the execution role chalice package creates and every function shares
SECRET, DLQ, POLICY = "AppKeysSecret", "StreamDeadLetterQueue", "AppDataAccess"
APP_KEYS = "AppKeys"  # the custom resource that writes the secret's keys
# Exactly the operations the adapters and Powertools' idempotency layer issue (PynamoDB 6 never
# calls DescribeTable on the request path; transactions are authorised per Put/Update/Delete).
TABLE_ACTIONS = ["GetItem", "Query", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"]
STREAM_ACTIONS = ["DescribeStream", "GetRecords", "GetShardIterator", "ListStreams"]

# Why a custom resource: GenerateSecretString fills one key of a JSON template with a password,
# while the app reads one JSON secret holding several keys, each base64 of 32 random bytes. So the
# secret is created empty and this function fills in missing keys, never replacing one: every
# hashed key in the tables depends on pii_hash_key. CloudFormation never holds a value, so no stack
# update can reset the keys either. The names are also the custom resource's `Keys` property, so
# a stack created before a key existed runs the function again on update and gets it (edge_key:
# CloudFront reads it through a dynamic reference, infra/web.py, after AppKeys has run).
KEY_NAMES = ("token_signing_key", "pii_hash_key", "edge_key")
KEYS_INIT_SOURCE = """\
import base64, json, secrets, urllib.request
import boto3

NAMES = KEY_NAMES


def handler(event, context):
    status, reason = "SUCCESS", "ok"
    try:
        if event["RequestType"] in ("Create", "Update"):
            props = event["ResourceProperties"]
            init(props["SecretId"], props.get("Keys") or NAMES)
    except Exception as exc:  # report it, or CloudFormation waits an hour for an answer
        status, reason = "FAILED", f"{type(exc).__name__}: see CloudWatch Logs"
        print(repr(exc))
    ids = {k: event[k] for k in ("StackId", "RequestId", "LogicalResourceId")}
    body = {"Status": status, "Reason": reason, "PhysicalResourceId": event["LogicalResourceId"], **ids}
    put = urllib.request.Request(event["ResponseURL"], json.dumps(body).encode(), {"Content-Type": ""}, method="PUT")
    urllib.request.urlopen(put, timeout=20)


def init(secret_id, names=NAMES):
    sm = boto3.client("secretsmanager")
    try:
        value = json.loads(sm.get_secret_value(SecretId=secret_id)["SecretString"])
    except sm.exceptions.ResourceNotFoundException:  # an empty secret has no AWSCURRENT version
        value = {}
    missing = [name for name in names if not value.get(name)]
    if missing:
        value.update({name: base64.b64encode(secrets.token_bytes(32)).decode() for name in missing})
        sm.put_secret_value(SecretId=secret_id, SecretString=json.dumps(value))
""".replace("KEY_NAMES", repr(KEY_NAMES))


def lambda_environment(stage: str, config_path: Path = CHALICE_CONFIG) -> dict[str, str]:
    """The environment Chalice gives the stage's functions (top level, then stage overrides)."""
    config = json.loads(config_path.read_text())
    stage_config = config.get("stages", {}).get(stage, {})
    return {**config.get("environment_variables", {}), **stage_config.get("environment_variables", {})}


def function_timeout(stage: str, function: str, config_path: Path = CHALICE_CONFIG) -> int:
    """The function's lambda_timeout as `chalice package` resolves it (function, stage, top level)."""
    config = Config(stage, function, user_provided_params={}, config_from_disk=json.loads(config_path.read_text()))
    timeout: int = config.lambda_timeout or 60  # Chalice's default when none is configured
    return timeout


def stage_settings(stage: str, lambda_env: Mapping[str, str]) -> Settings:
    """Settings exactly as the deployed functions compute them from their environment."""
    with mock.patch.dict(os.environ, lambda_env, clear=True):
        resolved = settings.__wrapped__()  # bypass the cache: it holds this process's settings
    if resolved.stage != stage:
        raise ValueError(f"stage {stage!r}: its functions would run as {resolved.stage!r} (set STAGE in config.json)")
    if resolved.table_prefix != f"sonod-{stage}":
        raise ValueError(f"unexpected table prefix {resolved.table_prefix!r} for stage {stage!r}")
    if not resolved.verify_base_url.startswith("https://"):
        # The default is the local stack's address: printed into QR codes it would never resolve.
        raise ValueError(
            f"stage {stage!r}: set VERIFY_BASE_URL (https) in config.json, not {resolved.verify_base_url!r}"
        )
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
        "SSESpecification": {"SSEEnabled": True, "SSEType": "KMS", "KMSMasterKeyId": att(KEY)},
        "Tags": tags(stage),
    }
    if gsis:
        props["GlobalSecondaryIndexes"] = gsis
    if table_class := getattr(model.Meta, "table_class", None):
        props["TableClass"] = table_class
    if stream_view := getattr(model.Meta, "stream_view_type", None):
        props["StreamSpecification"] = {"StreamViewType": stream_view}
    if model in TTL_ATTRIBUTES:
        props["TimeToLiveSpecification"] = {"AttributeName": TTL_ATTRIBUTES[model], "Enabled": True}
    return res("AWS::DynamoDB::Table", props, **RETAIN)


def key_resources(stage: str) -> Json:
    # Delegate to IAM (the policies below grant use), and keep the key manageable by the account.
    root = {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}}
    props = {
        "Description": f"sonod-{stage}: tables, app keys secret, stream dead-letter queue, data buckets",
        "EnableKeyRotation": True,
        "PendingWindowInDays": 30,
        "KeyPolicy": doc({**allow("kms:*", "*", "AccountRoot"), "Principal": root}),
    }
    return {
        # Retained: losing it makes every table, the secret, the queue and the buckets unreadable.
        KEY: res("AWS::KMS::Key", props, **RETAIN),
        "DataKeyAlias": res("AWS::KMS::Alias", {"AliasName": f"alias/sonod-{stage}-data", "TargetKeyId": {"Ref": KEY}}),
    }


def secret_resources(cfg: Settings) -> Json:
    secret = {"Name": cfg.keys_secret_name, "Description": "App keys, written once by AppKeys", "KmsKeyId": att(KEY)}
    assume = {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
    init_policy = doc(
        allow(["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"], {"Ref": SECRET}),
        allow(["kms:Decrypt", "kms:GenerateDataKey"], att(KEY)),
    )
    role = {
        "AssumeRolePolicyDocument": doc(assume),
        "ManagedPolicyArns": [
            {"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}
        ],
        "Policies": [{"PolicyName": "init-app-keys", "PolicyDocument": init_policy}],
    }
    function = {
        "Runtime": "python3.12",
        "Handler": "index.handler",
        "Timeout": 60,
        "Role": att("AppKeysInitRole"),
        "Code": {"ZipFile": KEYS_INIT_SOURCE},
    }
    return {
        SECRET: res("AWS::SecretsManager::Secret", secret, **RETAIN),
        "AppKeysInitRole": res("AWS::IAM::Role", role),
        "AppKeysInitFunction": res("AWS::Lambda::Function", function),
        APP_KEYS: res(
            "Custom::AppKeys",
            {"ServiceToken": att("AppKeysInitFunction"), "SecretId": {"Ref": SECRET}, "Keys": list(KEY_NAMES)},
        ),
    }


def stream_resources(stage: str, tables: Mapping[str, str]) -> Json:
    queue = {
        "QueueName": f"sonod-{stage}-stream-dlq",
        # A failure record only points at shard and sequence numbers (the changes stay in the
        # stream for 24 hours), so keep it as long as SQS allows; deleting the queue loses nothing else.
        "MessageRetentionPeriod": SQS_MAX_RETENTION,
        "KmsMasterKeyId": {"Ref": KEY},
    }
    resources: Json = {
        DLQ: res("AWS::SQS::Queue", queue, DeletionPolicy="Delete", UpdateReplacePolicy="Delete"),
        "StreamDeadLetterAlarm": dead_letter_alarm(
            f"sonod-{stage}-stream-dlq-not-empty",
            "A stream batch failed after retries: office statistics may be missing changes",
            DLQ,
        ),
    }
    for source in STREAMS:
        mapping = {
            "FunctionName": {"Ref": to_cfn_resource_name(source.function)},  # chalice package's logical id
            "EventSourceArn": att(tables[source.table], "StreamArn"),
            "StartingPosition": "TRIM_HORIZON",  # stream marks make replays harmless; gaps are not
            "BatchSize": source.batch_size,
            "BisectBatchOnFunctionError": True,
            "MaximumRetryAttempts": 5,
            "DestinationConfig": {"OnFailure": {"Destination": att(DLQ)}},
        }
        # DependsOn: Lambda checks that the role can read the stream when the mapping is created.
        logical = f"{to_cfn_resource_name(source.function)}{table_id(source.table)}Mapping"
        resources[logical] = res("AWS::Lambda::EventSourceMapping", mapping, DependsOn=[POLICY])
    return resources


def _secret_arn(name: str) -> Json:
    # Secrets Manager appends six random characters to a secret's name in its ARN.
    return {"Fn::Sub": f"arn:${{AWS::Partition}}:secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:{name}-*"}


def access_policy(cfg: Settings, tables: Mapping[str, str]) -> Json:
    table_arns: list[Any] = []
    for model in ALL_MODELS:
        logical = tables[short_name(model)]
        table_arns.append(att(logical))
        if model._get_schema()["global_secondary_indexes"]:
            table_arns.append({"Fn::Sub": f"${{{logical}.Arn}}/index/*"})
    document = doc(
        allow([f"dynamodb:{a}" for a in TABLE_ACTIONS], table_arns, "Tables"),
        allow(
            [f"dynamodb:{a}" for a in STREAM_ACTIONS], [att(tables[s.table], "StreamArn") for s in STREAMS], "Streams"
        ),
        allow("sqs:SendMessage", att(DLQ), "StreamFailures"),  # on-failure records go out as the function's role
        allow("secretsmanager:GetSecretValue", {"Ref": SECRET}, "AppKeys"),
        # The external parties' credentials: put in place by operators, never by the stack.
        allow("secretsmanager:GetSecretValue", _secret_arn(cfg.parties_secret_name), "Parties"),
        allow(["kms:Decrypt", "kms:GenerateDataKey"], att(KEY), "DataKey"),
        *storage.storage_statements(cfg),
        *signing.signing_key_statements(cfg.stage),
        # Direct-to-phone SMS has no topic to name: SNS only accepts "*" for it.
        allow("sns:Publish", "*", "Sms"),
        # Consuming the render queue is granted by Chalice itself (DefaultRole: sqs:ReceiveMessage,
        # DeleteMessage, GetQueueAttributes); the queue uses SQS-managed keys, so no kms:Decrypt.
    )
    props = {"PolicyName": f"sonod-{cfg.stage}-data-access", "Roles": [{"Ref": ROLE}], "PolicyDocument": document}
    return res("AWS::IAM::Policy", props)


def build_template(stage: str, lambda_env: Mapping[str, str] | None = None) -> Json:
    """The merge template for `stage`; `lambda_env` defaults to the stage's .chalice/config.json."""
    env = lambda_environment(stage) if lambda_env is None else lambda_env
    cfg = stage_settings(stage, env)
    app = chalice_stage(stage)
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
    resources.update(storage.bucket_resources(cfg))
    resources.update(storage.queue_resources(cfg, function_timeout(stage, RENDER_FUNCTION)))
    resources[POLICY] = access_policy(cfg, tables)
    # Chalice subscribes render_certificates to the queue by a name-built ARN, which gives
    # CloudFormation no dependency: without this the event source mapping can be created before the
    # queue (and fail), or start polling before the role may read the buckets and tables. The deep
    # merge of `chalice package` adds DependsOn to the function it generates; the rest is Chalice's.
    render = to_cfn_resource_name(RENDER_FUNCTION)
    resources[render] = {"Type": "AWS::Serverless::Function", "DependsOn": [storage.QUEUE, POLICY]}
    resources.update(storage.demand_queue_resources(cfg, function_timeout(stage, DEMAND_FUNCTION)))
    demand = to_cfn_resource_name(DEMAND_FUNCTION)
    resources[demand] = {"Type": "AWS::Serverless::Function", "DependsOn": [storage.DEMAND_QUEUE, POLICY]}
    api_parameters, api_resources = api.api_resources(stage, app)
    resources.update(api_resources)
    alarm_parameters, alarm_conditions, alarm_resources = alarms.alarm_resources(stage, app, tables, env)
    resources.update(alarm_resources)
    web_parameters, web_conditions = web.parameters()
    browser_buckets = [cfg.papers_bucket, cfg.certificates_bucket]  # reached with presigned URLs
    edge_key = web.EdgeKey(cfg.keys_secret_name, "edge_key", APP_KEYS)
    resources.update(web.web_resources(stage, app.rest_api_stage(), browser_buckets, edge_key))
    resources.update(storage.logs_resources(stage, [*storage.buckets(cfg).values(), web.bucket_name(stage)]))
    alarms.notify_operators(resources)
    checkov_skips.apply(resources, app)
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": {**alarm_parameters, **api_parameters, **web_parameters},
        "Conditions": {**alarm_conditions, **web_conditions},
        "Resources": resources,
        "Outputs": {**alarms.outputs(), **web.outputs()},
    }


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
