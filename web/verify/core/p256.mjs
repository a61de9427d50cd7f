// P-256 point decompression (SEC 1 v2, 2.3.4) for the compact trust list, which carries each
// office key as a 33-byte compressed point. Not every browser's WebCrypto imports compressed
// points, but all import the uncompressed 65-byte form, so we recover y from x here:
// y² = x³ − 3x + b (mod p), and since p ≡ 3 (mod 4), y = (y²)^((p+1)/4) mod p.
// This is arithmetic on public data only: signatures are still checked by WebCrypto, which also
// checks on import that the point lies on the curve. ~0.2 ms per key on a laptop (a few ms on a
// cheap phone), and only for the key a credential names.

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
const SQRT_EXP = (P + 1n) / 4n;
const SIZE = 32;

function modPow(base, exp, mod) {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

function toBigInt(bytes) {
  let n = 0n;
  for (const byte of bytes) n = (n << 8n) | BigInt(byte);
  return n;
}

function toBytes(n) {
  const out = new Uint8Array(SIZE);
  for (let i = SIZE - 1, v = n; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/**
 * The uncompressed point (0x04 || x || y, 65 bytes) of a compressed P-256 point (0x02 or 0x03
 * for even or odd y, then x: 33 bytes). Throws RangeError when it is not a point on the curve.
 */
export function decompressP256(point) {
  if (!(point instanceof Uint8Array) || point.length !== SIZE + 1 || (point[0] !== 2 && point[0] !== 3)) {
    throw new RangeError('not a compressed P-256 point');
  }
  const x = toBigInt(point.subarray(1));
  if (x >= P) throw new RangeError('P-256 point: x out of range');
  const ySquared = (((x * x * x - 3n * x + B) % P) + P) % P;
  let y = modPow(ySquared, SQRT_EXP, P);
  if ((y * y) % P !== ySquared) throw new RangeError('P-256 point: not on the curve');
  if (Number(y & 1n) !== (point[0] & 1)) y = P - y; // y is never 0 on P-256 (prime order)
  const out = new Uint8Array(1 + 2 * SIZE);
  out[0] = 4;
  out.set(point.subarray(1), 1);
  out.set(toBytes(y), 1 + SIZE);
  return out;
}
