// The browser verifier's core against the committed conformance vectors (tests/vectors/), which the
// Python implementation passes too; plus unit cases for Base45, CBOR, DER and the number helpers.
// Run: node --test web/test/
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { deflateSync } from 'node:zlib';

import * as core from '../verify/verify-core.mjs';

const VECTORS = new URL('../../tests/vectors/', import.meta.url);
const read = (name) => readFileSync(new URL(name, VECTORS), 'utf8');
const SPEC = JSON.parse(read('vectors.json'));
const TRUST = read(SPEC.trust_list);
const STATUS = SPEC.status_lists.map(read);
const STATUS_BY_ID = Object.fromEntries(STATUS.map((doc) => [JSON.parse(doc).list_id, doc]));
const PIN = SPEC.root_fingerprint_sha256;
const NOW = new Date(SPEC.now);
const CASES = Object.fromEntries(SPEC.cases.map((c) => [c.name, c]));
const hex = (h) => core.fromHex(h.replace(/\s/g, ''));

describe('conformance vectors', () => {
  for (const c of SPEC.cases) {
    test(`${c.name}: ${c.expected.status}${c.expected.retired_key ? ' (retired key)' : ''}`, async () => {
      const now = new Date(c.now ?? SPEC.now);
      const v = await core.verifyCredential(c.qr, TRUST, STATUS_BY_ID, PIN, now);
      assert.equal(v.status, c.expected.status, v.reason);
      assert.equal(v.retiredKey, c.expected.retired_key);
      assert.ok(core.STATUSES.includes(v.status));
      // The same verdict with the lists given as an array of documents (keyed by their list_id).
      const again = await core.verifyCredential(c.qr, JSON.parse(TRUST), STATUS.map((d) => JSON.parse(d)), PIN, now);
      assert.equal(again.status, v.status);
    });
  }

  test('the valid vector carries the published claims', async () => {
    const v = await core.verifyCredential(CASES.valid.qr, TRUST, STATUS_BY_ID, PIN, NOW);
    assert.deepEqual(v.claims, SPEC.valid_claims);
    assert.match(v.kid, /^[0-9a-f]{16}$/);
    assert.equal(v.signedAt.toISOString(), '2026-03-01T05:00:00.000Z');
  });

  test('refusals after the signature check still carry the (authentic) claims', async () => {
    const v = await core.verifyCredential(CASES.revoked.qr, TRUST, STATUS_BY_ID, PIN, NOW);
    assert.equal(v.claims.status_index, 42);
    const expired = await core.verifyCredential(CASES.expired.qr, TRUST, STATUS_BY_ID, PIN, NOW);
    assert.equal(expired.claims.expires_on, '2026-05-31');
    assert.equal(expired.claims.type_code, 'character');
    const tampered = await core.verifyCredential(CASES.tampered.qr, TRUST, STATUS_BY_ID, PIN, NOW);
    assert.equal(tampered.claims, null);
  });

  test('expiry is the end of the expiry day in Bangladesh (UTC+6)', async () => {
    const qr = CASES.expired.qr; // expires_on 2026-05-31: valid until 2026-05-31T18:00:00Z
    const at = (iso) => core.verifyCredential(qr, TRUST, STATUS_BY_ID, PIN, new Date(iso));
    assert.equal((await at('2026-05-31T17:59:59.999Z')).status, 'valid');
    assert.equal((await at('2026-05-31T18:00:00Z')).status, 'expired');
  });
});

describe('trust and status lists', () => {
  test('a wrong root pin makes everything untrusted', async () => {
    const wrong = 'ff'.repeat(32);
    for (const c of SPEC.cases) {
      const v = await core.verifyCredential(c.qr, TRUST, STATUS_BY_ID, wrong, NOW);
      assert.equal(v.status, 'untrusted', c.name);
      assert.match(v.reason, /pinned fingerprint/);
      assert.equal(v.claims, null);
    }
  });

  test('the pin may be upper-case, colon-separated or bytes; no pin trusts the list as found', async () => {
    const colons = PIN.toUpperCase().match(/../g).join(':');
    for (const pin of [colons, core.fromHex(PIN), null]) {
      assert.equal((await core.verifyCredential(CASES.valid.qr, TRUST, STATUS_BY_ID, pin, NOW)).status, 'valid');
    }
    const trust = await core.loadTrustList(TRUST);
    assert.equal(trust.rootFingerprint, PIN);
    assert.equal(trust.keys.size, 2);
    assert.equal(trust.issuedAt.toISOString(), '2026-06-30T05:00:00.000Z');
  });

  test('the root certificate file matches the pin and the list', async () => {
    const der = core.base64Decode(read('root_cert.b64').trim());
    assert.equal(core.toHex(await core.sha256(der)), PIN);
    const trust = await core.loadTrustList(TRUST, PIN);
    assert.deepEqual(trust.rootCert, der);
  });

  test('checkCredential takes a status lookup: one that throws ListError gives untrusted', async () => {
    const trust = await core.loadTrustList(TRUST, PIN);
    const failing = async () => {
      throw new core.ListError('status list signature does not verify');
    };
    assert.equal((await core.checkCredential(CASES.valid.qr, trust, failing, NOW)).status, 'untrusted');
    const list = await core.loadStatusList(STATUS[0], trust);
    assert.equal((await core.checkCredential(CASES.revoked.qr, trust, () => list, NOW)).status, 'revoked');
  });

  test('a status list that is missing gives status_unavailable (with the claims)', async () => {
    const v = await core.verifyCredential(CASES.valid.qr, TRUST, {}, PIN, NOW);
    assert.equal(v.status, 'status_unavailable');
    assert.equal(v.claims.status_list_id, '2026-1');
  });

  test('a doctored trust list is untrusted', async () => {
    const doc = JSON.parse(TRUST);
    const content = core.base64Decode(doc.content);
    content[content.length - 1] ^= 1;
    const edits = [
      { ...doc, content: btoa(String.fromCharCode(...content)) },
      { ...doc, format: 'sonod-trust-list/2' },
      { ...doc, cose: doc.cose.slice(4) },
      { ...doc, content: doc.content + '!' },
      { ...doc, cose: undefined },
      '{not json',
      '[]',
    ];
    for (const edited of edits) {
      const v = await core.verifyCredential(CASES.valid.qr, edited, STATUS_BY_ID, PIN, NOW);
      assert.equal(v.status, 'untrusted', JSON.stringify(edited).slice(0, 60));
    }
    await assert.rejects(core.loadTrustList(edits[0], PIN), core.ListError);
  });

  test('a doctored status list is untrusted; one signed by another root is refused', async () => {
    const doc = JSON.parse(STATUS[0]);
    const content = core.base64Decode(doc.content);
    content[content.length - 1] ^= 1;
    const edited = { ...doc, content: btoa(String.fromCharCode(...content)) };
    const v = await core.verifyCredential(CASES.valid.qr, TRUST, { '2026-1': edited }, PIN, NOW);
    assert.equal(v.status, 'untrusted');
    // A trust list document in place of the status list: wrong format.
    const w = await core.verifyCredential(CASES.valid.qr, TRUST, { '2026-1': TRUST }, PIN, NOW);
    assert.equal(w.status, 'untrusted');
  });

  test('status bits: most significant bit first, 1 = revoked', async () => {
    const trust = await core.loadTrustList(TRUST, PIN);
    const list = await core.loadStatusList(STATUS[0], trust);
    assert.equal(list.listId, '2026-1');
    assert.equal(list.size, 131072);
    const revoked = [];
    for (let i = 0; i < list.size; i++) if (list.isRevoked(i)) revoked.push(i);
    assert.deepEqual(revoked, [42, 1000]);
    assert.equal(core.bitIsSet(Uint8Array.of(0x80), 0), true);
    assert.equal(core.bitIsSet(Uint8Array.of(0x80), 7), false);
    assert.equal(core.bitIsSet(Uint8Array.of(0x00, 0x01), 15), true);
  });
});

describe('credential text', () => {
  test('a verify URL, a location.hash and the bare text all work', async () => {
    const bare = CASES.valid.qr;
    const url = CASES.valid_url.qr;
    assert.equal(core.payloadFromText(url), bare);
    assert.equal(core.payloadFromText(url.slice(url.indexOf('#'))), bare);
    assert.equal(core.payloadFromText(`  ${bare}\n`), bare);
    const claims = await core.peekClaims(url.slice(url.indexOf('#')));
    assert.equal(claims.status_list_id, '2026-1');
    assert.equal(await core.peekClaims('nonsense'), null);
  });

  test('garbage is bad_format, never an exception', async () => {
    const inputs = ['', 'SS1:', 'SS1:A', 'SS1:%%%', 'hello', 'https://example.com/#x', 'SS1:' + 'Z'.repeat(3000)];
    let seed = 1;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const b45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
    for (let i = 0; i < 50; i++) {
      inputs.push('SS1:' + Array.from({ length: Math.floor(rand() * 200) }, () => b45[Math.floor(rand() * 45)]).join(''));
    }
    for (const text of inputs) {
      const v = await core.verifyCredential(text, TRUST, STATUS_BY_ID, PIN, NOW);
      assert.equal(v.status, 'bad_format', text.slice(0, 40));
    }
  });

  test('a zlib bomb is refused before it grows', async () => {
    const bomb = 'SS1:' + core.base45Encode(deflateSync(new Uint8Array(1 << 20)));
    const v = await core.verifyCredential(bomb, TRUST, STATUS_BY_ID, PIN, NOW);
    assert.equal(v.status, 'bad_format');
    assert.match(v.reason, /truncated or too large/);
    await assert.rejects(core.inflate(deflateSync(new Uint8Array(5000)), 4096), core.FormatError);
    assert.equal((await core.inflate(deflateSync(new Uint8Array(4096)), 4096)).length, 4096);
  });

  test('a COSE message that is not tag 18 is bad_format', async () => {
    const wrap = (value) => 'SS1:' + core.base45Encode(deflateSync(core.cborEncode(value)));
    const ph = core.cborEncode(new Map([[1, -7], [4, Uint8Array.of(1)]]));
    const parts = [ph, new Map(), Uint8Array.of(0xa0), new Uint8Array(64)];
    for (const value of [parts, new core.Tagged(17, parts), new core.Tagged(18, parts.slice(0, 3))]) {
      assert.equal((await core.verifyCredential(wrap(value), TRUST, STATUS_BY_ID, PIN, NOW)).status, 'bad_format');
    }
    // Well-formed but with a kid nobody knows.
    assert.equal((await core.verifyCredential(wrap(new core.Tagged(18, parts)), TRUST, STATUS_BY_ID, PIN, NOW)).status, 'unknown_kid');
  });
});

describe('Base45 (RFC 9285)', () => {
  const examples = [
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
    ['', ''],
  ];
  for (const [plain, encoded] of examples) {
    test(`${JSON.stringify(plain)} <-> ${JSON.stringify(encoded)}`, () => {
      assert.equal(new TextDecoder().decode(core.base45Decode(encoded)), plain);
      assert.equal(core.base45Encode(new TextEncoder().encode(plain)), encoded);
    });
  }
  test('invalid input is refused', () => {
    for (const bad of ['GGW', 'A', 'ABCD', 'ab', 'A~', ':::']) {
      assert.throws(() => core.base45Decode(bad), core.FormatError, bad);
    }
  });
  test('every two-byte value round-trips', () => {
    for (let x = 0; x < 65536; x += 7) {
      const bytes = Uint8Array.of(x >> 8, x & 255);
      assert.deepEqual(core.base45Decode(core.base45Encode(bytes)), bytes);
    }
  });
});

describe('CBOR (RFC 8949 appendix A)', () => {
  const cases = [
    ['00', 0],
    ['17', 23],
    ['1818', 24],
    ['1903e8', 1000],
    ['1a000f4240', 1000000],
    ['1b000000e8d4a51000', 1000000000000],
    ['1bffffffffffffffff', 18446744073709551615n],
    ['20', -1],
    ['3863', -100],
    ['3903e7', -1000],
    ['3a00010000', -65537],
    ['f4', false],
    ['f5', true],
    ['f6', null],
    ['f7', undefined],
    ['f93c00', 1.0],
    ['f97bff', 65504.0],
    ['f90001', 5.960464477539063e-8],
    ['fa47c35000', 100000.0],
    ['fb3ff199999999999a', 1.1],
    ['40', new Uint8Array(0)],
    ['4401020304', Uint8Array.of(1, 2, 3, 4)],
    ['60', ''],
    ['6449455446', 'IETF'],
    ['62c3bc', 'ü'],
    ['63e6b0b4', '水'],
    ['80', []],
    ['83010203', [1, 2, 3]],
    ['8301820203820405', [1, [2, 3], [4, 5]]],
    ['a0', new Map()],
    ['a201020304', new Map([[1, 2], [3, 4]])],
    ['a26161016162820203', new Map([['a', 1], ['b', [2, 3]]])],
    ['c11a514b67b0', new core.Tagged(1, 1363896240)],
    ['d818456449455446', new core.Tagged(24, Uint8Array.of(0x64, 0x49, 0x45, 0x54, 0x46))],
    ['f0', new core.Simple(16)],
    ['f8ff', new core.Simple(255)],
  ];
  for (const [h, value] of cases) {
    test(`decode ${h}`, () => assert.deepEqual(core.cborDecode(hex(h)), value));
  }
  test('encode integers, strings, arrays, maps, tags and round-trip them', () => {
    for (const [h, value] of cases) {
      if (/^f[0-9a-f]/.test(h) && typeof value !== 'boolean' && value != null) continue; // floats, simple values
      assert.equal(core.toHex(core.cborEncode(value)), h, h);
    }
  });
  test('the Sig_structure encodes as COSE expects', () => {
    const tbs = core.cborEncode(['Signature1', hex('a10126'), new Uint8Array(0), Uint8Array.of(1)]);
    assert.equal(core.toHex(tbs), '846a5369676e61747572653143a10126404101');
  });
  test('malformed CBOR is refused', () => {
    for (const bad of ['', '18', '1901', '42ff', '62c3', '9f01ff', '5f', 'fc', '62c328', '8301', 'a101']) {
      assert.throws(() => core.cborDecode(hex(bad)), core.FormatError, bad);
    }
    assert.throws(() => core.cborDecode(hex('8'.repeat(1) + '1'.repeat(1) + '81'.repeat(100) + '00')), core.FormatError);
    assert.throws(() => core.cborDecode(hex('0000'), { strict: true }), core.FormatError);
    assert.equal(core.cborDecode(hex('0000')), 0);
  });
});

describe('X.509 and ECDSA', () => {
  test('the SPKI of the root certificate imports as a P-256 key; it is self-issued', async () => {
    const der = core.base64Decode(read('root_cert.b64').trim());
    const cert = core.parseCertificate(der);
    assert.equal(cert.signatureAlgorithm, '2a8648ce3d040302');
    assert.equal(cert.spki.length, 91); // P-256 SPKI
    const key = await core.importCertificateKey(der);
    assert.equal(key.algorithm.namedCurve, 'P-256');
    assert.equal(await core.issuedBy(der, der, key), true);
  });

  test('office certificates are issued by the root, not by each other', async () => {
    const trust = await core.loadTrustList(TRUST, PIN);
    const [a, b] = [...trust.keys.values()];
    assert.equal(await core.issuedBy(a.cert, trust.rootCert, trust.rootKey), true);
    assert.equal(await core.issuedBy(b.cert, trust.rootCert, trust.rootKey), true);
    assert.equal(await core.issuedBy(a.cert, b.cert, await core.importCertificateKey(b.cert)), false);
    const forged = a.cert.slice();
    forged[forged.length - 5] ^= 1; // inside the signature
    assert.equal(await core.issuedBy(forged, trust.rootCert, trust.rootKey), false);
  });

  test('an office certificate names its office (O) and office id (OU)', async () => {
    const trust = await core.loadTrustList(TRUST, PIN);
    for (const key of trust.keys.values()) {
      const subject = core.certificateSubject(key.cert);
      assert.equal(subject.OU, key.officeId);
      assert.equal(subject.O, 'Subil Union Parishad');
    }
    assert.equal(core.certificateSubject(trust.rootCert).CN, 'Sonod Sheba Root CA');
  });

  test('DER ECDSA signatures convert to r||s', () => {
    const der = hex('3007020100020201ff');
    const raw = core.ecdsaDerToRaw(der);
    assert.equal(raw.length, 64);
    assert.equal(raw[63], 0xff);
    assert.equal(raw[62], 0x01);
    assert.equal(raw.slice(0, 32).every((x) => x === 0), true);
    assert.throws(() => core.ecdsaDerToRaw(hex('3003020100')), core.FormatError);
    assert.throws(() => core.parseCertificate(hex('3003020100')), core.FormatError);
  });
});

describe('certificate numbers', () => {
  const number = SPEC.valid_claims.certificate_no;
  test('the check character catches one wrong character and a swap of neighbours', () => {
    assert.equal(core.isValidNumber(number), true);
    assert.equal(core.isValidNumber(core.displayNumber(number)), true);
    for (let i = 0; i < number.length; i++) {
      for (const c of core.NUMBER_ALPHABET) {
        if (c === number[i]) continue;
        assert.equal(core.isValidNumber(number.slice(0, i) + c + number.slice(i + 1)), false);
      }
      if (i + 1 < number.length && number[i] !== number[i + 1]) {
        const swapped = number.slice(0, i) + number[i + 1] + number[i] + number.slice(i + 2);
        assert.equal(core.isValidNumber(swapped), false);
      }
    }
    assert.equal(core.isValidNumber(''), false);
  });
  test('display in groups of four; normalise what people type', () => {
    assert.equal(core.displayNumber('K8HHSXXFW9KD4Y'), 'K8HH-SXXF-W9KD-4Y');
    assert.equal(core.normaliseNumber(' k8hh-sxxf w9kd-4y '), 'K8HHSXXFW9KD4Y');
    assert.equal(core.normaliseNumber('oil uz'), '011V2');
    assert.equal(core.normaliseNumber('৮৯-AB'), '89AB');
  });
});
