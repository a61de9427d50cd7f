"""An office's existing holdings register, with each holding's arrears, brought in from a CSV.

    python -m ops.holdings import --office OFFICE_ID FILE.csv

One row per holding, a header row naming the columns (UTF-8; digits in any script):
    holding_number      as the office writes it ("12/3-ক"); unique in the office
    ward                the ward's number
    village             village or mahalla
    owner_names         owners' names separated by ";" (at least one)
    phones              their mobile numbers, ";"-separated in the same order (blank: none)
    nids                their NIDs, likewise (only keyed hashes are ever keys)
    shares              their shares ("1/2"), likewise
    use                 residential, commercial, industrial, institutional or mixed
    land_area_sqm       whole square metres
    construction_class  pucca, semi_pucca or kutcha (the classes the office's schedule prices)
    floors              "area:use:occupancy:rent;…", e.g. "80:residential:owner:;60:commercial:rented:15000"
                        (area in square metres, monthly rent in taka; blank: vacant land)
    arrears_<fiscal year>_<head>   unpaid tax of an earlier year in taka, e.g. arrears_2024-25_holding_tax
                        (any number of such columns; blank or 0: none)

Idempotent: a holding whose number is already registered is updated only if a field differs, else
left alone; arrears are written once per holding and fiscal year (a ledger demand with ref
"import-<fy>"), so an import cut short is simply run again. A failing row is reported (its row
number, the field and what is wrong, never a name, phone or NID) and the others go on. Prints the
counts; exits 0 when every row passed, 1 when some failed.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from chalicelib.domain.canonical import ascii_digits
from chalicelib.domain.errors import AppError
from chalicelib.domain.revenue.requests import MAX_POISHA

EXIT_FAILED = 1
ARREARS = "arrears_"
BY = "import"  # who the history and the ledger say made the change


class RowError(Exception):
    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name


@dataclass
class Imported:
    counts: dict[str, int] = field(default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0, "failed": 0})
    failures: list[tuple[int, str, str]] = field(default_factory=list)  # row, field, message


def poisha(text: str, column: str) -> int:
    """Taka as typed ("1,500", "১৫০০.৫০") as integer poisha."""
    clean = ascii_digits(text).replace(",", "").strip()
    try:
        amount = Decimal(clean or "0") * 100
    except InvalidOperation:
        raise RowError(column, "must be an amount in taka") from None
    if not amount.is_finite() or amount < 0 or amount > MAX_POISHA:
        raise RowError(column, "must be an amount in taka")
    if amount != amount.to_integral_value():
        raise RowError(column, "must be an amount in taka, to the poisha")
    return int(amount)


def _split(row: dict[str, str], column: str) -> list[str]:
    return [part.strip() for part in (row.get(column) or "").split(";")]


def _owners(row: dict[str, str]) -> list[dict[str, Any]]:
    names = [n for n in _split(row, "owner_names") if n]
    phones, nids, shares = _split(row, "phones"), _split(row, "nids"), _split(row, "shares")

    def at(values: list[str], i: int) -> str:
        return values[i] if i < len(values) else ""

    owners = []
    for i, name in enumerate(names):
        owner: dict[str, Any] = {"name": name, "share": at(shares, i)}
        owner |= {k: v for k, v in (("phone", at(phones, i)), ("nid", at(nids, i))) if v}
        owners.append(owner)
    return owners


def _floors(row: dict[str, str]) -> list[dict[str, Any]]:
    floors = []
    for i, text in enumerate(p for p in _split(row, "floors") if p):
        parts = [*text.split(":"), "", "", ""][:4]
        area, use, occupancy, rent = (p.strip() for p in parts)
        floor: dict[str, Any] = {"built_area_sqm": area, "use": use, "occupancy": occupancy}
        if rent:
            floor["monthly_rent"] = poisha(rent, f"floors[{i}].monthly_rent")
        floors.append(floor)
    return floors


def row_body(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row as the register's body (the API's POST shape)."""
    return {
        "number": (row.get("holding_number") or "").strip(),
        "ward": (row.get("ward") or "").strip(),
        "village": (row.get("village") or "").strip(),
        "owners": _owners(row),
        "use": (row.get("use") or "").strip(),
        "land_area_sqm": (row.get("land_area_sqm") or "").strip(),
        "construction_class": (row.get("construction_class") or "").strip(),
        "floors": _floors(row),
    }


def row_arrears(row: dict[str, str]) -> dict[str, dict[str, int]]:
    """The arrears_<fy>_<head> columns: fiscal year -> head -> poisha."""
    out: dict[str, dict[str, int]] = {}
    for column, value in row.items():
        if not column or not column.startswith(ARREARS) or not (value or "").strip():
            continue
        fiscal_year, _, head = column.removeprefix(ARREARS).partition("_")
        amount = poisha(value, column)
        if amount:
            out.setdefault(fiscal_year, {})[head] = amount
    return out


def _one(office: Any, row: dict[str, str]) -> str:
    from chalicelib.services import holdings

    try:
        return holdings.import_holding(office, row_body(row), row_arrears(row), BY)
    except ValueError as err:  # a fiscal year or head in an arrears column that is not one
        raise RowError("arrears", str(err)) from None


def _failures(err: Exception) -> list[tuple[str, str]]:
    """What went wrong with a row, field by field, in words that name no person."""
    if isinstance(err, AppError):
        return [(e.field, e.message) for e in err.errors] or [(err.code, err.detail)]
    if isinstance(err, RowError):
        return [(err.field, str(err))]
    return [("row", f"error: {type(err).__name__} (run the import again)")]


def _undecoded(text: str) -> bool:
    """Bytes that were not UTF-8 (read with surrogateescape)."""
    return any("\udc80" <= c <= "\udcff" for c in text)


def _readable(rows: Iterable[dict[str, str]]) -> Iterator[dict[str, str] | RowError]:
    """Each row, or why it could not be read (a field over the csv module's limit, bytes that were
    not UTF-8), so that one unreadable row is reported and the rows after it still go on."""
    it = iter(rows)
    while True:
        try:
            row = next(it)
        except StopIteration:
            return
        except csv.Error as err:
            yield RowError("row", f"not a CSV row ({err})")
            continue
        bad = next((k for k, v in row.items() if isinstance(v, str) and _undecoded(v)), None)
        yield RowError(str(bad), "not UTF-8 text: save the file as CSV UTF-8") if bad is not None else row


def import_rows(office_id: str, rows: Iterable[dict[str, str]], report: Callable[[str], None]) -> Imported:
    from chalicelib.services.offices import require_office

    office = require_office(office_id)
    done = Imported()
    for number, row in enumerate(_readable(rows), start=2):  # row 1 is the header
        try:
            if isinstance(row, RowError):
                raise row
            outcome = _one(office, row)
        except Exception as err:  # one bad row never stops the others; it is reported
            done.counts["failed"] += 1
            for name, message in _failures(err):
                done.failures.append((number, name, message))
                report(f"row {number}: {name}: {message}")
            continue
        done.counts[outcome] += 1
    return done


def import_file(office_id: str, path: Path, report: Callable[[str], None] = print) -> Imported:
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as f:
        return import_rows(office_id, csv.DictReader(f), report)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.holdings", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("import", help="an office's register and arrears from a CSV")
    run.add_argument("--office", required=True, help="the office's id, e.g. pourashava-savar")
    run.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    try:
        done = import_file(args.office, args.file)
    except AppError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_FAILED
    print(", ".join(f"{k} {v}" for k, v in done.counts.items()))
    return EXIT_FAILED if done.counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
