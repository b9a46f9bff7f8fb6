// Texts and shared pieces of the mandatory communications pages (/comunicazioni, the wizard,
// /storia-lavorativa, /storia-lavorativa-cpi): the enums of sisl.communications.v1, a
// communication's event date, its detail (also printed), its XML and receipt links, the findings
// of the rule catalogue in the page's language, and the employment relationships with their steps.
// The labels of codes (contract types, working time, ...) come from the code lists API: a page
// loads them (code-lists.js loadCodeLists) before drawing; until then codes show bare.
import {
  CO_LISTS, codeAndLabel, codeLabel, labelAndCode,
} from './code-lists.js';
import { formatDateTime, formatDay, has, language, t } from './i18n.js';
import { badge, h, icon, uid } from './ui.js';

const short = (value, prefix) => (value || '').replace(prefix, '');
const known = (key) => has(key) || has(key, 'it');
const labelOr = (key, fallback) => (known(key) ? t(key) : fallback);

export const FORMS = ['UNILAV', 'UNISOMM', 'UNIURG'].map((f) => `COMMUNICATION_FORM_${f}`);
export const formLabel = (v) => labelOr(`co.form.${short(v, 'COMMUNICATION_FORM_')}`, short(v, 'COMMUNICATION_FORM_'));
export const natureLabel = (v) => labelOr(`co.nature.${short(v, 'COMMUNICATION_NATURE_') || 'UNSPECIFIED'}`, v);
export const eventLabel = (v) => labelOr(`co.event.${short(v, 'COMMUNICATION_EVENT_') || 'UNSPECIFIED'}`, v);
export const stateLabel = (v) => labelOr(`co.state.${short(v, 'COMMUNICATION_STATE_') || 'UNSPECIFIED'}`, v);
export const relationshipStateLabel = (v) => labelOr(`emp.state.${short(v, 'RELATIONSHIP_STATE_') || 'UNSPECIFIED'}`, v);
export const sexLabel = (v) => labelOr(`co.sex.${short(v, 'SEX_') || 'UNSPECIFIED'}`, v);
export const terminationCauseLabel = (c) => codeAndLabel(CO_LISTS.terminationCauses, c);
export const educationLabel = (c) => codeAndLabel(CO_LISTS.educationLevels, c);
export const transformationLabel = (c) => codeAndLabel(CO_LISTS.transformations, c);
const contractTypeLabel = (c) => codeAndLabel(CO_LISTS.contractTypes, c);
const workingTimeLabel = (c) => codeAndLabel(CO_LISTS.workingTime, c);
const workingTimeText = (c) => codeLabel(CO_LISTS.workingTime, c) || c || '';

const STATE_BADGE = {
  COMMUNICATION_STATE_ACCEPTED: 'success',
  COMMUNICATION_STATE_CORRECTED: 'secondary',
  COMMUNICATION_STATE_CANCELLED: 'danger',
};
export const stateBadge = (state) => badge(stateLabel(state), STATE_BADGE[state] || 'secondary');
const REL_BADGE = { RELATIONSHIP_STATE_OPEN: 'success', RELATIONSHIP_STATE_CLOSED: 'secondary', RELATIONSHIP_STATE_CANCELLED: 'danger' };
export const relationshipBadge = (state) => badge(relationshipStateLabel(state), REL_BADGE[state] || 'secondary');

export const day = (d) => (d ? formatDay(d, language(), 'short') : '');
export const workerName = (c) => [c?.worker?.name, c?.worker?.surname].filter(Boolean).join(' ');

// The day the event happened (as the service computes it: domain/communication.cc EventDate).
export function eventDate(c = {}) {
  const k = c.contract || {};
  switch (c.event) {
    case 'COMMUNICATION_EVENT_EXTENSION': return k.endDate || k.startDate || '';
    case 'COMMUNICATION_EVENT_TRANSFORMATION': return c.transformation?.date || k.startDate || '';
    case 'COMMUNICATION_EVENT_TRANSFER':
    case 'COMMUNICATION_EVENT_SECONDMENT': return c.transfer?.date || k.startDate || '';
    case 'COMMUNICATION_EVENT_TERMINATION':
    case 'COMMUNICATION_EVENT_MISSION_TERMINATION': return c.termination?.date || k.startDate || '';
    case 'COMMUNICATION_EVENT_MISSION_START': return c.mission?.startDate || k.startDate || '';
    case 'COMMUNICATION_EVENT_MISSION_EXTENSION': return c.mission?.endDate || k.startDate || '';
    case 'COMMUNICATION_EVENT_EMPLOYER_CHANGE': return c.employerChange?.date || k.startDate || '';
    default: return k.startDate || '';
  }
}

export const lateText = (days) => (days > 0 ? t('co.lateDays', { days }) : t('co.onTime'));

// A finding's message in the page's language.
export const findingMessage = (f) => (language() === 'it' ? f.messageIt || f.messageEn : f.messageEn || f.messageIt) || f.rule;
export const isError = (f) => f.severity === 'SEVERITY_ERROR';

// The list of findings (errors first), each with its rule code.
export function findingList(findings, { id } = {}) {
  const sorted = [...findings].sort((a, b) => Number(isError(b)) - Number(isError(a)));
  return h('ul', { class: 'sisl-findings', id }, sorted.map((f) => h('li', { class: `sisl-finding ${isError(f) ? 'sisl-finding-error' : 'sisl-finding-warning'}`, dataset: { rule: f.rule } },
    icon(isError(f) ? 'it-close-circle' : 'it-warning-circle', `icon-sm ${isError(f) ? 'icon-danger' : 'icon-warning'}`),
    h('span', {}, h('strong', {}, `${t(isError(f) ? 'co.error' : 'co.warning')} ${f.rule}: `), findingMessage(f)))));
}

const href = (code, suffix = '') => `/api/v1/communications/${encodeURIComponent(code)}${suffix}`;
export const xmlHref = (code) => href(code, '/xml');

export function xmlLink(c, extraClass = 'btn-sm') {
  return h('a', { class: `btn btn-outline-primary ${extraClass}`, href: xmlHref(c.code), download: `comunicazione-${c.code}.xml`, dataset: { action: 'xml' } },
    icon('it-download', 'icon-primary icon-sm'), h('span', {}, t('co.downloadXml')), h('span', { class: 'visually-hidden' }, `, ${c.code}`));
}

// The receipt of an accepted communication: PDF in the page's language (Italian or English),
// and XML (urn:sisl:communications:receipt:1).
export const receiptPdfHref = (code) => href(code, `/receipt.pdf?language=${language() === 'en' ? 'en' : 'it'}`);
export const receiptXmlHref = (code) => href(code, '/receipt.xml');

export function receiptLinks(c, extraClass = 'btn-sm') {
  const which = h('span', { class: 'visually-hidden' }, `, ${c.code}`);
  return [
    h('a', { class: `btn btn-outline-primary ${extraClass}`, href: receiptPdfHref(c.code), download: `ricevuta-${c.code}.pdf`, type: 'application/pdf', dataset: { action: 'receipt-pdf' } },
      icon('it-file', 'icon-primary icon-sm'), h('span', {}, t('co.receiptPdf')), which),
    h('a', { class: `btn btn-outline-primary ${extraClass}`, href: receiptXmlHref(c.code), download: `ricevuta-${c.code}.xml`, dataset: { action: 'receipt-xml' } },
      icon('it-file', 'icon-primary icon-sm'), h('span', {}, t('co.receiptXml')), which.cloneNode(true)),
  ];
}

function rows(pairs) {
  const out = [];
  for (const [key, value] of pairs) {
    if (value === '' || value === null || value === undefined || value === false) continue;
    out.push(h('dt', {}, t(key)), h('dd', {}, value));
  }
  return h('dl', { class: 'sisl-summary' }, out);
}

const address = (a) => (a && (a.municipalityCode || a.street || a.postcode)
  ? [a.street, a.postcode, a.municipalityCode].filter(Boolean).join(', ') : '');
const yes = (v) => (v ? t('common.yes') : '');
const hours = (v) => (v ? t('co.hoursValue', { hours: v }) : '');

// The content of a communication as definition lists, section by section.
export function contentView(content, { headingLevel = 3 } = {}) {
  const c = content || {};
  const e = c.employer || {};
  const w = c.worker || {};
  const k = c.contract || {};
  const tag = `h${headingLevel}`;
  const section = (key, list) => h('section', { class: 'sisl-co-section' }, h(tag, { class: 'h5 mt-3' }, t(key)), list);
  const parts = [
    section('co.sec.general', rows([
      ['co.f.form', formLabel(c.form)], ['co.f.nature', natureLabel(c.nature)], ['co.f.event', eventLabel(c.event)],
      ['co.f.previousCode', c.previousCode ? h('span', { class: 'sisl-code' }, c.previousCode) : ''],
    ])),
    section('co.sec.employer', rows([
      ['co.f.employer.fiscalCode', e.fiscalCode], ['co.f.employer.name', e.name], ['co.f.employer.ateco', e.ateco],
      ['co.f.employer.publicAdministration', yes(e.publicAdministration)], ['co.f.employer.pec', e.pec],
      ['co.f.employer.registeredOffice', address(e.registeredOffice)], ['co.f.employer.workplace', address(e.workplace)],
    ])),
    section('co.sec.worker', rows([
      ['co.f.worker.fiscalCode', w.fiscalCode], ['co.f.worker.surname', w.surname], ['co.f.worker.name', w.name],
      ['co.f.worker.sex', w.sex ? sexLabel(w.sex) : ''], ['co.f.worker.birthDate', day(w.birthDate)],
      ['co.f.worker.birthPlaceCode', w.birthPlaceCode], ['co.f.worker.citizenship', w.citizenship],
      ['co.f.worker.educationLevel', educationLabel(w.educationLevel)], ['co.f.worker.domicile', address(w.domicile)],
    ])),
    section('co.sec.contract', rows([
      ['co.f.contract.startDate', day(k.startDate)], ['co.f.contract.endDate', day(k.endDate)],
      ['co.f.contract.contractType', contractTypeLabel(k.contractType)],
      ['co.f.contract.workingTime', workingTimeLabel(k.workingTime)],
      ['co.f.contract.weeklyHours', hours(k.weeklyHours)], ['co.f.contract.ccnl', k.ccnl], ['co.f.contract.level', k.level],
      ['co.f.contract.profession', k.profession], ['co.f.contract.socialSecurityBody', k.socialSecurityBody],
      ['co.f.contract.inailPat', k.inailPat], ['co.f.contract.annualPayEur', k.annualPayEur ? t('co.euro', { amount: k.annualPayEur }) : ''],
      ['co.f.contract.l68', yes(k.l68)], ['co.f.contract.seasonal', yes(k.seasonal)], ['co.f.contract.agricultural', yes(k.agricultural)],
      ['co.f.contract.trainingEndDate', day(k.trainingEndDate)],
    ])),
  ];
  const event = [];
  if (c.extension) event.push(['co.f.extension.newEndDate', day(c.extension.newEndDate)]);
  if (c.transformation) {
    const x = c.transformation;
    event.push(['co.f.transformation.code', transformationLabel(x.code)], ['co.f.transformation.date', day(x.date)],
      ['co.f.transformation.newContractType', contractTypeLabel(x.newContractType)],
      ['co.f.transformation.newWorkingTime', workingTimeLabel(x.newWorkingTime)], ['co.f.transformation.newWeeklyHours', hours(x.newWeeklyHours)]);
  }
  if (c.termination) event.push(['co.f.termination.date', day(c.termination.date)], ['co.f.termination.cause', terminationCauseLabel(c.termination.cause)]);
  if (c.agency) event.push(['co.f.agency.registerNumber', c.agency.registerNumber]);
  if (c.mission) {
    const m = c.mission;
    event.push(['co.f.mission.userFiscalCode', m.userFiscalCode], ['co.f.mission.userName', m.userName], ['co.f.mission.userAteco', m.userAteco],
      ['co.f.mission.agencyContractNumber', m.agencyContractNumber], ['co.f.mission.startDate', day(m.startDate)], ['co.f.mission.endDate', day(m.endDate)],
      ['co.f.mission.workplace', address(m.workplace)]);
  }
  if (c.urgency) event.push(['co.f.urgency.reason', c.urgency.reason]);
  if (event.length) parts.push(section('co.sec.event', rows(event)));
  return h('div', { class: 'sisl-co-content' }, parts);
}

// The protocol data of an accepted communication.
export function protocolView(x) {
  return rows([
    ['co.code', h('span', { class: 'sisl-code' }, x.code)],
    ['co.state', stateBadge(x.state)],
    ['co.protocolTime', x.protocolTime ? formatDateTime(x.protocolTime) : ''],
    ['co.dueDate', day(x.dueDate)],
    ['co.lateness', lateText(x.daysLate || 0)],
    ['co.nextCode', x.nextCode ? h('span', { class: 'sisl-code' }, x.nextCode) : ''],
    ['co.filedFor', x.filedFor],
  ]);
}

// ---- employment relationships (the citizen's and the operator's search) -------------------------
export function relationshipCard(r, { headingLevel = 2 } = {}) {
  const id = uid('rel');
  const tag = `h${headingLevel}`;
  const step = (s) => h('li', { class: 'sisl-rel-step', dataset: { code: s.code, state: s.state } },
    h('span', { class: 'fw-semibold' }, eventLabel(s.event)),
    ` · ${day(s.eventDate)}`,
    s.nature && s.nature !== 'COMMUNICATION_NATURE_ORDINARY' ? ` · ${natureLabel(s.nature)}` : '',
    ' · ', stateBadge(s.state), ' ',
    h('span', { class: 'visually-hidden' }, `${t('co.code')}: `), h('span', { class: 'sisl-code' }, s.code));
  const stepsId = uid('steps');
  return h('article', { class: 'sisl-appointment sisl-relationship', 'aria-labelledby': id, dataset: { id: r.relationshipId, state: r.state } },
    h('div', { class: 'sisl-appointment-head' },
      h(tag, { id, class: 'h4 mb-1', tabindex: '-1' }, r.employerName || r.employerFiscalCode),
      relationshipBadge(r.state)),
    rows([
      ['emp.employerCode', r.employerFiscalCode],
      ['emp.period', r.endDate ? t('emp.fromTo', { from: day(r.startDate), to: day(r.endDate) }) : t('emp.from', { from: day(r.startDate) })],
      ['emp.contract', labelAndCode(CO_LISTS.contractTypes, r.contractType)],
      ['emp.workingTime', r.workingTime ? [workingTimeText(r.workingTime), r.weeklyHours ? `, ${hours(r.weeklyHours)}` : ''].join('') : ''],
      ['emp.profession', r.profession], ['emp.ccnl', r.ccnl], ['emp.workplace', r.workplaceMunicipalityCode],
      ['emp.terminationCause', terminationCauseLabel(r.terminationCause)], ['emp.missionUser', r.missionUserFiscalCode],
    ]),
    h('p', { class: 'fw-semibold mb-1', id: stepsId }, t('emp.steps', { count: (r.steps || []).length })),
    h('ol', { class: 'sisl-rel-steps', 'aria-labelledby': stepsId }, (r.steps || []).map(step)));
}
