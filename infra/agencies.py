"""Agencies in front of `POST /v1/agency/lookup`: one API Gateway usage plan per agency (quota and
throttle per key), and the operator command that issues and revokes an agency's key.

One key, one header. The app authenticates an agency by `X-Api-Key` against its own agencies
table (only a keyed hash is stored); API Gateway meters usage plans by the same header
(`x-api-key`: header names are case-insensitive). Usage plans only apply to methods that require
an API key, so infra/api.py marks the agency route `apiKeyRequired`, and a key is registered in
both places with the same value: the gateway rejects unknown or over-quota keys before Lambda
runs, the app decides which agency it is and what it may see.

    python -m infra.agencies issue --plan police --agency-id police-sb \\
        --name-en "Bangladesh Police, Special Branch" --name-bn "বাংলাদেশ পুলিশ, বিশেষ শাখা" [--scopes '*']
    python -m infra.agencies revoke --key-id <API Gateway key id>
    python -m infra.agencies list

Runs against the stage in the environment (STAGE, AWS credentials and region as boto3 reads them),
like `python -m ops.onboard`. The key is printed once, on issue, and stored nowhere in clear.
"""

from __future__ import annotations

import argparse
import datetime as dt
import secrets
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chalice.utils import to_cfn_resource_name

from infra.cfn import Json, param, ref, res

Say = Callable[[str], None]
KEY_BYTES = 30  # 40 URL-safe characters; API Gateway wants at least 20


@dataclass(frozen=True)
class AgencyPlan:
    slug: str
    description: str
    daily_quota: int  # lookups a day per key (the default of the stack parameter)
    rate_per_second: float = 10.0
    burst: int = 20

    @property
    def logical_id(self) -> str:
        return f"{to_cfn_resource_name(self.slug)}UsagePlan"

    @property
    def quota_parameter(self) -> str:
        return f"{to_cfn_resource_name(self.slug)}DailyQuota"


AGENCIES: tuple[AgencyPlan, ...] = (
    AgencyPlan("police", "Bangladesh Police: verification of applicants and witnesses", 20_000),
    AgencyPlan("passport", "Department of Immigration and Passports: passport applications", 20_000),
    AgencyPlan("land", "Land offices: mutation and land registration", 10_000),
    AgencyPlan("army", "Bangladesh Army: recruitment checks", 5_000),
    AgencyPlan("death-registration", "Office of the Registrar General: death registration", 10_000),
)


def plan_name(stage: str, slug: str) -> str:
    return f"sonod-{stage}-agency-{slug}"


def usage_plan_resources(stage: str, api: str, tag_list: list[Json]) -> tuple[Json, Json]:
    """(parameters, resources): one usage plan per agency on the API's stage."""
    parameters: Json = {}
    resources: Json = {}
    for plan in AGENCIES:
        parameters[plan.quota_parameter] = param(
            "Number", plan.daily_quota, f"Lookups a day per {plan.slug} key", MinValue=1
        )
        props = {
            "UsagePlanName": plan_name(stage, plan.slug),
            "Description": plan.description,
            # "RestAPI.Stage": SAM's reference to the stage it generates (and a dependency on it).
            "ApiStages": [{"ApiId": ref(api), "Stage": ref(f"{api}.Stage")}],
            "Throttle": {"RateLimit": plan.rate_per_second, "BurstLimit": plan.burst},
            "Quota": {"Limit": ref(plan.quota_parameter), "Period": "DAY"},
            "Tags": tag_list,
        }
        resources[plan.logical_id] = res("AWS::ApiGateway::UsagePlan", props)
    return parameters, resources


# --- the operator command -------------------------------------------------------------------------


def _plan_id(apigw: Any, stage: str, slug: str) -> str:
    name = plan_name(stage, slug)
    for page in apigw.get_paginator("get_usage_plans").paginate():
        for plan in page["items"]:
            if plan["name"] == name:
                return str(plan["id"])
    raise SystemExit(f"no usage plan {name!r}: is the stack for stage {stage!r} deployed?")


def issue(apigw: Any, plan: str, agency_id: str, name_en: str, name_bn: str, scopes: set[str], say: Say) -> str:
    """A new key for the agency, registered in the app (keyed hash) and on the agency's usage plan."""
    from chalicelib.adapters.keys import keyed_hash
    from chalicelib.adapters.tables import Agency
    from chalicelib.config import settings

    stage = settings().stage
    plan_id = _plan_id(apigw, stage, plan)
    key = secrets.token_urlsafe(KEY_BYTES)
    record = Agency(keyed_hash("apikey", key), agency_id=agency_id, name_bn=name_bn, name_en=name_en, scopes=scopes)
    record.save()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%MZ")
    try:
        created = apigw.create_api_key(
            name=f"sonod-{stage}-{agency_id}-{stamp}",
            description=f"{name_en} ({plan})",
            enabled=True,
            value=key,
            tags={"app": "sonod-sheba", "stage": stage, "agency_id": agency_id, "plan": plan},
        )
        apigw.create_usage_plan_key(usagePlanId=plan_id, keyId=created["id"], keyType="API_KEY")
    except Exception:
        record.update(actions=[Agency.active.set(False)])  # half-registered keys never work
        raise
    say(f"issued key id {created['id']} for {agency_id} on plan {plan_name(stage, plan)}")
    say(f"X-Api-Key: {key}")
    say("hand it over through a secure channel; it is not shown again")
    return key


def revoke(apigw: Any, key_id: str, say: Say) -> None:
    """Disable the key at the gateway and deactivate its agency record in the app."""
    from chalicelib.adapters.certificates import deactivate_agency
    from chalicelib.adapters.keys import keyed_hash

    value = apigw.get_api_key(apiKey=key_id, includeValue=True)["value"]
    apigw.update_api_key(apiKey=key_id, patchOperations=[{"op": "replace", "path": "/enabled", "value": "false"}])
    record = deactivate_agency(keyed_hash("apikey", value))
    say(f"revoked key id {key_id}" + (f" of {record.agency_id}" if record else " (no app record)"))


def list_keys(apigw: Any, say: Say) -> None:
    from chalicelib.config import settings

    stage = settings().stage
    for plan in AGENCIES:
        plan_id = _plan_id(apigw, stage, plan.slug)
        for page in apigw.get_paginator("get_usage_plan_keys").paginate(usagePlanId=plan_id):
            for key in page["items"]:
                found = apigw.get_api_key(apiKey=key["id"])
                state = "enabled" if found.get("enabled") else "disabled"
                say(f"{plan.slug}\t{key['id']}\t{found['name']}\t{state}")


def main(argv: list[str] | None = None, apigw: Any = None) -> int:
    parser = argparse.ArgumentParser(description="Issue, revoke and list agency API keys")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("issue", help="a new key for an agency (also how a key is rotated)")
    add.add_argument("--plan", required=True, choices=[p.slug for p in AGENCIES])
    add.add_argument("--agency-id", required=True)
    add.add_argument("--name-en", required=True)
    add.add_argument("--name-bn", required=True)
    add.add_argument("--scopes", default="*", help="comma-separated certificate type codes, or * (default)")
    drop = commands.add_parser("revoke", help="disable a key at the gateway and in the app")
    drop.add_argument("--key-id", required=True)
    commands.add_parser("list", help="every agency key on the stage's usage plans")
    args = parser.parse_args(argv)
    if apigw is None:
        from chalicelib.adapters.aws import client

        apigw = client("apigateway")
    if args.command == "issue":
        scopes = {s.strip() for s in args.scopes.split(",") if s.strip()}
        issue(apigw, args.plan, args.agency_id, args.name_en, args.name_bn, scopes, print)
    elif args.command == "revoke":
        revoke(apigw, args.key_id, print)
    else:
        list_keys(apigw, print)
    return 0


if __name__ == "__main__":
    sys.exit(main())
