"""Staff accounts on a real stage, where there is no demo data (docs/operations.md).

    python -m ops.staff add-national --username U --role lgd_admin|monitor --name-bn N --name-en N
        (the password is read from standard input: `--password-stdin`, or asked for at a terminal)
    python -m ops.staff import STAFF.csv --passwords-out NEW.csv

`add-national` makes LGD's first administrator (who then runs everything else through the API) and
its monitors. `import` loads an office roll-out's staff from a CSV with the columns
    office_id, role, ward, username, name_bn, name_en, designation_bn
Signatories and ward members go through a handover (a seat, and a KMS key where they sign); a seat
that has a holder is left alone unless `--replace` is given (a new term of office). The others are
plain accounts. Every new account gets a random first password, written with its
username to --passwords-out (created, owner-only) for handing out in person; a username that
already exists is skipped, so a failed import is simply run again. The trust list is published
once at the end. Output names rows by number and username only: names are personal data.
"""

from __future__ import annotations

import argparse
import csv
import getpass
import os
import secrets
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from chalicelib.domain.actors import OPERATOR
from chalicelib.domain.errors import AppError

COLUMNS = ("office_id", "role", "ward", "username", "name_bn", "name_en", "designation_bn")
NATIONAL_ROLES = ("lgd_admin", "monitor")
EXIT_FAILED = 1


class StaffError(Exception):
    """A failure the operator can act on: main() prints it and exits non-zero."""


@dataclass
class Imported:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # the username exists already
    failed: list[tuple[int, str, str]] = field(default_factory=list)  # row, username, problem code
    keys: int = 0


def first_password() -> str:
    return secrets.token_urlsafe(12)  # 16 characters, 72 bits


def _body(row: dict[str, str], password: str) -> dict[str, Any]:
    ward = (row.get("ward") or "").strip()
    return {
        "role": (row.get("role") or "").strip(),
        "ward": int(ward) if ward.isdigit() else None,
        "username": (row.get("username") or "").strip(),
        "password": password,
        "name_bn": row.get("name_bn") or "",
        "name_en": row.get("name_en") or "",
        "designation_bn": row.get("designation_bn") or "",
    }


class SeatTaken(Exception):
    """The seat has a holder and the import was not told to replace them."""


def _add(row: dict[str, str], password: str, replace: bool) -> bool:
    """One row through the same services the API uses; True when a signing key was made."""
    from chalicelib import services

    office_id, body = (row.get("office_id") or "").strip(), _body(row, password)
    if body["role"] in ("signatory", "ward_member"):
        if not replace and services.administration.seat_holders(office_id, body["role"], body["ward"]):
            raise SeatTaken()  # a handover would unseat them: only with --replace
        return services.administration.hand_over(OPERATOR, office_id, body, publish=False)["kid"] is not None
    services.staff.create(OPERATOR, office_id, body)
    return False


def _problem(err: Exception) -> str:
    """What went wrong with a row, in words that name no person."""
    if isinstance(err, AppError):
        return err.code
    if isinstance(err, SeatTaken):
        return "seat_taken (run with --replace to hand it over)"
    return f"error: {type(err).__name__}"  # AWS refused or failed: the row can be run again


def import_rows(rows: Sequence[dict[str, str]], record: Callable[[str, str], None], replace: bool = False) -> Imported:
    from chalicelib.adapters import accounts

    done = Imported()
    try:
        for number, row in enumerate(rows, start=2):  # row 1 is the header
            username = (row.get("username") or "").strip()
            if username and accounts.staff(username) is not None:
                done.skipped.append(username)
                continue
            password = first_password()
            try:
                done.keys += _add(row, password, replace)
            except Exception as err:  # one bad row never stops the others; it is reported
                done.failed.append((number, username, _problem(err)))
                continue
            record(username, password)
            done.created.append(username)
    finally:
        if done.keys:  # even when the run was cut short: keys already made must verify
            from chalicelib.services.publication import publish_trust_list

            publish_trust_list()
    return done


def _open_private(path: Path) -> TextIO:
    """A new file only its owner can read; never an existing one (it may hold earlier passwords)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as err:
        raise StaffError(f"{path} exists; choose a new file for the passwords") from err
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


def run_import(args: argparse.Namespace, say: Callable[[str], None]) -> int:
    with Path(args.csv).open(encoding="utf-8-sig", newline="") as source:
        reader = csv.DictReader(source)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise StaffError(f"{args.csv}: missing columns {', '.join(missing)}")
        rows = list(reader)
    with _open_private(Path(args.passwords_out)) as out:
        writer = csv.writer(out)
        writer.writerow(["username", "first_password"])
        done = import_rows(rows, lambda username, password: writer.writerow([username, password]), args.replace)
    say(f"created {len(done.created)}, skipped {len(done.skipped)} (username exists), failed {len(done.failed)}")
    say(f"signing keys made {done.keys}; passwords of the new accounts in {args.passwords_out}")
    for number, username, code in done.failed:
        say(f"row {number} ({username or 'no username'}): {code}")
    return EXIT_FAILED if done.failed else 0


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass("password for the new account: ")


def add_national(args: argparse.Namespace, say: Callable[[str], None]) -> int:
    from chalicelib.adapters import accounts
    from chalicelib.services.staff import new_account

    body = {"username": args.username, "password": _password(args), "name_bn": args.name_bn}
    try:
        account = new_account("lgd", args.role, None, {**body, "name_en": args.name_en})
    except AppError as err:
        raise StaffError("; ".join(f"{e.field}: {e.message}" for e in err.errors) or str(err)) from err
    if not accounts.create_staff(account):
        raise StaffError(f"the username {args.username} is taken")
    say(f"created {args.role} {args.username}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m ops.staff", description="Staff accounts on a real stage")
    commands = top.add_subparsers(required=True)
    national = commands.add_parser("add-national", help="an LGD admin or monitor")
    national.add_argument("--username", required=True)
    national.add_argument("--role", required=True, choices=NATIONAL_ROLES)
    national.add_argument("--name-bn", required=True)
    national.add_argument("--name-en", required=True)
    national.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    national.set_defaults(run=add_national)
    load = commands.add_parser("import", help="an office roll-out's staff from a CSV")
    load.add_argument("csv")
    load.add_argument("--passwords-out", required=True, help="a new file for the first passwords")
    load.add_argument("--replace", action="store_true", help="hand over seats that have a holder (a new term)")
    load.set_defaults(run=run_import)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args, print))
    except StaffError as err:
        print(f"error: {err}", file=sys.stderr)
    return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
