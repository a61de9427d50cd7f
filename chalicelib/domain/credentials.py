"""The certificate's QR credential: a CWT in a COSE_Sign1, compressed and Base45-encoded (the EU
Digital COVID Certificate's recipe), and its offline verification against a trust list and a
status list (chalicelib/domain/trustlists.py).

QR text: "SS1:" + Base45(zlib(COSE_Sign1(ES256, protected {alg, kid}, payload = CWT claims))).
The prefix names the format version; "1" means this layout.

CWT claims (RFC 8392). Standard: 1 iss = office id, 6 iat = signing time, 4 exp = end of the
expiry day in Bangladesh time (only when the type expires). Ours sit in one private-use claim
(RFC 8392 9.1: keys below -65536 are private use), -65537, whose value is a map with small keys:
    1 certificate number (normalised, no dashes)   2 type code          3 issue date (days since
    1970-01-01)   4 holder name (as printed)   5 record hash (SHA-256, 32 bytes)   6 status list id
    7 status list index
One private-use claim holding a small-keyed map pays the 5-byte private-use key once instead of
once per claim (about 20 bytes, 14 QR characters, saved). The QR must stay small: DESIGN §6 aims
at QR version 15 at error correction Q.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import urllib.parse
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import base45
import cbor2
from cryptography.hazmat.primitives.asymmetric import ec

from chalicelib.domain import codes
from chalicelib.domain.clock import BANGLADESH
from chalicelib.domain.cose import Signed, SignRaw, parse_sign1, sign1
from chalicelib.domain.revocation_lists import StatusList, bit_is_set, build_status_list, load_status_list, status_bits
from chalicelib.domain.trustlists import (
    KEYS_FORMAT,
    TRUST_FORMAT,
    ListError,
    TrustedKey,
    TrustList,
    build_trust_keys,
    build_trust_list,
    issued_by_root,
    load_trust_list,
)

# The trust and status list API lives in trustlists.py and revocation_lists.py (file size); it is
# part of this module's API.
__all__ = [
    "KEYS_FORMAT",
    "TRUST_FORMAT",
    "CertificateClaims",
    "ListError",
    "StatusList",
    "TrustList",
    "TrustedKey",
    "Verdict",
    "bit_is_set",
    "build_status_list",
    "build_trust_keys",
    "build_trust_list",
    "decode_qr",
    "encode_qr",
    "load_status_list",
    "load_trust_list",
    "record_hash",
    "status_bits",
    "verify_credential",
    "verify_qr",
    "verify_url",
]

PREFIX = "SS1:"
CLAIM_ISS, CLAIM_EXP, CLAIM_IAT = 1, 4, 6
CLAIM_SONOD = -65537
K_NUMBER, K_TYPE, K_ISSUED_ON, K_HOLDER, K_RECORD_HASH, K_LIST_ID, K_INDEX = range(1, 8)
MAX_COSE_BYTES = 4096  # far above any QR; bounds decompression of hostile input
_EPOCH_DAY = dt.date(1970, 1, 1)

VALID = "valid"
STATUSES = (
    VALID,
    "revoked",  # the status list has the certificate's bit set
    "expired",  # past the exp claim
    "unknown_kid",  # signed by a key the trust list does not know
    "retired_key",  # signed by a retired key after its retirement (valid_to)
    "key_not_yet_valid",  # signed before the key's valid_from
    "office_mismatch",  # the key belongs to another office than the claimed issuer
    "tampered",  # the signature does not verify
    "bad_format",  # not a Sonod Sheba QR, or unreadable
    "untrusted",  # the trust or status list does not verify (or the root is not the pinned one)
    "status_unavailable",  # no status list with the certificate's list id was supplied
)


class CredentialFormatError(ValueError):
    """Text that is not a well-formed Sonod Sheba QR credential."""


@dataclass(frozen=True)
class CertificateClaims:
    certificate_no: str
    type_code: str
    office_id: str
    issued_on: dt.date
    holder_name: str  # the full name as printed on the certificate
    record_hash: bytes  # record_hash() of the full certificate record
    status_list_id: str
    status_index: int
    expires_on: dt.date | None = None


RECORD_HASH_BYTES = 16


def record_hash(record: Mapping[str, Any]) -> bytes:
    """SHA-256 of the record's canonical JSON, truncated to 128 bits: sorted keys, compact
    separators, UTF-8 (no \\u escapes), dates and datetimes in ISO 8601. 128 bits keep a forged
    record out of reach (second preimage) and save 24 QR characters, which keeps the verify URL
    at QR version 15. The record is hashed as stored (no re-normalising)."""
    canonical = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_iso_default)
    return hashlib.sha256(canonical.encode("utf-8")).digest()[:RECORD_HASH_BYTES]


def _iso_default(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable in a certificate record")


def _exp(expires_on: dt.date) -> int:
    # Valid through the whole expiry day in Bangladesh: exp is the next midnight there.
    return int(dt.datetime.combine(expires_on + dt.timedelta(days=1), dt.time(), BANGLADESH).timestamp())


def to_cwt(claims: CertificateClaims, signed_at: dt.datetime) -> dict[int, Any]:
    cwt: dict[int, Any] = {
        CLAIM_ISS: claims.office_id,
        CLAIM_IAT: int(signed_at.timestamp()),
        CLAIM_SONOD: {
            K_NUMBER: codes.normalise(claims.certificate_no),
            K_TYPE: claims.type_code,
            K_ISSUED_ON: (claims.issued_on - _EPOCH_DAY).days,
            K_HOLDER: claims.holder_name,
            K_RECORD_HASH: claims.record_hash,
            K_LIST_ID: claims.status_list_id,
            K_INDEX: claims.status_index,
        },
    }
    if claims.expires_on is not None:
        cwt[CLAIM_EXP] = _exp(claims.expires_on)
    return cwt


def _typed(value: Any, kind: type) -> Any:
    if not isinstance(value, kind) or isinstance(value, bool):
        raise CredentialFormatError(f"claim has the wrong type (expected {kind.__name__})")
    return value


def from_cwt(cwt: Any) -> tuple[CertificateClaims, dt.datetime]:
    """The claims and the signing time (iat) from a decoded CWT claims map."""
    try:
        ours = _typed(cwt[CLAIM_SONOD], Mapping)
        exp = cwt.get(CLAIM_EXP)
        expires_on = None
        if exp is not None:
            expires_on = (dt.datetime.fromtimestamp(_typed(exp, int), BANGLADESH) - dt.timedelta(seconds=1)).date()
        claims = CertificateClaims(
            certificate_no=_typed(ours[K_NUMBER], str),
            type_code=_typed(ours[K_TYPE], str),
            office_id=_typed(cwt[CLAIM_ISS], str),
            issued_on=_EPOCH_DAY + dt.timedelta(days=_typed(ours[K_ISSUED_ON], int)),
            holder_name=_typed(ours[K_HOLDER], str),
            record_hash=_typed(ours[K_RECORD_HASH], bytes),
            status_list_id=_typed(ours[K_LIST_ID], str),
            status_index=_typed(ours[K_INDEX], int),
            expires_on=expires_on,
        )
        return claims, dt.datetime.fromtimestamp(_typed(cwt[CLAIM_IAT], int), dt.UTC)
    except (KeyError, IndexError, TypeError, AttributeError, OverflowError, ValueError) as exc:
        # IndexError/TypeError: a payload that is a CBOR array or a number, not a claims map.
        if isinstance(exc, CredentialFormatError):
            raise
        raise CredentialFormatError(f"incomplete claims: {exc}") from None


def encode_qr(claims: CertificateClaims, kid: bytes, sign_raw: SignRaw, *, signed_at: dt.datetime | None = None) -> str:
    """The QR text for a certificate, signed by the office key `kid` through `sign_raw`."""
    payload = cbor2.dumps(to_cwt(claims, signed_at or dt.datetime.now(dt.UTC)))
    message = sign1(payload, kid, sign_raw)
    return PREFIX + bytes(base45.b45encode(zlib.compress(message, 9))).decode("ascii")


# Base45 uses ' ' and '%', which a URL fragment cannot carry as they are (browsers turn ' ' into
# %20, and a bare '%' is ambiguous), so the URL form percent-encodes exactly those two.
_FRAGMENT_SAFE = "$*+-./:"


def verify_url(base_url: str, qr_payload: str) -> str:
    """The short verify URL: the payload goes after '#', so it never reaches the server."""
    return base_url.rstrip("/") + "/v#" + urllib.parse.quote(qr_payload, safe=_FRAGMENT_SAFE)


def payload_from_text(text: str) -> str:
    """Accept the bare "SS1:..." text or a verify URL carrying it after '#'."""
    text = text.strip()
    if not text.startswith(PREFIX) and "#" in text:
        text = urllib.parse.unquote(text.split("#", 1)[1])
    return text


def decode_qr(text: str) -> Signed:
    """Unwrap QR text into the COSE_Sign1 it carries (no signature check). Raises CredentialFormatError."""
    payload = payload_from_text(text)
    if not payload.startswith(PREFIX):
        raise CredentialFormatError("not a Sonod Sheba credential (missing SS1: prefix)")
    try:
        compressed = bytes(base45.b45decode(payload[len(PREFIX) :]))
        inflater = zlib.decompressobj()
        message = inflater.decompress(compressed, MAX_COSE_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise CredentialFormatError("credential is truncated or too large")
        return parse_sign1(message)
    except (ValueError, zlib.error) as exc:
        if isinstance(exc, CredentialFormatError):
            raise
        raise CredentialFormatError(f"unreadable credential: {exc}") from None


# --- verification -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str
    claims: CertificateClaims | None = None
    kid: bytes | None = None
    signed_at: dt.datetime | None = None
    retired_key: bool = False  # signed by a key that has since been retired (still valid)

    @property
    def ok(self) -> bool:
        return self.status == VALID


class _Refused(Exception):
    def __init__(
        self, status: str, reason: str, claims: CertificateClaims | None = None, at: dt.datetime | None = None
    ):
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.claims = claims  # set once the signature has verified, so the claims are authentic
        self.signed_at = at


StatusLookup = Callable[[str], StatusList | None]


def _public_key(key: TrustedKey) -> ec.EllipticCurvePublicKey:
    try:
        return key.public_key()
    except ValueError:  # a point off the curve, or a certificate without an EC key (ListError)
        raise _Refused("untrusted", f"key {key.kid.hex()} is not a P-256 key") from None


def _check_key(trust: TrustList, signed: Signed) -> tuple[CertificateClaims, dt.datetime, bool]:
    key = trust.keys.get(signed.kid)
    if key is None:
        raise _Refused("unknown_kid", f"key {signed.kid.hex()} is not in the trust list")
    if not issued_by_root(key, trust):
        raise _Refused("untrusted", f"key {signed.kid.hex()} is not certified by the trust list's root")
    if not signed.verify(_public_key(key)):
        raise _Refused("tampered", "the signature does not match the content")
    try:
        claims, signed_at = from_cwt(cbor2.loads(signed.payload))
    except (CredentialFormatError, cbor2.CBORDecodeError) as exc:
        raise _Refused("bad_format", f"signed content is not a certificate credential: {exc}") from None
    if claims.office_id != key.office_id:
        reason = f"key {signed.kid.hex()} belongs to {key.office_id}, not {claims.office_id}"
        raise _Refused("office_mismatch", reason, claims, signed_at)
    if key.valid_to is not None and signed_at >= key.valid_to:
        reason = f"signed {signed_at:%Y-%m-%d} by a key retired on {key.valid_to:%Y-%m-%d}"
        raise _Refused("retired_key", reason, claims, signed_at)
    if signed_at < key.valid_from:
        reason = f"signed before the key's validity began ({key.valid_from:%Y-%m-%d})"
        raise _Refused("key_not_yet_valid", reason, claims, signed_at)
    return claims, signed_at, key.valid_to is not None


def _check_status(
    claims: CertificateClaims, signed_at: dt.datetime, status_list: StatusLookup, now: dt.datetime
) -> None:
    def refuse(status: str, reason: str) -> _Refused:
        return _Refused(status, reason, claims, signed_at)

    try:
        listed = status_list(claims.status_list_id)
    except ListError as exc:
        raise refuse("untrusted", str(exc)) from None
    if listed is None:
        raise refuse("status_unavailable", f"no status list {claims.status_list_id!r} to check revocation")
    if listed.list_id != claims.status_list_id or not 0 <= claims.status_index < listed.size:
        raise refuse("untrusted", "the status list does not cover this certificate")
    if listed.is_revoked(claims.status_index):
        raise refuse("revoked", "the issuing office has revoked this certificate")
    if claims.expires_on is not None and now.timestamp() >= _exp(claims.expires_on):
        raise refuse("expired", f"expired after {claims.expires_on.isoformat()}")


def verify_credential(text: str, trust: TrustList, status_list: StatusLookup, now: dt.datetime) -> Verdict:
    """Verify QR text against an already checked trust list; `status_list(list_id)` returns the
    checked status list (or None if it is not at hand, or raises ListError if it does not verify)."""
    try:
        signed = decode_qr(text)
    except CredentialFormatError as exc:
        return Verdict("bad_format", str(exc))
    try:
        claims, signed_at, retired = _check_key(trust, signed)
        _check_status(claims, signed_at, status_list, now)
    except _Refused as refusal:
        return Verdict(refusal.status, refusal.reason, refusal.claims, signed.kid, refusal.signed_at)
    note = "valid (signed by a since-retired key, before its retirement)" if retired else "valid"
    return Verdict(VALID, note, claims, signed.kid, signed_at, retired_key=retired)


def verify_qr(
    text: str,
    trust_list_json: str | Mapping[str, Any],
    status_list_jsons: Mapping[str, str | Mapping[str, Any]],
    root_fingerprint: bytes | None,
    now: dt.datetime | None = None,
) -> Verdict:
    """Offline verification from the published JSON documents (checked here, each time). The trust
    list may be either form (full or compact): the verdicts are the same."""
    try:
        trust = load_trust_list(trust_list_json, root_fingerprint)
    except ListError as exc:
        return Verdict("untrusted", str(exc))

    def lookup(list_id: str) -> StatusList | None:
        doc = status_list_jsons.get(list_id)
        return None if doc is None else load_status_list(doc, trust)

    return verify_credential(text, trust, lookup, now or dt.datetime.now(dt.UTC))
