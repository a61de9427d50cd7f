// The register's form of a holding (issue 14 item 9; decision 70): number, ward, village, use,
// land area, construction class, its owners and its floors as rows one adds or removes. Every
// control is named by the API's dotted field path ("floors.0.monthly_rent"), so the problems found
// here and a 422's `errors[]` land beside the same control. An objection's review revises the
// construction class and floors with the same rows (`factsEditor`, decision 73).

import { h, mount, uid } from '../../shared/dom.mjs';
import { t } from '../i18n.mjs';
import { OCCUPANCY, USES, holdingBody, holdingProblems } from './revenue.mjs';
import { clearError, errorText, field, label, reportProblems, showError } from './ui.mjs';
import { placeServerErrors, valuesOf } from './problems.mjs';

export const CLASSES = ['pucca', 'semi_pucca', 'kutcha'];

function input(testid, value = '', inputmode) {
  return h('input', { type: 'text', testid, value, inputmode });
}

function choose(testid, options, prefix, value) {
  const el = h(
    'select',
    { testid },
    options.map((o) => h('option', { value: o }, label(prefix, o))),
  );
  if (value) el.value = value;
  return el;
}

function removeButton(row, rows, redraw) {
  return h(
    'button',
    {
      type: 'button',
      class: 'btn btn-secondary btn-small',
      onclick: () => {
        rows.splice(rows.indexOf(row), 1);
        redraw();
      },
    },
    t('rev.remove_row'),
  );
}

const OWNER_COLUMNS = [
  ['name', 'rev.owner_name', undefined],
  ['phone', 'rev.owner_phone', 'tel'],
  ['nid', 'rev.owner_nid', 'numeric'],
  ['share', 'rev.owner_share', 'decimal'],
];

function ownerRow(values, i) {
  const controls = Object.fromEntries(
    OWNER_COLUMNS.map(([key, , mode]) => [key, input(`owner-${i}-${key}`, values[key] || '', mode)]),
  );
  const node = h(
    'fieldset',
    { class: 'row-group', testid: 'owner-row' },
    h('legend', {}, t('rev.owner_n', { n: i + 1 })),
    OWNER_COLUMNS.map(([key, text]) =>
      field({ id: uid('own'), label: t(text), required: key === 'name', control: controls[key] }),
    ),
  );
  return { node, controls };
}

function floorRow(values, i) {
  const controls = {
    built_area_sqm: input(`floor-${i}-area`, values.built_area_sqm || '', 'decimal'),
    use: choose(`floor-${i}-use`, USES, 'rev.use', values.use),
    occupancy: choose(`floor-${i}-occupancy`, OCCUPANCY, 'rev.occupancy', values.occupancy),
    monthly_rent: input(`floor-${i}-rent`, values.monthly_rent || '', 'decimal'),
  };
  const node = h(
    'fieldset',
    { class: 'row-group', testid: 'floor-row' },
    h('legend', {}, t('rev.floor_n', { n: i + 1 })),
    field({ id: uid('fl'), label: t('rev.built_area'), required: true, control: controls.built_area_sqm }),
    field({ id: uid('fl'), label: t('rev.use'), control: controls.use, optionalMark: false }),
    field({ id: uid('fl'), label: t('rev.occupancy_label'), control: controls.occupancy, optionalMark: false }),
    field({ id: uid('fl'), label: t('rev.monthly_rent'), hint: t('rev.rent_hint'), control: controls.monthly_rent }),
  );
  return { node, controls };
}

/** Rows of owners or floors: each row's values kept as typed across a redraw (add, remove). */
function rowsBlock(title, testid, initial, draw, blank) {
  const rows = initial.length ? initial.map((v) => ({ values: v })) : [{ values: blank() }];
  const list = h('div', {});
  const block = h('section', { class: 'rows', testid }, h('h2', {}, title), list);
  const keep = () => rows.forEach((r) => r.drawn && (r.values = valuesOf(r.drawn.controls)));
  const read = () => rows.map((r) => valuesOf(r.drawn.controls));
  const redraw = () => {
    keep();
    mount(
      list,
      rows.map((row, i) => {
        row.drawn = draw(row.values, i);
        if (rows.length > 1) row.drawn.node.append(removeButton(row, rows, redraw));
        return row.drawn.node;
      }),
    );
  };
  const add = h('button', { type: 'button', class: 'btn btn-secondary', testid: `${testid}-add` }, t('rev.add_row'));
  add.addEventListener('click', () => {
    rows.push({ values: blank() });
    redraw();
  });
  block.append(add);
  redraw();
  const controls = (prefix) =>
    Object.fromEntries(
      rows.flatMap((r, i) => Object.entries(r.drawn.controls).map(([k, c]) => [`${prefix}.${i}.${k}`, c])),
    );
  return { block, read, controls };
}

const blankFloor = () => ({ use: 'residential', occupancy: 'owner' });

/**
 * The facts an objection's review may revise (decision 73): the construction class and the floors,
 * as this form draws them. {node, read() → the form's values, controls() → {API field: control}}.
 */
export function factsEditor(values) {
  const built = choose('facts-class', CLASSES, 'rev.class', values.construction_class);
  const floors = rowsBlock(t('rev.floors'), 'facts-floors', values.floors || [], floorRow, blankFloor);
  const node = h(
    'div',
    { class: 'stack' },
    field({ id: uid('fc'), label: t('rev.class'), control: built, optionalMark: false }),
    floors.block,
  );
  const controls = () => ({
    'facts.construction_class': built,
    ...Object.fromEntries(
      Object.entries(floors.controls('f')).map(([name, c]) => {
        const [, i, key] = name.split('.');
        return [`facts.floors[${i}].${key}`, c];
      }),
    ),
  });
  return { node, read: () => ({ construction_class: built.value, floors: floors.read() }), controls };
}

/**
 * The form; `submit(body)` sends it (a promise; it throws the ApiError). Returns the form element.
 * `values` as lib/revenue.mjs holdingValues gives them (empty for a new holding).
 */
export function holdingForm(values, { submitText, submit, testid = 'holding-form' }) {
  const c = {
    number: input('h-number', values.number || ''),
    ward: input('h-ward', values.ward || '', 'numeric'),
    village: input('h-village', values.village || ''),
    use: choose('h-use', USES, 'rev.use', values.use),
    land_area_sqm: input('h-land', values.land_area_sqm || '', 'decimal'),
    construction_class: choose('h-class', CLASSES, 'rev.class', values.construction_class),
  };
  const owners = rowsBlock(t('rev.owners'), 'owners', values.owners || [], ownerRow, () => ({}));
  const floors = rowsBlock(t('rev.floors'), 'floors', values.floors || [], floorRow, blankFloor);
  const summary = h('div', {});
  const button = h('button', { type: 'submit', class: 'btn', testid: `${testid}-submit` }, submitText);
  const form = h(
    'form',
    { novalidate: true, testid },
    summary,
    field({ id: 'h-number', label: t('rev.number'), required: true, control: c.number }),
    field({ id: 'h-ward', label: t('rev.ward'), required: true, control: c.ward }),
    field({ id: 'h-village', label: t('rev.village'), required: true, control: c.village }),
    field({ id: 'h-use', label: t('rev.use'), control: c.use, optionalMark: false }),
    field({
      id: 'h-land',
      label: t('rev.land_area'),
      hint: t('rev.sqm_hint'),
      required: true,
      control: c.land_area_sqm,
    }),
    field({ id: 'h-class', label: t('rev.class'), control: c.construction_class, optionalMark: false }),
    owners.block,
    floors.block,
    button,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const controls = { ...c, ...owners.controls('owners'), ...floors.controls('floors') };
    controls.owners = controls['owners.0.name'];
    Object.values(controls).forEach((x) => x && clearError(x));
    mount(summary);
    const body = holdingBody({
      ...Object.fromEntries(Object.entries(c).map(([k, x]) => [k, x.value])),
      owners: owners.read(),
      floors: floors.read(),
    });
    const problems = holdingProblems(body);
    if (problems.length) {
      const items = problems.map(([name, key]) => {
        if (controls[name]) showError(controls[name], t(key));
        return { text: t(key), control: controls[name] };
      });
      reportProblems(summary, items);
      return;
    }
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    try {
      await submit(body);
    } catch (err) {
      if (err.errors?.length) placeServerErrors(summary, err.errors, controls);
      else reportProblems(summary, [{ text: errorText(err) }]);
    } finally {
      button.removeAttribute('aria-disabled');
    }
  });
  return form;
}
