// CPI operator: the companies' requests assigned to the operator's CPI
// (/richieste-servizio-cpi; GET /api/v1/service-requests), the open ones first, by state; a
// request's thread: take it in charge, ask the company, write, close it as resolved or reject it
// with a reason, reopen within 30 days (service-requests.js). A request is company data: no
// access reason is asked.
import { get } from './api.js';
import { startPage } from './chrome.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import { OPEN_STATES, requestCard, requestView, STATES, stateLabel, vacancyTitle } from './service-requests.js';
import { alertBox, announce, busy, clear, field, focusHeading, h, spinner } from './ui.js';

// ctx: {cpi, state: 'open'|''|STATE, requests, next, message, view: 'list'|'thread', current}
let ctx = null;
const app = () => document.getElementById('app');

function listPath(pageToken) {
  const q = new URLSearchParams();
  for (const s of ctx.state === 'open' ? OPEN_STATES : ctx.state ? [ctx.state] : []) q.append('states', s);
  q.append('pageSize', '20');
  if (pageToken) q.append('pageToken', pageToken);
  return `/api/v1/service-requests?${q}`;
}

async function load(message = null, focusId = null) {
  ctx.view = 'list';
  clear(app(), spinner());
  try {
    const r = await get(listPath());
    ctx.requests = r.serviceRequests || [];
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
    const first = ctx.requests.length;
    ctx.requests.push(...(r.serviceRequests || []));
    ctx.next = r.nextPageToken || '';
    ctx.message = null;
    drawList();
    focusHeading(app().querySelectorAll('article.sisl-service-request h3')[first]);
  } catch (e) {
    ctx.message = { kind: 'danger', text: errorMessage(e) };
    drawList(true);
  }
}

function filterForm() {
  const state = field({ kind: 'select', id: 'src-state', label: t('srOp.state'), value: ctx.state,
    options: [{ value: 'open', label: t('srOp.open') }, ...STATES.map((s) => ({ value: s, label: stateLabel(s) })), { value: '', label: t('srOp.allStates') }] });
  return h('form', { class: 'sisl-card mb-4', id: 'src-filter', novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    ctx.state = state.control.value;
    load();
  } },
  h('p', { id: 'src-cpi' }, t('srOp.cpi', { cpi: ctx.cpi })),
  h('div', { class: 'row align-items-end' }, h('div', { class: 'col-md-6' }, state.wrapper),
    h('div', { class: 'col-md-3 mb-4' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'src-show' }, t('op.show')))));
}

function drawList(focusMessage = false, focusId = null) {
  const message = ctx.message ? alertBox(ctx.message.kind, ctx.message.text, { focus: focusMessage }) : null;
  if (ctx.message?.kind === 'success') announce(ctx.message.text);
  const stateText = ctx.state === 'open' ? t('srOp.open') : ctx.state ? stateLabel(ctx.state) : t('srOp.allStates');
  clear(app(), filterForm(),
    h('section', { 'aria-labelledby': 'src-list-heading' },
      h('h2', { id: 'src-list-heading', class: 'h3' }, t('srOp.listHeading', { state: stateText, count: ctx.requests.length + (ctx.next ? '+' : '') })),
      message,
      ctx.requests.length
        ? h('ul', { class: 'sisl-appointment-list' }, ctx.requests.map((r) => h('li', {}, requestCard(r, { staff: true, onOpen: (x) => openThread(x.serviceRequestId) }))))
        : h('p', {}, t('srOp.none')),
      ctx.next ? h('button', { type: 'button', class: 'btn btn-outline-primary', onclick: (e) => more(e.currentTarget) }, t('srCo.more')) : null));
  if (focusId) focusHeading(app().querySelector(`article[data-id="${focusId}"] h3`));
}

async function openThread(id, message = null) {
  clear(app(), spinner());
  try {
    ctx.current = (await get(`/api/v1/service-requests/${encodeURIComponent(id)}`)).serviceRequest;
    ctx.current.vacancyTitle = await vacancyTitle(ctx.current.vacancyId);
    ctx.view = 'thread';
    ctx.message = message;
    drawThread(true);
  } catch (e) {
    clear(app(), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

function drawThread(focus = false) {
  const r = ctx.current;
  clear(app(), requestView(r, {
    side: 'operator',
    message: ctx.message,
    onChanged: async (next, text) => {
      next.vacancyTitle = r.vacancyTitle;
      ctx.current = next;
      ctx.message = { kind: 'success', text };
      drawThread(true);
    },
    onBack: () => load(null, r.serviceRequestId),
  }));
  if (ctx.message?.kind === 'success') announce(ctx.message.text);
  if (focus) focusHeading(document.getElementById('sr-heading'));
}

startPage({
  role: 'operator',
  render: async (s) => {
    ctx = { cpi: s.selectedRole.cpiCode, state: 'open', requests: [], next: '', message: null, view: 'list', current: null };
    await load();
  },
  onLanguage: () => {
    if (!ctx) return;
    if (ctx.view === 'thread') drawThread();
    else drawList();
  },
});
