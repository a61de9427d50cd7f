// COSE_Sign1 (RFC 9052) with ES256: the envelope of credentials and of the signed lists.

import { subtle } from './bytes.mjs';
import { cborDecode, cborEncode, Tagged } from './cbor.mjs';
import { FormatError } from './errors.mjs';

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
