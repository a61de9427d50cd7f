"""Small builders for CloudFormation JSON, shared by the infra/ modules."""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]
KEY = "DataKey"  # the stage's KMS key: tables, app keys secret, stream dead-letter queue, buckets
RETAIN = {"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}
DELETE = {"DeletionPolicy": "Delete", "UpdateReplacePolicy": "Delete"}
SQS_MAX_RETENTION = 1209600  # 14 days, the most SQS keeps a message


def att(logical: str, attr: str = "Arn") -> Json:
    return {"Fn::GetAtt": [logical, attr]}


def ref(logical: str) -> Json:
    return {"Ref": logical}


def sub(text: str) -> Json:
    return {"Fn::Sub": text}


def allow(action: str | list[str], resource: Any, sid: str | None = None, condition: Json | None = None) -> Json:
    statement: Json = {**({"Sid": sid} if sid else {}), "Effect": "Allow", "Action": action, "Resource": resource}
    if condition:
        statement["Condition"] = condition
    return statement


def doc(*statements: Json) -> Json:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def res(kind: str, props: Json, **attributes: Any) -> Json:
    return {"Type": kind, **attributes, "Properties": props}


def param(kind: str, default: Any, description: str, **extra: Any) -> Json:
    """A template parameter: every one has a default, so `make package` output deploys as it is."""
    return {"Type": kind, "Default": default, "Description": description, **extra}


def if_set(parameter: str) -> Json:
    """A condition that holds when the (string) parameter is not empty."""
    return {"Fn::Not": [{"Fn::Equals": [ref(parameter), ""]}]}


def service(name: Any) -> Json:
    return {"Service": name}


def tags(stage: str) -> list[Json]:
    return [{"Key": "app", "Value": "sonod-sheba"}, {"Key": "stage", "Value": stage}]


def dead_letter_alarm(name: str, description: str, queue: str) -> Json:
    """Alarm as soon as one message sits in `queue` (a logical id): every one is lost work."""
    alarm = {
        "AlarmName": name,
        "AlarmDescription": description,
        "Namespace": "AWS/SQS",
        "MetricName": "ApproximateNumberOfMessagesVisible",
        "Dimensions": [{"Name": "QueueName", "Value": att(queue, "QueueName")}],
        "Statistic": "Maximum",
        "Period": 300,
        "EvaluationPeriods": 1,
        "Threshold": 0,
        "ComparisonOperator": "GreaterThanThreshold",
        "TreatMissingData": "notBreaching",
    }
    return res("AWS::CloudWatch::Alarm", alarm)
