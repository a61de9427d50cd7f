// Find the office: by name (Bengali or English, GET /v1/offices?q=) or through the
// division → district → upazila → office pickers (GET /v1/offices?upazila= / ?district=&kind=).

import { allPages, api, query } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { lang, pick, t } from '../i18n.mjs';
import { placeLine } from '../lib/catalog.mjs';
import { busy, errorBox, field, loading, pageHead } from '../lib/ui.mjs';

const OUTSIDE = 'outside'; // the pseudo-upazila: city corporations and pourashavas outside any upazila

function byName(a, b) {
  return a.label.localeCompare(b.label, lang() === 'bn' ? 'bn' : 'en');
}

function options(rows, placeholder) {
  return [h('option', { value: '' }, placeholder), rows.map((r) => h('option', { value: r.value }, r.label))];
}

function officeLabel(o) {
  return `${pick(o, 'name')} (${t(`kind.${o.kind}`)})`;
}

const PAGE = 20;

function resultCard(o) {
  return h(
    'li',
    {},
    h(
      'a',
      {
        href: `#/offices/${encodeURIComponent(o.office_id)}`,
        class: 'card-link',
        testid: 'office-result',
        'data-office': o.office_id,
      },
      h('strong', {}, pick(o, 'name'), ' ', t(`kind.${o.kind}`)),
      h('span', { class: 'muted', testid: 'office-result-place' }, placeLine(o)),
    ),
  );
}

function drawResults(sr) {
  mount(
    sr.count,
    sr.shown.length
      ? t(sr.next ? 'offices.found_first' : 'offices.found', { n: sr.shown.length })
      : t('offices.none'),
  );
  mount(sr.results, sr.shown.map(resultCard));
  mount(sr.more, t('offices.more_results'));
  mount(sr.moreBox, sr.next ? sr.more : null);
}

/** Search for what the input holds (`cursor`: the next page of the same search). */
async function runSearch(sr, focusResults, cursor = null) {
  const q = sr.input.value.trim();
  const bengali = /[\u0980-\u09FF]/.test(q);
  if (!cursor) {
    sr.shown = [];
    sr.next = null;
    mount(sr.results);
    mount(sr.moreBox);
  }
  if ([...q].length < (bengali ? 2 : 3)) {
    mount(sr.count, q ? t('offices.more_letters') : '');
    return;
  }
  const mine = ++sr.latest;
  if (!cursor) mount(sr.count, loading(t('offices.searching')));
  try {
    // The first page holds the first matches (the API's key condition does the matching).
    const data = await api(`/offices${query({ q, limit: PAGE, cursor })}`, { cached: true });
    if (mine !== sr.latest) return;
    const url = new URL(location.href);
    url.hash = `#/offices${query({ q })}`;
    history.replaceState(null, '', url);
    const seen = new Set(sr.shown.map((o) => o.office_id));
    const added = (data.items || []).filter((o) => !seen.has(o.office_id));
    sr.shown = sr.shown.concat(added);
    sr.next = data.next_cursor || null;
    drawResults(sr);
    const first = sr.results.querySelector(`[data-office="${CSS.escape(added[0]?.office_id || '')}"]`);
    if ((focusResults || cursor) && first) first.focus();
  } catch (err) {
    if (mine === sr.latest)
      mount(
        sr.count,
        errorBox(err, () => runSearch(sr, focusResults, cursor)),
      );
  }
}

function searchSection(ctx) {
  const sr = {
    input: h('input', {
      type: 'search',
      testid: 'office-search',
      name: 'q',
      autocomplete: 'off',
      value: ctx.query.get('q') || '',
    }),
    count: h('p', { class: 'muted', 'aria-live': 'polite', testid: 'office-search-count' }),
    results: h('ul', { class: 'cards', testid: 'office-results' }),
    more: h('button', { type: 'button', class: 'btn btn-secondary', testid: 'office-search-more' }),
    moreBox: h('div', {}),
    shown: [],
    next: null,
    latest: 0,
  };
  const button = h(
    'button',
    { type: 'submit', class: 'btn', testid: 'office-search-submit' },
    t('offices.search_button'),
  );
  let timer = null;
  sr.more.addEventListener('click', () => busy(sr.more, () => runSearch(sr, false, sr.next)));
  sr.input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => runSearch(sr, false), 450);
  });
  const form = h(
    'form',
    { role: 'search', class: 'stack', novalidate: true },
    field({
      id: 'office-q',
      label: t('offices.search_label'),
      hint: t('offices.search_hint_places'),
      control: sr.input,
      optionalMark: false,
    }),
    button,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    busy(button, () => runSearch(sr, true));
  });
  if (sr.input.value) runSearch(sr, false);
  return h(
    'section',
    { 'aria-labelledby': 'by-name' },
    h('h2', { id: 'by-name' }, t('offices.by_name')),
    form,
    sr.count,
    sr.results,
    sr.moreBox,
  );
}

// The pickers' state, `pk` below: {areas (data/areas.mjs), state {division, district, upazila},
// the four selects, status, latest (the newest office request)}.
function nameIn(row, bnAt) {
  return lang() === 'bn' ? row[bnAt] : row[bnAt + 1];
}

function rememberPick(state) {
  const url = new URL(location.href);
  url.hash = `#/offices${query(state)}`;
  history.replaceState(null, '', url);
}

function fillPickers(pk) {
  const { areas, state, division, district, upazila } = pk;
  mount(
    division,
    options(
      areas.DIVISIONS.map((d) => ({ value: d[0], label: nameIn(d, 1) })).sort(byName),
      t('offices.pick_division'),
    ),
  );
  division.value = state.division;
  const districts = areas.DISTRICTS.filter((d) => d[1] === state.division)
    .map((d) => ({ value: d[0], label: nameIn(d, 2) }))
    .sort(byName);
  mount(district, options(districts, t('offices.pick_district')));
  district.disabled = !state.division;
  district.value = state.district;
  const upazilas = areas.UPAZILAS.filter((u) => u[1] === state.district)
    .map((u) => ({ value: u[0], label: nameIn(u, 2) }))
    .sort(byName);
  if (areas.OUTSIDE_UPAZILA[state.district]) upazilas.push({ value: OUTSIDE, label: t('offices.outside_upazila') });
  mount(upazila, options(upazilas, t('offices.pick_upazila')));
  upazila.disabled = !state.district;
  upazila.value = state.upazila;
}

function officesIn(areas, state) {
  if (state.upazila !== OUTSIDE) return allPages('/offices', { upazila: state.upazila });
  const kinds = areas.OUTSIDE_UPAZILA[state.district] || [];
  return Promise.all(kinds.map((kind) => allPages('/offices', { district: state.district, kind }))).then((lists) =>
    lists.flat().filter((o) => !o.upazila_id),
  );
}

async function loadOffices(pk) {
  const { office, status, state } = pk;
  mount(office, options([], t('offices.pick_office')));
  office.disabled = true;
  mount(status);
  if (!state.upazila) return;
  const mine = ++pk.latest;
  mount(status, loading(t('offices.loading_offices')));
  try {
    const found = await officesIn(pk.areas, state);
    if (mine !== pk.latest) return;
    const rows = found.map((o) => ({ value: o.office_id, label: officeLabel(o) })).sort(byName);
    mount(office, options(rows, t('offices.pick_office')));
    office.disabled = !rows.length;
    mount(
      status,
      h('p', { class: 'muted' }, rows.length ? t('offices.found', { n: rows.length }) : t('offices.none_here')),
    );
  } catch (err) {
    if (mine === pk.latest) mount(status, errorBox(err, () => loadOffices(pk)));
  }
}

/** A change of division, district or upazila: the lower pickers follow, the address remembers. */
function onPick(pk, changes) {
  Object.assign(pk.state, changes);
  if (!('upazila' in changes && Object.keys(changes).length === 1)) fillPickers(pk);
  rememberPick(pk.state);
  loadOffices(pk);
}

function pickerForm(ctx, pk) {
  const { division, district, upazila, office, status } = pk;
  const go = h('button', { type: 'submit', class: 'btn', testid: 'picker-go' }, t('offices.choose'));
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    field({ id: 'pick-division', label: t('offices.division'), control: division, optionalMark: false }),
    field({ id: 'pick-district', label: t('offices.district'), control: district, optionalMark: false }),
    field({
      id: 'pick-upazila',
      label: t('offices.upazila'),
      hint: t('offices.upazila_hint'),
      control: upazila,
      optionalMark: false,
    }),
    status,
    field({ id: 'pick-office', label: t('offices.office'), control: office, optionalMark: false }),
    go,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!office.value) {
      const target = [division, district, upazila, office].find((s) => !s.value && !s.disabled) || division;
      target.focus();
      mount(status, h('p', { class: 'field-error', role: 'alert' }, t('offices.pick_first')));
      return;
    }
    ctx.navigate(`#/offices/${encodeURIComponent(office.value)}`);
  });
  return form;
}

async function pickerSection(ctx) {
  const pk = {
    areas: await import('../data/areas.mjs'),
    state: {
      division: ctx.query.get('division') || '',
      district: ctx.query.get('district') || '',
      upazila: ctx.query.get('upazila') || '',
    },
    division: h('select', { testid: 'picker-division', name: 'division' }),
    district: h('select', { testid: 'picker-district', name: 'district' }),
    upazila: h('select', { testid: 'picker-upazila', name: 'upazila' }),
    office: h('select', { testid: 'picker-office', name: 'office' }),
    status: h('div', { 'aria-live': 'polite' }),
    latest: 0,
  };
  pk.division.addEventListener('change', () => onPick(pk, { division: pk.division.value, district: '', upazila: '' }));
  pk.district.addEventListener('change', () => onPick(pk, { district: pk.district.value, upazila: '' }));
  pk.upazila.addEventListener('change', () => onPick(pk, { upazila: pk.upazila.value }));
  const form = pickerForm(ctx, pk);
  fillPickers(pk);
  loadOffices(pk);
  return h('section', { 'aria-labelledby': 'by-area' }, h('h2', { id: 'by-area' }, t('offices.by_area')), form);
}

export async function finder(ctx) {
  const search = searchSection(ctx);
  const pickers = await pickerSection(ctx);
  ctx.show(pageHead(t('offices.title'), h('p', { class: 'lead' }, t('offices.lead'))), search, pickers);
}
