// CPI operators and administrators: undelivered messages (/notifiche-operatore). The delivery
// figures (GET /api/v1/notification-stats: queued, sending, sent, failed, dead, the age of the
// oldest message waiting) and the dead letters (GET /api/v1/notification-dead-letters, a page at
// a time with previous/next), each with "Retry" (POST
// /api/v1/notification-messages/{id}:retry): the row then shows the message queued again.
import { get, post } from './api.js';
import { startPage } from './chrome.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import {
  appointmentCell, channelLabel, duration, num, Pages, pager, RETRYABLE, stateBadge, typeLabel, when,
} from './notification-labels.js';
import { alertBox, announce, busy, clear, h, icon, spinner } from './ui.js';

const PAGE_SIZE = 20;
const STATS = ['queued', 'sending', 'sent', 'failed', 'dead'];

let stats = null; // GetDeliveryStatsResponse | {error}
let list = null; // {messages, nextPageToken} | {error}
const requeued = new Set(); // message ids queued again from this page
const pages = new Pages();
const app = () => document.getElementById('app');

async function loadStats() {
  try {
    stats = await get('/api/v1/notification-stats');
  } catch (e) {
    stats = { error: e };
  }
  drawStats();
}

function drawStats() {
  const host = document.getElementById('ntfo-stats');
  if (!host) return;
  let body;
  if (!stats) body = spinner();
  else if (stats.error) body = alertBox('danger', errorMessage(stats.error));
  else {
    const oldest = Number(stats.oldestQueuedAgeSeconds || 0);
    body = h('dl', { class: 'sisl-summary', id: 'ntfo-figures' },
      STATS.map((k) => [h('dt', {}, t(`ntfo.stat.${k}`)), h('dd', { dataset: { stat: k, value: String(Number(stats[k] || 0)) } }, num(stats[k]))]),
      h('dt', {}, t('ntfo.stat.oldest')),
      h('dd', { dataset: { stat: 'oldest', value: String(oldest) } }, oldest ? duration(oldest) : t('ntfo.oldestNone')));
  }
  clear(host, h('section', { 'aria-labelledby': 'ntfo-stats-heading', class: 'sisl-card mb-5' },
    h('h2', { class: 'h4', id: 'ntfo-stats-heading' }, t('ntfo.statsHeading')), body,
    h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: 'ntfo-refresh', onclick: (e) => refresh(e.currentTarget) },
      icon('it-refresh', 'icon-primary icon-sm'), h('span', {}, t('ntfo.refresh')))));
}

async function refresh(button) {
  await busy(button, () => Promise.all([loadStats(), loadList(null, false, true)]));
  announce(t('ntfo.refreshed'));
  document.getElementById('ntfo-refresh')?.focus();
}

async function loadList(button = null, focus = false, quiet = false) {
  const host = document.getElementById('ntfo-list');
  if (!button && !quiet && host) clear(host, spinner());
  try {
    const read = () => get('/api/v1/notification-dead-letters', { pageSize: PAGE_SIZE, pageToken: pages.token });
    const r = button ? await busy(button, read) : await read();
    list = { messages: r.messages || [], nextPageToken: r.nextPageToken || '' };
    pages.seen(list.nextPageToken);
  } catch (e) {
    list = { error: e };
  }
  drawList(focus);
}

async function retry(button, m, row) {
  const problem = document.getElementById('ntfo-list-problem');
  clear(problem);
  try {
    const r = await busy(button, () => post(`/api/v1/notification-messages/${encodeURIComponent(m.messageId)}:retry`, { messageId: m.messageId }));
    Object.assign(m, r.message || {});
    requeued.add(m.messageId);
    const fresh = messageRow(m);
    row.replaceWith(fresh);
    fresh.querySelector('[data-requeued]')?.focus();
    announce(t('ntfo.retried'));
    loadStats();
  } catch (e) {
    clear(problem, alertBox('danger', errorMessage(e), { focus: true }));
  }
}

function messageRow(m) {
  const row = h('tr', { dataset: { id: m.messageId, state: m.state, type: m.type, appointment: m.appointmentId || '' } });
  let action;
  if (requeued.has(m.messageId) && !RETRYABLE.includes(m.state)) {
    action = h('span', { tabindex: '-1', dataset: { requeued: 'true' } }, t('ntfo.requeued'));
  } else if (RETRYABLE.includes(m.state)) {
    action = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', dataset: { action: 'retry' }, onclick: (e) => retry(e.currentTarget, m, row) },
      icon('it-refresh', 'icon-primary icon-sm'), h('span', {}, t('ntfo.retry')),
      h('span', { class: 'visually-hidden' }, t('ntfo.retryContext', { type: typeLabel(m.type), time: when(m.createTime) })));
  }
  row.append(
    h('td', {}, when(m.createTime)), h('td', {}, typeLabel(m.type)), h('td', {}, channelLabel(m.channel)),
    h('td', { dataset: { cell: 'state' } }, stateBadge(m.state)), h('td', { class: 'text-end', dataset: { cell: 'attempts' } }, num(m.attempts)),
    h('td', { dataset: { cell: 'error' } }, m.lastError ? h('span', { class: 'sisl-ntf-error' }, m.lastError) : ''),
    h('td', {}, appointmentCell(m)), h('td', { dataset: { cell: 'action' } }, action));
  return row;
}

function drawList(focus = false) {
  const host = document.getElementById('ntfo-list');
  if (!host) return;
  const heading = h('h2', { class: 'h3', id: 'ntfo-list-heading', tabindex: '-1' }, t('ntfo.listHeading'));
  let body;
  if (!list) body = spinner();
  else if (list.error) body = alertBox('danger', errorMessage(list.error));
  else if (!list.messages.length) body = h('div', { class: 'callout note sisl-callout', id: 'ntfo-none' }, h('p', { class: 'mb-0' }, t('ntfo.none')));
  else {
    const cols = ['ntf.col.date', 'ntf.col.type', 'ntf.col.channel', 'ntf.col.state', 'ntfo.col.attempts', 'ntfo.col.lastError', 'ntf.col.appointment', 'ntfo.col.action'];
    body = h('div', { class: 'table-responsive' }, h('table', { class: 'table sisl-table sisl-ntf-table', id: 'ntfo-table' },
      h('caption', {}, t('ntfo.caption', { page: pages.page + 1 })),
      h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', class: k === 'ntfo.col.attempts' ? 'text-end' : null }, t(k))))),
      h('tbody', {}, list.messages.map(messageRow))));
  }
  const nav = list && !list.error ? pager({ id: 'ntfo-pager', pages, label: t('ntfo.pages'), onMove: (step, button) => {
    pages.page += step;
    loadList(button, true);
  } }) : null;
  clear(host, h('section', { 'aria-labelledby': 'ntfo-list-heading' }, heading, h('p', { class: 'form-text' }, t('ntfo.listLead')),
    h('div', { id: 'ntfo-list-problem' }), body, nav));
  if (focus) heading.focus();
}

startPage({
  role: ['operator', 'admin'],
  render: async () => {
    clear(app(), h('div', { id: 'ntfo-stats' }), h('div', { id: 'ntfo-list' }));
    drawStats();
    drawList();
    await Promise.all([loadStats(), loadList()]);
  },
  onLanguage: () => {
    drawStats();
    drawList();
  },
});
