// The vacancy form of the company area: a new draft (POST /api/v1/vacancies) or the content of a
// draft or sent-back vacancy (PATCH /api/v1/vacancies/{id}). The content is checked in full by
// the service when the vacancy is submitted; here only what a draft needs and what is plainly
// wrong is checked before sending. The contract types and working times offered are the codes in
// force of the CO lists, from the code lists API: the caller loads them (loadContractCodeLists of
// enterprise-labels.js) before building the form; a draft's code no longer in force stays offered.
import { newRequestKey, post, request } from './api.js';
import { CO_LISTS, labelAndCode, labelOrCode, offeredCodes } from './code-lists.js';
import {
  addDays, CEFR_LEVELS, cefrLabel, FormErrors, isoToday, L68_RESERVATIONS, l68Label, LANGUAGE_CODES,
  languageName, missing, REQUIREMENT_LEVELS, requirementLabel,
} from './enterprise-labels.js';
import { t } from './i18n.js';
import { municipalityField } from './municipality-field.js';
import { announce, busy, checkbox, field, h, icon } from './ui.js';

const PROFESSION = /^[0-9](\.[0-9]{1,2}){0,5}$/;

// A list of rows (languages, IT skills) with add and remove buttons; rows are objects with
// {element, focus(), read()}.
function repeatable({ id, legend, hint, addLabel, makeRow, initial }) {
  const rows = [];
  const body = h('div');
  const add = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: `${id}-add` },
    icon('it-plus-circle', 'icon-primary icon-sm'), h('span', {}, addLabel));
  const renumber = () => rows.forEach((r, i) => r.number(i + 1));
  const addRow = (value, focus) => {
    const row = makeRow(value, () => {
      rows.splice(rows.indexOf(row), 1);
      row.element.remove();
      renumber();
      announce(t('vacForm.rowRemoved'));
      add.focus();
    });
    rows.push(row);
    body.append(row.element);
    renumber();
    if (focus) row.focus();
  };
  add.addEventListener('click', () => {
    addRow(null, true);
    announce(t('vacForm.rowAdded', { n: rows.length }));
  });
  for (const v of initial || []) addRow(v, false);
  const element = h('fieldset', { class: 'mb-4', id }, h('legend', { class: 'h5 sisl-legend' }, legend),
    hint ? h('p', { class: 'form-text' }, hint) : null, body, add);
  return { element, rows, read: () => rows.map((r) => r.read()) };
}

function select(id, label, value, options) {
  return field({ id, kind: 'select', label, value, options });
}

function languageRow(prefix) {
  let n = 0;
  return (value, remove) => {
    n += 1;
    const key = `${prefix}-${n}`;
    const lang = select(`${key}-lang`, t('vacForm.language'), value?.language || 'en', LANGUAGE_CODES.map((c) => ({ value: c, label: languageName(c) })));
    const level = select(`${key}-level`, t('vacForm.cefr'), value?.level || 'CEFR_LEVEL_B1', CEFR_LEVELS.map((c) => ({ value: c, label: cefrLabel(c) })));
    const req = select(`${key}-req`, t('vacForm.requirement'), value?.requirement || 'REQUIREMENT_LEVEL_REQUIRED', REQUIREMENT_LEVELS.map((c) => ({ value: c, label: requirementLabel(c) })));
    const title = h('p', { class: 'fw-semibold' });
    const removeButton = h('button', { type: 'button', class: 'btn btn-outline-danger btn-sm', onclick: remove }, h('span', {}, t('vacForm.remove')), h('span', { class: 'visually-hidden' }));
    const element = h('div', { class: 'sisl-band sisl-vacancy-row' }, title,
      h('div', { class: 'row' }, h('div', { class: 'col-md-4' }, lang.wrapper), h('div', { class: 'col-md-3' }, level.wrapper),
        h('div', { class: 'col-md-3' }, req.wrapper), h('div', { class: 'col-md-2' }, removeButton)));
    return {
      element,
      number: (i) => {
        title.textContent = t('vacForm.languageN', { n: i });
        removeButton.lastChild.textContent = ` ${t('vacForm.languageN', { n: i })}`;
      },
      focus: () => lang.control.focus(),
      read: () => ({ language: lang.control.value, level: level.control.value, requirement: req.control.value }),
    };
  };
}

function skillRow(prefix) {
  let n = 0;
  return (value, remove) => {
    n += 1;
    const key = `${prefix}-${n}`;
    const skill = field({ id: `${key}-value`, label: t('vacForm.skill'), value: value?.value || '', attrs: { maxlength: '100' } });
    const req = select(`${key}-req`, t('vacForm.requirement'), value?.requirement || 'REQUIREMENT_LEVEL_PREFERRED', REQUIREMENT_LEVELS.map((c) => ({ value: c, label: requirementLabel(c) })));
    const title = h('p', { class: 'fw-semibold' });
    const removeButton = h('button', { type: 'button', class: 'btn btn-outline-danger btn-sm', onclick: remove }, h('span', {}, t('vacForm.remove')), h('span', { class: 'visually-hidden' }));
    const element = h('div', { class: 'sisl-band sisl-vacancy-row' }, title,
      h('div', { class: 'row' }, h('div', { class: 'col-md-6' }, skill.wrapper), h('div', { class: 'col-md-4' }, req.wrapper),
        h('div', { class: 'col-md-2' }, removeButton)));
    return {
      element,
      number: (i) => {
        title.textContent = t('vacForm.skillN', { n: i });
        removeButton.lastChild.textContent = ` ${t('vacForm.skillN', { n: i })}`;
      },
      focus: () => skill.control.focus(),
      read: () => ({ value: skill.control.value.trim(), requirement: req.control.value }),
    };
  };
}

// vacancy: the one edited, or null for a new draft. onSaved(vacancy), onCancel().
export function vacancyForm({ vacancy, onSaved, onCancel }) {
  const c = vacancy?.content || {};
  const alert = h('div');
  const errors = new FormErrors(alert);
  const today = isoToday();
  const f = {};
  const add = (key, paths, options) => {
    f[key] = field({ id: `vac-${key}`, ...options });
    errors.register(paths, f[key], options.label);
    return f[key];
  };
  const num = (v) => (v ? String(v) : '');
  add('title', ['title'], { label: t('vacForm.title'), required: true, value: c.title || '', attrs: { maxlength: '150' } });
  add('description', ['description'], { kind: 'textarea', label: t('vacForm.description'), required: true, value: c.description || '',
    hint: t('vacForm.descriptionHint'), attrs: { maxlength: '4000', rows: '6' } });
  add('professionCode', ['profession_code'], { label: t('vacForm.profession'), required: true, value: c.professionCode || '',
    hint: t('vacForm.professionHint'), attrs: { maxlength: '12', spellcheck: 'false', autocomplete: 'off' } });
  add('positions', ['positions'], { label: t('vacForm.positions'), type: 'number', required: true, value: num(c.positions || 1), attrs: { min: '1', max: '999' } });
  add('contractType', ['contract_type'], { kind: 'select', label: t('vacForm.contractType'), required: true, value: c.contractType || '',
    options: [{ value: '', label: t('ent.choose') },
      ...offeredCodes(CO_LISTS.contractTypes, [c.contractType]).map((v) => ({ value: v, label: labelAndCode(CO_LISTS.contractTypes, v) }))] });
  add('durationMonths', ['duration_months'], { label: t('vacForm.duration'), type: 'number', value: num(c.durationMonths),
    hint: t('vacForm.durationHint'), attrs: { min: '1', max: '60' } });
  const workplace = { selected: c.workplaceMunicipality ? { istatCode: c.workplaceMunicipality, name: vacancy.workplaceMunicipalityName || c.workplaceMunicipality, provinceCode: vacancy.workplaceProvince || '' } : null, text: '' };
  const muni = municipalityField({ label: t('vacForm.workplace'), hint: t('vacForm.workplaceHint'), required: true, state: workplace });
  errors.register(['workplace_municipality'], muni, t('vacForm.workplace'));
  add('workingTime', ['working_time'], { kind: 'select', label: t('vacForm.workingTime'), required: true, value: c.workingTime || 'F',
    options: offeredCodes(CO_LISTS.workingTime, [c.workingTime]).map((v) => ({ value: v, label: labelOrCode(CO_LISTS.workingTime, v) })) });
  add('weeklyHours', ['weekly_hours'], { label: t('vacForm.weeklyHours'), type: 'number', value: num(c.weeklyHours), attrs: { min: '1', max: '48' } });
  add('publicationDate', ['publication_date'], { label: t('vacForm.publicationDate'), type: 'date', required: true, value: c.publicationDate || today,
    hint: t('vacForm.publicationHint'), attrs: { min: today } });
  add('expiryDate', ['expiry_date'], { label: t('vacForm.expiryDate'), type: 'date', required: true, value: c.expiryDate || addDays(today, 30),
    hint: t('vacForm.expiryHint') });
  add('l68Reservation', ['l68_reservation'], { kind: 'select', label: t('vacForm.l68'), required: true, value: c.l68Reservation && c.l68Reservation !== 'L68_RESERVATION_UNSPECIFIED' ? c.l68Reservation : 'L68_RESERVATION_NONE',
    hint: t('vacForm.l68Hint'), options: L68_RESERVATIONS.map((v) => ({ value: v, label: l68Label(v) })) });
  const anonymous = checkbox({ id: 'vac-anonymous', label: t('vacForm.anonymous'), checked: Boolean(c.anonymous), hint: t('vacForm.anonymousHint') });
  const languages = repeatable({ id: 'vac-languages', legend: t('vacForm.languages'), hint: t('vacForm.optional'), addLabel: t('vacForm.addLanguage'),
    makeRow: languageRow('vac-lang'), initial: c.languages });
  errors.register(['languages'], { control: languages.element, setError: () => {} }, t('vacForm.languages'));
  const skills = repeatable({ id: 'vac-skills', legend: t('vacForm.itSkills'), hint: t('vacForm.optional'), addLabel: t('vacForm.addSkill'),
    makeRow: skillRow('vac-skill'), initial: c.itSkills });
  errors.register(['it_skills'], { control: skills.element, setError: () => {} }, t('vacForm.itSkills'));

  const read = () => {
    const v = (k) => f[k].control.value.trim();
    const content = {
      ...c,
      title: v('title'), description: f.description.control.value.trim(), professionCode: v('professionCode'), positions: Number(v('positions') || 0),
      contractType: v('contractType'), workplaceMunicipality: workplace.selected?.istatCode || '', workingTime: v('workingTime'),
      weeklyHours: Number(v('weeklyHours') || 0), durationMonths: Number(v('durationMonths') || 0),
      publicationDate: v('publicationDate'), expiryDate: v('expiryDate'), l68Reservation: v('l68Reservation'), anonymous: anonymous.control.checked,
      languages: languages.read(), itSkills: skills.read().filter((s) => s.value),
    };
    return content;
  };
  const check = (content) => {
    const problems = missing([
      ['title', content.title.length >= 3, t('vacForm.needTitle')],
      ['profession_code', content.professionCode, t('form.required')],
      ['contract_type', content.contractType, t('form.required')],
      ['workplace_municipality', content.workplaceMunicipality, t('form.chooseMunicipality')],
      ['publication_date', content.publicationDate, t('form.required')],
      ['expiry_date', content.expiryDate, t('form.required')],
    ]);
    if (content.professionCode && !PROFESSION.test(content.professionCode)) problems.push({ path: 'profession_code', text: t('vacForm.professionFormat') });
    if (!(content.positions >= 1 && content.positions <= 999)) problems.push({ path: 'positions', text: t('vacForm.positionsRange') });
    if (content.weeklyHours && !(content.weeklyHours >= 1 && content.weeklyHours <= 48)) problems.push({ path: 'weekly_hours', text: t('vacForm.hoursRange') });
    if (content.durationMonths && !(content.durationMonths >= 1 && content.durationMonths <= 60)) problems.push({ path: 'duration_months', text: t('vacForm.durationRange') });
    if (content.publicationDate && content.expiryDate && content.expiryDate < content.publicationDate) problems.push({ path: 'expiry_date', text: t('reason.EXPIRY_BEFORE_PUBLICATION') });
    const langs = content.languages.map((l) => l.language);
    if (new Set(langs).size !== langs.length) problems.push({ path: 'languages', text: t('reason.DUPLICATE_LANGUAGE') });
    return problems;
  };

  const key = newRequestKey();
  const form = h('form', { id: 'vacancy-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const content = read();
    const problems = check(content);
    if (problems.length) return errors.showProblems(problems);
    try {
      const r = await busy(form.querySelector('button[type="submit"]'), () => (vacancy
        ? request('PATCH', `/api/v1/vacancies/${encodeURIComponent(vacancy.vacancyId)}`, { body: { vacancyId: vacancy.vacancyId, content } })
        : post('/api/v1/vacancies', { content, requestId: key }, { idempotencyKey: key })));
      await onSaved(r.vacancy);
    } catch (err) {
      errors.show(err);
    }
    return undefined;
  } },
  alert,
  h('fieldset', { class: 'mb-3' }, h('legend', { class: 'h5 sisl-legend' }, t('vacForm.what')),
    f.title.wrapper, f.description.wrapper,
    h('div', { class: 'row' }, h('div', { class: 'col-md-8' }, f.professionCode.wrapper), h('div', { class: 'col-md-4' }, f.positions.wrapper))),
  h('fieldset', { class: 'mb-3' }, h('legend', { class: 'h5 sisl-legend' }, t('vacForm.contract')),
    h('div', { class: 'row' }, h('div', { class: 'col-md-8' }, f.contractType.wrapper), h('div', { class: 'col-md-4' }, f.durationMonths.wrapper)),
    h('div', { class: 'row' }, h('div', { class: 'col-md-8' }, f.workingTime.wrapper), h('div', { class: 'col-md-4' }, f.weeklyHours.wrapper))),
  h('fieldset', { class: 'mb-3' }, h('legend', { class: 'h5 sisl-legend' }, t('vacForm.where')), muni.wrapper),
  h('fieldset', { class: 'mb-3' }, h('legend', { class: 'h5 sisl-legend' }, t('vacForm.publication')),
    h('div', { class: 'row' }, h('div', { class: 'col-md-6' }, f.publicationDate.wrapper), h('div', { class: 'col-md-6' }, f.expiryDate.wrapper)),
    f.l68Reservation.wrapper, anonymous.wrapper),
  languages.element, skills.element,
  h('div', { class: 'd-flex gap-2 flex-wrap mt-4' },
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'vacancy-save' }, t('vacForm.save')),
    h('button', { type: 'button', class: 'btn btn-outline-secondary', onclick: onCancel }, t('vacForm.cancel'))));
  return form;
}
