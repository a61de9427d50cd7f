"""What the infra tests share: the template built for a test stage, and readers of its parts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pynamodb.models import Model

from infra.template import build_template, short_name

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
