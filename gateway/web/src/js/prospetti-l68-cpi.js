// CPI operator: the L.68/99 returns of the companies of the operator's CPI (GET
// /api/v1/l68-returns: those with a site in the CPI's area), by year and state (filed ones
// first); a return's detail with its figures and their explanation, its versions and history;
// request a correction with a reason (POST :request-correction); the XML of each version.
import { get, post } from './api.js';
import { startPage } from './chrome.js';
import { FormErrors } from './enterprise-labels.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import {
  computationView, historyList, RETURN_STATES, returnCard, returnFacts, returnStateBadge, returnStateLabel, returnTitle, thisYear, versionsTable,
  xmlLink,
} from './l68-labels.js';
import { alertBox, announce, busy, clear, field, focusHeading, h, icon, spinner } from './ui.js';

// The filter's "filed" choice: what an operator looks at.
const FILED = ['L68_RETURN_STATE_SUBMITTED', 'L68_RETURN_STATE_UNDER_CORRECTION'];
// ctx: {cpi, year, state, returns, next, message, view: 'list'|'detail', detail}
let ctx = null;
const app = () => document.getElementById('app');
const hidden = (text) => h('span', { class: 'visually-hidden' }, text);

// GET with repeated states=... (the API takes the parameter once per state).
function listPath(pageToken) {
  const q = new URLSearchParams();
  for (const s of ctx.state === 'filed' ? FILED : ctx.state ? [ctx.state] : []) q.append('states', s);
  if (ctx.year) q.append('year', ctx.year);
  q.append('pageSize', '20');
  if (pageToken) q.append('pageToken', pageToken);
  return `/api/v1/l68-returns?${q}`;
}

async function load(message = null, focusId = null) {
  ctx.view = 'list';
  clear(app(), spinner());
  try {
    const r = await get(listPath());
    ctx.returns = r.l68Returns || [];
    ctx.next = r.nextPageToken || '';
    ctx.message = message;
    drawList(Boolean(message) && !focusId, focusId);
  } catch (e) {
    clear(app(), filterForm(), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

async function more(button) {
  try {
    const r = await busy(button, () => get(listPath(ctx.next)));
    const first = ctx.returns.length;
    ctx.returns.push(...(r.l68Returns || []));
    ctx.next = r.nextPageToken || '';
    ctx.message = null;
    drawList();
    focusHeading(app().querySelectorAll('article.sisl-l68-return h3')[first]);
  } catch (e) {
    ctx.message = { kind: 'danger', text: errorMessage(e) };
    drawList(true);
  }
}

function filterForm() {
  const years = [{ value: '', label: t('l68c.allYears') }];
  for (let y = thisYear(); y >= thisYear() - 6; y--) years.push({ value: String(y), label: String(y) });
  const year = field({ kind: 'select', id: 'l68c-year', label: t('l68c.year'), value: ctx.year, options: years });
  const state = field({ kind: 'select', id: 'l68c-state', label: t('l68c.state'), value: ctx.state,
    options: [{ value: 'filed', label: t('l68c.filed') }, ...RETURN_STATES.map((s) => ({ value: s, label: returnStateLabel(s) })), { value: '', label: t('l68c.allStates') }] });
  return h('form', { class: 'sisl-card mb-4', id: 'l68c-filter', novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    ctx.year = year.control.value;
    ctx.state = state.control.value;
    load();
  } },
  h('p', { id: 'l68c-cpi' }, t('l68c.cpi', { cpi: ctx.cpi })),
  h('div', { class: 'row align-items-end' }, h('div', { class: 'col-md-4' }, year.wrapper), h('div', { class: 'col-md-5' }, state.wrapper),
    h('div', { class: 'col-md-3 mb-4' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'l68c-show' }, t('op.show')))));
}

function drawList(focusMessage = false, focusId = null) {
  const message = ctx.message ? alertBox(ctx.message.kind, ctx.message.text, { focus: focusMessage }) : null;
  if (ctx.message?.kind === 'success') announce(ctx.message.text);
  const stateText = ctx.state === 'filed' ? t('l68c.filed') : ctx.state ? returnStateLabel(ctx.state) : t('l68c.allStates');
  clear(app(), filterForm(),
    h('section', { 'aria-labelledby': 'l68c-list-heading' },
      h('h2', { id: 'l68c-list-heading', class: 'h3' }, t('l68c.listHeading', { state: stateText, count: ctx.returns.length + (ctx.next ? '+' : '') })),
      message,
      ctx.returns.length
        ? h('ul', { class: 'sisl-appointment-list' }, ctx.returns.map((r) => h('li', {}, returnCard(r, { staff: true, actions: actionsFor(r, true) }))))
        : h('p', {}, t('l68c.none')),
      ctx.next ? h('button', { type: 'button', class: 'btn btn-outline-primary', onclick: (e) => more(e.currentTarget) }, t('l68p.more')) : null));
  if (focusId) focusHeading(app().querySelector(`article[data-id="${focusId}"] h3`));
}

// Detail, request a correction (a filed return), XML.
function actionsFor(r, inList) {
  const title = `${r.companyName || r.companyFiscalCode}, ${returnTitle(r)}`;
  const actions = h('div', { class: 'sisl-actions' });
  const extra = h('div');
  if (inList) {
    actions.append(h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', dataset: { action: 'detail' }, onclick: () => openDetail(r.l68ReturnId) },
      icon('it-search', 'icon-primary icon-sm'), h('span', {}, t('l68p.detail')), hidden(`, ${title}`)));
  }
  if (r.state === 'L68_RETURN_STATE_SUBMITTED') {
    const button = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', 'aria-expanded': 'false', dataset: { action: 'request-correction' }, onclick: () => {
      if (button.getAttribute('aria-expanded') === 'true') {
        clear(extra);
        button.setAttribute('aria-expanded', 'false');
        return;
      }
      button.setAttribute('aria-expanded', 'true');
      clear(extra, correctionForm(r, extra, button, inList));
      extra.querySelector('textarea')?.focus();
    } }, h('span', {}, t('l68c.requestCorrection')), hidden(`, ${title}`));
    actions.append(button);
  }
  actions.append(xmlLink(r));
  return [actions, extra];
}

function correctionForm(r, host, opener, inList) {
  const alert = h('div');
  const errors = new FormErrors(alert);
  const reason = field({ kind: 'textarea', label: t('l68c.reason'), required: true, hint: t('l68c.reasonHint'), attrs: { maxlength: '500', rows: '3' } });
  errors.register(['reason'], reason, t('l68c.reason'));
  const form = h('form', { class: 'sisl-inline-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const text = reason.control.value.trim();
    if (!text) return errors.showProblems([{ path: 'reason', text: t('l68p.needReason') }]);
    try {
      const res = await busy(form.querySelector('button[type="submit"]'),
        () => post(`/api/v1/l68-returns/${encodeURIComponent(r.l68ReturnId)}:request-correction`, { l68ReturnId: r.l68ReturnId, reason: text }));
      const next = res.l68Return;
      const message = { kind: 'success', text: t('l68c.correctionRequested', { company: next.companyName || next.companyFiscalCode, year: next.year }) };
      if (inList) await load(message, null);
      else await openDetail(next.l68ReturnId, message);
    } catch (err) {
      errors.show(err);
    }
    return undefined;
  } },
  alert, reason.wrapper,
  h('div', { class: 'd-flex gap-2 flex-wrap' },
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('l68c.confirmRequestCorrection')),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: () => {
      clear(host);
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    } }, t('common.close'))));
  return form;
}

async function openDetail(id, message = null) {
  clear(app(), spinner());
  try {
    ctx.detail = (await get(`/api/v1/l68-returns/${encodeURIComponent(id)}`)).l68Return;
    ctx.view = 'detail';
    ctx.message = message;
    drawDetail(true);
  } catch (e) {
    clear(app(), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

function drawDetail(focus = false) {
  const r = ctx.detail;
  const heading = h('h2', { id: 'l68c-detail-heading', class: 'h3', tabindex: '-1' }, `${r.companyName || r.companyFiscalCode} - ${returnTitle(r)}`);
  const message = ctx.message ? alertBox(ctx.message.kind, ctx.message.text) : null;
  if (ctx.message?.kind === 'success') announce(ctx.message.text);
  clear(app(),
    h('article', { class: 'sisl-l68-detail', 'aria-labelledby': 'l68c-detail-heading', dataset: { id: r.l68ReturnId, state: r.state } },
      h('div', { class: 'sisl-appointment-head' }, heading, returnStateBadge(r.state)),
      message, returnFacts(r, { staff: true }), actionsFor(r, false),
      versionsTable(r, (other) => openDetail(other)),
      historyList(r),
      h('section', { 'aria-labelledby': 'l68c-detail-calc', class: 'mt-4' },
        h('h3', { id: 'l68c-detail-calc', class: 'h4' }, t('l68p.computation')),
        computationView(r.computation, { headingLevel: 4, collapse: true })),
      r.correctionComputation?.provinces?.length ? h('details', { class: 'sisl-history mt-4', id: 'l68c-detail-correction' },
        h('summary', {}, t('l68p.proposedCorrection')),
        computationView(r.correctionComputation, { headingLevel: 4, collapse: true })) : null),
    h('button', { type: 'button', class: 'btn btn-outline-secondary mt-3', id: 'l68c-back', onclick: () => load(null, r.l68ReturnId) }, t('l68c.back')));
  if (focus) focusHeading(heading);
}

startPage({
  role: 'operator',
  render: async (s) => {
    ctx = { cpi: s.selectedRole.cpiCode, year: '', state: 'filed', returns: [], next: '', message: null, view: 'list', detail: null };
    await load();
  },
  onLanguage: () => {
    if (!ctx) return;
    if (ctx.view === 'detail') drawDetail();
    else drawList();
  },
});
