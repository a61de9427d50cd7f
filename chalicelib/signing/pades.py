"""PAdES signatures on certificate PDFs through pyHanko, with the private key in KMS.

pyHanko builds the CMS SignedData (signed attributes, certificates, the PDF byte-range digest);
only the raw ECDSA signature over the DER signed attributes comes from `sign_raw`. Baseline B-B
by default; B-T (a signature timestamp from an RFC 3161 TSA) when a TSA URL or timestamper is given.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

from asn1crypto import algos, x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

SignRaw = Callable[[bytes], bytes]

FIELD_NAME = "SonodSheba"
# Fixed room for the CMS blob when no timestamp is added: two P-256 certificates (~1 KB), signed
# attributes and a 72-byte signature fit with a wide margin. A fixed size (instead of pyHanko's
# dry-run estimate) keeps the byte layout of signed files stable from one signature to the next.
BYTES_RESERVED = 8192
_MAX_DER_P256_SIGNATURE = 72  # SEQUENCE of two INTEGERs of up to 33 bytes each


class KmsSigner(signers.Signer):
    """A pyHanko Signer whose raw signature comes from a callable (KMS Sign in production)."""

    def __init__(self, sign_raw: SignRaw, signing_cert_der: bytes, chain_der: list[bytes]):
        self._sign_raw = sign_raw
        registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]  # untyped __init__ upstream
        for der in chain_der:
            registry.register(x509.Certificate.load(der))
        super().__init__(
            signing_cert=x509.Certificate.load(signing_cert_der),
            cert_registry=registry,
            signature_mechanism=algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
            embed_roots=True,  # some validators only build a path from certificates in the file
        )

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
        if digest_algorithm != "sha256":
            raise SigningError(f"KMS key signs ECDSA_SHA_256 only, not {digest_algorithm}")
        if dry_run:  # pyHanko sizing the CMS blob: a placeholder of the largest signature size
            return bytes(_MAX_DER_P256_SIGNATURE)
        # A blocking KMS call inside the event loop is fine here: nothing else is in flight while
        # the signed attributes are signed (a TSA request, if any, starts after this returns).
        return self._sign_raw(data)


class _PdfSigner(signers.PdfSigner):
    """PdfSigner that can pin the signing time (the /M entry), for reproducible output in tests."""

    def __init__(
        self,
        meta: signers.PdfSignatureMetadata,
        signer: signers.Signer,
        timestamper: TimeStamper | None,
        signing_time: dt.datetime | None,
    ):
        self.signing_time = signing_time
        # Invisible field: what people look at is the QR; the signature is for software.
        spec = fields.SigFieldSpec(sig_field_name=meta.field_name or FIELD_NAME)
        super().__init__(meta, signer, timestamper=timestamper, new_field_spec=spec)

    def init_signing_session(self, pdf_out: BasePdfFileWriter, existing_fields_only: bool = False) -> PdfSigningSession:
        session = super().init_signing_session(pdf_out, existing_fields_only)
        if self.signing_time is not None:
            session.system_time = self.signing_time
        return session


def sign_pdf(
    pdf: bytes,
    sign_raw: SignRaw,
    signatory_cert_der: bytes,
    root_cert_der: bytes,
    *,
    tsa_url: str | None = None,
    timestamper: TimeStamper | None = None,
    signing_time: dt.datetime | None = None,
    reason: str | None = None,
    location: str | None = None,
    field_name: str = FIELD_NAME,
) -> bytes:
    """Sign `pdf` (an unsigned PDF) and return the signed PDF (an incremental update of the input).

    `tsa_url` turns on B-T with pyHanko's HTTP timestamp client; `timestamper` lets tests inject
    another (pyHanko's DummyTimeStamper). Without either the signature is PAdES B-B.
    """
    if timestamper is None and tsa_url:
        timestamper = HTTPTimeStamper(tsa_url, https=tsa_url.startswith("https:"))
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
    )
    signer = KmsSigner(sign_raw, signatory_cert_der, [signatory_cert_der, root_cert_der])
    pdf_signer = _PdfSigner(meta, signer, timestamper, signing_time)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    # A timestamp token's size is the TSA's business, so only untimestamped signatures get the
    # fixed reservation; with a TSA pyHanko measures a dry run (which fetches one token).
    out = pdf_signer.sign_pdf(writer, bytes_reserved=None if timestamper else BYTES_RESERVED, output=io.BytesIO())
    return bytes(out.getvalue())
