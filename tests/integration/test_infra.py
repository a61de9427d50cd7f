"""The CloudFormation built from the PynamoDB models: every deployed table hardened, indexes and
stream wiring as the models and infra/wiring.py declare, app keys written once, the certificate
pipeline's buckets and render queue wired as the local stack wires them, and an app role scoped to
what the adapters do. Alarms, the API, agencies, the web app and the linters: test_infra_edge.py."""

from __future__ import annotations

import base64
import json
from typing import Any

import boto3
import pytest
from moto import mock_aws
from pynamodb.indexes import GlobalSecondaryIndex

from chalicelib.adapters import aws, kms
from chalicelib.adapters.storage import MAX_RENDER_ATTEMPTS, RENDER_PREFIX
from chalicelib.adapters.tables import ALL_MODELS, LOCAL_ONLY_MODELS, TTL_ATTRIBUTES
from infra.template import KEYS_INIT_SOURCE, build_template, function_timeout, short_name
from infra.wiring import RENDER_FUNCTION, STREAMS
from local.resources import reset_process_caches
from tests.integration.infra_template import (  # the shared template fixture and its readers
    BUCKETS,
    STAGE,
    actions_of,
    app_statements,
    by_sid,
    keys_of,
    of_type,
    schema_keys,
    table_props,
)


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
        assert props.get("TableClass", "STANDARD") == getattr(model.Meta, "table_class", "STANDARD"), model.__name__


def test_rows_kept_for_years_are_stored_as_infrequent_access(template: dict[str, Any]) -> None:
    classes = {model.__name__: table_props(template, model).get("TableClass") for model in ALL_MODELS}
    kept = {"CaseRecord", "CaseEvent", "Claim", "CertificateRecord", "StatusSlot", "AccessLogEntry", "Payment"}
    assert {name for name, cls in classes.items() if cls == "STANDARD_INFREQUENT_ACCESS"} == kept


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
    for sid, prefix in (("ReceiptPdfs", "receipts"), ("NoticePdfs", "notices")):
        assert scope(sid) == (
            ["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion"],
            f"{s3}sonod-{STAGE}-certificates/{prefix}/*.pdf",
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
        assert {k: len(base64.b64decode(v)) for k, v in first.items()} == {
            "token_signing_key": 32,
            "pii_hash_key": 32,
            "edge_key": 32,
        }
        init["init"]("sonod-test-x/app-keys")
        assert json.loads(sm.get_secret_value(SecretId="sonod-test-x/app-keys")["SecretString"]) == first

        sm.put_secret_value(SecretId="sonod-test-x/app-keys", SecretString=json.dumps({"pii_hash_key": "a2VlcA=="}))
        init["init"]("sonod-test-x/app-keys")
        repaired = json.loads(sm.get_secret_value(SecretId="sonod-test-x/app-keys")["SecretString"])
        assert repaired["pii_hash_key"] == "a2VlcA=="  # an existing hash key is kept, whatever it is
        assert len(base64.b64decode(repaired["token_signing_key"])) == 32
        assert len(base64.b64decode(repaired["edge_key"])) == 32  # a stack from before the edge key gets one
