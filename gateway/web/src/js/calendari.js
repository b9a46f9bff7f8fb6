// CPI operator: calendars of the CPI's sites: list, create (validity period, weekly bands,
// operators), exceptions (closures, reduced seats), duplicate to another site or period.
import { listAll, newRequestKey, offices, post, services } from './api.js';
import { startPage } from './chrome.js';
import { formatDay, t } from './i18n.js';
import { errorMessage, serviceName, weekdayLabel } from './labels.js';
import { alertBox, announce, busy, checkbox, clear, field, focusHeading, h, icon, spinner, uid } from './ui.js';

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((d) => `WEEKDAY_${d}`);
let ctx = null; // {cpi, sites, services, site, service, calendars, operators}

const fieldError = (e) => {
  const v = e.violations?.[0];
  const text = errorMessage(e);
  return v && !e.reason?.startsWith('INVALID_') ? text : v ? `${text} (${v.field}: ${v.description})` : text;
};

function filterForm() {
  const site = field({ kind: 'select', id: 'cal-site', label: t('op.site'), value: ctx.site,
    options: ctx.sites.map((o) => ({ value: o.siteCode, label: `${o.label} (${o.siteCode})` })) });
  const service = field({ kind: 'select', id: 'cal-service', label: t('cal.service'), value: ctx.service,
    options: [{ value: '', label: t('cal.allServices') }, ...ctx.services.map((s) => ({ value: s.code, label: serviceName(s) }))] });
  return h('form', { class: 'sisl-card mb-4', id: 'cal-filter', novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    ctx.site = site.control.value;
    ctx.service = service.control.value;
    load();
  } },
  h('div', { class: 'row' }, h('div', { class: 'col-md-5' }, site.wrapper), h('div', { class: 'col-md-5' }, service.wrapper),
    h('div', { class: 'col-md-2' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'cal-show' }, t('op.show')))));
}

async function load(message) {
  const host = document.getElementById('cal-list');
  clear(host, spinner());
  try {
    ctx.calendars = await listAll('/api/v1/calendars', { siteCode: ctx.site, serviceCode: ctx.service }, 'calendars');
    for (const c of ctx.calendars) for (const id of c.operatorIds || []) ctx.operators.add(id);
    drawList(message);
  } catch (e) {
    clear(host, alertBox('danger', errorMessage(e), { focus: true }));
  }
}

function bandsTable(c) {
  return h('table', { class: 'table table-sm sisl-table' },
    h('caption', {}, t('cal.bands')),
    h('thead', {}, h('tr', {}, ['cal.weekday', 'cal.hours', 'cal.slotMinutes', 'cal.seats'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, (c.bands || []).map((b) => h('tr', {},
      h('td', {}, weekdayLabel(b.weekday)), h('td', {}, `${b.startTime}–${b.endTime}`), h('td', {}, String(b.slotMinutes)), h('td', {}, String(b.seatsPerSlot))))));
}

function calendarCard(c) {
  const office = ctx.sites.find((o) => o.siteCode === c.siteCode);
  const service = ctx.services.find((s) => s.code === c.serviceCode);
  const id = uid('cal');
  const area = h('div');
  const exceptions = (c.exceptions || []).length
    ? h('ul', { class: 'sisl-exceptions' }, c.exceptions.map((e) => h('li', {},
      `${formatDay(e.date)}${e.startTime ? `, ${e.startTime}–${e.endTime}` : ` (${t('cal.wholeDay')})`}: `,
      e.seatsPerSlot ? t('cal.reducedTo', { seats: e.seatsPerSlot }) : t('cal.closed'), e.reason ? ` — ${e.reason}` : '')))
    : h('p', {}, t('cal.noExceptions'));
  const toggle = (button, build) => {
    const opening = button.getAttribute('aria-expanded') !== 'true';
    card.querySelectorAll('.sisl-actions button[aria-expanded]').forEach((b) => b.setAttribute('aria-expanded', 'false'));
    if (!opening) return clear(area);
    button.setAttribute('aria-expanded', 'true');
    clear(area, build(() => { clear(area); button.setAttribute('aria-expanded', 'false'); button.focus(); }));
    area.querySelector('input, select')?.focus();
    return undefined;
  };
  const title = `${serviceName(service) || c.serviceCode} — ${office?.label || c.siteCode}`;
  const addException = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', 'aria-expanded': 'false',
    'aria-label': t('cal.addExceptionLabel', { calendar: title }), onclick: () => toggle(addException, (close) => exceptionForm(c, close)) },
  icon('it-ban', 'icon-primary icon-sm'), h('span', {}, t('cal.addException')));
  const duplicate = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', 'aria-expanded': 'false',
    'aria-label': t('cal.duplicateLabel', { calendar: title }), onclick: () => toggle(duplicate, (close) => duplicateForm(c, close)) },
  icon('it-copy', 'icon-primary icon-sm'), h('span', {}, t('cal.duplicate')));
  const card = h('article', { class: 'sisl-calendar-card', 'aria-labelledby': id, dataset: { id: c.id } },
    h('h3', { class: 'h5', id }, title),
    h('p', {}, t('cal.period', { from: formatDay(c.firstDate), to: formatDay(c.lastDate) })),
    bandsTable(c),
    h('p', { class: 'fw-semibold mb-1' }, t('cal.exceptions')), exceptions,
    h('p', { class: 'small' }, t('cal.operators', { ids: (c.operatorIds || []).join(', ') })),
    h('div', { class: 'sisl-actions' }, addException, duplicate), area);
  return card;
}

function exceptionForm(c, close) {
  const error = h('div');
  const date = field({ type: 'date', label: t('cal.exceptionDate'), required: true, attrs: { min: c.firstDate, max: c.lastDate } });
  const wholeDay = checkbox({ label: t('cal.wholeDay'), checked: true });
  const start = field({ type: 'time', label: t('cal.from') });
  const end = field({ type: 'time', label: t('cal.to') });
  const times = h('div', { class: 'row', hidden: true }, h('div', { class: 'col-6' }, start.wrapper), h('div', { class: 'col-6' }, end.wrapper));
  wholeDay.control.addEventListener('change', () => { times.hidden = wholeDay.control.checked; });
  const seats = field({ type: 'number', label: t('cal.exceptionSeats'), value: '0', hint: t('cal.exceptionSeatsHint'), attrs: { min: '0', max: '50' } });
  const reason = field({ label: t('cal.exceptionReason'), required: true, attrs: { maxlength: '200' } });
  const form = h('form', { class: 'sisl-inline-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    if (!date.control.value || !reason.control.value.trim()) {
      clear(error, alertBox('danger', t('cal.needExceptionFields'), { focus: true }));
      return;
    }
    const exception = { date: date.control.value, seatsPerSlot: Number(seats.control.value || 0), reason: reason.control.value.trim() };
    if (!wholeDay.control.checked) Object.assign(exception, { startTime: start.control.value, endTime: end.control.value });
    try {
      await busy(form.querySelector('button[type="submit"]'), () => post(`/api/v1/calendars/${encodeURIComponent(c.id)}/exceptions`, { calendarId: c.id, exception }));
      await load(t('cal.exceptionAdded', { day: formatDay(exception.date) }));
    } catch (err) {
      clear(error, alertBox('danger', fieldError(err), { focus: true }));
    }
  } },
  h('p', { class: 'fw-semibold' }, t('cal.addException')), error, date.wrapper, wholeDay.wrapper, times, seats.wrapper, reason.wrapper,
  h('div', { class: 'd-flex gap-2' }, h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('cal.saveException')),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: close }, t('common.close'))));
  return form;
}

function duplicateForm(c, close) {
  const error = h('div');
  const site = field({ kind: 'select', label: t('cal.targetSite'), value: c.siteCode,
    options: ctx.sites.map((o) => ({ value: o.siteCode, label: `${o.label} (${o.siteCode})` })) });
  const first = field({ type: 'date', label: t('cal.firstDate'), value: c.firstDate, required: true });
  const last = field({ type: 'date', label: t('cal.lastDate'), value: c.lastDate, required: true });
  const key = newRequestKey();
  const form = h('form', { class: 'sisl-inline-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    if (!first.control.value || !last.control.value) {
      clear(error, alertBox('danger', t('cal.needPeriod'), { focus: true }));
      return;
    }
    try {
      const r = await busy(form.querySelector('button[type="submit"]'), () => post(`/api/v1/calendars/${encodeURIComponent(c.id)}:duplicate`, {
        sourceCalendarId: c.id, siteCode: site.control.value, firstDate: first.control.value, lastDate: last.control.value, requestId: key,
      }, { idempotencyKey: key }));
      ctx.site = r.calendar?.siteCode || ctx.site;
      document.getElementById('cal-filter').replaceWith(filterForm());
      await load(t('cal.duplicated', { site: r.calendar?.siteCode || site.control.value }));
    } catch (err) {
      clear(error, alertBox('danger', fieldError(err), { focus: true }));
    }
  } },
  h('p', { class: 'fw-semibold' }, t('cal.duplicate')), error, site.wrapper,
  h('div', { class: 'row' }, h('div', { class: 'col-6' }, first.wrapper), h('div', { class: 'col-6' }, last.wrapper)),
  h('div', { class: 'd-flex gap-2' }, h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('cal.saveDuplicate')),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: close }, t('common.close'))));
  return form;
}

function drawList(message) {
  const host = document.getElementById('cal-list');
  const heading = h('h2', { class: 'h3', id: 'cal-list-heading', tabindex: '-1' }, t('cal.listHeading', { count: ctx.calendars.length }));
  const msg = message ? alertBox('success', message, { focus: true }) : null;
  clear(host, h('section', { 'aria-labelledby': 'cal-list-heading' }, heading, msg,
    ctx.calendars.length ? h('ul', { class: 'sisl-calendar-list' }, ctx.calendars.map((c) => h('li', {}, calendarCard(c)))) : h('p', {}, t('cal.none'))));
  if (message) announce(message);
}

// ---- new calendar ---------------------------------------------------------------------------
function bandRow(band, remove, index) {
  const legend = t('cal.bandN', { n: index + 1 });
  const weekday = field({ kind: 'select', label: t('cal.weekday'), value: band.weekday,
    options: WEEKDAYS.map((w) => ({ value: w, label: weekdayLabel(w) })) });
  const start = field({ type: 'time', label: t('cal.from'), value: band.startTime, required: true });
  const end = field({ type: 'time', label: t('cal.to'), value: band.endTime, required: true });
  const slot = field({ type: 'number', label: t('cal.slotMinutes'), value: String(band.slotMinutes), required: true, attrs: { min: '5', max: '480' } });
  const seats = field({ type: 'number', label: t('cal.seats'), value: String(band.seatsPerSlot), required: true, attrs: { min: '1', max: '50' } });
  weekday.control.addEventListener('change', () => { band.weekday = weekday.control.value; });
  start.control.addEventListener('input', () => { band.startTime = start.control.value; });
  end.control.addEventListener('input', () => { band.endTime = end.control.value; });
  slot.control.addEventListener('input', () => { band.slotMinutes = Number(slot.control.value); });
  seats.control.addEventListener('input', () => { band.seatsPerSlot = Number(seats.control.value); });
  return h('fieldset', { class: 'sisl-band' }, h('legend', { class: 'h6' }, legend),
    h('div', { class: 'row' },
      h('div', { class: 'col-md-3' }, weekday.wrapper), h('div', { class: 'col-md-2' }, start.wrapper), h('div', { class: 'col-md-2' }, end.wrapper),
      h('div', { class: 'col-md-2' }, slot.wrapper), h('div', { class: 'col-md-2' }, seats.wrapper),
      h('div', { class: 'col-md-1' }, h('button', { type: 'button', class: 'btn btn-outline-danger btn-sm', 'aria-label': t('cal.removeBand', { n: index + 1 }), onclick: remove },
        icon('it-delete', 'icon-danger icon-sm')))));
}

function newCalendarSection() {
  const id = 'cal-new-heading';
  const state = { bands: [{ weekday: 'WEEKDAY_MONDAY', startTime: '09:00', endTime: '12:00', slotMinutes: 30, seatsPerSlot: 1 }], key: newRequestKey() };
  const error = h('div');
  const site = field({ kind: 'select', label: t('op.site'), id: 'cal-new-site', value: ctx.site,
    options: ctx.sites.map((o) => ({ value: o.siteCode, label: `${o.label} (${o.siteCode})` })) });
  const service = field({ kind: 'select', label: t('cal.service'), id: 'cal-new-service',
    options: ctx.services.map((s) => ({ value: s.code, label: serviceName(s) })) });
  const first = field({ type: 'date', label: t('cal.firstDate'), id: 'cal-new-first', required: true });
  const last = field({ type: 'date', label: t('cal.lastDate'), id: 'cal-new-last', required: true });
  const bandsHost = h('div');
  const drawBands = () => clear(bandsHost, state.bands.map((b, i) => bandRow(b, () => {
    state.bands.splice(i, 1);
    drawBands();
    bandsHost.querySelector('select')?.focus() || document.getElementById('cal-add-band').focus();
  }, i)));
  drawBands();
  const ops = h('fieldset', { class: 'mb-4' }, h('legend', { class: 'h6' }, t('cal.operatorsLegend')));
  const opBoxes = [...ctx.operators].sort().map((idv) => {
    const c = checkbox({ label: idv, checked: true });
    c.control.value = idv;
    ops.append(c.wrapper);
    return c.control;
  });
  const otherOps = field({ label: t('cal.otherOperators'), hint: t('cal.otherOperatorsHint') });
  ops.append(otherOps.wrapper);
  const form = h('form', { novalidate: true, id: 'cal-new-form', onsubmit: async (e) => {
    e.preventDefault();
    const operatorIds = [...opBoxes.filter((b) => b.checked).map((b) => b.value),
      ...otherOps.control.value.split(',').map((x) => x.trim()).filter(Boolean)];
    if (!first.control.value || !last.control.value) {
      clear(error, alertBox('danger', t('cal.needPeriod'), { focus: true }));
      return;
    }
    const calendar = { siteCode: site.control.value, serviceCode: service.control.value, firstDate: first.control.value,
      lastDate: last.control.value, bands: state.bands.map((b) => ({ ...b })), operatorIds };
    try {
      const r = await busy(form.querySelector('button[type="submit"]'), () => post('/api/v1/calendars', { requestId: state.key, calendar }, { idempotencyKey: state.key }));
      state.key = newRequestKey();
      ctx.site = r.calendar.siteCode;
      ctx.service = '';
      document.getElementById('cal-filter').replaceWith(filterForm());
      clear(error);
      await load(t('cal.created', { site: r.calendar.siteCode, from: formatDay(r.calendar.firstDate), to: formatDay(r.calendar.lastDate) }));
      focusHeading(document.getElementById('cal-list-heading'));
    } catch (err) {
      clear(error, alertBox('danger', fieldError(err), { focus: true }));
    }
  } },
  error,
  h('div', { class: 'row' }, h('div', { class: 'col-md-6' }, site.wrapper), h('div', { class: 'col-md-6' }, service.wrapper)),
  h('div', { class: 'row' }, h('div', { class: 'col-md-6' }, first.wrapper), h('div', { class: 'col-md-6' }, last.wrapper)),
  h('p', { class: 'fw-semibold' }, t('cal.bands')), bandsHost,
  h('p', {}, h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: 'cal-add-band', onclick: () => {
    const prev = state.bands.at(-1) || { weekday: 'WEEKDAY_MONDAY', startTime: '09:00', endTime: '12:00', slotMinutes: 30, seatsPerSlot: 1 };
    const next = WEEKDAYS[(WEEKDAYS.indexOf(prev.weekday) + 1) % 7];
    state.bands.push({ ...prev, weekday: next });
    drawBands();
    bandsHost.querySelectorAll('select').item(state.bands.length - 1)?.focus();
    announce(t('cal.bandAdded', { n: state.bands.length }));
  } }, icon('it-plus-circle', 'icon-primary icon-sm'), h('span', {}, t('cal.addBand')))),
  ops,
  h('button', { type: 'submit', class: 'btn btn-primary', id: 'cal-create' }, t('cal.create')));
  return h('section', { class: 'sisl-card mt-5', 'aria-labelledby': id }, h('h2', { class: 'h3', id }, t('cal.newHeading')), form);
}

async function render(s) {
  const app = document.getElementById('app');
  clear(app, spinner());
  try {
    const [officeMap, catalogue] = await Promise.all([offices(), services(false)]);
    const cpi = s.selectedRole.cpiCode;
    const sites = [...officeMap.values()].filter((o) => o.cpiCode === cpi).sort((a, b) => a.siteCode.localeCompare(b.siteCode));
    ctx = { cpi, sites, services: catalogue, site: sites[0]?.siteCode || '', service: '', calendars: [], operators: new Set() };
    if (!sites.length) {
      clear(app, alertBox('warning', t('op.noSites', { cpi })));
      return;
    }
    clear(app, filterForm(), h('div', { id: 'cal-list' }), h('div', { id: 'cal-new' }));
    await load();
    clear(document.getElementById('cal-new'), newCalendarSection());
  } catch (e) {
    clear(app, alertBox('danger', errorMessage(e), { focus: true }));
  }
}

startPage({
  role: 'operator',
  render,
  onLanguage: () => {
    if (!ctx) return;
    document.getElementById('cal-filter')?.replaceWith(filterForm());
    drawList();
    clear(document.getElementById('cal-new'), newCalendarSection());
  },
});
