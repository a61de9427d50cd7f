"""The CloudFormation built from the PynamoDB models: every deployed table hardened, indexes and
stream wiring as the models and infra/wiring.py declare, app keys written once, and the packaged
stack clean under cfn-lint."""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws
from pynamodb.indexes import GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.adapters.tables import ALL_MODELS, LOCAL_ONLY_MODELS, TTL_ATTRIBUTES
from infra.template import KEYS_INIT_SOURCE, build_template, short_name
from infra.wiring import STREAMS

ROOT = Path(__file__).resolve().parents[2]
STAGE = "test-x"


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    # A stage that is not in .chalice/config.json: give its functions' environment explicitly.
    return build_template(STAGE, {"STAGE": STAGE})


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
    [key_id] = of_type(template, "AWS::KMS::Key")
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
    [alarm] = of_type(template, "AWS::CloudWatch::Alarm").values()
    assert alarm["Properties"]["MetricName"] == "ApproximateNumberOfMessagesVisible"
    queue_name = {"Fn::GetAtt": [queue_id, "QueueName"]}
    assert alarm["Properties"]["Dimensions"] == [{"Name": "QueueName", "Value": queue_name}]
    assert (alarm["Properties"]["ComparisonOperator"], alarm["Properties"]["Threshold"]) == ("GreaterThanThreshold", 0)


def test_secret_and_the_app_role_policy(template: dict[str, Any]) -> None:
    [secret] = of_type(template, "AWS::SecretsManager::Secret").values()
    assert secret["Properties"]["Name"] == f"sonod-{STAGE}/app-keys"
    assert not {"SecretString", "GenerateSecretString"} & set(secret["Properties"])  # the value is never in the stack
    [policy] = of_type(template, "AWS::IAM::Policy").values()
    assert policy["Properties"]["Roles"] == [{"Ref": "DefaultRole"}]
    actions: set[str] = set()
    for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
        actions.update([statement["Action"]] if isinstance(statement["Action"], str) else statement["Action"])
    assert {"secretsmanager:GetSecretValue", "kms:Decrypt", "sns:Publish", "dynamodb:GetRecords"} <= actions
    assert not [a for a in actions if a.endswith("*") or a.startswith("dynamodb:Scan")]


def test_a_stage_whose_functions_would_not_know_it_is_refused() -> None:
    with pytest.raises(ValueError, match="would run as 'local'"):
        build_template(STAGE)  # not in .chalice/config.json, so its functions get no STAGE


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


@pytest.mark.skipif(
    importlib.util.find_spec("cfnlint") is None, reason="cfn-lint is not installed: pip install -r requirements-dev.txt"
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
    assert "cfn-lint: no findings" in result.stdout
    packaged = json.loads((tmp_path / "package" / "sam.json").read_text())
    assert {"DefaultRole", "CaseStream", "AppDataAccess", "CasesTable", "CaseStreamCasesTableMapping"} <= set(
        packaged["Resources"]
    )
