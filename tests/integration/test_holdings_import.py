"""`python -m ops.holdings import` (issue 14 item 1): an office's existing register with its arrears
from a CSV file; a rerun creates and doubles nothing; a bad row is reported and the rest go on."""

from __future__ import annotations

import csv
import threading
from pathlib import Path
from typing import Any

import pytest

from chalicelib.adapters import holdings as repo
from chalicelib.adapters import ledger
from chalicelib.domain.revenue.lines import LineKind
from ops import holdings as tool

SAVAR = "pourashava-savar"
HEADER = [
    "holding_number",
    "ward",
    "village",
    "owner_names",
    "phones",
    "nids",
    "shares",
    "use",
    "land_area_sqm",
    "construction_class",
    "floors",
    "arrears_2024-25_holding_tax",
    "arrears_2024-25_conservancy",
    "arrears_2025-26_holding_tax",
]
GOOD = [
    ["১/১", "১", "ব্যাংক কলোনি", "রহিম উদ্দিন;করিমা বেগম", "01711000781;", ";1234567890", "1/2;1/2", "residential", "150",
     "pucca", "80:residential:owner:;60:commercial:rented:15000", "1,200.50", "300", ""],
    ["1/2", "2", "Talbag", "Salma Akter", "", "", "", "commercial", "90", "semi_pucca", "", "", "", "750"],
    ["1/3", "2", "Talbag", "Abdul Gafur", "", "", "", "mixed", "60", "kutcha", "40:mixed:owner:", "", "", ""],
]  # fmt: skip
BAD = ["1/4", "99", "", "Nobody", "12345", "", "", "palace", "60", "kutcha", "", "", "", ""]


def write(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)
    return path


def account(number: str) -> tuple[Any, ledger.Account]:
    from chalicelib.domain.revenue.holdings import canonical_number

    holding_id = repo.number_holder(SAVAR, canonical_number(number))
    assert holding_id
    state = repo.state(holding_id)
    assert state is not None
    return state[0], state[2]


def test_import_then_rerun(aws_env: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "register.csv", [*GOOD, BAD])
    assert tool.main(["import", "--office", SAVAR, str(path)]) == 1
    out = capsys.readouterr().out
    assert "created 3, updated 0, unchanged 0, failed 1" in out
    assert "row 5: ward:" in out and "row 5: owners[0].phone:" in out and "row 5: use:" in out
    assert "Nobody" not in out and "12345" not in out  # no personal data in the report

    holding, acct = account("1/1")
    assert holding.owners[0].phone == "8801711000781" and holding.owners[1].nid == "1234567890"
    assert holding.floors[1].monthly_rent == 1_500_000
    assert {(line.line_id, line.amount, line.kind) for line in acct.lines} == {
        ("2024-25#holding_tax#1", 120_050, LineKind.ARREAR),
        ("2024-25#conservancy#1", 30_000, LineKind.ARREAR),
    }
    assert [e.ref for e in ledger.events(holding.holding_id)] == ["import-2024-25"]
    assert account("1/2")[1].lines[0].line_id == "2025-26#holding_tax#1"
    assert account("1/3")[1].version == 0  # no arrears: no ledger item

    # a rerun: nothing created, nothing doubled; one changed row updated; the bad row fixed
    fixed = [*BAD[:1], "3", "Pathantula", *BAD[3:4], "01711000782", "", "", "residential", *BAD[8:]]
    changed = [*GOOD[2][:2], "Nayarhat", *GOOD[2][3:]]
    path = write(tmp_path / "again.csv", [*GOOD[:2], changed, fixed])
    assert tool.main(["import", "--office", SAVAR, str(path)]) == 0
    assert "created 1, updated 1, unchanged 2, failed 0" in capsys.readouterr().out
    holding, again = account("1/1")
    assert again.lines == acct.lines and len(ledger.events(holding.holding_id)) == 1
    assert account("1/3")[0].village == "Nayarhat" and len(repo.history(account("1/3")[0].holding_id)) == 2


def test_bad_arrears_columns_fail_the_row_before_anything_is_written(aws_env: dict[str, Any], tmp_path: Path) -> None:
    header = [*HEADER[:11], "arrears_2024-25_palace_tax", "arrears_24-25_holding_tax", "arrears_2023-24_lighting"]
    rows = [[*GOOD[1][:11], "5", "", ""], [*GOOD[2][:11], "", "7", ""], [*GOOD[0][:11], "", "", "12.345"]]
    done = tool.import_file(SAVAR, write(tmp_path / "bad.csv", rows, header), report=lambda line: None)
    assert done.counts == {"created": 0, "updated": 0, "unchanged": 0, "failed": 3}
    assert [f[1] for f in done.failures] == ["arrears", "arrears", "arrears_2023-24_lighting"]
    assert repo.by_office(SAVAR, None, "", 10, None)[0] == []


def test_two_imports_racing_write_the_arrears_once(aws_env: dict[str, Any], tmp_path: Path) -> None:
    path = write(tmp_path / "register.csv", GOOD[:1])
    assert tool.import_file(SAVAR, path).counts["created"] == 1
    holding, _ = account("1/1")
    # the holding is there; its arrears are not yet: two runs race to write them
    from chalicelib.adapters.tables import RevenueItem

    for row in RevenueItem.query(ledger.account_pk(holding.holding_id)):
        if row.sk == "ledger" or row.sk.startswith("posting#"):
            row.delete()
    barrier = threading.Barrier(2)
    results: list[dict[str, int]] = []

    def run() -> None:
        barrier.wait()
        results.append(tool.import_file(SAVAR, path, report=lambda line: None).counts)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r["failed"] for r in results] == [0, 0]
    _, acct = account("1/1")
    assert len(acct.lines) == 2 and acct.version == 1
    assert len(ledger.events(holding.holding_id)) == 1
