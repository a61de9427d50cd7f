"""The compact trust list (sonod-trust-keys/1): its layout, its checks, and the same verdict as the
full list (sonod-trust-list/1) for every outcome of QR verification."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import zlib
from dataclasses import replace
from typing import Any

import base45
import cbor2
import pytest
from cryptography.hazmat.primitives import serialization

from chalicelib.domain import credentials as cred
from chalicelib.domain import trustlists
from chalicelib.domain.cose import sign1_hash_envelope
from chalicelib.signing import x509 as sx
from tests import localkeys
from tests.unit.test_credentials import CLAIMS, NOW, OFFICE, T0, UTC, Pki

RETIRED = dt.datetime(2026, 4, 1, tzinfo=UTC)


class Both(Pki):
    """A Pki that publishes its keys in both forms, from the same keys."""

    def __init__(self) -> None:
        super().__init__()
        self.old_key = localkeys.key("keys-old")
        self.old = self.certify(self.old_key)
        self.stranger_key = localkeys.key("keys-stranger")
        self.stranger = self.certify(self.stranger_key)

    def listed(self) -> list[cred.TrustedKey]:
        return [
            cred.TrustedKey(self.office.kid, OFFICE, self.office.der, T0),
            cred.TrustedKey(self.old.kid, OFFICE, self.old.der, T0, RETIRED),
        ]

    def full(self) -> dict[str, Any]:
        return cred.build_trust_list(self.root.der, self.listed(), NOW, self.root_sign)

    def compact(self, keys: list[cred.TrustedKey] | None = None, sign: Any = None) -> dict[str, Any]:
        listed = self.listed() if keys is None else keys
        return cred.build_trust_keys(self.root.der, listed, NOW, sign or self.root_sign, ["L1", "L0", "L1"])

    def resign(self, payload: Any) -> dict[str, Any]:
        """A compact list with an edited document, properly signed by the root (a publisher's bug)."""
        content = cbor2.dumps(payload)
        cose = sign1_hash_envelope(content, trustlists.CBOR, self.root.kid, self.root_sign)
        return {
            "format": cred.KEYS_FORMAT,
            "cose": base64.b64encode(cose).decode(),
            "content": base64.b64encode(content).decode(),
        }


@pytest.fixture(scope="module")
def pki() -> Both:
    return Both()


def content_of(doc: dict[str, Any]) -> Any:
    return cbor2.loads(base64.b64decode(doc["content"]))


def test_layout_is_the_documented_one(pki: Both) -> None:
    doc = pki.compact()
    assert set(doc) == {"format", "cose", "content"} and doc["format"] == "sonod-trust-keys/1"  # no readable copy
    payload = content_of(doc)
    assert set(payload) == {"issued_at", "root", "status_lists", "keys"}
    assert payload["root"] == {"kid": pki.root.kid, "cert": pki.root.der}
    assert payload["status_lists"] == ["L0", "L1"]  # sorted, once each
    assert payload["issued_at"] == int(NOW.timestamp())
    current, retired = sorted(payload["keys"], key=lambda k: k[4] is not None)
    point = pki.office_key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint
    )
    assert current == [pki.office.kid, OFFICE, point, int(T0.timestamp()), None]
    assert len(current[2]) == 33 and current[2][0] in (2, 3)
    assert retired[0] == pki.old.kid and retired[4] == int(RETIRED.timestamp())


def test_loads_with_the_same_keys_root_and_times_as_the_full_list(pki: Both) -> None:
    pin = hashlib.sha256(pki.root.der).digest()
    full, compact = cred.load_trust_list(pki.full(), pin), cred.load_trust_list(pki.compact(), pin)
    assert compact.root_cert_der == full.root_cert_der and compact.issued_at == full.issued_at
    assert compact.status_lists == ("L0", "L1") and full.status_lists == ()
    assert set(compact.keys) == set(full.keys)
    for kid, key in compact.keys.items():
        twin = full.keys[kid]
        assert key.cert_der is None and key.point is not None
        assert (key.office_id, key.valid_from, key.valid_to) == (twin.office_id, twin.valid_from, twin.valid_to)
        assert key.public_key().public_numbers() == twin.public_key().public_numbers()
        assert trustlists.issued_by_root(key, compact)  # vouched for by the publisher's check


def test_is_several_times_smaller_than_the_full_list(pki: Both) -> None:
    keys = []
    for n in range(40):
        key = localkeys.key(f"keys-many-{n}")
        cert = pki.certify(key, office=f"union-{n:05d}")
        keys.append(cred.TrustedKey(cert.kid, f"union-{n:05d}", cert.der, T0))
    full = cred.build_trust_list(pki.root.der, keys, NOW, pki.root_sign)
    compact = cred.build_trust_keys(pki.root.der, keys, NOW, pki.root_sign, ["L1"])
    assert len(compact["content"]) * 4 < len(full["content"])


def _qr(pki: Both, which: str) -> str:
    old = (pki.old, pki.old_key)
    return {
        "valid": pki.qr,
        "revoked": lambda: pki.qr(replace(CLAIMS, status_index=3)),
        "retired_valid": lambda: pki.qr(key=old),
        "retired_refused": lambda: pki.qr(at=RETIRED + dt.timedelta(days=1), key=old),
        "not_yet_valid": lambda: pki.qr(at=T0 - dt.timedelta(days=1)),
        "unknown_kid": lambda: pki.qr(key=(pki.stranger, pki.stranger_key)),
        "office_mismatch": lambda: pki.qr(replace(CLAIMS, office_id="union-99999")),
        "expired": lambda: pki.qr(replace(CLAIMS, expires_on=dt.date(2026, 5, 31))),
        "tampered": lambda: _tamper(pki.qr()),
        "no_status": lambda: pki.qr(replace(CLAIMS, status_list_id="L9")),
        "garbage": lambda: "SS1:NOT-BASE45~",
    }[which]()


def _tamper(text: str) -> str:
    message = zlib.decompress(bytes(base45.b45decode(text[4:])))
    return (
        "SS1:" + bytes(base45.b45encode(zlib.compress(message.replace(b"K8HHSXXFW9KD4Y", b"K8HHSXXFW9KD4Z")))).decode()
    )


EXPECTED = {
    "valid": "valid",
    "revoked": "revoked",
    "retired_valid": "valid",
    "retired_refused": "retired_key",
    "not_yet_valid": "key_not_yet_valid",
    "unknown_kid": "unknown_kid",
    "office_mismatch": "office_mismatch",
    "expired": "expired",
    "tampered": "tampered",
    "no_status": "status_unavailable",
    "garbage": "bad_format",
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_every_verdict_is_the_same_with_either_form(pki: Both, case: str) -> None:
    text = _qr(pki, case)
    statuses = pki.statuses(frozenset({3}))
    full = pki.verify(text, trust=pki.full(), statuses=statuses)
    compact = pki.verify(text, trust=pki.compact(), statuses=statuses)
    assert compact == full
    assert compact.status == EXPECTED[case], compact.reason


def test_a_wrong_pin_or_a_foreign_signer_is_untrusted(pki: Both) -> None:
    doc = pki.compact()
    verdict = cred.verify_qr(pki.qr(), doc, pki.statuses(), bytes(32), NOW)
    assert verdict.status == "untrusted" and "pinned" in verdict.reason
    not_by_root = pki.compact(sign=localkeys.signer(pki.office_key))
    assert pki.verify(pki.qr(), trust=not_by_root).status == "untrusted"
    payload = content_of(doc)
    payload["keys"] = payload["keys"][:1]  # any edit breaks the signed hash
    edited = {**doc, "content": base64.b64encode(cbor2.dumps(payload)).decode()}
    verdict = pki.verify(pki.qr(), trust=edited)
    assert verdict.status == "untrusted" and "signed hash" in verdict.reason
    assert pki.verify(pki.qr(), trust={**doc, "format": "sonod-trust-keys/2"}).status == "untrusted"


def _entry(pki: Both) -> list[Any]:
    return list(content_of(pki.compact())["keys"][0])


@pytest.mark.parametrize(
    "edit",
    [
        lambda e: e[:4],  # four items
        lambda e: {"kid": e[0]},  # a map, as in the full form
        lambda e: [e[0], 7, *e[2:]],  # office id not text
        lambda e: [b"", *e[1:]],  # empty kid
        lambda e: [*e[:2], b"\x04" + e[2][1:] + bytes(32), *e[3:]],  # uncompressed point
        lambda e: [*e[:2], b"\x05" + e[2][1:], *e[3:]],  # not a point prefix
        lambda e: [*e[:3], "2026-01-01", e[4]],  # not a NumericDate
    ],
)
def test_malformed_entries_make_the_list_untrusted(pki: Both, edit: Any) -> None:
    payload = content_of(pki.compact())
    payload["keys"] = [edit(_entry(pki))]
    with pytest.raises(cred.ListError):
        cred.load_trust_list(pki.resign(payload))
    assert pki.verify(pki.qr(), trust=pki.resign(payload)).status == "untrusted"


def test_status_lists_must_be_list_ids(pki: Both) -> None:
    payload = content_of(pki.compact())
    for bad in ("L1", [1], None):
        payload["status_lists"] = bad
        with pytest.raises(cred.ListError, match="status_lists"):
            cred.load_trust_list(pki.resign(payload))


def test_a_point_off_the_curve_is_untrusted_when_used(pki: Both) -> None:
    payload = content_of(pki.compact())
    entry = next(e for e in payload["keys"] if e[0] == pki.office.kid)
    x = int.from_bytes(entry[2][1:], "big")
    while True:  # find an x with no point on P-256 (about half of all x)
        x += 1
        candidate = b"\x02" + x.to_bytes(32, "big")
        try:
            trustlists.TrustedKey(b"k", OFFICE, None, T0, point=candidate).public_key()
        except ValueError:
            break
    entry[2] = candidate
    verdict = pki.verify(pki.qr(), trust=pki.resign(payload))
    assert verdict.status == "untrusted" and "not a P-256 key" in verdict.reason


def test_the_publisher_refuses_keys_it_cannot_vouch_for(pki: Both) -> None:
    rogue_key = localkeys.key("keys-rogue")
    rogue = sx.issue_root(localkeys.spki(rogue_key), localkeys.signer(rogue_key), not_before=T0)
    with pytest.raises(cred.ListError, match="not a P-256 key certified by the root"):
        pki.compact([cred.TrustedKey(rogue.kid, OFFICE, rogue.der, T0)])
    with pytest.raises(cred.ListError, match="lacks the certificate"):
        pki.compact([cred.TrustedKey(pki.old.kid, OFFICE, pki.office.der, T0)])  # kid of another certificate
    with pytest.raises(cred.ListError, match="lacks the certificate"):
        pki.compact([cred.TrustedKey(pki.office.kid, OFFICE, None, T0, point=b"\x02" + bytes(32))])
    with pytest.raises(cred.ListError, match="no certificate"):
        cred.build_trust_list(pki.root.der, [cred.TrustedKey(pki.office.kid, OFFICE, None, T0)], NOW, pki.root_sign)


def test_a_signed_time_exactly_at_retirement_is_refused_in_both_forms(pki: Both) -> None:
    text = pki.qr(at=RETIRED, key=(pki.old, pki.old_key))
    assert pki.verify(text, trust=pki.compact()).status == pki.verify(text, trust=pki.full()).status == "retired_key"
