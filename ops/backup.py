"""Backup and restore of a stage's tables and buckets; docs/backup.md is the procedure around it.

    python -m ops.backup status
    python -m ops.backup snapshot [--export-to s3://bucket/prefix]
    python -m ops.backup restore-table --table T (--to-time ISO | --backup-arn ARN) --target NEW
    python -m ops.backup restore-object --bucket B --key K (--version-id V | --before ISO)

The stage is the environment's, exactly as the app reads it (STAGE, TABLE_PREFIX, *_BUCKET,
AWS_REGION: chalicelib/config.py); table names come from the PynamoDB models. Every command prints
what it did, one plain line per fact, and exits non-zero with a message on stderr when it could
not. It never prints an item's attributes or an object's contents: only names, ARNs, version ids,
times and counts (keys hold ids and keyed hashes, never personal data).

Nothing here deletes or overwrites: a table is restored into a new table, and an object is
restored by copying an earlier version over the current one, which adds a version.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.config import settings

Say = Callable[[str], None]

EXIT_FAILED = 1
EXIT_UNPROTECTED = 3  # `status` found a table or bucket without the protection it must have
WAIT_DELAY_SECONDS = 20


class BackupError(Exception):
    """A failure the operator can act on: main() prints it and exits non-zero."""


@dataclass(frozen=True)
class Clients:
    dynamodb: Any
    s3: Any


def clients(session: Any | None = None) -> Clients:
    """The stage's DynamoDB and S3 clients: the app's own (created on first use), or made from
    `session` (a boto3 Session, e.g. one with an operator's profile)."""
    if session is None:
        from chalicelib.adapters.aws import client

        return Clients(client("dynamodb"), client("s3"))
    s = settings()
    return Clients(
        session.client("dynamodb", region_name=s.region, endpoint_url=s.endpoint_url),
        session.client("s3", region_name=s.region, endpoint_url=s.endpoint_url),
    )


def table_names() -> list[str]:
    from chalicelib.adapters.tables import ALL_MODELS

    return [str(model.Meta.table_name) for model in ALL_MODELS]


def bucket_names() -> list[str]:
    s = settings()
    return [s.work_bucket, s.certificates_bucket, s.public_bucket, s.papers_bucket]


def must_be_versioned() -> set[str]:
    """Buckets that hold records. The work bucket holds render requests that expire after a week
    and is unversioned by design (infra/storage.py)."""
    s = settings()
    return {s.certificates_bucket, s.public_bucket, s.papers_bucket}


def _code(err: ClientError) -> str:
    return str(err.response.get("Error", {}).get("Code", ""))


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> dt.datetime:
    """An ISO 8601 time with its offset (Bangladesh is +06:00; `Z` is UTC)."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise BackupError(f"not an ISO 8601 time: {text!r}") from None
    if moment.tzinfo is None:
        raise BackupError(f"give the time with its offset, e.g. 2026-03-01T14:30:00+06:00 (got {text!r})")
    return moment


# --- status --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableState:
    name: str
    exists: bool
    arn: str = ""
    pitr: bool = False
    latest_restorable: dt.datetime | None = None
    deletion_protection: bool = False

    @property
    def protected(self) -> bool:
        return self.exists and self.pitr and self.deletion_protection


@dataclass(frozen=True)
class BucketState:
    name: str
    exists: bool
    versioning: str = "Off"  # Enabled, Suspended, or Off (never enabled)
    object_lock: bool = False


@dataclass(frozen=True)
class Status:
    tables: list[TableState]
    buckets: list[BucketState]
    gaps: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.gaps


def table_state(c: Clients, name: str) -> TableState:
    ddb = c.dynamodb
    try:
        table = ddb.describe_table(TableName=name)["Table"]
        backups = ddb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
    except (ddb.exceptions.ResourceNotFoundException, ddb.exceptions.TableNotFoundException):
        return TableState(name, exists=False)
    pitr = backups.get("PointInTimeRecoveryDescription") or {}
    return TableState(
        name,
        exists=True,
        arn=str(table["TableArn"]),
        pitr=pitr.get("PointInTimeRecoveryStatus") == "ENABLED",
        latest_restorable=pitr.get("LatestRestorableDateTime"),
        deletion_protection=bool(table.get("DeletionProtectionEnabled")),
    )


def bucket_state(c: Clients, name: str) -> BucketState:
    try:
        versioning = str(c.s3.get_bucket_versioning(Bucket=name).get("Status", "Off"))
    except ClientError as err:
        if _code(err) == "NoSuchBucket":
            return BucketState(name, exists=False)
        raise
    try:
        lock = c.s3.get_object_lock_configuration(Bucket=name)["ObjectLockConfiguration"]
    except ClientError as err:
        if _code(err) != "ObjectLockConfigurationNotFoundError":
            raise
        lock = {}
    return BucketState(name, True, versioning, lock.get("ObjectLockEnabled") == "Enabled")


def _table_line(t: TableState) -> str:
    if not t.exists:
        return f"table {t.name}: MISSING"
    pitr = f"on (restorable to {_utc(t.latest_restorable)})" if t.pitr and t.latest_restorable else "on"
    protection = "on" if t.deletion_protection else "OFF"
    return f"table {t.name}: point-in-time recovery {pitr if t.pitr else 'OFF'}, deletion protection {protection}"


def _bucket_line(b: BucketState) -> str:
    if not b.exists:
        return f"bucket {b.name}: MISSING"
    lock = ", object lock on" if b.object_lock else ""
    needed = "" if b.name in must_be_versioned() else " (not needed: transient objects)"
    return f"bucket {b.name}: versioning {b.versioning}{lock}{needed}"


def status(c: Clients, say: Say = print) -> Status:
    """Each table's PITR and deletion protection and each bucket's versioning, with what is missing."""
    tables = [table_state(c, name) for name in table_names()]
    buckets = [bucket_state(c, name) for name in bucket_names()]
    for t in tables:
        say(_table_line(t))
    for b in buckets:
        say(_bucket_line(b))
    gaps = [f"table {t.name}" for t in tables if not t.protected]
    gaps += [f"bucket {b.name}" for b in buckets if b.name in must_be_versioned() and b.versioning != "Enabled"]
    if gaps:
        say(f"NOT PROTECTED: {len(gaps)} of {len(tables) + len(buckets)}: {', '.join(gaps)}")
    else:
        say(f"all {len(tables)} tables and {len(buckets)} buckets are protected")
    return Status(tables, buckets, gaps)


# --- snapshot ------------------------------------------------------------------------------------


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def snapshot(c: Clients, say: Say = print, now: dt.datetime | None = None) -> dict[str, str]:
    """An on-demand backup of every table, named `<table>-<UTC time>`; {table: backup ARN}."""
    when = stamp(now or dt.datetime.now(dt.UTC))
    arns: dict[str, str] = {}
    failed: list[str] = []
    for name in table_names():
        try:
            details = c.dynamodb.create_backup(TableName=name, BackupName=f"{name}-{when}")["BackupDetails"]
        except ClientError as err:
            failed.append(name)
            say(f"backup of {name} FAILED: {_code(err)}")
            continue
        arns[name] = str(details["BackupArn"])
        say(f"backup of {name}: {details['BackupArn']} ({details['BackupStatus']})")
    if failed:
        raise BackupError(f"{len(failed)} of {len(arns) + len(failed)} backups failed: {', '.join(failed)}")
    return arns


def parse_s3_url(url: str) -> tuple[str, str]:
    if not url.startswith("s3://") or not url[5:].split("/", 1)[0]:
        raise BackupError(f"not an s3://bucket/prefix address: {url!r}")
    bucket, _, prefix = url[5:].partition("/")
    return bucket, prefix.strip("/")


def export(c: Clients, url: str, say: Say = print) -> dict[str, str]:
    """ExportTableToPointInTime of every table with PITR on, all at one instant every table can
    export (the earliest of their latest restorable times), under <prefix>/<instant>/<table>.
    Exports run for minutes; their ARNs are printed to follow with `aws dynamodb describe-export`."""
    bucket, prefix = parse_s3_url(url)
    states = [table_state(c, name) for name in table_names()]
    ready = [s for s in states if s.pitr and s.latest_restorable]
    if not ready:
        raise BackupError("no table has point-in-time recovery on: nothing to export")
    instant = min(s.latest_restorable for s in ready if s.latest_restorable)
    arns: dict[str, str] = {}
    for s in states:
        if s not in ready:
            say(f"export of {s.name} skipped: point-in-time recovery is off")
            continue
        key = "/".join(p for p in (prefix, stamp(instant), s.name) if p)
        try:
            described = c.dynamodb.export_table_to_point_in_time(
                TableArn=s.arn, S3Bucket=bucket, S3Prefix=key, ExportTime=instant, ExportFormat="DYNAMODB_JSON"
            )["ExportDescription"]
        except ClientError as err:
            say(f"export of {s.name} FAILED: {_code(err)}")
            continue
        arns[s.name] = str(described["ExportArn"])
        say(f"export of {s.name} as of {_utc(instant)}: {described['ExportArn']} -> s3://{bucket}/{key}")
    if len(arns) < len(states):
        raise BackupError(f"{len(states) - len(arns)} of {len(states)} tables not exported (see above)")
    return arns


# --- restore-table -------------------------------------------------------------------------------


def scan_count(c: Clients, table: str) -> int:
    # A full, paginated Scan that counts items: right for an operator verifying a restore (it reads
    # each item once and pays for it), never on a request path (DESIGN §7: no Scan there).
    # DescribeTable's ItemCount is refreshed only about every six hours, so it cannot confirm a
    # restore that has just finished.
    pages = c.dynamodb.get_paginator("scan").paginate(TableName=table, Select="COUNT")
    return sum(int(page["Count"]) for page in pages)


def _overrides(kms_key: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"BillingModeOverride": "PAY_PER_REQUEST"}
    if kms_key:
        out["SSESpecificationOverride"] = {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": kms_key}
    return out


def _check_backup(c: Clients, table: str, backup_arn: str) -> None:
    described = c.dynamodb.describe_backup(BackupArn=backup_arn)["BackupDescription"]
    source = described.get("SourceTableDetails", {}).get("TableName")
    if source != table:
        raise BackupError(f"backup {backup_arn} is of table {source}, not {table}")


def _wait_active(c: Clients, table: str, minutes: int) -> None:
    from botocore.exceptions import WaiterError

    attempts = max(1, minutes * 60 // WAIT_DELAY_SECONDS)
    try:
        c.dynamodb.get_waiter("table_exists").wait(
            TableName=table, WaiterConfig={"Delay": WAIT_DELAY_SECONDS, "MaxAttempts": attempts}
        )
    except WaiterError:
        raise BackupError(
            f"{table} is not ACTIVE after {minutes} minutes; the restore goes on: check later with "
            f"`aws dynamodb describe-table --table-name {table}`, then count it again"
        ) from None


def restore_table(
    c: Clients,
    table: str,
    target: str,
    *,
    to_time: dt.datetime | None = None,
    backup_arn: str | None = None,
    kms_key: str | None = None,
    wait_minutes: int = 120,
    say: Say = print,
) -> int:
    """Restore `table` as of `to_time` (PITR) or from `backup_arn` into the NEW table `target`, wait
    until it is active, and return its item count."""
    if (to_time is None) == (backup_arn is None):
        raise BackupError("give exactly one of --to-time and --backup-arn")
    if target == table or table_state(c, target).exists:
        raise BackupError(f"table {target} already exists: a restore creates a new table and never overwrites one")
    if backup_arn:
        _check_backup(c, table, backup_arn)
        c.dynamodb.restore_table_from_backup(TargetTableName=target, BackupArn=backup_arn, **_overrides(kms_key))
        say(f"restoring {table} from backup {backup_arn} into {target}")
    else:
        assert to_time is not None
        c.dynamodb.restore_table_to_point_in_time(
            SourceTableName=table, TargetTableName=target, RestoreDateTime=to_time, **_overrides(kms_key)
        )
        say(f"restoring {table} as of {_utc(to_time)} into {target}")
    _wait_active(c, target, wait_minutes)
    count = scan_count(c, target)
    say(f"{target} is ACTIVE with {count} items (counted with a paginated Scan)")
    say(
        f"{target} has no point-in-time recovery, deletion protection, TTL, stream or tags yet: "
        "a restore does not carry them over (docs/backup.md)"
    )
    return count


# --- restore-object ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    version_id: str
    modified: dt.datetime
    latest: bool
    delete_marker: bool


def versions(c: Clients, bucket: str, key: str) -> list[Version]:
    """Every version and delete marker of exactly `key`, the current one first, then newest first."""
    found: list[Version] = []
    for page in c.s3.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=key):
        for kind, marker in (("Versions", False), ("DeleteMarkers", True)):
            found += [
                Version(str(v["VersionId"]), v["LastModified"], bool(v["IsLatest"]), marker)
                for v in page.get(kind, [])
                if v["Key"] == key
            ]
    return sorted(found, key=lambda v: (v.latest, v.modified), reverse=True)


def choose(found: list[Version], version_id: str | None = None, before: dt.datetime | None = None) -> Version:
    """The version to bring back: the one named, or the newest one written before `before`."""
    objects = [v for v in found if not v.delete_marker]
    if version_id is not None:
        match = next((v for v in objects if v.version_id == version_id), None)
        if match is None:
            raise BackupError(f"no object version {version_id} of that key (a delete marker cannot be restored)")
        return match
    if before is not None:
        match = next((v for v in objects if v.modified < before), None)
        if match is None:
            raise BackupError(f"no version of that key was written before {_utc(before)}")
        return match
    raise BackupError("give --version-id or --before")


def _require_versioning(c: Clients, bucket: str) -> None:
    state = bucket_state(c, bucket)
    if not state.exists:
        raise BackupError(f"bucket {bucket} does not exist")
    if state.versioning == "Off":
        raise BackupError(f"bucket {bucket} was never versioned: it keeps no earlier versions")


def restore_object(
    c: Clients,
    bucket: str,
    key: str,
    *,
    version_id: str | None = None,
    before: dt.datetime | None = None,
    say: Say = print,
) -> str:
    """Make an earlier version current again by copying it over the current one (a new version;
    nothing is deleted, which object lock would refuse anyway). Returns the current version id."""
    _require_versioning(c, bucket)
    found = versions(c, bucket, key)
    if not found:
        raise BackupError(f"s3://{bucket}/{key} has no versions")
    source = choose(found, version_id, before)
    if source.latest:
        say(f"version {source.version_id} of s3://{bucket}/{key} is already the current one: nothing copied")
        return source.version_id
    copied = c.s3.copy_object(
        Bucket=bucket,
        Key=key,
        CopySource={"Bucket": bucket, "Key": key, "VersionId": source.version_id},
        MetadataDirective="COPY",
        TaggingDirective="COPY",
        # An object-lock bucket wants a checksum with every write; S3 computes it for the copy.
        ChecksumAlgorithm="SHA256",
    )
    new = str(copied.get("VersionId"))
    say(f"copied version {source.version_id} ({_utc(source.modified)}) of s3://{bucket}/{key} over the current one")
    say(f"current version is now {new}; no version was deleted")
    if bucket == settings().certificates_bucket:
        say("issued PDFs are served by the version the certificate record names (pdf_version): see docs/backup.md")
    return new


# --- command line --------------------------------------------------------------------------------


def _run_status(c: Clients, args: argparse.Namespace) -> int:
    return 0 if status(c).ok else EXIT_UNPROTECTED


def _run_snapshot(c: Clients, args: argparse.Namespace) -> int:
    snapshot(c)
    if args.export_to:
        export(c, args.export_to)
    return 0


def _run_restore_table(c: Clients, args: argparse.Namespace) -> int:
    to_time = parse_time(args.to_time) if args.to_time else None
    restore_table(
        c,
        args.table,
        args.target,
        to_time=to_time,
        backup_arn=args.backup_arn,
        kms_key=args.kms_key,
        wait_minutes=args.wait_minutes,
    )
    return 0


def _run_restore_object(c: Clients, args: argparse.Namespace) -> int:
    before = parse_time(args.before) if args.before else None
    restore_object(c, args.bucket, args.key, version_id=args.version_id, before=before)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m ops.backup", description=__doc__.splitlines()[0] if __doc__ else None)
    commands = p.add_subparsers(dest="command", required=True)
    commands.add_parser("status", help="PITR and deletion protection of every table, versioning of every bucket")
    snap = commands.add_parser("snapshot", help="an on-demand backup of every table")
    snap.add_argument("--export-to", metavar="s3://bucket/prefix", help="also export every table (needs PITR)")
    table = commands.add_parser("restore-table", help="restore a table into a new table")
    table.add_argument("--table", required=True, help="the table to restore (its full name)")
    table.add_argument("--target", required=True, help="the new table to create")
    source = table.add_mutually_exclusive_group(required=True)
    source.add_argument("--to-time", help="ISO 8601 time with offset (point-in-time recovery)")
    source.add_argument("--backup-arn", help="an on-demand backup's ARN")
    table.add_argument("--kms-key", help="KMS key ARN to encrypt the new table with (the stage's data key)")
    table.add_argument("--wait-minutes", type=int, default=120, help="how long to wait for ACTIVE (default 120)")
    obj = commands.add_parser("restore-object", help="make an earlier S3 object version current again")
    obj.add_argument("--bucket", required=True)
    obj.add_argument("--key", required=True)
    version = obj.add_mutually_exclusive_group(required=True)
    version.add_argument("--version-id", help="the version to bring back")
    version.add_argument("--before", help="bring back the newest version written before this ISO time")
    runners = {
        "status": _run_status,
        "snapshot": _run_snapshot,
        "restore-table": _run_restore_table,
        "restore-object": _run_restore_object,
    }
    for name, sub in commands.choices.items():
        sub.set_defaults(run=runners[name])
    return p


def main(argv: Sequence[str] | None = None, session: Any | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(clients(session), args))
    except BackupError as err:
        print(f"error: {err}", file=sys.stderr)
    except ClientError as err:
        message = err.response.get("Error", {}).get("Message", "")
        print(f"error: AWS refused {err.operation_name}: {_code(err)}: {message}", file=sys.stderr)
    except BotoCoreError as err:  # no credentials, no network, a bad endpoint
        print(f"error: {err}", file=sys.stderr)
    return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
