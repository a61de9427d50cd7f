// DER / X.509: just enough to find a certificate's public key, names and signature, and to check
// that the root issued it. Hand-written (~100 lines): asn1js/pkijs weigh ~16 KB+ gzipped and import
// their dependencies by bare specifier, which a page without a build step cannot resolve under
// its CSP (decision 59).

import { equalBytes, subtle, toHex } from './bytes.mjs';
import { FormatError } from './errors.mjs';
import { decompressP256 } from './p256.mjs';

const utf8 = new TextDecoder('utf-8', { fatal: true });

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
