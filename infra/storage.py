"""CloudFormation for the certificate pipeline's storage: the work, certificates and public buckets,
and the render queue the work bucket notifies (S3 `render/` → SQS → `render_certificates`).

Names come from Settings, exactly as the deployed functions compute them, so the queue Chalice's
`@on_sqs_message(queue=...)` subscribes to by name is the queue created here.
"""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.demand_runs import DEMAND_ATTEMPTS
from chalicelib.adapters.papers import INCOMING
from chalicelib.adapters.revenue_documents import notice_pdf_key, receipt_pdf_key
from chalicelib.adapters.storage import MAX_RENDER_ATTEMPTS, RENDER_PREFIX, pdf_key
from chalicelib.config import Settings
from infra.cfn import DELETE, KEY, RETAIN, SQS_MAX_RETENTION, Json, allow, att, dead_letter_alarm, doc, res, sub, tags

WORK, CERTIFICATES, PUBLIC, PAPERS = "WorkBucket", "CertificatesBucket", "PublicBucket", "PapersBucket"
LOGS = "LogsBucket"
QUEUE, QUEUE_DLQ, QUEUE_POLICY = "RenderQueue", "RenderDeadLetterQueue", "RenderQueuePolicy"
DEMAND_QUEUE, DEMAND_DLQ = "DemandQueue", "DemandDeadLetterQueue"  # demand runs (decision 67)
# Lambda's guidance for SQS event sources: visibility of at least six times the function timeout,
# so a message is not handed to a second invocation while the first (and its retries) still run.
VISIBILITY_PER_TIMEOUT = 6
RENDER_REQUEST_DAYS = 7  # a request is handled in seconds, or dead-letters within the hour
CERTIFICATE_RETENTION_YEARS = 10
PUBLISHED_VERSION_DAYS = 30
ACCESS_LOG_DAYS = 365


def bucket_arn(name: str) -> Json:
    # A name, not a GetAtt: the queue policy must exist before the work bucket (S3 checks that it
    # may send when the notification is configured), so it cannot refer to the bucket resource.
    return sub(f"arn:${{AWS::Partition}}:s3:::{name}")


def objects_arn(name: str, pattern: str = "*") -> Json:
    return sub(f"arn:${{AWS::Partition}}:s3:::{name}/{pattern}")


def _encryption(kms: bool) -> Json:
    if kms:
        default: Json = {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": att(KEY)}
        rule = {"ServerSideEncryptionByDefault": default, "BucketKeyEnabled": True}  # one KMS call per bucket key
        return {"ServerSideEncryptionConfiguration": [rule]}
    return {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}


def logs_bucket_name(stage: str) -> str:
    return f"sonod-{stage}-logs"


def bucket_properties(
    name: str, stage: str, lifecycle: list[Json], *, kms: bool = True, logged: bool = True, **extra: Any
) -> Json:
    """A private bucket: encrypted (the data key, or S3-managed keys where a service must read it
    without a key policy), no ACLs, public access blocked, access logged to the logs bucket."""
    logging = {"LoggingConfiguration": {"DestinationBucketName": {"Ref": LOGS}, "LogFilePrefix": f"s3/{name}/"}}
    return {
        "BucketName": name,
        "BucketEncryption": _encryption(kms),
        "PublicAccessBlockConfiguration": {
            "BlockPublicAcls": True,
            "BlockPublicPolicy": True,
            "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True,
        },
        "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},  # no ACLs at all
        "LifecycleConfiguration": {
            "Rules": [
                {
                    "Id": "abort-incomplete-uploads",
                    "Status": "Enabled",
                    "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1},
                },
                *lifecycle,
            ]
        },
        "Tags": tags(stage),
        **(logging if logged else {}),
        **extra,
    }


def tls_only_policy(bucket: str, name: str, *statements: Json) -> Json:
    """The bucket's policy: refuse plain HTTP, plus `statements`."""
    deny = {
        "Sid": "DenyInsecureTransport",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [bucket_arn(name), objects_arn(name)],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }
    return res("AWS::S3::BucketPolicy", {"Bucket": {"Ref": bucket}, "PolicyDocument": doc(deny, *statements)})


def logs_resources(stage: str, logged_buckets: list[str]) -> Json:
    """Where S3 server access logs go (and only those): S3-managed encryption, because log delivery
    cannot write with a KMS key; a year of logs; writable only by S3's log delivery for our buckets."""
    name = logs_bucket_name(stage)
    expiry = {"Id": "expire-logs", "Status": "Enabled", "ExpirationInDays": ACCESS_LOG_DAYS}
    old = {"Id": "expire-old-versions", "Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}
    versioned: Json = {"VersioningConfiguration": {"Status": "Enabled"}}
    bucket = bucket_properties(name, stage, [expiry, old], kms=False, logged=False, **versioned)
    delivery = {
        "Sid": "ServerAccessLogs",
        "Effect": "Allow",
        "Principal": {"Service": "logging.s3.amazonaws.com"},
        "Action": "s3:PutObject",
        "Resource": objects_arn(name, "s3/*"),
        "Condition": {
            "ArnLike": {"aws:SourceArn": [bucket_arn(b) for b in logged_buckets]},
            "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
        },
    }
    return {
        LOGS: res("AWS::S3::Bucket", bucket, **RETAIN),
        f"{LOGS}Policy": tls_only_policy(LOGS, name, delivery),
    }


def bucket_resources(cfg: Settings) -> Json:
    versioned: Json = {"VersioningConfiguration": {"Status": "Enabled"}}
    render_rule = {
        "Id": "expire-render-requests",
        "Status": "Enabled",
        "Prefix": RENDER_PREFIX,
        "ExpirationInDays": RENDER_REQUEST_DAYS,
    }
    notify = {
        "QueueConfigurations": [
            {
                "Event": "s3:ObjectCreated:*",
                "Queue": att(QUEUE),
                "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": RENDER_PREFIX}]}},
            }
        ]
    }
    # Work: transient hand-over objects we want gone after a week, so not versioned (old versions
    # would only keep what the expiry rule is there to delete). Replaceable: deleted with the stack.
    work = bucket_properties(cfg.work_bucket, cfg.stage, [render_rule], NotificationConfiguration=notify)
    # Certificates: issued PDFs are records. Object Lock can only be switched on when the bucket is
    # created and needs versioning; GOVERNANCE (not COMPLIANCE) so that a court-ordered or
    # legally required removal stays possible for a principal holding s3:BypassGovernanceRetention,
    # which the app role does not.
    lock: Json = {
        "ObjectLockEnabled": True,
        "ObjectLockConfiguration": {
            "ObjectLockEnabled": "Enabled",
            "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Years": CERTIFICATE_RETENTION_YEARS}},
        },
    }
    certificates = bucket_properties(cfg.certificates_bucket, cfg.stage, [], **versioned, **lock)
    # Public: the trust and status lists relying parties were served, republished every 10 minutes;
    # keep a month of old versions to answer "what did the list say then", not every version forever.
    old_versions = {
        "Id": "expire-old-list-versions",
        "Status": "Enabled",
        "NoncurrentVersionExpiration": {"NoncurrentDays": PUBLISHED_VERSION_DAYS},
    }
    public = bucket_properties(cfg.public_bucket, cfg.stage, [old_versions], **versioned)
    # Papers: citizens upload straight from the browser with presigned POSTs (type and size fixed by
    # the policy); versioned so that an overwrite never loses what an official already reviewed.
    # Uploads land in incoming/ and are copied to papers/ once their bytes are checked; what was
    # refused (or never completed) expires after a day, so the app's role never deletes.
    cors = {"CorsRules": [{"AllowedMethods": ["POST"], "AllowedOrigins": ["*"], "AllowedHeaders": ["*"]}]}
    incoming = {"Id": "expire-unchecked-uploads", "Status": "Enabled", "Prefix": INCOMING, "ExpirationInDays": 1}
    papers = bucket_properties(
        cfg.papers_bucket, cfg.stage, [incoming, old_versions], **versioned, CorsConfiguration=cors
    )
    return {
        WORK: res("AWS::S3::Bucket", work, DependsOn=[QUEUE_POLICY], **DELETE),
        CERTIFICATES: res("AWS::S3::Bucket", certificates, **RETAIN),
        PUBLIC: res("AWS::S3::Bucket", public, **RETAIN),
        PAPERS: res("AWS::S3::Bucket", papers, **RETAIN),
        **{f"{logical}Policy": tls_only_policy(logical, name) for logical, name in buckets(cfg).items()},
    }


def buckets(cfg: Settings) -> dict[str, str]:
    """The app's buckets: logical id -> name."""
    return {
        WORK: cfg.work_bucket,
        CERTIFICATES: cfg.certificates_bucket,
        PUBLIC: cfg.public_bucket,
        PAPERS: cfg.papers_bucket,
    }


def queue_pair(cfg: Settings, name: str, dlq_id: str, attempts: int, function_timeout: int) -> tuple[Json, Json]:
    """A queue a function consumes and its dead-letter queue's properties."""
    dead_letters = {
        "QueueName": f"{name}-dlq",
        # SQS expires a message by its first enqueue time, even after it moved to the DLQ: keep the
        # dead letters as long as SQS allows so they outlive the source queue's 4 days.
        "MessageRetentionPeriod": SQS_MAX_RETENTION,
        "SqsManagedSseEnabled": True,
        "Tags": tags(cfg.stage),
    }
    queue = {
        "QueueName": name,  # the name Chalice's event source mapping builds its ARN from
        "VisibilityTimeout": VISIBILITY_PER_TIMEOUT * function_timeout,
        "SqsManagedSseEnabled": True,
        "RedrivePolicy": {"deadLetterTargetArn": att(dlq_id), "maxReceiveCount": attempts},
        "Tags": tags(cfg.stage),
    }
    return dead_letters, queue


def queue_resources(cfg: Settings, function_timeout: int) -> Json:
    # SQS-managed encryption, not the data key: S3 would need kms:GenerateDataKey on the data key
    # (which guards every table and the app keys secret) to send to a queue encrypted with it. The
    # messages are S3 event records naming the bucket and `render/<case id>.json`: ids, no personal data.
    dead_letters, queue = queue_pair(cfg, cfg.render_queue, QUEUE_DLQ, MAX_RENDER_ATTEMPTS, function_timeout)
    from_bucket = {
        "Sid": "WorkBucketRenderRequests",
        "Effect": "Allow",
        "Principal": {"Service": "s3.amazonaws.com"},
        "Action": "sqs:SendMessage",
        "Resource": att(QUEUE),
        # Only our work bucket, in our account (bucket names are global and can be re-registered).
        "Condition": {
            "ArnEquals": {"aws:SourceArn": bucket_arn(cfg.work_bucket)},
            "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
        },
    }
    return {
        QUEUE_DLQ: res("AWS::SQS::Queue", dead_letters, **DELETE),
        QUEUE: res("AWS::SQS::Queue", queue, **DELETE),
        QUEUE_POLICY: res("AWS::SQS::QueuePolicy", {"Queues": [{"Ref": QUEUE}], "PolicyDocument": doc(from_bucket)}),
        "RenderDeadLetterAlarm": dead_letter_alarm(
            f"sonod-{cfg.stage}-render-dlq-not-empty",
            "A render request failed 5 times: an approved case is waiting for its certificate",
            QUEUE_DLQ,
        ),
    }


def demand_queue_resources(cfg: Settings, function_timeout: int) -> Json:
    """The demand runs' queue (decision 67): plan and batch messages the API and `demand_runs`
    send and `demand_runs` consumes; holding ids and a register cursor only, no personal data."""
    dead_letters, queue = queue_pair(cfg, cfg.demand_queue, DEMAND_DLQ, DEMAND_ATTEMPTS, function_timeout)
    return {
        DEMAND_DLQ: res("AWS::SQS::Queue", dead_letters, **DELETE),
        DEMAND_QUEUE: res("AWS::SQS::Queue", queue, **DELETE),
        "DemandDeadLetterAlarm": dead_letter_alarm(
            f"sonod-{cfg.stage}-demand-dlq-not-empty",
            "A demand run's batch failed 5 times: some holdings of a run were not billed (rerun the year)",
            DEMAND_DLQ,
        ),
    }


def storage_statements(cfg: Settings) -> list[Json]:
    """What chalicelib/adapters/storage.py does with S3, on the keys it uses. The data key
    statement (kms:Decrypt, kms:GenerateDataKey) covers the buckets' SSE-KMS."""
    return [
        allow(["s3:PutObject", "s3:GetObject"], objects_arn(cfg.work_bucket, f"{RENDER_PREFIX}*"), "RenderRequests"),
        # GetObject and GetObjectVersion: presigned PDF links are signed with this role's credentials.
        allow(
            ["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion"],
            objects_arn(cfg.certificates_bucket, pdf_key("*")),
            "CertificatePdfs",
        ),
        # Receipts and demand notices (decision 69), beside the certificates and linked the same way.
        allow(
            ["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion"],
            objects_arn(cfg.certificates_bucket, receipt_pdf_key("*")),
            "ReceiptPdfs",
        ),
        allow(
            ["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion"],
            objects_arn(cfg.certificates_bucket, notice_pdf_key("*")),
            "NoticePdfs",
        ),
        allow(["s3:PutObject", "s3:GetObject"], objects_arn(cfg.public_bucket), "PublishedLists"),
        # Without ListBucket S3 answers 403 rather than NoSuchKey for a list not published yet,
        # which storage.published() turns into a 404.
        allow("s3:ListBucket", bucket_arn(cfg.public_bucket), "PublishedListsMissing"),
        # Presigned uploads are signed with this role; `complete` reads an upload's first bytes and
        # copies it to papers/, whose links are signed with this role too.
        allow(["s3:PutObject", "s3:GetObject"], objects_arn(cfg.papers_bucket, f"{INCOMING}*"), "PaperUploads"),
        allow(["s3:PutObject", "s3:GetObject"], objects_arn(cfg.papers_bucket, "papers/*"), "Papers"),
        # A demand run's start (the API) and its planner queue plan and batch messages.
        allow(["sqs:GetQueueUrl", "sqs:SendMessage"], att(DEMAND_QUEUE), "DemandRuns"),
    ]
