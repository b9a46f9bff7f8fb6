// The filing wizard of the mandatory communications (/comunicazioni): employer (prefilled with the
// company the person acts for), worker, contract, event, review. Every edit is checked 500 ms
// later against the rule catalogue (POST /api/v1/communications:check, nothing stored); each
// finding is shown next to the field it names (finding.field, e.g. "worker.fiscal_code",
// "contract.end") once the person has touched that field or tried to leave its step, errors and
// warnings styled differently, and the count is announced in a polite live region; the deadline
// and the lateness if filed today are shown beside. An answer to an older edit is dropped; a 429
// is retried after 1.5 s. Submit files it (POST /api/v1/communications, a requestId per wizard
// session) or, for a correction, POST /api/v1/communications/{code}:correct; a refusal
// (COMMUNICATION_REFUSED) puts its violations on their fields. The codes offered (contract types,
// working time, education levels, termination causes, transformation codes) and their labels come
// from the code lists API (code-lists.js, loaded by loadWizardCodeLists() before the wizard is
// built; the codes valid today, plus a correction's own); the ATECO and CCNL inputs suggest codes
// from it as one types.
import { ApiError, newRequestKey, post } from './api.js';
import {
  CO_LISTS, codeLabel, codeSuggestions, codesValidOn, loadCodeLists,
} from './code-lists.js';
import {
  day, eventLabel, findingList, findingMessage, formLabel, isError, lateText, sexLabel,
} from './co-labels.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import { alertBox, busy, checkbox, clear, field, focusHeading, h, icon, uid } from './ui.js';

const STEPS = ['employer', 'worker', 'contract', 'event', 'review'];
const FORM = (f) => `COMMUNICATION_FORM_${f}`;
const EVENT = (e) => `COMMUNICATION_EVENT_${e}`;
export const EVENTS_OF_FORM = {
  [FORM('UNILAV')]: ['HIRE', 'EXTENSION', 'TRANSFORMATION', 'TERMINATION'].map(EVENT),
  [FORM('UNISOMM')]: ['MISSION_START', 'MISSION_EXTENSION', 'MISSION_TERMINATION'].map(EVENT),
  [FORM('UNIURG')]: [EVENT('HIRE')],
};
const SEXES = ['SEX_FEMALE', 'SEX_MALE'];
// Rules of the catalogue (docs/communications-rules.md) evaluated on the event date.
const DATED_RULES = ['EMP-007', 'EMP-009', 'EMP-013', 'WRK-012', 'WRK-016', 'WRK-018', 'WRK-020', 'PRM-001', 'PRM-009', 'PRM-010',
  'PRM-011', 'CTR-002', 'CTR-010', 'CTR-013', 'CTR-015', 'CTR-025', 'CTR-026', 'HRS-002', 'GEN-009', 'GEN-011'];

// "worker.fiscal_code", "content.worker.fiscalCode" -> "worker.fiscalcode".
const norm = (p) => (p || '').replace(/^content\./, '').replace(/_/g, '').toLowerCase();
const getPath = (obj, path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
function setPath(obj, path, value) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] ?? (o[k] = {});
  o[keys.at(-1)] = value;
}
const codeOption = (code, label) => ({ value: code, label: label ? `${code} - ${label}` : code });
// The options of a code list's select: the codes valid today, and the current one if it is not.
const codeOptions = (list) => (current) => {
  const codes = codesValidOn(list).map((c) => c.code);
  const all = current && !codes.includes(current) ? [...codes, current] : codes;
  return [{ value: '', label: t('coWiz.choose') }, ...all.map((c) => codeOption(c, codeLabel(list, c)))];
};
// The lists the wizard offers: load them before building it (once per page).
export const loadWizardCodeLists = () => loadCodeLists(Object.values(CO_LISTS));
// Suggestions: ATECO subcategories (NN.NN.NN) of the edition valid on the event's date, CCNLs.
const ATECO_SUGGEST = { lists: ['ateco_2025', 'ateco_2007'], accept: (c) => c.level === 6 };
const CCNL_SUGGEST = { lists: ['co_ccnl'] };

// The fields: content path, step, kind, when it applies (forms, events), the finding paths that
// name it besides its own (the catalogue's domain names: contract.end for contract.endDate).
function fieldSpecs(v) {
  const unisomm = [FORM('UNISOMM')];
  const causeEvents = [EVENT('TERMINATION'), EVENT('MISSION_TERMINATION')];
  const missionEvents = EVENTS_OF_FORM[FORM('UNISOMM')];
  return [
    { path: 'employer.fiscalCode', step: 'employer', readonly: true },
    { path: 'employer.name', step: 'employer', required: true, max: 200 },
    { path: 'employer.ateco', step: 'employer', required: true, max: 8, hint: true, suggest: ATECO_SUGGEST },
    { path: 'employer.publicAdministration', step: 'employer', kind: 'checkbox' },
    { path: 'employer.pec', step: 'employer', type: 'email', max: 80 },
    { path: 'employer.registeredOffice.municipalityCode', step: 'employer', required: true, max: 4, hint: 'co.belfioreHint', upper: true },
    { path: 'employer.registeredOffice.postcode', step: 'employer', max: 5, inputmode: 'numeric' },
    { path: 'employer.registeredOffice.street', step: 'employer', max: 200 },
    { path: 'employer.workplace.municipalityCode', step: 'employer', required: true, max: 4, hint: 'co.belfioreHint', upper: true, workplace: true },
    { path: 'employer.workplace.postcode', step: 'employer', max: 5, inputmode: 'numeric', workplace: true },
    { path: 'employer.workplace.street', step: 'employer', required: true, max: 200, workplace: true },
    { path: 'agency.registerNumber', step: 'employer', forms: unisomm, required: true, max: 30, hint: true, keys: ['agency', 'agency.fiscal_code', 'agency.name'] },

    { path: 'worker.fiscalCode', step: 'worker', required: true, max: 16, upper: true, keys: ['worker'] },
    { path: 'worker.surname', step: 'worker', required: true, max: 100 },
    { path: 'worker.name', step: 'worker', required: true, max: 100 },
    { path: 'worker.sex', step: 'worker', kind: 'select', required: true, options: () => [{ value: '', label: t('coWiz.choose') }, ...SEXES.map((s) => ({ value: s, label: sexLabel(s) }))] },
    { path: 'worker.birthDate', step: 'worker', type: 'date', required: true, keys: ['worker.birth_date'] },
    { path: 'worker.birthPlaceCode', step: 'worker', required: true, max: 4, hint: 'co.birthPlaceHint', upper: true },
    { path: 'worker.citizenship', step: 'worker', required: true, max: 3, hint: true, inputmode: 'numeric' },
    { path: 'worker.educationLevel', step: 'worker', kind: 'select', required: true, options: codeOptions(CO_LISTS.educationLevels) },
    { path: 'worker.domicile.municipalityCode', step: 'worker', required: true, max: 4, hint: 'co.belfioreHint', upper: true },
    { path: 'worker.domicile.postcode', step: 'worker', max: 5, inputmode: 'numeric' },
    { path: 'worker.domicile.street', step: 'worker', max: 200 },

    { path: 'contract.startDate', step: 'contract', type: 'date', required: true, keys: ['contract.start'] },
    { path: 'contract.endDate', step: 'contract', type: 'date', hint: true, keys: ['contract.end'] },
    { path: 'contract.contractType', step: 'contract', kind: 'select', required: true, options: codeOptions(CO_LISTS.contractTypes) },
    { path: 'contract.workingTime', step: 'contract', kind: 'select', required: true, options: codeOptions(CO_LISTS.workingTime) },
    { path: 'contract.weeklyHours', step: 'contract', type: 'number', number: true, attrs: { min: '0', max: '48', step: '0.5' }, hint: true },
    { path: 'contract.ccnl', step: 'contract', required: true, max: 3, hint: true, upper: true, suggest: CCNL_SUGGEST },
    { path: 'contract.level', step: 'contract', max: 20 },
    { path: 'contract.profession', step: 'contract', required: true, max: 12, hint: true },
    { path: 'contract.socialSecurityBody', step: 'contract', required: true, max: 2, hint: true, inputmode: 'numeric' },
    { path: 'contract.inailPat', step: 'contract', max: 10, inputmode: 'numeric' },
    { path: 'contract.annualPayEur', step: 'contract', type: 'number', number: true, integer: true, attrs: { min: '0', step: '1' } },
    { path: 'contract.trainingEndDate', step: 'contract', type: 'date', hint: true, keys: ['contract.training_end'] },
    { path: 'contract.l68', step: 'contract', kind: 'checkbox' },
    { path: 'contract.seasonal', step: 'contract', kind: 'checkbox' },
    { path: 'contract.agricultural', step: 'contract', kind: 'checkbox' },

    { path: 'extension.newEndDate', step: 'event', type: 'date', required: true, events: [EVENT('EXTENSION')], keys: ['extension', 'extension.new_end'] },
    { path: 'transformation.code', step: 'event', kind: 'select', required: true, events: [EVENT('TRANSFORMATION')], keys: ['transformation'],
      options: codeOptions(CO_LISTS.transformations) },
    { path: 'transformation.date', step: 'event', type: 'date', required: true, events: [EVENT('TRANSFORMATION')] },
    { path: 'transformation.newContractType', step: 'event', kind: 'select', events: [EVENT('TRANSFORMATION')], options: codeOptions(CO_LISTS.contractTypes) },
    { path: 'transformation.newWorkingTime', step: 'event', kind: 'select', events: [EVENT('TRANSFORMATION')], options: codeOptions(CO_LISTS.workingTime) },
    { path: 'transformation.newWeeklyHours', step: 'event', type: 'number', number: true, events: [EVENT('TRANSFORMATION')], attrs: { min: '0', max: '48', step: '0.5' } },
    { path: 'termination.date', step: 'event', type: 'date', required: true, events: causeEvents, keys: ['termination'] },
    { path: 'termination.cause', step: 'event', kind: 'select', required: true, events: causeEvents,
      options: codeOptions(CO_LISTS.terminationCauses) },
    { path: 'mission.userFiscalCode', step: 'event', forms: unisomm, events: missionEvents, required: true, max: 16, keys: ['mission'] },
    { path: 'mission.userName', step: 'event', forms: unisomm, events: missionEvents, required: true, max: 200 },
    { path: 'mission.userAteco', step: 'event', forms: unisomm, events: missionEvents, required: true, max: 8, suggest: ATECO_SUGGEST },
    { path: 'mission.agencyContractNumber', step: 'event', forms: unisomm, events: missionEvents, required: true, max: 30 },
    { path: 'mission.startDate', step: 'event', type: 'date', forms: unisomm, events: missionEvents, required: true, keys: ['mission.start'] },
    { path: 'mission.endDate', step: 'event', type: 'date', forms: unisomm, events: missionEvents, keys: ['mission.end'] },
    { path: 'mission.workplace.municipalityCode', step: 'event', forms: unisomm, events: missionEvents, required: true, max: 4, hint: 'co.belfioreHint', upper: true },
    { path: 'urgency.reason', step: 'event', kind: 'textarea', forms: [FORM('UNIURG')], required: true, max: 500, keys: ['urgency'] },
  ].map((s) => ({ kind: 'input', type: 'text', ...s, value: getPath(v, s.path) }));
}

// wizard({company, content, correcting, onDone(communication, correcting), onBack()}):
// {element, focus(), stop()}. `content`: a communication's content to start from (a correction).
// `resume`: {step, touched, shownSteps, requestId, sameWorkplace} of a wizard rebuilt after a
// language change (snapshot()).
export function coWizard({ company, content, correcting = '', resume = null, onDone, onBack }) {
  const initial = structuredClone(content || {});
  const st = {
    step: resume?.step || 0,
    form: initial.form || FORM('UNILAV'),
    event: initial.event || EVENT('HIRE'),
    findings: [],
    dueDate: '',
    daysLate: 0,
    checkError: null,
    touched: new Set(resume?.touched || []),
    shownSteps: new Set(resume?.shownSteps || []),
    seq: 0,
    timer: null,
    stopped: false,
    requestId: resume?.requestId || newRequestKey(),
  };
  if (!initial.employer) initial.employer = {};
  initial.employer.fiscalCode = company.fiscalCode;
  if (!content && !resume) {
    Object.assign(initial.employer, {
      name: company.name || '', ateco: company.atecoCode || '', pec: company.pec || '',
      registeredOffice: { street: company.registeredOffice?.address || '', postcode: company.registeredOffice?.postcode || '' },
    });
    initial.worker = { citizenship: '000' };
  }
  const sameAsOffice = !content || JSON.stringify(initial.employer.workplace || {}) === JSON.stringify(initial.employer.registeredOffice || {});

  const element = h('section', { class: 'sisl-co-wizard', 'aria-labelledby': 'co-wizard-heading' });
  const heading = h('h2', { id: 'co-wizard-heading', class: 'h3', tabindex: '-1' });
  const stepper = h('div', { class: 'steppers mb-4' });
  const stepHeading = h('h3', { id: 'co-step-heading', class: 'sisl-step-heading', tabindex: '-1', dataset: { stepHeading: '1' } });
  const stepAlert = h('div', { id: 'co-step-alert' });
  const panelStatus = h('p', { id: 'co-check-status', class: 'mb-1 fw-semibold', role: 'status', 'aria-live': 'polite' });
  const panelBody = h('div', { id: 'co-check-body' });
  const panel = h('section', { id: 'co-check', class: 'sisl-co-check', 'aria-labelledby': 'co-check-heading' },
    h('h3', { id: 'co-check-heading', class: 'h5' }, ''), panelStatus, panelBody);
  const form = h('form', { id: 'co-form', novalidate: true });
  const stepsHost = {};
  for (const s of STEPS) stepsHost[s] = h('div', { class: 'sisl-co-step', dataset: { step: s }, hidden: true });
  const review = h('div', { id: 'co-review' });
  stepsHost.review.append(review);
  const nav = h('div', { class: 'sisl-wizard-nav' });
  form.append(stepAlert, ...STEPS.map((s) => stepsHost[s]), nav);
  element.append(heading, stepper, panel, stepHeading, form);

  // ---- the controls ------------------------------------------------------------------------
  const fields = [];
  const idOf = (path) => `co-${path.replace(/\./g, '-')}`;
  function slotFor(f) {
    f.slot = h('div', { id: `${f.id}-finding`, class: 'sisl-field-findings' });
    return f.slot;
  }
  function build(spec) {
    const id = idOf(spec.path);
    const label = t(`co.f.${spec.path}`);
    const hintKey = spec.hint === true ? `co.hint.${spec.path}` : spec.hint;
    const f = { ...spec, id, label, keys: [norm(spec.path), ...(spec.keys || []).map(norm)] };
    if (spec.kind === 'checkbox') {
      const c = checkbox({ id, label, checked: Boolean(spec.value) });
      f.control = c.control;
      f.wrapper = c.wrapper;
      f.wrapper.append(slotFor(f));
    } else {
      const attrs = { ...(spec.attrs || {}), name: spec.path };
      if (spec.max) attrs.maxlength = String(spec.max);
      if (spec.readonly) attrs.readonly = 'readonly';
      if (spec.inputmode) attrs.inputmode = spec.inputmode;
      if (spec.upper) attrs.autocapitalize = 'characters';
      if (spec.kind === 'input' && spec.type === 'text') attrs.autocomplete = 'off';
      const value = spec.value === undefined || spec.value === null ? '' : String(spec.value);
      const c = field({
        id, label, kind: spec.kind, type: spec.type, required: spec.required && !spec.readonly, value,
        options: spec.options ? spec.options(value) : [], hint: hintKey ? t(hintKey) : undefined, attrs,
      });
      if (spec.kind === 'select') c.control.value = value;
      f.control = c.control;
      f.wrapper = c.wrapper;
      if (spec.suggest) {
        f.wrapper.append(codeSuggestions(f.control, spec.suggest.lists, { validOn: () => eventDay(), accept: spec.suggest.accept }));
      }
      f.wrapper.append(slotFor(f));
    }
    f.wrapper.dataset.field = spec.path;
    f.describedBy = f.control.getAttribute('aria-describedby') || '';
    fields.push(f);
    return f;
  }

  // Form and event: radio groups.
  const radios = (name, legendKey, values, current, labelOf, onchange) => {
    const legendId = uid(name);
    const fs = h('fieldset', { class: 'mb-4', id: `co-${name}`, 'aria-describedby': `co-${name}-finding` },
      h('legend', { class: 'h5 sisl-legend', id: legendId }, t(legendKey)));
    for (const v of values) {
      const id = `co-${name}-${v.split('_').slice(2).join('-').toLowerCase()}`;
      fs.append(h('div', { class: 'form-check' },
        h('input', { type: 'radio', name: `co-${name}`, id, value: v, checked: v === current, disabled: Boolean(correcting), onchange: () => onchange(v) }),
        h('label', { for: id }, labelOf(v))));
    }
    const f = { path: name, id: `co-${name}`, label: t(legendKey), keys: [name], step: name === 'form' ? 'employer' : 'event', control: fs, wrapper: fs, group: true };
    fs.append(slotFor(f));
    f.describedBy = '';
    fields.push(f);
    return fs;
  };

  let eventGroupHost = h('div');
  const formGroup = radios('form', 'co.f.form', Object.keys(EVENTS_OF_FORM), st.form, formLabel, (v) => {
    st.form = v;
    if (!EVENTS_OF_FORM[v].includes(st.event)) st.event = EVENTS_OF_FORM[v][0];
    drawEventGroup();
    applyVisibility();
    scheduleCheck(0);
  });
  function drawEventGroup() {
    const old = fields.findIndex((f) => f.path === 'event');
    if (old >= 0) fields.splice(old, 1);
    const group = radios('event', 'co.f.event', EVENTS_OF_FORM[st.form], st.event, eventLabel, (v) => {
      st.event = v;
      applyVisibility();
      scheduleCheck(0);
    });
    eventGroupHost.replaceWith(group);
    eventGroupHost = group;
  }

  const sameBox = checkbox({ id: 'co-same-workplace', label: t('coWiz.sameWorkplace'), checked: resume ? resume.sameWorkplace : sameAsOffice });
  const specs = fieldSpecs(initial);
  stepsHost.employer.append(formGroup);
  const sectionTitle = (key) => h('p', { class: 'sisl-legend mt-2' }, t(key));
  for (const spec of specs) {
    if (spec.path === 'employer.registeredOffice.municipalityCode') stepsHost.employer.append(sectionTitle('co.f.employer.registeredOffice'));
    if (spec.path === 'employer.workplace.municipalityCode') {
      stepsHost.employer.append(sectionTitle('co.f.employer.workplace'), sameBox.wrapper);
    }
    if (spec.path === 'worker.domicile.municipalityCode') stepsHost.worker.append(sectionTitle('co.f.worker.domicile'));
    if (spec.path === 'extension.newEndDate') stepsHost.event.append(eventGroupHost);
    stepsHost[spec.step].append(build(spec).wrapper);
  }
  drawEventGroup();

  const byPath = (p) => fields.find((f) => f.path === p);
  const applies = (f) => (!f.forms || f.forms.includes(st.form)) && (!f.events || f.events.includes(st.event))
    && !(f.workplace && sameBox.control.checked);

  function applyVisibility() {
    for (const f of fields) {
      if (f.group) continue;
      f.wrapper.hidden = !applies(f);
    }
    for (const [i, s] of STEPS.entries()) stepsHost[s].hidden = i !== st.step;
  }

  // ---- the content ------------------------------------------------------------------------
  function collect() {
    const c = { form: st.form, nature: correcting ? 'COMMUNICATION_NATURE_CORRECTION' : 'COMMUNICATION_NATURE_ORDINARY', event: st.event };
    if (correcting) c.previousCode = correcting;
    for (const f of fields) {
      if (f.group || !applies(f)) continue;
      if (f.kind === 'checkbox') {
        if (f.control.checked) setPath(c, f.path, true);
        continue;
      }
      let v = f.control.value.trim();
      if (f.upper) v = v.toUpperCase();
      if (v === '') continue;
      if (f.number) {
        const n = Number(v.replace(',', '.'));
        if (!Number.isFinite(n)) continue;
        setPath(c, f.path, f.integer ? Math.trunc(n) : n);
      } else setPath(c, f.path, v);
    }
    if (sameBox.control.checked && c.employer?.registeredOffice) c.employer.workplace = { ...c.employer.registeredOffice };
    if (st.form === FORM('UNISOMM')) {
      c.agency = { ...(c.agency || {}), fiscalCode: company.fiscalCode, name: c.employer?.name || '' };
      if (c.mission) {
        const k = c.contract || {};
        Object.assign(c.mission, { profession: k.profession, ccnl: k.ccnl, level: k.level, workingTime: k.workingTime, weeklyHours: k.weeklyHours });
        for (const key of Object.keys(c.mission)) if (c.mission[key] === undefined) delete c.mission[key];
      }
    }
    return c;
  }

  // ---- findings on their fields --------------------------------------------------------------
  const EVENT_DATE_FIELD = {
    [EVENT('HIRE')]: 'contract.startDate', [EVENT('EXTENSION')]: 'contract.endDate', [EVENT('TRANSFORMATION')]: 'transformation.date',
    [EVENT('TERMINATION')]: 'termination.date', [EVENT('MISSION_START')]: 'mission.startDate', [EVENT('MISSION_EXTENSION')]: 'mission.endDate',
    [EVENT('MISSION_TERMINATION')]: 'termination.date',
  };
  function fieldOf(path) {
    let key = norm(path);
    if (key === 'eventdate') key = norm(EVENT_DATE_FIELD[st.event] || 'contract.startDate');
    const live = fields.filter((f) => f.group || applies(f));
    return live.find((f) => f.keys.includes(key))
      || live.find((f) => f.keys.some((k) => key.startsWith(`${k}.`)))
      || live.find((f) => f.keys.some((k) => k.startsWith(`${key}.`)))
      || (key.startsWith('employer.workplace') && sameBox.control.checked
        ? fields.find((f) => f.keys.includes(key.replace('employer.workplace', 'employer.registeredoffice'))) : null)
      || null;
  }
  const visibleFor = (f) => f.group || st.touched.has(f.path) || st.shownSteps.has(f.step);

  function paintFields() {
    const per = new Map();
    const general = [];
    // Without the event's date, the rules checked on that date (a code in force, a municipality
    // existing, free movement) speak of a date nobody wrote yet: they wait for it.
    const dated = eventDay() ? [] : DATED_RULES;
    for (const finding of st.findings.filter((x) => !dated.includes(x.rule))) {
      const f = fieldOf(finding.field);
      if (!f) general.push(finding);
      else {
        if (!per.has(f)) per.set(f, []);
        per.get(f).push(finding);
      }
    }
    let errors = 0;
    let warnings = 0;
    let pending = 0;
    for (const f of fields) {
      const list = (per.get(f) || []);
      const shown = visibleFor(f) ? list : [];
      pending += list.length - shown.length ? list.filter(isError).length : 0;
      const bad = shown.some(isError);
      const warn = !bad && shown.length > 0;
      errors += shown.filter(isError).length;
      warnings += shown.filter((x) => !isError(x)).length;
      const targets = f.group ? [...f.control.querySelectorAll('input')] : [f.control];
      for (const el of targets) {
        el.classList.toggle('is-invalid', bad);
        el.classList.toggle('sisl-has-warning', warn);
        if (bad) el.setAttribute('aria-invalid', 'true');
        else el.removeAttribute('aria-invalid');
      }
      if (!f.group) {
        const ids = [shown.length ? f.slot.id : '', f.describedBy].filter(Boolean).join(' ');
        if (ids) f.control.setAttribute('aria-describedby', ids);
        else f.control.removeAttribute('aria-describedby');
      }
      clear(f.slot, shown.map((x) => h('p', { class: `sisl-field-finding ${isError(x) ? 'sisl-finding-error' : 'sisl-finding-warning'}`, dataset: { rule: x.rule } },
        icon(isError(x) ? 'it-close-circle' : 'it-warning-circle', `icon-xs ${isError(x) ? 'icon-danger' : 'icon-warning'}`),
        h('span', {}, `${t(isError(x) ? 'co.error' : 'co.warning')} ${x.rule}: ${findingMessage(x)}`))));
    }
    errors += general.filter(isError).length;
    warnings += general.filter((x) => !isError(x)).length;
    return { errors, warnings, pending, general };
  }

  // The event's date as filled in so far ("" while missing: no deadline to show yet).
  const eventDay = () => byPath(EVENT_DATE_FIELD[st.event] || 'contract.startDate')?.control.value || '';
  let lastSummary = '';
  function paint() {
    const { errors, warnings, pending, general } = paintFields();
    clear(panel.querySelector('h3'), t('coWiz.checkHeading'));
    let summary;
    if (st.checking && !st.checked) summary = t('coWiz.checking');
    else if (st.checkError) summary = t('coWiz.checkFailed');
    else if (!errors && !warnings) summary = pending ? t('coWiz.noProblemsYet') : t('coWiz.noProblems');
    else summary = t('coWiz.problems', { errors, warnings });
    if (pending && !st.checkError) summary += ` ${t('coWiz.pending', { count: pending })}`;
    if (summary !== lastSummary) {
      panelStatus.textContent = summary;
      lastSummary = summary;
    }
    panel.classList.toggle('sisl-co-check-errors', errors > 0);
    clear(panelBody,
      st.checkError ? h('p', { class: 'text-danger mb-1' }, errorMessage(st.checkError)) : null,
      st.dueDate && eventDay() ? h('p', { class: 'mb-1', id: 'co-check-deadline' }, t('coWiz.deadline', { date: day(st.dueDate) }), ' · ',
        h('span', { class: st.daysLate > 0 ? 'text-danger fw-semibold' : '' }, lateText(st.daysLate))) : null,
      general.length ? findingList(general, { id: 'co-check-general' }) : null);
    if (STEPS[st.step] === 'review') drawReview();
  }

  // ---- checks as you type ---------------------------------------------------------------------
  async function runCheck() {
    if (st.stopped) return;
    const seq = ++st.seq;
    st.checking = true;
    try {
      const res = await post('/api/v1/communications:check', { content: collect() });
      if (seq !== st.seq || st.stopped) return;
      st.findings = res.findings || [];
      st.dueDate = res.dueDate || '';
      st.daysLate = res.daysLate || 0;
      st.checkError = null;
    } catch (err) {
      if (seq !== st.seq || st.stopped) return;
      if (err instanceof ApiError && err.status === 429) {
        st.timer = setTimeout(runCheck, 1500);
        return;
      }
      if (err instanceof ApiError && err.status === 400 && err.violations?.length) {
        // The gateway's own field rules (formats): errors on their fields.
        st.findings = err.violations.map((v) => ({ rule: t('coWiz.formatRule'), severity: 'SEVERITY_ERROR', field: v.field, messageIt: '', messageEn: '', format: true }))
          .map((x) => ({ ...x, messageIt: t('coWiz.formatError', {}, 'it'), messageEn: t('coWiz.formatError', {}, 'en') }));
        st.checkError = null;
      } else {
        st.checkError = err;
      }
    }
    st.checked = true;
    st.checking = false;
    paint();
  }
  function scheduleCheck(delay = 500) {
    clearTimeout(st.timer);
    st.seq++;
    st.timer = setTimeout(runCheck, delay);
  }
  // Now, without waiting: resolves when the answer is in.
  async function checkNow() {
    clearTimeout(st.timer);
    await runCheck();
  }

  const onEdit = (e) => {
    const wrapper = e.target.closest('[data-field]');
    if (wrapper) st.touched.add(wrapper.dataset.field);
    if (e.target === sameBox.control) applyVisibility();
    scheduleCheck();
  };
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);

  // ---- steps ----------------------------------------------------------------------------------
  function drawStepper() {
    const list = h('ul', { 'aria-label': t('coWiz.progress') });
    STEPS.forEach((key, i) => {
      const cls = i < st.step ? 'confirmed' : i === st.step ? 'active' : '';
      list.append(h('li', { class: cls, 'aria-current': i === st.step ? 'step' : null },
        h('span', {}, t(`coWiz.step.${key}`)),
        i < st.step ? icon('it-check', 'steppers-success') : null,
        h('span', { class: 'visually-hidden' }, i < st.step ? ` (${t('wizard.done')})` : i === st.step ? ` (${t('wizard.current')})` : '')));
    });
    clear(stepper, h('div', { class: 'steppers-header' }, list,
      h('span', { class: 'steppers-index', 'aria-hidden': 'true' }, `${st.step + 1}/${STEPS.length}`)));
  }

  function drawNav() {
    const last = st.step === STEPS.length - 1;
    clear(nav,
      st.step > 0
        ? h('button', { type: 'button', class: 'btn btn-outline-primary', id: 'co-prev', onclick: () => go(st.step - 1) },
          icon('it-chevron-left', 'icon-primary icon-sm sisl-flip'), h('span', {}, t('coWiz.prev')))
        : h('button', { type: 'button', class: 'btn btn-outline-secondary', id: 'co-back', onclick: () => { stop(); onBack?.(); } }, t('coWiz.backToList')),
      last
        ? h('button', { type: 'submit', class: 'btn btn-primary', id: 'co-submit' }, icon('it-upload', 'icon-white icon-sm'),
          h('span', {}, t(correcting ? 'coWiz.submitCorrection' : 'coWiz.submit')))
        : h('button', { type: 'submit', class: 'btn btn-primary', id: 'co-next' }, h('span', {}, t('coWiz.next')), icon('it-chevron-right', 'icon-white icon-sm sisl-flip')));
  }

  function draw(focus) {
    clear(heading, correcting ? t('coWiz.correctHeading', { code: correcting }) : t('coWiz.newHeading'));
    drawStepper();
    clear(stepHeading, t(`coWiz.stepTitle.${STEPS[st.step]}`));
    applyVisibility();
    drawNav();
    paint();
    if (focus) focusHeading(stepHeading);
  }

  function go(step) {
    clear(stepAlert);
    st.step = step;
    draw(true);
  }

  // Errors of the step's fields: an alert linking to them (focused).
  function stepProblems(stepName) {
    const items = [];
    for (const finding of st.findings) {
      if (!isError(finding)) continue;
      const f = fieldOf(finding.field);
      if (!f || (stepName && f.step !== stepName)) continue;
      items.push({ f, finding });
    }
    return items;
  }
  function showProblems(items, title) {
    clear(stepAlert, alertBox('danger', h('ul', { class: 'mb-0' }, items.map(({ f, finding }) => h('li', {},
      f ? h('a', { href: `#${f.group ? f.control.querySelector('input')?.id : f.id}`, class: 'sisl-to-field', onclick: (e) => { e.preventDefault(); toField(f); } },
        `${f.label}: ${isEmpty(f) ? t('form.required') : findingMessage(finding)}`) : findingMessage(finding)))), { title, focus: true }));
  }
  const isEmpty = (f) => (f.group ? !f.control.querySelector('input:checked') : f.kind === 'checkbox' ? !f.control.checked : f.control.value.trim() === '');
  function toField(f) {
    const i = STEPS.indexOf(f.step);
    if (i !== st.step) go(i);
    (f.group ? f.control.querySelector('input:checked, input') : f.control).focus();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = STEPS[st.step];
    if (name !== 'review') {
      st.shownSteps.add(name);
      await busy(nav.querySelector('#co-next'), checkNow);
      // Only what is missing holds the step back: a rule broken by a value may depend on later
      // steps (the event date), and filing checks everything anyway.
      const problems = stepProblems(name).filter(({ f }) => isEmpty(f));
      if (problems.length) return showProblems(problems, t('form.errorTitle'));
      return go(st.step + 1);
    }
    return submit();
  });

  async function submit() {
    for (const s of STEPS) st.shownSteps.add(s);
    const button = nav.querySelector('#co-submit');
    const content = collect();
    try {
      const path = correcting ? `/api/v1/communications/${encodeURIComponent(correcting)}:correct` : '/api/v1/communications';
      const res = await busy(button, () => post(path, { requestId: st.requestId, content }, { idempotencyKey: st.requestId }));
      stop();
      await onDone?.(res.communication, correcting);
    } catch (err) {
      if (err?.reason === 'COMMUNICATION_REFUSED' && err.violations?.length) {
        // "<rule>: <English message>": the Italian from the catalogue's findings when we have them.
        const byRule = new Map(st.findings.map((f) => [f.rule, f]));
        st.findings = err.violations.map((v) => {
          const m = /^([A-Z]{3}-[0-9]{3}): (.*)$/.exec(v.description || '');
          const rule = m ? m[1] : '';
          const from = byRule.get(rule);
          return { rule, severity: 'SEVERITY_ERROR', field: v.field, messageIt: from?.messageIt || (m ? m[2] : v.description), messageEn: m ? m[2] : v.description };
        });
        paint();
        showProblems(stepProblems(null).concat(st.findings.filter((x) => !fieldOf(x.field)).map((finding) => ({ f: null, finding }))), errorMessage(err));
      } else {
        clear(stepAlert, alertBox('danger', errorMessage(err), { focus: true }));
      }
    }
  }

  // ---- review ---------------------------------------------------------------------------------
  function drawReview() {
    const c = collect();
    const rowsOf = (step) => fields.filter((f) => !f.group && f.step === step && applies(f)).map((f) => {
      let value;
      if (f.kind === 'checkbox') value = f.control.checked ? t('common.yes') : '';
      else if (f.kind === 'select') value = f.control.value ? f.control.selectedOptions[0]?.text : '';
      else if (f.type === 'date') value = f.control.value ? day(f.control.value) : '';
      else value = f.control.value.trim();
      return value ? [h('dt', {}, f.label), h('dd', { dataset: { field: f.path } }, value)] : null;
    });
    const all = st.findings;
    clear(review,
      h('dl', { class: 'sisl-summary' }, h('dt', {}, t('co.f.form')), h('dd', {}, formLabel(c.form)), h('dt', {}, t('co.f.event')), h('dd', {}, eventLabel(c.event)),
        correcting ? [h('dt', {}, t('co.f.previousCode')), h('dd', { class: 'sisl-code' }, correcting)] : null),
      ...['employer', 'worker', 'contract', 'event'].map((s) => h('section', { class: 'sisl-co-section' },
        h('h4', { class: 'h5 mt-3' }, t(`coWiz.step.${s}`), ' ',
          h('button', { type: 'button', class: 'btn btn-link btn-sm p-0 ms-2', dataset: { editStep: s }, onclick: () => go(STEPS.indexOf(s)) },
            t('coWiz.edit'), h('span', { class: 'visually-hidden' }, ` ${t(`coWiz.step.${s}`)}`))),
        h('dl', { class: 'sisl-summary' }, rowsOf(s)))),
      h('section', { class: 'sisl-co-section', 'aria-labelledby': 'co-review-findings' },
        h('h4', { class: 'h5 mt-3', id: 'co-review-findings' }, t('coWiz.reviewFindings')),
        all.length ? findingList(all, { id: 'co-review-list' }) : h('p', {}, t('coWiz.noProblems'))));
  }

  function stop() {
    st.stopped = true;
    clearTimeout(st.timer);
  }

  // Workplace = registered office.
  applyVisibility();
  draw(false);
  if (content && !resume) {
    for (const f of fields) st.touched.add(f.path);
  }
  scheduleCheck(0);
  return {
    element,
    focus: () => focusHeading(heading),
    stop,
    snapshot: () => ({
      content: collect(),
      resume: { step: st.step, touched: [...st.touched], shownSteps: [...st.shownSteps], requestId: st.requestId, sameWorkplace: sameBox.control.checked },
    }),
  };
}
