// The form of the communications filing wizard (co-wizard.js): the steps, forms and events, the
// fields (content path, step, kind, when each applies, the finding paths that name it), their
// controls with the slot for their findings, and the mapping both ways: the content the controls
// make (collect()) and the field a finding's path names (fieldOf()). The codes offered (contract
// types, working time, education levels, termination causes, transformation codes) and their labels
// come from the code lists API (code-lists.js, loaded by loadWizardCodeLists() before the wizard is
// built; the codes valid today, plus a correction's own); the ATECO and CCNL inputs suggest codes
// from it as one types.
import {
  CO_LISTS, codeLabel, codeSuggestions, codesValidOn, loadCodeLists,
} from './code-lists.js';
import { eventLabel, formLabel, sexLabel } from './co-labels.js';
import { t } from './i18n.js';
import { checkbox, field, h, uid } from './ui.js';

export const STEPS = ['employer', 'worker', 'contract', 'event', 'review'];
export const FORM = (f) => `COMMUNICATION_FORM_${f}`;
export const EVENT = (e) => `COMMUNICATION_EVENT_${e}`;
export const EVENTS_OF_FORM = {
  [FORM('UNILAV')]: ['HIRE', 'EXTENSION', 'TRANSFORMATION', 'TERMINATION'].map(EVENT),
  [FORM('UNISOMM')]: ['MISSION_START', 'MISSION_EXTENSION', 'MISSION_TERMINATION'].map(EVENT),
  [FORM('UNIURG')]: [EVENT('HIRE')],
};
const SEXES = ['SEX_FEMALE', 'SEX_MALE'];

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

// The field that holds each event's date (a finding on "event_date" lands there).
const EVENT_DATE_FIELD = {
  [EVENT('HIRE')]: 'contract.startDate', [EVENT('EXTENSION')]: 'contract.endDate', [EVENT('TRANSFORMATION')]: 'transformation.date',
  [EVENT('TERMINATION')]: 'termination.date', [EVENT('MISSION_START')]: 'mission.startDate', [EVENT('MISSION_EXTENSION')]: 'mission.endDate',
  [EVENT('MISSION_TERMINATION')]: 'termination.date',
};

// wizardFields({st, company, correcting, initial, resume, sameAsOffice, stepsHost, scheduleCheck}):
// builds the controls into stepsHost[step] and returns {fields, sameBox, applies, applyVisibility,
// collect, fieldOf, eventDay}. `st`: the wizard's state (form, event, step); scheduleCheck(delay)
// is called when the form or the event changes.
export function wizardFields({ st, company, correcting, initial, resume, sameAsOffice, stepsHost, scheduleCheck }) {
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

  // ---- the field a finding names --------------------------------------------------------------
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

  // The event's date as filled in so far ("" while missing: no deadline to show yet).
  const eventDay = () => byPath(EVENT_DATE_FIELD[st.event] || 'contract.startDate')?.control.value || '';

  return { fields, sameBox, applies, applyVisibility, collect, fieldOf, eventDay };
}
