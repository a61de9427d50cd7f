// Bytes: hex, base64 (strict, like Python's b64decode(validate=True)), comparison, SHA-256.

import { FormatError } from './errors.mjs';

export const subtle = () => globalThis.crypto.subtle;

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

export function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export function concat(chunks) {
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
