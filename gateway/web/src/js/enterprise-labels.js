// Texts and shared pieces of the enterprise pages (public vacancy search, company area, operator
// review): the enums of sisl.enterprise.v1, a vacancy's details, its wording warnings, and the
// field errors of the enterprise service (its own snake_case fields and the gateway's camelCase).
// A vacancy's contract type and working time (and a profile's contract types) are codes of the CO
// lists, whose codes and labels come from the code lists API (code-lists.js): a page loads them
// (loadContractCodeLists) before drawing; until then, or if that fails, codes show bare.
import { CO_LISTS, labelOrCode, loadCodeLists } from './code-lists.js';
import { formatDay, has, language, LANGUAGES, t, todayInRome } from './i18n.js';
import { errorMessage } from './labels.js';
import { alertBox, badge, clear, h, uid } from './ui.js';

const short = (value, prefix) => (value || '').replace(prefix, '');

// The CO lists of a contract: contract types and working times (the vacancy form, the public
// search and a vacancy's details; a profile's desired contract types).
export const CONTRACT_CODE_LISTS = [CO_LISTS.contractTypes, CO_LISTS.workingTime];
export const loadContractCodeLists = () => loadCodeLists(CONTRACT_CODE_LISTS);
export const L68_RESERVATIONS = ['L68_RESERVATION_NONE', 'L68_RESERVATION_DISABLED', 'L68_RESERVATION_PROTECTED'];
export const LEGAL_FORMS = ['SOLE_TRADER', 'GENERAL_PARTNERSHIP', 'LIMITED_PARTNERSHIP', 'LIMITED_COMPANY', 'JOINT_STOCK_COMPANY',
  'PARTNERSHIP_LIMITED_BY_SHARES', 'COOPERATIVE', 'CONSORTIUM', 'ASSOCIATION', 'FOUNDATION', 'PROFESSIONAL_FIRM',
  'PUBLIC_ADMINISTRATION', 'PUBLIC_ECONOMIC_ENTITY', 'OTHER'].map((f) => `LEGAL_FORM_${f}`);
export const SECTORS = ['SECTOR_PRIVATE', 'SECTOR_PUBLIC'];
export const SCOPES = ['VACANCIES', 'COMMUNICATIONS', 'L68_RETURNS', 'SERVICE_REQUESTS'].map((s) => `DELEGATION_SCOPE_${s}`);
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'].map((l) => `CEFR_LEVEL_${l}`);
export const REQUIREMENT_LEVELS = ['REQUIREMENT_LEVEL_REQUIRED', 'REQUIREMENT_LEVEL_PREFERRED'];
export const LANGUAGE_CODES = ['en', 'fr', 'de', 'es', 'it', 'pt', 'ro', 'ar', 'zh', 'ru'];
// Piedmont's provinces (sigla, name) for the public search.
export const PROVINCES = [['AL', 'Alessandria'], ['AT', 'Asti'], ['BI', 'Biella'], ['CN', 'Cuneo'], ['NO', 'Novara'],
  ['TO', 'Torino'], ['VB', 'Verbano-Cusio-Ossola'], ['VC', 'Vercelli']];

export const l68Label = (v) => t(`l68.${short(v, 'L68_RESERVATION_') || 'UNSPECIFIED'}`);
export const legalFormLabel = (v) => t(`legalForm.${short(v, 'LEGAL_FORM_') || 'UNSPECIFIED'}`);
export const sectorLabel = (v) => t(`sector.${short(v, 'SECTOR_') || 'UNSPECIFIED'}`);
export const vacancyStateLabel = (v) => t(`vacState.${short(v, 'VACANCY_STATE_') || 'UNSPECIFIED'}`);
export const delegationKindLabel = (v) => t(`delegKind.${short(v, 'DELEGATION_KIND_') || 'UNSPECIFIED'}`);
export const delegationStateLabel = (v) => t(`delegState.${short(v, 'DELEGATION_STATE_') || 'UNSPECIFIED'}`);
export const scopeLabel = (v) => t(`companyScope.${short(v, 'DELEGATION_SCOPE_').toLowerCase()}`);
export const closureLabel = (v) => t(`closure.${short(v, 'CLOSURE_REASON_') || 'UNSPECIFIED'}`);
export const requirementLabel = (v) => t(`reqLevel.${short(v, 'REQUIREMENT_LEVEL_') || 'UNSPECIFIED'}`);
export const cefrLabel = (v) => short(v, 'CEFR_LEVEL_');
export const actionLabel = (v) => t(`vacAction.${short(v, 'VACANCY_ACTION_') || 'UNSPECIFIED'}`);

export function languageName(code, lang = language()) {
  try {
    const name = new Intl.DisplayNames([LANGUAGES[lang]?.locale || lang], { type: 'language' }).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(LANGUAGES[lang]?.locale) + name.slice(1) : code;
  } catch {
    return code;
  }
}

export const VACANCY_STATE_BADGE = {
  VACANCY_STATE_DRAFT: 'secondary',
  VACANCY_STATE_SUBMITTED: 'primary',
  VACANCY_STATE_APPROVED: 'info',
  VACANCY_STATE_SENT_BACK: 'warning',
  VACANCY_STATE_PUBLISHED: 'success',
  VACANCY_STATE_SUSPENDED: 'warning',
  VACANCY_STATE_CLOSED: 'secondary',
};
export const stateBadge = (state) => badge(vacancyStateLabel(state), VACANCY_STATE_BADGE[state] || 'secondary');

export const day = (d) => (d ? formatDay(d, language(), 'short') : '');
const plain = (v) => (v === undefined || v === null ? '' : String(v));

// The definition list of a vacancy's content. audience: 'public' (no company when anonymous),
// 'company', 'staff'.
export function vacancyDetails(v, { audience = 'public' } = {}) {
  const c = v.content || {};
  const rows = [];
  const row = (key, value) => {
    if (value === '' || value === null || value === undefined || (Array.isArray(value) && !value.length)) return;
    rows.push(h('dt', {}, t(key)), h('dd', {}, value));
  };
  if (audience !== 'public' || v.companyName) row('vac.company', v.companyName || t('vac.anonymousCompany'));
  if (audience !== 'public' && c.anonymous) row('vac.anonymous', t('vac.anonymousYes'));
  row('vac.workplace', v.workplaceMunicipalityName
    ? `${v.workplaceMunicipalityName}${v.workplaceProvince ? ` (${v.workplaceProvince})` : ''}` : plain(c.workplaceMunicipality));
  row('vac.profession', plain(c.professionCode));
  row('vac.positions', plain(c.positions));
  row('vac.contractType', labelOrCode(CO_LISTS.contractTypes, c.contractType));
  row('vac.workingTime', labelOrCode(CO_LISTS.workingTime, c.workingTime));
  if (c.weeklyHours) row('vac.weeklyHours', t('vac.hoursValue', { hours: c.weeklyHours }));
  if (c.durationMonths) row('vac.duration', t('vac.monthsValue', { months: c.durationMonths }));
  row('vac.l68', c.l68Reservation && c.l68Reservation !== 'L68_RESERVATION_UNSPECIFIED' ? l68Label(c.l68Reservation) : '');
  row('vac.languages', (c.languages || []).map((l) => `${languageName(l.language)} ${cefrLabel(l.level)} (${requirementLabel(l.requirement)})`).join('; '));
  row('vac.itSkills', (c.itSkills || []).map((s) => `${s.value} (${requirementLabel(s.requirement)})`).join('; '));
  row('vac.drivingLicences', (c.drivingLicences || []).map((s) => `${s.value} (${requirementLabel(s.requirement)})`).join('; '));
  row('vac.publication', c.publicationDate ? t('vac.fromTo', { from: day(c.publicationDate), to: day(c.expiryDate) }) : '');
  if (audience !== 'public') row('vac.cpi', plain(v.cpiCode));
  return h('dl', { class: 'sisl-summary sisl-vacancy-details' }, rows);
}

// The description as paragraphs (line breaks kept, no HTML).
export function description(text) {
  const parts = (text || '').split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  return h('div', { class: 'sisl-vacancy-description' }, parts.map((p) => h('p', {}, p.split('\n').flatMap((line, i) => (i ? [h('br'), line] : [line])))));
}

// The wording check's warnings (age, sex, nationality) in the page's language.
export function wordingWarnings(v) {
  const list = v.wordingWarnings || [];
  if (!list.length) return null;
  const id = uid('ww');
  const msg = (w) => (language() === 'it' ? w.messageIt : w.messageEn) || w.messageEn || w.messageIt;
  return h('div', { class: 'callout warning sisl-callout sisl-wording', role: 'note', 'aria-labelledby': id },
    h('div', { class: 'callout-title', id }, t('vac.wordingTitle', { count: list.length })),
    h('p', { class: 'mb-1' }, t('vac.wordingLead')),
    h('ul', { class: 'mb-0' }, list.map((w) => h('li', {},
      h('q', {}, w.text), ` (${t(`vac.field.${w.field}`) === `vac.field.${w.field}` ? w.field : t(`vac.field.${w.field}`)}): `, msg(w)))));
}

// The operator's reasons of the last send-back.
export function sendBackReasons(v) {
  const reasons = (v.sendBackReasons || []).filter(Boolean);
  if (!reasons.length) return null;
  return h('div', { class: 'alert alert-warning sisl-send-back', role: 'note' },
    h('p', { class: 'fw-semibold mb-1' }, t('vac.sentBackTitle')),
    h('ul', { class: 'mb-0' }, reasons.map((r) => h('li', {}, r))));
}

// ---- field errors --------------------------------------------------------------------------
// "content.workplaceMunicipality" and "workplace_municipality" name the same field: lower case,
// without "_", without the request's wrapper.
export const fieldKey = (path) => (path || '').replace(/^(content|company|consultant)\./, '').replace(/_/g, '').toLowerCase();

// A form's fields with their errors: register(keys, {control, wrapper, label}) then show(err).
export class FormErrors {
  constructor(alertHost) {
    this.alertHost = alertHost;
    this.fields = []; // {keys, control, wrapper, label, slot, errorId, setError}
  }

  // keys: the API paths of the field (any spelling); f: {control, wrapper} of ui.field, or
  // {input, wrapper, setError} of the municipality field.
  register(keys, f, label) {
    const control = f.control || f.input;
    const errorId = `${control.id}-error`;
    let slot = null;
    const setError = f.setError || ((text) => {
      if (!slot) {
        slot = h('div');
        control.after(slot);
      }
      control.classList.toggle('is-invalid', Boolean(text));
      if (text) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
      const ids = (control.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== errorId);
      if (text) ids.unshift(errorId);
      if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
      else control.removeAttribute('aria-describedby');
      clear(slot, text ? h('div', { id: errorId, class: 'invalid-feedback sisl-field-error' }, text) : null);
    });
    this.fields.push({ keys: keys.map(fieldKey), control, label, setError });
  }

  clear() {
    for (const f of this.fields) f.setError(null);
    clear(this.alertHost);
  }

  find(path) {
    const key = fieldKey(path);
    return this.fields.find((f) => f.keys.includes(key))
      || this.fields.find((f) => f.keys.some((k) => key.startsWith(`${k}.`) || key.startsWith(`${k}[`)));
  }

  // problems: [{path, text}] (client checks) -> field errors and a focused alert linking to them.
  showProblems(problems, title = t('form.errorTitle')) {
    this.clear();
    const items = [];
    for (const p of problems) {
      const f = p.field || this.find(p.path);
      if (f) f.setError(p.text);
      items.push(h('li', {}, f
        ? h('a', { href: `#${f.control.id}`, class: 'sisl-to-field', onclick: (e) => { e.preventDefault(); f.control.focus(); } },
          `${f.label}: ${p.text}`)
        : p.text));
    }
    clear(this.alertHost, alertBox('danger', h('ul', { class: 'mb-0' }, items), { title, focus: true }));
  }

  // An API error: its violations on their fields, or its message.
  show(err) {
    const violations = err?.violations || [];
    if (!violations.length) {
      this.clear();
      clear(this.alertHost, alertBox('danger', errorMessage(err), { focus: true }));
      return;
    }
    this.showProblems(violations.map((v) => ({ path: v.field, text: violationText(v) })), errorMessage(err));
  }
}

// "REASON: description" (the enterprise service) -> our message for the reason, else the
// description; the gateway's field rules give the description only.
export function violationText(v) {
  const m = /^([A-Z][A-Z0-9_]+): (.*)$/.exec(v.description || '');
  if (m && (has(`reason.${m[1]}`) || has(`reason.${m[1]}`, 'it'))) return t(`reason.${m[1]}`);
  return m ? m[2] : v.description || '';
}

// A required-field check: [{path, text}] for the empty ones.
export function missing(checks) {
  return checks.filter(([, ok]) => !ok).map(([path, , text]) => ({ path, text }));
}

export const isoToday = () => todayInRome();
export function addDays(dayText, n) {
  const d = new Date(`${dayText}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
