// Citizen: my candidate profile (/profilo): GET /api/v1/my/profile (an empty draft before the
// first save; experiences prefilled from the person's relationships in communications), the
// editor (PUT /api/v1/my/profile: a save asks the CPI of the domicile to validate it again), its
// state (to validate, validated until, expired) and, once validated, the published vacancies that
// match it (GET /api/v1/my/vacancies:match) with each score's explanation. The contract types
// offered are the codes in force of the CO list, from the code lists API (loaded with the
// profile); a desired contract type no longer in force stays, checked.
import { get, request } from './api.js';
import { currentUser, startPage } from './chrome.js';
import { CO_LISTS, codeLabel, loadCodeList, offeredCodes } from './code-lists.js';
import { CEFR_LEVELS, FormErrors, LANGUAGE_CODES, languageName } from './enterprise-labels.js';
import { t, todayInRome } from './i18n.js';
import { errorMessage } from './labels.js';
import {
  AVAILABILITIES, availabilityLabel, cefrLabel, day, DRIVING_LICENCES, EDUCATION_LEVELS, educationLabel, explanationDetails,
  hidden, knownMunicipality, L68_CATEGORIES, l68CategoryLabel, municipalityLabel, PROFESSION, profileBadge, rememberMunicipality,
  VISIBILITIES, visibilityLabel, WORKING_MODES, workingModeLabel,
} from './matching-labels.js';
import { municipalityField } from './municipality-field.js';
import { alertBox, announce, busy, checkbox, clear, field, focusHeading, h, icon, radioGroup, spinner } from './ui.js';

let profile = null; // the Profile as last read or saved
let draft = null; // {givenName, familyName, content} being edited
let muni = { selected: null, text: '' }; // the municipality field's state
let matches = null; // {vacancies, error}
let message = null; // {kind, text}
let errors = null;
const app = () => document.getElementById('app');

const emptyContent = () => ({
  desiredProfessions: [{ professionCode: '', contractTypes: [], workingModes: [] }], experiences: [], education: 'EDUCATION_LEVEL_UNSPECIFIED',
  languages: [], itSkills: [], drivingLicences: [], professionalRegisters: [], domicileMunicipality: '', mobilityRadiusKm: 30,
  availability: 'AVAILABILITY_AVAILABLE', l68Category: 'L68_CATEGORY_NONE', unemployedSince: '', visibility: 'VISIBILITY_VISIBLE_TO_COMPANIES',
});

function fromProfile(p) {
  const s = currentUser();
  const c = { ...emptyContent(), ...(p.content || {}) };
  for (const k of ['desiredProfessions', 'experiences', 'languages', 'itSkills', 'drivingLicences', 'professionalRegisters']) c[k] = [...(c[k] || [])];
  if (!c.desiredProfessions.length) c.desiredProfessions = emptyContent().desiredProfessions;
  if (!p.stored) {
    // A draft never saved: the defaults of the form for what it leaves unspecified.
    const d = emptyContent();
    if (!c.mobilityRadiusKm) c.mobilityRadiusKm = d.mobilityRadiusKm;
    for (const k of ['availability', 'visibility', 'l68Category', 'education']) if (!c[k] || c[k].endsWith('_UNSPECIFIED')) c[k] = d[k];
  }
  muni = { selected: null, text: '' };
  if (c.domicileMunicipality) {
    muni.selected = knownMunicipality(c.domicileMunicipality) || { istatCode: c.domicileMunicipality, name: c.domicileMunicipality };
  }
  return { givenName: p.givenName || s?.user?.name || '', familyName: p.familyName || s?.user?.familyName || '', content: c };
}

// ---- state --------------------------------------------------------------------------------
function stateSection() {
  const p = profile;
  let text;
  if (!p.stored) text = t('pro.notSaved');
  else if (p.state === 'PROFILE_STATE_TO_VALIDATE') text = t('pro.toValidate', { cpi: p.cpiCode || '-' });
  else if (p.state === 'PROFILE_STATE_VALIDATED') text = p.expiresOn ? t('pro.validatedUntil', { from: day(p.validatedOn), to: day(p.expiresOn) }) : t('pro.validatedNoExpiry', { from: day(p.validatedOn) });
  else if (p.state === 'PROFILE_STATE_EXPIRED') text = t('pro.expired', { to: day(p.expiresOn) });
  return h('section', { class: 'sisl-card mb-4', id: 'pro-state', 'aria-labelledby': 'pro-state-heading', dataset: { state: p.stored ? p.state : 'DRAFT' } },
    h('div', { class: 'sisl-appointment-head' }, h('h2', { class: 'h4', id: 'pro-state-heading' }, t('pro.stateHeading')), p.stored ? profileBadge(p.state) : null),
    h('p', { class: 'mb-0', id: 'pro-state-text' }, text));
}

// ---- the form ------------------------------------------------------------------------------
// Reads what is typed back into `draft` (before a row is added or removed, a language change, a save).
function collect() {
  const form = document.getElementById('pro-form');
  if (!form) return;
  const val = (id) => document.getElementById(id)?.value ?? '';
  const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
  const c = draft.content;
  draft.givenName = val('pro-given');
  draft.familyName = val('pro-family');
  c.desiredProfessions = c.desiredProfessions.map((_, i) => ({
    professionCode: val(`pro-desired-${i}-code`).trim(), contractTypes: checked(`pro-desired-${i}-contract`), workingModes: checked(`pro-desired-${i}-mode`),
  }));
  c.experiences = c.experiences.map((e, i) => (e.relationshipId ? e : {
    professionCode: val(`pro-exp-${i}-code`).trim(), employerName: val(`pro-exp-${i}-employer`).trim(), fromDate: val(`pro-exp-${i}-from`), toDate: val(`pro-exp-${i}-to`),
  }));
  c.languages = c.languages.map((_, i) => ({ language: val(`pro-lang-${i}-code`), level: val(`pro-lang-${i}-level`) }));
  c.education = val('pro-education');
  const lines = (id) => val(id).split('\n').map((l) => l.trim()).filter(Boolean);
  c.itSkills = lines('pro-it');
  c.professionalRegisters = lines('pro-registers');
  c.drivingLicences = checked('pro-licence');
  c.domicileMunicipality = muni.selected?.istatCode || '';
  c.mobilityRadiusKm = val('pro-radius') === '' ? '' : Number(val('pro-radius'));
  c.availability = form.querySelector('input[name="pro-availability"]:checked')?.value || '';
  c.l68Category = val('pro-l68');
  c.unemployedSince = val('pro-unemployed');
  c.visibility = form.querySelector('input[name="pro-visibility"]:checked')?.value || '';
}

const rowButton = (text, context, onclick, kind = 'outline-secondary') => h('button', { type: 'button', class: `btn btn-${kind} btn-sm`, onclick },
  h('span', {}, text), context ? hidden(` ${context}`) : null);

function redraw(focusId) {
  drawForm();
  if (focusId) document.getElementById(focusId)?.focus();
}
function addRow(list, item, focusId) {
  collect();
  draft.content[list].push(item);
  redraw(focusId(draft.content[list].length - 1));
}
function removeRow(list, i, focusId) {
  collect();
  draft.content[list].splice(i, 1);
  redraw(focusId);
}

// Suggestions for a CP2011 code input from GET /api/v1/professions (a native datalist: the
// browser offers them under the field, by keyboard too); typing a code still works.
function professionSuggestions(f) {
  const input = f.control;
  const list = h('datalist', { id: `${input.id}-list` });
  input.setAttribute('list', list.id);
  let last = '';
  input.addEventListener('input', async () => {
    const text = input.value.trim();
    if (text.length < 2 || text === last) return;
    last = text;
    try {
      const r = await get('/api/v1/professions', { text, pageSize: 15 });
      if (input.value.trim() !== text) return;  // typed on meanwhile
      clear(list, ...(r.professions || []).filter((p) => p.level >= 5)
        .map((p) => h('option', { value: p.code }, `${p.code} ${p.nameIt}`)));
    } catch (e) { /* suggestions only: the field keeps working without them */ }
  });
  f.wrapper.append(list);
  return f;
}

function desiredFieldset(d, i, reg) {
  const code = professionSuggestions(field({ id: `pro-desired-${i}-code`, label: t('pro.professionCode'), required: true, value: d.professionCode, hint: t('pro.professionHint'),
    attrs: { maxlength: '12', spellcheck: 'false', autocomplete: 'off' } }));
  reg([`desired_professions[${i}].profession_code`, `desiredProfessions[${i}].professionCode`, ...(i === 0 ? ['desired_professions'] : [])], code, t('pro.professionN', { n: i + 1 }));
  const boxes = (name, values, chosen, label) => values.map((v) => {
    const cb = checkbox({ id: `${name}-${v.replace(/\W/g, '_')}`, label: label(v), checked: chosen.includes(v) });
    cb.control.name = name;
    cb.control.value = v;
    return cb.wrapper;
  });
  return h('fieldset', { class: 'sisl-band', dataset: { row: String(i) } },
    h('legend', { class: 'h6' }, t('pro.professionN', { n: i + 1 })),
    code.wrapper,
    h('fieldset', { class: 'mb-3' }, h('legend', { class: 'h6 sisl-legend' }, t('pro.contracts')), h('p', { class: 'form-text' }, t('pro.contractsHint')),
      h('div', { class: 'sisl-check-grid' }, boxes(`pro-desired-${i}-contract`, offeredCodes(CO_LISTS.contractTypes, d.contractTypes || []), d.contractTypes || [],
        (c) => `${c} ${codeLabel(CO_LISTS.contractTypes, c)}`.trim()))),
    h('fieldset', { class: 'mb-3' }, h('legend', { class: 'h6 sisl-legend' }, t('pro.modes')), h('p', { class: 'form-text' }, t('pro.modesHint')),
      h('div', { class: 'sisl-check-grid' }, boxes(`pro-desired-${i}-mode`, WORKING_MODES, d.workingModes || [], workingModeLabel))),
    draft.content.desiredProfessions.length > 1
      ? rowButton(t('pro.remove'), t('pro.professionN', { n: i + 1 }), () => removeRow('desiredProfessions', i, 'pro-desired-add')) : null);
}

function experienceFieldset(e, i, reg) {
  if (e.relationshipId) {
    // From communications: shown as read, kept as they are (communications keeps them current).
    return h('div', { class: 'sisl-band sisl-prefilled', dataset: { row: String(i), relationship: e.relationshipId } },
      h('p', { class: 'fw-semibold mb-1' }, t('pro.experienceN', { n: i + 1 }), ' ', h('span', { class: 'badge bg-info' }, t('mt.fromCommunications'))),
      h('dl', { class: 'sisl-summary' },
        h('dt', {}, t('pro.professionCode')), h('dd', {}, e.professionCode),
        h('dt', {}, t('pro.employer')), h('dd', {}, e.employerName || ''),
        h('dt', {}, t('pro.period')), h('dd', {}, `${day(e.fromDate)} - ${e.toDate ? day(e.toDate) : t('mt.ongoing')}`)),
      h('p', { class: 'form-text mb-2' }, t('pro.prefilledHint')));
  }
  const n = t('pro.experienceN', { n: i + 1 });
  const code = professionSuggestions(field({ id: `pro-exp-${i}-code`, label: t('pro.professionCode'), required: true, value: e.professionCode, attrs: { maxlength: '12', autocomplete: 'off' } }));
  const employer = field({ id: `pro-exp-${i}-employer`, label: t('pro.employer'), required: true, value: e.employerName, attrs: { maxlength: '150' } });
  const from = field({ id: `pro-exp-${i}-from`, type: 'date', label: t('pro.from'), required: true, value: e.fromDate });
  const to = field({ id: `pro-exp-${i}-to`, type: 'date', label: t('pro.to'), value: e.toDate, hint: t('pro.toHint') });
  reg([`experiences[${i}].profession_code`], code, `${n}: ${t('pro.professionCode')}`);
  reg([`experiences[${i}].employer_name`], employer, `${n}: ${t('pro.employer')}`);
  reg([`experiences[${i}].from_date`, `experiences[${i}].from`], from, `${n}: ${t('pro.from')}`);
  reg([`experiences[${i}].to_date`, `experiences[${i}].to`], to, `${n}: ${t('pro.to')}`);
  return h('fieldset', { class: 'sisl-band', dataset: { row: String(i) } }, h('legend', { class: 'h6' }, n),
    h('div', { class: 'row' }, h('div', { class: 'col-md-4' }, code.wrapper), h('div', { class: 'col-md-8' }, employer.wrapper)),
    h('div', { class: 'row' }, h('div', { class: 'col-md-6' }, from.wrapper), h('div', { class: 'col-md-6' }, to.wrapper)),
    rowButton(t('pro.remove'), n, () => removeRow('experiences', i, 'pro-exp-add')));
}

function languageFieldset(l, i, reg) {
  const n = t('pro.languageN', { n: i + 1 });
  const code = field({ kind: 'select', id: `pro-lang-${i}-code`, label: t('pro.language'), required: true, value: l.language,
    options: [{ value: '', label: t('pro.choose') }, ...LANGUAGE_CODES.map((c) => ({ value: c, label: languageName(c) }))] });
  const level = field({ kind: 'select', id: `pro-lang-${i}-level`, label: t('pro.level'), required: true, value: l.level,
    options: [{ value: '', label: t('pro.choose') }, ...CEFR_LEVELS.map((c) => ({ value: c, label: cefrLabel(c) }))], hint: t('pro.levelHint') });
  reg([`languages[${i}].language`], code, `${n}: ${t('pro.language')}`);
  reg([`languages[${i}].level`, `languages[${i}]`], level, `${n}: ${t('pro.level')}`);
  return h('fieldset', { class: 'sisl-band', dataset: { row: String(i) } }, h('legend', { class: 'h6' }, n),
    h('div', { class: 'row' }, h('div', { class: 'col-md-6' }, code.wrapper), h('div', { class: 'col-md-6' }, level.wrapper)),
    rowButton(t('pro.remove'), n, () => removeRow('languages', i, 'pro-lang-add')));
}

function drawForm() {
  const host = document.getElementById('pro-form-host');
  const c = draft.content;
  const alert = h('div', { id: 'pro-alert' });
  errors = new FormErrors(alert);
  const reg = (keys, f, label) => errors.register(keys, f, label);

  const given = field({ id: 'pro-given', label: t('pro.givenName'), required: true, value: draft.givenName, attrs: { maxlength: '100', autocomplete: 'given-name' } });
  const family = field({ id: 'pro-family', label: t('pro.familyName'), required: true, value: draft.familyName, attrs: { maxlength: '100', autocomplete: 'family-name' } });
  reg(['given_name', 'givenName'], given, t('pro.givenName'));
  reg(['family_name', 'familyName'], family, t('pro.familyName'));

  const education = field({ kind: 'select', id: 'pro-education', label: t('mt.educationLabel'), value: c.education,
    options: [{ value: 'EDUCATION_LEVEL_UNSPECIFIED', label: t('pro.choose') }, ...EDUCATION_LEVELS.map((e) => ({ value: e, label: educationLabel(e) }))] });
  reg(['education'], education, t('mt.educationLabel'));
  const it = field({ kind: 'textarea', id: 'pro-it', label: t('mt.itSkills'), value: c.itSkills.join('\n'), hint: t('pro.linesHint'), attrs: { rows: '3' } });
  reg(['it_skills'], it, t('mt.itSkills'));
  const registers = field({ kind: 'textarea', id: 'pro-registers', label: t('mt.registers'), value: c.professionalRegisters.join('\n'), hint: t('pro.registersHint'), attrs: { rows: '2' } });
  reg(['professional_registers'], registers, t('mt.registers'));
  const licences = h('fieldset', { class: 'mb-4', id: 'pro-licences' }, h('legend', { class: 'h6 sisl-legend' }, t('mt.licences')),
    h('div', { class: 'sisl-check-grid' }, DRIVING_LICENCES.map((l) => {
      const cb = checkbox({ id: `pro-licence-${l}`, label: l, checked: c.drivingLicences.includes(l) });
      cb.control.name = 'pro-licence';
      cb.control.value = l;
      return cb.wrapper;
    })));

  const domicile = municipalityField({ label: t('mt.domicile'), hint: t('pro.domicileHint'), required: true, state: muni,
    onChange: (m) => m && rememberMunicipality(m) });
  reg(['domicile_municipality', 'domicile_istat_code', 'domicileMunicipality', 'cpi_code'], domicile, t('mt.domicile'));
  const radius = field({ id: 'pro-radius', type: 'number', label: t('pro.radius'), value: String(c.mobilityRadiusKm ?? ''), hint: t('pro.radiusHint'),
    attrs: { min: '0', max: '500', step: '1', inputmode: 'numeric' } });
  reg(['mobility_radius_km', 'mobilityRadiusKm'], radius, t('pro.radius'));
  const availability = radioGroup({ name: 'pro-availability', legend: t('mt.availabilityLabel'), value: c.availability,
    options: AVAILABILITIES.map((a) => ({ value: a, label: availabilityLabel(a) })) });
  availability.id = 'pro-availability';
  reg(['availability'], { control: availability.querySelector('input') }, t('mt.availabilityLabel'));
  const l68 = field({ kind: 'select', id: 'pro-l68', label: t('mt.l68Label'), value: c.l68Category, hint: t('pro.l68Hint'),
    options: L68_CATEGORIES.map((v) => ({ value: v, label: l68CategoryLabel(v) })) });
  reg(['l68_category'], l68, t('mt.l68Label'));
  const unemployed = field({ id: 'pro-unemployed', type: 'date', label: t('mt.unemployedSince'), value: c.unemployedSince, hint: t('pro.unemployedHint'),
    attrs: { max: todayInRome() } });
  reg(['unemployed_since', 'unemployedSince'], unemployed, t('mt.unemployedSince'));
  const visibility = radioGroup({ name: 'pro-visibility', legend: t('mt.visibilityLabel'), value: c.visibility,
    options: VISIBILITIES.map((v) => ({ value: v, label: visibilityLabel(v), hint: t(`pro.visibilityHint.${v.replace('VISIBILITY_', '')}`) })) });
  visibility.id = 'pro-visibility';
  reg(['visibility'], { control: visibility.querySelector('input') }, t('mt.visibilityLabel'));

  const section = (id, title, ...children) => h('fieldset', { class: 'sisl-card mb-4', id }, h('legend', { class: 'h4' }, title), ...children);
  const form = h('form', { id: 'pro-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); save(e.submitter || form.querySelector('#pro-save')); } },
    alert,
    section('pro-names', t('pro.names'), h('p', { class: 'form-text' }, t('pro.namesHint')),
      h('div', { class: 'row' }, h('div', { class: 'col-md-6' }, given.wrapper), h('div', { class: 'col-md-6' }, family.wrapper))),
    section('pro-desired', t('mt.desired'), h('p', { class: 'form-text' }, t('pro.desiredHint')),
      c.desiredProfessions.map((d, i) => desiredFieldset(d, i, reg)),
      c.desiredProfessions.length < 5 ? h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: 'pro-desired-add',
        onclick: () => addRow('desiredProfessions', { professionCode: '', contractTypes: [], workingModes: [] }, (i) => `pro-desired-${i}-code`) },
      icon('it-plus', 'icon-primary icon-sm'), h('span', {}, t('pro.addProfession'))) : null),
    section('pro-experiences', t('mt.experiences'), h('p', { class: 'form-text' }, t('pro.experiencesHint')),
      c.experiences.map((e, i) => experienceFieldset(e, i, reg)),
      h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: 'pro-exp-add',
        onclick: () => addRow('experiences', { professionCode: '', employerName: '', fromDate: '', toDate: '' }, (i) => `pro-exp-${i}-code`) },
      icon('it-plus', 'icon-primary icon-sm'), h('span', {}, t('pro.addExperience')))),
    section('pro-skills', t('pro.skills'), education.wrapper,
      c.languages.map((l, i) => languageFieldset(l, i, reg)),
      h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm mb-4', id: 'pro-lang-add',
        onclick: () => addRow('languages', { language: '', level: '' }, (i) => `pro-lang-${i}-code`) },
      icon('it-plus', 'icon-primary icon-sm'), h('span', {}, t('pro.addLanguage'))),
      it.wrapper, licences, registers.wrapper),
    section('pro-where', t('pro.where'), h('div', { class: 'row' }, h('div', { class: 'col-md-8' }, domicile.wrapper), h('div', { class: 'col-md-4' }, radius.wrapper)),
      availability, l68.wrapper, unemployed.wrapper, visibility),
    h('p', { class: 'form-text', id: 'pro-save-hint' }, t('pro.saveHint')),
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'pro-save', 'aria-describedby': 'pro-save-hint' }, t('pro.save')));
  clear(host, form);
}

// Client checks: the fields the service would refuse as empty or malformed.
function problems() {
  const c = draft.content;
  const out = [];
  if (!draft.givenName.trim()) out.push({ path: 'given_name', text: t('form.required') });
  if (!draft.familyName.trim()) out.push({ path: 'family_name', text: t('form.required') });
  c.desiredProfessions.forEach((d, i) => {
    if (!d.professionCode) out.push({ path: `desired_professions[${i}].profession_code`, text: t('form.required') });
    else if (!PROFESSION.test(d.professionCode)) out.push({ path: `desired_professions[${i}].profession_code`, text: t('pro.professionFormat') });
  });
  c.experiences.forEach((e, i) => {
    if (e.relationshipId) return;
    if (!e.professionCode) out.push({ path: `experiences[${i}].profession_code`, text: t('form.required') });
    else if (!PROFESSION.test(e.professionCode)) out.push({ path: `experiences[${i}].profession_code`, text: t('pro.professionFormat') });
    if (!e.employerName) out.push({ path: `experiences[${i}].employer_name`, text: t('form.required') });
    if (!e.fromDate) out.push({ path: `experiences[${i}].from_date`, text: t('form.required') });
  });
  c.languages.forEach((l, i) => {
    if (!l.language) out.push({ path: `languages[${i}].language`, text: t('form.required') });
    if (!l.level) out.push({ path: `languages[${i}].level`, text: t('form.required') });
  });
  if (!c.domicileMunicipality) out.push({ path: 'domicile_municipality', text: t('form.chooseMunicipality') });
  const r = c.mobilityRadiusKm;
  if (r === '' || !Number.isInteger(r) || r < 0 || r > 500) out.push({ path: 'mobility_radius_km', text: t('pro.radiusRange') });
  if (!c.availability) out.push({ path: 'availability', text: t('reason.AVAILABILITY_REQUIRED') });
  if (!c.visibility) out.push({ path: 'visibility', text: t('reason.VISIBILITY_REQUIRED') });
  return out;
}

function payload() {
  const c = draft.content;
  const content = {
    desiredProfessions: c.desiredProfessions,
    experiences: c.experiences.map((e) => ({ ...e, toDate: e.toDate || undefined })),
    education: c.education, languages: c.languages, itSkills: c.itSkills, drivingLicences: c.drivingLicences,
    professionalRegisters: c.professionalRegisters, domicileMunicipality: c.domicileMunicipality, mobilityRadiusKm: c.mobilityRadiusKm,
    availability: c.availability, l68Category: c.l68Category, unemployedSince: c.unemployedSince || undefined, visibility: c.visibility,
  };
  return { content, givenName: draft.givenName.trim(), familyName: draft.familyName.trim() };
}

async function save(button) {
  collect();
  const found = problems();
  if (found.length) return errors.showProblems(found);
  errors.clear();
  try {
    const r = await busy(button, () => request('PUT', '/api/v1/my/profile', { body: payload() }));
    profile = r.profile;
    draft = fromProfile(profile);
    message = { kind: 'success', text: t('pro.saved', { cpi: profile.cpiCode || '-' }) };
    drawAll();
    announce(message.text);
    focusHeading(document.getElementById('pro-state-heading'));
    await loadMatches();
  } catch (e) {
    errors.show(e);
  }
  return undefined;
}

// ---- matching vacancies --------------------------------------------------------------------
async function loadMatches() {
  matches = null;
  if (profile?.state !== 'PROFILE_STATE_VALIDATED') return drawMatches();
  clear(document.getElementById('pro-matches'), spinner());
  try {
    const r = await get('/api/v1/my/vacancies:match', { pageSize: 20 });
    matches = { vacancies: r.vacancies || [] };
  } catch (e) {
    matches = { error: e };
  }
  return drawMatches();
}

function drawMatches() {
  const host = document.getElementById('pro-matches');
  if (!host) return;
  const heading = h('h2', { class: 'h3', id: 'pro-matches-heading' }, t('pro.matchesHeading', { count: matches?.vacancies ? matches.vacancies.length : 0 }));
  let body;
  if (profile?.state !== 'PROFILE_STATE_VALIDATED') body = h('div', { class: 'callout note sisl-callout' }, h('p', { class: 'mb-0' }, t('pro.matchesWait')));
  else if (!matches) body = spinner();
  else if (matches.error) body = alertBox('danger', errorMessage(matches.error));
  else if (!matches.vacancies.length) body = h('p', { id: 'pro-matches-none' }, t('pro.matchesNone'));
  else {
    body = h('ol', { class: 'sisl-appointment-list', id: 'pro-matches-list' }, matches.vacancies.map((v) => {
      const id = `pro-match-${v.vacancyId}`;
      return h('li', {}, h('article', { class: 'sisl-appointment sisl-match', 'aria-labelledby': id, dataset: { id: v.vacancyId } },
        h('div', { class: 'sisl-appointment-head' }, h('h3', { class: 'h5 mb-1', id }, v.title || v.vacancyId),
          h('a', { href: `/offerte?id=${encodeURIComponent(v.vacancyId)}` }, t('pro.openVacancy'), hidden(` ${v.title || ''}`))),
        h('dl', { class: 'sisl-summary' },
          v.companyName ? [h('dt', {}, t('vac.company')), h('dd', {}, v.companyName)] : null,
          h('dt', {}, t('vac.profession')), h('dd', {}, v.professionCode || ''),
          h('dt', {}, t('vac.workplace')), h('dd', {}, municipalityLabel(v.workplaceMunicipality))),
        explanationDetails(v.explanation, v.score, v.title || v.vacancyId)));
    }));
  }
  clear(host, h('section', { 'aria-labelledby': 'pro-matches-heading' }, heading, h('p', { class: 'form-text' }, t('pro.matchesLead')), body));
}

function drawAll() {
  clear(app(),
    message ? alertBox(message.kind, message.text) : null,
    stateSection(),
    h('section', { 'aria-labelledby': 'pro-form-heading', class: 'mb-5' },
      h('h2', { class: 'h3', id: 'pro-form-heading' }, t('pro.formHeading')),
      h('p', {}, t('pro.formLead')),
      h('div', { id: 'pro-form-host' })),
    h('div', { id: 'pro-matches' }));
  drawForm();
  drawMatches();
}

async function load() {
  clear(app(), spinner());
  try {
    const [r] = await Promise.all([get('/api/v1/my/profile'), loadCodeList(CO_LISTS.contractTypes)]);
    profile = r.profile;
    draft = fromProfile(profile);
    drawAll();
    await loadMatches();
  } catch (e) {
    clear(app(), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

startPage({
  role: 'citizen',
  render: () => load(),
  onLanguage: () => {
    if (!draft) return;
    collect();
    drawAll();
  },
});
