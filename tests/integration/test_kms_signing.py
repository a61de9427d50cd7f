"""The signature stack against KMS (moto): keys, certificates, a PAdES-signed PDF and QR credentials,
all signed through the real adapter. moto's KMS keys are real P-256 keys, so signatures are checked
with `cryptography` against the public key — never only with kms.verify."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from moto import mock_aws
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from chalicelib.adapters import aws, kms
from chalicelib.config import settings
from chalicelib.domain import credentials as cred
from chalicelib.signing import pades
from chalicelib.signing import x509 as sx
from tests import localkeys


def _fresh_clients() -> None:
    settings.cache_clear()
    aws.client.cache_clear()


@pytest.fixture()
def kms_env() -> Iterator[None]:
    with mock_aws():
        _fresh_clients()
        yield
        _fresh_clients()


@pytest.fixture()
def pki(kms_env: None) -> dict[str, Any]:
    root_id = kms.create_signing_key("platform", "root")
    office_id = kms.create_signing_key("union-30105", "signatory")
    root = sx.issue_root(kms.public_key_der(root_id), kms.signer(root_id))
    signatory = sx.issue_signatory(
        kms.public_key_der(office_id),
        root.der,
        kms.signer(root_id),
        office_id="union-30105",
        office_name_en="Subil Union Parishad",
    )
    return {"root_id": root_id, "office_id": office_id, "root": root, "signatory": signatory}


def _public_key(der: bytes) -> ec.EllipticCurvePublicKey:
    key = serialization.load_der_public_key(der)
    assert isinstance(key, ec.EllipticCurvePublicKey)
    return key


def test_keys_are_p256_sign_verify_with_office_tags_and_no_personal_data(kms_env: None) -> None:
    key_id = kms.create_signing_key("union-30105", "signatory")
    client = aws.client("kms")
    meta = client.describe_key(KeyId=key_id)["KeyMetadata"]
    assert meta["KeySpec"] == "ECC_NIST_P256" and meta["KeyUsage"] == "SIGN_VERIFY"
    assert meta["Description"] == "Sonod Sheba signatory signing key (union-30105)"
    tags = {t["TagKey"]: t["TagValue"] for t in client.list_resource_tags(KeyId=key_id)["Tags"]}
    assert tags == {"app": "sonod-sheba", "stage": "local", "office_id": "union-30105", "purpose": "signatory"}
    assert isinstance(_public_key(kms.public_key_der(key_id)).curve, ec.SECP256R1)


def test_sign_raw_returns_a_der_signature_that_cryptography_verifies(kms_env: None) -> None:
    key_id = kms.create_signing_key("union-30105", "signatory")
    message = "সনদ".encode() * 100
    signature = kms.sign_raw(key_id, message)
    _public_key(kms.public_key_der(key_id)).verify(signature, message, ec.ECDSA(hashes.SHA256()))
    with pytest.raises(ValueError, match="RAW limit"):
        kms.sign_raw(key_id, bytes(kms.RAW_MESSAGE_LIMIT + 1))


def test_certificates_chain_to_the_kms_root(pki: dict[str, Any]) -> None:
    root = x509.load_der_x509_certificate(pki["root"].der)
    cert = x509.load_der_x509_certificate(pki["signatory"].der)
    root.verify_directly_issued_by(root)
    cert.verify_directly_issued_by(root)
    assert cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    ) == kms.public_key_der(pki["office_id"])


def test_pdf_signed_through_kms_validates_everywhere(pki: dict[str, Any], tmp_path: Path) -> None:
    signed = pades.sign_pdf(localkeys.sample_pdf(), kms.signer(pki["office_id"]), pki["signatory"].der, pki["root"].der)

    if shutil.which("pdfsig"):
        path = tmp_path / "signed.pdf"
        path.write_bytes(signed)
        out = subprocess.run(["pdfsig", "-no-ocsp", str(path)], capture_output=True, text=True, check=False).stdout
        assert "Signature is Valid" in out, out

    sig = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(pki["root"].der)])
    status = validate_pdf_signature(sig, context)
    assert status.intact and status.valid and status.trusted and status.bottom_line

    signed_attrs = sig.signer_info["signed_attrs"].untag().dump()
    signature = sig.signer_info["signature"].native
    _public_key(kms.public_key_der(pki["office_id"])).verify(signature, signed_attrs, ec.ECDSA(hashes.SHA256()))


def test_qr_trust_list_and_status_list_signed_through_kms_verify_offline(pki: dict[str, Any]) -> None:
    now = dt.datetime.now(dt.UTC)
    root_sign = kms.signer(pki["root_id"])
    trust = cred.build_trust_list(
        pki["root"].der,
        [cred.TrustedKey(pki["signatory"].kid, "union-30105", pki["signatory"].der, now - dt.timedelta(days=1))],
        now,
        root_sign,
    )
    statuses = {"2026-a": cred.build_status_list("2026-a", {3}, now, pki["root"].der, root_sign)}
    claims = cred.CertificateClaims(
        certificate_no="6MN5PJCNH01QGN",
        type_code="warish",
        office_id="union-30105",
        issued_on=now.date(),
        holder_name="রাবেয়া খাতুন",
        record_hash=cred.record_hash({"n": 1}),
        status_list_id="2026-a",
        status_index=2,
    )
    qr = cred.encode_qr(claims, pki["signatory"].kid, kms.signer(pki["office_id"]), signed_at=now)
    fingerprint = hashlib.sha256(pki["root"].der).digest()

    verdict = cred.verify_qr(qr, trust, statuses, fingerprint)
    assert verdict.status == "valid", verdict.reason
    assert verdict.claims == claims

    revoked = cred.encode_qr(
        cred.CertificateClaims(**{**claims.__dict__, "status_index": 3}),
        pki["signatory"].kid,
        kms.signer(pki["office_id"]),
        signed_at=now,
    )
    assert cred.verify_qr(revoked, trust, statuses, fingerprint).status == "revoked"


def test_a_trust_list_beyond_the_raw_limit_is_signed_through_kms(pki: dict[str, Any]) -> None:
    # A document far beyond KMS's 4 KiB RAW limit: the hash envelope keeps the signed message
    # small, so it signs under RAW (the mode moto gets right) and verifies.
    now = dt.datetime.now(dt.UTC)
    keys = []
    for n in range(8):
        key_id = kms.create_signing_key(f"union-{n}", "signatory")
        cert = sx.issue_signatory(
            kms.public_key_der(key_id), pki["root"].der, kms.signer(pki["root_id"]), office_id=f"union-{n}",
            office_name_en=f"Union {n}",
        )  # fmt: skip
        keys.append(cred.TrustedKey(cert.kid, f"union-{n}", cert.der, now))
    doc = cred.build_trust_list(pki["root"].der, keys, now, kms.signer(pki["root_id"]))
    assert len(base64.b64decode(doc["content"])) > kms.RAW_MESSAGE_LIMIT
    trust = cred.load_trust_list(doc, hashlib.sha256(pki["root"].der).digest())
    assert set(trust.keys) == {k.kid for k in keys}
