"""X.509 certificates for KMS-held keys and PAdES signatures, with local keys in place of KMS.

A signed PDF must validate in poppler's pdfsig and in pyHanko (intact, valid, trusted under our
root), and its CMS signature must verify with plain `cryptography` against the signatory key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps import DummyTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from chalicelib.signing import pades
from chalicelib.signing import x509 as sx
from tests import localkeys

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
SIGNED_AT = dt.datetime(2026, 6, 30, 4, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def pki() -> dict[str, Any]:
    root_key, office_key = localkeys.key("unit-root"), localkeys.key("unit-office")
    root = sx.issue_root(localkeys.spki(root_key), localkeys.signer(root_key), not_before=START)
    signatory = sx.issue_signatory(
        localkeys.spki(office_key),
        root.der,
        localkeys.signer(root_key),
        office_id="union-30105",
        office_name_en="Subil Union Parishad",
        not_before=START,
    )
    return {"root": root, "signatory": signatory, "office_key": office_key, "root_key": root_key}


@pytest.fixture(scope="module")
def signed_pdf(pki: dict[str, Any]) -> bytes:
    return pades.sign_pdf(
        localkeys.sample_pdf(),
        localkeys.signer(pki["office_key"]),
        pki["signatory"].der,
        pki["root"].der,
        signing_time=SIGNED_AT,
    )


def validate(pdf: bytes, root_der: bytes, **kwargs: Any) -> Any:
    sig = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(root_der)])
    return validate_pdf_signature(sig, context, **kwargs)


def test_root_certificate_is_a_self_signed_ca(pki: dict[str, Any]) -> None:
    cert = x509.load_der_x509_certificate(pki["root"].der)
    cert.verify_directly_issued_by(cert)
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and constraints.value.ca and constraints.value.path_length == 0
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_cert_sign and usage.crl_sign and not usage.digital_signature
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Sonod Sheba Root CA"
    assert cert.not_valid_after_utc - cert.not_valid_before_utc >= dt.timedelta(days=365 * 20)


def test_signatory_certificate_is_issued_by_the_root_and_names_no_person(pki: dict[str, Any]) -> None:
    root = x509.load_der_x509_certificate(pki["root"].der)
    cert = x509.load_der_x509_certificate(pki["signatory"].der)
    cert.verify_directly_issued_by(root)
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign
    subject = {a.oid: a.value for a in cert.subject}
    assert subject[NameOID.COMMON_NAME] == f"Sonod Sheba signatory {sx.key_label(localkeys.spki(pki['office_key']))}"
    assert subject[NameOID.ORGANIZATION_NAME] == "Subil Union Parishad"
    assert subject[NameOID.ORGANIZATIONAL_UNIT_NAME] == "union-30105"
    aki = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value.key_identifier
    assert aki == root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    assert cert.not_valid_before_utc == START
    assert cert.not_valid_after_utc == START.replace(year=2031)
    assert cert.serial_number != root.serial_number  # random (cryptography's random_serial_number)


def test_kid_is_the_first_8_bytes_of_the_certificate_sha256(pki: dict[str, Any]) -> None:
    for issued in (pki["root"], pki["signatory"]):
        assert issued.kid == hashlib.sha256(issued.der).digest()[:8] == sx.kid_of(issued.der)


def test_signatory_validity_never_outlasts_the_root(pki: dict[str, Any]) -> None:
    late = dt.datetime(2044, 6, 1, tzinfo=dt.UTC)
    key = localkeys.key("late")
    issued = sx.issue_signatory(
        localkeys.spki(key),
        pki["root"].der,
        localkeys.signer(pki["root_key"]),
        office_id="o",
        office_name_en="O",
        not_before=late,
    )
    assert x509.load_der_x509_certificate(issued.der).not_valid_after_utc == START.replace(year=2046)


def test_only_p256_keys_are_certified(pki: dict[str, Any]) -> None:
    other = ec.generate_private_key(ec.SECP384R1())
    der = other.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    with pytest.raises(ValueError, match="P-256"):
        sx.issue_root(der, localkeys.signer(localkeys.key("x")))


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils not installed")
def test_pdfsig_says_the_signature_is_valid(signed_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed_pdf)
    out = subprocess.run(["pdfsig", "-no-ocsp", str(path)], capture_output=True, text=True, check=False).stdout
    assert "Signature is Valid" in out, out
    assert "Signature Type: ETSI.CAdES.detached" in out  # PAdES, not adbe.pkcs7.detached
    assert "Signature Field Name: SonodSheba" in out
    assert "Total document signed" in out


def test_pyhanko_finds_it_intact_valid_and_trusted(pki: dict[str, Any], signed_pdf: bytes) -> None:
    status = validate(signed_pdf, pki["root"].der)
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert status.signer_reported_dt == SIGNED_AT
    assert status.coverage.name == "ENTIRE_FILE"


def test_pyhanko_does_not_trust_another_root(pki: dict[str, Any], signed_pdf: bytes) -> None:
    stranger = localkeys.key("stranger")
    other_root = sx.issue_root(localkeys.spki(stranger), localkeys.signer(stranger), not_before=START)
    status = validate(signed_pdf, other_root.der)
    assert status.intact and status.valid and not status.trusted


def test_a_changed_byte_breaks_the_signature(pki: dict[str, Any], signed_pdf: bytes) -> None:
    doctored = bytearray(signed_pdf)
    at = doctored.index(b"/Producer (") + len(b"/Producer (")  # inside the signed range, still parseable
    doctored[at] ^= 0x01
    status = validate(bytes(doctored), pki["root"].der)
    assert not status.intact and not status.bottom_line


def test_cms_signature_verifies_with_cryptography(pki: dict[str, Any], signed_pdf: bytes) -> None:
    sig = PdfFileReader(io.BytesIO(signed_pdf)).embedded_signatures[0]
    signer_info = sig.signer_info
    # The signature covers the DER of the signed attributes as a SET OF (tag 0x31), not the
    # [0] IMPLICIT form they have inside SignerInfo (RFC 5652 5.4).
    signed_attrs = signer_info["signed_attrs"].untag().dump()
    signature = signer_info["signature"].native
    public_key = x509.load_der_x509_certificate(pki["signatory"].der).public_key()
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    public_key.verify(signature, signed_attrs, ec.ECDSA(hashes.SHA256()))  # raises if it does not verify
    embedded = {bytes(c.chosen.dump()) for c in sig.signed_data["certificates"]}
    assert embedded == {pki["signatory"].der, pki["root"].der}


def test_signing_time_and_layout_are_reproducible(pki: dict[str, Any], signed_pdf: bytes) -> None:
    again = pades.sign_pdf(
        localkeys.sample_pdf(),
        localkeys.signer(pki["office_key"]),
        pki["signatory"].der,
        pki["root"].der,
        signing_time=SIGNED_AT,
    )
    # Same size and byte ranges; only the document id and (with KMS) ECDSA's random k differ.
    assert len(again) == len(signed_pdf)
    assert again.index(b"/ByteRange") == signed_pdf.index(b"/ByteRange")


def test_non_sha256_digest_is_refused(pki: dict[str, Any]) -> None:
    import asyncio

    from pyhanko.sign.general import SigningError

    signer = pades.KmsSigner(localkeys.signer(pki["office_key"]), pki["signatory"].der, [pki["root"].der])
    with pytest.raises(SigningError):
        asyncio.run(signer.async_sign_raw(b"x", "sha512"))
    assert len(asyncio.run(signer.async_sign_raw(b"x", "sha256", dry_run=True))) == 72


def _tsa() -> tuple[Any, Any, bytes]:
    """A local TSA (certificate with the critical timeStamping EKU) for pyHanko's DummyTimeStamper,
    which only signs with RSA keys."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(START)
        .not_valid_after(START.replace(year=2036))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    der = cert.public_bytes(serialization.Encoding.DER)
    key_der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return asn1_x509.Certificate.load(der), asn1_keys.PrivateKeyInfo.load(key_der), der


def test_with_a_timestamper_the_signature_is_b_t(pki: dict[str, Any]) -> None:
    tsa_cert, tsa_key, tsa_der = _tsa()
    stamped = pades.sign_pdf(
        localkeys.sample_pdf(),
        localkeys.signer(pki["office_key"]),
        pki["signatory"].der,
        pki["root"].der,
        timestamper=DummyTimeStamper(tsa_cert, tsa_key, fixed_dt=SIGNED_AT),
    )
    ts_context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(tsa_der)])
    status = validate(stamped, pki["root"].der, ts_validation_context=ts_context)
    assert status.bottom_line
    assert status.timestamp_validity is not None and status.timestamp_validity.trusted
    assert status.timestamp_validity.timestamp == SIGNED_AT


def test_a_tsa_url_wires_pyhankos_http_timestamper(monkeypatch: pytest.MonkeyPatch, pki: dict[str, Any]) -> None:
    seen: dict[str, Any] = {}

    class Recorder(pades._PdfSigner):
        def __init__(self, meta: Any, signer: Any, timestamper: Any, signing_time: Any):
            seen["timestamper"] = timestamper
            raise RuntimeError("stop before any network I/O")

    monkeypatch.setattr(pades, "_PdfSigner", Recorder)
    with pytest.raises(RuntimeError, match="stop"):
        pades.sign_pdf(
            b"%PDF",
            localkeys.signer(pki["office_key"]),
            pki["signatory"].der,
            pki["root"].der,
            tsa_url="https://tsa.example/tsr",
        )
    from pyhanko.sign.timestamps import HTTPTimeStamper

    assert isinstance(seen["timestamper"], HTTPTimeStamper)
    assert seen["timestamper"].url == "https://tsa.example/tsr"
