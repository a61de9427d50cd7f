"""Creates the stage's AWS resources from the same definitions the cloud uses (the PynamoDB models
in chalicelib/adapters/tables.py; infra/ turns the same models into CloudFormation)."""

from __future__ import annotations

import base64
import contextlib
import json
import secrets
from typing import Any

from chalicelib.adapters.aws import client
from chalicelib.adapters.demand_runs import DEMAND_ATTEMPTS
from chalicelib.adapters.storage import MAX_RENDER_ATTEMPTS, RENDER_PREFIX
from chalicelib.adapters.tables import ALL_MODELS, LOCAL_ONLY_MODELS, TTL_ATTRIBUTES
from chalicelib.config import settings
from local.payment_gateway import LOCAL_STORE_ID, LOCAL_STORE_PASSWORD


def new_app_keys() -> dict[str, str]:
    """The keys infra/template.py's AppKeys function writes in the cloud, each base64 of 32 random
    bytes (the local stack has no CloudFront, so nothing sends `edge_key`)."""
    names = ("token_signing_key", "pii_hash_key", "edge_key")
    return {name: base64.b64encode(secrets.token_bytes(32)).decode() for name in names}


def create_tables(include_local: bool = True) -> list[str]:
    models = ALL_MODELS + (LOCAL_ONLY_MODELS if include_local else ())
    dynamodb = client("dynamodb")
    created = []
    for model in models:
        if not model.exists():
            model.create_table(wait=True)
        ttl = TTL_ATTRIBUTES.get(model)
        if ttl:
            dynamodb.update_time_to_live(
                TableName=model.Meta.table_name, TimeToLiveSpecification={"Enabled": True, "AttributeName": ttl}
            )
        created.append(model.Meta.table_name)
    return created


def create_secret(value: dict[str, Any] | None = None) -> None:
    sm = client("secretsmanager")
    name = settings().keys_secret_name
    body = json.dumps(value or new_app_keys())
    with contextlib.suppress(sm.exceptions.ResourceExistsException):
        sm.create_secret(Name=name, SecretString=body)


# The local parties: SSLCommerz is the simulator's store (local/payment_gateway.py).
LOCAL_PARTIES = {"sslcommerz": {"store_id": LOCAL_STORE_ID, "store_password": LOCAL_STORE_PASSWORD}}


def create_parties_secret(value: dict[str, Any] | None = None) -> None:
    sm = client("secretsmanager")
    with contextlib.suppress(sm.exceptions.ResourceExistsException):
        sm.create_secret(Name=settings().parties_secret_name, SecretString=json.dumps(value or LOCAL_PARTIES))


def create_storage() -> None:
    """Buckets and the render queue, wired as in the cloud: S3 (render/) → SQS → renderer, with a DLQ."""
    s = settings()
    s3, sqs = client("s3"), client("sqs")
    for bucket in (s.work_bucket, s.certificates_bucket, s.public_bucket, s.papers_bucket):
        with contextlib.suppress(s3.exceptions.BucketAlreadyOwnedByYou):
            s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": s.region})
    s3.put_bucket_versioning(Bucket=s.certificates_bucket, VersioningConfiguration={"Status": "Enabled"})
    dlq_url = sqs.create_queue(QueueName=f"{s.render_queue}-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": MAX_RENDER_ATTEMPTS})
    queue_url = sqs.create_queue(
        QueueName=s.render_queue, Attributes={"RedrivePolicy": redrive, "VisibilityTimeout": "60"}
    )["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    prefix_rule = {"Key": {"FilterRules": [{"Name": "prefix", "Value": RENDER_PREFIX}]}}
    s3.put_bucket_notification_configuration(
        Bucket=s.work_bucket,
        NotificationConfiguration={
            "QueueConfigurations": [{"QueueArn": queue_arn, "Events": ["s3:ObjectCreated:*"], "Filter": prefix_rule}]
        },
    )


def create_demand_queue() -> None:
    """The demand runs' queue (decision 67), with its dead letters, as infra/storage.py declares it."""
    s = settings()
    sqs = client("sqs")
    dlq_url = sqs.create_queue(QueueName=f"{s.demand_queue}-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": DEMAND_ATTEMPTS})
    sqs.create_queue(QueueName=s.demand_queue, Attributes={"RedrivePolicy": redrive, "VisibilityTimeout": "600"})


def create_all() -> list[str]:
    create_secret()
    create_parties_secret()
    create_storage()
    create_demand_queue()
    return create_tables()


def reset_process_caches() -> None:
    """Forget every per-container cache (settings, clients, secret, offices, idempotency store), as a
    new Lambda container would; for tests and benchmarks that start a fresh embedded AWS."""
    from chalicelib.adapters import accounts, aws, demand_runs, idempotency, keys, offices, payments, stats
    from chalicelib.services import demand_runs as runs
    from chalicelib.services import identity, status_lists, tax_schedules

    settings.cache_clear()
    aws.client.cache_clear()
    keys._provider.cache_clear()
    offices.forget_cache()
    stats.forget_cache()
    accounts.forget_standing()
    idempotency._store.cache_clear()
    idempotency._runner.cache_clear()
    payments.gateway.cache_clear()
    identity._registry.cache_clear()
    status_lists.forget_cache()
    demand_runs.forget_cache()
    tax_schedules.forget_cache()
    runs.forget_cache()
