// CBOR (RFC 8949) through cborg (npm, ESM, no build step; served from node_modules), held to what
// Python's cbor2 gives the verifier's twin (chalicelib/domain/credentials.py): maps stay Map with
// their keys as decoded, byte strings Uint8Array, integers beyond 2^53 BigInt, any tag a Tagged,
// and simple values other than false/true/null/undefined a Simple. Stricter than cborg's defaults:
// definite lengths only, text strings must be valid UTF-8, at most 64 levels of nesting.

import { decodeFirst, encode, Tagged, Token, Tokenizer, Type } from '../../node_modules/cborg/cborg.js';
import { FormatError } from './errors.mjs';

export { Tagged };

/** A simple value other than false, true, null and undefined. */
export class Simple {
  constructor(value) {
    this.value = value;
  }
}

const MAX_DEPTH = 64;
const utf8 = new TextDecoder('utf-8', { fatal: true });
// Every tag decodes to a Tagged (tag 18 is COSE_Sign1; the others are passed through as they are).
const ANY_TAG = new Proxy({}, { get: (_, key) => (/^\d+$/.test(key) ? Tagged.decoder(Number(key)) : undefined) });

/** cborg's tokenizer, plus Simple values, UTF-8 validation and a bound on nesting. */
class StrictTokenizer {
  constructor(bytes, options) {
    this.bytes = bytes;
    this.inner = new Tokenizer(bytes, options);
    this.open = []; // items still expected by each open array, map or tag
  }

  pos() {
    return this.inner.pos();
  }

  done() {
    return this.inner.done();
  }

  next() {
    while (this.open.length && this.open.at(-1) === 0) this.open.pop();
    if (this.open.length) this.open[this.open.length - 1] -= 1;
    const token = this.simple() ?? this.inner.next();
    if (token.type === Type.string && !validUtf8(token.byteValue)) {
      throw new FormatError('CBOR: invalid UTF-8 in a text string');
    }
    const items = token.type === Type.array ? token.value : token.type === Type.map ? 2 * token.value : token.type === Type.tag ? 1 : 0;
    if (items) {
      if (this.open.length >= MAX_DEPTH) throw new FormatError('CBOR: nested too deeply');
      this.open.push(items);
    }
    return token;
  }

  /** Simple values 0..19 (one byte) and 32..255 (two bytes), which cborg refuses. */
  simple() {
    const at = this.inner.pos();
    const ib = this.bytes[at];
    if (ib >= 0xe0 && ib <= 0xf3) return this.skip(new Token(Type.float, new Simple(ib & 31), 1));
    if (ib === 0xf8 && at + 1 < this.bytes.length) return this.skip(new Token(Type.float, new Simple(this.bytes[at + 1]), 2));
    return null;
  }

  skip(token) {
    // cborg's Tokeniser keeps its position in `_pos` and has no seek; the version is pinned (6.1.5)
    // and the CBOR tests of web/test/verify-core.test.mjs cover simple values.
    this.inner._pos += token.encodedLength;
    return token;
  }
}

function validUtf8(bytes) {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decode one CBOR item. Trailing bytes are ignored unless `strict` (Python's cbor2.loads ignores
 * them too). Throws FormatError.
 */
export function cborDecode(bytes, { strict = false } = {}) {
  const options = { useMaps: true, allowIndefinite: false, allowBigInt: true, retainStringBytes: true, tags: ANY_TAG };
  let value;
  let rest;
  try {
    [value, rest] = decodeFirst(bytes, { ...options, tokenizer: new StrictTokenizer(bytes, options) });
  } catch (err) {
    if (err instanceof FormatError) throw err;
    throw new FormatError(`CBOR: ${String(err?.message || err).replace(/^CBOR decode error: /, '')}`);
  }
  if (strict && rest.length) throw new FormatError('CBOR: trailing bytes');
  return value;
}

/** Encode integers, strings, Uint8Array, arrays, Map (or plain objects), Tagged, booleans, null. */
export function cborEncode(value) {
  return encode(value);
}
