"""The offline verifier on certificate PDFs: QR from metadata and from the picture, and the PDF's
own PAdES signature (intact, trusted, same key as the QR)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import segno
from fpdf import FPDF
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from chalicelib.domain import credentials as cred
from chalicelib.signing import pades
from chalicelib.signing import x509 as sx
from tests import localkeys
from verifier import pdf as pdf_reader

ROOT = Path(__file__).resolve().parents[2]
T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
SIGNED = dt.datetime(2026, 3, 1, 5, tzinfo=dt.UTC)
XMP = (
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:ss="https://sonodsheba.gov.bd/ns/1.0/" ss:SonodShebaQR="{qr}"/>'
    "</rdf:RDF>"
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root_key, office_key, other_key = (localkeys.key(f"verifier-{n}") for n in ("root", "office", "other"))
    root_sign = localkeys.signer(root_key)
    root = sx.issue_root(localkeys.spki(root_key), root_sign, not_before=T0)
    office, other = (
        sx.issue_signatory(
            localkeys.spki(k), root.der, root_sign, office_id="union-1", office_name_en="U", not_before=T0
        )
        for k in (office_key, other_key)
    )
    keys = [cred.TrustedKey(c.kid, "union-1", c.der, T0) for c in (office, other)]
    claims = cred.CertificateClaims(
        "K8HHSXXFW9KD4Y", "warish", "union-1", SIGNED.date(), "রাবেয়া খাতুন", bytes(32), "L1", 5
    )
    qr = cred.encode_qr(claims, office.kid, localkeys.signer(office_key), signed_at=SIGNED)
    folder = tmp_path_factory.mktemp("verifier")
    (folder / "trust.json").write_text(json.dumps(cred.build_trust_list(root.der, keys, SIGNED, root_sign)))
    (folder / "keys.json").write_text(json.dumps(cred.build_trust_keys(root.der, keys, SIGNED, root_sign, ["L1"])))
    (folder / "status.json").write_text(json.dumps(cred.build_status_list("L1", set(), SIGNED, root.der, root_sign)))
    return {
        "root": root, "office": office, "office_key": office_key, "other": other, "other_key": other_key,
        "qr": qr, "folder": folder, "pin": hashlib.sha256(root.der).hexdigest(),
    }  # fmt: skip


def certificate_pdf(qr: str | None, *, picture: bool = True, xmp: bool = True) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(T0)
    if qr and xmp:
        pdf.set_xmp_metadata(XMP.format(qr=qr))
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text="Warish certificate (test)")
    if qr and picture:
        image = io.BytesIO()
        segno.make(cred.verify_url("https://sonodsheba.gov.bd", qr), error="q").save(image, kind="png", scale=4)
        image.seek(0)
        pdf.image(image, x=130, y=220, w=60)
    out = io.BytesIO()
    pdf.output(out)
    return out.getvalue()


def sign(world: dict[str, Any], pdf: bytes, key: str = "office") -> bytes:
    return pades.sign_pdf(pdf, localkeys.signer(world[f"{key}_key"]), world[key].der, world["root"].der)


def verify(world: dict[str, Any], pdf: bytes, trust: str = "trust.json") -> subprocess.CompletedProcess[str]:
    path = world["folder"] / f"cert-{hashlib.sha256(pdf).hexdigest()[:8]}.pdf"
    path.write_bytes(pdf)
    folder = world["folder"]
    return subprocess.run(
        [
            sys.executable, "-m", "verifier", "verify", str(path),
            "--trust-list", str(folder / trust), "--status-list", str(folder / "status.json"),
            "--root-fingerprint", world["pin"],
        ],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=120,
    )  # fmt: skip


def test_payload_is_read_from_xmp_and_from_the_info_dictionary(world: dict[str, Any]) -> None:
    assert pdf_reader.payloads_from_metadata(certificate_pdf(world["qr"], picture=False)) == {world["qr"]}
    writer = IncrementalPdfFileWriter(io.BytesIO(certificate_pdf(None)))
    writer.set_info(
        generic.DictionaryObject({generic.NameObject("/SonodShebaQR"): generic.TextStringObject(world["qr"])})
    )
    out = io.BytesIO()
    writer.write(out)
    assert pdf_reader.payloads_from_metadata(out.getvalue()) == {world["qr"]}


@pytest.mark.skipif(not pdf_reader.can_scan_images(), reason="pdftoppm/zbarimg not installed")
def test_payload_is_read_from_the_qr_picture(world: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "c.pdf"
    path.write_bytes(certificate_pdf(world["qr"], xmp=False))
    assert pdf_reader.payloads_from_image(path) == {world["qr"]}


@pytest.mark.parametrize("trust", ["trust.json", "keys.json"])  # the full trust list or its compact form
def test_signed_certificate_pdf_is_valid(world: dict[str, Any], trust: str) -> None:
    out = verify(world, sign(world, certificate_pdf(world["qr"])), trust)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("VALID — warish K8HH-SXXF-W9KD-4Y")
    assert "intact, signed by trusted key " + world["office"].kid.hex() in out.stdout


def test_pdf_with_only_the_picture_is_valid(world: dict[str, Any]) -> None:
    if not pdf_reader.can_scan_images():
        pytest.skip("pdftoppm/zbarimg not installed")
    assert verify(world, sign(world, certificate_pdf(world["qr"], xmp=False))).returncode == 0


def test_unsigned_pdf_is_refused(world: dict[str, Any]) -> None:
    out = verify(world, certificate_pdf(world["qr"]))
    assert out.returncode == 1
    assert out.stdout.startswith("PDF_NOT_VALID — the PDF carries no digital signature")


@pytest.mark.parametrize("trust", ["trust.json", "keys.json"])
def test_pdf_signed_by_another_key_than_its_qr_is_refused(world: dict[str, Any], trust: str) -> None:
    out = verify(world, sign(world, certificate_pdf(world["qr"]), key="other"), trust)
    assert out.returncode == 1
    assert "signed by different keys" in out.stdout


def test_pdf_changed_after_signing_is_refused(world: dict[str, Any]) -> None:
    signed = bytearray(sign(world, certificate_pdf(world["qr"])))
    at = signed.index(b"/Producer (") + len(b"/Producer (")
    signed[at] ^= 0x01
    out = verify(world, bytes(signed))
    assert out.returncode == 1 and "changed after it was signed" in out.stdout


def test_pdf_without_a_qr_is_bad_format(world: dict[str, Any]) -> None:
    out = verify(world, sign(world, certificate_pdf(None)))
    assert out.returncode == 1 and out.stdout.startswith("BAD_FORMAT")


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg not installed")
def test_picture_and_metadata_must_agree(world: dict[str, Any]) -> None:
    other_qr = cred.encode_qr(
        cred.CertificateClaims("AAAAAAAAAAAAA0", "warish", "union-1", SIGNED.date(), "X", bytes(32), "L1", 6),
        world["office"].kid,
        localkeys.signer(world["office_key"]),
        signed_at=SIGNED,
    )
    # The picture carries one credential, the metadata another.
    writer = IncrementalPdfFileWriter(io.BytesIO(certificate_pdf(world["qr"], xmp=False)))
    writer.set_info(generic.DictionaryObject({generic.NameObject("/SonodShebaQR"): generic.TextStringObject(other_qr)}))
    out_buf = io.BytesIO()
    writer.write(out_buf)
    out = verify(world, sign(world, out_buf.getvalue()))
    assert out.returncode == 1 and "disagree" in out.stdout
