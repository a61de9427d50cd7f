"""Reading a certificate PDF offline: the QR payload it carries and its PAdES signature.

The payload is read two ways. (1) From the document: the Info dictionary key /SonodShebaQR, or an
XMP property or element named SonodShebaQR (any namespace) — the renderer stores it there so that
checking needs no image decoding. (2) From the picture: page 1 rendered with poppler's `pdftoppm`
and decoded with `zbarimg`, when both tools are installed. If both are found they must agree.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chalicelib.domain.credentials import PREFIX, TrustList, payload_from_text
from chalicelib.domain.trustlists import kid_of

META_KEY = "SonodShebaQR"
_XMP_VALUE = re.compile(rb"SonodShebaQR(?:=\"([^\"]*)\"|\s*>\s*([^<]*?)\s*<)")
_TOOL_TIMEOUT = 60


def _reader(pdf: bytes) -> Any:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return PdfFileReader(io.BytesIO(pdf), strict=False)


def payloads_from_metadata(pdf: bytes) -> set[str]:
    reader = _reader(pdf)
    found: set[str] = set()
    info = reader.trailer_view.get("/Info")
    if info is not None:
        value = info.get_object().get("/" + META_KEY)
        if value is not None:
            found.add(str(value))
    metadata = reader.root.get("/Metadata")
    if metadata is not None:
        for attr, element in _XMP_VALUE.findall(metadata.get_object().data):
            found.add((attr or element).decode("utf-8", "replace"))
    return {payload_from_text(p) for p in found if p.strip()}


def can_scan_images() -> bool:
    return bool(shutil.which("pdftoppm") and shutil.which("zbarimg"))


def payloads_from_image(path: Path) -> set[str]:
    """Render page 1 and decode every QR on it; empty if the tools are missing or find nothing."""
    pdftoppm, zbarimg = shutil.which("pdftoppm"), shutil.which("zbarimg")
    if not pdftoppm or not zbarimg:
        return set()
    # Argument lists without a shell: the only outside input is the PDF's path, passed as one argv.
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "page"
        subprocess.run(  # noqa: S603
            [pdftoppm, "-r", "200", "-f", "1", "-l", "1", "-png", "-singlefile", str(path), str(prefix)],
            check=True,
            capture_output=True,
            timeout=_TOOL_TIMEOUT,
        )
        # zbarimg exits 4 when it finds no code; that is an answer, not an error.
        scan = subprocess.run(  # noqa: S603
            [zbarimg, "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(prefix.with_suffix(".png"))],
            capture_output=True,
            text=True,
            check=False,
            timeout=_TOOL_TIMEOUT,
        )
    texts = {payload_from_text(line) for line in scan.stdout.splitlines() if line.strip()}
    return {t for t in texts if t.startswith(PREFIX)}


@dataclass(frozen=True)
class PdfSignatureCheck:
    ok: bool
    detail: str
    kid: bytes | None = None


def check_signature(pdf: bytes, trust: TrustList) -> PdfSignatureCheck:
    """The last PAdES signature must be intact, valid, chain to the trust list's root, be made by
    a key in the trust list, and be followed by nothing but archival updates."""
    from asn1crypto import x509
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    signatures = _reader(pdf).embedded_signatures
    if not signatures:
        return PdfSignatureCheck(False, "the PDF carries no digital signature")
    sig = signatures[-1]
    context = ValidationContext(trust_roots=[x509.Certificate.load(trust.root_cert_der)])
    status = validate_pdf_signature(sig, context)
    kid = kid_of(sig.signer_cert.dump())
    if not (status.intact and status.valid):
        return PdfSignatureCheck(False, "the PDF was changed after it was signed", kid)
    if not status.trusted or kid not in trust.keys:
        return PdfSignatureCheck(False, "the PDF is signed by a key the trust list does not know", kid)
    # Later revisions may only add what long-term archiving adds (DSS, document timestamps); an
    # appended annotation or form value could cover printed text, so anything more is refused.
    if status.modification_level not in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES):
        return PdfSignatureCheck(False, "content was added to the PDF after it was signed", kid)
    return PdfSignatureCheck(True, f"intact, signed by trusted key {kid.hex()}", kid)
