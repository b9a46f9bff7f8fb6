// CPI operator: the day list of a site of their CPI; mark delivered, no-show, justification.
import { listAll, offices, post, services } from './api.js';
import { startPage } from './chrome.js';
import { formatDay, formatTime, t, todayInRome } from './i18n.js';
import { deliveryModeLabel, errorMessage, serviceName, STATE_BADGE, stateLabel } from './labels.js';
import { alertBox, announce, badge, busy, clear, field, h, spinner } from './ui.js';

// Visible text first, then (for screen readers) which appointment (WCAG 2.5.3).
const hidden = (who) => h('span', { class: 'visually-hidden' }, `, ${who}`);
let ctx = null; // {cpi, sites, services, site, date, appointments, message}

function params() {
  const q = new URLSearchParams(location.search);
  return { site: q.get('sede') || '', date: q.get('data') || '' };
}

function drawForm() {
  const site = field({ kind: 'select', id: 'op-site', label: t('op.site'), value: ctx.site,
    options: ctx.sites.map((o) => ({ value: o.siteCode, label: `${o.label} (${o.siteCode})` })) });
  const date = field({ id: 'op-date', type: 'date', label: t('op.date'), value: ctx.date, required: true });
  const form = h('form', { class: 'sisl-card mb-4', id: 'op-form', novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    ctx.site = site.control.value;
    ctx.date = date.control.value || todayInRome();
    history.replaceState(null, '', `?sede=${encodeURIComponent(ctx.site)}&data=${ctx.date}`);
    load();
  } },
  h('div', { class: 'row' }, h('div', { class: 'col-md-6' }, site.wrapper), h('div', { class: 'col-md-4' }, date.wrapper),
    h('div', { class: 'col-md-2 d-flex align-items-start' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'op-show' }, t('op.show')))));
  return form;
}

async function load(message) {
  const list = document.getElementById('op-list');
  clear(list, spinner());
  try {
    ctx.appointments = await listAll(`/api/v1/offices/${encodeURIComponent(ctx.site)}/appointments`, { date: ctx.date }, 'appointments');
    ctx.message = message ? { kind: 'success', text: message } : null;
    drawList(Boolean(message));
  } catch (e) {
    clear(list, alertBox('danger', errorMessage(e), { focus: true }));
  }
}

async function record(button, a, attendance, note) {
  try {
    await busy(button, () => post(`/api/v1/appointments/${encodeURIComponent(a.id)}:record-attendance`, { attendance, note }));
    const key = { ATTENDANCE_DELIVERED: 'op.markedDelivered', ATTENDANCE_NO_SHOW: 'op.markedNoShow', ATTENDANCE_JUSTIFIED: 'op.markedJustified' }[attendance];
    await load(t(key, { time: formatTime(a.startTime), code: a.fiscalCode }));
  } catch (e) {
    ctx.message = { kind: 'danger', text: errorMessage(e) };
    drawList(true);
  }
}

function justifyForm(a, host, opener) {
  const note = field({ kind: 'textarea', label: t('op.justifyNote'), required: true, attrs: { maxlength: '500' } });
  const error = h('div');
  const form = h('form', { class: 'sisl-inline-form', novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    if (!note.control.value.trim()) {
      clear(error, alertBox('danger', t('op.needJustifyNote'), { focus: true }));
      return;
    }
    record(form.querySelector('button[type="submit"]'), a, 'ATTENDANCE_JUSTIFIED', note.control.value.trim());
  } },
  error, note.wrapper,
  h('div', { class: 'd-flex gap-2' },
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('op.saveJustification')),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: () => { clear(host); opener.setAttribute('aria-expanded', 'false'); opener.focus(); } }, t('common.close'))));
  return form;
}

function drawList(focusMessage = false) {
  const host = document.getElementById('op-list');
  const office = ctx.sites.find((o) => o.siteCode === ctx.site);
  const serviceByCode = new Map(ctx.services.map((s) => [s.code, s]));
  const heading = h('h2', { class: 'h3', id: 'op-list-heading' }, t('op.listHeading', { site: office?.label || ctx.site, day: formatDay(ctx.date) }));
  const message = ctx.message ? alertBox(ctx.message.kind, ctx.message.text, { focus: focusMessage }) : null;
  if (ctx.message) announce(ctx.message.text);
  const items = [...ctx.appointments].sort((a, b) => a.startTime.localeCompare(b.startTime));
  if (!items.length) {
    clear(host, h('section', { 'aria-labelledby': 'op-list-heading' }, heading, message, h('p', {}, t('op.none'))));
    return;
  }
  const table = h('table', { class: 'table sisl-table' },
    h('caption', { class: 'visually-hidden' }, t('op.listHeading', { site: office?.label || ctx.site, day: formatDay(ctx.date) })),
    h('thead', {}, h('tr', {}, ['op.time', 'op.service', 'op.citizen', 'op.mode', 'op.state', 'op.actions'].map((k) => h('th', { scope: 'col' }, t(k))))));
  const tbody = h('tbody');
  for (const a of items) {
    const time = formatTime(a.startTime);
    const actions = h('div', { class: 'sisl-actions' });
    const extra = h('div');
    const who = `${time}, ${a.fiscalCode}`;
    if (a.state === 'APPOINTMENT_STATE_TO_DELIVER') {
      const delivered = h('button', { type: 'button', class: 'btn btn-success btn-sm', dataset: { action: 'delivered' },
        onclick: () => record(delivered, a, 'ATTENDANCE_DELIVERED') }, t('op.delivered'), hidden(who));
      const noShow = h('button', { type: 'button', class: 'btn btn-outline-danger btn-sm', dataset: { action: 'no-show' },
        onclick: () => record(noShow, a, 'ATTENDANCE_NO_SHOW') }, t('op.noShow'), hidden(who));
      actions.append(delivered, noShow);
    } else if (a.state === 'APPOINTMENT_STATE_NO_SHOW' && !a.noShowJustified) {
      const justify = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', 'aria-expanded': 'false', dataset: { action: 'justify' },
        onclick: () => {
          justify.setAttribute('aria-expanded', 'true');
          clear(extra, justifyForm(a, extra, justify));
          extra.querySelector('textarea').focus();
        } }, t('op.justify'), hidden(who));
      actions.append(justify);
    }
    tbody.append(h('tr', { dataset: { id: a.id } },
      h('td', {}, time),
      h('td', {}, serviceName(serviceByCode.get(a.serviceCode)) || a.serviceCode),
      h('td', { class: 'sisl-code' }, a.fiscalCode),
      h('td', {}, deliveryModeLabel(a.deliveryMode)),
      h('td', {}, badge(stateLabel(a.state), STATE_BADGE[a.state] || 'secondary'), a.noShowJustified ? h('span', { class: 'd-block small' }, t('op.justified')) : null),
      h('td', {}, actions, extra)));
  }
  table.append(tbody);
  clear(host, h('section', { 'aria-labelledby': 'op-list-heading' }, heading, message, h('div', { class: 'table-responsive' }, table)));
}

async function render(s) {
  const app = document.getElementById('app');
  clear(app, spinner());
  try {
    const [officeMap, catalogue] = await Promise.all([offices(), services(false)]);
    const cpi = s.selectedRole.cpiCode;
    const sites = [...officeMap.values()].filter((o) => o.cpiCode === cpi).sort((a, b) => a.siteCode.localeCompare(b.siteCode));
    const p = params();
    ctx = { cpi, sites, services: catalogue, site: sites.some((o) => o.siteCode === p.site) ? p.site : sites[0]?.siteCode || '',
      date: /^\d{4}-\d{2}-\d{2}$/.test(p.date) ? p.date : todayInRome(), appointments: [] };
    if (!sites.length) {
      clear(app, alertBox('warning', t('op.noSites', { cpi })));
      return;
    }
    clear(app, drawForm(), h('div', { id: 'op-list' }));
    await load();
  } catch (e) {
    clear(app, alertBox('danger', errorMessage(e), { focus: true }));
  }
}

startPage({
  role: 'operator',
  render,
  onLanguage: () => {
    if (!ctx) return;
    const form = document.getElementById('op-form');
    form?.replaceWith(drawForm());
    drawList();
  },
});
