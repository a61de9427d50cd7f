// Client-side validation mirrors chalicelib/domain/forms.py: run with `node --test web/test/`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fromServer, sentences } from '../app/lib/form.mjs';
import { keys, t } from '../app/i18n.mjs';
import {
  MIN_YEAR,
  asciiDigits,
  bnDigits,
  checkField,
  dateParts,
  fold,
  englishMessage,
  fieldId,
  fullMatch,
  normalisePhone,
  poishaToTaka,
  takaToPoisha,
  todayDhaka,
  validateForm,
} from '../app/lib/validate.mjs';

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'chalicelib', 'data');
const fieldsets = JSON.parse(fs.readFileSync(path.join(DATA, 'fieldsets.json'), 'utf8'));

/** A certificate type as GET /v1/certificate-types/{code} gives it (fieldsets expanded). */
function typeOf(code) {
  const raw = JSON.parse(fs.readFileSync(path.join(DATA, 'certificate_types', `${code}.json`), 'utf8'));
  return { ...raw, fields: [...(raw.fieldsets || []).flatMap((name) => fieldsets[name]), ...(raw.fields || [])] };
}

const TODAY = '2026-06-30';
const HOLDER = {
  holder_name_bn: 'মোছাঃ রাবেয়া খাতুন',
  holder_name_en: 'Mst. Rabeya Khatun',
  holder_nid: '1987654321',
  holder_dob: '1990-04-14',
  gender: 'female',
  father_name_bn: 'মোঃ আব্দুর রহিম',
  mother_name_bn: 'মোছাঃ জোহরা বেগম',
  village_bn: 'সুবিল',
  post_office_bn: 'সুবিল বাজার',
};

test('digits convert both ways', () => {
  assert.equal(asciiDigits('০১৭১১-০০০০০১'), '01711-000001');
  assert.equal(bnDigits('2026-06-30'), '২০২৬-০৬-৩০');
});

test('phones are normalised like the server', () => {
  assert.equal(normalisePhone('01711000001'), '01711000001');
  assert.equal(normalisePhone('+8801711-000001'), '01711000001');
  assert.equal(normalisePhone('০১৭১১ ০০০০০১'), '01711000001');
  assert.equal(normalisePhone('01211000001'), null);
  assert.equal(normalisePhone('0171100000'), null);
});

test("today is Bangladesh's date", () => {
  assert.equal(todayDhaka(Date.parse('2026-06-29T18:30:00Z')), '2026-06-30');
  assert.equal(todayDhaka(Date.parse('2026-06-29T17:59:00Z')), '2026-06-29');
});

test('the sample holder passes the citizenship form', () => {
  const { clean, errors } = validateForm(typeOf('citizenship'), HOLDER, TODAY);
  assert.deepEqual(errors, []);
  assert.equal(clean.holder_nid, '1987654321');
});

test('required, script, dates and one-of are checked with Bengali messages', () => {
  const type = typeOf('citizenship');
  const { errors } = validateForm(
    type,
    { ...HOLDER, holder_name_bn: 'Rabeya', holder_dob: '2030-01-01', holder_nid: '', gender: '' },
    TODAY,
  );
  const by = Object.fromEntries(errors.map((e) => [e.field, e]));
  assert.equal(by['fields.holder_name_bn'].bn, 'নাম (বাংলায়): বাংলায় লিখুন');
  assert.equal(by['fields.holder_dob'].bn, 'জন্ম তারিখ: ভবিষ্যতের তারিখ হতে পারে না');
  assert.equal(by['fields.gender'].bn, 'লিঙ্গ আবশ্যক');
  assert.match(by['fields.holder_nid'].bn, /অন্তত একটি দিন/);
  assert.match(by['fields.holder_nid'].en, /^Give at least one of/);
  assert.deepEqual(by['fields.holder_nid'].group, ['holder_nid', 'holder_brn']);
});

test('NID, BRN, phone, number, year, email, select', () => {
  const spec = (type, extra = {}) => ({ name: 'x', label_bn: 'ক', label_en: 'X', type, required: true, ...extra });
  assert.equal(checkField(spec('nid'), '১৯৮৭৬৫৪৩২১', TODAY).value, '1987654321');
  assert.ok(checkField(spec('nid'), '12345', TODAY).error);
  assert.ok(checkField(spec('brn'), '1234567890', TODAY).error);
  assert.equal(checkField(spec('brn'), '12345678901234567', TODAY).value, '12345678901234567');
  assert.equal(checkField(spec('phone'), '8801811000002', TODAY).value, '01811000002');
  assert.equal(checkField(spec('number', { validation: { min: 1, max: 10 } }), '৭', TODAY).value, 7);
  assert.ok(checkField(spec('number', { validation: { min: 1, max: 10 } }), '11', TODAY).error);
  assert.ok(checkField(spec('money'), '-5', TODAY).error);
  assert.equal(checkField(spec('year'), '২০২৫', TODAY).value, 2025);
  assert.ok(checkField(spec('email'), 'not-an-email', TODAY).error);
  assert.ok(checkField(spec('select', { options: [{ value: 'a' }] }), 'b', TODAY).error);
  assert.ok(checkField(spec('date'), '2025-02-30', TODAY).error);
  assert.deepEqual(checkField({ ...spec('text'), required: false }, '  ', TODAY), { value: undefined });
});

test('text length counts characters after collapsing spaces', () => {
  const s = {
    name: 'x',
    label_bn: 'ক',
    label_en: 'X',
    type: 'text',
    required: true,
    validation: { min_length: 2, max_length: 5 },
  };
  assert.equal(checkField(s, '  ab   cd ', TODAY).value, 'ab cd');
  assert.ok(checkField(s, 'abcdef', TODAY).error);
  assert.ok(checkField(s, 'a', TODAY).error);
});

test('every pattern in the catalog is understood, and behaves like fullmatch', () => {
  for (const file of fs.readdirSync(path.join(DATA, 'certificate_types'))) {
    for (const f of typeOf(file.replace('.json', '')).fields.flatMap((x) => [x, ...(x.columns || [])])) {
      if (f.validation?.pattern) assert.doesNotThrow(() => new RegExp(f.validation.pattern), `${file} ${f.name}`);
    }
  }
  assert.ok(fullMatch('^\\d{4}-\\d{4}$', '2025-2026'));
  assert.ok(!fullMatch('\\d{4}', '20256'));
});

test('table rows are checked with the server paths', () => {
  const type = typeOf('warish');
  const values = {
    applicant_relation: 'son',
    deceased_name_bn: 'মোঃ আব্দুল জব্বার',
    deceased_name_en: 'Md. Abdul Jabbar',
    deceased_nid: '4512369870',
    deceased_dob: '1948-03-10',
    date_of_death: '2025-12-01',
    deceased_father_name_bn: 'মোঃ করম আলী',
    deceased_mother_name_bn: 'মোছাঃ আমেনা খাতুন',
    village_bn: 'সুবিল',
    post_office_bn: 'সুবিল বাজার',
    heirs: [
      { name_bn: 'মোঃ কামাল হোসেন', relation: 'son', dob: '1985-02-01', phone: '01811000002', is_adult: 'yes' },
      { name_bn: '', relation: 'wife', dob: '2030-01-01', is_adult: 'yes' },
    ],
  };
  const { errors, clean } = validateForm(type, values, TODAY);
  assert.deepEqual(errors.map((e) => e.field).sort(), ['fields.heirs[1].dob', 'fields.heirs[1].name_bn']);
  assert.equal(clean.heirs[0].phone, '01811000002');
  const empty = validateForm(type, { ...values, heirs: [] }, TODAY).errors.map((e) => e.field);
  assert.ok(empty.includes('fields.heirs'));
});

test("an heir's date of birth is required once their NID is given, as on the server", () => {
  const type = typeOf('warish');
  const heir = { name_bn: 'মোঃ কামাল হোসেন', relation: 'son', nid: '5823146791', is_adult: 'yes' };
  const base = {
    applicant_relation: 'son',
    deceased_name_bn: 'মোঃ আব্দুল জব্বার',
    deceased_name_en: 'Md. Abdul Jabbar',
    deceased_nid: '4512369870',
    deceased_dob: '1948-03-10',
    date_of_death: '2025-12-01',
    deceased_father_name_bn: 'মোঃ করম আলী',
    deceased_mother_name_bn: 'মোছাঃ আমেনা খাতুন',
    village_bn: 'সুবিল',
    post_office_bn: 'সুবিল বাজার',
  };
  const missing = validateForm(type, { ...base, heirs: [heir] }, TODAY).errors;
  assert.deepEqual(
    missing.map((e) => e.field),
    ['fields.heirs[0].dob'],
  );
  assert.equal(validateForm(type, { ...base, heirs: [{ ...heir, nid: '' }] }, TODAY).errors.length, 0);
  const noDeceasedDob = { ...base, deceased_dob: '', heirs: [{ ...heir, nid: '' }] };
  assert.deepEqual(
    validateForm(type, noDeceasedDob, TODAY).errors.map((e) => e.field),
    ['fields.deceased_dob'],
  );
});

test('ids for server field paths', () => {
  assert.equal(fieldId('fields.holder_name_bn'), 'f-holder_name_bn');
  assert.equal(fieldId('fields.heirs[0].name_bn'), 'f-heirs-0-name_bn');
  assert.equal(fieldId('fields.heirs'), 'f-heirs');
  assert.equal(fieldId('ward'), 'f-ward');
  assert.equal(fieldId('papers.photo'), 'f-papers-photo');
});

test('English messages get the label when the server gave none', () => {
  assert.equal(englishMessage('Ward', 'must be a ward number from 1 to 9'), 'Ward must be a ward number from 1 to 9');
  assert.equal(englishMessage('Ward', 'Choose the ward'), 'Choose the ward');
});

test('taka ↔ poisha', () => {
  assert.equal(takaToPoisha('৭৫'), 7500);
  assert.equal(takaToPoisha('80.5'), 8050);
  assert.equal(takaToPoisha('1,000.25'), 100025);
  assert.equal(takaToPoisha('1.234'), null);
  assert.equal(takaToPoisha('abc'), null);
  assert.equal(poishaToTaka(8050), '80.50');
  assert.equal(poishaToTaka(5000), '50');
});

// issue 12: the date of birth (and every date) is three fields: day, month (by name), year.
const DOB = {
  name: 'holder_dob',
  label_bn: 'জন্ম তারিখ',
  label_en: 'Date of birth',
  type: 'date',
  required: true,
  validation: { past: true },
};

test('a date from three fields in Bengali digits is the ISO date the API takes', () => {
  assert.deepEqual(checkField(DOB, { day: '১৪', month: '4', year: '১৯৯০' }, TODAY), { value: '1990-04-14' });
  assert.deepEqual(checkField(DOB, { day: ' ৯ ', month: '12', year: '২০০১' }, TODAY), { value: '2001-12-09' });
  // any digit script folds as on the server (canonical.ascii_digits): Devanagari, Arabic-Indic, fullwidth
  assert.deepEqual(checkField(DOB, { day: '१४', month: '4', year: '١٩٩٠' }, TODAY), { value: '1990-04-14' });
  assert.deepEqual(checkField(DOB, { day: '１４', month: '4', year: '۱۹۹۰' }, TODAY), { value: '1990-04-14' });
  const { clean, errors } = validateForm(
    typeOf('citizenship'),
    { ...HOLDER, holder_dob: { day: '১৪', month: '4', year: '১৯৯০' } },
    TODAY,
  );
  assert.deepEqual(errors, []);
  assert.equal(clean.holder_dob, '1990-04-14');
});

test('an ISO date (a case sent back for changes) fills the three fields', () => {
  assert.deepEqual(dateParts('1990-04-09'), { day: '9', month: '4', year: '1990' });
  assert.deepEqual(dateParts('garbage'), { day: '', month: '', year: '' });
  assert.deepEqual(dateParts({ day: '১', month: '2' }), { day: '১', month: '2', year: '' });
});

test('one error for the whole date, in both languages, naming the label once', () => {
  const error = (parts) => checkField(DOB, parts, TODAY).error;
  assert.deepEqual(error({ day: '', month: '', year: '' }), { bn: 'জন্ম তারিখ আবশ্যক', en: 'Date of birth is required' });
  assert.deepEqual(error({ day: '১৪', month: '', year: '' }), {
    bn: 'জন্ম তারিখ: মাস ও বছর দেওয়া হয়নি',
    en: 'Date of birth must include a month and a year',
  });
  assert.deepEqual(error({ day: '৩০', month: '2', year: '২০২৫' }), {
    bn: 'জন্ম তারিখ: সঠিক তারিখ নয় — ফেব্রুয়ারি ২০২৫ মাসে ২৮ দিন',
    en: 'Date of birth must be a real date: February 2025 has 28 days',
  });
  assert.equal(error({ day: '29', month: '2', year: '2024' }), undefined); // a leap year
  assert.equal(error({ day: '৩২', month: '1', year: '1990' }).en, 'Date of birth must be a real date: January 1990 has 31 days');
  assert.equal(error({ day: '0', month: '1', year: '1990' }).en, 'Date of birth must be a real date');
  assert.equal(error({ day: 'ab', month: '1', year: '1990' }).en, 'Date of birth must be a real date');
  assert.equal(error({ day: '1', month: '1', year: '৯০' }).bn, 'জন্ম তারিখ: বছর ৪ অঙ্কে লিখুন, যেমন ১৯৯০');
  assert.deepEqual(error({ day: '১', month: '৭', year: '২০২৬' }), {
    bn: 'জন্ম তারিখ: ভবিষ্যতের তারিখ হতে পারে না',
    en: 'Date of birth cannot be in the future',
  });
  assert.equal(error({ day: '30', month: '6', year: '2026' }), undefined); // today is not the future
  assert.equal(MIN_YEAR, 1900);
  assert.deepEqual(error({ day: '31', month: '12', year: '১৮৯৯' }), {
    bn: 'জন্ম তারিখ: ১৯০০ সালের আগের হতে পারে না',
    en: 'Date of birth cannot be before 1900',
  });
  // a date that may lie ahead (road excavation) takes a future date, but not a very old one
  const end = { ...DOB, validation: {} };
  assert.deepEqual(checkField(end, { day: '1', month: '1', year: '2027' }, TODAY), { value: '2027-01-01' });
  assert.ok(checkField(end, '1850-01-01', TODAY).error);
});

test('an optional date left empty is no error; half a date is', () => {
  const dob = { ...DOB, required: false };
  assert.deepEqual(checkField(dob, { day: '', month: '', year: '' }, TODAY), { value: undefined });
  assert.ok(checkField(dob, { day: '', month: '3', year: '' }, TODAY).error);
});

test('a message never repeats its field label (NID, BRN, year)', () => {
  const nid = { name: 'holder_nid', label_bn: 'জাতীয় পরিচয়পত্র নম্বর', label_en: 'National ID (NID) number', type: 'nid' };
  assert.deepEqual(checkField(nid, '১২৩৪৫', TODAY).error, {
    bn: 'জাতীয় পরিচয়পত্র নম্বর: ১০, ১৩ বা ১৭ অঙ্কের হতে হবে',
    en: 'National ID (NID) number must be 10, 13 or 17 digits',
  });
  const brn = { ...nid, label_bn: 'জন্ম নিবন্ধন নম্বর', label_en: 'Birth registration number', type: 'brn' };
  assert.equal(checkField(brn, '12', TODAY).error.en, 'Birth registration number must be 17 digits');
  // every labelled message of every field type of the catalog names its label exactly once
  for (const file of fs.readdirSync(path.join(DATA, 'certificate_types'))) {
    for (const f of typeOf(file.replace('.json', '')).fields.flatMap((x) => [x, ...(x.columns || [])])) {
      if (f.type === 'table') continue;
      const bad = f.type === 'date' ? { day: '99', month: '1', year: '1990' } : f.type === 'select' ? '?' : '\u0000';
      const err = checkField({ ...f, validation: { ...f.validation, script: undefined, pattern: '\\d' } }, bad, TODAY).error;
      if (!err) continue;
      for (const l of ['bn', 'en'])
        assert.equal(err[l].split(f[`label_${l}`]).length - 1, 1, `${file} ${f.name} ${l}: ${err[l]}`);
    }
  }
});

test('numbers fold like the server: any digit script, separators removed', () => {
  assert.equal(fold('৪৫১২-৩৬৯৮৭০'), '4512369870');
  assert.equal(fold('４５１２ ３６９ ８７０'), '4512369870');
  assert.equal(fold('٤٥١٢.٣٦٩/٨٧٠'), '4512369870');
  assert.equal(asciiDigits('১৯৯০-০৪-১৪'), '1990-04-14'); // separators stay where they mean something
  assert.equal(checkField({ name: 'n', label_bn: 'ক', label_en: 'N', type: 'nid' }, '৪৫১২ ৩৬৯ ৮৭০', TODAY).value, '4512369870');
});

test('hints are sentences: two never run together', () => {
  assert.equal(sentences(['10, 13 or 17 digits', 'Write in Bengali.'], 'en'), '10, 13 or 17 digits. Write in Bengali.');
  assert.equal(sentences(['১৭ অঙ্ক', 'বাংলায় লিখুন।'], 'bn'), '১৭ অঙ্ক। বাংলায় লিখুন।');
  assert.equal(sentences([], 'en'), null);
  for (const key of keys().filter((k) => k.startsWith('form.hint_') || k === 'form.one_of'))
    for (const l of ['bn', 'en']) assert.match(t(key, { lo: 1, hi: 2 }, l), /[.।]$/, `${key} ${l}`);
});

test("the API's one-of error is the group's when the field is blank, in the web app's words", () => {
  const type = typeOf('citizenship');
  const api = [
    {
      field: 'fields.holder_nid',
      message: 'give at least one of: holder_nid, holder_brn',
      message_bn: 'জাতীয় পরিচয়পত্র নম্বর অথবা জন্ম নিবন্ধন নম্বর — অন্তত একটি দিন',
    },
  ];
  const [blank] = fromServer(api, type, { holder_nid: '', holder_brn: '' });
  assert.deepEqual(blank.group, ['holder_nid', 'holder_brn']);
  assert.equal(blank.en, 'Give at least one of: National ID (NID) number or Birth registration number');
  assert.equal(blank.bn, api[0].message_bn);
  const wrong = [{ field: 'fields.holder_nid', message: 'must be 10, 13 or 17 digits', message_bn: 'x' }];
  const [given] = fromServer(wrong, type, { holder_nid: '12345' });
  assert.equal(given.group, undefined);
  assert.equal(given.en, 'National ID (NID) number must be 10, 13 or 17 digits');
});
