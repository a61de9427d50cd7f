"""COSE_Sign1 (RFC 9052) with ES256, signed through a `sign_raw` callable (KMS in production).

pycose builds the message and its Sig_structure; the signature comes from outside because the key
lives in KMS. KMS (like cryptography) returns DER ECDSA signatures, while COSE carries r||s as two
32-byte big-endian integers (RFC 9053 2.1), so we convert with cryptography's DSS helpers.
Verification uses cryptography directly (pycose's ES256 verify runs pure-Python ECDSA, ~10x slower).

Large documents (trust and status lists) are signed as COSE Hash Envelopes (RFC 9995): the signed
payload is the SHA-256 of the document, named in the protected header (258 payload_hash_alg = -16,
259 payload_preimage_content_type), and the document travels beside the COSE message. The message
KMS signs then stays far below its 4 KiB limit for MessageType=RAW whatever the list's size
(and RAW is the mode moto gets right; see chalicelib/adapters/kms.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from pycose.algorithms import Es256
from pycose.headers import KID, Algorithm
from pycose.messages.sign1message import Sign1Message

SignRaw = Callable[[bytes], bytes]  # message -> DER ECDSA-SHA256 signature

_P256_BYTES = 32
PAYLOAD_HASH_ALG = 258  # RFC 9995 header parameters
PAYLOAD_PREIMAGE_CONTENT_TYPE = 259
SHA_256 = -16  # COSE algorithm identifier of SHA-256 (RFC 9054)


class CoseFormatError(ValueError):
    """Not a well-formed tagged COSE_Sign1 with ES256 and a kid in the protected header."""


@dataclass(frozen=True)
class Signed:
    kid: bytes
    payload: bytes
    to_be_signed: bytes  # the Sig_structure, as the signer saw it
    signature: bytes  # r||s
    payload_hash_alg: int | None = None  # set for a hash envelope: the payload is a digest

    def covers(self, content: bytes) -> bool:
        """For a hash envelope: `content` is the document whose SHA-256 was signed."""
        return self.payload_hash_alg == SHA_256 and hashlib.sha256(content).digest() == self.payload

    def verify(self, public_key: ec.EllipticCurvePublicKey) -> bool:
        if len(self.signature) != 2 * _P256_BYTES:
            return False
        r = int.from_bytes(self.signature[:_P256_BYTES], "big")
        s = int.from_bytes(self.signature[_P256_BYTES:], "big")
        try:
            public_key.verify(encode_dss_signature(r, s), self.to_be_signed, ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            return False
        return True


def der_to_raw(der_signature: bytes) -> bytes:
    r, s = decode_dss_signature(der_signature)
    return r.to_bytes(_P256_BYTES, "big") + s.to_bytes(_P256_BYTES, "big")


def sign1(payload: bytes, kid: bytes, sign_raw: SignRaw, extra_protected: dict[int, Any] | None = None) -> bytes:
    """A tagged COSE_Sign1 over `payload`: protected header {alg: ES256, kid}, empty unprotected.

    The kid is protected (as in the EU DCC) so it cannot be swapped without breaking the signature."""
    msg = Sign1Message(phdr={Algorithm: Es256, KID: kid, **(extra_protected or {})}, payload=payload)
    msg.signature = der_to_raw(sign_raw(msg._create_sig_structure()))
    return bytes(msg.encode(tag=True, sign=False))


def sign1_hash_envelope(content: bytes, content_type: str, kid: bytes, sign_raw: SignRaw) -> bytes:
    """A COSE Hash Envelope (RFC 9995) for `content`: a COSE_Sign1 over its SHA-256."""
    headers = {PAYLOAD_HASH_ALG: SHA_256, PAYLOAD_PREIMAGE_CONTENT_TYPE: content_type}
    return sign1(hashlib.sha256(content).digest(), kid, sign_raw, headers)


def _decode(data: bytes) -> Sign1Message:
    # pycose 1.1.0's Sign1Message.decode expects cbor2 < 6, which decoded a tag's array as a list;
    # cbor2 6 makes tag contents immutable (tuple, frozendict), so unwrap the tag here and hand
    # pycose the array it expects. The protected header stays the bytes that were signed.
    top = cbor2.loads(data)
    if not isinstance(top, cbor2.CBORTag) or top.tag != Sign1Message.cbor_tag:
        raise CoseFormatError("not a tagged COSE_Sign1 (CBOR tag 18)")
    parts = list(top.value) if isinstance(top.value, list | tuple) else []
    if len(parts) != 4 or not isinstance(parts[1], Mapping):
        raise CoseFormatError("COSE_Sign1 must be an array of four items")
    parts[1] = dict(parts[1])
    return Sign1Message.from_cose_obj(parts, allow_unknown_attributes=True)


def parse_sign1(data: bytes) -> Signed:
    """Decode a tagged COSE_Sign1; checks shape and algorithm, not the signature."""
    try:
        msg = _decode(data)
    except CoseFormatError:
        raise
    except Exception as exc:  # pycose and cbor2 raise many exception types for malformed input
        raise CoseFormatError(f"not a COSE_Sign1 message: {exc}") from None
    if msg.phdr.get(Algorithm) is not Es256:
        raise CoseFormatError("COSE_Sign1 must use ES256 in the protected header")
    kid = msg.phdr.get(KID)
    if not isinstance(kid, bytes) or not kid:
        raise CoseFormatError("COSE_Sign1 has no kid in its protected header")
    if not isinstance(msg.payload, bytes) or not isinstance(msg.signature, bytes):
        raise CoseFormatError("COSE_Sign1 lacks a payload or signature")
    hash_alg = msg.phdr.get(PAYLOAD_HASH_ALG)
    return Signed(
        kid=kid,
        payload=msg.payload,
        to_be_signed=msg._create_sig_structure(),
        signature=msg.signature,
        payload_hash_alg=hash_alg if isinstance(hash_alg, int) else None,
    )
