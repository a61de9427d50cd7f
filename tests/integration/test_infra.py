"""The CloudFormation built from the PynamoDB models: every deployed table hardened, indexes and
stream wiring as the models and infra/wiring.py declare, app keys written once, the certificate
pipeline's buckets and render queue wired as the local stack wires them, an app role scoped to
what the adapters do, and the packaged stack clean under cfn-lint."""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws
from pynamodb.indexes import GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.adapters import aws, kms
from chalicelib.adapters.storage import RENDER_PREFIX
from chalicelib.adapters.tables import ALL_MODELS, LOCAL_ONLY_MODELS, TTL_ATTRIBUTES
from infra import agencies, alarms, checkov_skips, web
from infra.chalice_app import chalice_stage
from infra.template import KEYS_INIT_SOURCE, build_template, function_timeout, short_name
from infra.wiring import RENDER_FUNCTION, STREAMS
from local.resources import MAX_RENDER_ATTEMPTS, reset_process_caches

ROOT = Path(__file__).resolve().parents[2]
STAGE = "test-x"
STAGE_ENV = {"STAGE": STAGE, "VERIFY_BASE_URL": "https://verify.test-x.example"}
BUCKETS = {
    "WorkBucket": "work",
    "CertificatesBucket": "certificates",
    "PublicBucket": "public",
    "PapersBucket": "papers",
}


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    # A stage that is not in .chalice/config.json: give its functions' environment explicitly.
    return build_template(STAGE, STAGE_ENV)


def of_type(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in template["Resources"].items() if r["Type"] == kind}


def table_props(template: dict[str, Any], model: type[Model]) -> dict[str, Any]:
    name = f"sonod-{STAGE}-{short_name(model)}"
    tables = of_type(template, "AWS::DynamoDB::Table").values()
    [props] = [t["Properties"] for t in tables if t["Properties"]["TableName"] == name]
    return props


def keys_of(attributes: dict[str, Any]) -> tuple[str | None, str | None]:
    hash_key = next((a.attr_name for a in attributes.values() if a.is_hash_key), None)
    range_key = next((a.attr_name for a in attributes.values() if a.is_range_key), None)
    return hash_key, range_key


def schema_keys(key_schema: list[dict[str, str]]) -> tuple[str | None, str | None]:
    assert key_schema[0]["KeyType"] == "HASH"  # DynamoDB wants HASH first
    by_type = {k["KeyType"]: k["AttributeName"] for k in key_schema}
    return by_type.get("HASH"), by_type.get("RANGE")


def test_every_deployed_table_is_hardened(template: dict[str, Any]) -> None:
    tables = of_type(template, "AWS::DynamoDB::Table")
    expected = {f"sonod-{STAGE}-{short_name(m)}" for m in ALL_MODELS}
    assert {t["Properties"]["TableName"] for t in tables.values()} == expected
    assert not {f"sonod-{STAGE}-{short_name(m)}" for m in LOCAL_ONLY_MODELS} & expected
    assert set(of_type(template, "AWS::KMS::Key")) == {"DataKey", "OpsKey"}  # OpsKey: alarms and access logs
    key_id = "DataKey"
    for table in tables.values():
        props = table["Properties"]
        assert props["BillingMode"] == "PAY_PER_REQUEST"
        assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
        assert props["DeletionProtectionEnabled"] is True
        assert props["SSESpecification"] == {
            "SSEEnabled": True,
            "SSEType": "KMS",
            "KMSMasterKeyId": {"Fn::GetAtt": [key_id, "Arn"]},
        }
        assert (table["DeletionPolicy"], table["UpdateReplacePolicy"]) == ("Retain", "Retain")
    key = template["Resources"][key_id]
    assert key["Properties"]["EnableKeyRotation"] is True
    assert key["DeletionPolicy"] == "Retain"


def test_keys_indexes_and_ttl_follow_the_models(template: dict[str, Any]) -> None:
    for model in ALL_MODELS:
        props = table_props(template, model)
        assert schema_keys(props["KeySchema"]) == keys_of(model.get_attributes())
        indexes = [i for i in vars(model).values() if isinstance(i, GlobalSecondaryIndex)]
        expected = {i.Meta.index_name: (keys_of(i.Meta.attributes), i.Meta.projection.projection_type) for i in indexes}
        actual = {
            g["IndexName"]: (schema_keys(g["KeySchema"]), g["Projection"]["ProjectionType"])
            for g in props.get("GlobalSecondaryIndexes", [])
        }
        assert actual == expected, model.__name__
        key_names = {k["AttributeName"] for k in props["KeySchema"]}
        key_names |= {k["AttributeName"] for g in props.get("GlobalSecondaryIndexes", []) for k in g["KeySchema"]}
        assert {d["AttributeName"] for d in props["AttributeDefinitions"]} == key_names
        ttl = props.get("TimeToLiveSpecification")
        assert ttl == ({"AttributeName": TTL_ATTRIBUTES[model], "Enabled": True} if model in TTL_ATTRIBUTES else None)


def test_case_stream_is_wired_with_retries_and_a_dead_letter_queue(template: dict[str, Any]) -> None:
    cases = template["Resources"]["CasesTable"]["Properties"]
    assert cases["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    mappings = list(of_type(template, "AWS::Lambda::EventSourceMapping").values())
    assert len(mappings) == len(STREAMS)
    [mapping] = [m["Properties"] for m in mappings if m["Properties"]["FunctionName"] == {"Ref": "CaseStream"}]
    assert mapping["EventSourceArn"] == {"Fn::GetAtt": ["CasesTable", "StreamArn"]}
    assert mapping["BisectBatchOnFunctionError"] is True
    assert mapping["MaximumRetryAttempts"] == 5
    queue_id = mapping["DestinationConfig"]["OnFailure"]["Destination"]["Fn::GetAtt"][0]
    queue = template["Resources"][queue_id]
    assert queue["Type"] == "AWS::SQS::Queue"
    assert queue["Properties"]["KmsMasterKeyId"] == {"Ref": "DataKey"}
    assert_alarmed(template, queue_id)


def assert_alarmed(template: dict[str, Any], queue_id: str) -> None:
    """One alarm fires as soon as a message sits in the dead-letter queue `queue_id`."""
    queue_name = {"Fn::GetAtt": [queue_id, "QueueName"]}
    alarms = of_type(template, "AWS::CloudWatch::Alarm").values()
    [alarm] = [a["Properties"] for a in alarms if a["Properties"].get("Dimensions", [{}])[0].get("Value") == queue_name]
    assert alarm["MetricName"] == "ApproximateNumberOfMessagesVisible"
    assert alarm["Dimensions"] == [{"Name": "QueueName", "Value": queue_name}]
    assert (alarm["ComparisonOperator"], alarm["Threshold"]) == ("GreaterThanThreshold", 0)


def app_statements(template: dict[str, Any]) -> list[dict[str, Any]]:
    [policy] = of_type(template, "AWS::IAM::Policy").values()
    assert policy["Properties"]["Roles"] == [{"Ref": "DefaultRole"}]
    statements: list[dict[str, Any]] = policy["Properties"]["PolicyDocument"]["Statement"]
    return statements


def actions_of(statement: dict[str, Any]) -> list[str]:
    action = statement["Action"]
    return [action] if isinstance(action, str) else list(action)


def by_sid(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["Sid"]: s for s in app_statements(template)}


def test_secret_and_the_app_role_policy(template: dict[str, Any]) -> None:
    [secret] = of_type(template, "AWS::SecretsManager::Secret").values()
    assert secret["Properties"]["Name"] == f"sonod-{STAGE}/app-keys"
    assert not {"SecretString", "GenerateSecretString"} & set(secret["Properties"])  # the value is never in the stack
    statements = app_statements(template)
    actions = {a for s in statements for a in actions_of(s)}
    assert {"secretsmanager:GetSecretValue", "kms:Decrypt", "sns:Publish", "dynamodb:GetRecords"} <= actions
    assert not [a for a in actions if a.endswith("*") or a.startswith("dynamodb:Scan")]
    assert all(s["Effect"] == "Allow" for s in statements)
    # Resource "*" only where the service has no resource to name: SMS to a phone number, and
    # kms:CreateKey (the key does not exist yet; its statement constrains the request instead).
    unscoped = {a for s in statements if s["Resource"] == "*" for a in actions_of(s)}
    assert unscoped == {"sns:Publish", "kms:CreateKey"}
    assert by_sid(template)["CreateSigningKeys"]["Condition"]


def test_s3_access_is_scoped_to_the_keys_the_adapter_uses(template: dict[str, Any]) -> None:
    statements = by_sid(template)

    def scope(sid: str) -> tuple[list[str], str]:
        return actions_of(statements[sid]), statements[sid]["Resource"]["Fn::Sub"]

    s3 = "arn:${AWS::Partition}:s3:::"
    assert scope("RenderRequests") == (["s3:PutObject", "s3:GetObject"], f"{s3}sonod-{STAGE}-work/{RENDER_PREFIX}*")
    # Presigned PDF links are signed with the role's credentials: it must be able to GET versions.
    assert scope("CertificatePdfs") == (
        ["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion"],
        f"{s3}sonod-{STAGE}-certificates/certificates/*.pdf",
    )
    assert scope("PublishedLists") == (["s3:PutObject", "s3:GetObject"], f"{s3}sonod-{STAGE}-public/*")
    assert scope("PublishedListsMissing") == (["s3:ListBucket"], f"{s3}sonod-{STAGE}-public")
    assert scope("PaperUploads") == (["s3:PutObject", "s3:GetObject"], f"{s3}sonod-{STAGE}-papers/incoming/*")
    assert scope("Papers") == (["s3:PutObject", "s3:GetObject"], f"{s3}sonod-{STAGE}-papers/papers/*")
    s3_actions = {a for s in statements.values() for a in actions_of(s) if a.startswith("s3:")}
    assert not s3_actions & {"s3:DeleteObject", "s3:DeleteObjectVersion", "s3:BypassGovernanceRetention"}


def test_buckets_are_encrypted_private_and_tls_only(template: dict[str, Any]) -> None:
    buckets = of_type(template, "AWS::S3::Bucket")
    assert set(buckets) == set(BUCKETS) | {"LogsBucket", "WebBucket"}  # those two: see their own tests
    for logical, short in BUCKETS.items():
        bucket, props = buckets[logical], buckets[logical]["Properties"]
        assert props["BucketName"] == f"sonod-{STAGE}-{short}"
        [rule] = props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        assert rule["ServerSideEncryptionByDefault"] == {
            "SSEAlgorithm": "aws:kms",
            "KMSMasterKeyID": {"Fn::GetAtt": ["DataKey", "Arn"]},
        }
        assert rule["BucketKeyEnabled"] is True
        assert set(props["PublicAccessBlockConfiguration"].values()) == {True}
        assert len(props["PublicAccessBlockConfiguration"]) == 4
        assert props["OwnershipControls"] == {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
        [policy] = [
            p["Properties"]["PolicyDocument"]
            for p in of_type(template, "AWS::S3::BucketPolicy").values()
            if p["Properties"]["Bucket"] == {"Ref": logical}
        ]
        [deny] = policy["Statement"]
        assert (deny["Effect"], deny["Principal"]) == ("Deny", "*")
        assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
        retained = (bucket.get("DeletionPolicy"), bucket.get("UpdateReplacePolicy")) == ("Retain", "Retain")
        assert retained == (logical != "WorkBucket"), logical  # issued PDFs and published lists survive the stack
        assert props["LoggingConfiguration"] == {
            "DestinationBucketName": {"Ref": "LogsBucket"},
            "LogFilePrefix": f"s3/sonod-{STAGE}-{short}/",
        }
    for logical in ("CertificatesBucket", "PublicBucket"):
        assert buckets[logical]["Properties"]["VersioningConfiguration"] == {"Status": "Enabled"}


def test_issued_pdfs_are_under_object_lock(template: dict[str, Any]) -> None:
    props = template["Resources"]["CertificatesBucket"]["Properties"]
    assert props["ObjectLockEnabled"] is True  # only possible when the bucket is created
    assert props["VersioningConfiguration"] == {"Status": "Enabled"}  # which object lock requires
    assert props["ObjectLockConfiguration"] == {
        "ObjectLockEnabled": "Enabled",
        "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Years": 10}},
    }
    lifecycle = props["LifecycleConfiguration"]["Rules"]
    assert not [r for r in lifecycle if {"ExpirationInDays", "NoncurrentVersionExpiration"} & set(r)]


def test_render_requests_go_from_the_work_bucket_to_the_render_queue(template: dict[str, Any]) -> None:
    work = template["Resources"]["WorkBucket"]
    [notification] = work["Properties"]["NotificationConfiguration"]["QueueConfigurations"]
    assert notification == {
        "Event": "s3:ObjectCreated:*",
        "Queue": {"Fn::GetAtt": ["RenderQueue", "Arn"]},
        "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": RENDER_PREFIX}]}},
    }
    rules = work["Properties"]["LifecycleConfiguration"]["Rules"]
    [expiry] = [r for r in rules if r.get("Prefix") == RENDER_PREFIX]
    assert (expiry["ExpirationInDays"], expiry["Status"]) == (7, "Enabled")
    # S3 checks it may send when the notification is configured: the queue policy comes first...
    assert work["DependsOn"] == ["RenderQueuePolicy"]
    policy = template["Resources"]["RenderQueuePolicy"]["Properties"]
    assert policy["Queues"] == [{"Ref": "RenderQueue"}]
    [statement] = policy["PolicyDocument"]["Statement"]
    assert statement["Principal"] == {"Service": "s3.amazonaws.com"}
    assert (statement["Action"], statement["Resource"]) == ("sqs:SendMessage", {"Fn::GetAtt": ["RenderQueue", "Arn"]})
    assert statement["Condition"] == {
        "ArnEquals": {"aws:SourceArn": {"Fn::Sub": f"arn:${{AWS::Partition}}:s3:::sonod-{STAGE}-work"}},
        "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
    }
    # ...so it names the bucket by its name: a Ref or GetAtt on WorkBucket would be a cycle.
    text = json.dumps(policy)
    assert '"WorkBucket"' not in text and "${WorkBucket" not in text


def test_render_queue_retries_then_dead_letters(template: dict[str, Any]) -> None:
    queue = template["Resources"]["RenderQueue"]["Properties"]
    assert queue["QueueName"] == f"sonod-{STAGE}-render"  # what @on_sqs_message subscribes to by name
    assert queue["VisibilityTimeout"] >= 6 * function_timeout(STAGE, RENDER_FUNCTION)
    assert queue["SqsManagedSseEnabled"] is True  # see infra/storage.py: S3 could not use the data key
    assert queue["RedrivePolicy"] == {
        "deadLetterTargetArn": {"Fn::GetAtt": ["RenderDeadLetterQueue", "Arn"]},
        "maxReceiveCount": MAX_RENDER_ATTEMPTS,
    }
    assert MAX_RENDER_ATTEMPTS == 5
    dlq = template["Resources"]["RenderDeadLetterQueue"]["Properties"]
    assert (dlq["QueueName"], dlq["MessageRetentionPeriod"]) == (f"sonod-{STAGE}-render-dlq", 14 * 24 * 3600)
    assert dlq["SqsManagedSseEnabled"] is True
    assert_alarmed(template, "RenderDeadLetterQueue")
    # Chalice's mapping names the queue by a built ARN: nothing else orders it after the queue.
    assert template["Resources"]["RenderCertificates"]["DependsOn"] == ["RenderQueue", "AppDataAccess"]


def test_a_stage_whose_functions_would_not_know_it_is_refused() -> None:
    with pytest.raises(ValueError, match="would run as 'local'"):
        build_template(STAGE)  # not in .chalice/config.json, so its functions get no STAGE


def test_a_stage_without_a_public_verify_url_is_refused() -> None:
    with pytest.raises(ValueError, match="VERIFY_BASE_URL"):
        build_template(STAGE, {"STAGE": STAGE})  # QR codes would point at 127.0.0.1


def satisfied(condition: dict[str, dict[str, Any]], context: dict[str, Any]) -> bool:
    """IAM condition evaluation for the operators the signing-key statements use (others fail)."""
    for operator, tests in condition.items():
        for key, allowed in tests.items():
            values = set(allowed) if isinstance(allowed, list) else {allowed}
            if operator == "StringEquals":
                if key not in context or context[key] not in values:
                    return False
            elif operator == "ForAllValues:StringEquals":
                if not set(context.get(key, [])) <= values:
                    return False
            elif operator == "NumericGreaterThanEquals":
                if key not in context or not context[key] >= allowed:
                    return False
            else:
                raise AssertionError(f"the test's evaluator does not know {operator}")
    return True


def allowed(statements: list[dict[str, Any]], action: str, context: dict[str, Any]) -> bool:
    return any(action in actions_of(s) and satisfied(s.get("Condition", {}), context) for s in statements)


def test_signing_key_permissions_allow_exactly_what_the_kms_adapter_asks(
    template: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    statements = app_statements(template)
    calls: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setenv("STAGE", "test-x")  # the adapter runs as the stage the template was built for
    with mock_aws():
        reset_process_caches()
        client = aws.client("kms")
        client.meta.events.register(
            "provide-client-params.kms.*", lambda params, model, **_: calls.append((model.name, dict(params)))
        )
        key_id = kms.create_signing_key("union-1", "signatory")
        kms.create_signing_key("platform", "root")
        kms.public_key_der(key_id)
        kms.sign_raw(key_id, b"certificate body")
        kms.schedule_deletion(key_id)  # a handover retires the signatory's key
        adapter_calls = list(calls)  # not the look-ups below
        metadata = client.describe_key(KeyId=key_id)["KeyMetadata"]
        key_tags = {t["TagKey"]: t["TagValue"] for t in client.list_resource_tags(KeyId=key_id)["Tags"]}
    reset_process_caches()
    assert {name for name, _ in adapter_calls} == {"CreateKey", "GetPublicKey", "Sign", "ScheduleKeyDeletion"}
    key = {f"aws:ResourceTag/{k}": v for k, v in key_tags.items()}
    key |= {"kms:KeySpec": metadata["KeySpec"], "kms:KeyUsage": metadata["KeyUsage"]}
    for name, params in adapter_calls:
        if name == "CreateKey":
            tags = {t["TagKey"]: t["TagValue"] for t in params["Tags"]}
            context = {f"aws:RequestTag/{k}": v for k, v in tags.items()} | {"aws:TagKeys": list(tags)}
            context |= {"kms:KeySpec": params["KeySpec"], "kms:KeyUsage": params["KeyUsage"]}
            assert allowed(statements, "kms:CreateKey", context), params
            assert allowed(statements, "kms:TagResource", context), params  # CreateKey with Tags needs it
            assert not allowed(statements, "kms:CreateKey", context | {"aws:RequestTag/purpose": "backup"})
            assert not allowed(statements, "kms:CreateKey", context | {"kms:KeySpec": "SYMMETRIC_DEFAULT"})
            assert not allowed(statements, "kms:TagResource", context | {"aws:TagKeys": [*tags, "owner"]})
        elif name == "Sign":
            context = key | {
                "kms:MessageType": params["MessageType"],
                "kms:SigningAlgorithm": params["SigningAlgorithm"],
            }
            assert allowed(statements, "kms:Sign", context), params
            assert not allowed(statements, "kms:Sign", context | {"kms:MessageType": "DIGEST"})
            assert not allowed(statements, "kms:Sign", {k: v for k, v in context.items() if "ResourceTag" not in k})
        elif name == "ScheduleKeyDeletion":
            context = key | {"kms:ScheduleKeyDeletionPendingWindowInDays": params["PendingWindowInDays"]}
            assert allowed(statements, "kms:ScheduleKeyDeletion", context), params
            assert not allowed(statements, "kms:ScheduleKeyDeletion", context | {"aws:ResourceTag/purpose": "root"})
            short = context | {"kms:ScheduleKeyDeletionPendingWindowInDays": 7}  # too short to notice and cancel
            assert not allowed(statements, "kms:ScheduleKeyDeletion", short)
        else:
            assert allowed(statements, f"kms:{name}", key), name
    assert not allowed(statements, "kms:GetPublicKey", key | {"aws:ResourceTag/purpose": "backup"})
    assert not allowed(statements, "kms:GetPublicKey", key | {"aws:ResourceTag/stage": "prod"})  # another stage's key
    assert not [
        s
        for s in statements
        if {"kms:UntagResource", "kms:DisableKey", "kms:DeleteImportedKeyMaterial"} & set(actions_of(s))
    ]
    assert [s["Sid"] for s in statements if "kms:ScheduleKeyDeletion" in actions_of(s)] == ["RetireSignatoryKeys"]


def test_app_keys_are_written_once_and_never_replaced() -> None:
    init: Any = {}
    exec(KEYS_INIT_SOURCE, init)
    with mock_aws():
        sm = boto3.client("secretsmanager")
        sm.create_secret(Name="sonod-test-x/app-keys")
        init["init"]("sonod-test-x/app-keys")
        first = json.loads(sm.get_secret_value(SecretId="sonod-test-x/app-keys")["SecretString"])
        assert {k: len(base64.b64decode(v)) for k, v in first.items()} == {"token_signing_key": 32, "pii_hash_key": 32}
        init["init"]("sonod-test-x/app-keys")
        assert json.loads(sm.get_secret_value(SecretId="sonod-test-x/app-keys")["SecretString"]) == first

        sm.put_secret_value(SecretId="sonod-test-x/app-keys", SecretString=json.dumps({"pii_hash_key": "a2VlcA=="}))
        init["init"]("sonod-test-x/app-keys")
        repaired = json.loads(sm.get_secret_value(SecretId="sonod-test-x/app-keys")["SecretString"])
        assert repaired["pii_hash_key"] == "a2VlcA=="  # an existing hash key is kept, whatever it is
        assert len(base64.b64decode(repaired["token_signing_key"])) == 32


def test_every_alarm_reaches_the_operators_topic(template: dict[str, Any]) -> None:
    resources = template["Resources"]
    alarm_list = of_type(template, "AWS::CloudWatch::Alarm").values()
    for alarm in alarm_list:
        props = alarm["Properties"]
        assert props["AlarmActions"] == props["OKActions"] == [{"Ref": "OpsTopic"}], props["AlarmName"]
        assert props["AlarmName"].startswith(f"sonod-{STAGE}-")
    topic = resources["OpsTopic"]["Properties"]
    assert topic["KmsMasterKeyId"] == {"Ref": "OpsKey"}  # its own key: CloudWatch must be able to use it
    key = resources["OpsKey"]["Properties"]
    assert key["EnableKeyRotation"] is True
    principals = [s["Principal"] for s in key["KeyPolicy"]["Statement"]]
    assert {"Service": "cloudwatch.amazonaws.com"} in principals
    assert not [s for s in resources["DataKey"]["Properties"]["KeyPolicy"]["Statement"] if "Service" in s["Principal"]]
    [publish, deny] = resources["OpsTopicPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    assert (publish["Principal"], publish["Action"]) == ({"Service": "cloudwatch.amazonaws.com"}, "sns:Publish")
    assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    email = resources["OpsEmailSubscription"]
    assert email["Condition"] == "HasAlarmEmail"  # no address, no subscription: the stack still deploys
    assert email["Properties"] == {
        "TopicArn": {"Ref": "OpsTopic"},
        "Protocol": "email",
        "Endpoint": {"Ref": "AlarmEmail"},
    }
    assert template["Parameters"]["AlarmEmail"]["Default"] == ""


def dimensions(props: dict[str, Any]) -> list[dict[str, Any]]:
    if "Metrics" in props:
        return [d for m in props["Metrics"] if "MetricStat" in m for d in m["MetricStat"]["Metric"]["Dimensions"]]
    return list(props["Dimensions"])


def alarms_on(template: dict[str, Any], metric: str) -> list[dict[str, Any]]:
    found = []
    for alarm in of_type(template, "AWS::CloudWatch::Alarm").values():
        props = alarm["Properties"]
        names = [m["MetricStat"]["Metric"]["MetricName"] for m in props.get("Metrics", []) if "MetricStat" in m]
        if metric in [props.get("MetricName"), *names]:
            found.append(props)
    return found


def test_alarms_cover_every_function_table_the_api_and_the_apps_own_failures(template: dict[str, Any]) -> None:
    app = chalice_stage(STAGE)
    assert {"APIHandler", "Bearer", "CaseStream", "RenderCertificates", "PublishLists"} <= {
        f.logical_id for f in app.functions
    }
    for metric in ("Errors", "Throttles"):
        watched = [dimensions(a) for a in alarms_on(template, metric)]
        assert sorted(watched, key=str) == sorted(
            ([{"Name": "FunctionName", "Value": {"Ref": f.logical_id}}] for f in app.functions), key=str
        )
    [api] = alarms_on(template, "5XXError")
    expected_api = [{"Name": "ApiName", "Value": f"sonod-{STAGE}"}, {"Name": "Stage", "Value": app.api_stage}]
    assert dimensions(api) == expected_api * 2  # 5XXError and Count, on the API infra/api.py names
    assert template["Resources"]["RestAPI"]["Properties"]["Name"] == f"sonod-{STAGE}"
    assert (api["Threshold"], api["Metrics"][-1]["ReturnData"]) == (5, True)
    tables = {t for t, r in template["Resources"].items() if r["Type"] == "AWS::DynamoDB::Table"}
    throttled = [dimensions(a) for a in alarms_on(template, "ReadThrottleEvents")]
    assert sorted(str(d) for d in throttled) == sorted(
        str([{"Name": "TableName", "Value": {"Ref": t}}] * 2) for t in tables
    )
    assert alarms_on(template, "ReadThrottleEvents") == alarms_on(template, "WriteThrottleEvents")
    sources = "\n".join(p.read_text() for p in (ROOT / "chalicelib").rglob("*.py"))
    for app_alarm in alarms.APP_ALARMS:
        assert f'add_metric(name="{app_alarm.metric}"' in sources, app_alarm.metric  # a renamed metric fails here
        [props] = alarms_on(template, app_alarm.metric)
        assert (props["Namespace"], props["Dimensions"]) == (
            "SonodSheba",
            [{"Name": "service", "Value": "sonod-sheba"}],
        )
    assert {"SmsGaveUp", "PaymentMismatch", "UnexpectedError"} <= {a.metric for a in alarms.APP_ALARMS}
    with pytest.raises(ValueError, match="POWERTOOLS_METRICS_NAMESPACE"):
        alarms.namespace({"POWERTOOLS_METRICS_NAMESPACE": "Elsewhere"})


def test_api_stage_is_throttled_logged_and_the_agency_route_needs_a_key(template: dict[str, Any]) -> None:
    resources = template["Resources"]
    api = resources["RestAPI"]
    assert api["DependsOn"] == ["ApiGatewayAccount"]  # a stage with access logs needs the account's logs role
    props = api["Properties"]
    [throttle] = props["MethodSettings"]
    assert (throttle["ResourcePath"], throttle["HttpMethod"]) == ("/*", "*")
    assert throttle["ThrottlingRateLimit"] == {"Ref": "ApiRateLimit"} and throttle["DataTraceEnabled"] is False
    assert throttle["ThrottlingBurstLimit"] == {"Ref": "ApiBurstLimit"}
    assert props["AccessLogSetting"]["DestinationArn"] == {"Fn::GetAtt": ["ApiAccessLogs", "Arn"]}
    assert "$context.resourcePath" in props["AccessLogSetting"]["Format"]
    assert "$context.path" not in props["AccessLogSetting"]["Format"]  # ids in paths stay out of the logs
    logs = resources["ApiAccessLogs"]["Properties"]
    assert (logs["KmsKeyId"], logs["RetentionInDays"]) == ({"Fn::GetAtt": ["OpsKey", "Arn"]}, 365)
    body = props["DefinitionBody"]
    assert body["paths"] == {"/v1/agency/lookup": {"post": {"security": [{"api_key": []}]}}}
    assert body["securityDefinitions"] == {"api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"}}
    responses = props["GatewayResponses"]
    assert {k: v["StatusCode"] for k, v in responses.items()} == {
        "THROTTLED": "429",
        "QUOTA_EXCEEDED": "429",
        "INVALID_API_KEY": "401",  # what the app itself answers for a bad key
    }
    for response in responses.values():
        problem = json.loads(response["ResponseTemplates"]["application/json"])
        assert {"type", "status", "code", "title", "title_bn", "detail"} == set(problem)
        assert response["ResponseParameters"]["Headers"]["Content-Type"] == "'application/problem+json'"


def test_each_agency_has_a_usage_plan_with_its_own_quota(template: dict[str, Any]) -> None:
    plans = of_type(template, "AWS::ApiGateway::UsagePlan")
    assert {p.slug for p in agencies.AGENCIES} == {"police", "passport", "land", "army", "death-registration"}
    assert set(plans) == {p.logical_id for p in agencies.AGENCIES}
    for plan in agencies.AGENCIES:
        props = plans[plan.logical_id]["Properties"]
        assert props["UsagePlanName"] == f"sonod-{STAGE}-agency-{plan.slug}"
        assert props["ApiStages"] == [{"ApiId": {"Ref": "RestAPI"}, "Stage": {"Ref": "RestAPI.Stage"}}]
        assert props["Quota"] == {"Limit": {"Ref": plan.quota_parameter}, "Period": "DAY"}
        assert template["Parameters"][plan.quota_parameter]["Default"] == plan.daily_quota
        assert props["Throttle"]["RateLimit"] > 0


def test_agency_keys_are_issued_to_the_app_and_the_usage_plan_alike(
    api: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    apigw = boto3.client("apigateway")
    plans = {p.slug: apigw.create_usage_plan(name=f"sonod-local-agency-{p.slug}") for p in agencies.AGENCIES}
    plan = plans["passport"]
    lookup = {"certificate_no": "X", "holder_dob": "1990-01-01", "purpose": "passport application"}
    names = ["--name-en", "Passport office", "--name-bn", "পাসপোর্ট অফিস"]
    agencies.main(["issue", "--plan", "passport", "--agency-id", "dip", *names], apigw=apigw)
    key = re.search(r"X-Api-Key: (\S+)", capsys.readouterr().out)
    assert key, "the key is printed once"
    [gateway_key] = apigw.get_usage_plan_keys(usagePlanId=plan["id"])["items"]
    assert apigw.get_api_key(apiKey=gateway_key["id"], includeValue=True)["value"] == key[1]  # one value, one header
    assert api.call("POST", "/v1/agency/lookup", lookup, headers={"X-Api-Key": key[1]})[0] != 401
    agencies.main(["list"], apigw=apigw)
    assert f"passport\t{gateway_key['id']}\t" in capsys.readouterr().out
    agencies.main(["revoke", "--key-id", gateway_key["id"]], apigw=apigw)
    assert apigw.get_api_key(apiKey=gateway_key["id"])["enabled"] is False
    assert api.call("POST", "/v1/agency/lookup", lookup, headers={"X-Api-Key": key[1]})[0] == 401


def test_web_app_is_served_by_cloudfront_from_a_private_bucket_with_the_api_under_v1(template: dict[str, Any]) -> None:
    resources = template["Resources"]
    bucket = resources["WebBucket"]["Properties"]
    assert bucket["BucketName"] == f"sonod-{STAGE}-web"
    assert set(bucket["PublicAccessBlockConfiguration"].values()) == {True}
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    [rule] = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}
    [deny, read] = resources["WebBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert (read["Principal"], read["Action"]) == ({"Service": "cloudfront.amazonaws.com"}, "s3:GetObject")
    assert "${WebDistribution}" in read["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Sub"]  # ours only
    oac = resources["WebOriginAccessControl"]["Properties"]["OriginAccessControlConfig"]
    assert (oac["OriginAccessControlOriginType"], oac["SigningBehavior"], oac["SigningProtocol"]) == (
        "s3",
        "always",
        "sigv4",
    )
    config = resources["WebDistribution"]["Properties"]["DistributionConfig"]
    assert config["DefaultRootObject"] == "index.html" and "CustomErrorResponses" not in config
    origins = {o["Id"]: o for o in config["Origins"]}
    assert origins["web"]["OriginAccessControlId"] == {"Fn::GetAtt": ["WebOriginAccessControl", "Id"]}
    assert origins["api"]["OriginPath"] == f"/{chalice_stage(STAGE).api_stage}"
    assert origins["api"]["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    spa = config["DefaultCacheBehavior"]
    assert (spa["TargetOriginId"], spa["ViewerProtocolPolicy"]) == ("web", "redirect-to-https")
    assert spa["ResponseHeadersPolicyId"] == {"Ref": "WebSecurityHeaders"}
    [routes] = spa["FunctionAssociations"]
    assert (routes["EventType"], routes["FunctionARN"]) == (
        "viewer-request",
        {"Fn::GetAtt": ["WebSpaRoutes", "FunctionARN"]},
    )
    [api] = config["CacheBehaviors"]
    assert (api["PathPattern"], api["TargetOriginId"], api["ViewerProtocolPolicy"]) == ("/v1/*", "api", "https-only")
    assert (api["CachePolicyId"], api["OriginRequestPolicyId"]) == (web.CACHING_DISABLED, web.ALL_VIEWER_EXCEPT_HOST)
    assert "POST" in api["AllowedMethods"] and api["ResponseHeadersPolicyId"] == {"Ref": "WebSecurityHeaders"}
    security = resources["WebSecurityHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
    assert security["FrameOptions"]["FrameOption"] == "DENY" and "ContentTypeOptions" in security
    csp = security["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Sub"]
    assert "frame-ancestors 'none'" in csp and f"https://sonod-{STAGE}-papers.s3.amazonaws.com" in csp
    tls = config["ViewerCertificate"]["Fn::If"]
    assert tls[0] == "HasWebDomain" and tls[1]["MinimumProtocolVersion"] == "TLSv1.2_2021"


@pytest.mark.skipif(shutil.which("node") is None, reason="node runs the CloudFront function's JavaScript")
def test_spa_routes_get_index_html_and_files_are_left_alone() -> None:
    paths = ["/", "/cases/ABC123", "/verify/", "/assets/app.3f2a.js", "/favicon.ico"]
    script = f"{web.SPA_ROUTES_CODE}\nconsole.log(JSON.stringify({json.dumps(paths)}.map("
    script += "u => handler({request: {uri: u}}).uri)));"
    result = subprocess.run(["node", "-e", script], check=True, capture_output=True, text=True, timeout=30)
    assert json.loads(result.stdout) == [
        "/index.html",
        "/index.html",
        "/index.html",
        "/assets/app.3f2a.js",
        "/favicon.ico",
    ]


def test_s3_access_logs_go_to_a_logs_bucket_only_s3_log_delivery_writes(template: dict[str, Any]) -> None:
    resources = template["Resources"]
    logs = resources["LogsBucket"]
    assert logs["DeletionPolicy"] == "Retain" and "LoggingConfiguration" not in logs["Properties"]
    [rule] = logs["Properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}  # log delivery cannot use KMS
    logged = [b for name, b in of_type(template, "AWS::S3::Bucket").items() if name != "LogsBucket"]
    assert all(
        b["Properties"]["LoggingConfiguration"]["DestinationBucketName"] == {"Ref": "LogsBucket"} for b in logged
    )
    [_, delivery] = resources["LogsBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    assert delivery["Principal"] == {"Service": "logging.s3.amazonaws.com"}
    sources = [a["Fn::Sub"].rsplit(":", 1)[1] for a in delivery["Condition"]["ArnLike"]["aws:SourceArn"]]
    assert sorted(sources) == sorted(b["Properties"]["BucketName"] for b in logged)


def test_every_checkov_exception_has_its_reason(template: dict[str, Any]) -> None:
    documented = list(checkov_skips.documented(template))
    assert documented
    for resource, check, reason in documented:
        assert re.fullmatch(r"CKV_AWS_\d+", check) and len(reason) > 40, (resource, check)


def checkov_report(path: Path) -> dict[str, Any]:
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "checkov"),
            "--quiet",
            "--skip-download",
            "--framework",
            "cloudformation",
            "-f",
            str(path),
            "-o",
            "json",
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report: dict[str, Any] = json.loads(result.stdout)
    return report


@pytest.mark.skipif(
    importlib.util.find_spec("cfnlint") is None or importlib.util.find_spec("checkov") is None,
    reason="cfn-lint or checkov is not installed: pip install -r requirements-dev.txt",
)
def test_package_script_builds_a_stack_cfn_lint_accepts(tmp_path: Path) -> None:
    venv_bin = str(Path(sys.executable).parent)  # chalice and cfn-lint live next to this interpreter
    env = {
        **os.environ,
        "STAGE": "dev",
        "BUILD_DIR": str(tmp_path),
        "PYTHON": sys.executable,
        "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    script = ["bash", str(ROOT / "infra" / "package.sh")]
    result = subprocess.run(script, check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "cfn-lint: no findings" in result.stdout and "checkov: no failed checks" in result.stdout
    packaged = json.loads((tmp_path / "package" / "sam.json").read_text())
    resources = packaged["Resources"]
    documented = {(name, check) for name, check, _ in checkov_skips.documented(packaged)}
    summary = json.loads((tmp_path / "checkov.json").read_text())["summary"]
    assert (summary["failed"], summary["skipped"], summary["parsing_errors"]) == (0, len(documented), 0)
    # Without the exceptions, exactly the documented checks fail: none is missing, none is stale.
    for resource in resources.values():
        resource.pop("Metadata", None)
    (tmp_path / "bare.json").write_text(json.dumps(packaged))
    bare = checkov_report(tmp_path / "bare.json")
    assert {(f["resource"].split(".")[-1], f["check_id"]) for f in bare["results"]["failed_checks"]} == documented
    # Merged into what Chalice emits, not beside it.
    assert {"OpsTopic", "WebDistribution", "PoliceUsagePlan", "APIHandlerErrorsAlarm", "LogsBucket"} <= set(resources)
    agency_route = resources["RestAPI"]["Properties"]["DefinitionBody"]["paths"]["/v1/agency/lookup"]["post"]
    assert agency_route["security"] == [{"api_key": []}] and agency_route["x-amazon-apigateway-integration"]
    assert {"DefaultRole", "CaseStream", "AppDataAccess", "CasesTable", "CaseStreamCasesTableMapping"} <= set(resources)
    assert {"WorkBucket", "CertificatesBucket", "PublicBucket", "RenderDeadLetterAlarm"} <= set(resources)
    # Chalice subscribes render_certificates to the queue by an ARN it builds from the queue's name.
    render, queue = resources["RenderCertificates"], resources["RenderQueue"]["Properties"]
    assert render["Properties"]["Handler"] == "chalicelib.api.events.render_certificates"  # still Chalice's
    [source] = render["Properties"]["Events"].values()
    assert (source["Type"], source["Properties"]["BatchSize"]) == ("SQS", 1)
    arn = f"arn:${{AWS::Partition}}:sqs:${{AWS::Region}}:${{AWS::AccountId}}:{queue['QueueName']}"
    assert source["Properties"]["Queue"] == {"Fn::Sub": arn}
    assert queue["QueueName"] == "sonod-dev-render"
    assert render["DependsOn"] == ["RenderQueue", "AppDataAccess"]
    assert queue["VisibilityTimeout"] >= 6 * render["Properties"]["Timeout"]
    # Consuming is Chalice's grant on its role (on "*", which we cannot narrow without owning its policy).
    role_statements = [
        s for p in resources["DefaultRole"]["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]
    ]
    consumer = {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}
    assert consumer <= {a for s in role_statements for a in actions_of(s)}
    # Every function gets the stage's public verify URL, the one printed in QR codes.
    functions = [r for r in resources.values() if r["Type"] == "AWS::Serverless::Function"]
    urls = {f["Properties"]["Environment"]["Variables"].get("VERIFY_BASE_URL") for f in functions}
    assert urls == {"https://dev.sonodsheba.gov.bd"}
