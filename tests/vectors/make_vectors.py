"""Conformance vectors for QR credentials, trust lists (full and compact) and status lists.

    python -m tests.vectors.make_vectors        # rewrites the files next to this script

Keys come from fixed seeds (tests/localkeys.py) and sign with RFC 6979 deterministic ECDSA, and
every date is fixed, so running this again reproduces the committed files byte for byte. Only
public material is written: the root certificate, the signed lists and QR texts. The seeds are
test-only; production keys live in KMS.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import zlib
from pathlib import Path
from typing import Any

import base45

from chalicelib.domain import codes
from chalicelib.domain import credentials as cred
from chalicelib.signing import x509 as sx
from tests import localkeys

HERE = Path(__file__).resolve().parent
UTC = dt.UTC
NOW = dt.datetime(2026, 6, 30, 6, 0, tzinfo=UTC)  # the verification time the expectations assume
ROOT_FROM = dt.datetime(2025, 1, 1, tzinfo=UTC)
ROTATION = dt.datetime(2026, 1, 1, tzinfo=UTC)  # the office's signatory changed: old key retired
OFFICE = ("union-30105", "Subil Union Parishad")
LIST_ID = "2026-1"
REVOKED = {42, 1000}
BASE_URL = "https://sonodsheba.gov.bd"
EXPIRY = dt.date(2026, 5, 31)

# A realistic record (fictional person) — its hash goes into the QR, the record itself does not.
RECORD: dict[str, Any] = {
    "certificate_no": "",
    "type": "warish",
    "office_id": OFFICE[0],
    "ward": 4,
    "fields": {
        "deceased_name_bn": "মোঃ আব্দুল করিম",
        "heirs": [
            {"name_bn": "মোছাম্মৎ রাবেয়া খাতুন", "relation": "wife"},
            {"name_bn": "মোঃ রফিকুল ইসলাম", "relation": "son"},
        ],
    },
    "issued_on": "2026-03-01",
}


def certificate_no(seed: str) -> str:
    body = "".join(codes.ALPHABET[b % len(codes.ALPHABET)] for b in hashlib.sha256(seed.encode()).digest()[:13])
    return body + codes.check_char(body)


def claims(seed: str, index: int, issued_on: dt.date, **overrides: Any) -> cred.CertificateClaims:
    number = certificate_no(seed)
    base = {
        "certificate_no": number,
        "type_code": "warish",
        "office_id": OFFICE[0],
        "issued_on": issued_on,
        "holder_name": "মোছাম্মৎ রাবেয়া খাতুন",
        "record_hash": cred.record_hash({**RECORD, "certificate_no": number, "issued_on": issued_on}),
        "status_list_id": LIST_ID,
        "status_index": index,
    }
    return cred.CertificateClaims(**{**base, **overrides})


def tamper(qr: str, old: bytes, new: bytes) -> str:
    """Change one claim byte inside the signed payload, re-compress, keep the old signature."""
    assert len(old) == len(new)
    message = zlib.decompress(bytes(base45.b45decode(qr[len(cred.PREFIX) :])))
    assert message.count(old) == 1
    return cred.PREFIX + bytes(base45.b45encode(zlib.compress(message.replace(old, new), 9))).decode()


def build() -> dict[str, Any]:
    root_key = localkeys.key("vectors-root")
    root = sx.issue_root(localkeys.spki(root_key), localkeys.signer(root_key), not_before=ROOT_FROM, serial=1)
    root_sign = localkeys.signer(root_key)
    office: dict[str, Any] = {}
    for name, serial in (("old", 2), ("new", 3), ("unlisted", 4)):
        key = localkeys.key(f"vectors-office-{name}")
        cert = sx.issue_signatory(
            localkeys.spki(key), root.der, root_sign, office_id=OFFICE[0], office_name_en=OFFICE[1],
            not_before=ROOT_FROM, serial=serial,
        )  # fmt: skip
        office[name] = (cert, localkeys.signer(key))
    listed = [
        cred.TrustedKey(office["old"][0].kid, OFFICE[0], office["old"][0].der, ROOT_FROM, ROTATION),
        cred.TrustedKey(office["new"][0].kid, OFFICE[0], office["new"][0].der, ROTATION),
    ]
    trust = cred.build_trust_list(root.der, listed, NOW - dt.timedelta(hours=1), root_sign)
    # The compact form of the same list (same keys, same time): every case has the same verdict.
    trust_keys = cred.build_trust_keys(root.der, listed, NOW - dt.timedelta(hours=1), root_sign, [LIST_ID])
    status = cred.build_status_list(LIST_ID, REVOKED, NOW - dt.timedelta(hours=1), root.der, root_sign)

    def qr(key: str, c: cred.CertificateClaims, at: dt.datetime) -> str:
        cert, sign = office[key]
        return cred.encode_qr(c, cert.kid, sign, signed_at=at)

    march, june_2025, feb = (dt.datetime(2026, 3, 1, 5, tzinfo=UTC), dt.datetime(2025, 6, 1, 5, tzinfo=UTC),
                             dt.datetime(2026, 2, 1, 5, tzinfo=UTC))  # fmt: skip
    valid_claims = claims("valid", 7, march.date())
    valid = qr("new", valid_claims, march)
    number = valid_claims.certificate_no.encode()
    cases = [
        ("valid", valid, "valid", False, "current key, not revoked, no expiry"),
        ("valid_url", cred.verify_url(BASE_URL, valid), "valid", False, "the same credential as a verify URL"),
        ("tampered", tamper(valid, number, number[:-1] + b"0"), "tampered", False,
         "one byte of the certificate number changed, signature kept"),
        ("revoked", qr("new", claims("revoked", 42, march.date()), march), "revoked", False,
         "index 42 is set in the status list"),
        ("unknown_kid", qr("unlisted", claims("unknown", 8, march.date()), march), "unknown_kid", False,
         "key certified by the root but not in the trust list"),
        ("retired_key_valid", qr("old", claims("retired-ok", 9, june_2025.date()), june_2025), "valid", True,
         "signed by the since-retired key before its valid_to"),
        ("retired_key_refused", qr("old", claims("retired-late", 10, feb.date()), feb), "retired_key", False,
         "signed by the retired key after its valid_to"),
        ("expired", qr("new", claims("expired", 11, march.date(), type_code="character", expires_on=EXPIRY), march),
         "expired", False, "expires_on is before the verification time"),
        ("office_mismatch", qr("new", claims("other", 12, march.date(), office_id="union-99999"), march),
         "office_mismatch", False, "the key belongs to another office than iss"),
        ("bad_format", "SS1:NOT-BASE45-AT-ALL~", "bad_format", False, "not decodable"),
        ("receipt_valid", qr("new", claims("receipt", 13, march.date(), type_code="holding_tax_receipt",
                                           holder_name="রহিমা খাতুন"), march), "valid", False,
         "a holding tax receipt (decision 69): the same claims, the payer as holder"),
        ("receipt_cancelled", qr("new", claims("receipt-cancelled", 1000, march.date(),
                                               type_code="holding_tax_receipt", holder_name="রহিমা খাতুন"), march),
         "revoked", False, "a receipt its office cancelled: index 1000 is set (shown as cancelled)"),
    ]  # fmt: skip
    return {
        "root_cert_der_b64": base64.b64encode(root.der).decode(),
        "root_fingerprint_sha256": hashlib.sha256(root.der).hexdigest(),
        "trust_list": trust,
        "trust_keys": trust_keys,
        "status_list": status,
        "now": NOW.isoformat(),
        "valid_claims": valid_claims,
        "cases": [
            {"name": n, "qr": text, "expected": {"status": s, "retired_key": r}, "about": about}
            for n, text, s, r, about in cases
        ],
    }


def _claims_json(c: cred.CertificateClaims) -> dict[str, Any]:
    return {
        **c.__dict__,
        "issued_on": c.issued_on.isoformat(),
        "record_hash": c.record_hash.hex(),
        "expires_on": c.expires_on.isoformat() if c.expires_on else None,
    }


def write(out: Path = HERE) -> list[Path]:
    data = build()
    files = {
        "root_cert.b64": data["root_cert_der_b64"] + "\n",
        "trust_list.json": json.dumps(data["trust_list"], indent=2) + "\n",
        "trust_keys.json": json.dumps(data["trust_keys"], indent=2) + "\n",
        f"status_list_{LIST_ID}.json": json.dumps(data["status_list"], indent=2) + "\n",
        "vectors.json": json.dumps(
            {
                "about": "Sonod Sheba QR credential conformance vectors (see README.md)",
                "now": data["now"],
                "root_fingerprint_sha256": data["root_fingerprint_sha256"],
                "trust_list": "trust_list.json",
                "trust_keys": "trust_keys.json",
                "status_lists": [f"status_list_{LIST_ID}.json"],
                "valid_claims": _claims_json(data["valid_claims"]),
                "cases": data["cases"],
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
    }
    written = []
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    return written


if __name__ == "__main__":
    for path in write():
        print(path.relative_to(HERE.parent.parent))
