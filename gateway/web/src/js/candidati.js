// Company (legal representative, delegate, consultant with the vacancies scope): the candidates
// the CPI sent for one of the company's vacancies (/candidati): the vacancy (GET /api/v1/vacancies,
// published, suspended or closed) -> GET /api/v1/vacancies/{id}/sent-candidates (from their
// visibility date; names unless the profile is anonymous) with each profile; schedule an
// interview and record the outcome (POST /api/v1/proposals/{id}:transition).
import { get } from './api.js';
import { CO_LISTS, loadCodeList } from './code-lists.js';
import { actingFor, hasScope, roleChooser, selectedCompanyRole, startCompanyPage } from './company-session.js';
import { FormErrors } from './enterprise-labels.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import { historyTable, personName, profileDetails, proposalBadge, proposalDates } from './matching-labels.js';
import { stepButtons } from './proposal-steps.js';
import { alertBox, announce, busy, clear, field, focusHeading, h, spinner, uid } from './ui.js';

const SCOPE = 'vacancies';
const STATES = ['VACANCY_STATE_PUBLISHED', 'VACANCY_STATE_SUSPENDED', 'VACANCY_STATE_CLOSED'];
let ctx = null; // {role, vacancies, vacancyId, candidates, message}
const $ = (id) => document.getElementById(id);
const title = () => ctx.vacancies.find((v) => v.vacancyId === ctx.vacancyId)?.content?.title || ctx.vacancyId;

async function loadCandidates(focus = false) {
  try {
    const [r] = await Promise.all([get(`/api/v1/vacancies/${encodeURIComponent(ctx.vacancyId)}/sent-candidates`, { pageSize: 100 }),
      loadCodeList(CO_LISTS.contractTypes).catch(() => null)]); // the profiles' contract types
    ctx.candidates = r.candidates || [];
  } catch (e) {
    ctx.candidates = [];
    ctx.message = { kind: 'danger', text: errorMessage(e) };
  }
  drawCandidates(focus);
}

function vacancyForm() {
  const select = field({ kind: 'select', id: 'cand-vacancy', label: t('cand.vacancy'), value: ctx.vacancyId || '',
    options: [{ value: '', label: t('pro.choose') }, ...ctx.vacancies.map((v) => ({ value: v.vacancyId, label: v.content?.title || v.vacancyId }))] });
  const alert = h('div');
  const errors = new FormErrors(alert);
  errors.register(['vacancy_id'], select, t('cand.vacancy'));
  const form = h('form', { id: 'cand-form', class: 'sisl-card mb-4', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    if (!select.control.value) return errors.showProblems([{ path: 'vacancy_id', text: t('inc.chooseVacancy') }]);
    errors.clear();
    ctx.vacancyId = select.control.value;
    ctx.message = null;
    history.replaceState(null, '', `/candidati?offerta=${encodeURIComponent(ctx.vacancyId)}`);
    await busy(form.querySelector('button[type="submit"]'), () => loadCandidates());
    focusHeading($('cand-heading'));
    return undefined;
  } },
  ctx.vacancies.length ? null : h('p', { id: 'cand-no-vacancies' }, t('cand.noVacancies')),
  alert, select.wrapper, h('button', { type: 'submit', class: 'btn btn-primary', id: 'cand-show' }, t('cand.show')));
  return form;
}

function candidateCard(c) {
  const p = c.proposal;
  const id = uid('cand');
  const name = personName(p) || t('cand.anonymous');
  const kinds = ['PROPOSAL_STATE_SENT', 'PROPOSAL_STATE_INTERVIEW'].includes(p.state) ? ['interview', 'outcome', 'note'] : [];
  const [actions, area] = stepButtons(p, kinds, {
    prefix: 'cand',
    onDone: async (after, text) => {
      ctx.message = { kind: 'success', text };
      announce(text);
      await loadCandidates();
      focusHeading($('cand-heading'));
    },
  });
  return h('article', { class: 'sisl-appointment sisl-candidate', 'aria-labelledby': id, dataset: { id: p.proposalId, state: p.state } },
    h('div', { class: 'sisl-appointment-head' }, h('h3', { class: 'h5 mb-1', id }, name), proposalBadge(p.state)),
    proposalDates({ ...p, score: 0, deadline: '' }),
    h('h4', { class: 'h6' }, t('cand.profile')),
    c.profile ? profileDetails(c.profile) : null,
    kinds.length ? actions : null, area, historyTable(p));
}

function drawCandidates(focus = false) {
  const host = $('cand-list');
  if (!ctx.vacancyId) return clear(host);
  const list = ctx.candidates || [];
  return clear(host, h('section', { 'aria-labelledby': 'cand-heading' },
    h('h2', { class: 'h3', id: 'cand-heading', tabindex: '-1' }, t('cand.heading', { title: title(), count: list.length })),
    ctx.message ? alertBox(ctx.message.kind, ctx.message.text, { focus }) : null,
    list.length ? h('ul', { class: 'sisl-appointment-list', id: 'cand-candidates' }, list.map((c) => h('li', {}, candidateCard(c))))
      : h('div', { class: 'callout note sisl-callout', id: 'cand-none' }, h('p', { class: 'mb-0' }, t('cand.none')))));
}

function drawAll() {
  clear($('app'), actingFor(ctx.role), h('div', { id: 'cand-form-host' }, vacancyForm()), h('div', { id: 'cand-list' }));
  drawCandidates();
}

async function render(s, notice = '') {
  const app = $('app');
  const role = selectedCompanyRole(s);
  if (!role || !hasScope(role, SCOPE)) {
    const message = h('div');
    const chooser = roleChooser(s, { message, scope: SCOPE, onSelected: (next, text) => render(next, text) });
    clear(app, message, chooser || alertBox('info', t('cand.noRole'), { title: t('coPage.accessTitle') }), h('p', {}, h('a', { href: '/azienda' }, t('nav.company'))));
    return;
  }
  ctx = { role, vacancies: [], vacancyId: '', candidates: [], message: notice ? { kind: 'success', text: notice } : null };
  clear(app, spinner());
  try {
    const r = await get('/api/v1/vacancies', { pageSize: 100 });
    ctx.vacancies = (r.vacancies || []).filter((v) => STATES.includes(v.state));
  } catch (e) {
    clear(app, actingFor(role), alertBox('danger', errorMessage(e), { focus: true }));
    return;
  }
  const wanted = new URLSearchParams(location.search).get('offerta');
  if (wanted && ctx.vacancies.some((v) => v.vacancyId === wanted)) ctx.vacancyId = wanted;
  drawAll();
  if (ctx.vacancyId) await loadCandidates();
}

startCompanyPage({
  render: (s) => render(s),
  onLanguage: () => ctx && drawAll(),
});
