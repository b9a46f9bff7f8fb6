// The observatory for CPI operators and administrators (/osservatorio-cpi): months and CPI as
// filters (the CPI-activity indicators have no other dimension with a code list) and the CPI
// activity from the staff tables (exact, not suppressed:
// GET /api/v1/observatory/staff/indicators/{indicator}/table): appointments booked, delivered and
// missed by CPI (a bar chart and a table of the period's totals; each indicator by CPI and month
// in a disclosure), and the proposals by outcome (a bar chart and its table). Appointments count
// in the month of the appointment, so the months proposed run from nine months ago to two months
// ahead (the public page: the service's default, the last twelve months).
import { startPage } from './chrome.js';
import { t, todayInRome } from './i18n.js';
import { errorMessage } from './labels.js';
import {
  chartLabel, chartSection, chartValue, dataTable, describeChart, drawChart, fetchTable, filterForm, filtersFromUrl, filtersToUrl,
  indicatorLabel, loadMeta, monthLabel, rowValue, scopeText, setChartSize, showChart,
} from './observatory.js';
import { alertBox, announce, clear, h } from './ui.js';

const FILTERS = [['cpi', 'cpi']];
const APPOINTMENTS = ['appointments_booked', 'appointments_delivered', 'appointments_no_show'];

let meta = null;
let values = withDefaultMonths(filtersFromUrl(FILTERS));
let generation = 0;
let parts = {};
const app = () => document.getElementById('app');
function addMonths(month, n) {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
function withDefaultMonths(v) {
  const now = todayInRome().slice(0, 7);
  if (!v.fromMonth && !v.toMonth) return { ...v, fromMonth: addMonths(now, -9), toMonth: addMonths(now, 2) };
  return v;
}
const staffScope = () => scopeText(meta, values, FILTERS);

function sectionError(p, e) {
  p.section.dataset.state = 'error';
  clear(p.status, alertBox('danger', errorMessage(e)));
}

async function loadActivity(gen) {
  const p = parts['obs-cpi'];
  try {
    const results = await Promise.all(APPOINTMENTS.map((id) => fetchTable(meta, id, values, { rows: 'cpi', columns: 'month', filters: FILTERS, staff: true })));
    if (gen !== generation) return;
    const labels = APPOINTMENTS.map((id) => indicatorLabel(meta, id));
    // The period's totals by CPI, across the three indicators.
    const byCpi = new Map();
    results.forEach(({ table }, i) => {
      for (const r of table.rows || []) {
        const code = r.heading?.code || '';
        if (!byCpi.has(code)) byCpi.set(code, { code, label: r.heading?.label || code, cells: APPOINTMENTS.map(() => ({ value: 0 })) });
        byCpi.get(code).cells[i] = r.total;
      }
    });
    const rows = [...byCpi.values()].sort((a, b) => a.code.localeCompare(b.code));
    const scope = staffScope();
    const title = t('obs.cpi.title');
    p.scope.textContent = scope;
    clear(p.status);
    setChartSize(p.chartBox, rows.length * 2);
    showChart(p.chartBox, rows.length > 0);
    drawChart(p.canvas, {
      type: 'bar', horizontal: true, labels: rows.map((r) => r.label),
      datasets: APPOINTMENTS.map((id, i) => ({ key: id, label: labels[i], data: rows.map((r) => chartValue(r.cells[i])) })),
    });
    describeChart(p.canvas, title, scope);
    const summary = dataTable({
      id: 'obs-cpi-data', caption: `${title} — ${scope}`, headers: [t('obs.col.cpi'), ...labels],
      rows: rows.map((r) => ({ code: r.code, head: r.label, cells: r.cells })),
      foot: { head: t('obs.col.total'), cells: results.map((r) => r.table.totals?.total) },
    });
    // Each indicator by CPI and month.
    const monthly = results.map(({ table }, i) => {
      const columns = table.columns || [];
      const caption = t('obs.cpi.byMonth', { indicator: labels[i], scope });
      return h('details', { class: 'sisl-obs-details', id: `obs-cpi-${APPOINTMENTS[i]}` },
        h('summary', {}, t('obs.cpi.monthly', { indicator: labels[i] })),
        dataTable({
          id: `obs-cpi-${APPOINTMENTS[i]}-data`, caption, scrolling: true,
          headers: [t('obs.col.cpi'), ...columns.map((c) => (/^[0-9]{4}-[0-9]{2}$/.test(c.code) ? monthLabel(c.code) : c.label)), t('obs.col.total')],
          rows: (table.rows || []).map((r) => ({ code: r.heading?.code, head: r.heading?.label, cells: [...(r.cells || []), r.total] })),
          foot: table.totals ? { head: t('obs.col.total'), cells: [...(table.totals.cells || []), table.totals.total] } : null,
        }));
    });
    clear(p.tableHost, summary, ...monthly);
    p.section.dataset.state = 'ready';
  } catch (e) {
    if (gen === generation) sectionError(p, e);
  }
}

async function loadProposals(gen) {
  const p = parts['obs-proposals'];
  try {
    const { table } = await fetchTable(meta, 'proposals', values, { rows: 'outcome', filters: FILTERS, staff: true });
    if (gen !== generation) return;
    const label = indicatorLabel(meta, 'proposals');
    const rows = (table.rows || []).map((r) => ({ code: r.heading?.code, head: r.heading?.label, cells: [rowValue(r)] }));
    const scope = staffScope();
    const title = t('obs.proposals.title');
    p.scope.textContent = scope;
    clear(p.status);
    setChartSize(p.chartBox, rows.length);
    showChart(p.chartBox, rows.length > 0);
    drawChart(p.canvas, { type: 'bar', horizontal: true, labels: rows.map((r) => chartLabel(r.head)), datasets: [{ key: 'proposals', label, data: rows.map((r) => chartValue(r.cells[0])) }] });
    describeChart(p.canvas, title, scope);
    clear(p.tableHost, dataTable({
      id: 'obs-proposals-data', caption: `${title} — ${scope}`, headers: [meta.dimensions.get('outcome')?.label || t('obs.dim.outcome'), label],
      rows, foot: { head: t('obs.col.total'), cells: [table.totals?.total] },
    }));
    p.section.dataset.state = 'ready';
  } catch (e) {
    if (gen === generation) sectionError(p, e);
  }
}

function refresh() {
  const gen = ++generation;
  for (const p of Object.values(parts)) p.section.dataset.state = 'loading';
  return Promise.all([loadActivity(gen), loadProposals(gen)]);
}

function layout() {
  const form = filterForm({ meta, values, filters: FILTERS, idPrefix: 'obsc', monthHint: 'obs.filter.monthHintStaff', onApply: (v) => {
    values = withDefaultMonths(v);
    if (!v.fromMonth && !v.toMonth) {
      form.controls.fromMonth.value = values.fromMonth;
      form.controls.toMonth.value = values.toMonth;
    }
    filtersToUrl(values, FILTERS);
    refresh();
    announce(t('obs.updated', { scope: staffScope() }));
  } });
  const cpi = chartSection({ id: 'obs-cpi', title: t('obs.cpi.title'), lead: t('obs.cpi.lead'), open: true });
  const proposals = chartSection({ id: 'obs-proposals', title: t('obs.proposals.title'), lead: t('obs.proposals.lead'), open: true });
  parts = { 'obs-cpi': cpi, 'obs-proposals': proposals };
  clear(app(),
    h('p', {}, t('obs.cpi.exact'), ' ', h('a', { href: '/osservatorio', id: 'obsc-public' }, t('obs.cpi.publicLink'))),
    form.form, cpi.section, proposals.section);
}

async function start() {
  try {
    meta = await loadMeta();
  } catch (e) {
    clear(app(), alertBox('danger', errorMessage(e)));
    return;
  }
  layout();
  await refresh();
}

startPage({
  role: ['operator', 'admin'],
  render: start,
  onLanguage: () => {
    for (const p of Object.values(parts)) p.section.dataset.state = 'loading';
    return start();
  },
});
