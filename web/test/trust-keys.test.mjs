// The compact trust list (sonod-trust-keys/1) in the browser verifier: the same verdict as the
// full list for every conformance vector, its checks, and P-256 point decompression.
// Run: node --test web/test/
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { decompressP256 } from '../verify/core/p256.mjs';
import * as core from '../verify/verify-core.mjs';

const VECTORS = new URL('../../tests/vectors/', import.meta.url);
const read = (name) => readFileSync(new URL(name, VECTORS), 'utf8');
const SPEC = JSON.parse(read('vectors.json'));
const FULL = read(SPEC.trust_list);
const KEYS = read(SPEC.trust_keys);
const STATUS_BY_ID = Object.fromEntries(SPEC.status_lists.map(read).map((doc) => [JSON.parse(doc).list_id, doc]));
const PIN = SPEC.root_fingerprint_sha256;
const NOW = new Date(SPEC.now);
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const subtle = globalThis.crypto.subtle;

const hex32 = (n) => core.fromHex(n.toString(16).padStart(64, '0'));
const compressed = (raw) => Uint8Array.of(2 + (raw[64] & 1), ...raw.subarray(1, 33));

/** The smallest x with no point on P-256 (about half of all x have none). */
function offCurveX() {
  for (let x = 1n; ; x += 1n) {
    try {
      decompressP256(Uint8Array.of(2, ...hex32(x)));
    } catch {
      return x;
    }
  }
}

describe('compact trust list: conformance vectors', () => {
  for (const c of SPEC.cases) {
    test(`${c.name}: ${c.expected.status}, as with the full list`, async () => {
      const compact = await core.verifyCredential(c.qr, KEYS, STATUS_BY_ID, PIN, NOW);
      assert.equal(compact.status, c.expected.status, compact.reason);
      assert.equal(compact.retiredKey, c.expected.retired_key);
      assert.deepEqual(compact, await core.verifyCredential(c.qr, FULL, STATUS_BY_ID, PIN, NOW));
    });
  }

  test('it loads with the same root, keys and times as the full list, and names the status lists', async () => {
    const [full, compact] = await Promise.all([core.loadTrustList(FULL, PIN), core.loadTrustList(KEYS, PIN)]);
    assert.equal(compact.format, core.KEYS_FORMAT);
    assert.equal(full.format, core.TRUST_FORMAT);
    assert.deepEqual(compact.statusLists, Object.keys(STATUS_BY_ID));
    assert.deepEqual(full.statusLists, []);
    assert.equal(compact.rootFingerprint, PIN);
    assert.equal(compact.issuedAt.getTime(), full.issuedAt.getTime());
    assert.deepEqual([...compact.keys.keys()].sort(), [...full.keys.keys()].sort());
    for (const [kid, key] of compact.keys) {
      const twin = full.keys.get(kid);
      assert.equal(key.cert, null);
      assert.equal(key.point.length, 33);
      assert.equal(key.officeId, twin.officeId);
      assert.deepEqual([key.validFrom, key.validTo], [twin.validFrom, twin.validTo]);
      // The point is the certificate's key: a P-256 SPKI ends with the 65-byte uncompressed point.
      assert.deepEqual(decompressP256(key.point), core.parseCertificate(twin.cert).spki.slice(-65));
    }
  });

  test('a doctored, re-labelled or unpinned compact list is untrusted', async () => {
    const doc = JSON.parse(KEYS);
    const content = core.base64Decode(doc.content);
    content[content.length - 1] ^= 1;
    const edits = [
      { ...doc, content: btoa(String.fromCharCode(...content)) },
      { ...doc, format: 'sonod-trust-keys/2' },
      { ...doc, cose: JSON.parse(FULL).cose }, // the full list's signature over other content
    ];
    for (const edited of edits) {
      const v = await core.verifyCredential(SPEC.cases[0].qr, edited, STATUS_BY_ID, PIN, NOW);
      assert.equal(v.status, 'untrusted', JSON.stringify(edited).slice(0, 60));
    }
    const wrongPin = await core.verifyCredential(SPEC.cases[0].qr, KEYS, STATUS_BY_ID, 'ff'.repeat(32), NOW);
    assert.match(wrongPin.reason, /pinned fingerprint/);
  });

  test('a key is imported only when a credential names it, and then kept', async () => {
    const trust = await core.loadTrustList(KEYS, PIN);
    assert.ok([...trust.keys.values()].every((key) => !key.publicKey));
    const valid = SPEC.cases.find((c) => c.name === 'valid');
    const v = await core.checkCredential(valid.qr, trust, (id) => core.loadStatusList(STATUS_BY_ID[id], trust), NOW);
    assert.equal(v.status, 'valid');
    assert.equal(trust.keys.get(v.kid).publicKey.algorithm.namedCurve, 'P-256');
  });
});

describe('P-256 point decompression', () => {
  test('recovers the uncompressed point WebCrypto exports, for even and odd y', async () => {
    const parities = new Set();
    for (let i = 0; i < 40; i++) {
      const { publicKey } = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
      const raw = new Uint8Array(await subtle.exportKey('raw', publicKey));
      const point = compressed(raw);
      parities.add(point[0]);
      assert.deepEqual(decompressP256(point), raw);
    }
    assert.deepEqual([...parities].sort(), [2, 3]);
  });

  test('a decompressed key verifies what its private key signed', async () => {
    const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
    const key = await core.importPointKey(compressed(raw));
    const message = new TextEncoder().encode('সনদ');
    const signature = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, message);
    assert.equal(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, message), true);
  });

  test('what is not a compressed point on the curve is refused', () => {
    const g = core.fromHex('036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296'); // the generator
    assert.equal(decompressP256(g).length, 65);
    const bad = [
      g.slice(0, 32),
      Uint8Array.of(4, ...g.subarray(1)),
      Uint8Array.of(5, ...g.subarray(1)),
      Uint8Array.of(2, ...hex32(P)), // x = p is out of range
      Uint8Array.of(2, ...hex32(offCurveX())),
      Array.from(g),
    ];
    for (const point of bad) assert.throws(() => decompressP256(point), RangeError);
  });

  test('a point off the curve in a trust list gives untrusted, not an exception', async () => {
    const trust = await core.loadTrustList(KEYS, PIN);
    const valid = SPEC.cases.find((c) => c.name === 'valid');
    const signed = await core.decodeQr(valid.qr);
    const key = trust.keys.get(core.toHex(signed.kid));
    key.point = Uint8Array.of(3, ...hex32(offCurveX()));
    const v = await core.checkCredential(valid.qr, trust, () => null, NOW);
    assert.equal(v.status, 'untrusted');
    assert.match(v.reason, /not a P-256 key/);
  });
});
