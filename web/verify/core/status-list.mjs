// A status list: one bit per certificate (1 = revoked), and optionally when and why, signed.

import { ListError } from './errors.mjs';
import { envelope, epoch, field, rootSigned } from './signed-list.mjs';
import { inflate } from './zlib.mjs';

export const STATUS_FORMAT = 'sonod-status-list/1';
const MAX_STATUS_LIST_SIZE = 8 * 1024 * 1024;

/**
 * Parse and check a status list (JSON text or object) against an already checked trust list.
 * Returns {listId, size, issuedAt, bits, isRevoked(index), revocation(index)}; revocation(index) is
 * {on: 'YYYY-MM-DD', reason: category} when the list says when and why, else null. Throws ListError.
 */
export async function loadStatusList(doc, trust) {
  const { signed, document } = await envelope(doc, STATUS_FORMAT);
  if (!(await rootSigned(signed, trust))) {
    throw new ListError("status list signature does not verify against the trust list's root");
  }
  try {
    const size = field(document, 'size');
    const packed = field(document, 'bits');
    if (!Number.isInteger(size) || !(size > 0 && size <= MAX_STATUS_LIST_SIZE) || !(packed instanceof Uint8Array)) {
      throw new ListError('status list size or bits out of range');
    }
    const listId = String(field(document, 'list_id'));
    const issuedAt = epoch(field(document, 'issued_at'));
    const expected = Math.ceil(size / 8);
    const bits = await inflate(packed, expected + 1).catch(() => null);
    if (!bits || bits.length !== expected) throw new ListError('status bits do not match the list size');
    const details = revocationDetails(document, size);
    return {
      listId,
      size,
      issuedAt,
      bits,
      isRevoked: (index) => bitIsSet(bits, index),
      revocation: (index) => details.get(index) ?? null,
    };
  } catch (err) {
    if (err instanceof ListError) throw err;
    throw new ListError(`malformed status list: ${err.message}`);
  }
}

/** The optional, signed `revocations` of a status list: [[index, 'YYYY-MM-DD', category], ...]. */
function revocationDetails(document, size) {
  const entries = document instanceof Map ? document.get('revocations') : document?.revocations;
  const details = new Map();
  if (entries === undefined) return details;
  if (!Array.isArray(entries)) throw new ListError('revocations is not a list');
  for (const entry of entries) {
    const [index, on, reason] = Array.isArray(entry) ? entry : [];
    if (!Number.isInteger(index) || index < 0 || index >= size || !/^\d{4}-\d{2}-\d{2}$/.test(String(on)) || typeof reason !== 'string') {
      throw new ListError('malformed revocation entry');
    }
    details.set(index, { on, reason });
  }
  return details;
}

/** Bit i is bit (7 - i % 8) of byte floor(i / 8): most significant bit first; 1 = revoked. */
export function bitIsSet(bits, index) {
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}
