"""KMS asymmetric keys for signatures: the platform root CA key and one key per office signatory.

Private keys never leave KMS; callers get the public key (DER SubjectPublicKeyInfo) and a signing
callable. Signatures are ECDSA P-256 with SHA-256, returned DER-encoded as KMS returns them (X.509,
CMS and pyHanko want DER; the COSE code converts to r||s itself).

We sign with MessageType=RAW only and let KMS hash: moto treats DIGEST as a message and hashes it
again, so DIGEST signatures made in tests and in the local stack would not verify. RAW takes at
most 4096 bytes, and everything we sign is far smaller: certificate bodies, CMS signed attributes,
QR claims, and COSE Hash Envelopes of the trust and status lists (chalicelib/domain/cose.py).
"""

from __future__ import annotations

from collections.abc import Callable

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.adapters.aws import client
from chalicelib.config import settings

KEY_SPEC = "ECC_NIST_P256"
SIGNING_ALGORITHM = "ECDSA_SHA_256"
RAW_MESSAGE_LIMIT = 4096  # KMS Sign's limit for MessageType=RAW

SignRaw = Callable[[bytes], bytes]


def create_signing_key(office_id: str, purpose: str) -> str:
    """A new ECC_NIST_P256 SIGN_VERIFY key; returns its KeyId.

    `purpose` is e.g. "root" or "signatory". The description and tags name only the office and
    the purpose: key metadata is visible to anyone with kms:DescribeKey, so no personal data.
    """
    response = client("kms").create_key(
        Description=f"Sonod Sheba {purpose} signing key ({office_id})",
        KeyUsage="SIGN_VERIFY",
        KeySpec=KEY_SPEC,
        # app and stage let IAM keep one stage's role away from another stage's keys (infra/signing.py).
        Tags=[
            {"TagKey": "app", "TagValue": "sonod-sheba"},
            {"TagKey": "stage", "TagValue": settings().stage},
            {"TagKey": "office_id", "TagValue": office_id},
            {"TagKey": "purpose", "TagValue": purpose},
        ],
    )
    return str(response["KeyMetadata"]["KeyId"])


def public_key_der(key_id: str) -> bytes:
    """The key's public half as DER SubjectPublicKeyInfo (what X.509 certificates embed)."""
    return bytes(client("kms").get_public_key(KeyId=key_id)["PublicKey"])


def sign_raw(key_id: str, message: bytes) -> bytes:
    """ECDSA-SHA256 signature (DER) over `message`; KMS does the hashing (see module docstring)."""
    if len(message) > RAW_MESSAGE_LIMIT:
        raise ValueError(f"message of {len(message)} bytes exceeds the KMS RAW limit; sign a hash envelope")
    response = client("kms").sign(KeyId=key_id, Message=message, MessageType="RAW", SigningAlgorithm=SIGNING_ALGORITHM)
    return bytes(response["Signature"])


def signer(key_id: str) -> SignRaw:
    """A `sign_raw(message) -> DER signature` callable bound to one key, for the signing code."""

    def sign(message: bytes) -> bytes:
        return sign_raw(key_id, message)

    return sign


# infra/signing.py lets the app schedule a deletion only this far ahead: time for operators to
# notice and cancel one they did not expect. Keys made for a handover that did not happen wait too.
RETIRED_KEY_DELETION_DAYS = 30


def schedule_deletion(key_id: str) -> None:
    """A retired signatory key signs nothing more: what it signed is verified with the public key
    in its certificate (trust list, PDF), never through KMS. Deleting it after the waiting period
    stops its monthly charge, so keys do not pile up with every election. KeyNotDeleted when KMS
    refuses (`refused`) or cannot be reached."""
    try:
        client("kms").schedule_key_deletion(KeyId=key_id, PendingWindowInDays=RETIRED_KEY_DELETION_DAYS)
    except ClientError as exc:
        raise KeyNotDeleted(refused=True) from exc
    except BotoCoreError as exc:
        raise KeyNotDeleted(refused=False) from exc


class KeyNotDeleted(Exception):
    """KMS refused to schedule a key's deletion (`refused`), or could not be reached."""

    def __init__(self, refused: bool):
        super().__init__("KMS refused the deletion" if refused else "KMS could not be reached")
        self.refused = refused
