// Citizen: my proposals (/proposte): GET /api/v1/my/proposals. The ones waiting for an answer
// first: accept, or refuse with a reason, until the deadline; once accepted (sent to the company,
// interview) the person may withdraw; the history of each. Every step is
// POST /api/v1/proposals/{id}:transition.
import { get, post } from './api.js';
import { startPage } from './chrome.js';
import { FormErrors } from './enterprise-labels.js';
import { t, todayInRome } from './i18n.js';
import { errorMessage } from './labels.js';
import { day, hidden, historyTable, proposalBadge, proposalDates } from './matching-labels.js';
import { alertBox, announce, busy, clear, field, focusHeading, h, icon, spinner, uid } from './ui.js';

let proposals = null;
let message = null;
const app = () => document.getElementById('app');
const WITHDRAWABLE = ['PROPOSAL_STATE_ACCEPTED', 'PROPOSAL_STATE_SENT', 'PROPOSAL_STATE_INTERVIEW'];

async function load(focusMessage = false) {
  try {
    const r = await get('/api/v1/my/proposals', { pageSize: 100 });
    proposals = r.proposals || [];
    draw(focusMessage);
  } catch (e) {
    clear(app(), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

async function step(button, p, body, errors, done) {
  try {
    await busy(button, () => post(`/api/v1/proposals/${encodeURIComponent(p.proposalId)}:transition`, { proposalId: p.proposalId, ...body }));
    message = { kind: 'success', text: t(done, { title: p.vacancyTitle }) };
    announce(message.text);
    await load(true);
  } catch (e) {
    errors.show(e);
  }
}

// The inline form of a step: refuse (a reason required), withdraw (a reason optional), accept.
function stepForm(p, kind, area, opener) {
  const alert = h('div');
  const errors = new FormErrors(alert);
  const needs = kind === 'refuse';
  const note = kind === 'accept' ? null : field({ kind: 'textarea', id: `prp-${kind}-note`, label: t(needs ? 'prp.refuseReason' : 'prp.withdrawReason'), required: needs,
    hint: t(needs ? 'prp.refuseHint' : 'prp.withdrawHint'), attrs: { maxlength: '1000', rows: '2' } });
  if (note) errors.register(['note'], note, t(needs ? 'prp.refuseReason' : 'prp.withdrawReason'));
  const action = { accept: 'PROPOSAL_ACTION_ACCEPT', refuse: 'PROPOSAL_ACTION_REFUSE', withdraw: 'PROPOSAL_ACTION_WITHDRAW' }[kind];
  const form = h('form', { class: 'sisl-inline-form', novalidate: true, dataset: { form: kind }, onsubmit: async (e) => {
    e.preventDefault();
    const text = note ? note.control.value.trim() : '';
    if (needs && !text) return errors.showProblems([{ path: 'note', text: t('prp.reasonRequired') }]);
    await step(form.querySelector('button[type="submit"]'), p, { action, note: text || undefined }, errors, `prp.done.${kind}`);
    return undefined;
  } },
  h('p', { class: 'fw-semibold' }, t(`prp.confirm.${kind}`, { title: p.vacancyTitle })), alert, note ? note.wrapper : null,
  h('div', { class: 'd-flex gap-2 flex-wrap' },
    h('button', { type: 'submit', class: `btn ${kind === 'accept' ? 'btn-success' : 'btn-warning'} btn-sm` }, t(`prp.submit.${kind}`)),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: () => {
      clear(area);
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    } }, t('common.close'))));
  return form;
}

function card(p) {
  const id = uid('prp');
  const title = p.vacancyTitle || p.vacancyId;
  const area = h('div');
  const actions = h('div', { class: 'sisl-actions' });
  const open = (button, kind) => {
    const opening = button.getAttribute('aria-expanded') !== 'true';
    actions.querySelectorAll('button[aria-expanded]').forEach((b) => b.setAttribute('aria-expanded', 'false'));
    if (!opening) return clear(area);
    button.setAttribute('aria-expanded', 'true');
    clear(area, stepForm(p, kind, area, button));
    (area.querySelector('textarea') || area.querySelector('button[type="submit"]'))?.focus();
    return undefined;
  };
  const button = (kind, cls, iconName) => {
    const b = h('button', { type: 'button', class: `btn ${cls} btn-sm`, 'aria-expanded': 'false', dataset: { action: kind }, onclick: () => open(b, kind) },
      icon(iconName, `${cls.includes('outline') ? 'icon-primary' : 'icon-white'} icon-sm`), h('span', {}, t(`prp.${kind}`)), hidden(`, ${title}`));
    return b;
  };
  const open2answer = p.state === 'PROPOSAL_STATE_PROPOSED' && (!p.deadline || todayInRome() <= p.deadline);
  if (open2answer) actions.append(button('accept', 'btn-success', 'it-check-circle'), button('refuse', 'btn-outline-primary', 'it-close-circle'));
  if (WITHDRAWABLE.includes(p.state)) actions.append(button('withdraw', 'btn-outline-primary', 'it-arrow-left-circle'));
  return h('article', { class: 'sisl-appointment sisl-proposal', 'aria-labelledby': id, dataset: { id: p.proposalId, state: p.state } },
    h('div', { class: 'sisl-appointment-head' }, h('h3', { id, class: 'h5 mb-1', tabindex: '-1' }, title), proposalBadge(p.state)),
    p.companyName ? h('p', { class: 'mb-1' }, t('prp.company', { company: p.companyName })) : null,
    open2answer ? h('p', { class: 'fw-semibold' }, t('prp.answerBy', { day: day(p.deadline) })) : null,
    proposalDates({ ...p, score: 0 }),
    actions, area, historyTable(p));
}

function draw(focusMessage = false) {
  const waiting = proposals.filter((p) => p.state === 'PROPOSAL_STATE_PROPOSED');
  const others = proposals.filter((p) => p.state !== 'PROPOSAL_STATE_PROPOSED');
  const box = message ? alertBox(message.kind, message.text, { focus: focusMessage }) : null;
  clear(app(), box,
    h('section', { 'aria-labelledby': 'prp-waiting-heading', class: 'mb-5' },
      h('h2', { class: 'h3', id: 'prp-waiting-heading' }, t('prp.waitingHeading', { count: waiting.length })),
      waiting.length ? h('ul', { class: 'sisl-appointment-list', id: 'prp-waiting' }, waiting.map((p) => h('li', {}, card(p))))
        : h('div', { class: 'callout note sisl-callout', id: 'prp-none' }, h('p', { class: 'mb-0' }, t('prp.none')))),
    h('section', { 'aria-labelledby': 'prp-history-heading' },
      h('h2', { class: 'h3', id: 'prp-history-heading' }, t('prp.historyHeading', { count: others.length })),
      others.length ? h('ul', { class: 'sisl-appointment-list', id: 'prp-others' }, others.map((p) => h('li', {}, card(p))))
        : h('p', {}, t('prp.noHistory'))),
    h('p', { class: 'mt-4' }, h('a', { href: '/profilo' }, t('prp.toProfile'))));
  if (!box && focusMessage) focusHeading(document.getElementById('prp-waiting-heading'));
}

startPage({
  role: 'citizen',
  render: async () => {
    clear(app(), spinner());
    await load();
  },
  onLanguage: () => proposals && draw(),
});
