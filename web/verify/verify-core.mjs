// Offline verification of a Sonod Sheba QR credential, in the browser and in Node 20.
// Pure logic (no DOM): the JavaScript twin of chalicelib/domain/credentials.py and trustlists.py,
// giving the same statuses for the same inputs (tests/vectors/ checks that).
//
// QR text: "SS1:" + Base45(zlib(COSE_Sign1(ES256, protected {1: -7, 4: kid}, payload = CWT))).
// Trust and status lists: JSON {format, cose, content}; `cose` is a COSE Hash Envelope (RFC 9995)
// by the root key over SHA-256(content); `content` is base64 CBOR (see tests/vectors/README.md).
// The trust list comes full (X.509 certificates) or compact (bare compressed keys, ~5x smaller):
// loadTrustList takes either, and the verdicts are the same.
// Needs only WebCrypto (crypto.subtle), DecompressionStream, TextDecoder and BigInt.

import { decompressP256 } from './p256.mjs';

export const PREFIX = 'SS1:';
export const TRUST_FORMAT = 'sonod-trust-list/1';
export const KEYS_FORMAT = 'sonod-trust-keys/1'; // the compact trust list (GET /v1/trust-list?form=keys)
export const STATUS_FORMAT = 'sonod-status-list/1';
export const STATUSES = Object.freeze([
  'valid',
  'revoked', // the status list has the certificate's bit set
  'expired', // past the exp claim
  'unknown_kid', // signed by a key the trust list does not know
  'retired_key', // signed by a retired key after its retirement (valid_to)
  'key_not_yet_valid', // signed before the key's valid_from
  'office_mismatch', // the key belongs to another office than the claimed issuer
  'tampered', // the signature does not verify
  'bad_format', // not a Sonod Sheba QR, or unreadable
  'untrusted', // the trust or status list does not verify (or the root is not the pinned one)
  'status_unavailable', // no status list with the certificate's list id was supplied
]);

const MAX_COSE_BYTES = 4096; // far above any QR; bounds decompression of hostile input
const MAX_STATUS_LIST_SIZE = 8 * 1024 * 1024;
const BD_OFFSET = 6 * 3600; // Bangladesh: UTC+6, no daylight saving
const DAY = 86400;
// Python's datetime range (years 1..9999): values outside it are malformed there too.
const MIN_SECONDS = -62135596800;
const MAX_SECONDS = 253402300799;

/** Text that is not a well-formed credential (or CBOR, Base45, DER...). */
export class FormatError extends Error {}
/** A trust or status list that is malformed, or whose signature or root does not check out. */
export class ListError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const enc = new TextEncoder();
const subtle = () => globalThis.crypto.subtle;

export function toHex(bytes) {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(hex) {
  const clean = String(hex).replace(/[:\s]/g, '').toLowerCase();
  if (!/^([0-9a-f]{2})*$/.test(clean)) throw new FormatError('not hexadecimal');
  return Uint8Array.from(clean.match(/../g) || [], (h) => parseInt(h, 16));
}

function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

export async function sha256(bytes) {
  return new Uint8Array(await subtle().digest('SHA-256', bytes));
}

/** Strict base64 (like Python's b64decode(validate=True)). */
export function base64Decode(text) {
  if (typeof text !== 'string' || text.length % 4 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new FormatError('not valid base64');
  }
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// --- Base45 (RFC 9285) -------------------------------------------------------------------------

const B45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

export function base45Decode(text) {
  const n = text.length;
  if (n % 3 === 1) throw new FormatError('Base45: invalid length');
  const val = (c) => {
    const v = B45.indexOf(c);
    if (v < 0) throw new FormatError(`Base45: invalid character ${JSON.stringify(c)}`);
    return v;
  };
  const out = new Uint8Array(Math.floor(n / 3) * 2 + (n % 3 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < n; i += 3) {
    if (n - i >= 3) {
      const x = val(text[i]) + val(text[i + 1]) * 45 + val(text[i + 2]) * 2025;
      if (x > 0xffff) throw new FormatError('Base45: value out of range');
      out[o++] = x >> 8;
      out[o++] = x & 0xff;
    } else {
      const x = val(text[i]) + val(text[i + 1]) * 45;
      if (x > 0xff) throw new FormatError('Base45: value out of range');
      out[o++] = x;
    }
  }
  return out;
}

export function base45Encode(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 < bytes.length) {
      let x = bytes[i] * 256 + bytes[i + 1];
      const c = x % 45;
      x = (x - c) / 45;
      s += B45[c] + B45[x % 45] + B45[Math.floor(x / 45)];
    } else {
      s += B45[bytes[i] % 45] + B45[Math.floor(bytes[i] / 45)];
    }
  }
  return s;
}

// --- CBOR (RFC 8949), the subset COSE and our documents use -------------------------------------

/** A tagged item (tag 18 is COSE_Sign1; other tags are passed through as they are). */
export class Tagged {
  constructor(tag, value) {
    this.tag = tag;
    this.value = value;
  }
}

/** A simple value other than false, true, null and undefined. */
export class Simple {
  constructor(value) {
    this.value = value;
  }
}

function half(bits) {
  const exp = (bits >> 10) & 0x1f;
  const mant = bits & 0x3ff;
  const sign = bits & 0x8000 ? -1 : 1;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/**
 * Decode one CBOR item. Maps become Map (keys kept as decoded), byte strings Uint8Array, text
 * strings strings, integers numbers (BigInt beyond 2^53), tags Tagged. Definite lengths only.
 * Trailing bytes are ignored unless `strict` (Python's cbor2.loads ignores them too).
 */
export function cborDecode(bytes, { strict = false } = {}) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const need = (k) => {
    if (k > bytes.length - pos) throw new FormatError('CBOR: truncated');
  };
  const arg = (info) => {
    if (info < 24) return info;
    if (info === 24) return need(1), bytes[pos++];
    if (info === 25) return need(2), (pos += 2), view.getUint16(pos - 2);
    if (info === 26) return need(4), (pos += 4), view.getUint32(pos - 4);
    if (info === 27) {
      need(8);
      const v = view.getBigUint64(pos);
      pos += 8;
      return v < BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    }
    throw new FormatError(info === 31 ? 'CBOR: indefinite lengths are not supported' : 'CBOR: reserved value');
  };
  const item = (depth) => {
    if (depth > 64) throw new FormatError('CBOR: nested too deeply');
    need(1);
    const ib = bytes[pos++];
    const major = ib >> 5;
    const info = ib & 31;
    if (major === 7) {
      if (info === 20) return false;
      if (info === 21) return true;
      if (info === 22) return null;
      if (info === 23) return undefined;
      if (info === 25) return need(2), (pos += 2), half(view.getUint16(pos - 2));
      if (info === 26) return need(4), (pos += 4), view.getFloat32(pos - 4);
      if (info === 27) return need(8), (pos += 8), view.getFloat64(pos - 8);
      if (info < 24) return new Simple(info);
      if (info === 24) return need(1), new Simple(bytes[pos++]);
      throw new FormatError('CBOR: unsupported simple value');
    }
    const n = arg(info);
    if (major === 0) return n;
    if (major === 1) return typeof n === 'bigint' ? -1n - n : -1 - n;
    if (major === 6) return new Tagged(n, item(depth + 1));
    // Lengths: every item takes at least one byte, so a length beyond what is left is truncated.
    if (typeof n === 'bigint' || n > bytes.length - pos) throw new FormatError('CBOR: truncated');
    if (major === 2 || major === 3) {
      const s = bytes.slice(pos, pos + n);
      pos += n;
      if (major === 2) return s;
      try {
        return utf8.decode(s);
      } catch {
        throw new FormatError('CBOR: invalid UTF-8 in a text string');
      }
    }
    if (major === 4) {
      const a = [];
      for (let i = 0; i < n; i++) a.push(item(depth + 1));
      return a;
    }
    const m = new Map(); // major 5
    for (let i = 0; i < n; i++) {
      const k = item(depth + 1);
      m.set(k, item(depth + 1));
    }
    return m;
  };
  const value = item(0);
  if (strict && pos !== bytes.length) throw new FormatError('CBOR: trailing bytes');
  return value;
}

function head(major, n) {
  if (typeof n === 'bigint' || n > 0xffffffff) {
    const out = new Uint8Array(9);
    out[0] = (major << 5) | 27;
    new DataView(out.buffer).setBigUint64(1, BigInt(n));
    return out;
  }
  if (n < 24) return Uint8Array.of((major << 5) | n);
  if (n < 0x100) return Uint8Array.of((major << 5) | 24, n);
  if (n < 0x10000) return Uint8Array.of((major << 5) | 25, n >> 8, n & 0xff);
  return Uint8Array.of((major << 5) | 26, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
}

/** Encode integers, strings, Uint8Array, arrays, Map (or plain objects), Tagged, booleans, null. */
export function cborEncode(value) {
  const parts = [];
  const put = (v) => {
    if (typeof v === 'number' || typeof v === 'bigint') {
      if (typeof v === 'number' && !Number.isInteger(v)) throw new TypeError('CBOR: floats are not encoded');
      parts.push(v < 0 ? head(1, typeof v === 'bigint' ? -1n - v : -1 - v) : head(0, v));
    } else if (typeof v === 'string') {
      const b = enc.encode(v);
      parts.push(head(3, b.length), b);
    } else if (v instanceof Uint8Array) {
      parts.push(head(2, v.length), v);
    } else if (Array.isArray(v)) {
      parts.push(head(4, v.length));
      v.forEach(put);
    } else if (v instanceof Tagged) {
      parts.push(head(6, v.tag));
      put(v.value);
    } else if (v === false || v === true || v === null || v === undefined) {
      parts.push(Uint8Array.of(v === false ? 0xf4 : v === true ? 0xf5 : v === null ? 0xf6 : 0xf7));
    } else {
      const entries = v instanceof Map ? [...v] : Object.entries(v);
      parts.push(head(5, entries.length));
      for (const [k, x] of entries) put(k), put(x);
    }
  };
  put(value);
  return concat(parts);
}

// --- zlib ---------------------------------------------------------------------------------------

/** Inflate zlib data (RFC 1950) with DecompressionStream, refusing more than `maxBytes` of output. */
export async function inflate(data, maxBytes) {
  const reader = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) throw new FormatError('decompressed data too large');
      chunks.push(value);
    }
  } catch (err) {
    reader.cancel().catch(() => {});
    if (err instanceof FormatError) throw err;
    throw new FormatError(`zlib: ${err && err.message ? err.message : 'invalid data'}`);
  }
  return concat(chunks);
}

// --- DER / X.509: just enough to find the public key, the names and the signature ---------------

function tlv(b, p, end = b.length) {
  if (p + 2 > end) throw new FormatError('DER: truncated');
  const tag = b[p];
  if ((tag & 0x1f) === 0x1f) throw new FormatError('DER: high tag numbers are not supported');
  let len = b[p + 1];
  let q = p + 2;
  if (len & 0x80) {
    const k = len & 0x7f;
    if (k === 0 || k > 3 || q + k > end) throw new FormatError('DER: bad length');
    len = 0;
    for (let i = 0; i < k; i++) len = len * 256 + b[q++];
  }
  if (q + len > end) throw new FormatError('DER: truncated');
  return { tag, start: p, body: q, end: q + len };
}

function children(b, node) {
  const out = [];
  for (let p = node.body; p < node.end; ) {
    const c = tlv(b, p, node.end);
    out.push(c);
    p = c.end;
  }
  return out;
}

const OID_ECDSA_SHA256 = '2a8648ce3d040302';
const OID_ECDSA_SHA384 = '2a8648ce3d040303';

/**
 * The parts of an X.509 certificate (DER) a verifier needs: tbsCertificate, issuer and subject
 * (raw DER), subjectPublicKeyInfo (DER, for importKey('spki')), signature algorithm OID (hex) and
 * the signature value (for ECDSA, converted from DER to r||s).
 */
export function parseCertificate(der) {
  const cert = tlv(der, 0);
  if (cert.tag !== 0x30) throw new FormatError('X.509: not a SEQUENCE');
  const [tbs, alg, sig] = children(der, cert);
  if (!sig || tbs.tag !== 0x30 || alg.tag !== 0x30 || sig.tag !== 0x03) throw new FormatError('X.509: bad structure');
  const t = children(der, tbs);
  const i = t[0] && t[0].tag === 0xa0 ? 1 : 0; // [0] version is optional
  const [issuer, , subject, spki] = t.slice(i + 2, i + 6);
  if (!spki || spki.tag !== 0x30 || issuer.tag !== 0x30 || subject.tag !== 0x30) {
    throw new FormatError('X.509: bad tbsCertificate');
  }
  const oid = children(der, alg)[0];
  if (!oid || oid.tag !== 0x06) throw new FormatError('X.509: bad signature algorithm');
  if (der[sig.body] !== 0) throw new FormatError('X.509: bad signature bit string');
  const part = (n) => der.slice(n.start, n.end);
  return {
    tbs: part(tbs),
    issuer: part(issuer),
    subject: part(subject),
    spki: part(spki),
    signatureAlgorithm: toHex(der.subarray(oid.body, oid.end)),
    signatureValue: der.slice(sig.body + 1, sig.end),
  };
}

const NAME_OIDS = { '550406': 'C', '55040a': 'O', '55040b': 'OU', '550403': 'CN' };

/**
 * The subject of a certificate as {C, O, OU, CN} (those present). An office signatory's
 * certificate names the office: O = its English name, OU = its office id (signed by the root).
 */
export function certificateSubject(certDer) {
  const { subject } = parseCertificate(certDer);
  const out = {};
  for (const set of children(subject, tlv(subject, 0))) {
    for (const seq of children(subject, set)) {
      const [oid, value] = children(subject, seq);
      const name = oid && value && NAME_OIDS[toHex(subject.subarray(oid.body, oid.end))];
      if (!name) continue;
      const raw = subject.subarray(value.body, value.end);
      try {
        out[name] = utf8.decode(raw);
      } catch {
        out[name] = String.fromCharCode(...raw);
      }
    }
  }
  return out;
}

/** DER ECDSA-Sig-Value (SEQUENCE {r, s}) to the r||s form WebCrypto and COSE use. */
export function ecdsaDerToRaw(der, size = 32) {
  const seq = tlv(der, 0);
  const parts = children(der, seq);
  if (seq.tag !== 0x30 || parts.length !== 2) throw new FormatError('ECDSA signature: bad structure');
  const out = new Uint8Array(2 * size);
  parts.forEach((n, k) => {
    if (n.tag !== 0x02) throw new FormatError('ECDSA signature: not an INTEGER');
    let v = der.subarray(n.body, n.end);
    while (v.length > 1 && v[0] === 0) v = v.subarray(1);
    if (v.length > size) throw new FormatError('ECDSA signature: integer too large');
    out.set(v, (k + 1) * size - v.length);
  });
  return out;
}

/** The P-256 public key of an X.509 certificate, as a WebCrypto key for ECDSA verification. */
export async function importCertificateKey(certDer) {
  const { spki } = parseCertificate(certDer);
  return subtle().importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
}

/** A compressed P-256 point (33 bytes) as a WebCrypto key for ECDSA verification. */
export async function importPointKey(point) {
  return subtle().importKey('raw', decompressP256(point), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
}

/** The certificate is directly issued by `issuerDer` (names match and its signature verifies). */
export async function issuedBy(certDer, issuerDer, issuerKey) {
  try {
    const cert = parseCertificate(certDer);
    const issuer = parseCertificate(issuerDer);
    if (!equalBytes(cert.issuer, issuer.subject)) return false;
    const hash = { [OID_ECDSA_SHA256]: 'SHA-256', [OID_ECDSA_SHA384]: 'SHA-384' }[cert.signatureAlgorithm];
    if (!hash) return false;
    const sig = ecdsaDerToRaw(cert.signatureValue);
    return await subtle().verify({ name: 'ECDSA', hash }, issuerKey, sig, cert.tbs);
  } catch {
    return false;
  }
}

// --- COSE_Sign1 (RFC 9052), ES256 ---------------------------------------------------------------

const EMPTY = new Uint8Array(0);

/**
 * Decode a tagged COSE_Sign1; checks shape, ES256 and a kid in the protected header (not the
 * signature). Returns {kid, payload, signature, toBeSigned, payloadHashAlg, protectedHeader}.
 */
export function parseSign1(bytes) {
  let top;
  try {
    top = cborDecode(bytes);
  } catch (err) {
    throw new FormatError(`not a COSE_Sign1 message: ${err.message}`);
  }
  if (!(top instanceof Tagged) || top.tag !== 18) throw new FormatError('not a tagged COSE_Sign1 (CBOR tag 18)');
  const parts = top.value;
  if (!Array.isArray(parts) || parts.length !== 4 || !(parts[1] instanceof Map)) {
    throw new FormatError('COSE_Sign1 must be an array of four items');
  }
  const [protectedBytes, , payload, signature] = parts;
  if (!(protectedBytes instanceof Uint8Array)) throw new FormatError('COSE_Sign1 protected header is not a byte string');
  let header = new Map();
  if (protectedBytes.length) {
    try {
      header = cborDecode(protectedBytes);
    } catch (err) {
      throw new FormatError(`not a COSE_Sign1 message: ${err.message}`);
    }
    if (!(header instanceof Map)) throw new FormatError('COSE_Sign1 protected header is not a map');
  }
  if (header.get(1) !== -7) throw new FormatError('COSE_Sign1 must use ES256 in the protected header');
  const kid = header.get(4);
  if (!(kid instanceof Uint8Array) || !kid.length) throw new FormatError('COSE_Sign1 has no kid in its protected header');
  if (!(payload instanceof Uint8Array) || !(signature instanceof Uint8Array)) {
    throw new FormatError('COSE_Sign1 lacks a payload or signature');
  }
  const hashAlg = header.get(258);
  return {
    kid,
    payload,
    signature,
    // Sig_structure = ["Signature1", protected (as received), external_aad = h'', payload]
    toBeSigned: cborEncode(['Signature1', protectedBytes, EMPTY, payload]),
    payloadHashAlg: Number.isInteger(hashAlg) ? hashAlg : null,
    protectedHeader: header,
  };
}

/** ES256: the COSE signature is r||s (64 bytes), which is what WebCrypto's ECDSA expects. */
export async function verifySign1(signed, publicKey) {
  if (signed.signature.length !== 64) return false;
  try {
    return await subtle().verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, signed.signature, signed.toBeSigned);
  } catch {
    return false;
  }
}

// --- trust list and status lists -----------------------------------------------------------------

const SHA_256 = -16; // COSE algorithm id of SHA-256 (RFC 9054), header 258 of a hash envelope

function field(map, key) {
  if (!(map instanceof Map) || !map.has(key)) throw new ListError(`missing ${JSON.stringify(key)}`);
  return map.get(key);
}

function epoch(value) {
  if (!Number.isInteger(value) || value < MIN_SECONDS || value > MAX_SECONDS) throw new ListError('expected a NumericDate');
  return new Date(value * 1000);
}

/** The wrapper's format (one of `formats`), its COSE message, and the document whose hash it signs. */
async function envelope(doc, ...formats) {
  const name = formats.join(' or ');
  let wrapper = doc;
  let signed;
  let content;
  try {
    if (typeof doc === 'string') wrapper = JSON.parse(doc);
    if (!wrapper || typeof wrapper !== 'object' || !formats.includes(wrapper.format)) {
      throw new ListError(`not a ${name} document`);
    }
    signed = parseSign1(base64Decode(wrapper.cose));
    content = base64Decode(wrapper.content);
  } catch (err) {
    if (err instanceof ListError) throw err;
    throw new ListError(`malformed ${name} document: ${err.message}`);
  }
  const format = wrapper.format;
  if (signed.payloadHashAlg !== SHA_256 || !equalBytes(await sha256(content), signed.payload)) {
    throw new ListError(`${format} content does not match its signed hash`);
  }
  try {
    return { format, signed, document: cborDecode(content) };
  } catch (err) {
    throw new ListError(`malformed ${format} document: ${err.message}`);
  }
}

async function kidOf(certDer) {
  return (await sha256(certDer)).slice(0, 8);
}

async function rootSigned(signed, trust) {
  return equalBytes(signed.kid, trust.rootKid) && verifySign1(signed, trust.rootKey);
}

function trustedKey(kid, officeId, cert, point, validFrom, validTo) {
  const until = validTo === null ? null : epoch(validTo);
  return { kid, kidHex: toHex(kid), officeId, cert, point, validFrom: epoch(validFrom), validTo: until };
}

/** The full form's keys: each entry's kid must be the SHA-256 of its certificate. */
async function fullKeys(entries) {
  // Digests in parallel: a national list has ~5,000 keys, and one await each is 5x slower.
  const certs = entries.map((entry) => field(entry, 'cert'));
  if (!certs.every((cert) => cert instanceof Uint8Array)) throw new ListError('trust list entry without a certificate');
  const kids = await Promise.all(certs.map(kidOf));
  return entries.map((entry, i) => {
    const kid = field(entry, 'kid');
    if (!(kid instanceof Uint8Array) || !equalBytes(kid, kids[i])) {
      throw new ListError("trust list entry's kid does not match its certificate");
    }
    const officeId = String(field(entry, 'office_id'));
    return trustedKey(kid, officeId, certs[i], null, field(entry, 'valid_from'), field(entry, 'valid_to'));
  });
}

/** The compact form's keys: [kid, office_id, compressed point, valid_from, valid_to | null]. */
function compactKeys(entries) {
  return entries.map((entry) => {
    if (!Array.isArray(entry) || entry.length !== 5) throw new ListError('trust key entry is not an array of five items');
    const [kid, officeId, point, validFrom, validTo] = entry;
    if (!(kid instanceof Uint8Array) || !kid.length || typeof officeId !== 'string') {
      throw new ListError('trust key entry lacks a kid or an office id');
    }
    // Shape only: the point is decompressed and imported when a credential names its key.
    if (!(point instanceof Uint8Array) || point.length !== 33 || (point[0] !== 2 && point[0] !== 3)) {
      throw new ListError("trust key entry's key is not a compressed P-256 point");
    }
    return trustedKey(kid, officeId, null, point, validFrom, validTo);
  });
}

function statusListIds(value) {
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) {
    throw new ListError('status_lists is not a list of list ids');
  }
  return value;
}

/**
 * Parse and check a trust list (JSON text or object), full (TRUST_FORMAT) or compact
 * (KEYS_FORMAT): its signature against its own root, and that root against the pinned SHA-256
 * fingerprint (hex or bytes) when one is given. Returns {format, issuedAt, rootCert, rootKid,
 * rootFingerprint (hex), rootKey, statusLists (list ids; compact form only, else []),
 * keys: Map(kid hex -> key)}, each key {kid, kidHex, officeId, cert (full form) or point (compact
 * form; the other null), validFrom, validTo}. Throws ListError.
 */
export async function loadTrustList(doc, rootFingerprint = null) {
  const { format, signed, document } = await envelope(doc, TRUST_FORMAT, KEYS_FORMAT);
  const compact = format === KEYS_FORMAT;
  let trust;
  try {
    const rootCert = field(field(document, 'root'), 'cert');
    if (!(rootCert instanceof Uint8Array)) throw new ListError('root certificate missing');
    const entries = field(document, 'keys');
    if (!Array.isArray(entries)) throw new ListError('keys is not a list');
    const keys = new Map();
    for (const key of compact ? compactKeys(entries) : await fullKeys(entries)) keys.set(key.kidHex, key);
    trust = {
      format,
      issuedAt: epoch(field(document, 'issued_at')),
      rootCert,
      rootKid: await kidOf(rootCert),
      statusLists: compact ? statusListIds(field(document, 'status_lists')) : [],
      keys,
    };
  } catch (err) {
    if (err instanceof ListError) throw err;
    throw new ListError(`malformed trust list: ${err.message}`);
  }
  try {
    trust.rootKey = await importCertificateKey(trust.rootCert);
  } catch {
    throw new ListError('root certificate does not hold a P-256 key');
  }
  const fingerprint = await sha256(trust.rootCert);
  trust.rootFingerprint = toHex(fingerprint);
  if (rootFingerprint != null && rootFingerprint !== '') {
    const pin = typeof rootFingerprint === 'string' ? fromHex(rootFingerprint) : rootFingerprint;
    if (!equalBytes(fingerprint, pin)) throw new ListError('trust list root does not match the pinned fingerprint');
  }
  if (!(await rootSigned(signed, trust))) throw new ListError('trust list signature does not verify against its root');
  return trust;
}

/**
 * Parse and check a status list (JSON text or object) against an already checked trust list.
 * Returns {listId, size, issuedAt, bits, isRevoked(index), revocation(index)}; revocation(index) is
 * {on: 'YYYY-MM-DD', reason: category} when the list says when and why, else null. Throws ListError.
 */
export async function loadStatusList(doc, trust) {
  const { signed, document } = await envelope(doc, STATUS_FORMAT);
  if (!(await rootSigned(signed, trust))) {
    throw new ListError("status list signature does not verify against the trust list's root");
  }
  try {
    const size = field(document, 'size');
    const packed = field(document, 'bits');
    if (!Number.isInteger(size) || !(size > 0 && size <= MAX_STATUS_LIST_SIZE) || !(packed instanceof Uint8Array)) {
      throw new ListError('status list size or bits out of range');
    }
    const listId = String(field(document, 'list_id'));
    const issuedAt = epoch(field(document, 'issued_at'));
    const expected = Math.ceil(size / 8);
    const bits = await inflate(packed, expected + 1).catch(() => null);
    if (!bits || bits.length !== expected) throw new ListError('status bits do not match the list size');
    const details = revocationDetails(document, size);
    return {
      listId,
      size,
      issuedAt,
      bits,
      isRevoked: (index) => bitIsSet(bits, index),
      revocation: (index) => details.get(index) ?? null,
    };
  } catch (err) {
    if (err instanceof ListError) throw err;
    throw new ListError(`malformed status list: ${err.message}`);
  }
}

/** The optional, signed `revocations` of a status list: [[index, 'YYYY-MM-DD', category], ...]. */
function revocationDetails(document, size) {
  const entries = document instanceof Map ? document.get('revocations') : document?.revocations;
  const details = new Map();
  if (entries === undefined) return details;
  if (!Array.isArray(entries)) throw new ListError('revocations is not a list');
  for (const entry of entries) {
    const [index, on, reason] = Array.isArray(entry) ? entry : [];
    if (!Number.isInteger(index) || index < 0 || index >= size || !/^\d{4}-\d{2}-\d{2}$/.test(String(on)) || typeof reason !== 'string') {
      throw new ListError('malformed revocation entry');
    }
    details.set(index, { on, reason });
  }
  return details;
}

/** Bit i is bit (7 - i % 8) of byte floor(i / 8): most significant bit first; 1 = revoked. */
export function bitIsSet(bits, index) {
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

// --- the credential ------------------------------------------------------------------------------

const CLAIM_ISS = 1;
const CLAIM_EXP = 4;
const CLAIM_IAT = 6;
const CLAIM_SONOD = -65537;

/** Lenient percent-decoding, like Python's urllib.parse.unquote. */
function unquote(text) {
  return text.replace(/(%[0-9A-Fa-f]{2})+/g, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m;
    }
  });
}

/** Accept the bare "SS1:..." text or a verify URL (or a location.hash) carrying it after '#'. */
export function payloadFromText(text) {
  let t = String(text).trim();
  if (!t.startsWith(PREFIX) && t.includes('#')) t = unquote(t.slice(t.indexOf('#') + 1));
  return t;
}

/** Unwrap QR text into the COSE_Sign1 it carries (no signature check). Throws FormatError. */
export async function decodeQr(text) {
  const payload = payloadFromText(text);
  if (!payload.startsWith(PREFIX)) throw new FormatError('not a Sonod Sheba credential (missing SS1: prefix)');
  try {
    return parseSign1(await inflate(base45Decode(payload.slice(PREFIX.length)), MAX_COSE_BYTES));
  } catch (err) {
    if (err instanceof FormatError) {
      throw new FormatError(err.message.startsWith('decompressed') ? 'credential is truncated or too large' : `unreadable credential: ${err.message}`);
    }
    throw new FormatError(`unreadable credential: ${err && err.message}`);
  }
}

function typed(value, kind) {
  const ok =
    kind === 'int' ? Number.isSafeInteger(value) : kind === 'bytes' ? value instanceof Uint8Array : typeof value === kind;
  if (!ok) throw new FormatError(`claim has the wrong type (expected ${kind === 'string' ? 'str' : kind})`);
  return value;
}

function isoDay(days) {
  return new Date(days * DAY * 1000).toISOString().slice(0, 10);
}

function seconds(value) {
  typed(value, 'int');
  if (value < MIN_SECONDS || value > MAX_SECONDS) throw new FormatError('incomplete claims: time out of range');
  return value;
}

/**
 * The certificate claims from a decoded CWT claims map (snake_case, like the Python dataclass):
 * {certificate_no, type_code, office_id, issued_on (YYYY-MM-DD), holder_name, record_hash (hex),
 *  status_list_id, status_index, expires_on (YYYY-MM-DD or null)}, plus the signing time and the
 * expiry instant (seconds; the first second after the expiry day in Bangladesh, or null).
 */
export function claimsFromCwt(cwt) {
  if (!(cwt instanceof Map)) throw new FormatError('incomplete claims: not a map');
  const need = (map, key) => {
    if (!map.has(key)) throw new FormatError(`incomplete claims: ${key}`);
    return map.get(key);
  };
  const ours = need(cwt, CLAIM_SONOD);
  if (!(ours instanceof Map)) throw new FormatError('claim has the wrong type (expected Mapping)');
  const exp = cwt.get(CLAIM_EXP);
  let expiresOn = null;
  let expiresAt = null;
  if (exp !== undefined && exp !== null) {
    const day = Math.floor((seconds(exp) - 1 + BD_OFFSET) / DAY); // the expiry day, in Bangladesh
    expiresOn = isoDay(day);
    expiresAt = (day + 1) * DAY - BD_OFFSET;
  }
  const issuedDays = typed(need(ours, 3), 'int');
  if (issuedDays < -719162 || issuedDays > 2932896) throw new FormatError('incomplete claims: date out of range');
  const claims = {
    certificate_no: typed(need(ours, 1), 'string'),
    type_code: typed(need(ours, 2), 'string'),
    office_id: typed(need(cwt, CLAIM_ISS), 'string'),
    issued_on: isoDay(issuedDays),
    holder_name: typed(need(ours, 4), 'string'),
    record_hash: toHex(typed(need(ours, 5), 'bytes')),
    status_list_id: typed(need(ours, 6), 'string'),
    status_index: typed(need(ours, 7), 'int'),
    expires_on: expiresOn,
  };
  return { claims, signedAt: new Date(seconds(need(cwt, CLAIM_IAT)) * 1000), expiresAt };
}

/** The claims a credential carries, WITHOUT checking anything (to know which status list to fetch). */
export async function peekClaims(text) {
  try {
    return claimsFromCwt(cborDecode((await decodeQr(text)).payload)).claims;
  } catch {
    return null;
  }
}

function verdict(status, reason, claims = null, kid = null, signedAt = null, retiredKey = false) {
  return { status, reason, claims, kid, signedAt, retiredKey };
}

const day = (d) => d.toISOString().slice(0, 10);

/**
 * Verify QR text against an already checked trust list (from loadTrustList). `statusList(listId)`
 * returns (or resolves to) the checked status list, null when it is not at hand, or throws
 * ListError when it does not verify. `now` is a Date (or anything Date accepts).
 */
export async function checkCredential(text, trust, statusList, now = new Date()) {
  let signed;
  try {
    signed = await decodeQr(text);
  } catch (err) {
    return verdict('bad_format', err.message);
  }
  const kid = toHex(signed.kid);
  const key = trust.keys.get(kid);
  if (!key) return verdict('unknown_kid', `key ${kid} is not in the trust list`, null, kid);
  // A compact-form key has no certificate: the publisher checked it before signing the list.
  if (key.cert && !(await issuedBy(key.cert, trust.rootCert, trust.rootKey))) {
    return verdict('untrusted', `key ${kid} is not certified by the trust list's root`, null, kid);
  }
  let publicKey;
  try {
    publicKey = key.publicKey || (key.publicKey = await (key.cert ? importCertificateKey(key.cert) : importPointKey(key.point)));
  } catch {
    return verdict('untrusted', `key ${kid} is not a P-256 key`, null, kid);
  }
  if (!(await verifySign1(signed, publicKey))) return verdict('tampered', 'the signature does not match the content', null, kid);
  let parsed;
  try {
    parsed = claimsFromCwt(cborDecode(signed.payload));
  } catch (err) {
    return verdict('bad_format', `signed content is not a certificate credential: ${err.message}`, null, kid);
  }
  const { claims, signedAt, expiresAt } = parsed;
  const refuse = (status, reason) => verdict(status, reason, claims, kid, signedAt);
  if (claims.office_id !== key.officeId) {
    return refuse('office_mismatch', `key ${kid} belongs to ${key.officeId}, not ${claims.office_id}`);
  }
  if (key.validTo && signedAt >= key.validTo) {
    return refuse('retired_key', `signed ${day(signedAt)} by a key retired on ${day(key.validTo)}`);
  }
  if (signedAt < key.validFrom) {
    return refuse('key_not_yet_valid', `signed before the key's validity began (${day(key.validFrom)})`);
  }
  let listed;
  try {
    listed = await statusList(claims.status_list_id);
  } catch (err) {
    if (err instanceof ListError) return refuse('untrusted', err.message);
    throw err;
  }
  if (listed == null) {
    return refuse('status_unavailable', `no status list ${JSON.stringify(claims.status_list_id)} to check revocation`);
  }
  if (listed.listId !== claims.status_list_id || !(claims.status_index >= 0 && claims.status_index < listed.size)) {
    return refuse('untrusted', 'the status list does not cover this certificate');
  }
  if (listed.isRevoked(claims.status_index)) return refuse('revoked', 'the issuing office has revoked this certificate');
  if (expiresAt !== null && new Date(now).getTime() / 1000 >= expiresAt) {
    return refuse('expired', `expired after ${claims.expires_on}`);
  }
  const retired = key.validTo !== null;
  const note = retired ? 'valid (signed by a since-retired key, before its retirement)' : 'valid';
  return verdict('valid', note, claims, kid, signedAt, retired);
}

function pickStatusDoc(docs, listId) {
  if (docs == null) return null;
  if (docs instanceof Map) return docs.get(listId) ?? null;
  if (Array.isArray(docs)) {
    // Keyed by the wrapper's list_id only to find the document; the signed id is what counts.
    return docs.find((d) => (typeof d === 'string' ? JSON.parse(d) : d)?.list_id === listId) ?? null;
  }
  return Object.hasOwn(docs, listId) ? docs[listId] : null;
}

/**
 * Offline verification from the published JSON documents (checked here, each time), like
 * credentials.verify_qr. The trust list may be either form. `statusListJsons`: {listId: doc}, a Map, or an array of docs. Resolves to
 * {status, reason, claims, kid (hex), signedAt (Date), retiredKey}; status is one of STATUSES.
 */
export async function verifyCredential(text, trustListJson, statusListJsons, rootFingerprintHex = null, now = new Date()) {
  let trust;
  try {
    trust = await loadTrustList(trustListJson, rootFingerprintHex);
  } catch (err) {
    if (err instanceof ListError || err instanceof FormatError) return verdict('untrusted', err.message);
    throw err;
  }
  const lookup = async (listId) => {
    let doc;
    try {
      doc = pickStatusDoc(statusListJsons, listId);
    } catch (err) {
      throw new ListError(`malformed ${STATUS_FORMAT} document: ${err.message}`);
    }
    return doc == null ? null : loadStatusList(doc, trust);
  };
  return checkCredential(text, trust, lookup, now);
}

// --- certificate numbers (chalicelib/domain/codes.py) ---------------------------------------------

export const NUMBER_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXY';
const CONFUSABLE = { O: '0', I: '1', L: '1', U: 'V', Z: '2' };

/** Upper-case, drop separators, map look-alikes (O->0, I/L->1, U->V, Z->2) and Bengali digits. */
export function normaliseNumber(text) {
  return String(text)
    .replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - 0x09e6))
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/[OILUZ]/g, (c) => CONFUSABLE[c]);
}

/** ISO 7064 MOD 31-2 over NUMBER_ALPHABET: true when the check character matches. */
export function isValidNumber(text) {
  const code = normaliseNumber(text);
  if (code.length < 2) return false;
  let check = 0;
  for (const c of code) {
    const v = NUMBER_ALPHABET.indexOf(c);
    if (v < 0) return false;
    check = (2 * check + v) % 31;
  }
  return check === 1;
}

/** "K8HHSXXFW9KD4Y" -> "K8HH-SXXF-W9KD-4Y". */
export function displayNumber(code, group = 4) {
  const parts = [];
  for (let i = 0; i < code.length; i += group) parts.push(code.slice(i, i + group));
  return parts.join('-');
}
