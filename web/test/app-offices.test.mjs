// Issue 12 (offices): a search result says where the office is, in words and in the page's digits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setLang } from '../app/i18n.mjs';
import { placeLine } from '../app/lib/catalog.mjs';

const RAMPUR = {
  office_id: 'union-405',
  area: {
    district: { id: '4', name_bn: 'নোয়াখালী', name_en: 'Noakhali' },
    upazila: { id: '44', name_bn: 'কোম্পানীগঞ্জ', name_en: 'Companiganj' },
  },
};

test('a result names its upazila and district, or its district alone', () => {
  globalThis.window = new EventTarget(); // setLang tells the page; node has no window
  setLang('bn');
  assert.equal(placeLine(RAMPUR), 'কোম্পানীগঞ্জ উপজেলা, নোয়াখালী জেলা');
  assert.equal(placeLine({ area: { district: RAMPUR.area.district, upazila: null } }), 'নোয়াখালী জেলা');
  assert.equal(placeLine({}), '');
  setLang('en');
  assert.equal(placeLine(RAMPUR), 'Companiganj upazila, Noakhali district');
  setLang('bn');
  delete globalThis.window;
});
