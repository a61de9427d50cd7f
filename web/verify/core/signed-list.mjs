// What the trust list and the status lists share: JSON {format, cose, content}, where `cose` is a
// COSE Hash Envelope (RFC 9995) by the root key over SHA-256(content) and `content` is base64 CBOR
// (see tests/vectors/README.md).

import { base64Decode, equalBytes, sha256 } from './bytes.mjs';
import { cborDecode } from './cbor.mjs';
import { parseSign1, verifySign1 } from './cose.mjs';
import { ListError } from './errors.mjs';
import { MAX_SECONDS, MIN_SECONDS } from './numeric-date.mjs';

const SHA_256 = -16; // COSE algorithm id of SHA-256 (RFC 9054), header 258 of a hash envelope

export function field(map, key) {
  if (!(map instanceof Map) || !map.has(key)) throw new ListError(`missing ${JSON.stringify(key)}`);
  return map.get(key);
}

export function epoch(value) {
  if (!Number.isInteger(value) || value < MIN_SECONDS || value > MAX_SECONDS) throw new ListError('expected a NumericDate');
  return new Date(value * 1000);
}

/** The wrapper's format (one of `formats`), its COSE message, and the document whose hash it signs. */
export async function envelope(doc, ...formats) {
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

export async function kidOf(certDer) {
  return (await sha256(certDer)).slice(0, 8);
}

export async function rootSigned(signed, trust) {
  return equalBytes(signed.kid, trust.rootKid) && verifySign1(signed, trust.rootKey);
}
