"""`python -m ops.staff` on a stage without demo data: LGD's first admin, then an office roll-out
from a CSV (moto)."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

import pytest

from chalicelib.adapters import signing_keys
from ops import staff as ops_staff
from tests.integration.conftest import Api

ROWS = [
    # office_id, role, ward, username, name_bn, name_en, designation_bn
    ("union-2468", "signatory", "", "telikhal.chairman", "মোঃ নতুন", "Md. Notun", "চেয়ারম্যান"),
    ("union-2468", "ward_member", "3", "telikhal.member3", "সদস্য তিন", "Member Three", "সদস্য"),
    ("union-2468", "secretary", "", "telikhal.secretary", "সচিব", "Secretary", "সচিব"),
    ("union-2468", "secretary", "", "union-1.secretary", "আছেন", "Exists", ""),  # taken: skipped
    ("union-nowhere", "secretary", "", "nowhere.secretary", "কেউ", "Nobody", ""),  # no such office
    ("union-2468", "chairman", "", "telikhal.x", "ভুল", "Wrong role", ""),  # not a role
]


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "staff.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(ops_staff.COLUMNS)
        writer.writerows(ROWS)
    return path


def test_an_office_roll_out_from_a_csv(api: Api, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    passwords = tmp_path / "first-passwords.csv"
    code = ops_staff.main(["import", str(_csv(tmp_path)), "--passwords-out", str(passwords)])
    out = capsys.readouterr().out
    assert code == 1  # three rows failed
    assert "created 2, skipped 1 (username exists), failed 3" in out and "signing keys made 0" in out
    assert "row 2 (telikhal.chairman): seat_taken" in out  # Telikhal has a chairman: not unseated by accident
    assert "row 6 (nowhere.secretary): not_found" in out and "row 7 (telikhal.x): validation_failed" in out
    assert "মোঃ নতুন" not in out and "Md. Notun" not in out  # names are personal data
    assert stat.S_IMODE(passwords.stat().st_mode) == 0o600
    issued = dict(list(csv.reader(passwords.open(encoding="utf-8")))[1:])
    assert set(issued) == {"telikhal.member3", "telikhal.secretary"}
    assert signing_keys.current("telikhal.member3") is None  # the chairman signs every type there

    # A new term: the chairman's seat is handed over on purpose.
    replaced = tmp_path / "replaced.csv"
    args = ["import", str(_csv(tmp_path)), "--passwords-out", str(replaced), "--replace"]
    assert ops_staff.main(args) == 1  # the two bad rows again
    out = capsys.readouterr().out
    assert "created 1, skipped 3 (username exists), failed 2" in out and "signing keys made 1" in out
    first = dict(list(csv.reader(replaced.open(encoding="utf-8")))[1:])["telikhal.chairman"]
    token = api.first_sign_in("telikhal.chairman", first, "the new chairman's own")
    assert token
    assert (
        api.call("POST", "/v1/auth/login", {"username": "union-2468.signatory", "password": "sonod-demo-2026"})[0]
        == 401
    )
    key = signing_keys.current("telikhal.chairman")
    _, trust = api.call("GET", "/v1/trust-list")
    assert key is not None and key.kid in {k["kid"] for k in trust["keys"]}  # published once, at the end
    assert ops_staff.main(["import", str(_csv(tmp_path)), "--passwords-out", str(passwords)]) == 1
    assert "exists" in capsys.readouterr().err  # never overwrites a passwords file


def test_lgds_first_admin(api: Api, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "add-national",
        "--username",
        "lgd.admin-2",
        "--role",
        "lgd_admin",
        "--name-bn",
        "প্রশাসক",
        "--name-en",
        "Admin",
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("a long first password\n"))
    assert ops_staff.main([*args, "--password-stdin"]) == 0
    lgd = api.first_sign_in("lgd.admin-2", "a long first password", "an admin's own password")
    new_admin = {
        "role": "office_admin",
        "username": "telikhal.admin",
        "password": "another long one",
        "name_bn": "প্রশাসক",
        "name_en": "Admin",
    }
    assert api.call("POST", "/v1/offices/union-2468/staff", new_admin, lgd)[0] == 201

    monkeypatch.setattr("sys.stdin", io.StringIO("a long first password\n"))
    assert ops_staff.main([*args, "--password-stdin"]) == 1
    assert "taken" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert ops_staff.main([*args[:2], "lgd.admin-3", *args[3:], "--password-stdin"]) == 1
    assert "password" in capsys.readouterr().err
