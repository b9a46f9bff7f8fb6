// The labour-market observatory, public (/osservatorio, no login): filters (months, province, sex,
// age band, citizenship, contract, ATECO section; in the address), then a chart per view with its
// data as a table: flows by month (hires, terminations, net change), hires by province on the map
// (a province chosen there, with the mouse or Tab and Enter, becomes the province filter), flows by
// sector and by contract, the stock of open relationships by month; the open data (a dataset and a
// month: CSV and JSON links, the data dictionary). Suppressed cells are "n.d." in the tables and
// gaps in the charts, with the rule explained.
import { get } from './api.js';
import { startPage } from './chrome.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import {
  apiLanguage, chartLabel, chartSection, chartValue, codeLabel, dataTable, describeChart, drawChart, fetchTable, filterForm, filtersFromUrl,
  filtersToUrl, indicatorLabel, loadMeta, monthLabel, num, rowValue, scopeText, setChartSize, showChart, suppressionNote,
} from './observatory.js';
import { loadGeometry, provinceMap } from './obs-map.js';
import { alertBox, announce, clear, h, icon, spinner } from './ui.js';

const FLOWS = ['hires', 'terminations', 'net_change'];
const BY = [['ateco_section', 'obs-sector'], ['contract_type', 'obs-contract']];

let meta = null;
let values = filtersFromUrl();
let generation = 0;
let form = null;
let parts = {}; // section id -> chartSection parts
let map = null;
let openData = null; // {datasets, licence} | {error}
let openChoice = { dataset: '', month: '' };
const app = () => document.getElementById('app');

function sectionError(p, e) {
  p.section.dataset.state = 'error';
  clear(p.status, alertBox('danger', errorMessage(e)));
}

// A row set by heading code across several one-column tables: [{code, label, cells: [Cell per table]}].
function joinRows(tables) {
  const rows = new Map();
  tables.forEach((table, i) => {
    for (const r of table.rows || []) {
      const code = r.heading?.code || '';
      if (!rows.has(code)) rows.set(code, { code, label: r.heading?.label || code, cells: tables.map(() => null) });
      rows.get(code).cells[i] = rowValue(r);
    }
  });
  return [...rows.values()];
}
const byMonth = (a, b) => a.code.localeCompare(b.code);
const monthHead = (r) => (/^[0-9]{4}-[0-9]{2}$/.test(r.code) ? monthLabel(r.code) : r.label);

async function loadFlows(gen) {
  const p = parts['obs-flows'];
  try {
    const results = await Promise.all(FLOWS.map((id) => fetchTable(meta, id, values, { rows: 'month' })));
    if (gen !== generation) return;
    const rows = joinRows(results.map((r) => r.table)).sort(byMonth);
    const labels = FLOWS.map((id) => indicatorLabel(meta, id));
    const scope = scopeText(meta, values);
    const title = t('obs.flows.title');
    p.scope.textContent = scope;
    clear(p.status, skippedNote(results.flatMap((r) => r.skipped)));
    p.section.dataset.state = 'ready';
    drawChart(p.canvas, {
      type: 'line', labels: rows.map(monthHead),
      datasets: FLOWS.map((id, i) => ({ key: id, label: labels[i], data: rows.map((r) => chartValue(r.cells[i])) })),
    });
    describeChart(p.canvas, title, scope);
    clear(p.tableHost, dataTable({
      id: 'obs-flows-data', caption: `${title} — ${scope}`, headers: [t('obs.col.month'), ...labels],
      rows: rows.map((r) => ({ code: r.code, head: monthHead(r), cells: r.cells })),
      foot: { head: t('obs.col.total'), cells: results.map((r) => r.table.totals?.total) }, note: suppressionNote(meta),
    }));
  } catch (e) {
    if (gen === generation) sectionError(p, e);
  }
}

async function loadMap(gen) {
  const p = parts['obs-map'];
  try {
    const [geometry, result] = await Promise.all([loadGeometry(), fetchTable(meta, 'hires', values, { rows: 'province', except: ['province'] })]);
    if (gen !== generation) return;
    const what = indicatorLabel(meta, 'hires').toLocaleLowerCase();
    if (!map) {
      map = provinceMap({ geometry, id: 'obs-map-svg', labelledBy: 'obs-map-heading', describedBy: 'obs-map-hint', onSelect: selectProvince });
      clear(p.mapHost, map.svg);
      clear(p.legendHost, h('p', { class: 'fw-semibold mb-1', id: 'obs-map-legend-title' }, t('obs.map.legend', { what })), map.legend);
    } else {
      p.legendHost.querySelector('#obs-map-legend-title').textContent = t('obs.map.legend', { what });
    }
    const data = new Map((result.table.rows || []).map((r) => [r.heading?.code, { label: r.heading?.label, cell: rowValue(r) }]));
    map.update({ data, selected: values.province || '', what, format: num, suppressedText: t('obs.suppressedLong') });
    const scope = scopeText(meta, { ...values, province: '' });
    p.scope.textContent = scope;
    clear(p.status, skippedNote(result.skipped));
    p.section.dataset.state = 'ready';
    const rows = (result.table.rows || []).map((r) => ({
      code: r.heading?.code, cells: [rowValue(r)],
      head: r.heading?.code === values.province
        ? [r.heading?.label, h('span', { class: 'visually-hidden' }, ` (${t('obs.map.selected')})`)] : r.heading?.label,
    }));
    const table = dataTable({
      id: 'obs-map-data', caption: `${t('obs.map.title')} — ${scope}`, headers: [t('obs.col.province'), indicatorLabel(meta, 'hires')],
      rows, foot: { head: t('obs.col.total'), cells: [result.table.totals?.total] }, note: suppressionNote(meta),
    });
    for (const tr of table.querySelectorAll('tbody tr')) if (values.province && tr.dataset.code === values.province) tr.classList.add('table-active');
    clear(p.tableHost, table);
  } catch (e) {
    if (gen === generation) sectionError(p, e);
  }
}

async function loadBy(gen, dim, id) {
  const p = parts[id];
  const indicators = ['hires', 'terminations'];
  try {
    const results = await Promise.all(indicators.map((ind) => fetchTable(meta, ind, values, { rows: dim })));
    if (gen !== generation) return;
    const rows = joinRows(results.map((r) => r.table));
    const labels = indicators.map((ind) => indicatorLabel(meta, ind));
    const scope = scopeText(meta, values);
    const title = t(`${id.replace('obs-', 'obs.')}.title`);
    p.scope.textContent = scope;
    clear(p.status, skippedNote(results.flatMap((r) => r.skipped)));
    p.section.dataset.state = 'ready';
    setChartSize(p.chartBox, rows.length * 1.5);
    showChart(p.chartBox, rows.length > 0);
    drawChart(p.canvas, {
      type: 'bar', horizontal: true, labels: rows.map((r) => chartLabel(r.label, dim === 'ateco_section' ? r.code : '')),
      datasets: indicators.map((ind, i) => ({ key: ind, label: labels[i], data: rows.map((r) => chartValue(r.cells[i])) })),
    });
    describeChart(p.canvas, title, scope);
    clear(p.tableHost, dataTable({
      id: `${id}-data`, caption: `${title} — ${scope}`, headers: [meta.dimensions.get(dim)?.label || t(`obs.dim.${dim}`), ...labels],
      rows: rows.map((r) => ({ code: r.code, head: r.label, cells: r.cells })),
      foot: { head: t('obs.col.total'), cells: results.map((r) => r.table.totals?.total) }, note: suppressionNote(meta),
    }));
  } catch (e) {
    if (gen === generation) sectionError(p, e);
  }
}

async function loadStock(gen) {
  const p = parts['obs-stock'];
  try {
    const result = await fetchTable(meta, 'stock', values, { rows: 'month' });
    if (gen !== generation) return;
    const rows = (result.table.rows || []).map((r) => ({ code: r.heading?.code, label: r.heading?.label, cell: rowValue(r) })).sort(byMonth);
    const label = indicatorLabel(meta, 'stock');
    const scope = scopeText(meta, values);
    const title = t('obs.stock.title');
    p.scope.textContent = scope;
    clear(p.status, skippedNote(result.skipped));
    p.section.dataset.state = 'ready';
    drawChart(p.canvas, { type: 'line', labels: rows.map(monthHead), datasets: [{ key: 'stock', label, data: rows.map((r) => chartValue(r.cell)) }] });
    describeChart(p.canvas, title, scope);
    clear(p.tableHost, dataTable({
      id: 'obs-stock-data', caption: `${title} — ${scope}`, headers: [t('obs.col.month'), label],
      rows: rows.map((r) => ({ code: r.code, head: monthHead(r), cells: [r.cell] })), note: suppressionNote(meta),
    }));
  } catch (e) {
    if (gen === generation) sectionError(p, e);
  }
}

// The filters an indicator cannot take, said under its heading.
function skippedNote(dims) {
  const unique = [...new Set(dims)];
  if (!unique.length) return null;
  return h('p', { class: 'form-text' }, t('obs.skipped', { filters: unique.map((d) => meta.dimensions.get(d)?.label || d).join(', ') }));
}

// ---- open data ---------------------------------------------------------------------------------
async function loadOpenData() {
  try {
    const r = await get('/api/v1/open-data/observatory', { language: apiLanguage() });
    openData = { datasets: r.datasets || [], licence: r.licence || '' };
  } catch (e) {
    openData = { error: e };
  }
  drawOpenData();
}

function drawOpenData() {
  const host = document.getElementById('obs-open-body');
  if (!host) return;
  if (!openData) return clear(host, spinner());
  if (openData.error) return clear(host, alertBox('danger', errorMessage(openData.error)));
  const dictionary = h('p', {}, h('a', { href: `/api/v1/open-data/observatory/dictionary?language=${apiLanguage()}`, id: 'obs-dictionary', type: 'application/json' },
    icon('it-file', 'icon-primary icon-sm'), h('span', {}, t('obs.open.dictionary'))));
  const licence = openData.licence ? h('p', { class: 'form-text', id: 'obs-licence' }, t('obs.open.licence', { licence: openData.licence })) : null;
  const datasets = openData.datasets.filter((d) => d.months?.length);
  if (!datasets.length) return clear(host, h('p', { id: 'obs-open-none' }, t('obs.open.none')), dictionary, licence);
  if (!datasets.some((d) => d.id === openChoice.dataset)) openChoice.dataset = datasets[0].id;
  const ds = datasets.find((d) => d.id === openChoice.dataset);
  if (!ds.months.includes(openChoice.month)) openChoice.month = ds.months.at(-1);
  const dsSelect = h('select', { id: 'obs-dataset', class: 'form-select', 'aria-describedby': 'obs-dataset-desc', onchange: (e) => {
    openChoice.dataset = e.target.value;
    drawOpenData();
    document.getElementById('obs-dataset')?.focus();
  } }, datasets.map((d) => h('option', { value: d.id, selected: d.id === ds.id }, d.title || d.id)));
  const monthSelect = h('select', { id: 'obs-dataset-month', class: 'form-select', onchange: (e) => {
    openChoice.month = e.target.value;
    drawOpenData();
    document.getElementById('obs-dataset-month')?.focus();
  } }, [...ds.months].reverse().map((m) => h('option', { value: m, selected: m === openChoice.month }, monthLabel(m))));
  const url = (template) => (template || `/api/v1/open-data/observatory/${ds.id}/{month}/data.csv`).replace('{month}', openChoice.month);
  const csvUrl = url(ds.csvUrlTemplate);
  const jsonUrl = url(ds.jsonUrlTemplate || ds.csvUrlTemplate?.replace(/data\.csv$/, 'data.json'));
  const which = `${ds.title || ds.id}, ${monthLabel(openChoice.month)}`;
  clear(host,
    h('div', { class: 'row' },
      h('div', { class: 'col-md-6' }, h('div', { class: 'select-wrapper mb-3' }, h('label', { for: 'obs-dataset' }, t('obs.open.dataset')), dsSelect)),
      h('div', { class: 'col-md-6' }, h('div', { class: 'select-wrapper mb-3' }, h('label', { for: 'obs-dataset-month' }, t('obs.open.month')), monthSelect))),
    h('p', { id: 'obs-dataset-desc' }, ds.description || ''),
    h('div', { class: 'd-flex flex-wrap gap-2 mb-3' },
      h('a', { class: 'btn btn-primary btn-sm sisl-obs-download', id: 'obs-csv', href: csvUrl, download: `${ds.id}-${openChoice.month}.csv`, type: 'text/csv' },
        icon('it-download', 'icon-white icon-sm'), h('span', {}, t('obs.open.csv')), h('span', { class: 'visually-hidden' }, ` (${which})`)),
      h('a', { class: 'btn btn-outline-primary btn-sm sisl-obs-download', id: 'obs-json', href: jsonUrl, download: `${ds.id}-${openChoice.month}.json`, type: 'application/json' },
        icon('it-download', 'icon-primary icon-sm'), h('span', {}, t('obs.open.json')), h('span', { class: 'visually-hidden' }, ` (${which})`))),
    dictionary, licence);
}

// ---- the page ----------------------------------------------------------------------------------
function selectProvince(code) {
  const next = values.province === code ? '' : code;
  values = { ...values, province: next || undefined };
  if (!next) delete values.province;
  if (form?.controls.province) form.controls.province.value = next;
  filtersToUrl(values);
  refresh();
  const name = next ? codeLabel(meta, 'province', next) : t('obs.scope.region');
  announce(t('obs.map.chosen', { province: name }));
}

function applyFilters(v) {
  values = v;
  filtersToUrl(values);
  refresh();
  announce(t('obs.updated', { scope: scopeText(meta, values) }));
}

function layout() {
  map = null;
  form = filterForm({ meta, values, onApply: applyFilters });
  const flows = chartSection({ id: 'obs-flows', title: t('obs.flows.title'), lead: t('obs.flows.lead') });
  const sector = chartSection({ id: 'obs-sector', title: t('obs.sector.title') });
  const contract = chartSection({ id: 'obs-contract', title: t('obs.contract.title') });
  const stock = chartSection({ id: 'obs-stock', title: t('obs.stock.title'), lead: t('obs.stock.lead') });
  // The map: the SVG beside its legend and its table (shown, eight rows).
  const mapHost = h('div', { class: 'sisl-map-box', id: 'obs-map-box' });
  const legendHost = h('div', { class: 'mb-3' });
  const mapStatus = h('div');
  const mapTable = h('div', { id: 'obs-map-table' });
  const mapScope = h('p', { class: 'sisl-obs-scope', id: 'obs-map-scope' });
  const mapSection = h('section', { class: 'sisl-obs-section sisl-card mb-4', id: 'obs-map', 'aria-labelledby': 'obs-map-heading', dataset: { state: 'loading' } },
    h('h2', { class: 'h3', id: 'obs-map-heading', tabindex: '-1' }, t('obs.map.title')),
    h('p', { id: 'obs-map-hint' }, t('obs.map.hint')), mapScope, mapStatus,
    h('div', { class: 'row g-4' }, h('div', { class: 'col-lg-7' }, mapHost), h('div', { class: 'col-lg-5' }, legendHost, mapTable)));
  parts = {
    'obs-flows': flows, 'obs-sector': sector, 'obs-contract': contract, 'obs-stock': stock,
    'obs-map': { section: mapSection, scope: mapScope, status: mapStatus, tableHost: mapTable, mapHost, legendHost },
  };
  const s = meta.suppression || {};
  clear(app(),
    h('div', { class: 'callout note sisl-callout', id: 'obs-about' },
      h('div', { class: 'callout-title' }, icon('it-info-circle'), h('span', {}, t('obs.about.title'))),
      h('p', {}, t('obs.about.text')),
      h('p', { class: 'mb-0', id: 'obs-suppression' }, t('obs.suppressedRule', { threshold: s.threshold || '?' }), s.description ? ` ${s.description}` : '')),
    form.form, flows.section, mapSection, sector.section, contract.section, stock.section,
    h('section', { class: 'sisl-card mb-4', id: 'obs-open', 'aria-labelledby': 'obs-open-heading' },
      h('h2', { class: 'h3', id: 'obs-open-heading' }, t('obs.open.title')), h('p', {}, t('obs.open.lead')), h('div', { id: 'obs-open-body' })));
  drawOpenData();
}

function refresh() {
  const gen = ++generation;
  for (const p of Object.values(parts)) p.section.dataset.state = 'loading';
  return Promise.all([loadFlows(gen), loadMap(gen), ...BY.map(([dim, id]) => loadBy(gen, dim, id)), loadStock(gen)]);
}

async function start() {
  try {
    meta = await loadMeta();
  } catch (e) {
    clear(app(), alertBox('danger', errorMessage(e)));
    return;
  }
  layout();
  await Promise.all([refresh(), loadOpenData()]);
}

startPage({
  render: start,
  onLanguage: async () => {
    // Labels come from the API in the page's language: everything is read again.
    for (const p of Object.values(parts)) p.section.dataset.state = 'loading';
    openData = null;
    drawOpenData();
    await start();
  },
});
