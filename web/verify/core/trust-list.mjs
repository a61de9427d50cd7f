// The trust list: the root certificate and every office key, full (X.509 certificates) or compact
// (bare compressed keys, ~5x smaller); loadTrustList takes either, and the verdicts are the same.

import { equalBytes, fromHex, sha256, toHex } from './bytes.mjs';
import { ListError } from './errors.mjs';
import { envelope, epoch, field, kidOf, rootSigned } from './signed-list.mjs';
import { importCertificateKey } from './x509.mjs';

export const TRUST_FORMAT = 'sonod-trust-list/1';
export const KEYS_FORMAT = 'sonod-trust-keys/1'; // the compact trust list (GET /v1/trust-list?form=keys)

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
