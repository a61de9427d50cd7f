"""The committed conformance vectors (tests/vectors/) give the expected verdicts, through the
library and through the offline verifier's command line, with the full trust list and with its
compact form alike; and regenerating them changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from chalicelib.domain import credentials as cred
from tests.vectors import make_vectors

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"
SPEC: dict[str, Any] = json.loads((VECTORS / "vectors.json").read_text(encoding="utf-8"))
CASES = {case["name"]: case for case in SPEC["cases"]}
NOW = dt.datetime.fromisoformat(SPEC["now"])
PIN = bytes.fromhex(SPEC["root_fingerprint_sha256"])


FORMS = ("trust_list", "trust_keys")  # the full trust list and its compact form


def trust_doc(form: str = "trust_list") -> str:
    return (VECTORS / SPEC[form]).read_text(encoding="utf-8")


def status_docs() -> dict[str, str]:
    docs = [(VECTORS / name).read_text(encoding="utf-8") for name in SPEC["status_lists"]]
    return {json.loads(doc)["list_id"]: doc for doc in docs}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_each_vector_gets_its_expected_verdict(name: str, form: str) -> None:
    case = CASES[name]
    verdict = cred.verify_qr(case["qr"], trust_doc(form), status_docs(), PIN, NOW)
    assert verdict.status == case["expected"]["status"], verdict.reason
    assert verdict.retired_key == case["expected"]["retired_key"]
    assert verdict == cred.verify_qr(case["qr"], trust_doc(), status_docs(), PIN, NOW)  # same as the full list


def test_the_compact_vector_names_the_status_list_and_the_same_keys() -> None:
    full, compact = cred.load_trust_list(trust_doc(), PIN), cred.load_trust_list(trust_doc("trust_keys"), PIN)
    assert compact.status_lists == tuple(json.loads(doc)["list_id"] for doc in status_docs().values())
    assert set(compact.keys) == set(full.keys) and compact.root_cert_der == full.root_cert_der


def test_the_valid_vector_carries_the_published_claims() -> None:
    verdict = cred.verify_qr(CASES["valid"]["qr"], trust_doc(), status_docs(), PIN, NOW)
    published = SPEC["valid_claims"]
    assert verdict.claims is not None
    assert verdict.claims.certificate_no == published["certificate_no"]
    assert verdict.claims.holder_name == published["holder_name"]
    assert verdict.claims.record_hash.hex() == published["record_hash"]
    assert verdict.claims.issued_on.isoformat() == published["issued_on"]
    assert verdict.claims.status_index == published["status_index"]


def test_root_certificate_file_matches_the_pinned_fingerprint() -> None:
    import base64
    import hashlib

    der = base64.b64decode((VECTORS / "root_cert.b64").read_text())
    assert hashlib.sha256(der).digest() == PIN
    assert cred.load_trust_list(trust_doc(), PIN).root_cert_der == der


@pytest.mark.parametrize("form", FORMS)
def test_a_different_pin_refuses_everything(form: str) -> None:
    verdict = cred.verify_qr(CASES["valid"]["qr"], trust_doc(form), status_docs(), bytes(32), NOW)
    assert verdict.status == "untrusted"


def test_regenerating_the_vectors_reproduces_the_committed_files(tmp_path: Path) -> None:
    for path in make_vectors.write(tmp_path):
        assert path.read_bytes() == (VECTORS / path.name).read_bytes(), path.name


def run_verifier(subject: str, *extra: str, form: str = "trust_list") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable, "-m", "verifier", "verify", subject,
            "--trust-list", str(VECTORS / SPEC[form]),
            *[arg for name in SPEC["status_lists"] for arg in ("--status-list", str(VECTORS / name))],
            "--root-fingerprint", SPEC["root_fingerprint_sha256"],
            "--at", SPEC["now"],
            *extra,
        ],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("form", FORMS)
def test_command_line_accepts_the_valid_vector(form: str) -> None:
    out = run_verifier(CASES["valid"]["qr"], form=form)
    assert out.returncode == 0, out.stdout + out.stderr
    first, *rest = out.stdout.splitlines()
    assert first.startswith("VALID — warish")
    assert any(SPEC["valid_claims"]["holder_name"] in line for line in rest)


def test_command_line_accepts_the_verify_url_from_a_file(tmp_path: Path) -> None:
    text_file = tmp_path / "qr.txt"
    text_file.write_text(CASES["valid_url"]["qr"] + "\n", encoding="utf-8")
    assert run_verifier(str(text_file)).returncode == 0


@pytest.mark.parametrize("form", FORMS)
def test_command_line_refuses_the_revoked_vector(form: str) -> None:
    out = run_verifier(CASES["revoked"]["qr"], form=form)
    assert out.returncode == 1
    assert out.stdout.startswith("REVOKED — ")


def test_command_line_with_the_compact_list_prints_what_the_full_list_gives() -> None:
    for name in ("valid", "retired_key_valid", "retired_key_refused", "unknown_kid", "tampered"):
        full, compact = run_verifier(CASES[name]["qr"]), run_verifier(CASES[name]["qr"], form="trust_keys")
        assert (compact.returncode, compact.stdout) == (full.returncode, full.stdout), name


def test_command_line_without_the_status_list_cannot_call_it_valid() -> None:
    command = [sys.executable, "-m", "verifier", "verify", CASES["valid"]["qr"]]
    out = subprocess.run(
        [*command, "--trust-list", str(VECTORS / SPEC["trust_list"])],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=120,
    )  # fmt: skip
    assert out.returncode == 1
    assert out.stdout.startswith("STATUS_UNAVAILABLE")
    assert "root not pinned" in out.stderr
