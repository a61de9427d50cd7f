"""The demo register `make run` loads (local/demo_holdings.py): fictional holdings with arrears
through the office import, and the README's demo citizen owns one in pourashava-savar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from local import demo_holdings
from tests.integration.conftest import Api


def test_demo_register_and_its_owner(api: Api, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_holdings, "PER_OFFICE", {"pourashava": 24, "union": 9})
    offices = [("pourashava-savar", "pourashava", 9), ("union-1", "union", 9)]
    done = demo_holdings.load(offices, tmp_path, today=date(2026, 12, 7))
    assert done == {
        "pourashava-savar": {"created": 24, "updated": 0, "unchanged": 0, "failed": 0},
        "union-1": {"created": 9, "updated": 0, "unchanged": 0, "failed": 0},
    }
    assert (tmp_path / "holdings-pourashava-savar.csv").read_text(encoding="utf-8").startswith("holding_number,")

    citizen = api.citizen_token(demo_holdings.DEMO_CITIZEN, papers=False)
    status, mine = api.call("GET", "/v1/me/holdings", token=citizen)
    assert status == 200 and [(i["office_id"], i["number"]) for i in mine["items"]] == [("pourashava-savar", "1/0001")]
    assessor = api.staff_token("pourashava-savar", "assessor")
    status, ward = api.call("GET", "/v1/offices/pourashava-savar/holdings?ward=1", token=assessor)
    assert status == 200 and len(ward["items"]) == 3


def test_rows_are_the_same_every_run_and_fictional() -> None:
    one = demo_holdings.rows("cc-dhaka-north", "city_corporation", 54, 300, date(2026, 12, 7))
    assert one == demo_holdings.rows("cc-dhaka-north", "city_corporation", 54, 300, date(2026, 12, 7))
    header, body = one
    assert "arrears_2025-26_holding_tax" in header and "arrears_2024-25_holding_tax" in header
    phones = [r[4] for r in body]
    assert all(p.startswith("0171100") for p in phones) and len(set(phones)) == len(phones)
    assert len({r[0] for r in body}) == 300
