"""Local P-256 keys standing in for KMS in unit tests, vectors and benchmarks.

Keys derive from a seed and sign with RFC 6979 deterministic ECDSA, so generated vectors are
byte-for-byte reproducible. Production keys live in KMS only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Callable

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

# Order of the P-256 group (FIPS 186-4 D.1.2.3): private scalars must lie in [1, n-1].
_P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def key(seed: str) -> ec.EllipticCurvePrivateKey:
    scalar = int.from_bytes(hashlib.sha256(seed.encode()).digest(), "big") % (_P256_ORDER - 1) + 1
    return ec.derive_private_key(scalar, ec.SECP256R1())


def spki(private_key: ec.EllipticCurvePrivateKey) -> bytes:
    return private_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def signer(private_key: ec.EllipticCurvePrivateKey) -> Callable[[bytes], bytes]:
    """A sign_raw callable with KMS's contract: message in, DER ECDSA-SHA256 signature out."""

    def sign(message: bytes) -> bytes:
        return private_key.sign(message, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))

    return sign


def sample_pdf(text: str = "Sonod Sheba test certificate") -> bytes:
    """A one-page PDF made with fpdf2 (the project's PDF library); the real renderer is elsewhere."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))  # fixed: same input bytes every run
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text=text)
    out = io.BytesIO()
    pdf.output(out)
    return out.getvalue()
