// Numbers, money and dates for the app and the verifier, in the current language (i18n.mjs):
// Bengali digits and month names in Bengali, lakh grouping, dates in Bangladesh time (UTC+6).

import { digits, lang, num } from './i18n.mjs';

export { digits, num };

const BD_OFFSET_MS = 6 * 3600 * 1000; // Bangladesh: UTC+6, no daylight saving
const MONTHS = {
  bn: ['জানুয়ারি', 'ফেব্রুয়ারি', 'মার্চ', 'এপ্রিল', 'মে', 'জুন', 'জুলাই', 'আগস্ট', 'সেপ্টেম্বর', 'অক্টোবর', 'নভেম্বর', 'ডিসেম্বর'],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** Integer poisha → ৳ with Bengali digits: 8000 → ৳৮০, 8050 → ৳৮০.৫০. */
export function money(poisha, l = lang()) {
  const p = Number(poisha) || 0;
  return `৳${num(p / 100, l, p % 100 ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : {})}`;
}

export function monthName(month, l = lang()) {
  return MONTHS[l === 'en' ? 'en' : 'bn'][month - 1];
}

/** 'YYYY-MM-DD', an ISO timestamp or a Date → '৩০ জুন ২০২৬' (instants in Bangladesh time). */
export function date(iso, l = lang()) {
  if (!iso) return '—';
  let y;
  let m;
  let d;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) [y, m, d] = iso.split('-').map(Number);
  else {
    const at = new Date(instant(iso) + BD_OFFSET_MS);
    if (Number.isNaN(at.getTime())) return String(iso);
    [y, m, d] = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()];
  }
  return digits(`${d} ${monthName(m, l)} ${y}`, l);
}

/** An ISO timestamp or a Date → '২৮ নভেম্বর ২০২৬, ১৪:৪৩' (Bangladesh time, UTC+6). */
export function dateTime(iso, l = lang()) {
  if (!iso) return '—';
  const at = new Date(instant(iso) + BD_OFFSET_MS);
  if (Number.isNaN(at.getTime())) return String(iso);
  const hh = String(at.getUTCHours()).padStart(2, '0');
  const mm = String(at.getUTCMinutes()).padStart(2, '0');
  return `${date(iso, l)}, ${digits(`${hh}:${mm}`, l)}`;
}

function instant(value) {
  return value instanceof Date ? value.getTime() : Date.parse(value);
}
