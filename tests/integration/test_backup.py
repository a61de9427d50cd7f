"""ops/backup.py against moto: protection status, on-demand backups and exports, restoring a table
into a new one (from a backup and to a point in time), and bringing back an earlier version of an
issued PDF, also under object lock. The CLI is exercised through main() too.

moto 5 accepts RestoreTableToPointInTime but copies the source table as it is now, whatever the
RestoreDateTime; so the point-in-time test checks the call, the new table and the count, not the
choice of the moment. ExportTableToPointInTime is supported (moto writes one DynamoDB-JSON file
per table, in a background thread)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from typing import Any

import pytest

from chalicelib.adapters.aws import client
from chalicelib.adapters.tables import ALL_MODELS, Claim, StaffAccount
from chalicelib.config import settings
from ops import backup

PDF_GOOD = b"%PDF-1.7 issued certificate (good)"
PDF_BAD = b"%PDF-1.7 overwritten by a faulty re-render"


@pytest.fixture()
def ops(aws_env: dict[str, Any]) -> backup.Clients:
    return backup.clients()


def protect_everything() -> None:
    ddb, s3 = client("dynamodb"), client("s3")
    for name in backup.table_names():
        ddb.update_continuous_backups(
            TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
        )
        ddb.update_table(TableName=name, DeletionProtectionEnabled=True)
    for bucket in backup.must_be_versioned():
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})


def rows(table: str) -> list[dict[str, Any]]:
    items = [i for page in client("dynamodb").get_paginator("scan").paginate(TableName=table) for i in page["Items"]]
    return sorted(items, key=repr)


def write_claims(*case_ids: str) -> None:
    for case_id in case_ids:
        claim = Claim(f"unique#citizenship#{case_id}", case_id=case_id, office_id="union-1", type_code="citizenship")
        claim.created_at = "2026-03-01T10:00:00+06:00"
        claim.save()


# --- status --------------------------------------------------------------------------------------


def test_status_names_what_is_unprotected_then_reports_pitr_and_versioning(ops: backup.Clients) -> None:
    out: list[str] = []
    before = backup.status(ops, out.append)
    assert not before.ok  # the local stack creates tables without PITR or deletion protection
    assert {f"table {name}" for name in backup.table_names()} <= set(before.gaps)
    assert f"bucket {settings().certificates_bucket}" not in before.gaps  # create_all versions it
    assert f"bucket {settings().public_bucket}" in before.gaps
    assert out[-1].startswith("NOT PROTECTED")

    protect_everything()
    out.clear()
    after = backup.status(ops, out.append)
    assert after.ok, after.gaps
    assert all(t.pitr and t.deletion_protection for t in after.tables)
    assert len(after.tables) == len(ALL_MODELS)
    table_lines = [line for line in out if line.startswith("table ")]
    assert len(table_lines) == len(ALL_MODELS)
    assert all("point-in-time recovery on" in line and "deletion protection on" in line for line in table_lines)
    assert f"bucket {settings().certificates_bucket}: versioning Enabled" in out
    assert any(line.startswith(f"bucket {settings().work_bucket}: versioning Off (not needed") for line in out)
    assert out[-1] == f"all {len(ALL_MODELS)} tables and 4 buckets are protected"


def test_status_reports_a_missing_table(ops: backup.Clients) -> None:
    name = Claim.Meta.table_name
    client("dynamodb").delete_table(TableName=name)
    out: list[str] = []
    result = backup.status(ops, out.append)
    assert f"table {name}: MISSING" in out
    assert f"table {name}" in result.gaps


# --- snapshot and restore from a backup ----------------------------------------------------------


def test_snapshot_backs_up_every_table(ops: backup.Clients) -> None:
    out: list[str] = []
    now = dt.datetime(2026, 3, 1, 4, 30, tzinfo=dt.UTC)
    arns = backup.snapshot(ops, out.append, now=now)
    assert set(arns) == set(backup.table_names())
    listed = client("dynamodb").list_backups()["BackupSummaries"]
    assert {b["BackupName"] for b in listed} == {f"{t}-20260301T043000Z" for t in backup.table_names()}
    assert all(arn in "\n".join(out) for arn in arns.values())


def test_restore_from_backup_brings_back_the_rows_into_a_new_table(ops: backup.Clients) -> None:
    table = Claim.Meta.table_name
    write_claims("CASE1", "CASE2", "CASE3")
    original = rows(table)
    arn = backup.snapshot(ops, lambda _: None)[table]

    # A bad deploy: one row deleted, one changed, one added.
    Claim.get("unique#citizenship#CASE1").delete()
    changed = Claim.get("unique#citizenship#CASE2")
    changed.office_id = "union-9"
    changed.save()
    write_claims("CASE4")
    assert rows(table) != original

    out: list[str] = []
    count = backup.restore_table(ops, table, f"{table}-restored", backup_arn=arn, say=out.append)
    assert count == len(original) == 3
    assert rows(f"{table}-restored") == original
    assert len(rows(table)) == 3 and rows(table) != original  # the live table is untouched
    assert any("ACTIVE with 3 items" in line for line in out)
    assert not any("CASE" in line for line in out)  # ids of rows are not printed either


def test_restore_never_overwrites_and_checks_the_backup_is_of_that_table(ops: backup.Clients) -> None:
    arns = backup.snapshot(ops, lambda _: None)
    claims, staff = Claim.Meta.table_name, StaffAccount.Meta.table_name
    with pytest.raises(backup.BackupError, match="already exists"):
        backup.restore_table(ops, claims, staff, backup_arn=arns[claims])
    with pytest.raises(backup.BackupError, match="already exists"):
        backup.restore_table(ops, claims, claims, backup_arn=arns[claims])
    with pytest.raises(backup.BackupError, match=f"is of table {staff}"):
        backup.restore_table(ops, claims, f"{claims}-x", backup_arn=arns[staff])
    with pytest.raises(backup.BackupError, match="exactly one"):
        backup.restore_table(ops, claims, f"{claims}-x")


def test_point_in_time_restore_creates_a_new_table(ops: backup.Clients) -> None:
    protect_everything()
    table = Claim.Meta.table_name
    write_claims("CASE1", "CASE2")
    moment = dt.datetime.now(dt.UTC)
    count = backup.restore_table(ops, table, f"{table}-pitr", to_time=moment, say=lambda _: None)
    assert count == 2
    assert rows(f"{table}-pitr") == rows(table)


def test_export_needs_pitr_and_writes_every_table_to_s3(ops: backup.Clients) -> None:
    bucket = settings().work_bucket
    with pytest.raises(backup.BackupError, match="no table has point-in-time recovery"):
        backup.export(ops, f"s3://{bucket}/exports", lambda _: None)

    claims = Claim.Meta.table_name
    client("dynamodb").update_continuous_backups(
        TableName=claims, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )
    partial: list[str] = []
    with pytest.raises(backup.BackupError, match=f"{len(ALL_MODELS) - 1} of {len(ALL_MODELS)} tables not exported"):
        backup.export(ops, f"s3://{bucket}/partial", partial.append)
    assert any(line.startswith(f"export of {claims} as of ") for line in partial)
    assert f"export of {StaffAccount.Meta.table_name} skipped: point-in-time recovery is off" in partial

    protect_everything()
    write_claims("CASE1")
    out: list[str] = []
    arns = backup.export(ops, f"s3://{bucket}/exports", out.append)
    assert set(arns) == set(backup.table_names())
    ddb = client("dynamodb")
    deadline = time.monotonic() + 10
    state = ""
    while time.monotonic() < deadline:  # moto exports in a background thread
        state = ddb.describe_export(ExportArn=arns[Claim.Meta.table_name])["ExportDescription"]["ExportStatus"]
        if state != "IN_PROGRESS":
            break
        time.sleep(0.05)
    assert state == "COMPLETED"
    keys = [o["Key"] for o in client("s3").list_objects_v2(Bucket=bucket, Prefix="exports/")["Contents"]]
    assert any(f"/{Claim.Meta.table_name}/AWSDynamoDB/" in k for k in keys)


@pytest.mark.parametrize("url", ["work/exports", "s3://", "s3:///prefix"])
def test_export_address_must_be_an_s3_url(url: str) -> None:
    with pytest.raises(backup.BackupError, match="s3://bucket/prefix"):
        backup.parse_s3_url(url)


# --- restore-object ------------------------------------------------------------------------------


def put_versions(bucket: str, key: str, *bodies: bytes, pause: float = 0.0) -> list[str]:
    ids = []
    for body in bodies:
        ids.append(
            client("s3").put_object(Bucket=bucket, Key=key, Body=body, ContentType="application/pdf")["VersionId"]
        )
        time.sleep(pause)
    return ids


def current_body(bucket: str, key: str) -> bytes:
    return bytes(client("s3").get_object(Bucket=bucket, Key=key)["Body"].read())


def test_restore_object_copies_an_earlier_pdf_version_over_the_current_one(ops: backup.Clients) -> None:
    bucket, key = settings().certificates_bucket, "certificates/SS-TEST-0001.pdf"
    good, bad = put_versions(bucket, key, PDF_GOOD, PDF_BAD)
    out: list[str] = []
    new = backup.restore_object(ops, bucket, key, version_id=good, say=out.append)
    assert new not in (good, bad)
    assert current_body(bucket, key) == PDF_GOOD
    kept = {v.version_id for v in backup.versions(ops, bucket, key)}
    assert kept == {good, bad, new}  # nothing deleted: the restore is a new version
    assert not any("PDF-1.7" in line for line in out)  # contents are never printed
    assert any("pdf_version" in line for line in out)

    again: list[str] = []
    assert backup.restore_object(ops, bucket, key, version_id=new, say=again.append) == new
    assert "already the current one" in again[0]


def test_restore_object_before_a_time_also_undoes_a_delete(ops: backup.Clients) -> None:
    bucket, key = settings().certificates_bucket, "certificates/SS-TEST-0002.pdf"
    _, bad = put_versions(bucket, key, PDF_GOOD, PDF_BAD, pause=1.1)  # S3 times have 1 s resolution
    client("s3").delete_object(Bucket=bucket, Key=key)  # a delete marker on top
    found = backup.versions(ops, bucket, key)
    assert found[0].delete_marker and found[0].latest
    bad_written = next(v.modified for v in found if v.version_id == bad)

    backup.restore_object(ops, bucket, key, before=bad_written, say=lambda _: None)
    assert current_body(bucket, key) == PDF_GOOD
    with pytest.raises(backup.BackupError, match="written before"):
        backup.restore_object(ops, bucket, key, before=bad_written - dt.timedelta(days=1))


@pytest.fixture()
def locked_bucket(aws_env: dict[str, Any]) -> Iterator[str]:
    """A bucket like the deployed certificates bucket: versioned, object lock GOVERNANCE by default."""
    name = f"{settings().certificates_bucket}-locked"
    s3 = client("s3")
    s3.create_bucket(
        Bucket=name,
        CreateBucketConfiguration={"LocationConstraint": settings().region},
        ObjectLockEnabledForBucket=True,
    )
    s3.put_object_lock_configuration(
        Bucket=name,
        ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled",
            "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Years": 10}},
        },
    )
    yield name


def moto_checksum_header(request: Any, **_: Any) -> None:
    # moto 5 routes CopyObject through its PutObject check and wants the header botocore sends
    # only for uploads (x-amz-sdk-checksum-algorithm); S3 takes CopyObject's ChecksumAlgorithm.
    request.headers["x-amz-sdk-checksum-algorithm"] = "SHA256"


def test_restore_object_under_object_lock_adds_a_version(ops: backup.Clients, locked_bucket: str) -> None:
    key = "certificates/SS-TEST-0003.pdf"
    good, bad = put_versions(locked_bucket, key, PDF_GOOD, PDF_BAD)
    assert backup.bucket_state(ops, locked_bucket).object_lock
    ops.s3.meta.events.register("before-sign.s3.CopyObject", moto_checksum_header)
    try:
        new = backup.restore_object(ops, locked_bucket, key, version_id=good, say=lambda _: None)
    finally:
        ops.s3.meta.events.unregister("before-sign.s3.CopyObject", moto_checksum_header)
    assert current_body(locked_bucket, key) == PDF_GOOD
    assert {v.version_id for v in backup.versions(ops, locked_bucket, key)} == {good, bad, new}


def test_restore_object_refuses_what_it_cannot_do(ops: backup.Clients) -> None:
    s = settings()
    with pytest.raises(backup.BackupError, match="never versioned"):
        backup.restore_object(ops, s.work_bucket, "render/x.json", version_id="v")
    with pytest.raises(backup.BackupError, match="has no versions"):
        backup.restore_object(ops, s.certificates_bucket, "certificates/none.pdf", version_id="v")
    put_versions(s.certificates_bucket, "certificates/SS-TEST-0004.pdf", PDF_GOOD)
    with pytest.raises(backup.BackupError, match="no object version nope"):
        backup.restore_object(ops, s.certificates_bucket, "certificates/SS-TEST-0004.pdf", version_id="nope")


# --- the command line ----------------------------------------------------------------------------


def test_cli(aws_env: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert backup.main(["status"]) == backup.EXIT_UNPROTECTED
    capsys.readouterr()

    assert backup.main(["snapshot"]) == 0
    out = capsys.readouterr().out
    table = StaffAccount.Meta.table_name
    arn = next(line.split(": ")[1].split(" ")[0] for line in out.splitlines() if line.startswith(f"backup of {table}:"))

    code = backup.main(["restore-table", "--table", table, "--backup-arn", arn, "--target", f"{table}-drill"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    staff = len(aws_env["accounts"])
    assert f"{table}-drill is ACTIVE with {staff} items (counted with a paginated Scan)" in captured.out
    assert not any(a["username"] in captured.out for a in aws_env["accounts"])  # names nor usernames printed
    assert "Nasrin" not in captured.out

    code = backup.main(["restore-table", "--table", table, "--to-time", "2026-03-01T10:00", "--target", "x"])
    assert code == backup.EXIT_FAILED
    assert "give the time with its offset" in capsys.readouterr().err

    code = backup.main(["restore-object", "--bucket", "no-such-bucket", "--key", "k", "--before", "2026-03-01T00:00Z"])
    assert code == backup.EXIT_FAILED
    assert "error: bucket no-such-bucket does not exist" in capsys.readouterr().err
