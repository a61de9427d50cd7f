"""Trust list (which keys sign certificates) and status lists (which certificates are revoked):
the formats and the signed envelope both share, and the trust list itself (the status list
document is built and checked in revocation_lists.py).

Each is a CBOR document signed by the platform root key as a COSE Hash Envelope (RFC 9995, see
chalicelib/domain/cose.py): the COSE_Sign1 signs the document's SHA-256, so KMS signs a small
message however many offices or revocations there are. For HTTP both travel in a JSON wrapper:
    {"format": ..., "cose": base64(COSE_Sign1), "content": base64(CBOR document), ...readable copy}
Only `cose` and `content` are read when verifying; the readable copy is for people and caches.
Offline verification needs these two documents and, ideally, the root's pinned SHA-256
fingerprint (shipped with the verifier app); without a pin the root is trusted on first use.

The trust list comes in two forms, published together: full ("sonod-trust-list/1", a certificate
per key, for agencies and PDF signatures) and compact ("sonod-trust-keys/1", only what QR checks
need, ~5x smaller, for phones; its wrapper has no readable copy; docs/decisions.md 33).

Trust list document (CBOR map, text keys — size matters little here):
    {"issued_at": int, "root": {"kid": bstr, "cert": bstr},
     "keys": [{"kid": bstr, "office_id": tstr, "cert": bstr, "valid_from": int, "valid_to": int|null}]}
Trust keys document (the compact form; a key is an array, which saves ~40 bytes of map keys each):
    {"issued_at": int, "root": {"kid": bstr, "cert": bstr}, "status_lists": [tstr, ...],
     "keys": [[kid: bstr, office_id: tstr, point: bstr, valid_from: int, valid_to: int|null]]}
  `point`: the key's compressed SEC1 point on P-256 (33 bytes: 0x02|0x03, x). The root certificate
  stays for the root pin. `status_lists`: the lists certificates may point at, for verifiers to
  fetch while online. The publisher checks each certificate against the root before dropping it.
Status list document:
    {"list_id": tstr, "size": uint, "issued_at": int, "bits": bstr (zlib of the bitstring)}
Times are NumericDate (seconds since the epoch, UTC). Bit i of a status list is bit (7 - i % 8) of
byte i // 8 — most significant bit first, as in the W3C Bitstring Status List; 1 means revoked.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import cbor2
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from chalicelib.domain.cose import CoseFormatError, Signed, SignRaw, parse_sign1, sign1_hash_envelope

TRUST_FORMAT = "sonod-trust-list/1"
KEYS_FORMAT = "sonod-trust-keys/1"
STATUS_FORMAT = "sonod-status-list/1"
# Why a certificate was revoked, as the status list says it (a category; the free text stays with the case).
REVOCATION_REASONS = ("issued_in_error", "false_information", "forged_papers", "court_order", "replaced", "other")
STATUS_LIST_SIZE = 131_072  # 16 KiB of bits; herd privacy: one list covers many certificates
MAX_STATUS_LIST_SIZE = 8 * 1024 * 1024  # refuse absurd sizes before decompressing
CBOR = "application/cbor"
POINT_BYTES = 33  # compressed SEC1 point on P-256


class ListError(ValueError):
    """A trust or status list that is malformed, or whose signature or root does not check out."""


def kid_of(cert_der: bytes) -> bytes:
    """SHA-256(certificate DER)[:8], the EU DCC's key id (also chalicelib.signing.x509.kid_of)."""
    return hashlib.sha256(cert_der).digest()[:8]


def epoch(moment: dt.datetime | None) -> int | None:
    return int(moment.timestamp()) if moment else None


def from_epoch(value: Any) -> dt.datetime:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ListError("expected a NumericDate")
    return dt.datetime.fromtimestamp(value, dt.UTC)


def iso(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).isoformat() if moment else None


def signed_wrapper(payload: Any, root_cert_der: bytes, root_sign_raw: SignRaw) -> dict[str, str]:
    """{"cose", "content"} of every list's JSON wrapper: the CBOR document and the root's hash
    envelope over it, both base64."""
    content = cbor2.dumps(payload)
    cose = sign1_hash_envelope(content, CBOR, kid_of(root_cert_der), root_sign_raw)
    return {"cose": base64.b64encode(cose).decode(), "content": base64.b64encode(content).decode()}


# --- trust list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrustedKey:
    kid: bytes
    office_id: str
    cert_der: bytes | None  # None in the compact form, which carries `point` instead
    valid_from: dt.datetime
    valid_to: dt.datetime | None = None  # set when the key is retired (new signatory)
    point: bytes | None = None  # compressed SEC1 point (compact form only)

    def public_key(self) -> ec.EllipticCurvePublicKey:
        """Raises ListError for a certificate without an EC key, ValueError for a bad point."""
        if self.cert_der is None:
            return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), self.point or b"")
        key = x509.load_der_x509_certificate(self.cert_der).public_key()
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise ListError("trusted certificate does not hold an EC key")
        return key

    def valid_at(self, moment: dt.datetime) -> bool:
        return self.valid_from <= moment and (self.valid_to is None or moment < self.valid_to)


@dataclass(frozen=True)
class TrustList:
    issued_at: dt.datetime
    root_cert_der: bytes
    keys: dict[bytes, TrustedKey]
    status_lists: tuple[str, ...] = ()  # the status lists in use (compact form only)

    @property
    def root_fingerprint(self) -> bytes:
        return hashlib.sha256(self.root_cert_der).digest()

    def root_public_key(self) -> ec.EllipticCurvePublicKey:
        key = x509.load_der_x509_certificate(self.root_cert_der).public_key()
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise ListError("root certificate does not hold an EC key")
        return key


def _ordered(keys: Iterable[TrustedKey]) -> list[TrustedKey]:
    return sorted(keys, key=lambda k: (k.office_id, k.valid_from, k.kid))


def _certificate(key: TrustedKey) -> bytes:
    if key.cert_der is None:
        raise ListError(f"key {key.kid.hex()} has no certificate for the full trust list")
    return key.cert_der


def _root_entry(root_cert_der: bytes) -> dict[str, bytes]:
    return {"kid": kid_of(root_cert_der), "cert": root_cert_der}


def build_trust_list(
    root_cert_der: bytes, keys: Iterable[TrustedKey], issued_at: dt.datetime, root_sign_raw: SignRaw
) -> dict[str, Any]:
    """The signed trust list as its JSON wrapper (what GET /v1/trust-list serves)."""
    entries = _ordered(keys)
    payload = {
        "issued_at": epoch(issued_at),
        "root": _root_entry(root_cert_der),
        "keys": [
            {
                "kid": k.kid,
                "office_id": k.office_id,
                "cert": _certificate(k),
                "valid_from": epoch(k.valid_from),
                "valid_to": epoch(k.valid_to),
            }
            for k in entries
        ],
    }
    return {
        "format": TRUST_FORMAT,
        "issued_at": iso(issued_at),
        "root": {"kid": kid_of(root_cert_der).hex(), "sha256": hashlib.sha256(root_cert_der).hexdigest()},
        **signed_wrapper(payload, root_cert_der, root_sign_raw),
        "keys": [
            {
                "kid": k.kid.hex(),
                "office_id": k.office_id,
                "valid_from": iso(k.valid_from),
                "valid_to": iso(k.valid_to),
            }
            for k in entries
        ],
    }


@functools.lru_cache(maxsize=16_384)  # ~1.5 s for a national list; a warm publisher checks new keys only
def _point_if_issued(cert_der: bytes, root_cert_der: bytes) -> bytes | None:
    """The compressed point of the certificate's P-256 key, if the root issued the certificate."""
    if not _issued_by(cert_der, x509.load_der_x509_certificate(root_cert_der)):
        return None
    key = x509.load_der_x509_certificate(cert_der).public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        return None
    return key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)


def _vouched_point(key: TrustedKey, root_cert_der: bytes) -> bytes:
    """The compact form drops the certificate, so verifiers can no longer check that the root
    issued it (the keys table is not the root key: a row written there must not become trusted)
    nor that the kid names it. The publisher checks both before the root signs the bare key."""
    if key.cert_der is None or key.kid != kid_of(key.cert_der):
        raise ListError(f"key {key.kid.hex()} lacks the certificate its kid names")
    point = _point_if_issued(key.cert_der, root_cert_der)
    if point is None:
        raise ListError(f"key {key.kid.hex()} is not a P-256 key certified by the root")
    return point


def build_trust_keys(
    root_cert_der: bytes,
    keys: Iterable[TrustedKey],
    issued_at: dt.datetime,
    root_sign_raw: SignRaw,
    status_lists: Iterable[str],
) -> dict[str, Any]:
    """The compact trust list as its JSON wrapper (GET /v1/trust-list?form=keys). The keys must
    carry their certificates; raises ListError for one the root did not issue (nothing is signed)."""
    payload = {
        "issued_at": epoch(issued_at),
        "root": _root_entry(root_cert_der),
        "status_lists": sorted(set(status_lists)),
        "keys": [
            [k.kid, k.office_id, _vouched_point(k, root_cert_der), epoch(k.valid_from), epoch(k.valid_to)]
            for k in _ordered(keys)
        ],
    }
    return {"format": KEYS_FORMAT, **signed_wrapper(payload, root_cert_der, root_sign_raw)}


def envelope(doc: str | Mapping[str, Any], *formats: str) -> tuple[str, Signed, Any]:
    """The format, the COSE message and the decoded document it signs (its hash is checked, not
    yet its signature)."""
    name = " or ".join(formats)
    try:
        wrapper = json.loads(doc) if isinstance(doc, str) else doc
        form = wrapper.get("format")
        if form not in formats:
            raise ListError(f"not a {name} document")
        signed = parse_sign1(base64.b64decode(wrapper["cose"], validate=True))
        content = base64.b64decode(wrapper["content"], validate=True)
        if not signed.covers(content):
            raise ListError(f"{form} content does not match its signed hash")
        return form, signed, cbor2.loads(content)
    except ListError:
        raise
    except (CoseFormatError, ValueError, TypeError, KeyError, AttributeError, cbor2.CBORDecodeError) as exc:
        raise ListError(f"malformed {name} document: {exc}") from None


def root_signed(signed: Signed, root_cert_der: bytes, public_key: ec.EllipticCurvePublicKey) -> bool:
    return signed.kid == kid_of(root_cert_der) and signed.verify(public_key)


def _trusted_key(entry: Any) -> TrustedKey:
    kid, cert = entry["kid"], entry["cert"]
    if not isinstance(kid, bytes) or not isinstance(cert, bytes) or kid != kid_of(cert):
        raise ListError("trust list entry's kid does not match its certificate")
    valid_to = entry["valid_to"]
    return TrustedKey(
        kid=kid,
        office_id=str(entry["office_id"]),
        cert_der=cert,
        valid_from=from_epoch(entry["valid_from"]),
        valid_to=None if valid_to is None else from_epoch(valid_to),
    )


def _compact_key(entry: Any) -> TrustedKey:
    if not isinstance(entry, list | tuple) or len(entry) != 5:
        raise ListError("trust key entry is not an array of five items")
    kid, office_id, point, valid_from, valid_to = entry
    if not isinstance(kid, bytes) or not kid or not isinstance(office_id, str):
        raise ListError("trust key entry lacks a kid or an office id")
    # The point is only parsed when a credential needs it; its shape is checked now.
    if not isinstance(point, bytes) or len(point) != POINT_BYTES or point[0] not in (2, 3):
        raise ListError("trust key entry's key is not a compressed P-256 point")
    return TrustedKey(
        kid=kid,
        office_id=office_id,
        cert_der=None,
        valid_from=from_epoch(valid_from),
        valid_to=None if valid_to is None else from_epoch(valid_to),
        point=point,
    )


def _list_ids(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ListError("status_lists is not a list of list ids")
    return tuple(value)


def _parse_trust(form: str, payload: Any) -> TrustList:
    compact = form == KEYS_FORMAT
    root_der = payload["root"]["cert"]
    if not isinstance(root_der, bytes):
        raise ListError("root certificate missing")
    return TrustList(
        issued_at=from_epoch(payload["issued_at"]),
        root_cert_der=root_der,
        keys={k.kid: k for k in map(_compact_key if compact else _trusted_key, payload["keys"])},
        status_lists=_list_ids(payload["status_lists"]) if compact else (),
    )


def load_trust_list(doc: str | Mapping[str, Any], root_fingerprint: bytes | None = None) -> TrustList:
    """Parse and check a trust list in either form (full or compact): its signature against its
    own root, and that root against the pinned fingerprint when one is given. Raises ListError."""
    form, signed, payload = envelope(doc, TRUST_FORMAT, KEYS_FORMAT)
    try:
        trust = _parse_trust(form, payload)
        root_key = trust.root_public_key()
    except ListError:
        raise
    except (ValueError, TypeError, KeyError) as exc:
        raise ListError(f"malformed trust list: {exc}") from None
    if root_fingerprint is not None and trust.root_fingerprint != root_fingerprint:
        raise ListError("trust list root does not match the pinned fingerprint")
    if not root_signed(signed, trust.root_cert_der, root_key):
        raise ListError("trust list signature does not verify against its root")
    return trust


def _issued_by(cert_der: bytes, root: x509.Certificate) -> bool:
    try:
        x509.load_der_x509_certificate(cert_der).verify_directly_issued_by(root)
    except (InvalidSignature, ValueError, TypeError):  # bad signature, issuer-name mismatch, key type
        return False
    return True


def issued_by_root(key: TrustedKey, trust: TrustList) -> bool:
    """The office certificate really is signed by the root (the list vouches for it too; this
    catches a root-signed list that carries a foreign certificate by mistake). A compact-form key
    has no certificate: the publisher made this check before signing the list."""
    if key.cert_der is None:
        return True
    return _issued_by(key.cert_der, x509.load_der_x509_certificate(trust.root_cert_der))
