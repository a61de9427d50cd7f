// The language engine shared by the app and the verifier: the current language (Bengali unless the
// visitor chose English; kept in localStorage under `sonod.lang`, so both pages agree), string
// tables that each page registers ({key: [Bengali, English]}), t() over them, and Bengali digits.
// The formats of numbers, money and dates are in format.mjs.

const BN_DIGITS = '০১২৩৪৫৬৭৮৯';
const LANG_KEY = 'sonod.lang';
const tables = [];

function initial() {
  try {
    return globalThis.localStorage?.getItem(LANG_KEY) === 'en' ? 'en' : 'bn';
  } catch {
    return 'bn';
  }
}

let current = initial();

export function lang() {
  return current;
}

/** The language that is not `l` (the switch offers it). */
export function otherLang(l = current) {
  return l === 'en' ? 'bn' : 'en';
}

/** Switch the language, remember it, and tell the page (event `lang-changed` on window). */
export function setLang(next) {
  current = next === 'en' ? 'en' : 'bn';
  try {
    localStorage.setItem(LANG_KEY, current);
  } catch {
    // storage disabled: the choice lasts for this page
  }
  globalThis.window?.dispatchEvent(new Event('lang-changed'));
}

/** Add a page's strings: {key: [Bengali, English]}. A key registered earlier wins. */
export function register(table) {
  tables.push(table);
}

function row(key) {
  for (const table of tables) if (Object.prototype.hasOwnProperty.call(table, key)) return table[key];
  return undefined;
}

export function has(key) {
  return row(key) !== undefined;
}

/** The string for `key` in language `l`, with {placeholders} filled (numbers localised). */
export function t(key, vars, l = current) {
  const found = row(key);
  let text = found ? found[l === 'en' ? 1 : 0] : key;
  if (vars)
    text = text.replace(/\{(\w+)\}/g, (m, k) =>
      k in vars ? (typeof vars[k] === 'number' ? num(vars[k], l) : String(vars[k])) : m,
    );
  return text;
}

export function digits(text, l = current) {
  return l === 'bn' ? String(text).replace(/[0-9]/g, (d) => BN_DIGITS[Number(d)]) : String(text);
}

/** 1234567 → ১২,৩৪,৫৬৭ (Bengali) or 12,34,567 (English); lakh grouping as used in Bangladesh. */
export function num(n, l = current, opts = {}) {
  const text = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 2, ...opts }).format(n);
  return digits(text, l);
}

/** obj.name_bn or obj.name_en for the current language, falling back to the other. */
export function pick(obj, base = 'name', l = current) {
  if (!obj) return '';
  const mine = obj[`${base}_${l}`];
  return mine || obj[`${base}_${l === 'en' ? 'bn' : 'en'}`] || '';
}
