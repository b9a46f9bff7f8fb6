// The company's vacancies (/offerte-azienda), for a person acting for the company with the
// vacancies scope: the list with their states (GET /api/v1/vacancies), the form of a draft, and
// the steps the company may take: submit to the CPI, suspend, resume, close with a reason. The
// operator's send-back reasons and the wording warnings are shown with each vacancy. The contract
// types and working times (their labels, the form's options) come from the code lists API.
import { get, post } from './api.js';
import {
  actingFor, companyRolesOf, hasScope, roleChooser, selectedCompanyRole, startCompanyPage,
} from './company-session.js';
import {
  actionLabel, closureLabel, day, description, FormErrors, loadContractCodeLists, sendBackReasons, stateBadge, vacancyDetails, vacancyStateLabel,
  wordingWarnings,
} from './enterprise-labels.js';
import { formatDateTime, t } from './i18n.js';
import { errorMessage } from './labels.js';
import { alertBox, announce, busy, clear, field, focusHeading, h, icon, spinner, uid } from './ui.js';
import { vacancyForm } from './vacancy-form.js';

const STATES = ['DRAFT', 'SENT_BACK', 'SUBMITTED', 'APPROVED', 'PUBLISHED', 'SUSPENDED', 'CLOSED'].map((s) => `VACANCY_STATE_${s}`);
const EDITABLE = ['VACANCY_STATE_DRAFT', 'VACANCY_STATE_SENT_BACK'];
// ctx: {s, role, filter, vacancies, next, message, view: 'list'|'form', editing}
let ctx = null;
let lastSession = null;
const app = () => document.getElementById('app');
const hidden = (text) => h('span', { class: 'visually-hidden' }, text);

async function render(s, notice) {
  lastSession = s;
  const role = selectedCompanyRole(s);
  if (!role || !hasScope(role, 'vacancies')) {
    ctx = null;
    const message = h('div');
    if (role) message.append(alertBox('warning', t('vacCo.noScope', { company: role.companyName || role.actingFor })));
    const chooser = roleChooser(s, { message, scope: 'vacancies', onSelected: (next, text) => render(next, text) });
    clear(app(), message, chooser,
      !chooser && !role ? alertBox('info', companyRolesOf(s).length ? t('vacCo.noRoleWithScope') : t('vacCo.noRole')) : null,
      h('p', {}, h('a', { href: '/azienda' }, t('nav.company'))));
    return;
  }
  ctx = { s, role, filter: '', vacancies: [], next: '', message: notice ? { kind: 'success', text: notice } : null, view: 'list', editing: null };
  await load();
}

async function load(message, focusId) {
  if (message !== undefined) ctx.message = message;
  ctx.view = 'list';
  clear(app(), spinner());
  try {
    const [r] = await Promise.all([get('/api/v1/vacancies', { states: ctx.filter || undefined, pageSize: 20 }), loadContractCodeLists().catch(() => null)]);
    ctx.vacancies = r.vacancies || [];
    ctx.next = r.nextPageToken || '';
    drawList(Boolean(ctx.message), focusId);
  } catch (e) {
    clear(app(), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

async function more(button) {
  try {
    const r = await busy(button, () => get('/api/v1/vacancies', { states: ctx.filter || undefined, pageSize: 20, pageToken: ctx.next }));
    const first = ctx.vacancies.length;
    ctx.vacancies.push(...(r.vacancies || []));
    ctx.next = r.nextPageToken || '';
    ctx.message = null;
    drawList(false);
    app().querySelectorAll('article.sisl-vacancy')[first]?.querySelector('h3')?.focus();
  } catch (e) {
    ctx.message = { kind: 'danger', text: errorMessage(e) };
    drawList(true);
  }
}

function drawList(focusMessage = false, focusId = null) {
  const message = h('div', { id: 'vac-message' });
  if (ctx.message) {
    message.append(alertBox(ctx.message.kind, ctx.message.text, { focus: focusMessage && !focusId }));
    if (ctx.message.kind === 'success') announce(ctx.message.text);
  }
  const filter = field({ kind: 'select', id: 'vac-filter', label: t('vacCo.filter'), value: ctx.filter,
    options: [{ value: '', label: t('vacCo.allStates') }, ...STATES.map((s) => ({ value: s, label: vacancyStateLabel(s) }))] });
  const filterForm = h('form', { class: 'row align-items-end', novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    ctx.filter = filter.control.value;
    load(null);
  } }, h('div', { class: 'col-md-6' }, filter.wrapper),
  h('div', { class: 'col-md-3 mb-4' }, h('button', { type: 'submit', class: 'btn btn-outline-primary', id: 'vac-filter-show' }, t('op.show'))));
  const list = h('ul', { class: 'sisl-appointment-list' }, ctx.vacancies.map((v) => h('li', {}, card(v))));
  clear(app(),
    actingFor(ctx.role), message,
    h('div', { class: 'sisl-actions mb-4' }, h('button', { type: 'button', class: 'btn btn-primary', id: 'vac-new', onclick: () => openForm(null) },
      icon('it-plus-circle', 'icon-white icon-sm'), h('span', {}, t('vacCo.new')))),
    h('section', { 'aria-labelledby': 'vac-list-heading' },
      h('h2', { id: 'vac-list-heading', class: 'h3' }, t('vacCo.listHeading', { count: ctx.vacancies.length + (ctx.next ? '+' : '') })),
      filterForm,
      ctx.vacancies.length ? list : h('p', {}, t('vacCo.none')),
      ctx.next ? h('button', { type: 'button', class: 'btn btn-outline-primary', id: 'vac-more', onclick: (e) => more(e.currentTarget) }, t('vacCo.more')) : null));
  if (focusId) focusHeading(app().querySelector(`article[data-id="${focusId}"] h3`));
}

async function openForm(vacancy) {
  try {
    await loadContractCodeLists(); // the form's options (loaded with the list, unless that failed)
  } catch (e) {
    load({ kind: 'danger', text: errorMessage(e) }, vacancy?.vacancyId);
    return;
  }
  ctx.view = 'form';
  ctx.editing = vacancy;
  const heading = h('h2', { id: 'vac-form-heading', class: 'h3' }, vacancy ? t('vacCo.editHeading', { title: vacancy.content?.title || '' }) : t('vacCo.newHeading'));
  clear(app(), actingFor(ctx.role),
    h('section', { 'aria-labelledby': 'vac-form-heading', class: 'sisl-card' }, heading,
      vacancy ? sendBackReasons(vacancy) : null,
      vacancy ? wordingWarnings(vacancy) : null,
      vacancyForm({
        vacancy,
        onSaved: (saved) => load({ kind: 'success', text: t(vacancy ? 'vacCo.updated' : 'vacCo.created', { title: saved.content.title }) }, saved.vacancyId),
        onCancel: () => load(null, vacancy?.vacancyId),
      })));
  focusHeading(heading);
}

async function transition(button, v, body, doneKey) {
  const result = await busy(button, () => post(`/api/v1/vacancies/${encodeURIComponent(v.vacancyId)}:transition`, { vacancyId: v.vacancyId, ...body }));
  const after = result.vacancy;
  await load({ kind: 'success', text: t(doneKey, { title: after.content.title, state: vacancyStateLabel(after.state) }) }, null);
}

function closeForm(v, host, opener) {
  const alert = h('div');
  const errors = new FormErrors(alert);
  const published = ['VACANCY_STATE_PUBLISHED', 'VACANCY_STATE_SUSPENDED'].includes(v.state);
  const reasons = [...(published ? ['CLOSURE_REASON_FILLED'] : []), 'CLOSURE_REASON_WITHDRAWN'];
  const reason = field({ kind: 'select', label: t('vacCo.closureReason'), required: true, value: '',
    options: [{ value: '', label: t('ent.choose') }, ...reasons.map((r) => ({ value: r, label: closureLabel(r) }))] });
  errors.register(['closure_reason', 'closureReason'], reason, t('vacCo.closureReason'));
  const note = field({ kind: 'textarea', label: t('vacCo.closeNote'), attrs: { maxlength: '500' } });
  const form = h('form', { class: 'sisl-inline-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    if (!reason.control.value) return errors.showProblems([{ path: 'closure_reason', text: t('vacCo.needClosureReason') }]);
    const text = note.control.value.trim();
    try {
      await transition(form.querySelector('button[type="submit"]'), v,
        { action: 'VACANCY_ACTION_CLOSE', closureReason: reason.control.value, reasons: text ? [text] : [] }, 'vacCo.closed');
    } catch (err) {
      errors.show(err);
    }
    return undefined;
  } },
  alert, reason.wrapper, note.wrapper,
  h('div', { class: 'd-flex gap-2 flex-wrap' },
    h('button', { type: 'submit', class: 'btn btn-danger btn-sm' }, t('vacCo.confirmClose')),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: () => {
      clear(host);
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    } }, t('common.close'))));
  return form;
}

function historyList(v) {
  const entries = v.history || [];
  if (!entries.length) return null;
  return h('details', { class: 'sisl-history' }, h('summary', {}, t('vacCo.history', { count: entries.length })),
    h('ol', {}, entries.map((e) => h('li', {}, `${formatDateTime(e.actionTime)}: ${actionLabel(e.action)} (${t(`vacActor.${e.actorRole}`) === `vacActor.${e.actorRole}` ? e.actorRole : t(`vacActor.${e.actorRole}`)})`,
      (e.reasons || []).filter(Boolean).length ? ` — ${e.reasons.join('; ')}` : ''))));
}

function card(v) {
  const id = uid('vac');
  const title = v.content?.title || v.vacancyId;
  const which = hidden(`, ${title}`);
  const message = h('div');
  const actions = h('div', { class: 'sisl-actions' });
  const extra = h('div');
  const step = (label, action, doneKey, kind = 'btn-outline-primary', iconName = null) => {
    const button = h('button', { type: 'button', class: `btn ${kind} btn-sm`, dataset: { action: action.replace('VACANCY_ACTION_', '').toLowerCase() }, onclick: async () => {
      try {
        await transition(button, v, { action }, doneKey);
      } catch (err) {
        clear(message, alertBox('danger', errorMessage(err), { focus: true }));
      }
    } }, iconName ? icon(iconName, `${kind === 'btn-primary' ? 'icon-white' : 'icon-primary'} icon-sm`) : null, h('span', {}, t(label)), which.cloneNode(true));
    actions.append(button);
  };
  if (EDITABLE.includes(v.state)) {
    actions.append(h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', dataset: { action: 'edit' }, onclick: () => openForm(v) },
      icon('it-pencil', 'icon-primary icon-sm'), h('span', {}, t('vacCo.edit')), which.cloneNode(true)));
    step('vacCo.submit', 'VACANCY_ACTION_SUBMIT', 'vacCo.submitted', 'btn-primary', 'it-upload');
  }
  if (v.state === 'VACANCY_STATE_PUBLISHED') step('vacCo.suspend', 'VACANCY_ACTION_SUSPEND', 'vacCo.suspended');
  if (v.state === 'VACANCY_STATE_SUSPENDED') step('vacCo.resume', 'VACANCY_ACTION_RESUME', 'vacCo.resumed');
  if (v.state !== 'VACANCY_STATE_CLOSED') {
    const closeButton = h('button', { type: 'button', class: 'btn btn-outline-danger btn-sm', 'aria-expanded': 'false', dataset: { action: 'close' }, onclick: () => {
      if (closeButton.getAttribute('aria-expanded') === 'true') {
        clear(extra);
        closeButton.setAttribute('aria-expanded', 'false');
        return;
      }
      closeButton.setAttribute('aria-expanded', 'true');
      clear(extra, closeForm(v, extra, closeButton));
      extra.querySelector('select')?.focus();
    } }, h('span', {}, t('vacCo.close')), which.cloneNode(true));
    actions.append(closeButton);
  }
  const status = [];
  if (v.state === 'VACANCY_STATE_APPROVED') status.push(h('p', {}, t('vacCo.approvedFrom', { from: day(v.content?.publicationDate) })));
  if (v.state === 'VACANCY_STATE_SUBMITTED') status.push(h('p', {}, t('vacCo.inReview', { cpi: v.cpiCode })));
  if (v.state === 'VACANCY_STATE_CLOSED' && v.closureReason && v.closureReason !== 'CLOSURE_REASON_UNSPECIFIED') {
    status.push(h('p', {}, t('vacCo.closedBecause', { reason: closureLabel(v.closureReason) })));
  }
  if (v.state === 'VACANCY_STATE_PUBLISHED') status.push(h('p', {}, h('a', { href: `/offerte?id=${encodeURIComponent(v.vacancyId)}` }, t('vacCo.publicView'), which.cloneNode(true))));
  return h('article', { class: 'sisl-appointment sisl-vacancy', 'aria-labelledby': id, dataset: { id: v.vacancyId, state: v.state } },
    h('div', { class: 'sisl-appointment-head' }, h('h3', { id, class: 'h5 mb-1', tabindex: '-1' }, title), stateBadge(v.state)),
    status,
    v.state === 'VACANCY_STATE_SENT_BACK' ? sendBackReasons(v) : null,
    wordingWarnings(v),
    vacancyDetails(v, { audience: 'company' }),
    h('details', { class: 'sisl-history' }, h('summary', {}, t('vacCo.description')), description(v.content?.description)),
    historyList(v), message, actions, extra);
}

startCompanyPage({
  render: (s) => render(s),
  onLanguage: () => {
    if (!ctx) {
      if (lastSession) render(lastSession);
      return;
    }
    if (ctx.view === 'list') drawList();
    else openForm(ctx.editing);
  },
});
