// Form validation that mirrors the server (chalicelib/domain/forms.py), so citizens see the same
// verdict while they type. Pure functions: no DOM, tested with `node --test web/test/`.
// Messages are {bn, en} from the i18n table (v.* keys); field paths are the server's:
// fields.name, fields.heirs[0].name_bn.

import { digits, monthName, t } from '../i18n.mjs';

const BN_DIGITS = '০১২৩৪৫৬৭৮৯';
const BENGALI = /[\u0980-\u09FF]/;
const LATIN = /[A-Za-z]/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ID_LENGTHS = { nid: [10, 13, 17], brn: [17] };
const DECIMAL = /\p{Nd}/u;
const DATE_PARTS = ['day', 'month', 'year'];
// The separators chalicelib/domain/canonical.py `fold` removes from a number.
const SEPARATORS = /[\p{Zs}\p{Zl}\p{Zp}\p{Pd}\p{Pc}\p{Cf}\p{Cc}./\\\u00b7\u2212\u2044\u2215\u2027\u30fb]/gu;
/** The earliest year a date of the catalog's forms may have (the server's forms.MIN_YEAR). */
export const MIN_YEAR = 1900;

/** The value of one decimal digit of any script: Unicode encodes each script's digits as one
 * run from 0 to 9 (runs may follow each other), so it is the distance to its run's start mod 10. */
function digitValue(ch) {
  let cp = ch.codePointAt(0);
  let steps = 0;
  while (DECIMAL.test(String.fromCodePoint(cp - 1))) {
    cp -= 1;
    steps += 1;
  }
  return steps % 10;
}

/** NFKC, then every decimal digit of any script (Bengali, Devanagari, Arabic-Indic, fullwidth…) as
 * its ASCII digit; separators stay. The same as the server's canonical.ascii_digits. */
export function asciiDigits(text) {
  return String(text ?? '')
    .normalize('NFKC')
    .replace(/\p{Nd}/gu, (d) => (d >= '0' && d <= '9' ? d : String(digitValue(d))));
}

export function bnDigits(text) {
  return String(text ?? '').replace(/[0-9]/g, (d) => BN_DIGITS[Number(d)]);
}

/** A number as the server folds it (canonical.fold): ASCII digits, separators and invisible characters removed. */
export function fold(text) {
  return asciiDigits(text).replace(SEPARATORS, '');
}

/** '01711-000000', '+8801711000000', Bengali digits → '01711000000'; null if not a BD mobile. */
export function normalisePhone(raw) {
  const m = /^(?:\+?88)?(01[3-9]\d{8})$/.exec(fold(raw));
  return m ? m[1] : null;
}

/** Today's date in Bangladesh (UTC+6, no daylight saving), as the server's date checks use. */
export function todayDhaka(now = Date.now()) {
  return new Date(now + 6 * 3600 * 1000).toISOString().slice(0, 10);
}

export function isBlank(value) {
  if (value && typeof value === 'object' && !Array.isArray(value)) return DATE_PARTS.every((k) => isBlank(value[k]));
  return (
    value === null ||
    value === undefined ||
    (typeof value === 'string' && !value.trim()) ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** A message in both languages from the table: {bn, en}. */
export function both(key, vars = {}) {
  const fill = (l) => Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'function' ? v(l) : v]));
  return { bn: t(key, fill('bn'), 'bn'), en: t(key, fill('en'), 'en') };
}

class Invalid extends Error {
  constructor(key, vars) {
    super(key);
    Object.assign(this, both(key, vars));
  }
}

/** ['10', '13', '17'] → '10, 13 or 17' ('১০, ১৩ বা ১৭'), as the server's forms._either says it. */
function either(items, l) {
  const last = items[items.length - 1];
  return items.length > 1 ? `${items.slice(0, -1).join(', ')}${t('v.or', {}, l)}${last}` : last;
}

function digitsOnly(value, lengths) {
  const text = fold(value);
  if (!/^\d+$/.test(text) || !lengths.includes(text.length)) {
    throw new Invalid('v.digits', {
      lengths: (l) => either(lengths.map((x) => t('v.n', { n: x }, l)), l),
    });
  }
  return text;
}

function isRealDate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}


/** The three fields of a date as typed ({day, month, year} strings), from an ISO date or from the fields. */
export function dateParts(value) {
  if (value && typeof value === 'object') return Object.fromEntries(DATE_PARTS.map((k) => [k, String(value[k] ?? '')]));
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asciiDigits(value).trim());
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] } : { day: '', month: '', year: '' };
}

function daysIn(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day, month and year as typed (any digit script) → 'YYYY-MM-DD'; one error for the whole date. */
function assembleDate(parts) {
  const missing = DATE_PARTS.filter((k) => isBlank(parts[k]));
  if (missing.length) {
    throw new Invalid('v.date_missing', {
      parts: (l) => missing.map((k) => t(`date.${k}_word`, {}, l)).join(t('date.and', {}, l)),
    });
  }
  const [day, month, year] = DATE_PARTS.map((k) => fold(parts[k]));
  if (!/^\d{4}$/.test(year)) throw new Invalid('v.date_year');
  const d = Number(day);
  const m = Number(month);
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || m < 1 || m > 12 || d < 1) throw new Invalid('v.date');
  const n = daysIn(Number(year), m);
  if (d > n) {
    throw new Invalid('v.date_days', {
      month: (l) => `${monthName(m, l)} ${digits(year, l)}`,
      n,
    });
  }
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A date field's value: the three fields' parts (the form) or an ISO string (a stored case). */
function checkDate(value, spec, today) {
  const text = value && typeof value === 'object' ? assembleDate(value) : asciiDigits(value).trim();
  if (!isRealDate(text)) throw new Invalid('v.date');
  if (Number(text.slice(0, 4)) < MIN_YEAR) throw new Invalid('v.date_old', { year: (l) => digits(MIN_YEAR, l) });
  if (spec.validation?.past && text > today) throw new Invalid('v.future');
  return text;
}

function checkInteger(value, spec) {
  const text = asciiDigits(value).trim();
  if (typeof value === 'boolean' || !/^-?\d+$/.test(text)) throw new Invalid('v.whole');
  const number = Number(text);
  if (spec.type === 'money' && number < 0) throw new Invalid('v.negative');
  const lo = spec.validation?.min;
  const hi = spec.validation?.max;
  if ((lo !== undefined && number < lo) || (hi !== undefined && number > hi)) {
    throw new Invalid('v.range', { lo: lo ?? '', hi: hi ?? '' });
  }
  return number;
}

/** Python's re.fullmatch for the catalog's simple patterns. */
export function fullMatch(pattern, text) {
  try {
    return new RegExp(`^(?:${pattern})$`).test(text);
  } catch {
    return true; // a pattern JS cannot read: leave the verdict to the server
  }
}

function checkText(value, spec) {
  if (typeof value !== 'string') throw new Invalid('v.text');
  const text = value.trim().split(/\s+/).join(' ');
  const rules = spec.validation || {};
  const max = rules.max_length ?? (spec.type === 'textarea' ? 2000 : 200);
  const length = [...text].length;
  if (length > max) throw new Invalid('v.too_long', { n: max });
  if (length < (rules.min_length ?? 0)) throw new Invalid('v.too_short', { n: rules.min_length });
  if (rules.script === 'bn' && (!BENGALI.test(text) || LATIN.test(text))) throw new Invalid('v.script_bn');
  if (rules.script === 'latin' && (BENGALI.test(text) || !LATIN.test(text))) throw new Invalid('v.script_latin');
  if (rules.pattern && !fullMatch(rules.pattern, asciiDigits(text))) throw new Invalid('v.pattern');
  return text;
}

function checkSelect(value, spec) {
  if (!(spec.options || []).some((o) => o.value === value)) throw new Invalid('v.select');
  return value;
}

const SCALARS = {
  text: checkText,
  textarea: checkText,
  date: checkDate,
  nid: (v) => digitsOnly(v, ID_LENGTHS.nid),
  brn: (v) => digitsOnly(v, ID_LENGTHS.brn),
  phone: (v) => {
    const phone = normalisePhone(v);
    if (!phone) throw new Invalid('v.phone_field');
    return phone;
  },
  number: checkInteger,
  money: checkInteger,
  year: (v) => Number(digitsOnly(v, [4])),
  select: checkSelect,
  email: (v) => {
    if (typeof v !== 'string' || !EMAIL.test(v.trim())) throw new Invalid('v.email');
    return v.trim();
  },
};

function required(spec) {
  return both('v.required', { label: (l) => spec[`label_${l}`] });
}

function labelled(spec, err) {
  return both('v.labelled', { label: (l) => spec[`label_${l}`], message: (l) => err[l] });
}

/** One scalar field: {value} (normalised, as the server stores it) or {error: {bn, en}}. */
export function checkField(spec, value, today) {
  if (isBlank(value)) return spec.required ? { error: required(spec) } : { value: undefined };
  try {
    return { value: SCALARS[spec.type] ? SCALARS[spec.type](value, spec, today) : value };
  } catch (err) {
    if (err instanceof Invalid) return { error: labelled(spec, err) };
    throw err;
  }
}

function validateFields(specs, values, prefix, today, errors) {
  const clean = {};
  for (const spec of specs) {
    const value = values?.[spec.name];
    const path = prefix + spec.name;
    if (spec.type === 'table') {
      const rows = Array.isArray(value) ? value : [];
      if (!rows.length) {
        if (spec.required) errors.push({ field: path, ...required(spec) });
        continue;
      }
      const lo = spec.validation?.min_rows ?? 0;
      const hi = spec.validation?.max_rows ?? 50;
      if (rows.length < lo || rows.length > hi) {
        errors.push({
          field: path,
          ...labelled(spec, new Invalid('v.rows', { lo, hi })),
        });
        continue;
      }
      clean[spec.name] = rows.map((row, i) => validateFields(spec.columns || [], row, `${path}[${i}].`, today, errors));
      continue;
    }
    const partner = spec.validation?.required_with;
    const needed = partner && isBlank(value) && !isBlank(values?.[partner]);
    const result = needed ? { error: required(spec) } : checkField(spec, value, today);
    if (result.error) errors.push({ field: path, ...result.error });
    else if (result.value !== undefined) clean[spec.name] = result.value;
  }
  return clean;
}

/** A require_one_of group's error, {bn, en}: "A or B — give at least one". */
export function oneOfMessage(type, group) {
  const specs = group.map((name) => (type.fields || []).find((f) => f.name === name)).filter(Boolean);
  return both('v.one_of', { fields: (l) => specs.map((f) => f[`label_${l}`]).join(t('form.or', {}, l)) });
}

/** The whole form of a certificate type: {clean, errors: [{field, bn, en}]}. */
export function validateForm(type, values, today = todayDhaka()) {
  const errors = [];
  const clean = validateFields(type.fields || [], values || {}, 'fields.', today, errors);
  for (const group of type.require_one_of || []) {
    const given = group.some((name) => name in clean);
    const failed = errors.some((e) => group.some((name) => e.field.startsWith(`fields.${name}`)));
    if (!given && !failed) errors.push({ field: `fields.${group[0]}`, group, ...oneOfMessage(type, group) });
  }
  return { clean, errors };
}

/** The DOM id for a server field path: fields.heirs[0].name_bn → f-heirs-0-name_bn. */
export function fieldId(path) {
  return `f-${String(path)
    .replace(/^fields\./, '')
    .replace(/\[(\d+)\]\.?/g, '-$1-')
    .replace(/-$/, '')
    .replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** An English message for a server error, with the field's label when the server gave none. */
export function englishMessage(label, message) {
  if (!message) return label;
  return /^(is|must|has|cannot|give|not|a |an |the |one of)/i.test(message) ? `${label} ${message}` : message;
}

/** Taka as typed (Bengali or ASCII digits, up to 2 decimals) → integer poisha, or null. */
export function takaToPoisha(text) {
  const s = asciiDigits(text).replace(/[,\s৳]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export function poishaToTaka(poisha) {
  const whole = Math.floor(poisha / 100);
  const frac = poisha % 100;
  return frac ? `${whole}.${String(frac).padStart(2, '0')}` : String(whole);
}

// Staff accounts, checked as chalicelib/services/staff.py checks them (handover and the staff page).
const STAFF_USERNAME = /^[a-z0-9][a-z0-9.-]{2,63}$/;
export const MIN_PASSWORD = 12;

/** A new staff account's problems as [field, i18n key], in form order; [] when it will pass. */
export function accountProblems({ name_bn, name_en, username, password }) {
  const out = [];
  for (const [name, value] of [
    ['name_bn', name_bn],
    ['name_en', name_en],
  ]) {
    const length = String(value ?? '').trim().length;
    if (length < 2 || length > 100) out.push([name, 'account.name_invalid']);
  }
  if (!STAFF_USERNAME.test(String(username ?? '').trim())) out.push(['username', 'account.username_invalid']);
  if (String(password ?? '').length < MIN_PASSWORD) out.push(['password', 'account.password_invalid']);
  return out;
}

/** A deactivation's reason: 2–200 characters once trimmed, as the server wants. */
export function reasonOk(reason) {
  const length = String(reason ?? '').trim().length;
  return length >= 2 && length <= 200;
}

/**
 * An official's own new password (POST /v1/auth/password), checked before it is sent: problems as
 * [field, i18n key] in form order; [] when it will pass. Only the browser can see a mistyped
 * repeat; the length and "same as now" rules are the server's, checked again there.
 */
export function passwordChangeProblems({ current, next, again }) {
  const out = [];
  const fresh = String(next ?? '');
  if (!current) out.push(['current', 'password.current_required']);
  if (fresh.length < MIN_PASSWORD) out.push(['next', 'account.password_invalid']);
  else if (current && fresh === current) out.push(['next', 'password.same']);
  if (!again) out.push(['again', 'password.again_required']);
  else if (again !== fresh) out.push(['again', 'password.mismatch']);
  return out;
}
