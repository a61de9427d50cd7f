"""Offline QR verification: time per verification and the size of the QR payload.

Run: python -m bench.verify

Uses a realistic claim set (a warish certificate for the shared fictional holder, a Bengali name of
about 20 characters) signed with local P-256 keys standing in for KMS (same algorithm, same sizes).
Times are medians over 200 runs:
  * `verify_qr`: what the CLI does for one certificate — check the trust list and the status list
    signatures, then the QR;
  * `verify_credential`: what an app does with the lists already checked and kept in memory;
  * a national trust list (one key per office, 4,870 offices) checked once, as an app does on refresh,
    in both forms: full (certificates, GET /v1/trust-list) and compact (bare keys,
    GET /v1/trust-list?form=keys), with their sizes raw (CBOR), as served (JSON) and gzipped;
    and, when `node` is installed, loaded by the web verifier (web/verify/verify-core.mjs).
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import gzip
import hashlib
import json
import shutil
import statistics
import subprocess
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import base45
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from chalicelib.domain import codes, trustlists
from chalicelib.domain import credentials as cred
from chalicelib.signing import x509 as sx
from local.samples import DECEASED, HOLDER

RUNS = 200
OFFICES = 4_870  # 4,540 unions + ~330 pourashavas; city corporations are a rounding error
BASE_URL = "https://sonodsheba.gov.bd"
NOW = dt.datetime(2026, 6, 30, tzinfo=dt.UTC)
WEB_CORE = Path(__file__).resolve().parent.parent / "web" / "verify" / "verify-core.mjs"


def _signer(key: ec.EllipticCurvePrivateKey) -> Callable[[bytes], bytes]:
    return lambda message: key.sign(message, ec.ECDSA(hashes.SHA256()))


def _spki(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def _median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    fn()  # warm caches (imports, parsed certificates)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def _qr_version(content: Any) -> int:
    import segno

    return int(segno.make(content, error="q", boost_error=False, micro=False).version)


def setup(offices: int = 1) -> dict[str, Any]:
    root_key = ec.generate_private_key(ec.SECP256R1())
    start = NOW - dt.timedelta(days=365)
    root = sx.issue_root(_spki(root_key), _signer(root_key), not_before=start)
    office_key = ec.generate_private_key(ec.SECP256R1())
    keys = []
    for n in range(offices):
        key = office_key if n == 0 else ec.generate_private_key(ec.SECP256R1())
        office_id = "union-30105" if n == 0 else f"union-{n:05d}"
        cert = sx.issue_signatory(_spki(key), root.der, _signer(root_key), office_id=office_id, office_name_en="X")
        keys.append(cred.TrustedKey(cert.kid, office_id, cert.der, start))
    return {
        "root": root,
        "root_sign": _signer(root_key),
        "office_sign": _signer(office_key),
        "kid": keys[0].kid,
        "keys": keys,
        "trust": cred.build_trust_list(root.der, keys, NOW, _signer(root_key)),
        "trust_keys": cred.build_trust_keys(root.der, keys, NOW, _signer(root_key), ["2026-07"]),
    }


def realistic_claims() -> cred.CertificateClaims:
    record = {"type": "warish", "holder": HOLDER, "deceased": DECEASED, "office_id": "union-30105", "ward": 4}
    return cred.CertificateClaims(
        certificate_no=codes.display(codes.new_code()),
        type_code="warish",
        office_id="union-30105",
        issued_on=NOW.date(),
        holder_name=HOLDER["holder_name_bn"],
        record_hash=cred.record_hash(record),
        status_list_id="2026-07",
        status_index=98_765,
    )


def sizes(qr: str) -> dict[str, int]:
    from segno import consts

    signed = cred.decode_qr(qr)
    message = zlib.decompress(bytes(base45.b45decode(qr[len(cred.PREFIX) :])))
    url = cred.verify_url(BASE_URL, qr)
    prefix, fragment = url.split("#", 1)
    return {
        "claims_cbor": len(signed.payload),
        "cose_sign1": len(message),
        "zlib": len(zlib.compress(message, 9)),
        "qr_text": len(qr),
        "verify_url": len(url),
        "qr_version_text": _qr_version(qr),
        "qr_version_url_mixed": _qr_version([(prefix + "#", consts.MODE_BYTE), (fragment, consts.MODE_ALPHANUMERIC)]),
        "qr_version_url_byte": _qr_version(url),
    }


def list_size(doc: dict[str, Any]) -> dict[str, int]:
    """Bytes of the signed CBOR document, of the JSON as the API serves it, and of that gzipped."""
    served = json.dumps(doc, ensure_ascii=False).encode()
    return {"cbor": len(base64.b64decode(doc["content"])), "json": len(served), "gzip": len(gzip.compress(served, 6))}


_NODE_TIMER = """
const core = await import(process.argv[1]);
const { readFileSync } = await import('node:fs');
const out = {};
for (const [name, path] of Object.entries(JSON.parse(process.argv[2]))) {
  const text = readFileSync(path, 'utf8');
  await core.loadTrustList(text); // warm
  const runs = [];
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    await core.loadTrustList(text);
    runs.push(performance.now() - start);
  }
  out[name] = runs.sort((a, b) => a - b)[5];
}
console.log(JSON.stringify(out));
"""


def web_load_ms(docs: dict[str, dict[str, Any]]) -> dict[str, float] | None:
    """Median ms for the web verifier's loadTrustList (Node's WebCrypto), or None without node."""
    node = shutil.which("node")
    if node is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, doc in docs.items():
            paths[name] = str(Path(tmp) / f"{name}.json")
            Path(paths[name]).write_text(json.dumps(doc), encoding="utf-8")
        args = [node, "--input-type=module", "-e", _NODE_TIMER, WEB_CORE.as_uri(), json.dumps(paths)]
        done = subprocess.run(args, capture_output=True, text=True, check=True, timeout=300)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def national_lists(national: dict[str, Any]) -> None:
    """The national trust list in both forms: size, building (KMS aside) and checking."""
    forms = {"full": national["trust"], "compact": national["trust_keys"]}
    root, sign, keys = national["root"].der, national["root_sign"], national["keys"]
    build = {
        "full": _median_ms(lambda: cred.build_trust_list(root, keys, NOW, sign), runs=5),
        "compact": _median_ms(lambda: cred.build_trust_keys(root, keys, NOW, sign, ["2026-07"]), runs=5),
    }
    trustlists._point_if_issued.cache_clear()  # a new container checks every certificate once
    start = time.perf_counter()
    cred.build_trust_keys(root, keys, NOW, sign, ["2026-07"])
    cold_ms = (time.perf_counter() - start) * 1000
    load = {name: _median_ms(functools.partial(cred.load_trust_list, doc), runs=20) for name, doc in forms.items()}
    web = web_load_ms(forms)
    print(f"national trust list, {OFFICES} keys (one per office)")
    print(f"  {'':9}{'CBOR':>11}{'as served':>12}{'gzipped':>11}{'build':>10}{'check':>10}{'web check':>11}")
    for name, doc in forms.items():
        size = list_size(doc)
        web_ms = f"{web[name]:8.1f} ms" if web else "   no node"
        print(
            f"  {name:<9}{size['cbor'] / 1024:7.0f} KiB{size['json'] / 1024:8.0f} KiB{size['gzip'] / 1024:7.0f} KiB"
            f"{build[name]:7.0f} ms{load[name]:7.1f} ms{web_ms}"
        )
    print("  (build: signing aside, median of 5; the compact form checks each certificate against the root")
    print(f"   once per container: {cold_ms:.0f} ms in a new one. check: Python load_trust_list, median of 20;")
    print("   web check: verify-core.mjs loadTrustList in Node, median of 10)")


def main() -> int:
    world = setup()
    claims = realistic_claims()
    qr = cred.encode_qr(claims, world["kid"], world["office_sign"], signed_at=NOW)
    revoked = {1, 500, 77_777}
    status = {"2026-07": cred.build_status_list("2026-07", revoked, NOW, world["root"].der, world["root_sign"])}
    pin = hashlib.sha256(world["root"].der).digest()  # what a verifier app ships with
    assert cred.verify_qr(qr, world["trust"], status, pin, NOW).ok

    trust = cred.load_trust_list(world["trust"], pin)
    lists = {"2026-07": cred.load_status_list(status["2026-07"], trust)}
    full = _median_ms(lambda: cred.verify_qr(qr, world["trust"], status, pin, NOW))
    warm = _median_ms(lambda: cred.verify_credential(qr, trust, lists.get, NOW))

    national = setup(OFFICES)

    s = sizes(qr)
    print(f"QR payload for a warish certificate, holder name {len(claims.holder_name)} characters (Bengali)")
    print(f"  CWT claims (CBOR)        {s['claims_cbor']:5d} bytes")
    print(f"  COSE_Sign1               {s['cose_sign1']:5d} bytes")
    print(f"  zlib-compressed          {s['zlib']:5d} bytes")
    print(f"  QR text 'SS1:'+Base45    {s['qr_text']:5d} characters -> QR version {s['qr_version_text']} at Q")
    print(f"  verify URL               {s['verify_url']:5d} characters -> QR version {s['qr_version_url_mixed']} at Q")
    print(f"{'':33}(byte + alphanumeric segments; {s['qr_version_url_byte']} as one byte segment)")
    print(f"offline verification, median of {RUNS} runs")
    print(f"  verify_qr (checks trust list + status list + QR)  {full:6.2f} ms")
    print(f"  verify_credential (lists already checked)         {warm:6.2f} ms")
    national_lists(national)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
