// zlib (RFC 1950) with the platform's DecompressionStream, bounded against decompression bombs.

import { concat } from './bytes.mjs';
import { FormatError } from './errors.mjs';

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
