// Shared parts of the service-request pages (/richieste-servizio for the company,
// /richieste-servizio-cpi for the CPI operators): the enums of sisl.enterprise.v1's
// ServiceRequest, a request's card, and its thread with the steps each side may take
// (POST /api/v1/service-requests/{id}:transition, /{id}/messages).
import { get, post } from './api.js';
import { FormErrors } from './enterprise-labels.js';
import { formatDateTime, has, t } from './i18n.js';
import { errorMessage } from './labels.js';
import { alertBox, badge, busy, clear, field, h, icon, radioGroup, uid } from './ui.js';

const short = (value, prefix) => (value || '').replace(prefix, '');
export const KINDS = ['PRESELECTION', 'TRAINEESHIP_ACTIVATION', 'INCENTIVES_INFORMATION', 'L68_PLACEMENT'].map((k) => `SERVICE_REQUEST_KIND_${k}`);
export const STATES = ['SUBMITTED', 'TAKEN_IN_CHARGE', 'WAITING_FOR_COMPANY', 'ANSWERED', 'CLOSED'].map((k) => `SERVICE_REQUEST_STATE_${k}`);
export const OPEN_STATES = STATES.filter((s) => s !== 'SERVICE_REQUEST_STATE_CLOSED');
const REOPEN_DAYS = 30;

export const kindLabel = (v) => t(`sr.kind.${short(v, 'SERVICE_REQUEST_KIND_') || 'UNSPECIFIED'}`);
export const stateLabel = (v) => t(`sr.state.${short(v, 'SERVICE_REQUEST_STATE_') || 'UNSPECIFIED'}`);
export const outcomeLabel = (v) => t(`sr.outcome.${short(v, 'SERVICE_REQUEST_OUTCOME_') || 'UNSPECIFIED'}`);
export const actionLabel = (v) => t(`sr.action.${short(v, 'SERVICE_REQUEST_ACTION_') || 'UNSPECIFIED'}`);
export const sideLabel = (v) => t(`sr.side.${short(v, 'SERVICE_REQUEST_SIDE_') || 'UNSPECIFIED'}`);

const STATE_BADGE = {
  SERVICE_REQUEST_STATE_SUBMITTED: 'primary',
  SERVICE_REQUEST_STATE_TAKEN_IN_CHARGE: 'info',
  SERVICE_REQUEST_STATE_WAITING_FOR_COMPANY: 'warning',
  SERVICE_REQUEST_STATE_ANSWERED: 'info',
  SERVICE_REQUEST_STATE_CLOSED: 'secondary',
};
export const stateBadge = (r) => badge(r.state === 'SERVICE_REQUEST_STATE_CLOSED' && r.outcome && r.outcome !== 'SERVICE_REQUEST_OUTCOME_UNSPECIFIED'
  ? `${stateLabel(r.state)}: ${outcomeLabel(r.outcome)}` : stateLabel(r.state), STATE_BADGE[r.state] || 'secondary');

const when = (iso) => (iso ? formatDateTime(iso) : '');
const isOpen = (r) => r.state !== 'SERVICE_REQUEST_STATE_CLOSED';
const reopenable = (r) => !isOpen(r) && r.closeTime && Date.now() - Date.parse(r.closeTime) < REOPEN_DAYS * 86400000;

// The title of the vacancy a request names ('' when it cannot be read), fetched once.
const vacancyTitles = new Map();
export async function vacancyTitle(id) {
  if (!id) return '';
  if (!vacancyTitles.has(id)) {
    vacancyTitles.set(id, get(`/api/v1/vacancies/${encodeURIComponent(id)}`).then((r) => r.vacancy?.content?.title || '').catch(() => ''));
  }
  return vacancyTitles.get(id);
}

// A message for an API error, with this area's own texts first (sr.reason.*).
export function srError(err) {
  if (err?.reason && (has(`sr.reason.${err.reason}`) || has(`sr.reason.${err.reason}`, 'it'))) return t(`sr.reason.${err.reason}`);
  return errorMessage(err);
}

// Text with its line breaks, no HTML.
export function paragraphs(text) {
  const parts = (text || '').split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  return parts.map((p) => h('p', {}, p.split('\n').flatMap((line, i) => (i ? [h('br'), line] : [line]))));
}

function facts(r, { staff }) {
  const rows = [
    staff ? ['sr.company', `${r.companyName || ''} (${r.companyFiscalCode})`] : null,
    ['sr.kindLabel', kindLabel(r.kind)],
    ['sr.stateLabel', stateLabel(r.state)],
    r.state === 'SERVICE_REQUEST_STATE_CLOSED' && r.outcome !== 'SERVICE_REQUEST_OUTCOME_UNSPECIFIED' ? ['sr.outcomeLabel', outcomeLabel(r.outcome)] : null,
    ['sr.cpi', r.cpiCode],
    r.vacancyId ? ['sr.vacancy', r.vacancyTitle || r.vacancyId] : null,
    ['sr.created', when(r.createTime)],
    r.closeTime ? ['sr.closed', when(r.closeTime)] : null,
    ['sr.messagesCount', String(r.messageCount || 0)],
  ].filter(Boolean);
  return h('dl', { class: 'sisl-summary' }, rows.map(([k, v]) => [h('dt', {}, t(k)), h('dd', { dataset: { fact: k } }, v)]));
}

// A request in a list; onOpen(r) opens its thread.
export function requestCard(r, { staff = false, onOpen }) {
  const id = uid('sr');
  return h('article', { class: 'sisl-appointment sisl-service-request', 'aria-labelledby': id, dataset: { id: r.serviceRequestId, state: r.state } },
    h('div', { class: 'sisl-appointment-head' }, h('h3', { id, class: 'h5 mb-1', tabindex: '-1' }, r.subject), stateBadge(r)),
    facts(r, { staff }),
    h('div', { class: 'sisl-actions' }, h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', dataset: { action: 'open' }, onclick: () => onOpen(r) },
      icon('it-comment', 'icon-primary icon-sm'), h('span', {}, t('sr.open')), h('span', { class: 'visually-hidden' }, `: ${r.subject}`))));
}

function thread(r) {
  const messages = r.messages || [];
  return h('section', { 'aria-labelledby': 'sr-thread-heading', class: 'mt-4' },
    h('h3', { id: 'sr-thread-heading', class: 'h4' }, t('sr.threadHeading', { count: messages.length })),
    messages.length
      ? h('ol', { class: 'sisl-thread' }, messages.map((m) => {
        const side = short(m.authorSide, 'SERVICE_REQUEST_SIDE_').toLowerCase();
        const step = m.action && m.action !== 'SERVICE_REQUEST_ACTION_UNSPECIFIED' ? ` - ${actionLabel(m.action)}` : '';
        return h('li', { class: `sisl-message sisl-message-${side}`, dataset: { side, sequence: String(m.sequence) } },
          h('p', { class: 'sisl-message-head' }, h('span', { class: 'fw-semibold' }, sideLabel(m.authorSide)), `, ${when(m.createTime)}${step}`),
          h('div', { class: 'sisl-message-text' }, paragraphs(m.text)));
      }))
      : h('p', {}, t('sr.noMessages')));
}

function history(r) {
  const entries = r.history || [];
  if (!entries.length) return null;
  return h('details', { class: 'sisl-history' }, h('summary', {}, t('sr.history', { count: entries.length })),
    h('ol', {}, entries.map((e) => h('li', {}, `${when(e.actionTime)}: ${actionLabel(e.action)} (${sideLabel(e.actorSide)})`,
      e.outcome && e.outcome !== 'SERVICE_REQUEST_OUTCOME_UNSPECIFIED' ? ` - ${outcomeLabel(e.outcome)}` : ''))));
}

// The steps of one side by state: {name, label, kind, text: {label, hint, required}, outcome?, send(body)}.
function stepsFor(r, side) {
  const id = r.serviceRequestId;
  const transition = (action, extra = {}) => (message) => post(`/api/v1/service-requests/${encodeURIComponent(id)}:transition`,
    { serviceRequestId: id, action: `SERVICE_REQUEST_ACTION_${action}`, message, ...extra });
  const say = (message) => post(`/api/v1/service-requests/${encodeURIComponent(id)}/messages`, { serviceRequestId: id, text: message });
  const steps = [];
  const s = r.state;
  if (side === 'operator') {
    if (s === 'SERVICE_REQUEST_STATE_SUBMITTED') {
      steps.push({ name: 'take', label: 'sr.take', primary: true, text: { label: 'sr.note', hint: 'sr.takeHint', required: false }, send: transition('TAKE_IN_CHARGE'), done: 'sr.taken' });
    }
    if (['SERVICE_REQUEST_STATE_TAKEN_IN_CHARGE', 'SERVICE_REQUEST_STATE_ANSWERED'].includes(s)) {
      steps.push({ name: 'ask', label: 'sr.ask', primary: true, text: { label: 'sr.question', hint: 'sr.questionHint', required: true }, send: transition('ASK'), done: 'sr.asked' });
    }
    if (isOpen(r)) {
      steps.push({ name: 'message', label: 'sr.write', text: { label: 'sr.messageText', hint: 'sr.messageHint', required: true }, send: say, done: 'sr.messageSent' });
      steps.push({ name: 'close', label: 'sr.close', danger: true, outcome: s !== 'SERVICE_REQUEST_STATE_SUBMITTED',
        text: { label: 'sr.closeNote', hint: 'sr.closeNoteHint', required: false }, send: null, done: 'sr.closedDone' });
    }
    if (reopenable(r) && r.outcome !== 'SERVICE_REQUEST_OUTCOME_WITHDRAWN') {
      steps.push({ name: 'reopen', label: 'sr.reopen', text: { label: 'sr.reopenReason', hint: 'sr.reopenHint', required: true }, send: transition('REOPEN'), done: 'sr.reopened' });
    }
  } else {
    if (s === 'SERVICE_REQUEST_STATE_WAITING_FOR_COMPANY') {
      steps.push({ name: 'answer', label: 'sr.answer', primary: true, text: { label: 'sr.answerText', hint: 'sr.answerHint', required: true }, send: transition('ANSWER'), done: 'sr.answered' });
    }
    if (isOpen(r)) {
      steps.push({ name: 'message', label: 'sr.write', text: { label: 'sr.messageText', hint: 'sr.messageHint', required: true }, send: say, done: 'sr.messageSent' });
      steps.push({ name: 'withdraw', label: 'sr.withdraw', danger: true, text: { label: 'sr.withdrawNote', hint: 'sr.withdrawHint', required: false }, send: transition('WITHDRAW'), done: 'sr.withdrawn' });
    }
    if (reopenable(r)) {
      steps.push({ name: 'reopen', label: 'sr.reopen', text: { label: 'sr.reopenReason', hint: 'sr.reopenHint', required: true }, send: transition('REOPEN'), done: 'sr.reopened' });
    }
  }
  return steps;
}

// The inline form of a step: a text (and, to close, the outcome).
function stepForm(r, step, host, opener, onChanged) {
  const alert = h('div');
  const errors = new FormErrors(alert);
  let outcome = step.outcome ? 'SERVICE_REQUEST_OUTCOME_RESOLVED' : 'SERVICE_REQUEST_OUTCOME_REJECTED';
  const text = field({ id: `sr-${step.name}-text`, kind: 'textarea', label: t(step.text.label), required: step.text.required, hint: t(step.text.hint),
    attrs: { maxlength: '4000', rows: '4' } });
  errors.register(['message', 'text'], text, t(step.text.label));
  const textLabel = text.wrapper.querySelector('label');
  const syncRequired = () => {
    const required = step.name === 'close' ? outcome === 'SERVICE_REQUEST_OUTCOME_REJECTED' : step.text.required;
    textLabel.replaceChildren(t(step.name === 'close' && required ? 'sr.rejectReason' : step.text.label), required ? h('span', { 'aria-hidden': 'true' }, ' *') : '');
    text.control.required = required;
  };
  const outcomes = step.name === 'close'
    ? (step.outcome
      ? radioGroup({ name: 'sr-outcome', legend: t('sr.outcomeLegend'), value: outcome, onchange: (v) => { outcome = v; syncRequired(); },
        options: ['SERVICE_REQUEST_OUTCOME_RESOLVED', 'SERVICE_REQUEST_OUTCOME_REJECTED'].map((v) => ({ value: v, label: outcomeLabel(v), hint: t(`sr.outcomeHint.${short(v, 'SERVICE_REQUEST_OUTCOME_')}`) })) })
      : h('p', {}, t('sr.rejectOnly')))
    : null;
  syncRequired();
  const form = h('form', { class: 'sisl-inline-form', id: `sr-${step.name}-form`, novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const message = text.control.value.trim();
    if (text.control.required && !message) {
      // Named as the label reads now (to close with a rejection it asks for the reason).
      const rejecting = step.name === 'close';
      return errors.showProblems([{ field: { ...errors.fields[0], label: textLabel.firstChild.textContent },
        text: rejecting ? t('reason.REJECTION_REASON_REQUIRED') : t('sr.needText') }]);
    }
    try {
      const send = step.name === 'close'
        ? (m) => post(`/api/v1/service-requests/${encodeURIComponent(r.serviceRequestId)}:transition`,
          { serviceRequestId: r.serviceRequestId, action: 'SERVICE_REQUEST_ACTION_CLOSE', outcome, message: m })
        : step.send;
      const res = await busy(form.querySelector('button[type="submit"]'), () => send(message));
      const next = res.serviceRequest;
      await onChanged(next, t(step.done, { subject: next.subject, outcome: outcomeLabel(next.outcome), state: stateLabel(next.state) }));
    } catch (err) {
      if (err?.violations?.length) errors.show(err);
      else {
        errors.clear();
        clear(alert, alertBox('danger', srError(err), { focus: true }));
      }
    }
    return undefined;
  } },
  h('p', { class: 'fw-semibold' }, t(step.label)), alert, outcomes, text.wrapper,
  h('div', { class: 'd-flex gap-2 flex-wrap' },
    h('button', { type: 'submit', class: `btn ${step.danger ? 'btn-danger' : 'btn-primary'} btn-sm` }, t(`${step.label}Confirm`)),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: () => {
      clear(host);
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    } }, t('common.close'))));
  return form;
}

// A request with its thread and the steps of `side` ('company' | 'operator').
// onChanged(request, text): after a step; onBack().
export function requestView(r, { side, message, onChanged, onBack }) {
  const heading = h('h2', { id: 'sr-heading', class: 'h3', tabindex: '-1' }, r.subject);
  const actions = h('div', { class: 'sisl-actions', id: 'sr-actions' });
  const area = h('div');
  for (const step of stepsFor(r, side)) {
    const button = h('button', {
      type: 'button', class: `btn ${step.primary ? 'btn-primary' : step.danger ? 'btn-outline-danger' : 'btn-outline-primary'} btn-sm`,
      'aria-expanded': 'false', dataset: { action: step.name },
      onclick: () => {
        const opening = button.getAttribute('aria-expanded') !== 'true';
        actions.querySelectorAll('button[aria-expanded]').forEach((b) => b.setAttribute('aria-expanded', 'false'));
        if (!opening) return clear(area);
        button.setAttribute('aria-expanded', 'true');
        clear(area, stepForm(r, step, area, button, onChanged));
        area.querySelector(step.name === 'close' ? 'input[type="radio"], textarea' : 'textarea')?.focus();
        return undefined;
      },
    }, h('span', {}, t(step.label)));
    actions.append(button);
  }
  return h('article', { class: 'sisl-service-request-detail', 'aria-labelledby': 'sr-heading', dataset: { id: r.serviceRequestId, state: r.state } },
    h('div', { class: 'sisl-appointment-head' }, heading, stateBadge(r)),
    message ? alertBox(message.kind, message.text) : null,
    facts(r, { staff: side === 'operator' }),
    h('h3', { class: 'h5' }, t('sr.description')), h('div', { class: 'sisl-vacancy-description' }, paragraphs(r.description)),
    thread(r),
    actions.childNodes.length ? h('section', { 'aria-labelledby': 'sr-steps-heading', class: 'mt-3' },
      h('h3', { id: 'sr-steps-heading', class: 'h5' }, t('sr.stepsHeading')), actions, area) : h('p', { class: 'mt-3' }, t('sr.noSteps')),
    history(r),
    h('button', { type: 'button', class: 'btn btn-outline-secondary mt-3', id: 'sr-back', onclick: onBack }, t('sr.back')));
}
