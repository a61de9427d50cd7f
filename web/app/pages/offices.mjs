// Find the office: by name (Bengali or English, GET /v1/offices?q=) or through the
// division → district → upazila → office pickers (GET /v1/offices?upazila= / ?district=&kind=).

import { allPages, api, query } from '../api.mjs';
import { h, mount } from '../../shared/dom.mjs';
import { lang, pick, t } from '../i18n.mjs';
import { busy, errorBox, field, loading, pageHead } from '../ui.mjs';

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

/** Where an office is, in words: "Companiganj upazila, Noakhali district" (or the district only). */
export function placeLine(o) {
  const a = o.area || {};
  if (a.upazila && a.district)
    return t('offices.place', { upazila: pick(a.upazila, 'name'), district: pick(a.district, 'name') });
  return a.district ? t('offices.place_district', { district: pick(a.district, 'name') }) : '';
}

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

function searchSection(ctx) {
  const input = h('input', {
    type: 'search',
    testid: 'office-search',
    name: 'q',
    autocomplete: 'off',
    value: ctx.query.get('q') || '',
  });
  const button = h(
    'button',
    { type: 'submit', class: 'btn', testid: 'office-search-submit' },
    t('offices.search_button'),
  );
  const count = h('p', { class: 'muted', 'aria-live': 'polite', testid: 'office-search-count' });
  const results = h('ul', { class: 'cards', testid: 'office-results' });
  let timer = null;
  let latest = 0;

  const more = h('button', { type: 'button', class: 'btn btn-secondary', testid: 'office-search-more' });
  const moreBox = h('div', {});
  let shown = [];
  let next = null;

  function draw() {
    mount(
      count,
      shown.length
        ? t(next ? 'offices.found_first' : 'offices.found', { n: shown.length })
        : t('offices.none'),
    );
    mount(results, shown.map(resultCard));
    mount(more, t('offices.more_results'));
    mount(moreBox, next ? more : null);
  }

  async function run(focusResults, cursor = null) {
    const q = input.value.trim();
    const bengali = /[\u0980-\u09FF]/.test(q);
    if (!cursor) {
      shown = [];
      next = null;
      mount(results);
      mount(moreBox);
    }
    if ([...q].length < (bengali ? 2 : 3)) {
      mount(count, q ? t('offices.more_letters') : '');
      return;
    }
    const mine = ++latest;
    if (!cursor) mount(count, loading(t('offices.searching')));
    try {
      // The first page holds the first matches (the API's key condition does the matching).
      const data = await api(`/offices${query({ q, limit: PAGE, cursor })}`, { cached: true });
      if (mine !== latest) return;
      const url = new URL(location.href);
      url.hash = `#/offices${query({ q })}`;
      history.replaceState(null, '', url);
      const seen = new Set(shown.map((o) => o.office_id));
      const added = (data.items || []).filter((o) => !seen.has(o.office_id));
      shown = shown.concat(added);
      next = data.next_cursor || null;
      draw();
      const first = results.querySelector(`[data-office="${CSS.escape(added[0]?.office_id || '')}"]`);
      if ((focusResults || cursor) && first) first.focus();
    } catch (err) {
      if (mine === latest)
        mount(
          count,
          errorBox(err, () => run(focusResults, cursor)),
        );
    }
  }

  more.addEventListener('click', () => busy(more, () => run(false, next)));
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(false), 450);
  });
  const form = h(
    'form',
    { role: 'search', class: 'stack', novalidate: true },
    field({
      id: 'office-q',
      label: t('offices.search_label'),
      hint: t('offices.search_hint_places'),
      control: input,
      optionalMark: false,
    }),
    button,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    busy(button, () => run(true));
  });
  if (input.value) run(false);
  return h(
    'section',
    { 'aria-labelledby': 'by-name' },
    h('h2', { id: 'by-name' }, t('offices.by_name')),
    form,
    count,
    results,
    moreBox,
  );
}

async function pickerSection(ctx) {
  const areas = await import('../data/areas.mjs');
  const state = {
    division: ctx.query.get('division') || '',
    district: ctx.query.get('district') || '',
    upazila: ctx.query.get('upazila') || '',
  };
  const division = h('select', { testid: 'picker-division', name: 'division' });
  const district = h('select', { testid: 'picker-district', name: 'district' });
  const upazila = h('select', { testid: 'picker-upazila', name: 'upazila' });
  const office = h('select', { testid: 'picker-office', name: 'office' });
  const go = h('button', { type: 'submit', class: 'btn', testid: 'picker-go' }, t('offices.choose'));
  const status = h('div', { 'aria-live': 'polite' });
  const nameOf = (row, bnAt) => (lang() === 'bn' ? row[bnAt] : row[bnAt + 1]);

  function remember() {
    const url = new URL(location.href);
    url.hash = `#/offices${query(state)}`;
    history.replaceState(null, '', url);
  }

  function fill() {
    mount(
      division,
      options(
        areas.DIVISIONS.map((d) => ({ value: d[0], label: nameOf(d, 1) })).sort(byName),
        t('offices.pick_division'),
      ),
    );
    division.value = state.division;
    const districts = areas.DISTRICTS.filter((d) => d[1] === state.division)
      .map((d) => ({ value: d[0], label: nameOf(d, 2) }))
      .sort(byName);
    mount(district, options(districts, t('offices.pick_district')));
    district.disabled = !state.division;
    district.value = state.district;
    const upazilas = areas.UPAZILAS.filter((u) => u[1] === state.district)
      .map((u) => ({ value: u[0], label: nameOf(u, 2) }))
      .sort(byName);
    if (areas.OUTSIDE_UPAZILA[state.district]) upazilas.push({ value: OUTSIDE, label: t('offices.outside_upazila') });
    mount(upazila, options(upazilas, t('offices.pick_upazila')));
    upazila.disabled = !state.district;
    upazila.value = state.upazila;
  }

  let latest = 0;
  async function loadOffices() {
    mount(office, options([], t('offices.pick_office')));
    office.disabled = true;
    mount(status);
    if (!state.upazila) return;
    const mine = ++latest;
    mount(status, loading(t('offices.loading_offices')));
    try {
      let found;
      if (state.upazila === OUTSIDE) {
        const kinds = areas.OUTSIDE_UPAZILA[state.district] || [];
        const lists = await Promise.all(kinds.map((kind) => allPages('/offices', { district: state.district, kind })));
        found = lists.flat().filter((o) => !o.upazila_id);
      } else {
        found = await allPages('/offices', { upazila: state.upazila });
      }
      if (mine !== latest) return;
      const rows = found.map((o) => ({ value: o.office_id, label: officeLabel(o) })).sort(byName);
      mount(office, options(rows, t('offices.pick_office')));
      office.disabled = !rows.length;
      mount(
        status,
        h('p', { class: 'muted' }, rows.length ? t('offices.found', { n: rows.length }) : t('offices.none_here')),
      );
    } catch (err) {
      if (mine === latest) mount(status, errorBox(err, loadOffices));
    }
  }

  division.addEventListener('change', () => {
    Object.assign(state, { division: division.value, district: '', upazila: '' });
    fill();
    remember();
    loadOffices();
  });
  district.addEventListener('change', () => {
    Object.assign(state, { district: district.value, upazila: '' });
    fill();
    remember();
    loadOffices();
  });
  upazila.addEventListener('change', () => {
    state.upazila = upazila.value;
    remember();
    loadOffices();
  });
  const officeField = field({ id: 'pick-office', label: t('offices.office'), control: office, optionalMark: false });
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
    officeField,
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
  fill();
  loadOffices();
  return h('section', { 'aria-labelledby': 'by-area' }, h('h2', { id: 'by-area' }, t('offices.by_area')), form);
}

export async function finder(ctx) {
  const search = searchSection(ctx);
  const pickers = await pickerSection(ctx);
  ctx.show(pageHead(t('offices.title'), h('p', { class: 'lead' }, t('offices.lead'))), search, pickers);
}
