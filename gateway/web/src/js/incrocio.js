// CPI operator: matching (/incrocio). The CPI's profiles waiting for validation
// (GET /api/v1/profiles?state=PROFILE_STATE_TO_VALIDATE; opening one asks the reason of the access,
// audited: GET /api/v1/profiles/{id}?accessReason=...; POST /api/v1/profiles/{id}:validate); one of
// the CPI's published vacancies (GET /api/v1/vacancies) -> its best candidates
// (GET /api/v1/vacancies/{id}/candidates:match) with each score's explanation, "why not" for a
// person id (GET .../candidates/{person}:explain), the shortlist (POST .../proposals with a note)
// and the vacancy's proposals (GET .../proposals) with their steps: propose with a deadline,
// remove with a reason, send from a visibility date, interview, outcome, note
// (POST /api/v1/proposals/{id}:transition).
import { get, newRequestKey, post } from './api.js';
import { startPage } from './chrome.js';
import { CO_LISTS, loadCodeList } from './code-lists.js';
import { FormErrors } from './enterprise-labels.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import {
  dateTime, explanationDetails, explanationTable, filterLabel, hidden, historyTable, municipalityLabel,
  personName, profileBadge, profileDetails, proposalBadge, proposalDates, scoreText,
} from './matching-labels.js';
import { stepButtons } from './proposal-steps.js';
import { alertBox, announce, busy, clear, field, focusHeading, h, icon, spinner, uid } from './ui.js';

// ctx: {cpi, toValidate, opened: {personId, reason, profile}, vacancies, vacancyId, candidates, total, proposals,
//       whyNot: {personId, result | error}, messages: {validate, results, proposals}}
let ctx = null;
const $ = (id) => document.getElementById(id);
const FINAL = ['PROPOSAL_STATE_REMOVED', 'PROPOSAL_STATE_REFUSED', 'PROPOSAL_STATE_LAPSED', 'PROPOSAL_STATE_HIRED',
  'PROPOSAL_STATE_NOT_SELECTED', 'PROPOSAL_STATE_SUITABLE', 'PROPOSAL_STATE_WITHDREW'];
const vacancy = () => ctx.vacancies.find((v) => v.vacancyId === ctx.vacancyId);
const vacancyTitle = () => vacancy()?.content?.title || ctx.vacancyId;
const displayName = (o) => personName(o) || t('inc.anonymous');

const msgBox = (key, focus) => (ctx.messages[key] ? alertBox(ctx.messages[key].kind, ctx.messages[key].text, { focus }) : null);

// ---- profiles to validate ------------------------------------------------------------------
async function loadToValidate(focus = false) {
  try {
    const [r] = await Promise.all([get('/api/v1/profiles', { state: 'PROFILE_STATE_TO_VALIDATE', pageSize: 50 }),
      loadCodeList(CO_LISTS.contractTypes).catch(() => null)]); // the contract types of a profile opened
    ctx.toValidate = r.profiles || [];
  } catch (e) {
    ctx.toValidate = [];
    ctx.messages.validate = { kind: 'danger', text: errorMessage(e) };
  }
  drawValidate(focus);
}

function openForm(p, area, opener) {
  const alert = h('div');
  const errors = new FormErrors(alert);
  const reason = field({ kind: 'textarea', id: `inc-reason-${p.personId}`, label: t('inc.accessReason'), required: true, hint: t('inc.accessReasonHint'),
    attrs: { maxlength: '500', rows: '2' } });
  errors.register(['access_reason', 'accessReason'], reason, t('inc.accessReason'));
  const form = h('form', { class: 'sisl-inline-form', novalidate: true, dataset: { form: 'open' }, onsubmit: async (e) => {
    e.preventDefault();
    const text = reason.control.value.trim();
    if (!text) return errors.showProblems([{ path: 'access_reason', text: t('inc.reasonRequired') }]);
    try {
      const r = await busy(form.querySelector('button[type="submit"]'), () => get(`/api/v1/profiles/${encodeURIComponent(p.personId)}`, { accessReason: text }));
      ctx.opened = { personId: p.personId, reason: text, profile: r.profile };
      drawValidate();
      focusHeading($('inc-opened-heading'));
    } catch (err) {
      errors.show(err);
    }
    return undefined;
  } },
  alert, reason.wrapper,
  h('div', { class: 'd-flex gap-2 flex-wrap' },
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('inc.openProfile')),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: () => {
      clear(area);
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    } }, t('common.close'))));
  return form;
}

async function validate(button, p) {
  try {
    const r = await busy(button, () => post(`/api/v1/profiles/${encodeURIComponent(p.personId)}:validate`, { personId: p.personId }));
    ctx.opened = null;
    ctx.messages.validate = { kind: 'success', text: t('inc.validated', { name: displayName(r.profile), to: r.profile.expiresOn || '-' }) };
    announce(ctx.messages.validate.text);
    await loadToValidate(true);
  } catch (e) {
    ctx.messages.validate = { kind: 'danger', text: errorMessage(e) };
    drawValidate(true);
  }
}

function profileRow(p) {
  const id = uid('inc-p');
  const area = h('div');
  const opened = ctx.opened?.personId === p.personId ? ctx.opened.profile : null;
  const name = displayName(p);
  const openButton = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', 'aria-expanded': 'false', dataset: { action: 'open' },
    onclick: () => {
      const opening = openButton.getAttribute('aria-expanded') !== 'true';
      openButton.setAttribute('aria-expanded', String(opening));
      if (!opening) return clear(area);
      clear(area, openForm(p, area, openButton));
      area.querySelector('textarea')?.focus();
      return undefined;
    } }, icon('it-password-visible', 'icon-primary icon-sm'), h('span', {}, t('inc.open')), hidden(`, ${name}`));
  return h('article', { class: 'sisl-appointment sisl-profile', 'aria-labelledby': id, dataset: { person: p.personId } },
    h('div', { class: 'sisl-appointment-head' }, h('h3', { class: 'h5 mb-1', id }, name), profileBadge(p.state)),
    h('p', { class: 'mb-1' }, t('inc.personId'), ' ', h('code', {}, p.personId)),
    p.updateTime ? h('p', { class: 'mb-2 form-text' }, t('inc.updated', { when: dateTime(p.updateTime) })) : null,
    opened
      ? h('section', { 'aria-labelledby': 'inc-opened-heading', class: 'sisl-opened' },
        h('h4', { class: 'h6', id: 'inc-opened-heading', tabindex: '-1' }, t('inc.openedHeading', { name })),
        h('p', { class: 'form-text' }, t('inc.audited', { reason: ctx.opened.reason })),
        profileDetails(opened.content),
        h('button', { type: 'button', class: 'btn btn-success btn-sm', dataset: { action: 'validate' }, onclick: (e) => validate(e.currentTarget, p) },
          icon('it-check-circle', 'icon-white icon-sm'), h('span', {}, t('inc.validate')), hidden(`, ${name}`)))
      : h('div', { class: 'sisl-actions' }, openButton),
    area);
}

function drawValidate(focus = false) {
  const host = $('inc-validate');
  const list = ctx.toValidate || [];
  clear(host, h('h2', { class: 'h3', id: 'inc-validate-heading' }, t('inc.validateHeading', { count: list.length })),
    msgBox('validate', focus),
    list.length ? h('ul', { class: 'sisl-appointment-list', id: 'inc-validate-list' }, list.map((p) => h('li', {}, profileRow(p))))
      : h('p', { id: 'inc-validate-none' }, t('inc.validateNone')));
}

// ---- the vacancy and its candidates --------------------------------------------------------
function vacancyForm() {
  const select = field({ kind: 'select', id: 'inc-vacancy', label: t('inc.vacancy'), value: ctx.vacancyId || '', hint: t('inc.vacancyHint'),
    options: [{ value: '', label: t('pro.choose') }, ...ctx.vacancies.map((v) => ({ value: v.vacancyId, label: `${v.content?.title || v.vacancyId} (${v.companyName || ''})` }))] });
  const alert = h('div');
  const errors = new FormErrors(alert);
  errors.register(['vacancy_id'], select, t('inc.vacancy'));
  const form = h('form', { id: 'inc-vacancy-form', class: 'sisl-card mb-4', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    if (!select.control.value) return errors.showProblems([{ path: 'vacancy_id', text: t('inc.chooseVacancy') }]);
    errors.clear();
    ctx.vacancyId = select.control.value;
    ctx.whyNot = null;
    history.replaceState(null, '', `/incrocio?offerta=${encodeURIComponent(ctx.vacancyId)}`);
    await busy(form.querySelector('button[type="submit"]'), () => Promise.all([runMatch(), loadProposals()]));
    drawWhyNot();
    focusHeading($('inc-results-heading'));
    return undefined;
  } },
  h('h2', { class: 'h4', id: 'inc-vacancy-heading' }, t('inc.vacancyHeading')),
  ctx.vacancies.length ? null : h('p', { id: 'inc-no-vacancies' }, t('inc.noVacancies')),
  alert, select.wrapper,
  h('button', { type: 'submit', class: 'btn btn-primary', id: 'inc-run' }, t('inc.run')));
  return form;
}

async function runMatch() {
  ctx.messages.results = null;
  try {
    const r = await get(`/api/v1/vacancies/${encodeURIComponent(ctx.vacancyId)}/candidates:match`, { pageSize: 50 });
    ctx.candidates = r.candidates || [];
    ctx.total = r.total || 0;
  } catch (e) {
    ctx.candidates = [];
    ctx.total = 0;
    ctx.messages.results = { kind: 'danger', text: errorMessage(e) };
  }
  drawResults();
}

function shortlistForm(c, area, opener) {
  const alert = h('div');
  const errors = new FormErrors(alert);
  const note = field({ kind: 'textarea', id: `inc-note-${c.personId}`, label: t('inc.shortlistNote'), hint: t('inc.shortlistNoteHint'), attrs: { maxlength: '1000', rows: '2' } });
  errors.register(['note'], note, t('inc.shortlistNote'));
  const key = newRequestKey();
  const form = h('form', { class: 'sisl-inline-form', novalidate: true, dataset: { form: 'shortlist' }, onsubmit: async (e) => {
    e.preventDefault();
    try {
      await busy(form.querySelector('button[type="submit"]'), () => post(`/api/v1/vacancies/${encodeURIComponent(ctx.vacancyId)}/proposals`,
        { vacancyId: ctx.vacancyId, personId: c.personId, note: note.control.value.trim() || undefined, requestId: key }, { idempotencyKey: key }));
      ctx.messages.proposals = { kind: 'success', text: t('inc.shortlisted', { name: displayName(c) }) };
      announce(ctx.messages.proposals.text);
      await Promise.all([runMatch(), loadProposals()]);
      focusHeading($('inc-proposals-heading'));
    } catch (err) {
      errors.show(err);
    }
  } },
  alert, note.wrapper,
  h('div', { class: 'd-flex gap-2 flex-wrap' },
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('inc.shortlistConfirm')),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: () => {
      clear(area);
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    } }, t('common.close'))));
  return form;
}

function candidateCard(c, rank) {
  const id = uid('inc-c');
  const name = displayName(c);
  const area = h('div');
  const proposal = ctx.proposals?.find((p) => p.proposalId === c.proposalId);
  let action = null;
  if (!c.proposalId) {
    const b = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', 'aria-expanded': 'false', dataset: { action: 'shortlist' },
      onclick: () => {
        const opening = b.getAttribute('aria-expanded') !== 'true';
        b.setAttribute('aria-expanded', String(opening));
        if (!opening) return clear(area);
        clear(area, shortlistForm(c, area, b));
        area.querySelector('textarea')?.focus();
        return undefined;
      } }, icon('it-plus-circle', 'icon-primary icon-sm'), h('span', {}, t('inc.shortlist')), hidden(`, ${name}`));
    action = h('div', { class: 'sisl-actions' }, b);
  }
  return h('article', { class: 'sisl-appointment sisl-candidate', 'aria-labelledby': id, dataset: { person: c.personId } },
    h('div', { class: 'sisl-appointment-head' }, h('h3', { class: 'h5 mb-1', id }, t('inc.rankName', { rank, name })),
      proposal ? proposalBadge(proposal.state) : c.proposalId ? h('span', { class: 'badge bg-secondary' }, t('inc.inList')) : null),
    h('dl', { class: 'sisl-summary' },
      h('dt', {}, t('mt.score')), h('dd', { class: 'sisl-score' }, scoreText(c.score)),
      h('dt', {}, t('mt.domicile')), h('dd', {}, municipalityLabel(c.domicileMunicipality)),
      h('dt', {}, t('inc.personId')), h('dd', {}, h('code', {}, c.personId))),
    explanationDetails(c.explanation, c.score, name),
    action, area);
}

function drawResults() {
  const host = $('inc-results');
  if (!ctx.vacancyId) return clear(host);
  const list = ctx.candidates || [];
  return clear(host, h('section', { 'aria-labelledby': 'inc-results-heading' },
    h('h2', { class: 'h3', id: 'inc-results-heading', tabindex: '-1' }, t('inc.resultsHeading', { title: vacancyTitle(), count: list.length, total: ctx.total })),
    msgBox('results'),
    list.length ? h('ol', { class: 'sisl-appointment-list', id: 'inc-candidates' }, list.map((c, i) => h('li', {}, candidateCard(c, i + 1))))
      : h('p', { id: 'inc-candidates-none' }, t('inc.noCandidates'))));
}

// ---- why not -------------------------------------------------------------------------------
function drawWhyNot() {
  const host = $('inc-whynot');
  if (!ctx.vacancyId) return clear(host);
  const alert = h('div');
  const errors = new FormErrors(alert);
  const person = field({ id: 'inc-person', label: t('inc.whyPerson'), required: true, value: ctx.whyNot?.personId || '', hint: t('inc.whyPersonHint'),
    attrs: { maxlength: '64', autocomplete: 'off', spellcheck: 'false' } });
  errors.register(['person_id', 'personId'], person, t('inc.whyPerson'));
  const result = h('div', { id: 'inc-why-result' });
  const w = ctx.whyNot;
  if (w?.result) {
    const r = w.result;
    if (r.matches) {
      result.append(alertBox('info', t('inc.whyMatches', { rank: r.rank, total: r.total, score: scoreText(r.score) })),
        explanationTable(r.explanation, r.score, t('mt.explanationCaption', { what: w.personId })));
    } else {
      result.append(alertBox('warning', h('div', {}, h('p', { class: 'mb-1' }, t('inc.whyExcluded', { filter: filterLabel(r.excludedBy) })),
        r.exclusionDetail ? h('p', { class: 'mb-0' }, t('inc.whyDetail', { detail: r.exclusionDetail })) : null)));
    }
  } else if (w?.error) {
    result.append(alertBox('danger', errorMessage(w.error)));
  }
  const form = h('form', { id: 'inc-why-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const id = person.control.value.trim();
    if (!id) return errors.showProblems([{ path: 'person_id', text: t('form.required') }]);
    try {
      const r = await busy(form.querySelector('button[type="submit"]'),
        () => get(`/api/v1/vacancies/${encodeURIComponent(ctx.vacancyId)}/candidates/${encodeURIComponent(id)}:explain`));
      ctx.whyNot = { personId: id, result: r };
    } catch (err) {
      if (err.violations?.length) return errors.show(err);
      ctx.whyNot = { personId: id, error: err };
    }
    drawWhyNot();
    $('inc-why-result').querySelector('.alert')?.focus();
    return undefined;
  } },
  alert, person.wrapper, h('button', { type: 'submit', class: 'btn btn-outline-primary', id: 'inc-why' }, t('inc.whyButton')));
  return clear(host, h('section', { class: 'sisl-card mb-4', 'aria-labelledby': 'inc-why-heading' },
    h('h2', { class: 'h4', id: 'inc-why-heading' }, t('inc.whyHeading')), h('p', { class: 'form-text' }, t('inc.whyLead')), form, result));
}

// ---- proposals -----------------------------------------------------------------------------
async function loadProposals() {
  try {
    const r = await get(`/api/v1/vacancies/${encodeURIComponent(ctx.vacancyId)}/proposals`, { pageSize: 200 });
    ctx.proposals = r.proposals || [];
  } catch (e) {
    ctx.proposals = [];
    ctx.messages.proposals = { kind: 'danger', text: errorMessage(e) };
  }
  drawProposals();
}

function kindsFor(state) {
  switch (state) {
    case 'PROPOSAL_STATE_SHORTLISTED': return ['propose', 'remove', 'note'];
    case 'PROPOSAL_STATE_ACCEPTED': return ['send', 'note'];
    case 'PROPOSAL_STATE_SENT':
    case 'PROPOSAL_STATE_INTERVIEW': return ['interview', 'outcome', 'note'];
    default: return FINAL.includes(state) ? [] : ['note'];
  }
}

function proposalCard(p) {
  const id = uid('inc-pr');
  const name = displayName(p);
  const kinds = kindsFor(p.state);
  const [actions, area] = stepButtons(p, kinds, {
    prefix: 'inc',
    onDone: async (after, text) => {
      ctx.messages.proposals = { kind: 'success', text };
      announce(text);
      await loadProposals();
      drawResults();
      focusHeading($('inc-proposals-heading'));
    },
  });
  return h('article', { class: 'sisl-appointment sisl-proposal', 'aria-labelledby': id, dataset: { id: p.proposalId, person: p.personId, state: p.state } },
    h('div', { class: 'sisl-appointment-head' }, h('h3', { class: 'h5 mb-1', id }, name), proposalBadge(p.state)),
    proposalDates(p), kinds.length ? actions : null, area, historyTable(p));
}

function drawProposals(focus = false) {
  const host = $('inc-proposals');
  if (!ctx.vacancyId) return clear(host);
  const list = ctx.proposals || [];
  return clear(host, h('section', { 'aria-labelledby': 'inc-proposals-heading' },
    h('h2', { class: 'h3', id: 'inc-proposals-heading', tabindex: '-1' }, t('inc.proposalsHeading', { title: vacancyTitle(), count: list.length })),
    msgBox('proposals', focus),
    list.length ? h('ul', { class: 'sisl-appointment-list', id: 'inc-proposals-list' }, list.map((p) => h('li', {}, proposalCard(p))))
      : h('p', { id: 'inc-proposals-none' }, t('inc.noProposals'))));
}

// ---- page ----------------------------------------------------------------------------------
function drawAll() {
  const app = $('app');
  clear(app, h('p', { id: 'inc-cpi' }, t('rev.cpi', { cpi: ctx.cpi })),
    h('section', { class: 'mb-5', id: 'inc-validate', 'aria-labelledby': 'inc-validate-heading' }),
    h('div', { id: 'inc-vacancy-host' }, vacancyForm()),
    h('div', { id: 'inc-whynot' }),
    h('div', { id: 'inc-results', class: 'mb-5' }),
    h('div', { id: 'inc-proposals' }));
  drawValidate();
  drawResults();
  drawWhyNot();
  drawProposals();
}

startPage({
  role: 'operator',
  render: async (s) => {
    ctx = { cpi: s.selectedRole.cpiCode, toValidate: [], opened: null, vacancies: [], vacancyId: '', candidates: [], total: 0, proposals: [], whyNot: null, messages: {} };
    clear($('app'), spinner());
    try {
      const r = await get('/api/v1/vacancies', { states: 'VACANCY_STATE_PUBLISHED', pageSize: 100 });
      ctx.vacancies = r.vacancies || [];
    } catch (e) {
      ctx.messages.results = { kind: 'danger', text: errorMessage(e) };
    }
    const wanted = new URLSearchParams(location.search).get('offerta');
    if (wanted && !ctx.vacancies.some((v) => v.vacancyId === wanted)) {
      // A vacancy no longer published (filled, suspended, closed): its proposals stay readable.
      try {
        const r = await get(`/api/v1/vacancies/${encodeURIComponent(wanted)}`);
        if (r.vacancy) ctx.vacancies.push(r.vacancy);
      } catch (e) { /* not this CPI's, or gone: the list stays as it is */ }
    }
    if (wanted && ctx.vacancies.some((v) => v.vacancyId === wanted)) ctx.vacancyId = wanted;
    drawAll();
    await loadToValidate();
    if (ctx.vacancyId) await Promise.all([runMatch(), loadProposals()]);
  },
  onLanguage: () => ctx && drawAll(),
});
