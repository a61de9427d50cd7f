// Base45 (RFC 9285), the QR alphabet's encoding of the compressed credential. Hand-written: the
// npm `base45` package is CommonJS, needs Buffer and does not refuse invalid input (decision 59).

import { FormatError } from './errors.mjs';

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
