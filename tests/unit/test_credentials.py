"""QR credentials, trust lists and status lists: formats, and every refusal verify_qr can give."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import zlib
from dataclasses import replace
from typing import Any

import base45
import cbor2
import pytest
from pycose.algorithms import Es384
from pycose.headers import KID, Algorithm
from pycose.messages.sign1message import Sign1Message

from chalicelib.domain import credentials as cred
from chalicelib.domain import trustlists
from chalicelib.domain.clock import BANGLADESH
from chalicelib.signing import x509 as sx
from tests import localkeys

UTC = dt.UTC
T0 = dt.datetime(2026, 1, 1, tzinfo=UTC)
SIGNED = dt.datetime(2026, 3, 1, 5, tzinfo=UTC)
NOW = dt.datetime(2026, 6, 30, tzinfo=UTC)
OFFICE = "union-30105"
CLAIMS = cred.CertificateClaims(
    certificate_no="K8HH-SXXF-W9KD-4Y",
    type_code="warish",
    office_id=OFFICE,
    issued_on=dt.date(2026, 3, 1),
    holder_name="মোছাম্মৎ রাবেয়া খাতুন",
    record_hash=hashlib.sha256(b"record").digest(),
    status_list_id="L1",
    status_index=7,
)


class Pki:
    def __init__(self) -> None:
        self.root_key = localkeys.key("cred-root")
        self.root = sx.issue_root(localkeys.spki(self.root_key), self.root_sign, not_before=T0)
        self.office_key = localkeys.key("cred-office")
        self.office = self.certify(self.office_key)

    def root_sign(self, message: bytes) -> bytes:
        return localkeys.signer(self.root_key)(message)

    def certify(self, key: Any, office: str = OFFICE) -> sx.Issued:
        return sx.issue_signatory(
            localkeys.spki(key), self.root.der, self.root_sign, office_id=office, office_name_en="X", not_before=T0
        )

    def trust(self, *keys: cred.TrustedKey, sign: Any = None) -> dict[str, Any]:
        keys = keys or (cred.TrustedKey(self.office.kid, OFFICE, self.office.der, T0),)
        return cred.build_trust_list(self.root.der, keys, NOW, sign or self.root_sign)

    def statuses(self, revoked: frozenset[int] = frozenset(), list_id: str = "L1", size: int = 131_072) -> Any:
        return {list_id: cred.build_status_list(list_id, revoked, NOW, self.root.der, self.root_sign, size)}

    def qr(self, claims: cred.CertificateClaims = CLAIMS, at: dt.datetime = SIGNED, key: Any = None) -> str:
        issued = self.office if key is None else key[0]
        sign = localkeys.signer(self.office_key if key is None else key[1])
        return cred.encode_qr(claims, issued.kid, sign, signed_at=at)

    def verify(self, qr: str, trust: Any = None, statuses: Any = None, now: dt.datetime = NOW) -> cred.Verdict:
        trust = self.trust() if trust is None else trust
        statuses = self.statuses() if statuses is None else statuses
        return cred.verify_qr(qr, trust, statuses, hashlib.sha256(self.root.der).digest(), now)


@pytest.fixture(scope="module")
def pki() -> Pki:
    return Pki()


def test_record_hash_is_canonical_json() -> None:
    record = {"b": "রাবেয়া", "a": {"y": 1, "x": dt.date(2026, 3, 1)}}
    reordered = {"a": {"x": dt.date(2026, 3, 1), "y": 1}, "b": "রাবেয়া"}
    expected = hashlib.sha256('{"a":{"x":"2026-03-01","y":1},"b":"রাবেয়া"}'.encode()).digest()[:16]
    assert cred.record_hash(record) == cred.record_hash(reordered) == expected
    with pytest.raises(TypeError):
        cred.record_hash({"x": {1, 2}})


def test_qr_round_trip_and_cwt_layout(pki: Pki) -> None:
    claims = replace(CLAIMS, expires_on=dt.date(2026, 5, 31))
    text = pki.qr(claims)
    assert text.startswith("SS1:")
    assert set(text[4:]) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")  # QR alphanumeric
    signed = cred.decode_qr(text)
    assert signed.kid == pki.office.kid
    cwt = cbor2.loads(signed.payload)
    assert set(cwt) == {1, 4, 6, -65537}
    assert cwt[1] == OFFICE and cwt[6] == int(SIGNED.timestamp())
    assert cwt[4] == int(dt.datetime(2026, 6, 1, tzinfo=BANGLADESH).timestamp())  # end of 31 May in Dhaka
    assert set(cwt[-65537]) == set(range(1, 8))
    assert cwt[-65537][1] == "K8HHSXXFW9KD4Y"  # normalised: no dashes
    decoded, at = cred.from_cwt(cwt)
    assert decoded == replace(claims, certificate_no="K8HHSXXFW9KD4Y") and at == SIGNED


def test_verify_url_keeps_the_payload_in_the_fragment(pki: Pki) -> None:
    text = pki.qr()
    url = cred.verify_url("https://sonodsheba.gov.bd/", text)
    server_part, fragment = url.split("#", 1)
    assert server_part == "https://sonodsheba.gov.bd/v"
    assert " " not in fragment
    assert cred.payload_from_text(url) == text
    assert cred.payload_from_text(f"  {text}\n") == text


def test_status_bits_are_msb_first() -> None:
    assert cred.status_bits({0}, 16) == b"\x80\x00"
    assert cred.status_bits({9, 15}, 16) == b"\x00\x41"
    bits = cred.status_bits({5, 131_071})
    assert len(bits) == 16_384
    assert cred.bit_is_set(bits, 5) and cred.bit_is_set(bits, 131_071) and not cred.bit_is_set(bits, 6)
    with pytest.raises(IndexError):
        cred.status_bits({16}, 16)


def test_status_list_is_small_and_checks_out(pki: Pki) -> None:
    doc = pki.statuses(frozenset({3, 99_999}))["L1"]
    assert doc["format"] == "sonod-status-list/1" and doc["size"] >= 131_072
    assert len(base64.b64decode(doc["cose"])) < 300  # 16 KiB of bits, compressed
    listed = cred.load_status_list(json.dumps(doc), cred.load_trust_list(pki.trust()))
    assert listed.is_revoked(3) and listed.is_revoked(99_999) and not listed.is_revoked(4)


def test_valid_then_revoked(pki: Pki) -> None:
    assert pki.verify(pki.qr()).status == "valid"
    assert pki.verify(pki.qr(), statuses=pki.statuses(frozenset({7}))).status == "revoked"


def test_expiry_runs_to_the_end_of_the_day_in_bangladesh(pki: Pki) -> None:
    text = pki.qr(replace(CLAIMS, expires_on=dt.date(2026, 5, 31)))
    assert pki.verify(text, now=dt.datetime(2026, 5, 31, 17, 59, 59, tzinfo=UTC)).status == "valid"
    assert pki.verify(text, now=dt.datetime(2026, 5, 31, 18, 0, tzinfo=UTC)).status == "expired"


def test_key_validity_is_judged_at_signing_time(pki: Pki) -> None:
    retired = pki.trust(
        cred.TrustedKey(pki.office.kid, OFFICE, pki.office.der, T0, dt.datetime(2026, 4, 1, tzinfo=UTC))
    )
    verdict = pki.verify(pki.qr(), trust=retired)
    assert verdict.ok and verdict.retired_key
    assert pki.verify(pki.qr(at=dt.datetime(2026, 4, 2, tzinfo=UTC)), trust=retired).status == "retired_key"
    early = pki.qr(at=dt.datetime(2025, 12, 31, tzinfo=UTC))
    assert pki.verify(early).status == "key_not_yet_valid"


def test_unknown_kid_and_office_mismatch(pki: Pki) -> None:
    stranger = localkeys.key("cred-stranger")
    assert pki.verify(pki.qr(key=(pki.certify(stranger), stranger))).status == "unknown_kid"
    verdict = pki.verify(pki.qr(replace(CLAIMS, office_id="union-99999")))
    assert verdict.status == "office_mismatch" and verdict.claims is not None


def test_a_trusted_kid_whose_certificate_the_root_did_not_issue_is_untrusted(pki: Pki) -> None:
    rogue_key = localkeys.key("cred-rogue")
    rogue = sx.issue_root(localkeys.spki(rogue_key), localkeys.signer(rogue_key), not_before=T0)
    trust = pki.trust(cred.TrustedKey(rogue.kid, OFFICE, rogue.der, T0))
    assert pki.verify(pki.qr(key=(rogue, rogue_key)), trust=trust).status == "untrusted"


def test_trust_list_checks(pki: Pki) -> None:
    trust = pki.trust()
    edited_copy = {**trust, "keys": []}  # the readable copy is never what verification reads
    assert pki.verify(pki.qr(), trust=edited_copy).ok
    cose = bytearray(base64.b64decode(trust["cose"]))
    cose[-1] ^= 1
    broken = {**trust, "cose": base64.b64encode(bytes(cose)).decode()}
    assert pki.verify(pki.qr(), trust=broken).status == "untrusted"
    content = cbor2.loads(base64.b64decode(trust["content"]))
    content["issued_at"] += 1  # any change to the document breaks the hash the signature covers
    edited = {**trust, "content": base64.b64encode(cbor2.dumps(content)).decode()}
    verdict = pki.verify(pki.qr(), trust=edited)
    assert verdict.status == "untrusted" and "signed hash" in verdict.reason
    not_by_root = pki.trust(sign=localkeys.signer(pki.office_key))
    assert pki.verify(pki.qr(), trust=not_by_root).status == "untrusted"
    assert cred.verify_qr(pki.qr(), trust, pki.statuses(), None, NOW).ok  # no pin: trust on first use
    assert pki.verify(pki.qr(), trust={"format": "something-else"}).status == "untrusted"


def test_status_list_checks(pki: Pki) -> None:
    good = pki.statuses()["L1"]
    cose = bytearray(base64.b64decode(good["cose"]))
    cose[-1] ^= 1
    assert (
        pki.verify(pki.qr(), statuses={"L1": {**good, "cose": base64.b64encode(bytes(cose)).decode()}}).status
        == "untrusted"
    )
    other = pki.statuses(list_id="L2")["L2"]
    assert pki.verify(pki.qr(), statuses={"L1": other}).status == "untrusted"  # signed for another list
    assert pki.verify(pki.qr(), statuses=pki.statuses(size=4)).status == "untrusted"  # index 7 not covered
    assert pki.verify(pki.qr(), statuses={}).status == "status_unavailable"
    forged = cred.build_status_list("L1", set(), NOW, pki.root.der, localkeys.signer(pki.office_key))
    assert pki.verify(pki.qr(), statuses={"L1": forged}).status == "untrusted"


def test_tampered_payload_is_caught(pki: Pki) -> None:
    message = zlib.decompress(bytes(base45.b45decode(pki.qr()[4:])))
    doctored = message.replace(b"K8HHSXXFW9KD4Y", b"K8HHSXXFW9KD4Z")
    text = "SS1:" + bytes(base45.b45encode(zlib.compress(doctored))).decode()
    assert pki.verify(text).status == "tampered"


@pytest.mark.parametrize(
    "text",
    ["", "SS1:", "HC1:6BFOXN", "SS1:~~~", "https://sonodsheba.gov.bd/v#", "SS1:" + "A" * 30],
)
def test_garbage_is_bad_format(pki: Pki, text: str) -> None:
    assert pki.verify(text).status == "bad_format"


def test_oversized_or_foreign_cose_is_bad_format(pki: Pki) -> None:
    bomb = "SS1:" + bytes(base45.b45encode(zlib.compress(bytes(1_000_000)))).decode()
    assert pki.verify(bomb).status == "bad_format"
    es384 = Sign1Message(phdr={Algorithm: Es384, KID: pki.office.kid}, payload=b"x")
    es384.signature = bytes(96)
    text = "SS1:" + bytes(base45.b45encode(zlib.compress(es384.encode(sign=False)))).decode()
    assert pki.verify(text).status == "bad_format"
    untagged = cbor2.dumps([b"", {}, b"x", bytes(64)])
    assert pki.verify("SS1:" + bytes(base45.b45encode(zlib.compress(untagged))).decode()).status == "bad_format"


@pytest.mark.parametrize("payload", [{1: OFFICE, 6: 0}, [1, 2, 3], 7, "claims"])
def test_signed_payload_without_our_claims_is_bad_format(pki: Pki, payload: Any) -> None:
    from chalicelib.domain.cose import sign1

    message = sign1(cbor2.dumps(payload), pki.office.kid, localkeys.signer(pki.office_key))
    assert pki.verify("SS1:" + bytes(base45.b45encode(zlib.compress(message))).decode()).status == "bad_format"


def test_kid_helpers_agree() -> None:
    assert trustlists.kid_of(b"abc") == sx.kid_of(b"abc") == hashlib.sha256(b"abc").digest()[:8]
