"""Citizens' papers: presigned uploads straight to S3 (the API never carries the bytes) under
`incoming/`, a look at the first bytes, then a copy to `papers/` once accepted; short-lived links
for officials. What is refused is left in `incoming/`, which a lifecycle rule empties after a day,
so the app's role never needs to delete. Keys hold random ids only, no personal data."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.aws import client
from chalicelib.adapters.tables import Paper
from chalicelib.config import settings

UPLOAD_SECONDS = 900
SNIFF_BYTES = 16


INCOMING = "incoming/"


@dataclass(frozen=True)
class StoredPaper:
    """A paper a citizen uploaded once and reuses (or a counter's scan, under the counter's key)."""

    citizen_id: str  # whose papers: the citizen, or a UDC counter's key
    paper_id: str
    document: str  # the catalog's document code, e.g. applicant_nid_copy
    content_type: str
    created_at: str
    size: int = 0
    state: str = "awaiting_upload"  # awaiting_upload, ready; at a counter: filed
    etag: str | None = None  # a counter paper: the checked upload, copied only if unchanged


def _paper(row: Paper) -> StoredPaper:
    values = {f.name: getattr(row, f.name) for f in fields(StoredPaper)}
    return StoredPaper(**(values | {"size": int(row.size or 0)}))


def create(paper: StoredPaper) -> None:
    """Record a paper awaiting its upload."""
    values = {f.name: getattr(paper, f.name) for f in fields(StoredPaper)}
    Paper(values.pop("citizen_id"), values.pop("paper_id"), **values).save()


def drop(paper: StoredPaper) -> None:
    """Forget a refused paper (its upload expires from `incoming/` within a day)."""
    Paper(paper.citizen_id, paper.paper_id).delete()


def mark_ready(paper: StoredPaper, size: int, etag: str | None = None) -> StoredPaper:
    """The upload was checked: the paper is ready (a counter's scan keeps the checked ETag)."""
    row = Paper(paper.citizen_id, paper.paper_id)
    actions: list[Action] = [Paper.state.set("ready"), Paper.size.set(size)]
    row.update(actions=actions + ([Paper.etag.set(etag)] if etag is not None else []))
    return _paper(row)


def key(citizen_id: str, paper_id: str) -> str:
    return f"papers/{citizen_id}/{paper_id}"


def incoming_key(citizen_id: str, paper_id: str) -> str:
    return f"{INCOMING}{citizen_id}/{paper_id}"


def upload_form(paper: StoredPaper, max_bytes: int) -> dict[str, Any]:
    """A presigned POST that S3 itself refuses for another type or a size outside 1..max_bytes."""
    form: dict[str, Any] = client("s3").generate_presigned_post(
        Bucket=settings().papers_bucket,
        Key=incoming_key(paper.citizen_id, paper.paper_id),
        Fields={"Content-Type": paper.content_type},
        Conditions=[{"Content-Type": paper.content_type}, ["content-length-range", 1, max_bytes]],
        ExpiresIn=UPLOAD_SECONDS,
    )
    return form


def head_and_start(citizen_id: str, paper_id: str) -> tuple[int, bytes, str] | None:
    """(size, first bytes, ETag) of the uploaded object, or None when nothing was uploaded."""
    s3 = client("s3")
    try:
        start = s3.get_object(
            Bucket=settings().papers_bucket,
            Key=incoming_key(citizen_id, paper_id),
            Range=f"bytes=0-{SNIFF_BYTES - 1}",
        )
    except s3.exceptions.NoSuchKey:
        return None
    size = int(str(start["ContentRange"]).rsplit("/", 1)[1])  # "bytes 0-15/<size>"
    return size, bytes(start["Body"].read()), str(start["ETag"])


class UploadChanged(Exception):
    """The upload was replaced after it was checked."""


def accept(citizen_id: str, paper_id: str, etag: str) -> None:
    """Copy the checked upload to where papers live (server-side), only if it is still the very
    object that was checked: a re-upload in between fails the copy."""
    s3, bucket = client("s3"), settings().papers_bucket
    try:
        s3.copy_object(
            Bucket=bucket,
            Key=key(citizen_id, paper_id),
            CopySource={"Bucket": bucket, "Key": incoming_key(citizen_id, paper_id)},
            CopySourceIfMatch=etag,
        )
    except s3.exceptions.ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("PreconditionFailed", "412"):
            raise UploadChanged() from exc
        raise


def copy_to_citizen(counter: StoredPaper, citizen_id: str) -> None:
    """A counter paper's checked upload becomes the citizen's paper (server-side copy, only if it
    is still the very object that was checked). The counter's copy stays in `incoming/`, which
    the lifecycle rule empties within a day."""
    s3, bucket = client("s3"), settings().papers_bucket
    try:
        s3.copy_object(
            Bucket=bucket,
            Key=key(citizen_id, counter.paper_id),
            CopySource={"Bucket": bucket, "Key": incoming_key(counter.citizen_id, counter.paper_id)},
            CopySourceIfMatch=str(counter.etag),
        )
    except s3.exceptions.ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("PreconditionFailed", "412", "NoSuchKey", "404"):
            raise UploadChanged() from exc
        raise


def remove_copies(citizen_id: str, paper_ids: list[str]) -> None:
    """Undo `copy_to_citizen` for a filing that was refused: no object without its paper row."""
    if paper_ids:
        objects = [{"Key": key(citizen_id, paper_id)} for paper_id in paper_ids]
        client("s3").delete_objects(Bucket=settings().papers_bucket, Delete={"Objects": objects, "Quiet": True})


def add_filed(tx: TransactWrite, counter: Paper, citizen_id: str) -> None:
    """In the filing's transaction: the citizen's paper row, and the counter's row marked filed
    (only if still ready: one scan serves one filing)."""
    own = Paper(
        citizen_id,
        counter.paper_id,
        document=counter.document,
        content_type=counter.content_type,
        size=int(counter.size),
        state="ready",
        created_at=counter.created_at,
    )
    tx.save(own, condition=Paper.paper_id.does_not_exist())
    tx.update(counter, actions=[Paper.state.set("filed")], condition=Paper.state == "ready")


def link(citizen_id: str, paper_id: str, seconds: int) -> str:
    url: str = client("s3").generate_presigned_url(
        "get_object", Params={"Bucket": settings().papers_bucket, "Key": key(citizen_id, paper_id)}, ExpiresIn=seconds
    )
    return url


def get(citizen_id: str, paper_id: str) -> StoredPaper | None:
    try:
        return _paper(Paper.get(citizen_id, paper_id))
    except DoesNotExist:
        return None


def of_citizen(citizen_id: str) -> list[StoredPaper]:
    return [_paper(row) for row in Paper.query(citizen_id, scan_index_forward=False, limit=100)]
