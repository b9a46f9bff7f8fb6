// What the observatory pages share (/osservatorio, /osservatorio-cpi): the indicators and
// dimensions of the observatory's REST API (labels in the page's language), the filters (kept in
// the address), the tables (suppressed cells shown as "n.d.", never as 0), the charts (Chart.js,
// suppressed values as gaps) and the sections that hold a chart with its data table.
import { get } from './api.js';
import { Chart } from './chart-lib.js';
import { language, LANGUAGES, t } from './i18n.js';
import { clear, h } from './ui.js';

// The filters: [dimension id, query parameter (the API's, also in the page's address)].
export const FILTERS = [
  ['province', 'province'], ['sex', 'sex'], ['age_band', 'ageBand'], ['citizenship_group', 'citizenshipGroup'],
  ['contract_type', 'contractType'], ['ateco_section', 'atecoSection'],
];
export const MONTHS = [['from', 'fromMonth'], ['to', 'toMonth']];
const MONTH_PATTERN = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

// The series' colours (Bootstrap Italia's palette, AA against white) and their dash patterns, so
// that series differ by more than colour.
export const SERIES = {
  hires: { color: '#0066cc', dash: [], point: 'circle' },
  terminations: { color: '#cc334d', dash: [6, 4], point: 'triangle' },
  net_change: { color: '#008055', dash: [2, 3], point: 'rectRot' },
  stock: { color: '#5c2d91', dash: [], point: 'circle' },
  appointments_booked: { color: '#0066cc', dash: [], point: 'circle' },
  appointments_delivered: { color: '#008055', dash: [], point: 'rectRot' },
  appointments_no_show: { color: '#cc334d', dash: [], point: 'triangle' },
  proposals: { color: '#995c00', dash: [], point: 'circle' },
};

export const apiLanguage = () => (language() === 'en' ? 'en' : 'it');
const locale = () => LANGUAGES[language()]?.locale || 'it-IT';

// ---- indicators and dimensions -----------------------------------------------------------------
const metaCache = {};
// {indicators: Map id -> Indicator, dimensions: Map id -> Dimension, suppression: {threshold, description}}
export function loadMeta(lang = apiLanguage()) {
  if (!metaCache[lang]) {
    metaCache[lang] = Promise.all([
      get('/api/v1/observatory/indicators', { language: lang }),
      get('/api/v1/observatory/dimensions', { language: lang }),
    ]).then(([ind, dim]) => ({
      indicators: new Map((ind.indicators || []).map((i) => [i.id, i])),
      dimensions: new Map((dim.dimensions || []).map((d) => [d.id, d])),
      suppression: ind.suppression || { threshold: 0, description: '' },
    }));
    metaCache[lang].catch(() => delete metaCache[lang]);
  }
  return metaCache[lang];
}

export function indicatorLabel(meta, id) {
  return meta.indicators.get(id)?.label || t(`obs.ind.${id}`);
}

export function codeLabel(meta, dimension, code) {
  return meta.dimensions.get(dimension)?.values?.find((v) => v.code === code)?.label || code;
}

// ---- filters -----------------------------------------------------------------------------------
// The filters in the address: {fromMonth, toMonth, province, ...} (only the ones set).
export function filtersFromUrl(filters = FILTERS) {
  const q = new URLSearchParams(location.search);
  const out = {};
  for (const [, param] of [...MONTHS, ...filters]) {
    const v = q.get(param);
    if (v) out[param] = v;
  }
  for (const [, param] of MONTHS) if (out[param] && !MONTH_PATTERN.test(out[param])) delete out[param];
  return out;
}

export function filtersToUrl(values, filters = FILTERS) {
  const q = new URLSearchParams();
  for (const [, param] of [...MONTHS, ...filters]) if (values[param]) q.set(param, values[param]);
  const s = q.toString();
  history.replaceState(null, '', `${location.pathname}${s ? `?${s}` : ''}`);
}

// The query of an indicator's table: the filters its dimensions allow; `skipped` lists the
// dimensions of the filters it cannot take.
export function tableQuery(meta, indicator, values, { rows, columns = '', filters = FILTERS, except = [] }) {
  const dims = meta.indicators.get(indicator)?.dimensions;
  const query = { language: apiLanguage(), rows, columns, pageSize: 1000, fromMonth: values.fromMonth, toMonth: values.toMonth };
  const skipped = [];
  for (const [dim, param] of filters) {
    if (!values[param] || except.includes(dim)) continue;
    if (dims && !dims.includes(dim)) skipped.push(dim);
    else query[param] = values[param];
  }
  return { query, skipped };
}

export async function fetchTable(meta, indicator, values, options = {}) {
  const { query, skipped } = tableQuery(meta, indicator, values, options);
  const base = options.staff ? '/api/v1/observatory/staff/indicators' : '/api/v1/observatory/indicators';
  const r = await get(`${base}/${encodeURIComponent(indicator)}/table`, query);
  return { table: r.table || { rows: [], columns: [] }, skipped };
}

// The filter form: months, then a select per filter (codes and labels of its dimension).
export function filterForm({ meta, values, filters = FILTERS, onApply, idPrefix = 'obs', monthHint = 'obs.filter.monthHint' }) {
  const controls = {};
  const error = h('div', { id: `${idPrefix}-filter-error` });
  const monthField = (key, param) => {
    const id = `${idPrefix}-${key}`;
    const hintId = `${id}-hint`;
    const input = h('input', { id, type: 'month', class: 'form-control', value: values[param] || '', min: '2000-01', max: '2099-12',
      'aria-describedby': hintId, dataset: { param } });
    controls[param] = input;
    return h('div', { class: 'col-sm-6 col-lg-3' }, h('div', { class: 'form-group mb-4' },
      h('label', { for: id, class: 'active' }, t(`obs.filter.${key}`)), input,
      h('small', { id: hintId, class: 'form-text' }, t(monthHint))));
  };
  const selectField = (dim, param) => {
    const id = `${idPrefix}-${param}`;
    const d = meta.dimensions.get(dim);
    const select = h('select', { id, class: 'form-select', dataset: { param, dimension: dim } },
      h('option', { value: '' }, t('obs.filter.all')),
      (d?.values || []).map((v) => h('option', { value: v.code, selected: values[param] === v.code }, v.label)));
    controls[param] = select;
    return h('div', { class: 'col-sm-6 col-lg-3' }, h('div', { class: 'select-wrapper mb-4' },
      h('label', { for: id }, d?.label || t(`obs.dim.${dim}`)), select));
  };
  const read = () => {
    const out = {};
    for (const [param, control] of Object.entries(controls)) if (control.value) out[param] = control.value;
    return out;
  };
  const form = h('form', { class: 'sisl-card mb-4', id: `${idPrefix}-filters`, 'aria-labelledby': `${idPrefix}-filters-heading`, novalidate: true,
    onsubmit: (e) => {
      e.preventDefault();
      const v = read();
      const from = controls.fromMonth;
      for (const c of [controls.fromMonth, controls.toMonth]) c.removeAttribute('aria-invalid');
      clear(error);
      let problem = '';
      let bad = null;
      for (const [, param] of MONTHS) {
        if (v[param] && !MONTH_PATTERN.test(v[param])) { problem = t('obs.filter.monthFormat'); bad = controls[param]; break; }
      }
      if (!problem && v.fromMonth && v.toMonth && v.fromMonth > v.toMonth) { problem = t('obs.filter.monthOrder'); bad = from; }
      if (problem) {
        bad.setAttribute('aria-invalid', 'true');
        const errId = `${bad.id}-error`;
        bad.setAttribute('aria-describedby', `${bad.id}-hint ${errId}`);
        clear(error, h('div', { class: 'alert alert-danger', role: 'alert', tabindex: '-1' },
          h('p', { class: 'mb-0', id: errId }, problem)));
        requestAnimationFrame(() => error.firstChild?.focus());
        return;
      }
      for (const c of [controls.fromMonth, controls.toMonth]) c.setAttribute('aria-describedby', `${c.id}-hint`);
      onApply(v);
    } },
  h('h2', { class: 'h4', id: `${idPrefix}-filters-heading` }, t('obs.filters')),
  error,
  h('div', { class: 'row' }, MONTHS.map(([key, param]) => monthField(key, param)), filters.map(([dim, param]) => selectField(dim, param))),
  h('div', { class: 'd-flex flex-wrap gap-2' },
    h('button', { type: 'submit', class: 'btn btn-primary', id: `${idPrefix}-apply` }, t('obs.filter.apply')),
    h('button', { type: 'button', class: 'btn btn-outline-primary', id: `${idPrefix}-reset`, onclick: () => {
      for (const c of Object.values(controls)) c.value = '';
      onApply({});
    } }, t('obs.filter.reset'))));
  return { form, controls, read };
}

// "Torino; donne; dal 2026-01" — the filters in words (the region and the last twelve months when none).
export function scopeText(meta, values, filters = FILTERS) {
  const parts = [];
  for (const [dim, param] of filters) {
    if (values[param]) parts.push(codeLabel(meta, dim, values[param]));
  }
  if (!values.province) parts.unshift(t('obs.scope.region'));
  if (values.fromMonth && values.toMonth) parts.push(t('obs.scope.fromTo', { from: monthLabel(values.fromMonth), to: monthLabel(values.toMonth) }));
  else if (values.fromMonth) parts.push(t('obs.scope.from', { from: monthLabel(values.fromMonth) }));
  else if (values.toMonth) parts.push(t('obs.scope.to', { to: monthLabel(values.toMonth) }));
  else parts.push(t('obs.scope.lastYear'));
  return parts.join(' · ');
}

export function monthLabel(month) {
  if (!MONTH_PATTERN.test(month || '')) return month || '';
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 15)));
}

// ---- values ------------------------------------------------------------------------------------
export const num = (v) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(Number(v || 0));

// A cell as the table shows it: the number, or "n.d." with the reason for screen readers.
export function cellContent(cell) {
  if (cell?.suppressed) {
    return [h('span', { 'aria-hidden': 'true' }, t('obs.suppressedShort')), h('span', { class: 'visually-hidden' }, t('obs.suppressedLong'))];
  }
  return num(cell?.value);
}

// A category as a chart's axis shows it: the code before the label (ATECO sections), labels in
// capitals (the ISTAT lists) in sentence case, at most 48 characters (the table has the full text).
export function chartLabel(label, code = '') {
  let text = label || code;
  if (text === text.toLocaleUpperCase() && /\p{L}{3}/u.test(text)) text = text.charAt(0) + text.slice(1).toLocaleLowerCase();
  if (code && code !== label) text = `${code} · ${text}`;
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

// No chart for a table without rows (its table says so).
export function showChart(box, hasRows) {
  box.hidden = !hasRows;
}

// A chart's value: null (a gap) when suppressed or missing.
export const chartValue = (cell) => (!cell || cell.suppressed ? null : Number(cell.value || 0));

// The single value of a row of a one-column table.
export const rowValue = (row) => (row?.cells?.length === 1 ? row.cells[0] : row?.total);

const valueCell = (c) => h('td', { class: 'text-end', dataset: c?.suppressed ? { suppressed: 'true' } : null }, cellContent(c));

// headers: [text, ...] (the first heads the row headers); rows: [{head, cells: [Cell], code}];
// foot: {head, cells} or null.
export function dataTable({ id, caption, headers, rows, foot = null, note = null, scrolling = false }) {
  const captionId = `${id}-caption`;
  const table = h('table', { class: 'table sisl-table sisl-obs-table', id },
    h('caption', { id: captionId }, caption),
    h('thead', {}, h('tr', {}, headers.map((text, i) => h('th', { scope: 'col', class: i ? 'text-end' : null }, text)))),
    h('tbody', {}, rows.length ? rows.map((r) => h('tr', { dataset: { code: r.code ?? '' } },
      h('th', { scope: 'row' }, r.head),
      r.cells.map(valueCell)))
      : h('tr', {}, h('td', { colspan: String(headers.length) }, t('obs.noData')))),
    foot ? h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, foot.head),
      foot.cells.map(valueCell))) : null);
  const anySuppressed = [...rows.flatMap((r) => r.cells), ...(foot?.cells || [])].some((c) => c?.suppressed);
  // A table wider than the page scrolls inside a region reachable with the keyboard.
  const body = scrolling
    ? h('div', { class: 'table-responsive', tabindex: '0', role: 'region', 'aria-labelledby': captionId }, table)
    : table;
  return h('div', { class: 'sisl-obs-table-wrap' }, body, anySuppressed && note ? note : null);
}

// The explanation of "n.d." (the threshold and the rule, from GET /api/v1/observatory/indicators).
export function suppressionNote(meta) {
  const s = meta.suppression || {};
  return h('p', { class: 'form-text sisl-obs-note' },
    h('span', { class: 'fw-semibold' }, `${t('obs.suppressedShort')}: `),
    t('obs.suppressedRule', { threshold: s.threshold || '?' }), s.description ? ` ${s.description}` : '');
}

// ---- charts ------------------------------------------------------------------------------------
// A section: heading, the scope line, the chart (a canvas with a text alternative pointing to
// the table), the table in a disclosure (or visible). Returns its parts to fill.
export function chartSection({ id, title, lead, open = false, size = 'md' }) {
  const heading = h('h2', { class: 'h3', id: `${id}-heading`, tabindex: '-1' }, title);
  const scope = h('p', { class: 'sisl-obs-scope', id: `${id}-scope` });
  const canvas = h('canvas', { id: `${id}-chart`, role: 'img', 'aria-label': title });
  const chartBox = h('div', { class: `sisl-chart sisl-chart-${size}` }, canvas);
  const status = h('div', { id: `${id}-status` });
  const tableHost = h('div', { id: `${id}-table` });
  const summary = h('summary', {}, t('obs.showTable'), h('span', { class: 'visually-hidden' }, `: ${title}`));
  const details = h('details', { class: 'sisl-obs-details', id: `${id}-details`, open }, summary, tableHost);
  const section = h('section', { class: 'sisl-obs-section sisl-card mb-4', id, 'aria-labelledby': `${id}-heading`, dataset: { state: 'loading' } },
    heading, lead ? h('p', {}, lead) : null, scope, status, chartBox, details);
  return { section, heading, scope, canvas, chartBox, status, tableHost, details };
}

export function setChartSize(box, count) {
  box.classList.remove('sisl-chart-sm', 'sisl-chart-md', 'sisl-chart-lg', 'sisl-chart-xl');
  box.classList.add(count <= 4 ? 'sisl-chart-sm' : count <= 9 ? 'sisl-chart-md' : count <= 15 ? 'sisl-chart-lg' : 'sisl-chart-xl');
}

const charts = new WeakMap();
// Draws (or redraws) a chart on `canvas`; marks it data-chart-ready once Chart.js has it.
export function drawChart(canvas, { type, labels, datasets, horizontal = false, stacked = false, yTitle = '' }) {
  charts.get(canvas)?.destroy();
  canvas.removeAttribute('data-chart-ready');
  const valueAxis = horizontal ? 'x' : 'y';
  const chart = new Chart(canvas, {
    type,
    data: {
      labels,
      datasets: datasets.map((d) => {
        const s = SERIES[d.key] || SERIES.hires;
        return {
          label: d.label, data: d.data, borderColor: s.color, backgroundColor: type === 'line' ? s.color : `${s.color}cc`,
          borderDash: s.dash, pointStyle: s.point, pointRadius: type === 'line' ? 4 : undefined, spanGaps: false,
          borderWidth: type === 'line' ? 2 : 1, tension: 0,
        };
      }),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: horizontal ? 'y' : 'x',
      interaction: { mode: 'index', intersect: false },
      scales: {
        [valueAxis]: { beginAtZero: true, stacked, title: { display: Boolean(yTitle), text: yTitle }, ticks: { precision: 0, callback: (v) => num(v) } },
        [horizontal ? 'y' : 'x']: { stacked, ticks: { autoSkip: !horizontal } },
      },
      plugins: {
        legend: { display: datasets.length > 1, labels: { usePointStyle: true } },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${ctx.raw === null ? t('obs.suppressedShort') : num(ctx.raw)}` } },
      },
      locale: locale(),
    },
  });
  charts.set(canvas, chart);
  canvas.dataset.chartReady = 'true';
  return chart;
}

// The text alternative of a chart: what it shows and where its data are.
export function describeChart(canvas, title, scope) {
  canvas.setAttribute('aria-label', t('obs.chartAlt', { title, scope }));
}
