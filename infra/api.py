"""The REST API Chalice emits, hardened for a national roll-out by deep-merging into its
`AWS::Serverless::Api`: a stage-wide throttle, JSON access logs, X-Ray when the stage traces,
problem+json answers for what API Gateway refuses by itself, and the agency route behind an API key
so that the agencies' usage plans (infra/agencies.py) meter it.

Chalice's route flag `api_key_required=True` would emit the same `security` entry; it is added here
because only the deployed API has usage plans (`chalice local` ignores keys either way). The path
comes from the Chalice app, so a renamed route fails the build instead of adding an empty path.
"""

from __future__ import annotations

import json

from chalicelib.api.gateway_problems import GATEWAY_PROBLEMS, GatewayProblem
from infra import agencies
from infra.cfn import RETAIN, Json, att, doc, param, ref, res, service, sub, tags
from infra.chalice_app import REST_API, ChaliceStage, route_path

ACCESS_LOGS, ACCOUNT, ACCOUNT_ROLE = "ApiAccessLogs", "ApiGatewayAccount", "ApiGatewayLogsRole"
OPS_KEY = "OpsKey"  # infra/alarms.py: the key of the operators' topic and of these logs
API_KEY_SCHEME = "api_key"  # the name Chalice gives the scheme when a route sets api_key_required
AGENCY_VIEW = ("agency_lookup", "POST")
ACCESS_LOG_DAYS = 365
# Only template paths, ids and timings: `resourcePath` is `/v1/verify/{certificate_no}`, not the
# number itself; bodies and headers are never logged (no data trace either).
ACCESS_LOG_FORMAT = {
    "requestId": "$context.requestId",
    "time": "$context.requestTimeEpoch",
    "ip": "$context.identity.sourceIp",
    "method": "$context.httpMethod",
    "resource": "$context.resourcePath",
    "status": "$context.status",
    "error": "$context.error.responseType",
    "latency": "$context.responseLatency",
    "integrationLatency": "$context.integrationLatency",
    "bytes": "$context.responseLength",
    "apiKeyId": "$context.identity.apiKeyId",
    "userAgent": "$context.identity.userAgent",
}


def _gateway_response(problem: GatewayProblem) -> Json:
    headers = {"Content-Type": "'application/problem+json'", "Access-Control-Allow-Origin": "'*'"}
    if problem.retry_after is not None:
        headers["Retry-After"] = f"'{problem.retry_after}'"
    return {
        "StatusCode": str(problem.status),
        "ResponseParameters": {"Headers": headers},
        "ResponseTemplates": {"application/json": problem.body()},
    }


def gateway_responses() -> Json:
    """Every answer API Gateway gives by itself, as problem+json (chalicelib/api/gateway_problems.py)."""
    return {kind: _gateway_response(problem) for kind, problem in GATEWAY_PROBLEMS.items()}


def parameters() -> Json:
    return {
        "ApiRateLimit": param("Number", 500, "Requests per second the API stage accepts (steady)", MinValue=1),
        "ApiBurstLimit": param("Number", 1000, "Requests the API stage accepts at once (burst)", MinValue=1),
    }


def rest_api(stage: str, app: ChaliceStage) -> Json:
    """What is merged into Chalice's RestAPI (its own properties stay as they are)."""
    agency_path, method = route_path(*AGENCY_VIEW), AGENCY_VIEW[1].lower()
    definition = {
        "info": {"title": f"sonod-{stage}"},  # the API's name, and the ApiName of its metrics
        "securityDefinitions": {API_KEY_SCHEME: {"type": "apiKey", "name": "x-api-key", "in": "header"}},
        "paths": {agency_path: {method: {"security": [{API_KEY_SCHEME: []}]}}},
    }
    props = {
        "Name": f"sonod-{stage}",
        "DefinitionBody": definition,
        "TracingEnabled": app.api_xray,
        "MethodSettings": [
            {
                "ResourcePath": "/*",
                "HttpMethod": "*",
                "ThrottlingRateLimit": ref("ApiRateLimit"),
                "ThrottlingBurstLimit": ref("ApiBurstLimit"),
                "DataTraceEnabled": False,  # request and response bodies hold personal data
            }
        ],
        "AccessLogSetting": {"DestinationArn": att(ACCESS_LOGS), "Format": json.dumps(ACCESS_LOG_FORMAT)},
        "GatewayResponses": gateway_responses(),
    }
    # DependsOn: API Gateway refuses a stage with access logs until the account has a logs role.
    return {"Type": "AWS::Serverless::Api", "DependsOn": [ACCOUNT], "Properties": props}


def account_resources(stage: str) -> Json:
    """The account-wide (per Region) role API Gateway writes logs with. Every stage's stack sets it
    to its own role, which is retained, so deleting one stage never breaks another's logs."""
    assume = {"Effect": "Allow", "Principal": service("apigateway.amazonaws.com"), "Action": "sts:AssumeRole"}
    role = {
        "AssumeRolePolicyDocument": doc(assume),
        "ManagedPolicyArns": [
            sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs")
        ],
        "Tags": tags(stage),
    }
    log_group = {
        "LogGroupName": f"/aws/apigateway/sonod-{stage}/access",
        "RetentionInDays": ACCESS_LOG_DAYS,
        "KmsKeyId": att(OPS_KEY),
        "Tags": tags(stage),
    }
    return {
        ACCOUNT_ROLE: res("AWS::IAM::Role", role, **RETAIN),
        ACCOUNT: res("AWS::ApiGateway::Account", {"CloudWatchRoleArn": att(ACCOUNT_ROLE)}),
        ACCESS_LOGS: res("AWS::Logs::LogGroup", log_group, **RETAIN),
    }


def api_resources(stage: str, app: ChaliceStage) -> tuple[Json, Json]:
    """(parameters, resources) of the API: Chalice's RestAPI merged, logs, agencies' usage plans."""
    app.rest_api_stage()  # fails when there is no API
    plan_parameters, plans = agencies.usage_plan_resources(stage, REST_API, tags(stage))
    resources = {REST_API: rest_api(stage, app), **account_resources(stage), **plans}
    return {**parameters(), **plan_parameters}, resources
