"""The operable edge of the packaged stack: alarms to the operators' topic, API throttling and
agency usage plans, the web app on CloudFront, access logs, and cfn-lint and checkov clean."""

from __future__ import annotations

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

from chalicelib.api.http import EDGE_HEADER
from infra import agencies, alarms, checkov_skips, web
from infra.chalice_app import chalice_stage
from infra.template import KEY_NAMES
from local.resources import new_app_keys
from tests.integration.infra_template import (  # the shared template fixture and its readers
    ROOT,
    STAGE,
    actions_of,
    of_type,
)


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
    statuses = {k: v["StatusCode"] for k, v in responses.items()}
    assert {"UNAUTHORIZED": "401", "ACCESS_DENIED": "403", "MISSING_AUTHENTICATION_TOKEN": "404"}.items() <= (
        statuses.items()
    )
    assert {"THROTTLED": "429", "QUOTA_EXCEEDED": "429", "INVALID_API_KEY": "401"}.items() <= statuses.items()
    assert {"DEFAULT_4XX", "DEFAULT_5XX", "AUTHORIZER_FAILURE", "INTEGRATION_TIMEOUT"} <= set(statuses)
    for response in responses.values():
        problem = json.loads(response["ResponseTemplates"]["application/json"])
        assert {"type", "status", "code", "title", "title_bn", "detail"} == set(problem)
        assert str(problem["status"]) == response["StatusCode"]
        assert any("\u0980" <= ch <= "\u09ff" for ch in problem["title_bn"])
        assert response["ResponseParameters"]["Headers"]["Content-Type"] == "'application/problem+json'"
    assert responses["THROTTLED"]["ResponseParameters"]["Headers"]["Retry-After"] == "'1'"


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
    # The API believes a viewer header only next to the edge key, which only CloudFront sends: a
    # dynamic reference to the app keys secret, resolved once AppKeys has written the key.
    [edge] = origins["api"]["OriginCustomHeaders"]
    assert edge == {
        "HeaderName": EDGE_HEADER,
        "HeaderValue": f"{{{{resolve:secretsmanager:sonod-{STAGE}/app-keys:SecretString:edge_key}}}}",
    }
    assert web.EDGE_HEADER == EDGE_HEADER and "edge_key" in KEY_NAMES and set(new_app_keys()) == set(KEY_NAMES)
    assert resources["AppKeys"]["Properties"]["Keys"] == list(KEY_NAMES)
    assert resources["WebDistribution"]["DependsOn"] == ["AppKeys"]
    assert "OriginCustomHeaders" not in origins["web"]
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
    [viewer] = api["FunctionAssociations"]
    assert viewer["FunctionARN"] == {"Fn::GetAtt": ["WebViewerAddress", "FunctionARN"]}
    security = resources["WebSecurityHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
    assert security["FrameOptions"]["FrameOption"] == "DENY" and "ContentTypeOptions" in security
    csp = security["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Sub"]
    assert "frame-ancestors 'none'" in csp and f"https://sonod-{STAGE}-papers.s3.amazonaws.com" in csp
    tls = config["ViewerCertificate"]["Fn::If"]
    assert tls[0] == "HasWebDomain" and tls[1]["MinimumProtocolVersion"] == "TLSv1.2_2021"


@pytest.mark.skipif(shutil.which("node") is None, reason="node runs the CloudFront function's JavaScript")
def test_spa_routes_get_index_html_and_files_are_left_alone() -> None:
    paths = ["/", "/cases/ABC123", "/verify/", "/assets/app.3f2a.js", "/favicon.ico", "/v", "/verify", "/vx"]
    script = f"{web.SPA_ROUTES_CODE}\nconsole.log(JSON.stringify({json.dumps(paths)}.map("
    script += "u => handler({request: {uri: u}}).uri)));"
    result = subprocess.run(["node", "-e", script], check=True, capture_output=True, text=True, timeout=30)
    assert json.loads(result.stdout) == [
        "/index.html",
        "/index.html",
        "/verify/index.html",
        "/assets/app.3f2a.js",
        "/favicon.ico",
        "/verify/index.html",
        "/verify/index.html",
        "/index.html",
    ]


@pytest.mark.skipif(shutil.which("node") is None, reason="node runs the CloudFront function's JavaScript")
def test_the_api_is_told_the_viewers_own_address() -> None:
    script = f"{web.VIEWER_ADDRESS_CODE}\nconsole.log(JSON.stringify(handler("
    script += (
        "{viewer: {ip: '203.0.113.9'}, request: {uri: '/v1/verify/X', headers: {'x-sonod-viewer': {value: 'forged'}}}}"
    )
    script += ").headers));"
    result = subprocess.run(["node", "-e", script], check=True, capture_output=True, text=True, timeout=30)
    assert json.loads(result.stdout) == {"x-sonod-viewer": {"value": "203.0.113.9"}}  # a viewer's own value is replaced


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
