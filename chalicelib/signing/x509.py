"""X.509 certificates for keys held in KMS: the platform root CA and office signatories.

The certificate structure is built with asn1crypto and its signature is made by a `sign_raw`
callable (KMS in production, a local key in tests), because the private key is never available
to build a certificate the usual way (cryptography's CertificateBuilder needs the private key).

Subjects carry no personal data: a signatory certificate names a key ("Sonod Sheba signatory
<key label>") and an office, not a person. The chairman's name is printed on the PDF, and a
new chairman gets a new key and certificate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from asn1crypto import keys, x509
from cryptography import x509 as pyca_x509

SignRaw = Callable[[bytes], bytes]  # message -> DER ECDSA-SHA256 signature

ROOT_NAME = "Sonod Sheba Root CA"
PLATFORM_ORG = "Sonod Sheba"
ROOT_YEARS = 20
SIGNATORY_YEARS = 5
_SIG_ALGO = {"algorithm": "sha256_ecdsa"}  # ECDSA with SHA-256; parameters absent (RFC 5758)


@dataclass(frozen=True)
class Issued:
    der: bytes
    kid: bytes  # first 8 bytes of SHA-256 of the DER certificate, as the EU DCC's key ids


def kid_of(cert_der: bytes) -> bytes:
    """The key id QR codes and trust lists use: SHA-256(certificate DER)[:8] (EU DCC convention)."""
    return hashlib.sha256(cert_der).digest()[:8]


def key_label(public_key_der: bytes) -> str:
    """A short non-personal label for a key: the first 4 bytes of SHA-256(SPKI) in hex.

    The certificate's own kid cannot appear in its subject (it hashes the finished certificate),
    so names use the key's fingerprint instead."""
    return hashlib.sha256(public_key_der).hexdigest()[:8].upper()


def _p256_key(public_key_der: bytes) -> Any:
    info = keys.PublicKeyInfo.load(public_key_der)
    if info.algorithm != "ec" or info.curve != ("named", "secp256r1"):
        raise ValueError("expected an EC P-256 SubjectPublicKeyInfo")
    return info


def _time(moment: dt.datetime) -> Any:
    # RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
    moment = moment.astimezone(dt.UTC).replace(microsecond=0)
    return x509.Time({"utc_time" if moment.year < 2050 else "general_time": moment})


def _add_years(moment: dt.datetime, years: int) -> dt.datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February into a non-leap year
        return moment.replace(year=moment.year + years, day=28)


def _extension(name: str, value: Any, critical: bool) -> dict[str, Any]:
    return {"extn_id": name, "critical": critical, "extn_value": value}


def _build(
    *,
    subject: Any,
    issuer: Any,
    spki: Any,
    not_before: dt.datetime,
    not_after: dt.datetime,
    serial: int | None,
    extensions: list[dict[str, Any]],
    sign_raw: SignRaw,
) -> bytes:
    tbs = x509.TbsCertificate(
        {
            "version": "v3",
            "serial_number": serial if serial is not None else pyca_x509.random_serial_number(),
            "signature": _SIG_ALGO,
            "issuer": issuer,
            "validity": {"not_before": _time(not_before), "not_after": _time(not_after)},
            "subject": subject,
            "subject_public_key_info": spki,
            "extensions": extensions,
        }
    )
    signature = sign_raw(tbs.dump())
    cert = x509.Certificate({"tbs_certificate": tbs, "signature_algorithm": _SIG_ALGO, "signature_value": signature})
    return bytes(cert.dump())


def issue_root(
    public_key_der: bytes,
    sign_raw: SignRaw,
    *,
    not_before: dt.datetime | None = None,
    years: int = ROOT_YEARS,
    serial: int | None = None,
) -> Issued:
    """Self-signed root CA certificate for the platform key (`sign_raw` signs with that same key)."""
    spki = _p256_key(public_key_der)
    start = not_before or dt.datetime.now(dt.UTC)
    name = x509.Name.build({"country_name": "BD", "organization_name": PLATFORM_ORG, "common_name": ROOT_NAME})
    der = _build(
        subject=name,
        issuer=name,
        spki=spki,
        not_before=start,
        not_after=_add_years(start, years),
        serial=serial,
        extensions=[
            _extension("basic_constraints", {"ca": True, "path_len_constraint": 0}, True),
            _extension("key_usage", x509.KeyUsage({"key_cert_sign", "crl_sign"}), True),
            _extension("key_identifier", spki.sha1, False),
        ],
        sign_raw=sign_raw,
    )
    return Issued(der, kid_of(der))


def issue_signatory(
    public_key_der: bytes,
    root_cert_der: bytes,
    root_sign_raw: SignRaw,
    *,
    office_id: str,
    office_name_en: str,
    not_before: dt.datetime | None = None,
    years: int = SIGNATORY_YEARS,
    serial: int | None = None,
) -> Issued:
    """Certificate for an office signatory key, issued (signed) by the root key.

    Validity never outlasts the root's, so a path that validates today stays well-formed."""
    spki = _p256_key(public_key_der)
    root = x509.Certificate.load(root_cert_der)
    start = not_before or dt.datetime.now(dt.UTC)
    end = min(_add_years(start, years), root.not_valid_after)
    subject = x509.Name.build(
        {
            "country_name": "BD",
            "organization_name": office_name_en,
            "organizational_unit_name": office_id,
            "common_name": f"Sonod Sheba signatory {key_label(public_key_der)}",
        }
    )
    der = _build(
        subject=subject,
        issuer=root.subject,
        spki=spki,
        not_before=start,
        not_after=end,
        serial=serial,
        extensions=[
            _extension("basic_constraints", {"ca": False}, True),
            _extension("key_usage", x509.KeyUsage({"digital_signature", "non_repudiation"}), True),
            _extension("key_identifier", spki.sha1, False),
            _extension("authority_key_identifier", {"key_identifier": root.key_identifier}, False),
        ],
        sign_raw=root_sign_raw,
    )
    return Issued(der, kid_of(der))
