// The verifier page (/verify and /v): reads the QR (camera or photo), checks it in the browser with
// verify-core.mjs against the signed trust list (its compact form: bare keys, ~5x smaller than the
// certificates) and status lists, cached for offline use; every status list the trust list names
// is fetched while online, so any certificate checks offline. The credential itself never leaves
// the phone; only the lists (and, on request, a typed certificate number) are fetched.
import * as core from './verify-core.mjs';

const TRUST_PATH = '/v1/trust-list?form=keys';
const FULL_TRUST_PATH = '/v1/trust-list'; // what earlier versions saved: ~4 MB, no longer needed
const TYPES_PATH = '/v1/certificate-types';
const NAMES_PATH = '/v1/trust-list?form=names'; // the offices' names, saved for offline results
const DATA_CACHE = 'sonod-verify-data-v1'; // verified lists, as last accepted (see sw.js for the rest)
const LANG_KEY = 'sonod.lang';
const OFFICES_KEY = 'sonod.offices';
const LIST_ID = /^[A-Za-z0-9-]{1,32}$/;
const STATUS_TTL = 60e3; // the API caches status lists for 60 s and the trust list for 300 s
const TRUST_TTL = 300e3; // in memory, before asking again
const TRUST_REUSE = 3600e3; // a saved trust list checked this recently is used without the network
// A revocation list older than this no longer earns an unconditional "valid": a certificate revoked
// since it was saved would still look valid (the API republishes the lists every 10 minutes).
const STALE_LIST_MS = 86400e3;

// --- text ----------------------------------------------------------------------------------------

const TEXT = {
  bn: {
    skip: 'মূল অংশে যান',
    brand: 'সনদ সেবা',
    title: 'সনদ যাচাই',
    pageTitle: 'সনদ যাচাই — সনদ সেবা',
    lead: 'সনদের QR কোড স্ক্যান করুন। যাচাই হয় এই ফোনেই; QR-এর তথ্য কোনো সার্ভারে পাঠানো হয় না।',
    result: 'ফলাফল',
    scanTitle: 'QR কোড পড়ুন',
    scan: 'ক্যামেরা দিয়ে স্ক্যান করুন',
    stop: 'স্ক্যান বন্ধ করুন',
    photo: 'অথবা QR কোডের একটি ছবি দিন',
    photoHint: 'QR কোডটি ছবিতে স্পষ্ট ও পুরোটা থাকতে হবে।',
    numberTitle: 'সনদ নম্বর দিয়ে যাচাই',
    numberLead: 'QR পড়া না গেলে সনদ নম্বর লিখুন। এর জন্য ইন্টারনেট লাগবে।',
    numberLabel: 'সনদ নম্বর',
    numberHint: 'যেমন: K8HH-SXXF-W9KD-4Y (ড্যাশ না দিলেও চলবে)',
    numberSubmit: 'যাচাই করুন',
    listsTitle: 'অফলাইন যাচাইয়ের তালিকা',
    listsNone: 'এখনো কোনো তালিকা এই ফোনে সংরক্ষিত হয়নি।',
    refresh: 'তালিকা হালনাগাদ করুন',
    foot: 'সনদ সেবা — স্থানীয় সরকারের অনলাইন সনদ। একবার খোলার পর এই পাতা ইন্টারনেট ছাড়াও কাজ করে।',
    otherLang: 'English',
    checking: 'যাচাই করা হচ্ছে…',
    cameraStarting: 'ক্যামেরা চালু হচ্ছে…',
    aim: 'সনদের QR কোডটি ক্যামেরার সামনে ধরুন।',
    noDetector: 'এই ব্রাউজারে সরাসরি স্ক্যান করা যায় না। QR কোডের একটি ছবি তুলে নিচে দিন।',
    noCamera: 'ক্যামেরা চালু করা যায়নি (অনুমতি দেওয়া হয়নি বা ক্যামেরা নেই)। QR কোডের একটি ছবি দিন।',
    notOurs: 'এই QR কোডটি সনদ সেবার নয়। সনদের QR কোডটি ধরুন।',
    readingPhoto: 'ছবি থেকে QR কোড পড়া হচ্ছে…',
    noQrInPhoto: 'ছবিতে কোনো QR কোড পাওয়া যায়নি। আরও কাছ থেকে, ভালো আলোতে আবার ছবি তুলুন।',
    noReader: 'ছবি পড়ার অংশটি লোড করা যায়নি। ইন্টারনেটে যুক্ত হয়ে আবার চেষ্টা করুন।',
    numberInvalid: 'সনদ নম্বরটি সঠিক নয়। আবার দেখে লিখুন।',
    numberNotFound: 'এই নম্বরে কোনো সনদ পাওয়া যায়নি। নম্বরটি আবার দেখে লিখুন।',
    numberTooMany: 'অনেকবার চেষ্টা করা হয়েছে। এক মিনিট পর আবার চেষ্টা করুন।',
    numberOffline: 'নম্বর দিয়ে যাচাইয়ের জন্য ইন্টারনেট লাগবে। QR কোড স্ক্যান করলে ইন্টারনেট ছাড়াও যাচাই হয়।',
    numberFailed: 'এখন যাচাই করা যাচ্ছে না। পরে আবার চেষ্টা করুন।',
    s_valid: 'বৈধ',
    s_valid_old: '{date} পর্যন্ত বৈধ',
    s_revoked: 'বাতিল',
    s_expired: 'মেয়াদোত্তীর্ণ',
    s_fake: 'আসল নয়',
    s_unreadable: 'সনদের QR নয়',
    s_incomplete: 'যাচাই অসম্পূর্ণ',
    s_nolists: 'যাচাই করা যায়নি',
    x_valid: 'সনদটি নিচের কার্যালয় ইস্যু করেছে এবং এর তথ্য বদলানো হয়নি।',
    x_valid_old:
      'স্বাক্ষর সঠিক, কিন্তু এই ফোনে বাতিল সনদের তালিকাটি {date} তারিখের। এরপর সনদটি বাতিল হয়ে থাকলে তা এখানে ধরা পড়বে না। ইন্টারনেটে যুক্ত হয়ে আবার যাচাই করুন।',
    x_revoked: 'ইস্যুকারী কার্যালয় সনদটি বাতিল করেছে। এটি আর গ্রহণযোগ্য নয়।',
    x_expired: 'সনদটির মেয়াদ {date} তারিখে শেষ হয়েছে।',
    x_tampered: 'QR কোডের তথ্য বদলানো হয়েছে: স্বাক্ষর মেলে না।',
    x_unknown_kid: 'QR কোডটি এমন চাবি দিয়ে স্বাক্ষরিত, যা সনদ সেবার কার্যালয়-চাবির তালিকায় নেই।',
    x_untrusted: 'কার্যালয়-চাবির তালিকা বা বাতিল সনদের তালিকা যাচাই করা যায়নি।',
    x_office_mismatch: 'স্বাক্ষরের চাবিটি অন্য কার্যালয়ের।',
    x_retired_key: 'সনদটি এমন চাবি দিয়ে স্বাক্ষরিত, যা স্বাক্ষরের আগেই অবসরে গিয়েছিল।',
    x_key_not_yet_valid: 'চাবিটি চালু হওয়ার আগের সময়ে স্বাক্ষর করা হয়েছে।',
    x_bad_format: 'এটি সনদ সেবার কোনো সনদের QR কোড নয়, অথবা পুরোটা পড়া যায়নি।',
    x_status_unavailable: 'স্বাক্ষর সঠিক, কিন্তু বাতিল সনদের তালিকা পাওয়া যায়নি। ইন্টারনেটে যুক্ত হয়ে আবার যাচাই করুন।',
    x_lists_unavailable: 'যাচাইয়ের তালিকা এখনো এই ফোনে নেই। একবার ইন্টারনেটে যুক্ত হয়ে এই পাতা খুলুন; তারপর ইন্টারনেট ছাড়াও যাচাই করা যাবে।',
    f_number: 'সনদ নম্বর',
    f_type: 'সনদের ধরন',
    f_office: 'কার্যালয়',
    f_issued: 'প্রদানের তারিখ',
    f_expires: 'মেয়াদ শেষ',
    f_holder: 'সনদধারী',
    f_signed: 'স্বাক্ষরের সময়',
    f_revoked_on: 'বাতিলের তারিখ',
    f_revoked_reason: 'বাতিলের কারণ',
    r_issued_in_error: 'ভুলবশত ইস্যু করা হয়েছিল',
    r_false_information: 'আবেদনের তথ্য সঠিক ছিল না',
    r_forged_papers: 'জাল কাগজপত্র',
    r_court_order: 'আদালতের আদেশ',
    r_replaced: 'নতুন সনদ দিয়ে প্রতিস্থাপিত',
    r_other: 'অন্য কারণ (কার্যালয়ে জানুন)',
    retired: 'সনদটি এমন চাবি দিয়ে স্বাক্ষরিত, যা পরে অবসরে গেছে (স্বাক্ষরের সময় চাবিটি বৈধ ছিল)।',
    masked: 'নামের অংশ লুকানো',
    checkedWith: '{date} তারিখে সংরক্ষিত বাতিল সনদের তালিকা দিয়ে যাচাই করা হয়েছে।',
    usedSaved: 'ইন্টারনেট নেই — এই ফোনে সংরক্ষিত তালিকা ব্যবহার করা হয়েছে।',
    online: 'সার্ভার থেকে যাচাই করা হয়েছে (ইন্টারনেট)।',
    technical: 'প্রযুক্তিগত বিবরণ',
    listsSaved: '{n}টি কার্যালয়ের স্বাক্ষর-চাবির তালিকা, সংরক্ষিত {date}।',
    statusSaved: 'বাতিল সনদের তালিকা, সংরক্ষিত {date}।',
    listsOld: 'তালিকাটি এক দিনের বেশি পুরোনো ({days} দিন): এরপর বাতিল হওয়া সনদ এখানে বৈধ দেখাবে। ইন্টারনেট পেলে হালনাগাদ করুন।',
    rootPinned: 'তালিকাগুলো এই পাতায় বসানো সনদ সেবার মূল চাবি দিয়ে যাচাই করা হয়।',
    rootNotPinned: 'এই পাতায় সনদ সেবার মূল চাবি বসানো নেই: সার্ভার যে চাবি দিয়েছে, তা দিয়েই তালিকা যাচাই হচ্ছে।',
    refreshing: 'হালনাগাদ হচ্ছে…',
    refreshed: 'তালিকা হালনাগাদ হয়েছে।',
    refreshFailed: 'হালনাগাদ করা যায়নি (ইন্টারনেট নেই?)। সংরক্ষিত তালিকা দিয়েই যাচাই চলবে।',
  },
  en: {
    skip: 'Skip to main content',
    brand: 'Sonod Sheba',
    title: 'Check a certificate',
    pageTitle: 'Check a certificate — Sonod Sheba',
    lead: "Scan the certificate's QR code. The check runs on this phone; the QR's content is never sent to any server.",
    result: 'Result',
    scanTitle: 'Read the QR code',
    scan: 'Scan with the camera',
    stop: 'Stop scanning',
    photo: 'Or upload a photo of the QR code',
    photoHint: 'The whole QR code must be sharp and visible in the photo.',
    numberTitle: 'Check by certificate number',
    numberLead: 'If the QR cannot be read, type the certificate number. This needs the internet.',
    numberLabel: 'Certificate number',
    numberHint: 'For example K8HH-SXXF-W9KD-4Y (dashes optional)',
    numberSubmit: 'Check',
    listsTitle: 'Lists for checking offline',
    listsNone: 'No lists are saved on this phone yet.',
    refresh: 'Update the lists',
    foot: 'Sonod Sheba — local government certificates online. After the first visit this page works without the internet.',
    otherLang: 'বাংলা',
    checking: 'Checking…',
    cameraStarting: 'Starting the camera…',
    aim: "Hold the certificate's QR code in front of the camera.",
    noDetector: 'This browser cannot scan live. Take a photo of the QR code and upload it below.',
    noCamera: 'The camera could not start (no permission, or no camera). Upload a photo of the QR code instead.',
    notOurs: "This QR code is not a Sonod Sheba code. Show the certificate's QR code.",
    readingPhoto: 'Reading the QR code from the photo…',
    noQrInPhoto: 'No QR code found in the photo. Take it again, closer and in good light.',
    noReader: 'The photo reader could not be loaded. Connect to the internet and try again.',
    numberInvalid: 'This certificate number is not right. Check it and type it again.',
    numberNotFound: 'No certificate has this number. Check it and type it again.',
    numberTooMany: 'Too many checks. Try again in a minute.',
    numberOffline: 'Checking by number needs the internet. Scanning the QR code works offline.',
    numberFailed: 'The check is not available now. Try again later.',
    s_valid: 'Valid',
    s_valid_old: 'Valid as of {date}',
    s_revoked: 'Revoked',
    s_expired: 'Expired',
    s_fake: 'Not genuine',
    s_unreadable: 'Not a certificate QR',
    s_incomplete: 'Check incomplete',
    s_nolists: 'Could not check',
    x_valid: 'Issued by the office below, and unchanged since.',
    x_valid_old:
      'The signature is genuine, but the list of revoked certificates on this phone is from {date}: a revocation since then would not show here. Connect to the internet and check again.',
    x_revoked: 'The issuing office has revoked this certificate. It is no longer valid.',
    x_expired: 'This certificate expired on {date}.',
    x_tampered: "The QR code's content has been changed: the signature does not match.",
    x_unknown_kid: "Signed with a key that is not on Sonod Sheba's list of office keys.",
    x_untrusted: 'The list of office keys or of revoked certificates could not be verified.',
    x_office_mismatch: 'The signing key belongs to another office.',
    x_retired_key: 'Signed with a key after that key had been retired.',
    x_key_not_yet_valid: 'Signed before the key came into use.',
    x_bad_format: 'This is not the QR code of a Sonod Sheba certificate, or it could not be read completely.',
    x_status_unavailable: 'The signature is genuine, but the list of revoked certificates could not be fetched. Connect to the internet and check again.',
    x_lists_unavailable: 'The lists needed for checking are not on this phone yet. Open this page once with the internet; after that it checks offline too.',
    f_number: 'Certificate no.',
    f_type: 'Type',
    f_office: 'Office',
    f_issued: 'Issued on',
    f_expires: 'Valid until',
    f_holder: 'Holder',
    f_signed: 'Signed',
    f_revoked_on: 'Revoked on',
    f_revoked_reason: 'Reason',
    r_issued_in_error: 'Issued in error',
    r_false_information: 'The application was not truthful',
    r_forged_papers: 'Forged papers',
    r_court_order: 'Court order',
    r_replaced: 'Replaced by a new certificate',
    r_other: 'Another reason (ask the office)',
    retired: 'Signed by a since-retired key (the key was valid when it signed).',
    masked: 'name partly hidden',
    checkedWith: 'Checked against the list of revoked certificates saved on {date}.',
    usedSaved: 'Offline — the lists saved on this phone were used.',
    online: 'Checked online with the server.',
    technical: 'Technical details',
    listsSaved: 'Signing keys of {n} offices, saved on {date}.',
    statusSaved: 'List of revoked certificates, saved on {date}.',
    listsOld: 'The list is more than a day old ({days} days): a certificate revoked since then would still look valid here. Update it when you have the internet.',
    rootPinned: "The lists are checked against Sonod Sheba's own key, built into this page.",
    rootNotPinned: "This copy of the page has no built-in Sonod Sheba key: the lists are checked with the key the server sent.",
    refreshing: 'Updating…',
    refreshed: 'The lists are up to date.',
    refreshFailed: 'Could not update (no internet?). Checks will use the saved lists.',
  },
};

const other = (lang) => (lang === 'bn' ? 'en' : 'bn');
let lang = readLang();

function readLang() {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'bn';
  } catch {
    return 'bn';
  }
}

function t(key, vars = {}, language = lang) {
  const text = TEXT[language][key] ?? TEXT.bn[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => vars[name] ?? '');
}

const locale = (language = lang) => (language === 'bn' ? 'bn-BD' : 'en-GB');

function formatDay(iso, language = lang) {
  if (!iso) return '';
  const date = new Date(`${String(iso).slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

function formatMoment(date, language = lang) {
  const zone = { timeZone: 'Asia/Dhaka' };
  const day = new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'long', year: 'numeric', ...zone });
  const time = new Intl.DateTimeFormat(locale(language), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...zone });
  return `${day.format(date)}, ${time.format(date)}`;
}

const formatCount = (n) => new Intl.NumberFormat(locale()).format(n);

function formatDate(date, language = lang) {
  return new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Dhaka' }).format(date);
}

const scriptOf = (text) => (/[\u0980-\u09ff]/.test(text) ? 'bn' : 'en');

// --- DOM -----------------------------------------------------------------------------------------

const $ = (id) => document.getElementById(id);

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat()) if (kid != null && kid !== false && kid !== '') el.append(kid);
  return el;
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t('pageTitle');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  const button = $('lang');
  button.textContent = t('otherLang');
  button.lang = other(lang);
  renderResult();
  renderLists();
  const status = $('scan-status');
  if (status.dataset.key) status.textContent = t(status.dataset.key);
  const error = $('number-error');
  if (error.dataset.key) error.textContent = t(error.dataset.key);
}

function say(key) {
  const status = $('scan-status');
  status.dataset.key = key || '';
  status.textContent = key ? t(key) : '';
}

// --- saved data (Cache Storage when available, else memory) ---------------------------------------

const memory = new Map();

async function dataCache() {
  try {
    return 'caches' in self ? await caches.open(DATA_CACHE) : null;
  } catch {
    return null; // e.g. an insecure origin, or storage disabled
  }
}

/** A saved document and the verified issue time (ms) it was saved with. */
async function saved(path) {
  const cache = await dataCache();
  if (!cache) return memory.get(path) ?? null;
  try {
    const response = await cache.match(path);
    if (!response) return null;
    return { doc: await response.json(), issuedAt: Number(response.headers.get('x-sonod-issued-at')) || 0 };
  } catch {
    return null;
  }
}

async function save(path, doc, issuedAt = 0) {
  memory.set(path, { doc, issuedAt });
  const cache = await dataCache();
  if (!cache) return;
  const headers = { 'content-type': 'application/json', 'x-sonod-issued-at': String(issuedAt) };
  try {
    await cache.put(path, new Response(JSON.stringify(doc), { headers }));
  } catch {
    /* storage full or disabled: the copy in memory still serves this visit */
  }
}

async function savedStatusIds() {
  const cache = await dataCache();
  const paths = cache ? (await cache.keys()).map((r) => new URL(r.url).pathname) : [...memory.keys()];
  return paths.filter((p) => p.startsWith('/v1/status-list/')).map((p) => decodeURIComponent(p.slice(16)));
}

/** GET JSON; `cached` is true when the service worker answered from its copy (offline). */
async function getJson(path, { cache = 'default', timeoutMs = 8000 } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, cache, signal: controller.signal });
    if (!response.ok) {
      const err = new Error(`HTTP ${response.status}`);
      err.status = response.status;
      throw err;
    }
    return { doc: await response.json(), cached: response.headers.has('x-sonod-offline-copy') };
  } finally {
    clearTimeout(timer);
  }
}

// --- lists: fetched, verified, and kept only when at least as new as the saved copy ---------------

const state = {
  trust: null, // {trust, offline, fromSaved, at}
  trustProblem: null, // {status: 'untrusted'|'lists_unavailable', reason}
  status: new Map(), // list id -> {list, offline, trust, at}
  types: new Map(), // type code -> {name_bn, name_en}
  offices: loadOffices(), // office id -> {name_bn, name_en}, from online number checks
  last: null, // what the result card shows
};

function pinnedRoot() {
  const meta = document.querySelector('meta[name="sonod-root-fingerprint"]');
  const value = (meta?.content || '').replace(/[:\s]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(value) ? value : null;
}

function localStore() {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

const checkedAt = (path) => Number(localStore()?.getItem(`sonod.checked:${path}`)) || 0;

function markChecked(path) {
  try {
    localStore()?.setItem(`sonod.checked:${path}`, String(Date.now()));
  } catch {
    /* storage full: the list is simply fetched again next time */
  }
}

// Verifying a national trust list (~5,000 keys) takes a few hundred ms on a cheap phone: remember
// the last document verified, by its signature, so the same list is verified once per visit.
const verified = new Map(); // path -> {cose, list}

async function check(path, doc, verify) {
  const memo = verified.get(path);
  if (memo && memo.cose === doc?.cose) return memo.list;
  const list = await verify(doc);
  verified.set(path, { cose: doc.cose, list });
  return list;
}

/**
 * The list at `path`: fetched, verified with `verify(doc)` (which throws core.ListError), and
 * compared with the saved copy. The newer wins and is saved; an older list never replaces a newer
 * one (that could hide a revocation). With `reuseFor` ms, a copy checked that recently is used
 * without the network. Resolves to {list, offline, fromSaved} or null; throws the ListError when no
 * copy verifies.
 */
async function loadList(path, verify, { cache = 'default', reuseFor = 0 } = {}) {
  const savedCopy = await saved(path);
  let problem = null;
  const useSaved = async (offline) => {
    try {
      return { list: await check(path, savedCopy.doc, verify), offline, fromSaved: true };
    } catch (err) {
      problem ||= err;
      return null;
    }
  };
  if (savedCopy && reuseFor && Date.now() - checkedAt(path) < reuseFor) {
    const reused = await useSaved(false);
    if (reused) return reused;
  }
  let fetched = null;
  try {
    fetched = await getJson(path, { cache });
  } catch {
    /* offline, or the server is unwell: the saved copy will do */
  }
  if (fetched) {
    const same = savedCopy && savedCopy.doc.cose === fetched.doc.cose && savedCopy.doc.content === fetched.doc.content;
    if (!same) {
      try {
        const list = await check(path, fetched.doc, verify);
        if (!savedCopy || list.issuedAt.getTime() >= savedCopy.issuedAt) {
          await save(path, fetched.doc, list.issuedAt.getTime());
          if (!fetched.cached) markChecked(path);
          return { list, offline: fetched.cached, fromSaved: false };
        }
      } catch (err) {
        if (!(err instanceof core.ListError)) throw err;
        problem = err;
      }
    } else if (!fetched.cached) {
      markChecked(path);
    }
  }
  const fallback = savedCopy ? await useSaved(!fetched || fetched.cached) : null;
  if (fallback) return fallback;
  if (problem) throw problem;
  return null;
}

const inFlight = new Map();

/** One load at a time per key: a check and the warm-up at page load share it. */
function once(key, run) {
  if (!inFlight.has(key)) inFlight.set(key, run().finally(() => inFlight.delete(key)));
  return inFlight.get(key);
}

function loadTrust(force = false) {
  if (!force && state.trust && Date.now() - state.trust.at < TRUST_TTL) return Promise.resolve(state.trust);
  return once(`${TRUST_PATH}:${force}`, async () => {
    const pin = pinnedRoot();
    let loaded = null;
    try {
      loaded = await loadList(TRUST_PATH, (doc) => core.loadTrustList(doc, pin), { reuseFor: force ? 0 : TRUST_REUSE });
    } catch (err) {
      state.trust = null;
      state.trustProblem = { status: 'untrusted', reason: err.message };
      return null;
    }
    if (!loaded) {
      state.trust = null;
      state.trustProblem = { status: 'lists_unavailable', reason: 'no trust list: never fetched, and offline' };
      return null;
    }
    state.trustProblem = null;
    state.trust = { trust: loaded.list, offline: loaded.offline, fromSaved: loaded.fromSaved, at: Date.now() };
    return state.trust;
  });
}

async function loadStatus(trust, listId, force = false) {
  if (!LIST_ID.test(listId)) return null; // -> "status_unavailable"
  const known = state.status.get(listId);
  if (!force && known && known.trust === trust && Date.now() - known.at < STATUS_TTL) return known.list;
  const path = `/v1/status-list/${listId}`;
  // Verified against this trust list's root; a status list is small, so always ask the network.
  const loaded = await once(path, () => loadList(path, (doc) => core.loadStatusList(doc, trust), { cache: 'no-cache' }));
  if (!loaded) return null; // -> "status_unavailable" (a ListError thrown above -> "untrusted")
  state.status.set(listId, { list: loaded.list, offline: loaded.offline, trust, at: Date.now() });
  return loaded.list;
}

async function loadTypes() {
  const savedTypes = await saved(TYPES_PATH);
  if (savedTypes) fillTypes(savedTypes.doc);
  try {
    const { doc } = await getJson(TYPES_PATH);
    fillTypes(doc);
    await save(TYPES_PATH, { items: (doc.items || []).map(({ code, name_bn, name_en }) => ({ code, name_bn, name_en })) });
    renderResult();
  } catch {
    /* offline: codes are shown instead of names */
  }
}

async function loadNames() {
  const savedNames = await saved(NAMES_PATH);
  if (savedNames) {
    fillNames(savedNames.doc);
    renderResult();
  }
  try {
    const { doc } = await getJson(NAMES_PATH);
    fillNames(doc);
    await save(NAMES_PATH, doc);
    renderResult();
  } catch {
    /* offline: the names saved earlier (or the office's code) are shown */
  }
}

function fillNames(doc) {
  for (const [id, names] of Object.entries(doc?.offices || {})) {
    if (Array.isArray(names) && names[0]) state.offices.set(id, { name_bn: names[0], name_en: names[1] || names[0] });
  }
}

function fillTypes(doc) {
  for (const item of doc?.items || []) state.types.set(item.code, { name_bn: item.name_bn, name_en: item.name_en });
}

function loadOffices() {
  try {
    return new Map(Object.entries(JSON.parse(localStorage.getItem(OFFICES_KEY) || '{}')));
  } catch {
    return new Map();
  }
}

function rememberOffice(office) {
  if (!office?.office_id || !office.name_bn) return;
  state.offices.set(office.office_id, { name_bn: office.name_bn, name_en: office.name_en });
  try {
    localStorage.setItem(OFFICES_KEY, JSON.stringify(Object.fromEntries([...state.offices].slice(-200))));
  } catch {
    /* not important */
  }
}

// --- verification --------------------------------------------------------------------------------

let running = 0;

async function verifyText(text) {
  const ticket = ++running;
  say('checking');
  state.last = null; // never leave the previous certificate's verdict on screen meanwhile
  $('result').hidden = false;
  $('result').setAttribute('aria-busy', 'true');
  $('result-body').replaceChildren(h('p', { class: 'note' }, t('checking')));
  let result;
  try {
    result = await verifyOffline(text);
  } catch (err) {
    result = { kind: 'credential', verdict: { status: 'bad_format', reason: String(err?.message || err), claims: null } };
  }
  if (ticket !== running) return; // a newer check started meanwhile
  say('');
  state.last = result;
  $('result').removeAttribute('aria-busy');
  showResult();
  renderLists();
}

async function verifyOffline(text) {
  try {
    await core.decodeQr(text); // garbage needs no lists
  } catch (err) {
    return { kind: 'credential', verdict: { status: 'bad_format', reason: err.message, claims: null } };
  }
  let loaded = await loadTrust();
  if (!loaded) return { kind: 'credential', verdict: { ...state.trustProblem, claims: null } };
  let usedList = null;
  const runCheck = () =>
    core.checkCredential(text, loaded.trust, async (listId) => (usedList = await loadStatus(loaded.trust, listId)), new Date());
  let verdict = await runCheck();
  if (verdict.status === 'unknown_kid' && loaded.fromSaved) {
    // A saved list was used without asking the network: a new office key may be missing from it.
    loaded = (await loadTrust(true)) || loaded;
    verdict = await runCheck();
  }
  const key = verdict.kid ? loaded.trust.keys.get(verdict.kid) : null;
  let officeName = null;
  try {
    officeName = key?.cert ? core.certificateSubject(key.cert).O : null; // the compact list has no names
  } catch {
    /* unusual certificate: show the office id only */
  }
  const listInfo = usedList ? state.status.get(verdict.claims?.status_list_id) : null;
  const revoked = verdict.status === 'revoked' && usedList?.revocation ? usedList.revocation(verdict.claims.status_index) : null;
  return {
    kind: 'credential',
    verdict,
    revoked,
    officeName,
    statusIssuedAt: usedList?.issuedAt || null,
    offline: Boolean(loaded.offline || listInfo?.offline),
  };
}

async function verifyNumber(event) {
  event.preventDefault();
  const input = $('number');
  const error = $('number-error');
  const setError = (key) => {
    error.dataset.key = key || '';
    error.textContent = key ? t(key) : '';
    if (key) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };
  const number = core.normaliseNumber(input.value);
  if (!core.isValidNumber(number)) {
    setError('numberInvalid');
    input.focus();
    return;
  }
  setError('');
  const button = event.target.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    const { doc } = await getJson(`/v1/verify/${encodeURIComponent(number)}`);
    rememberOffice(doc.office);
    state.last = { kind: 'online', data: doc };
    showResult();
  } catch (err) {
    const key =
      err?.status === 404 ? 'numberNotFound' : err?.status === 429 ? 'numberTooMany' : err?.status ? 'numberFailed' : 'numberOffline';
    setError(key);
    input.focus();
  } finally {
    button.disabled = false;
  }
}

// --- the result card -------------------------------------------------------------------------------

function tone(status) {
  if (status === 'valid') return ['ok', 's_valid'];
  if (status === 'valid_old') return ['warn', 's_valid_old'];
  if (status === 'revoked') return ['bad', 's_revoked'];
  if (status === 'expired') return ['bad', 's_expired'];
  if (status === 'status_unavailable') return ['warn', 's_incomplete'];
  if (status === 'lists_unavailable') return ['warn', 's_nolists'];
  if (status === 'bad_format') return ['bad', 's_unreadable'];
  return ['bad', 's_fake'];
}

const SHOWS_FACTS = new Set(['valid', 'revoked', 'expired', 'status_unavailable']);

function typeName(code) {
  const names = state.types.get(code);
  if (!names) return h('span', { class: 'code', translate: 'no' }, code);
  const main = lang === 'bn' ? names.name_bn : names.name_en;
  return h('span', { lang: scriptOf(main) }, main);
}

/** The office's name (from the saved names, an online answer or the key's certificate); its code only when none is known. */
function officeCell(officeId, officeName) {
  const known = state.offices.get(officeId);
  const name = (lang === 'bn' ? known?.name_bn : known?.name_en) || known?.name_bn || officeName;
  return name ? h('span', { lang: scriptOf(name), 'data-testid': 'office-name' }, name) : h('span', { class: 'code', lang: 'en' }, officeId);
}

function fact(label, ...value) {
  return [h('dt', null, t(label)), h('dd', null, ...value)];
}

function verdictBox(status, detailKey, vars, otherVars = vars) {
  const [toneClass, word] = tone(status);
  return h(
    'div',
    { class: `verdict ${toneClass}`, 'data-status': status },
    h('span', { class: 'big' }, t(word, vars)),
    h('span', { class: 'other', lang: other(lang) }, t(word, otherVars, other(lang))),
    h('p', null, t(detailKey, vars)),
  );
}

function renderResult() {
  const body = $('result-body');
  const last = state.last;
  if (!body || !last) return;
  body.replaceChildren(...(last.kind === 'online' ? onlineCard(last.data) : credentialCard(last)));
}

function credentialCard({ verdict, revoked, officeName, statusIssuedAt, offline }) {
  const { status, claims } = verdict;
  // A "valid" from a list saved more than a day ago says so: a later revocation cannot show.
  const old = status === 'valid' && statusIssuedAt && Date.now() - statusIssuedAt.getTime() > STALE_LIST_MS;
  const shown = old ? 'valid_old' : status;
  const detailKey = `x_${shown}`;
  const vars = old
    ? { date: formatDate(statusIssuedAt) }
    : { date: claims?.expires_on ? formatDay(claims.expires_on) : '' };
  const otherVars = old ? { date: formatDate(statusIssuedAt, other(lang)) } : vars;
  const parts = [verdictBox(shown, TEXT.bn[detailKey] ? detailKey : 'x_untrusted', vars, otherVars)];
  if (claims && SHOWS_FACTS.has(status)) {
    const facts = [
      fact('f_number', h('span', { class: 'code', translate: 'no', lang: 'en' }, core.displayNumber(claims.certificate_no))),
      fact('f_type', typeName(claims.type_code)),
      fact('f_office', officeCell(claims.office_id, officeName)),
      fact('f_issued', formatDay(claims.issued_on)),
      claims.expires_on ? fact('f_expires', formatDay(claims.expires_on)) : null,
      fact('f_holder', h('span', { lang: scriptOf(claims.holder_name) }, claims.holder_name)),
      verdict.signedAt ? fact('f_signed', formatMoment(verdict.signedAt)) : null,
      revoked ? fact('f_revoked_on', h('span', { 'data-testid': 'revoked-on' }, formatDay(revoked.on))) : null,
      revoked
        ? fact('f_revoked_reason', h('span', { 'data-testid': 'revoked-reason' }, t(TEXT.bn[`r_${revoked.reason}`] ? `r_${revoked.reason}` : 'r_other')))
        : null,
    ];
    parts.push(h('dl', { class: 'facts' }, facts.flat().filter(Boolean)));
    if (verdict.retiredKey) parts.push(h('p', { class: 'meta' }, t('retired')));
  }
  if (statusIssuedAt) parts.push(h('p', { class: 'meta' }, t('checkedWith', { date: formatMoment(statusIssuedAt) })));
  if (offline) parts.push(h('p', { class: 'meta' }, t('usedSaved')));
  parts.push(
    h(
      'details',
      null,
      h('summary', null, t('technical')),
      h('p', { lang: 'en' }, `${status}: ${verdict.reason || ''}`),
      verdict.kid ? h('p', { lang: 'en', class: 'code' }, `kid ${verdict.kid}`) : null,
    ),
  );
  return parts;
}

function onlineCard(data) {
  const status = ['valid', 'revoked', 'expired'].includes(data.status) ? data.status : 'untrusted';
  const names = { name_bn: data.type_name_bn, name_en: data.type_name_en };
  if (data.type && names.name_bn) state.types.set(data.type, names);
  const office = data.office || {};
  const facts = [
    fact('f_number', h('span', { class: 'code', translate: 'no', lang: 'en' }, data.certificate_no)),
    fact('f_type', typeName(data.type)),
    fact('f_office', officeCell(office.office_id || '', null)),
    fact('f_issued', formatDay(data.issued_on)),
    data.expires_on ? fact('f_expires', formatDay(data.expires_on)) : null,
    fact('f_holder', h('span', { lang: scriptOf(data.holder || '') }, data.holder || ''), h('span', { class: 'sub' }, t('masked'))),
  ];
  return [
    verdictBox(status, `x_${status}`, { date: formatDay(data.expires_on) }),
    h('dl', { class: 'facts' }, facts.flat().filter(Boolean)),
    h('p', { class: 'meta' }, t('online')),
  ];
}

function showResult() {
  const section = $('result');
  renderResult();
  section.hidden = false;
  const heading = $('result-title');
  heading.focus();
}

// --- the lists panel --------------------------------------------------------------------------------

function renderLists() {
  const box = $('lists-status');
  const root = $('root-status');
  const loaded = state.trust;
  if (!loaded) {
    box.dataset.i18n = 'listsNone';
    box.textContent = t('listsNone');
    root.textContent = '';
    return;
  }
  delete box.dataset.i18n;
  const offices = new Set([...loaded.trust.keys.values()].map((key) => key.officeId)).size;
  const lines = [h('span', null, t('listsSaved', { n: formatCount(offices), date: formatMoment(loaded.trust.issuedAt) }))];
  // One line for the revocation lists however many there are: the oldest is what a check may rely on.
  const dates = [...state.status.values()].map((entry) => entry.list.issuedAt);
  const oldest = dates.length ? new Date(Math.min(...dates.map((d) => d.getTime()))) : null;
  if (oldest) lines.push(' ', h('span', null, t('statusSaved', { date: formatMoment(oldest) })));
  if (oldest && Date.now() - oldest.getTime() > STALE_LIST_MS) {
    const days = Math.max(1, Math.floor((Date.now() - oldest.getTime()) / 86400e3));
    lines.push(' ', h('strong', { class: 'warn', 'data-testid': 'lists-old' }, t('listsOld', { days: formatCount(days) })));
  }
  box.replaceChildren(...lines);
  root.textContent = t(pinnedRoot() ? 'rootPinned' : 'rootNotPinned');
}

async function refreshLists(force = true) {
  const trust = await loadTrust(force);
  if (trust) {
    // Every list the trust list names, so that any certificate can be checked offline later.
    const ids = new Set([...trust.trust.statusLists, ...(await savedStatusIds()), ...state.status.keys()]);
    await Promise.all([...ids].map((id) => loadStatus(trust.trust, id, force).catch(() => null)));
  }
  renderLists();
  return trust && !trust.offline;
}

// --- reading QR codes -------------------------------------------------------------------------------

const looksOurs = (text) => core.payloadFromText(text).startsWith(core.PREFIX);

let scanning = null; // {stream, video, timer}

async function qrDetector() {
  if (!('BarcodeDetector' in self)) return null;
  try {
    const formats = await self.BarcodeDetector.getSupportedFormats();
    return formats.includes('qr_code') ? new self.BarcodeDetector({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

async function startScan() {
  const detector = await qrDetector();
  if (!detector) {
    say('noDetector');
    $('photo').focus();
    return;
  }
  if (!navigator.mediaDevices?.getUserMedia) {
    say('noCamera');
    $('photo').focus();
    return;
  }
  say('cameraStarting');
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: false,
    });
  } catch {
    say('noCamera');
    $('photo').focus();
    return;
  }
  const video = h('video', { muted: true, playsinline: true, 'aria-hidden': 'true' });
  video.muted = true;
  video.srcObject = stream;
  $('viewfinder').replaceChildren(video);
  $('viewfinder').hidden = false;
  $('scan').hidden = true;
  $('stop').hidden = false;
  $('stop').focus();
  scanning = { stream, video, timer: 0 };
  try {
    await video.play();
  } catch {
    /* autoplay of a muted video is allowed; keep trying to detect anyway */
  }
  say('aim');
  const tick = async () => {
    if (!scanning || scanning.video !== video) return;
    try {
      if (video.readyState >= 2) {
        for (const code of await detector.detect(video)) {
          if (looksOurs(code.rawValue)) {
            stopScan();
            verifyText(code.rawValue);
            return;
          }
          say('notOurs');
        }
      }
    } catch {
      /* a frame that could not be read */
    }
    if (scanning && scanning.video === video) scanning.timer = setTimeout(tick, 250);
  };
  tick();
}

function stopScan() {
  if (!scanning) return;
  clearTimeout(scanning.timer);
  for (const track of scanning.stream.getTracks()) track.stop();
  scanning.video.srcObject = null;
  scanning = null;
  $('viewfinder').replaceChildren();
  $('viewfinder').hidden = true;
  $('stop').hidden = true;
  $('scan').hidden = false;
  say('');
}

let jsQRLoading = null;

function loadJsQR() {
  if (self.jsQR) return Promise.resolve(self.jsQR);
  jsQRLoading ||= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/verify/vendor/jsQR.js';
    script.onload = () => (self.jsQR ? resolve(self.jsQR) : reject(new Error('jsQR missing')));
    script.onerror = () => reject(new Error('jsQR not loaded'));
    document.head.append(script);
  }).catch((err) => {
    jsQRLoading = null;
    throw err;
  });
  return jsQRLoading;
}

async function imageFrom(file) {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    const url = URL.createObjectURL(file);
    try {
      const img = new Image();
      img.src = url;
      await img.decode();
      return img;
    } finally {
      URL.revokeObjectURL(url);
    }
  }
}

async function readPhoto(file) {
  const image = await imageFrom(file);
  const width = image.width;
  const height = image.height;
  const detector = await qrDetector();
  if (detector) {
    try {
      const found = (await detector.detect(image)).find((c) => looksOurs(c.rawValue)) || null;
      if (found) return found.rawValue;
    } catch {
      /* fall back to jsQR */
    }
  }
  let jsQR;
  try {
    jsQR = await loadJsQR();
  } catch {
    throw new Error('noReader');
  }
  // Phone photos are large; jsQR is quick on a downscaled copy and a QR of version <= 15 survives it.
  for (const side of [1000, 1600, 2400]) {
    const scale = Math.min(1, side / Math.max(width, height));
    const w = Math.max(1, Math.round(width * scale));
    const hgt = Math.max(1, Math.round(height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = hgt;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(image, 0, 0, w, hgt);
    const pixels = context.getImageData(0, 0, w, hgt);
    const code = jsQR(pixels.data, w, hgt, { inversionAttempts: 'attemptBoth' });
    if (code?.data) return code.data;
    if (scale === 1) break;
  }
  return null;
}

async function onPhoto() {
  const input = $('photo');
  const file = input.files?.[0];
  if (!file) return;
  stopScan();
  say('readingPhoto');
  let text = null;
  try {
    text = await readPhoto(file);
  } catch (err) {
    say(err?.message === 'noReader' ? 'noReader' : 'noQrInPhoto');
    return;
  } finally {
    input.value = '';
  }
  if (!text) say('noQrInPhoto');
  else verifyText(text);
}

// --- start ------------------------------------------------------------------------------------------

function fromHash() {
  const hash = location.hash;
  if (hash.length > 1 && looksOurs(hash)) verifyText(hash);
}

async function forgetFullTrustList() {
  memory.delete(FULL_TRUST_PATH);
  try {
    localStore()?.removeItem(`sonod.checked:${FULL_TRUST_PATH}`);
    await (await dataCache())?.delete(FULL_TRUST_PATH);
  } catch {
    /* storage disabled: nothing was saved */
  }
}

function start() {
  applyLanguage();
  forgetFullTrustList();
  $('lang').addEventListener('click', () => {
    lang = other(lang);
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      /* private mode: the choice lasts this visit */
    }
    applyLanguage();
  });
  $('scan').addEventListener('click', startScan);
  $('stop').addEventListener('click', () => {
    stopScan();
    $('scan').focus();
  });
  $('photo').addEventListener('change', onPhoto);
  $('by-number').addEventListener('submit', verifyNumber);
  $('refresh').addEventListener('click', async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    say('refreshing');
    const ok = await refreshLists(true).catch(() => false);
    say(ok ? 'refreshed' : 'refreshFailed');
    button.disabled = false;
  });
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) stopScan(); // never keep the camera on in the background
  });
  addEventListener('hashchange', fromHash);
  fromHash();
  // Warm the lists (so the next check works offline) and the type names, after any check above.
  refreshLists(false).catch(() => {});
  loadTypes();
  loadNames();
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js', { scope: '/v' }).catch(() => {});
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
