// A credential, end to end: QR text "SS1:" + Base45(zlib(COSE_Sign1(ES256, protected {1: -7, 4: kid},
// payload = CWT))), checked against a trust list and a status list to one of STATUSES.

import { base45Decode } from './base45.mjs';
import { toHex } from './bytes.mjs';
import { cborDecode } from './cbor.mjs';
import { claimsFromCwt } from './claims.mjs';
import { parseSign1, verifySign1 } from './cose.mjs';
import { FormatError, ListError } from './errors.mjs';
import { loadStatusList, STATUS_FORMAT } from './status-list.mjs';
import { loadTrustList } from './trust-list.mjs';
import { importCertificateKey, importPointKey, issuedBy } from './x509.mjs';
import { inflate } from './zlib.mjs';

export const PREFIX = 'SS1:';
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
