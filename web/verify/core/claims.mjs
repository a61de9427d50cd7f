// The certificate claims a credential's CWT carries (chalicelib/domain/credentials.py's twin).

import { toHex } from './bytes.mjs';
import { FormatError } from './errors.mjs';
import { MAX_SECONDS, MIN_SECONDS } from './numeric-date.mjs';

const BD_OFFSET = 6 * 3600; // Bangladesh: UTC+6, no daylight saving
const DAY = 86400;
const CLAIM_ISS = 1;
const CLAIM_EXP = 4;
const CLAIM_IAT = 6;
const CLAIM_SONOD = -65537;

function typed(value, kind) {
  const ok =
    kind === 'int' ? Number.isSafeInteger(value) : kind === 'bytes' ? value instanceof Uint8Array : typeof value === kind;
  if (!ok) throw new FormatError(`claim has the wrong type (expected ${kind === 'string' ? 'str' : kind})`);
  return value;
}

function isoDay(days) {
  return new Date(days * DAY * 1000).toISOString().slice(0, 10);
}

function seconds(value) {
  typed(value, 'int');
  if (value < MIN_SECONDS || value > MAX_SECONDS) throw new FormatError('incomplete claims: time out of range');
  return value;
}

/**
 * The certificate claims from a decoded CWT claims map (snake_case, like the Python dataclass):
 * {certificate_no, type_code, office_id, issued_on (YYYY-MM-DD), holder_name, record_hash (hex),
 *  status_list_id, status_index, expires_on (YYYY-MM-DD or null)}, plus the signing time and the
 * expiry instant (seconds; the first second after the expiry day in Bangladesh, or null).
 */
export function claimsFromCwt(cwt) {
  if (!(cwt instanceof Map)) throw new FormatError('incomplete claims: not a map');
  const need = (map, key) => {
    if (!map.has(key)) throw new FormatError(`incomplete claims: ${key}`);
    return map.get(key);
  };
  const ours = need(cwt, CLAIM_SONOD);
  if (!(ours instanceof Map)) throw new FormatError('claim has the wrong type (expected Mapping)');
  const exp = cwt.get(CLAIM_EXP);
  let expiresOn = null;
  let expiresAt = null;
  if (exp !== undefined && exp !== null) {
    const day = Math.floor((seconds(exp) - 1 + BD_OFFSET) / DAY); // the expiry day, in Bangladesh
    expiresOn = isoDay(day);
    expiresAt = (day + 1) * DAY - BD_OFFSET;
  }
  const issuedDays = typed(need(ours, 3), 'int');
  if (issuedDays < -719162 || issuedDays > 2932896) throw new FormatError('incomplete claims: date out of range');
  const claims = {
    certificate_no: typed(need(ours, 1), 'string'),
    type_code: typed(need(ours, 2), 'string'),
    office_id: typed(need(cwt, CLAIM_ISS), 'string'),
    issued_on: isoDay(issuedDays),
    holder_name: typed(need(ours, 4), 'string'),
    record_hash: toHex(typed(need(ours, 5), 'bytes')),
    status_list_id: typed(need(ours, 6), 'string'),
    status_index: typed(need(ours, 7), 'int'),
    expires_on: expiresOn,
  };
  return { claims, signedAt: new Date(seconds(need(cwt, CLAIM_IAT)) * 1000), expiresAt };
}

// Receipts carry a certificate's claims (decision 69): the number is the receipt's, the holder the
// payer, and a revoked receipt is one its office cancelled. Their names are not in the certificate
// catalog the page saves, so they are known here, offline.
export const RECEIPT_TYPES = new Map([['holding_tax_receipt', { name_bn: 'হোল্ডিং করের রসিদ', name_en: 'Holding tax receipt' }]]);

export function isReceipt(typeCode) {
  return RECEIPT_TYPES.has(typeCode);
}

/** The status to show: a receipt's revocation reads "cancelled". */
export function shownStatus(status, typeCode) {
  return status === 'revoked' && isReceipt(typeCode) ? 'cancelled' : status;
}
