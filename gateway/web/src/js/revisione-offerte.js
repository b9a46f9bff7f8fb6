// CPI operator: the vacancies of the CPI's area waiting for review (GET /api/v1/vacancies?
// states=VACANCY_STATE_SUBMITTED), with the wording warnings; approve (published at once when
// its publication day has come) or send back to the company with reasons, one per problem.
import { get, post } from './api.js';
import { startPage } from './chrome.js';
import {
  day, description, FormErrors, loadContractCodeLists, stateBadge, vacancyDetails, vacancyStateLabel, wordingWarnings,
} from './enterprise-labels.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import { alertBox, announce, busy, clear, field, focusHeading, h, icon, spinner, uid } from './ui.js';

const STATES = ['SUBMITTED', 'APPROVED', 'PUBLISHED', 'SENT_BACK', 'SUSPENDED', 'CLOSED'].map((s) => `VACANCY_STATE_${s}`);
// ctx: {cpi, state, vacancies, next, message}
let ctx = null;
const list = () => document.getElementById('rev-list');
const hidden = (text) => h('span', { class: 'visually-hidden' }, text);

async function load(message = null) {
  clear(list(), spinner());
  try {
    const [r] = await Promise.all([get('/api/v1/vacancies', { states: ctx.state, pageSize: 20 }), loadContractCodeLists().catch(() => null)]);
    ctx.vacancies = r.vacancies || [];
    ctx.next = r.nextPageToken || '';
    ctx.message = message;
    drawList(Boolean(message));
  } catch (e) {
    clear(list(), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

async function more(button) {
  try {
    const r = await busy(button, () => get('/api/v1/vacancies', { states: ctx.state, pageSize: 20, pageToken: ctx.next }));
    const first = ctx.vacancies.length;
    ctx.vacancies.push(...(r.vacancies || []));
    ctx.next = r.nextPageToken || '';
    ctx.message = null;
    drawList();
    focusHeading(list().querySelectorAll('article.sisl-vacancy h3')[first]);
  } catch (e) {
    ctx.message = { kind: 'danger', text: errorMessage(e) };
    drawList(true);
  }
}

function filterForm() {
  const state = field({ kind: 'select', id: 'rev-state', label: t('rev.state'), value: ctx.state,
    options: STATES.map((s) => ({ value: s, label: vacancyStateLabel(s) })) });
  return h('form', { class: 'sisl-card mb-4', id: 'rev-filter', novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    ctx.state = state.control.value;
    load();
  } },
  h('div', { class: 'row align-items-end' }, h('div', { class: 'col-md-6' }, state.wrapper),
    h('div', { class: 'col-md-3 mb-4' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'rev-show' }, t('op.show')))));
}

function drawList(focusMessage = false) {
  const heading = h('h2', { class: 'h3', id: 'rev-list-heading' }, t('rev.listHeading', { state: vacancyStateLabel(ctx.state), count: ctx.vacancies.length + (ctx.next ? '+' : '') }));
  const message = ctx.message ? alertBox(ctx.message.kind, ctx.message.text, { focus: focusMessage }) : null;
  if (ctx.message?.kind === 'success') announce(ctx.message.text);
  clear(list(), h('section', { 'aria-labelledby': 'rev-list-heading' }, heading, message,
    ctx.vacancies.length ? h('ul', { class: 'sisl-appointment-list' }, ctx.vacancies.map((v) => h('li', {}, card(v)))) : h('p', {}, t('rev.none')),
    ctx.next ? h('button', { type: 'button', class: 'btn btn-outline-primary', onclick: (e) => more(e.currentTarget) }, t('vacCo.more')) : null));
}

async function act(button, v, body, errors) {
  try {
    const r = await busy(button, () => post(`/api/v1/vacancies/${encodeURIComponent(v.vacancyId)}:transition`, { vacancyId: v.vacancyId, ...body }));
    const after = r.vacancy;
    const title = after.content.title;
    let text;
    if (body.action === 'VACANCY_ACTION_SEND_BACK') text = t('rev.sentBack', { title });
    else if (after.state === 'VACANCY_STATE_PUBLISHED') text = t('rev.approvedPublished', { title });
    else text = t('rev.approved', { title, from: day(after.content.publicationDate) });
    await load({ kind: 'success', text });
  } catch (err) {
    errors.show(err);
  }
}

function reviewForm(v, kind, host, opener) {
  const alert = h('div');
  const errors = new FormErrors(alert);
  const sendBack = kind === 'send-back';
  const reasons = field({ kind: 'textarea', label: t(sendBack ? 'rev.reasons' : 'rev.note'), required: sendBack,
    hint: t(sendBack ? 'rev.reasonsHint' : 'rev.noteHint'), attrs: { maxlength: '2000', rows: '4' } });
  errors.register(['reasons'], reasons, t(sendBack ? 'rev.reasons' : 'rev.note'));
  // Proposed from the wording warnings: one reason per term found.
  if (sendBack && (v.wordingWarnings || []).length) {
    reasons.control.value = [...new Set(v.wordingWarnings.map((w) => t('rev.reasonFromWarning', { text: w.text, category: t(`rev.category.${w.category}`) })))].join('\n');
  }
  const form = h('form', { class: 'sisl-inline-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const lines = reasons.control.value.split('\n').map((l) => l.trim()).filter(Boolean);
    if (sendBack && !lines.length) return errors.showProblems([{ path: 'reasons', text: t('rev.needReasons') }]);
    if (lines.some((l) => l.length > 500)) return errors.showProblems([{ path: 'reasons', text: t('rev.reasonTooLong') }]);
    await act(form.querySelector('button[type="submit"]'), v, { action: sendBack ? 'VACANCY_ACTION_SEND_BACK' : 'VACANCY_ACTION_APPROVE', reasons: lines }, errors);
    return undefined;
  } },
  h('p', { class: 'fw-semibold' }, t(sendBack ? 'rev.sendBack' : 'rev.approve')), alert, reasons.wrapper,
  h('div', { class: 'd-flex gap-2 flex-wrap' },
    h('button', { type: 'submit', class: `btn ${sendBack ? 'btn-warning' : 'btn-success'} btn-sm` }, t(sendBack ? 'rev.confirmSendBack' : 'rev.confirmApprove')),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: () => {
      clear(host);
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    } }, t('common.close'))));
  return form;
}

function card(v) {
  const id = uid('rev');
  const title = v.content?.title || v.vacancyId;
  const area = h('div');
  const actions = h('div', { class: 'sisl-actions' });
  const open = (button, kind) => {
    const opening = button.getAttribute('aria-expanded') !== 'true';
    actions.querySelectorAll('button[aria-expanded]').forEach((b) => b.setAttribute('aria-expanded', 'false'));
    if (!opening) return clear(area);
    button.setAttribute('aria-expanded', 'true');
    clear(area, reviewForm(v, kind, area, button));
    area.querySelector('textarea')?.focus();
    return undefined;
  };
  if (v.state === 'VACANCY_STATE_SUBMITTED') {
    const approve = h('button', { type: 'button', class: 'btn btn-success btn-sm', 'aria-expanded': 'false', dataset: { action: 'approve' },
      onclick: () => open(approve, 'approve') }, icon('it-check-circle', 'icon-white icon-sm'), h('span', {}, t('rev.approve')), hidden(`, ${title}`));
    const sendBack = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', 'aria-expanded': 'false', dataset: { action: 'send-back' },
      onclick: () => open(sendBack, 'send-back') }, icon('it-arrow-left-circle', 'icon-primary icon-sm'), h('span', {}, t('rev.sendBack')), hidden(`, ${title}`));
    actions.append(approve, sendBack);
  }
  return h('article', { class: 'sisl-appointment sisl-vacancy', 'aria-labelledby': id, dataset: { id: v.vacancyId, state: v.state } },
    h('div', { class: 'sisl-appointment-head' }, h('h3', { id, class: 'h5 mb-1', tabindex: '-1' }, title), stateBadge(v.state)),
    wordingWarnings(v) || h('p', { class: 'sisl-no-warnings' }, t('rev.noWarnings')),
    vacancyDetails(v, { audience: 'staff' }),
    h('p', { class: 'fw-semibold mb-1' }, t('vac.description')), description(v.content?.description),
    actions, area);
}

startPage({
  role: 'operator',
  render: async (s) => {
    ctx = { cpi: s.selectedRole.cpiCode, state: 'VACANCY_STATE_SUBMITTED', vacancies: [], next: '', message: null };
    const app = document.getElementById('app');
    clear(app, h('p', { id: 'rev-cpi' }, t('rev.cpi', { cpi: ctx.cpi })), filterForm(), h('div', { id: 'rev-list' }));
    await load();
  },
  onLanguage: () => {
    if (!ctx) return;
    const cpi = document.getElementById('rev-cpi');
    if (cpi) cpi.textContent = t('rev.cpi', { cpi: ctx.cpi });
    document.getElementById('rev-filter')?.replaceWith(filterForm());
    drawList();
  },
});
