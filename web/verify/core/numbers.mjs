// Certificate numbers (chalicelib/domain/codes.py): normalising what people type, the check
// character, and the grouped display.

export const NUMBER_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXY';
const CONFUSABLE = { O: '0', I: '1', L: '1', U: 'V', Z: '2' };

/** Upper-case, drop separators, map look-alikes (O->0, I/L->1, U->V, Z->2) and Bengali digits. */
export function normaliseNumber(text) {
  return String(text)
    .replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - 0x09e6))
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/[OILUZ]/g, (c) => CONFUSABLE[c]);
}

/** ISO 7064 MOD 31-2 over NUMBER_ALPHABET: true when the check character matches. */
export function isValidNumber(text) {
  const code = normaliseNumber(text);
  if (code.length < 2) return false;
  let check = 0;
  for (const c of code) {
    const v = NUMBER_ALPHABET.indexOf(c);
    if (v < 0) return false;
    check = (2 * check + v) % 31;
  }
  return check === 1;
}

/** "K8HHSXXFW9KD4Y" -> "K8HH-SXXF-W9KD-4Y". */
export function displayNumber(code, group = 4) {
  const parts = [];
  for (let i = 0; i < code.length; i += group) parts.push(code.slice(i, i + group));
  return parts.join('-');
}
