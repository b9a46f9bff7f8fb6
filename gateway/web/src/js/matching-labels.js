// Texts and shared pieces of the matching pages (/profilo, /proposte, /incrocio, /candidati): the
// enums of sisl.matching.v1, a score's explanation as a table (each criterion's detail, weight and
// points, adding up to the score), a profile's content as a definition list, a proposal's state
// badge and history. The labels of contract types come from the code lists API: a page loads
// co_contract_types (code-lists.js loadCodeList) before drawing a profile; until then codes show bare.
import { get } from './api.js';
import { CO_LISTS, labelOrCode } from './code-lists.js';
import { languageName } from './enterprise-labels.js';
import { formatDateTime, formatDay, has, language, t } from './i18n.js';
import { badge, h, uid } from './ui.js';

const short = (value, prefix) => (value || '').replace(prefix, '') || 'UNSPECIFIED';

export const EDUCATION_LEVELS = ['NONE', 'PRIMARY', 'LOWER_SECONDARY', 'VOCATIONAL_SECONDARY', 'UPPER_SECONDARY', 'POST_SECONDARY',
  'UNIVERSITY_DIPLOMA', 'DEGREE', 'POST_GRADUATE', 'DOCTORATE'].map((e) => `EDUCATION_LEVEL_${e}`);
export const AVAILABILITIES = ['AVAILABLE', 'NOT_AVAILABLE', 'EMPLOYED'].map((a) => `AVAILABILITY_${a}`);
export const L68_CATEGORIES = ['NONE', 'DISABLED', 'PROTECTED'].map((c) => `L68_CATEGORY_${c}`);
export const VISIBILITIES = ['VISIBLE_TO_COMPANIES', 'CPI_ONLY', 'ANONYMOUS'].map((v) => `VISIBILITY_${v}`);
export const WORKING_MODES = ['ON_SITE', 'REMOTE', 'HYBRID'].map((m) => `WORKING_MODE_${m}`);
export const DRIVING_LICENCES = ['AM', 'A1', 'A2', 'A', 'B1', 'B', 'BE', 'C1', 'C1E', 'C', 'CE', 'D1', 'D1E', 'D', 'DE', 'KA', 'KB', 'CQC'];
export const OUTCOMES = ['HIRED', 'NOT_SELECTED', 'SUITABLE', 'WITHDREW'].map((s) => `PROPOSAL_STATE_${s}`);
// CP2011 with 5 levels ("2.1.1.4.1") or the CO's 6 ("2.1.1.4.1.11").
export const PROFESSION = /^[0-9]\.[0-9]\.[0-9]\.[0-9]{1,2}\.[0-9]{1,2}(\.[0-9]{1,2})?$/;

export const educationLabel = (v) => t(`mt.education.${short(v, 'EDUCATION_LEVEL_')}`);
export const availabilityLabel = (v) => t(`mt.availability.${short(v, 'AVAILABILITY_')}`);
export const l68CategoryLabel = (v) => t(`mt.l68.${short(v, 'L68_CATEGORY_')}`);
export const visibilityLabel = (v) => t(`mt.visibility.${short(v, 'VISIBILITY_')}`);
export const workingModeLabel = (v) => t(`mt.mode.${short(v, 'WORKING_MODE_')}`);
export const profileStateLabel = (v) => t(`mt.profileState.${short(v, 'PROFILE_STATE_')}`);
export const proposalStateLabel = (v) => t(`mt.state.${short(v, 'PROPOSAL_STATE_')}`);
export const proposalActionLabel = (v) => t(`mt.action.${short(v, 'PROPOSAL_ACTION_')}`);
export const cefrLabel = (v) => (v || '').replace('CEFR_LEVEL_', '');
export const actorLabel = (v) => (has(`mt.actor.${v}`) ? t(`mt.actor.${v}`) : v);
export const criterionLabel = (c) => (has(`mt.criterion.${c}`) || has(`mt.criterion.${c}`, 'it') ? t(`mt.criterion.${c}`) : c);
export const filterLabel = (f) => (has(`mt.filter.${f}`) || has(`mt.filter.${f}`, 'it') ? t(`mt.filter.${f}`) : f);

const PROFILE_BADGE = { PROFILE_STATE_TO_VALIDATE: 'warning', PROFILE_STATE_VALIDATED: 'success', PROFILE_STATE_EXPIRED: 'secondary' };
export const profileBadge = (state) => badge(profileStateLabel(state), PROFILE_BADGE[state] || 'secondary');
const PROPOSAL_BADGE = {
  PROPOSAL_STATE_SHORTLISTED: 'secondary', PROPOSAL_STATE_REMOVED: 'secondary', PROPOSAL_STATE_PROPOSED: 'primary',
  PROPOSAL_STATE_ACCEPTED: 'success', PROPOSAL_STATE_REFUSED: 'secondary', PROPOSAL_STATE_LAPSED: 'secondary',
  PROPOSAL_STATE_SENT: 'primary', PROPOSAL_STATE_INTERVIEW: 'primary', PROPOSAL_STATE_HIRED: 'success',
  PROPOSAL_STATE_NOT_SELECTED: 'secondary', PROPOSAL_STATE_SUITABLE: 'info', PROPOSAL_STATE_WITHDREW: 'secondary',
};
export const proposalBadge = (state) => h('span', { class: `badge bg-${PROPOSAL_BADGE[state] || 'secondary'}`, dataset: { state } }, proposalStateLabel(state));

export const day = (d) => (d ? formatDay(d, language(), 'short') : '');
export const dateTime = (iso) => (iso ? formatDateTime(iso) : '');
const number = (n, digits = 0) => new Intl.NumberFormat(language() === 'it' ? 'it-IT' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
// Scores are 0..10000: shown as points and as a percentage.
export const scoreText = (score) => t('mt.scoreValue', { points: number(score || 0), percent: number((score || 0) / 100, 1) });
export const personName = (o) => `${o.givenName || ''} ${o.familyName || ''}`.trim();

// The table of a score's explanation: criterion, what was met, weight, points; the total (the
// score) in the footer. The rows add up to the score.
export function explanationTable(explanation, score, captionText) {
  const rows = explanation || [];
  return h('div', { class: 'table-responsive' }, h('table', { class: 'table table-sm sisl-table sisl-explanation' },
    h('caption', {}, captionText),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('mt.col.criterion')), h('th', { scope: 'col' }, t('mt.col.detail')),
      h('th', { scope: 'col', class: 'text-end' }, t('mt.col.weight')), h('th', { scope: 'col', class: 'text-end' }, t('mt.col.points')))),
    h('tbody', {}, rows.map((c) => h('tr', { dataset: { criterion: c.criterion } },
      h('th', { scope: 'row' }, criterionLabel(c.criterion)), h('td', {}, c.detail || ''),
      h('td', { class: 'text-end' }, number(c.weight || 0)), h('td', { class: 'text-end' }, number(c.points || 0))))),
    h('tfoot', {}, h('tr', {},
      h('th', { scope: 'row', colspan: '3' }, t('mt.col.total')), h('td', { class: 'text-end fw-semibold', dataset: { total: String(score || 0) } }, number(score || 0))))));
}

// An explanation folded in a disclosure: "Why this score: 7,350 points (73.5%)".
export function explanationDetails(explanation, score, what) {
  return h('details', { class: 'sisl-explanation-details' },
    h('summary', {}, t('mt.why', { score: scoreText(score) })),
    explanationTable(explanation, score, t('mt.explanationCaption', { what })));
}

// The municipalities the person chose on this device (ISTAT code -> "Name (PV)"): the search of
// the reference data finds them by name only.
const MUNI_KEY = 'sisl.municipalities';
export function rememberMunicipality(m) {
  if (!m?.istatCode) return;
  try {
    const all = JSON.parse(localStorage.getItem(MUNI_KEY) || '{}');
    all[m.istatCode] = m;
    localStorage.setItem(MUNI_KEY, JSON.stringify(all));
  } catch { /* storage disabled */ }
}
export function knownMunicipality(code) {
  try {
    return JSON.parse(localStorage.getItem(MUNI_KEY) || '{}')[code] || null;
  } catch {
    return null;
  }
}
export const municipalityLabel = (code) => {
  const m = knownMunicipality(code);
  return m ? `${m.name} (${m.provinceCode})` : code ? t('mt.istat', { code }) : '';
};

// A profile's content as a definition list (operators, the company the person was sent to).
export function profileDetails(c = {}) {
  const rows = [];
  const row = (key, value) => {
    if (value === '' || value === null || value === undefined || (Array.isArray(value) && !value.length)) return;
    rows.push(h('dt', {}, t(key)), h('dd', {}, value));
  };
  row('mt.desired', (c.desiredProfessions || []).map((d) => [d.professionCode,
    (d.contractTypes || []).length ? ` (${d.contractTypes.map((c) => labelOrCode(CO_LISTS.contractTypes, c)).join(', ')})` : '',
    (d.workingModes || []).length ? ` - ${d.workingModes.map(workingModeLabel).join(', ')}` : ''].join('')).join('; '));
  row('mt.experiences', (c.experiences || []).length ? h('ul', { class: 'mb-0' }, c.experiences.map((e) => h('li', {},
    t('mt.experienceLine', { code: e.professionCode, employer: e.employerName || '', from: day(e.fromDate), to: e.toDate ? day(e.toDate) : t('mt.ongoing') }),
    e.relationshipId ? ` (${t('mt.fromCommunications')})` : '')))
    : '');
  row('mt.educationLabel', c.education && c.education !== 'EDUCATION_LEVEL_UNSPECIFIED' ? educationLabel(c.education) : '');
  row('mt.languages', (c.languages || []).map((l) => `${languageName(l.language)} ${cefrLabel(l.level)}`).join('; '));
  row('mt.itSkills', (c.itSkills || []).join(', '));
  row('mt.licences', (c.drivingLicences || []).join(', '));
  row('mt.registers', (c.professionalRegisters || []).join(', '));
  row('mt.domicile', municipalityLabel(c.domicileMunicipality));
  row('mt.radius', c.mobilityRadiusKm !== undefined ? t('mt.kmValue', { km: c.mobilityRadiusKm || 0 }) : '');
  row('mt.availabilityLabel', c.availability ? availabilityLabel(c.availability) : '');
  row('mt.l68Label', c.l68Category && c.l68Category !== 'L68_CATEGORY_UNSPECIFIED' ? l68CategoryLabel(c.l68Category) : '');
  row('mt.unemployedSince', day(c.unemployedSince));
  row('mt.visibilityLabel', c.visibility ? visibilityLabel(c.visibility) : '');
  return h('dl', { class: 'sisl-summary sisl-profile-details' }, rows);
}

// A proposal's history as a table, newest last.
export function historyTable(p) {
  const list = p.history || [];
  if (!list.length) return null;
  return h('details', { class: 'sisl-history' },
    h('summary', {}, t('mt.history', { count: list.length })),
    h('div', { class: 'table-responsive' }, h('table', { class: 'table table-sm sisl-table' },
      h('caption', { class: 'visually-hidden' }, t('mt.historyCaption', { title: p.vacancyTitle || p.vacancyId })),
      h('thead', {}, h('tr', {}, ['mt.col.when', 'mt.col.action', 'mt.col.state', 'mt.col.who', 'mt.col.note'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, list.map((e) => h('tr', {},
        h('td', {}, dateTime(e.actionTime)), h('td', {}, proposalActionLabel(e.action)),
        h('td', {}, e.fromState === e.toState ? proposalStateLabel(e.toState) : `${proposalStateLabel(e.fromState)} → ${proposalStateLabel(e.toState)}`),
        h('td', {}, actorLabel(e.actorRole)), h('td', {}, e.note || '')))))));
}

// The dates of a proposal: deadline, visible from, interview.
export function proposalDates(p) {
  const rows = [];
  const row = (key, value) => value && rows.push(h('dt', {}, t(key)), h('dd', {}, value));
  row('mt.score', p.score ? scoreText(p.score) : '');
  row('mt.deadline', day(p.deadline));
  row('mt.visibleFrom', day(p.visibleFrom));
  row('mt.interview', dateTime(p.interviewTime));
  return rows.length ? h('dl', { class: 'sisl-summary' }, rows) : null;
}

// "2026-05-04T10:30" typed in a datetime-local field (the browser's wall clock) -> RFC 3339.
export const localToIso = (value) => (value ? new Date(value).toISOString() : '');

export const hidden = (text) => h('span', { class: 'visually-hidden' }, text);
export { uid, get };
