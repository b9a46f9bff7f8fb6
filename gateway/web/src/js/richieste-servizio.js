// The company's requests to its CPI (/richieste-servizio), for a person acting for the company
// with the service_requests scope: the requests with their states (GET /api/v1/service-requests),
// a new one (kind, subject, description, for a preselection one of the company's vacancies;
// POST /api/v1/service-requests), and a request's thread: answer the CPI's question, write,
// withdraw, reopen within 30 days of the closure (service-requests.js).
import { get, listAll, newRequestKey, post } from './api.js';
import {
  actingFor, companyRolesOf, hasScope, roleChooser, selectedCompanyRole, startCompanyPage,
} from './company-session.js';
import { FormErrors, missing } from './enterprise-labels.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import {
  KINDS, kindLabel, requestCard, requestView, srError, STATES, stateLabel, vacancyTitle,
} from './service-requests.js';
import { alertBox, announce, busy, clear, field, focusHeading, h, icon, radioGroup, spinner } from './ui.js';

const PRESELECTION = 'SERVICE_REQUEST_KIND_PRESELECTION';
// ctx: {s, role, filter, requests, next, message, view: 'list'|'form'|'thread', current, vacancies, draft}
let ctx = null;
let lastSession = null;
const app = () => document.getElementById('app');

async function render(s, notice) {
  lastSession = s;
  const role = selectedCompanyRole(s);
  if (!role || !hasScope(role, 'service_requests')) {
    ctx = null;
    const message = h('div');
    if (role) message.append(alertBox('warning', t('srCo.noScope', { company: role.companyName || role.actingFor })));
    const chooser = roleChooser(s, { message, scope: 'service_requests', onSelected: (next, text) => render(next, text) });
    clear(app(), message, chooser,
      !chooser && !role ? alertBox('info', companyRolesOf(s).length ? t('srCo.noRoleWithScope') : t('srCo.noRole')) : null,
      h('p', {}, h('a', { href: '/azienda' }, t('nav.company'))));
    return;
  }
  ctx = { s, role, filter: '', requests: [], next: '', message: notice ? { kind: 'success', text: notice } : null, view: 'list', current: null, vacancies: null, draft: null };
  await load();
}

// ---- the list ----------------------------------------------------------------------------
async function load(message, focusId) {
  if (message !== undefined) ctx.message = message;
  ctx.view = 'list';
  clear(app(), spinner());
  try {
    const r = await get('/api/v1/service-requests', { states: ctx.filter || undefined, pageSize: 20 });
    ctx.requests = r.serviceRequests || [];
    ctx.next = r.nextPageToken || '';
    drawList(Boolean(ctx.message) && !focusId, focusId);
  } catch (e) {
    clear(app(), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

async function more(button) {
  try {
    const r = await busy(button, () => get('/api/v1/service-requests', { states: ctx.filter || undefined, pageSize: 20, pageToken: ctx.next }));
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

function drawList(focusMessage = false, focusId = null) {
  const message = h('div', { id: 'sr-list-message' });
  if (ctx.message) {
    message.append(alertBox(ctx.message.kind, ctx.message.text, { focus: focusMessage }));
    if (ctx.message.kind === 'success') announce(ctx.message.text);
  }
  const filter = field({ kind: 'select', id: 'sr-filter', label: t('srCo.filter'), value: ctx.filter,
    options: [{ value: '', label: t('srCo.allStates') }, ...STATES.map((s) => ({ value: s, label: stateLabel(s) }))] });
  const filterForm = h('form', { class: 'row align-items-end', novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    ctx.filter = filter.control.value;
    load(null);
  } }, h('div', { class: 'col-md-6' }, filter.wrapper),
  h('div', { class: 'col-md-3 mb-4' }, h('button', { type: 'submit', class: 'btn btn-outline-primary', id: 'sr-filter-show' }, t('op.show'))));
  clear(app(),
    actingFor(ctx.role), message,
    h('div', { class: 'sisl-actions mb-4' }, h('button', { type: 'button', class: 'btn btn-primary', id: 'sr-new', onclick: () => openForm() },
      icon('it-plus-circle', 'icon-white icon-sm'), h('span', {}, t('srCo.new')))),
    h('section', { 'aria-labelledby': 'sr-list-heading' },
      h('h2', { id: 'sr-list-heading', class: 'h3' }, t('srCo.listHeading', { count: ctx.requests.length + (ctx.next ? '+' : '') })),
      filterForm,
      ctx.requests.length
        ? h('ul', { class: 'sisl-appointment-list' }, ctx.requests.map((r) => h('li', {}, requestCard(r, { onOpen: (x) => openThread(x.serviceRequestId) }))))
        : h('p', {}, t('srCo.none')),
      ctx.next ? h('button', { type: 'button', class: 'btn btn-outline-primary', id: 'sr-more', onclick: (e) => more(e.currentTarget) }, t('srCo.more')) : null));
  if (focusId) focusHeading(app().querySelector(`article[data-id="${focusId}"] h3`));
}

// ---- a new request -------------------------------------------------------------------------
// The company's vacancies that are not closed (only with the vacancies scope).
async function openVacancies() {
  if (!hasScope(ctx.role, 'vacancies')) return [];
  if (!ctx.vacancies) {
    try {
      ctx.vacancies = (await listAll('/api/v1/vacancies', {}, 'vacancies', 200)).filter((v) => v.state !== 'VACANCY_STATE_CLOSED');
    } catch {
      ctx.vacancies = [];
    }
  }
  return ctx.vacancies;
}

async function openForm() {
  ctx.view = 'form';
  const vacancies = await openVacancies();
  const draft = ctx.draft || { kind: PRESELECTION, vacancyId: '', subject: '', description: '' };
  const alert = h('div');
  const errors = new FormErrors(alert);
  const vacancy = field({ id: 'sr-vacancy', kind: 'select', label: t('srCo.vacancy'), value: draft.vacancyId, hint: t('srCo.vacancyHint'),
    options: [{ value: '', label: t('srCo.noVacancy') }, ...vacancies.map((v) => ({ value: v.vacancyId, label: v.content?.title || v.vacancyId }))] });
  errors.register(['vacancy_id', 'vacancyId'], vacancy, t('srCo.vacancy'));
  vacancy.wrapper.hidden = draft.kind !== PRESELECTION || !vacancies.length;
  const kinds = radioGroup({ name: 'sr-kind', legend: t('srCo.kind'), value: draft.kind,
    onchange: (v) => {
      draft.kind = v;
      vacancy.wrapper.hidden = v !== PRESELECTION || !vacancies.length;
    },
    options: KINDS.map((k) => ({ value: k, label: kindLabel(k), hint: t(`sr.kindHint.${k.replace('SERVICE_REQUEST_KIND_', '')}`) })) });
  const subject = field({ id: 'sr-subject', label: t('srCo.subject'), required: true, value: draft.subject, hint: t('srCo.subjectHint'), attrs: { maxlength: '150' } });
  errors.register(['subject'], subject, t('srCo.subject'));
  const description = field({ id: 'sr-description', kind: 'textarea', label: t('srCo.description'), required: true, value: draft.description,
    hint: t('srCo.descriptionHint'), attrs: { maxlength: '4000', rows: '6' } });
  errors.register(['description'], description, t('srCo.description'));
  const keep = () => {
    ctx.draft = { kind: draft.kind, vacancyId: vacancy.control.value, subject: subject.control.value, description: description.control.value };
  };
  const key = newRequestKey();
  const heading = h('h2', { id: 'sr-form-heading', class: 'h3', tabindex: '-1' }, t('srCo.newHeading'));
  const form = h('form', { id: 'sr-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    keep();
    const body = { kind: draft.kind, subject: subject.control.value.trim(), description: description.control.value.trim(), requestId: key };
    if (draft.kind === PRESELECTION && vacancy.control.value) body.vacancyId = vacancy.control.value;
    const problems = missing([
      ['subject', body.subject.length >= 3, t(body.subject ? 'srCo.subjectShort' : 'form.required')],
      ['description', body.description, t('form.required')],
    ]);
    if (problems.length) return errors.showProblems(problems);
    try {
      const r = await busy(form.querySelector('button[type="submit"]'), () => post('/api/v1/service-requests', body, { idempotencyKey: key }));
      ctx.draft = null;
      await openThread(r.serviceRequest.serviceRequestId, { kind: 'success', text: t('srCo.created', { subject: r.serviceRequest.subject, cpi: r.serviceRequest.cpiCode }) });
    } catch (err) {
      if (err?.violations?.length) errors.show(err);
      else {
        errors.clear();
        clear(alert, alertBox('danger', srError(err), { focus: true }));
      }
    }
    return undefined;
  } },
  alert, kinds, vacancy.wrapper, subject.wrapper, description.wrapper,
  h('div', { class: 'd-flex gap-2 flex-wrap' },
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'sr-submit' }, t('srCo.submit')),
    h('button', { type: 'button', class: 'btn btn-outline-secondary', onclick: () => { ctx.draft = null; load(null); } }, t('srCo.cancel'))));
  form.addEventListener('input', keep);
  clear(app(), actingFor(ctx.role), h('section', { class: 'sisl-card', 'aria-labelledby': 'sr-form-heading' }, heading, h('p', {}, t('srCo.formLead')), form));
  focusHeading(heading);
}

// ---- a request and its thread ---------------------------------------------------------------
async function openThread(id, message = null) {
  clear(app(), spinner());
  try {
    const r = (await get(`/api/v1/service-requests/${encodeURIComponent(id)}`)).serviceRequest;
    r.vacancyTitle = await vacancyTitle(r.vacancyId);
    ctx.view = 'thread';
    ctx.current = r;
    ctx.message = message;
    drawThread(true);
  } catch (e) {
    clear(app(), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

function drawThread(focus = false) {
  const r = ctx.current;
  clear(app(), actingFor(ctx.role), requestView(r, {
    side: 'company',
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

startCompanyPage({
  render: (s) => render(s),
  onLanguage: () => {
    if (!ctx) {
      if (lastSession) render(lastSession);
      return;
    }
    if (ctx.view === 'thread') drawThread();
    else if (ctx.view === 'form') openForm();
    else drawList();
  },
});
