"""`python -m ops.holdings import` fed a hostile file: a field larger than the csv module's limit,
bytes that are not UTF-8, amounts that are not finite. Each is a reported row, never a traceback
that stops the rows after it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ops import holdings as tool
from tests.integration.test_holdings_import import GOOD, HEADER, write


def test_a_huge_field_is_a_reported_row_and_the_rest_go_on(aws_env: dict[str, Any], tmp_path: Path) -> None:
    huge = [*GOOD[1][:2], "x" * 200_000, *GOOD[1][3:]]
    path = write(tmp_path / "huge.csv", [GOOD[0], huge, GOOD[2]])
    lines: list[str] = []
    done = tool.import_file("pourashava-savar", path, lines.append)
    assert done.counts["created"] == 2 and done.counts["failed"] == 1, (done, lines)
    assert all("x" * 50 not in line for line in lines)


def test_bytes_that_are_not_utf8_are_a_reported_row(aws_env: dict[str, Any], tmp_path: Path) -> None:
    path = write(tmp_path / "mixed.csv", [GOOD[0]])
    with path.open("ab") as f:
        f.write(b"1/9,2,Talb\xe1g,Salma,,,,commercial,90,semi_pucca,,,,\r\n")
        f.write(",".join(GOOD[2]).encode() + b"\r\n")
    lines: list[str] = []
    done = tool.import_file("pourashava-savar", path, lines.append)
    assert done.counts["created"] == 2 and done.counts["failed"] == 1, (done, lines)


def test_amounts_that_are_not_finite_name_their_column(aws_env: dict[str, Any], tmp_path: Path) -> None:
    rows = [[*GOOD[1][:-1], value] for value in ("Infinity", "NaN", "1e40")]
    rows = [[f"8/{i}", *row[1:]] for i, row in enumerate(rows)]
    lines: list[str] = []
    done = tool.import_file("pourashava-savar", write(tmp_path / "inf.csv", rows), lines.append)
    assert done.counts["failed"] == 3, (done, lines)
    assert all(HEADER[-1] in line for line in lines), lines
