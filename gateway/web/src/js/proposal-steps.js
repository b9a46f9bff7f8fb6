// The steps of a proposal taken by CPI operators (/incrocio) and companies (/candidati): a button
// per step (aria-expanded) opening its inline form under the card — propose (a deadline), remove
// (a reason), send (from a visibility date), interview (date and time), outcome, note — sent as
// POST /api/v1/proposals/{id}:transition; the service's field errors land on the fields.
import { post } from './api.js';
import { addDays, FormErrors, isoToday } from './enterprise-labels.js';
import { t } from './i18n.js';
import { hidden, localToIso, OUTCOMES, personName, proposalStateLabel } from './matching-labels.js';
import { busy, clear, field, h } from './ui.js';

const displayName = (o) => personName(o) || t('inc.anonymous');

// The fields of each step and the body it sends.
const STEPS = {
  propose: { action: 'PROPOSAL_ACTION_PROPOSE', fields: ['deadline', 'note'] },
  remove: { action: 'PROPOSAL_ACTION_REMOVE', fields: ['note'], noteRequired: true },
  send: { action: 'PROPOSAL_ACTION_SEND', fields: ['visibleFrom', 'note'] },
  interview: { action: 'PROPOSAL_ACTION_SCHEDULE_INTERVIEW', fields: ['interviewTime', 'note'] },
  outcome: { action: 'PROPOSAL_ACTION_RECORD_OUTCOME', fields: ['outcome', 'note'] },
  note: { action: 'PROPOSAL_ACTION_NOTE', fields: ['note'], noteRequired: true },
};

function stepForm(p, kind, area, opener, { prefix, onDone }) {
  const step = STEPS[kind];
  const alert = h('div');
  const errors = new FormErrors(alert);
  const f = {};
  const base = `${prefix}-${kind}-${p.proposalId.slice(-8)}`;
  for (const name of step.fields) {
    if (name === 'deadline') f.deadline = field({ id: `${base}-deadline`, type: 'date', label: t('mt.deadline'), required: true, value: addDays(isoToday(), 7), hint: t('inc.deadlineHint'), attrs: { min: addDays(isoToday(), 1) } });
    if (name === 'visibleFrom') f.visibleFrom = field({ id: `${base}-visible`, type: 'date', label: t('mt.visibleFrom'), required: true, value: isoToday(), hint: t('inc.visibleHint'), attrs: { min: isoToday() } });
    if (name === 'interviewTime') f.interviewTime = field({ id: `${base}-time`, type: 'datetime-local', label: t('mt.interview'), required: true, hint: t('inc.interviewHint') });
    if (name === 'outcome') f.outcome = field({ kind: 'select', id: `${base}-outcome`, label: t('inc.outcome'), required: true, value: '',
      options: [{ value: '', label: t('pro.choose') }, ...OUTCOMES.map((o) => ({ value: o, label: proposalStateLabel(o) }))] });
    if (name === 'note') f.note = field({ kind: 'textarea', id: `${base}-note`, label: t(step.noteRequired ? 'inc.reason' : 'inc.noteOptional'), required: Boolean(step.noteRequired), attrs: { maxlength: '1000', rows: '2' } });
  }
  const label = { deadline: t('mt.deadline'), visibleFrom: t('mt.visibleFrom'), interviewTime: t('mt.interview'), outcome: t('inc.outcome'), note: t(step.noteRequired ? 'inc.reason' : 'inc.noteOptional') };
  const keys = { deadline: ['deadline'], visibleFrom: ['visible_from'], interviewTime: ['interview_time'], outcome: ['outcome'], note: ['note'] };
  for (const [name, fl] of Object.entries(f)) {
    // The datetime-local field is not a floating one (ui.field floats only text-like inputs).
    if (name === 'interviewTime') fl.wrapper.querySelector('label').classList.add('active');
    errors.register(keys[name], fl, label[name]);
  }
  const form = h('form', { class: 'sisl-inline-form', novalidate: true, dataset: { form: kind }, onsubmit: async (e) => {
    e.preventDefault();
    const v = (name) => f[name]?.control.value.trim() || '';
    const missingFields = Object.keys(f).filter((name) => (name !== 'note' || step.noteRequired) && !v(name));
    if (missingFields.length) return errors.showProblems(missingFields.map((name) => ({ path: keys[name][0], text: t('form.required') })));
    const body = { proposalId: p.proposalId, action: step.action, note: v('note') || undefined };
    if (f.deadline) body.deadline = v('deadline');
    if (f.visibleFrom) body.visibleFrom = v('visibleFrom');
    if (f.interviewTime) body.interviewTime = localToIso(v('interviewTime'));
    if (f.outcome) body.outcome = v('outcome');
    try {
      const r = await busy(form.querySelector('button[type="submit"]'), () => post(`/api/v1/proposals/${encodeURIComponent(p.proposalId)}:transition`, body));
      await onDone(r.proposal, t(`inc.done.${kind}`, { name: displayName(r.proposal), state: proposalStateLabel(r.proposal.state) }));
    } catch (err) {
      errors.show(err);
    }
    return undefined;
  } },
  h('p', { class: 'fw-semibold' }, t(`inc.step.${kind}`)), alert, Object.values(f).map((fl) => fl.wrapper),
  h('div', { class: 'd-flex gap-2 flex-wrap' },
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t(`inc.confirm.${kind}`)),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: () => {
      clear(area);
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    } }, t('common.close'))));
  return form;
}

// Buttons opening the step forms of `kinds` under the card.
export function stepButtons(p, kinds, options) {
  const area = h('div');
  const actions = h('div', { class: 'sisl-actions' });
  const name = displayName(p);
  for (const kind of kinds) {
    const b = h('button', { type: 'button', class: `btn ${kind === kinds[0] ? 'btn-primary' : 'btn-outline-primary'} btn-sm`, 'aria-expanded': 'false', dataset: { action: kind },
      onclick: () => {
        const opening = b.getAttribute('aria-expanded') !== 'true';
        actions.querySelectorAll('button[aria-expanded]').forEach((x) => x.setAttribute('aria-expanded', 'false'));
        if (!opening) return clear(area);
        b.setAttribute('aria-expanded', 'true');
        clear(area, stepForm(p, kind, area, b, options));
        area.querySelector('input, select, textarea')?.focus();
        return undefined;
      } }, h('span', {}, t(`inc.action.${kind}`)), hidden(`, ${name}`));
    actions.append(b);
  }
  return [actions, area];
}

