"""Alarms that reach operators: an SNS topic (encrypted with its own KMS key, an optional email
subscription) and CloudWatch alarms on every dead-letter queue, the errors and throttles of every
function Chalice deploys, the API's 5xx rate, DynamoDB throttling per table, and the app's own
Powertools metrics. `notify_operators` points every alarm in the template at the topic, including
the dead-letter alarms infra/storage.py and infra/template.py define.

The topic has its own key (not the data key): CloudWatch must be allowed to use a topic's key to
publish, and the data key that guards tables and secrets trusts no service principal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from chalicelib.observability import SERVICE, metrics
from infra.cfn import RETAIN, Json, allow, doc, if_set, param, ref, res, service, sub, tags
from infra.chalice_app import ChaliceStage

TOPIC, TOPIC_POLICY, OPS_KEY = "OpsTopic", "OpsTopicPolicy", "OpsKey"
EMAIL, HAS_EMAIL = "AlarmEmail", "HasAlarmEmail"
PERIOD = 300
MIN_REQUESTS_FOR_RATE = 20  # below this many requests in 5 minutes a 5xx rate means little
API_5XX_PERCENT = 5


@dataclass(frozen=True)
class AppAlarm:
    metric: str  # the name chalicelib passes to metrics.add_metric(name=...)
    description: str
    threshold: int = 1  # alarm when the period's sum reaches this
    period: int = PERIOD


# Each is a failure a person has to look at; the counts of normal business are not alarmed.
APP_ALARMS: tuple[AppAlarm, ...] = (
    AppAlarm("SmsGaveUp", "An SMS notice failed after every retry: a citizen was not told"),
    AppAlarm("PaymentMismatch", "A gateway confirmation did not match its payment (amount, currency or id)"),
    AppAlarm("UnexpectedError", "A request failed with an unexpected error (a bug): see the API handler's logs"),
    AppAlarm("PaidAfterClose", "Money arrived for a case that had moved on: it must be refunded"),
    AppAlarm("RefundDeferred", "Refunds keep failing at the gateway", threshold=5, period=3600),
    AppAlarm("PaymentCallbackUnknown", "Many callbacks name unknown payments (probing?)", threshold=20),
)


def namespace(lambda_env: Mapping[str, str]) -> str:
    """The namespace the app's metrics go to: the one chalicelib/observability.py gives Powertools,
    which wins over POWERTOOLS_METRICS_NAMESPACE; the two must not disagree."""
    name: str = metrics.namespace
    configured = lambda_env.get("POWERTOOLS_METRICS_NAMESPACE", name)
    if configured != name:
        raise ValueError(f"POWERTOOLS_METRICS_NAMESPACE is {configured!r} but the app writes to {name!r}")
    return name


def alarm(name: str, description: str, threshold: float, metric: Json, **extra: Any) -> Json:
    """A CloudWatch alarm; `metric` holds either MetricName/Namespace/Dimensions/... or Metrics."""
    props = {
        "AlarmName": name,
        "AlarmDescription": description,
        "Threshold": threshold,
        "ComparisonOperator": "GreaterThanOrEqualToThreshold",
        "EvaluationPeriods": 1,
        "TreatMissingData": "notBreaching",  # no traffic is not a failure
        **metric,
        **extra,
    }
    return res("AWS::CloudWatch::Alarm", props)


def _sum(namespace: str, metric: str, dimensions: Mapping[str, Any], period: int = PERIOD) -> Json:
    dims = [{"Name": k, "Value": v} for k, v in dimensions.items()]
    return {"Namespace": namespace, "MetricName": metric, "Dimensions": dims, "Statistic": "Sum", "Period": period}


def _stat(id_: str, namespace: str, metric: str, dimensions: Mapping[str, Any]) -> Json:
    dims = [{"Name": k, "Value": v} for k, v in dimensions.items()]
    metric_ = {"Namespace": namespace, "MetricName": metric, "Dimensions": dims}
    stat = {"Metric": metric_, "Period": PERIOD, "Stat": "Sum"}
    return {"Id": id_, "MetricStat": stat, "ReturnData": False}


def _ops_key_policy() -> Json:
    """The operators' key: the account administers it; CloudWatch alarms and the log groups use it."""
    root = {"AWS": sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")}
    same_account = {"StringEquals": {"aws:SourceAccount": ref("AWS::AccountId")}}
    log_groups = sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*")
    return doc(
        {**allow("kms:*", "*", "AccountRoot"), "Principal": root},
        # CloudWatch encrypts what it publishes to the topic with the topic's key.
        {
            **allow(["kms:Decrypt", "kms:GenerateDataKey*"], "*", "CloudWatchAlarms", same_account),
            "Principal": service("cloudwatch.amazonaws.com"),
        },
        # The API's access log group (infra/api.py).
        {
            **allow(
                ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                "*",
                "LogGroups",
                {"ArnLike": {"kms:EncryptionContext:aws:logs:arn": log_groups}},
            ),
            "Principal": service(sub("logs.${AWS::Region}.amazonaws.com")),
        },
    )


def topic_resources(stage: str) -> tuple[Json, Json, Json]:
    """(parameters, conditions, resources) of the operators' topic and its key."""
    same_account = {"StringEquals": {"aws:SourceAccount": ref("AWS::AccountId")}}
    key = {
        "Description": f"sonod-{stage}: operators' alarm topic and API access logs",
        "EnableKeyRotation": True,
        "PendingWindowInDays": 30,
        "KeyPolicy": _ops_key_policy(),
        "Tags": tags(stage),
    }
    topic = {
        "TopicName": f"sonod-{stage}-alarms",
        "DisplayName": f"Sonod Sheba {stage} alarms",
        "KmsMasterKeyId": ref(OPS_KEY),
        "Tags": tags(stage),
    }
    publish = {
        **allow("sns:Publish", ref(TOPIC), "CloudWatchAlarms", same_account),
        "Principal": service("cloudwatch.amazonaws.com"),
    }
    insecure = {
        "Sid": "DenyInsecureTransport",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "sns:Publish",
        "Resource": ref(TOPIC),
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }
    subscription = {"TopicArn": ref(TOPIC), "Protocol": "email", "Endpoint": ref(EMAIL)}
    resources = {
        OPS_KEY: res("AWS::KMS::Key", key, **RETAIN),
        "OpsKeyAlias": res("AWS::KMS::Alias", {"AliasName": f"alias/sonod-{stage}-ops", "TargetKeyId": ref(OPS_KEY)}),
        TOPIC: res("AWS::SNS::Topic", topic),
        TOPIC_POLICY: res("AWS::SNS::TopicPolicy", {"Topics": [ref(TOPIC)], "PolicyDocument": doc(publish, insecure)}),
        "OpsEmailSubscription": {**res("AWS::SNS::Subscription", subscription), "Condition": HAS_EMAIL},
    }
    parameters = {
        EMAIL: param(
            "String",
            "",
            "Operators' address for alarms (confirm the email SNS sends); empty: subscribe later",
            AllowedPattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$",
        )
    }
    return parameters, {HAS_EMAIL: if_set(EMAIL)}, resources


def function_alarms(stage: str, app: ChaliceStage) -> Json:
    resources: Json = {}
    for fn in app.functions:
        dims = {"FunctionName": ref(fn.logical_id)}
        resources[f"{fn.logical_id}ErrorsAlarm"] = alarm(
            f"sonod-{stage}-lambda-errors-{fn.name}",
            f"{fn.name} failed (exception, timeout or out of memory): see its logs",
            1,
            _sum("AWS/Lambda", "Errors", dims),
        )
        resources[f"{fn.logical_id}ThrottlesAlarm"] = alarm(
            f"sonod-{stage}-lambda-throttles-{fn.name}",
            f"{fn.name} was throttled: concurrency (reserved or account) is exhausted",
            1,
            _sum("AWS/Lambda", "Throttles", dims),
        )
    return resources


def api_alarm(stage: str, app: ChaliceStage) -> Json:
    dims = {"ApiName": f"sonod-{stage}", "Stage": app.rest_api_stage()}  # infra/api.py names the API
    rate = f"IF(requests >= {MIN_REQUESTS_FOR_RATE}, 100 * errors / requests, 0)"
    metrics_ = [
        _stat("errors", "AWS/ApiGateway", "5XXError", dims),
        _stat("requests", "AWS/ApiGateway", "Count", dims),
        {"Id": "rate", "Expression": rate, "Label": "5xx % of requests", "ReturnData": True},
    ]
    return {
        "Api5xxAlarm": alarm(
            f"sonod-{stage}-api-5xx",
            f"At least {API_5XX_PERCENT}% of API requests failed with 5xx in 5 minutes",
            API_5XX_PERCENT,
            {"Metrics": metrics_},
        )
    }


def table_alarms(stage: str, tables: Mapping[str, str]) -> Json:
    """Per table (short name -> logical id): read and write throttle events, for two periods running
    (on-demand tables throttle briefly on a new peak; the SDK retries those)."""
    resources: Json = {}
    for short, logical in tables.items():
        dims = {"TableName": ref(logical)}
        metrics_ = [
            _stat("reads", "AWS/DynamoDB", "ReadThrottleEvents", dims),
            _stat("writes", "AWS/DynamoDB", "WriteThrottleEvents", dims),
            {"Id": "throttled", "Expression": "FILL(reads, 0) + FILL(writes, 0)", "ReturnData": True},
        ]
        resources[f"{logical}ThrottleAlarm"] = alarm(
            f"sonod-{stage}-dynamodb-throttled-{short}",
            f"Requests to the {short} table are being throttled",
            1,
            {"Metrics": metrics_},
            EvaluationPeriods=2,
            DatapointsToAlarm=2,
        )
    return resources


def app_alarms(stage: str, lambda_env: Mapping[str, str]) -> Json:
    space = namespace(lambda_env)
    resources: Json = {}
    for a in APP_ALARMS:
        # Powertools adds the service dimension to every metric it writes.
        metric = _sum(space, a.metric, {"service": SERVICE}, a.period)
        resources[f"{a.metric}Alarm"] = alarm(f"sonod-{stage}-app-{a.metric}", a.description, a.threshold, metric)
    return resources


def notify_operators(resources: Json) -> None:
    """Every alarm in the template notifies the topic when it fires and when it clears."""
    for resource in resources.values():
        if resource.get("Type") == "AWS::CloudWatch::Alarm":
            resource["Properties"]["AlarmActions"] = [ref(TOPIC)]
            resource["Properties"]["OKActions"] = [ref(TOPIC)]


def alarm_resources(
    stage: str, app: ChaliceStage, tables: Mapping[str, str], lambda_env: Mapping[str, str]
) -> tuple[Json, Json, Json]:
    """(parameters, conditions, resources): the topic and every alarm but the dead-letter ones."""
    parameters, conditions, resources = topic_resources(stage)
    resources.update(function_alarms(stage, app))
    resources.update(api_alarm(stage, app))
    resources.update(table_alarms(stage, tables))
    resources.update(app_alarms(stage, lambda_env))
    return parameters, conditions, resources


def outputs() -> Json:
    return {"OpsTopicArn": {"Description": "Where alarms are published", "Value": ref(TOPIC)}}
