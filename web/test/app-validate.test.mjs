// Client-side validation mirrors chalicelib/domain/forms.py: run with `node --test web/test/`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  asciiDigits,
  bnDigits,
  checkField,
  englishMessage,
  fieldId,
  fullMatch,
  normalisePhone,
  poishaToTaka,
  takaToPoisha,
  todayDhaka,
  validateForm,
} from '../app/validate.mjs';

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
  assert.match(by['fields.holder_nid'].en, /^Give one of/);
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
