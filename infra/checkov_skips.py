"""The checkov checks this stack does not pass on purpose, each with its reason, written into the
template as `Metadata: checkov: skip` on the resources concerned (Chalice's too, by the merge).

infra/package.sh fails on any other failed check. Checkov's severities need a Prisma Cloud key, so
there is no "only HIGH and CRITICAL": every check counts, and every exception is here.
"""

from __future__ import annotations

from collections.abc import Iterable

from infra.cfn import Json
from infra.chalice_app import REST_API, ChaliceStage

LAMBDA_TYPES = ("AWS::Lambda::Function", "AWS::Serverless::Function")
CHALICE_ROLE = "DefaultRole"

FUNCTIONS = {
    "CKV_AWS_117": "Nothing it calls is in a VPC: DynamoDB, S3, KMS, SQS, SNS and Secrets Manager are AWS "
    "APIs (TLS, IAM), the payment, SMS and NID partners are on the internet; a VPC would add NAT gateways "
    "(cost, another failure point) and no protection",
    "CKV_AWS_116": "A Lambda DLQ only catches failed asynchronous invocations: the API handler and authorizer "
    "are synchronous, the stream consumer's failures go to StreamDeadLetterQueue, the renderer's queue "
    "redrives to RenderDeadLetterQueue, scheduled jobs are redone by their next run; all alarm on Errors",
}
PLAIN_ENVIRONMENT = (
    "The environment holds names, URLs and switches only (STAGE, VERIFY_BASE_URL, ...); secrets are read "
    "from Secrets Manager at run time"
)
NO_RESERVED_CONCURRENCY = (
    "No reserved concurrency on this stage (set per stage in .chalice/config.json): the API stage throttle "
    "bounds the API, the account's limit the rest, and the Throttles alarm says when it bites"
)
BY_RESOURCE: dict[str, dict[str, str]] = {
    "AppKeysInitFunction": {"CKV_AWS_115": "A custom resource: runs once per stack create or update"},
    CHALICE_ROLE: {
        "CKV_AWS_111": "Chalice's own role policy: CloudWatch Logs, X-Ray (no resource-level permissions) and "
        "consuming its SQS event source; what the app does is granted, scoped, in AppDataAccess"
    },
    "AppDataAccess": {
        "CKV_AWS_111": 'Both writes on "*" have no resource to name: sns:Publish to a phone number (SMS) and '
        "kms:CreateKey (the key does not exist yet; its statement constrains key spec, usage and tags)"
    },
    REST_API: {
        "CKV_AWS_120": "Answers are per caller (tokens, agency keys) or must be current (case and certificate "
        "status): a cache would serve one caller's data to another, or stale statuses"
    },
    "WorkBucket": {
        "CKV_AWS_21": "Transient render requests that expire after 7 days: old versions would only keep what "
        "the expiry is there to delete"
    },
    "RenderQueue": {
        "CKV_AWS_27": "Encrypted with SQS-managed keys (SqsManagedSseEnabled), which this check does not read; "
        "not the data key, because S3 sends to this queue"
    },
    "RenderDeadLetterQueue": {"CKV_AWS_27": "SQS-managed encryption, as its source queue (RenderQueue)"},
    "DemandQueue": {
        "CKV_AWS_27": "Encrypted with SQS-managed keys (SqsManagedSseEnabled), which this check does not read; "
        "its messages are run ids, office ids and holding ids: no personal data"
    },
    "DemandDeadLetterQueue": {"CKV_AWS_27": "SQS-managed encryption, as its source queue (DemandQueue)"},
    "LogsBucket": {"CKV_AWS_18": "It is the access-log bucket: logging it into itself would log every delivery"},
    "WebDistribution": {
        "CKV_AWS_86": "CloudFront standard logs need ACLs on the log bucket (every bucket here enforces "
        "BucketOwnerEnforced); API requests are in ApiAccessLogs and the web bucket's in S3 access logs",
        "CKV_AWS_174": "TLS 1.2 (TLSv1.2_2021) whenever a custom domain is set; without one CloudFront's default "
        "certificate fixes the policy, and this check cannot see the condition",
    },
}


def skips_for(logical_id: str, kind: str, app: ChaliceStage) -> dict[str, str]:
    """check id -> reason, for one resource of the packaged template."""
    found = dict(FUNCTIONS) if kind in LAMBDA_TYPES else {}
    chalice = {f.logical_id: f for f in app.functions}
    if logical_id in chalice:
        found["CKV_AWS_173"] = PLAIN_ENVIRONMENT
        if chalice[logical_id].reserved_concurrency is None:
            found["CKV_AWS_115"] = NO_RESERVED_CONCURRENCY
    return found | BY_RESOURCE.get(logical_id, {})


def chalice_types(app: ChaliceStage) -> dict[str, str]:
    """Logical id -> type of what `chalice package` emits that has skips."""
    kinds = {f.logical_id: "AWS::Serverless::Function" for f in app.functions}
    return kinds | {REST_API: "AWS::Serverless::Api", CHALICE_ROLE: "AWS::IAM::Role"}


def apply(resources: Json, app: ChaliceStage) -> None:
    """Write the skips into `resources` (the merge template's), adding entries that only carry
    Metadata for Chalice's resources: the merge puts them on what Chalice emits."""
    kinds = {name: r["Type"] for name, r in resources.items()} | {
        name: kind for name, kind in chalice_types(app).items() if name not in resources
    }
    for name, kind in kinds.items():
        skips = skips_for(name, kind, app)
        if not skips:
            continue
        entry = resources.setdefault(name, {"Type": kind})
        entry.setdefault("Metadata", {})["checkov"] = {
            "skip": [{"id": check, "comment": reason} for check, reason in sorted(skips.items())]
        }


def documented(template: Json) -> Iterable[tuple[str, str, str]]:
    """(logical id, check id, reason) of every skip written into `template`."""
    for name, resource in template["Resources"].items():
        for skip in resource.get("Metadata", {}).get("checkov", {}).get("skip", []):
            yield name, skip["id"], skip["comment"]
