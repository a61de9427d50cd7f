"""S3: render requests, issued PDFs (versioned bucket) and published documents (trust and status lists).

Keys hold only ids (case id, certificate number, list id), never personal data."""

from __future__ import annotations

import json
from typing import Any

from chalicelib.adapters.aws import client
from chalicelib.config import settings

RENDER_PREFIX = "render/"
# A render request is tried this many times (SQS receives), then goes to the dead-letter queue: the
# same in the cloud (infra/storage.py) and on the local stack (local/resources.py).
MAX_RENDER_ATTEMPTS = 5


def put_render_request(case_id: str, version: int) -> None:
    """Hand an approved case to the renderer: S3 (render/) notifies the render queue."""
    body = json.dumps({"case_id": case_id, "version": version}).encode()
    client("s3").put_object(
        Bucket=settings().work_bucket,
        Key=f"{RENDER_PREFIX}{case_id}.json",
        Body=body,
        ContentType="application/json",
    )


def read_json(bucket: str, key: str) -> dict[str, Any]:
    body = client("s3").get_object(Bucket=bucket, Key=key)["Body"].read()
    data: dict[str, Any] = json.loads(body)
    return data


def pdf_key(certificate_no: str) -> str:
    return f"certificates/{certificate_no}.pdf"


def put_pdf(certificate_no: str, pdf: bytes) -> str | None:
    """Store an issued PDF; returns the S3 version id (the bucket is versioned)."""
    return put_pdf_at(pdf_key(certificate_no), pdf)


def put_pdf_at(key: str, pdf: bytes) -> str | None:
    """Store a signed PDF under `key` (certificates/, receipts/, notices/): its version id."""
    result = client("s3").put_object(
        Bucket=settings().certificates_bucket,
        Key=key,
        Body=pdf,
        ContentType="application/pdf",
    )
    version: str | None = result.get("VersionId")
    return version


def pdf_version(key: str) -> str | None:
    """The current version id of a stored PDF ("" where the bucket keeps none), None if absent."""
    s3 = client("s3")
    try:
        head = s3.head_object(Bucket=settings().certificates_bucket, Key=key)
    except s3.exceptions.ClientError as error:
        # Without s3:ListBucket on the bucket (the role has none there) S3 answers a missing key
        # with 403, not 404: both mean "not stored yet" here; a real refusal fails the put after.
        if error.response.get("Error", {}).get("Code") in ("403", "Forbidden", "404", "NoSuchKey", "NotFound"):
            return None
        raise
    return str(head.get("VersionId") or "")


def pdf_link(key: str, version: str | None, seconds: int) -> str:
    """A presigned GET for one PDF version; no AWS call is made to sign it."""
    params: dict[str, Any] = {"Bucket": settings().certificates_bucket, "Key": key}
    if version:
        params["VersionId"] = version
    url: str = client("s3").generate_presigned_url("get_object", Params=params, ExpiresIn=seconds)
    return url


def publish(key: str, document: dict[str, Any]) -> None:
    client("s3").put_object(
        Bucket=settings().public_bucket,
        Key=key,
        Body=json.dumps(document).encode(),
        ContentType="application/json",
        CacheControl="public, max-age=60",
    )


def published(key: str) -> dict[str, Any] | None:
    s3 = client("s3")
    try:
        return read_json(settings().public_bucket, key)
    except s3.exceptions.NoSuchKey:
        return None
