// The L.68/99 return wizard of /prospetto-l68: the reference year, one section per province (staff
// lines by working time, hours and category, excluded categories, other coverage, partial
// exemption, suspension), compensations between provinces. The computation
// (POST /api/v1/l68-returns:compute, which stores nothing) is redone while the person edits,
// DEBOUNCE_MS after the last change, and shown beside the form with every figure's explanation.
// Save as a draft (POST /api/v1/l68-returns; PATCH a draft, or the proposed correction of a return
// under correction), submit (POST :submit, after saving what changed) or file the correction
// (POST :correct, a new version).
import { newRequestKey, post, request } from './api.js';
import { FormErrors, violationText } from './enterprise-labels.js';
import { has, language, LANGUAGES, t } from './i18n.js';
import { errorMessage } from './labels.js';
import {
  computationView, correctionReason, dueDay, EXCLUSIONS, exclusionLabel, lateText, provinceLabel, provinceOptions,
  QUOTA_KINDS, quotaKindLabel, ROLES, roleLabel, thisYear, WORKING_TIMES, workingTimeLabel,
} from './l68-labels.js';
import { alertBox, announce, busy, checkbox, clear, field, focusHeading, h, icon } from './ui.js';

// The computation waits for this pause in the editing (the gateway allows a session 20 reads a
// second; a person typing a number makes one call).
export const DEBOUNCE_MS = 500;
const RETRY_MS = 1500; // after a 429
const FULL_TIME = 'L68_WORKING_TIME_FULL_TIME';
const INTERMITTENT = 'L68_WORKING_TIME_INTERMITTENT';
const ORDINARY = 'L68_ROLE_ORDINARY';
const PROTECTED = 'L68_ROLE_PROTECTED';
const MAX_WORKERS = 1000000;

// ---- values between the API (minutes, numbers, enums) and the form (texts) -----------------
function hoursText(minutes) {
  if (!minutes) return '';
  return (minutes / 60).toLocaleString(LANGUAGES[language()]?.locale || 'it-IT', { maximumFractionDigits: 2, useGrouping: false });
}

// "20", "20,5", "37.75" -> minutes; NaN when not a number.
function minutesOf(text) {
  const v = (text || '').trim().replace(',', '.');
  if (!/^[0-9]+(\.[0-9]+)?$/.test(v)) return NaN;
  return Math.round(Number(v) * 60);
}

const intOf = (text) => (/^[0-9]+$/.test((text || '').trim()) ? Number(text.trim()) : NaN);
const intOrZero = (text) => ((text || '').trim() === '' ? 0 : intOf(text));

const blankEmployee = () => ({ count: '', workingTime: FULL_TIME, weeklyHours: '', fullTimeHours: '40', role: ORDINARY, exclusion: '', in2000: false });
const blankSection = (province) => ({ province, employees: [blankEmployee()], otherCoverage: '', exemption: '', suspended: false, suspensionWorkers: '', suspensionCause: '' });

function rawOf(input) {
  const unspecified = (v, prefix) => (!v || v === `${prefix}UNSPECIFIED` ? '' : v);
  return {
    year: String(input.year),
    office: input.registeredOfficeProvince,
    sections: (input.provinces || []).map((p) => ({
      province: p.province,
      employees: (p.employees || []).map((e) => ({
        count: String(e.count || ''),
        workingTime: unspecified(e.workingTime, 'L68_WORKING_TIME_') || FULL_TIME,
        weeklyHours: hoursText(e.weeklyMinutes),
        fullTimeHours: hoursText(e.fullTimeWeeklyMinutes) || '40',
        role: unspecified(e.role, 'L68_ROLE_') || ORDINARY,
        exclusion: unspecified(e.exclusion, 'L68_EXCLUSION_'),
        in2000: Boolean(e.inForceOn17January2000),
      })),
      otherCoverage: p.otherDisabledCoverage ? String(p.otherDisabledCoverage) : '',
      exemption: p.exemptionPercent ? String(p.exemptionPercent) : '',
      suspended: Boolean(p.suspension),
      suspensionWorkers: p.suspension ? String(p.suspension.workers || 0) : '',
      suspensionCause: p.suspension?.cause || '',
    })),
    compensations: (input.compensations || []).map((c) => ({
      kind: c.kind, from: c.fromProvince, to: c.toProvince, positions: String(c.positions || ''),
    })),
  };
}

// The API's input; `live`: lines without a number of workers are left out (not typed yet).
function inputOf(raw, { live = false } = {}) {
  return {
    year: Number(raw.year),
    registeredOfficeProvince: raw.office,
    provinces: raw.sections.map((s) => {
      const p = {
        province: s.province,
        employees: s.employees.filter((e) => !live || e.count.trim() !== '').map((e) => {
          const out = { count: intOf(e.count), workingTime: e.workingTime, role: e.role };
          if (e.workingTime !== FULL_TIME) {
            out.weeklyMinutes = minutesOf(e.weeklyHours) || 0;
            out.fullTimeWeeklyMinutes = minutesOf(e.fullTimeHours) || 0;
          }
          if (e.role === ORDINARY && e.exclusion) out.exclusion = e.exclusion;
          if (e.role === PROTECTED && e.in2000) out.inForceOn17January2000 = true;
          return out;
        }),
        otherDisabledCoverage: intOrZero(s.otherCoverage),
        exemptionPercent: intOrZero(s.exemption),
      };
      if (s.suspended) p.suspension = { workers: intOrZero(s.suspensionWorkers), cause: s.suspensionCause.trim() };
      return p;
    }),
    compensations: raw.compensations.map((c) => ({ kind: c.kind, fromProvince: c.from, toProvince: c.to, positions: intOf(c.positions) })),
  };
}

// ---- the wizard ------------------------------------------------------------------------------
// mode: 'new' (ret null), 'draft' (a draft), 'correction' (a return under correction: the
// proposed correction, else its content). officeProvince: the registered office's sigla for a
// new return. onDone(ret, text): submitted or corrected; onBack(savedOrNull).
export function l68Wizard({ ret = null, mode = 'new', officeProvince = 'TO', onDone, onBack }) {
  let current = ret;
  const createKey = newRequestKey();
  const start = ret
    ? rawOf(mode === 'correction' && ret.correction?.provinces?.length ? ret.correction : ret.input)
    : { year: String(thisYear() - 1), office: officeProvince, sections: [blankSection(officeProvince)], compensations: [] };
  let savedBody = ret ? JSON.stringify(inputOf(start)) : '';
  let counter = 0;
  let notice = null; // {kind, text} shown at the top after a save
  // The live computation.
  let timer = null;
  let seq = 0;
  let lastSent = '';
  let computation = null;
  let lastSummary = '';
  const openKeys = new Set(); // the explanations open (data-key)

  const root = h('div', { class: 'sisl-l68-wizard' });
  // Built by build(): the parts read by the functions below.
  let parts = null;

  const label = (f) => f.wrapper.querySelector('label');

  function build(raw) {
    counter = 0;
    const errorsHost = h('div', { id: 'l68-message' });
    const errors = new FormErrors(errorsHost);
    const entries = new Map(); // control -> FormErrors entry
    const register = (f, name) => {
      errors.register([f.control.id], f, name);
      entries.set(f.control, errors.fields.at(-1));
    };
    const sections = [];
    const compensations = [];

    // The heading and the fixed facts.
    const heading = h('h2', { id: 'l68-wizard-heading', class: 'h3', tabindex: '-1' });
    const setHeading = () => {
      const year = parts?.year() || raw.year;
      if (mode === 'correction') heading.textContent = t('l68w.correctionHeading', { year, protocol: ret.protocolNumber });
      else if (current) heading.textContent = t('l68w.draftHeading', { year });
      else heading.textContent = t('l68w.newHeading');
    };

    // Reference year and registered office.
    const yearOptions = [];
    for (let y = thisYear(); y >= thisYear() - 5; y--) yearOptions.push({ value: String(y), label: String(y) });
    if (!yearOptions.some((o) => o.value === raw.year)) yearOptions.push({ value: raw.year, label: raw.year });
    const year = field({ id: 'l68-year', kind: 'select', label: t('l68w.year'), required: true, value: raw.year, options: yearOptions,
      hint: current || mode !== 'new' ? t('l68w.yearFixed') : t('l68w.yearHint', { due: dueDay(`${Number(raw.year) + 1}-01-31`) }) });
    if (current || mode !== 'new') year.control.disabled = true;
    register(year, t('l68w.year'));
    const office = field({ id: 'l68-office', kind: 'select', label: t('l68w.office'), required: true, hint: t('l68w.officeHint'), options: [] });
    register(office, t('l68w.office'));
    year.control.addEventListener('change', () => {
      const hint = year.wrapper.querySelector('.form-text');
      if (hint && !year.control.disabled) hint.textContent = t('l68w.yearHint', { due: dueDay(`${Number(year.control.value) + 1}-01-31`) });
      sections.forEach((s) => s.renumber());
      setHeading();
    });

    const sectionsHost = h('div', { id: 'l68-sections' });
    const addSection = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: 'l68-add-section' },
      icon('it-plus-circle', 'icon-primary icon-sm'), h('span', {}, t('l68w.addSection')));
    const compHost = h('div');
    const addComp = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: 'l68-add-compensation' },
      icon('it-plus-circle', 'icon-primary icon-sm'), h('span', {}, t('l68w.addCompensation')));

    const provincesUsed = () => sections.map((s) => s.province());
    // The selects listing the sections' provinces (registered office, compensations).
    const fillSectionSelect = (select, value, placeholder) => {
      const used = provincesUsed();
      select.replaceChildren(...(placeholder ? [h('option', { value: '' }, t('ent.choose'))] : []),
        ...used.map((p) => h('option', { value: p }, provinceLabel(p))));
      select.value = used.includes(value) ? value : (placeholder ? '' : used[0] || '');
    };
    const syncProvinceSelects = () => {
      fillSectionSelect(office.control, office.control.value || raw.office);
      compensations.forEach((c) => c.sync());
    };

    // ---- a line of staff ----
    function employeeRow(section, e) {
      const n = ++counter;
      const key = `l68-e${n}`;
      const count = field({ id: `${key}-count`, label: t('l68w.count'), type: 'number', required: true, value: e.count,
        attrs: { min: '1', max: String(MAX_WORKERS), inputmode: 'numeric', autocomplete: 'off' } });
      const wt = field({ id: `${key}-wt`, kind: 'select', label: t('l68w.workingTime'), value: e.workingTime,
        options: WORKING_TIMES.map((v) => ({ value: v, label: workingTimeLabel(v) })) });
      const role = field({ id: `${key}-role`, kind: 'select', label: t('l68w.role'), value: e.role,
        options: ROLES.map((v) => ({ value: v, label: roleLabel(v) })) });
      const hours = field({ id: `${key}-hours`, label: t('l68w.weeklyHours'), required: true, value: e.weeklyHours, hint: t('l68w.hoursHint'),
        attrs: { inputmode: 'decimal', autocomplete: 'off', maxlength: '6' } });
      const full = field({ id: `${key}-full`, label: t('l68w.fullTimeHours'), required: true, value: e.fullTimeHours, hint: t('l68w.fullTimeHint'),
        attrs: { inputmode: 'decimal', autocomplete: 'off', maxlength: '6' } });
      const excl = field({ id: `${key}-excl`, kind: 'select', label: t('l68w.exclusion'), value: e.exclusion, hint: t('l68w.exclusionHint'),
        options: [{ value: '', label: t('l68w.noExclusion') }, ...EXCLUSIONS.map((v) => ({ value: v, label: exclusionLabel(v) }))] });
      const in2000 = checkbox({ id: `${key}-2000`, label: t('l68w.in2000'), checked: e.in2000, hint: t('l68w.in2000Hint') });
      const legend = h('legend', { class: 'h6 sisl-legend' });
      const which = h('span', { class: 'visually-hidden' });
      const remove = h('button', { type: 'button', class: 'btn btn-outline-danger btn-sm', dataset: { action: 'remove-row' } },
        h('span', {}, t('l68w.removeRow')), which);
      const hoursBox = h('div', { class: 'row' }, h('div', { class: 'col-md-6' }, hours.wrapper), h('div', { class: 'col-md-6' }, full.wrapper));
      const sync = () => {
        hoursBox.hidden = wt.control.value === FULL_TIME;
        label(hours).firstChild.textContent = t(wt.control.value === INTERMITTENT ? 'l68w.averageHours' : 'l68w.weeklyHours');
        excl.wrapper.hidden = role.control.value !== ORDINARY;
        in2000.wrapper.hidden = role.control.value !== PROTECTED;
      };
      wt.control.addEventListener('change', sync);
      role.control.addEventListener('change', sync);
      sync();
      const element = h('fieldset', { class: 'sisl-band sisl-l68-row', dataset: { row: key } }, legend,
        h('div', { class: 'row' }, h('div', { class: 'col-md-5' }, count.wrapper), h('div', { class: 'col-md-7' }, wt.wrapper)),
        hoursBox, role.wrapper, excl.wrapper, in2000.wrapper, h('div', { class: 'mb-3' }, remove));
      const row = {
        element, count, wt, role, hours, full, excl, in2000,
        number(i) {
          row.index = i;
          legend.textContent = t('l68w.rowN', { n: i + 1 });
          which.textContent = ` ${i + 1}, ${provinceLabel(section.province())}`;
        },
        name: (f) => `${provinceLabel(section.province())}, ${t('l68w.rowN', { n: row.index + 1 })}, ${label(f).firstChild.textContent}`,
        raw: () => ({
          count: count.control.value, workingTime: wt.control.value, weeklyHours: hours.control.value, fullTimeHours: full.control.value,
          role: role.control.value, exclusion: excl.control.value, in2000: in2000.control.checked,
        }),
        // Client checks; `live`: an empty number of workers is "not typed yet".
        problems(live) {
          const out = [];
          const c = row.raw();
          if (c.count.trim() === '') {
            if (!live) out.push([count, t('l68w.needCount')]);
            return out;
          }
          const n2 = intOf(c.count);
          if (!(n2 >= 1 && n2 <= MAX_WORKERS)) out.push([count, t('l68w.countRange')]);
          if (c.workingTime !== FULL_TIME) {
            const fullMin = minutesOf(c.fullTimeHours);
            const min = minutesOf(c.weeklyHours);
            if (!(fullMin >= 60 && fullMin <= 3600)) out.push([full, t('l68w.fullTimeRange')]);
            else if (Number.isNaN(min)) out.push([hours, t('l68w.hoursFormat')]);
            else if (c.workingTime === INTERMITTENT ? min > fullMin : (min < 1 || min >= fullMin)) {
              out.push([hours, t(c.workingTime === INTERMITTENT ? 'l68w.intermittentRange' : 'l68w.partTimeRange')]);
            }
          }
          return out;
        },
      };
      remove.addEventListener('click', () => section.removeRow(row));
      [count, wt, role, hours, full, excl].forEach((f) => register(f, ''));
      return row;
    }

    // ---- a province's section ----
    function sectionBlock(s) {
      const n = ++counter;
      const key = `l68-s${n}`;
      const sectionHeading = h('h3', { id: `${key}-h`, class: 'h5', tabindex: '-1' });
      const province = field({ id: `${key}-province`, kind: 'select', label: t('l68w.province'), required: true, options: [] });
      provinceOptions(province.control, s.province);
      const rows = [];
      const rowsHost = h('div');
      const staffLegend = h('legend', { class: 'h6 sisl-legend' });
      const addRow = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', dataset: { action: 'add-row' } },
        icon('it-plus-circle', 'icon-primary icon-sm'), h('span', {}, t('l68w.addRow')), h('span', { class: 'visually-hidden' }));
      const other = field({ id: `${key}-other`, label: t('l68w.otherCoverage'), type: 'number', value: s.otherCoverage, hint: t('l68w.otherCoverageHint'),
        attrs: { min: '0', max: String(MAX_WORKERS), inputmode: 'numeric' } });
      const exemption = field({ id: `${key}-exemption`, label: t('l68w.exemption'), type: 'number', value: s.exemption, hint: t('l68w.exemptionHint'),
        attrs: { min: '0', max: '100', inputmode: 'numeric' } });
      const suspended = checkbox({ id: `${key}-suspended`, label: t('l68w.suspended'), checked: s.suspended, hint: t('l68w.suspendedHint') });
      const susWorkers = field({ id: `${key}-sus-workers`, label: t('l68w.suspensionWorkers'), type: 'number', required: true, value: s.suspensionWorkers,
        attrs: { min: '0', max: String(MAX_WORKERS), inputmode: 'numeric' } });
      const susCause = field({ id: `${key}-sus-cause`, label: t('l68w.suspensionCause'), required: true, value: s.suspensionCause,
        hint: t('l68w.suspensionCauseHint'), attrs: { maxlength: '200' } });
      const susBox = h('div', { class: 'row' }, h('div', { class: 'col-md-4' }, susWorkers.wrapper), h('div', { class: 'col-md-8' }, susCause.wrapper));
      const syncSuspension = () => { susBox.hidden = !suspended.control.checked; };
      suspended.control.addEventListener('change', syncSuspension);
      syncSuspension();
      const which = h('span', { class: 'visually-hidden' });
      const removeSection = h('button', { type: 'button', class: 'btn btn-outline-danger btn-sm', dataset: { action: 'remove-section' } },
        h('span', {}, t('l68w.removeSection')), which);
      const element = h('section', { class: 'sisl-card sisl-l68-section mb-4', 'aria-labelledby': sectionHeading.id, dataset: { section: key } },
        sectionHeading, province.wrapper,
        h('fieldset', { class: 'mb-3' }, staffLegend, h('p', { class: 'form-text' }, t('l68w.staffHint')), rowsHost, addRow),
        h('fieldset', { class: 'mb-3' }, h('legend', { class: 'h6 sisl-legend' }, t('l68w.coverage')),
          h('div', { class: 'row' }, h('div', { class: 'col-md-6' }, other.wrapper), h('div', { class: 'col-md-6' }, exemption.wrapper)),
          suspended.wrapper, susBox),
        removeSection);
      const section = {
        element, heading: sectionHeading, provinceField: province, rows, other, exemption, suspended, susWorkers, susCause,
        province: () => province.control.value,
        renumber() {
          section.index = sections.indexOf(section);
          const p = provinceLabel(section.province());
          sectionHeading.textContent = t('l68w.sectionHeading', { n: section.index + 1, province: p });
          staffLegend.textContent = t('l68w.staff', { date: `31/12/${year.control.value}` });
          addRow.lastChild.textContent = `, ${p}`;
          which.textContent = ` ${section.index + 1}, ${p}`;
          removeSection.hidden = sections.length < 2;
          rows.forEach((r, i) => r.number(i));
        },
        addRow(e, focus) {
          const row = employeeRow(section, e);
          rows.push(row);
          rowsHost.append(row.element);
          section.renumber();
          if (focus) {
            row.count.control.focus();
            announce(t('l68w.rowAdded', { n: rows.length, province: provinceLabel(section.province()) }));
          }
          changed();
        },
        removeRow(row) {
          rows.splice(rows.indexOf(row), 1);
          row.element.remove();
          section.renumber();
          announce(t('l68w.rowRemoved'));
          addRow.focus();
          changed();
        },
        name: (f) => `${provinceLabel(section.province())}, ${label(f).firstChild.textContent}`,
        raw: () => ({
          province: section.province(), employees: rows.map((r) => r.raw()), otherCoverage: other.control.value, exemption: exemption.control.value,
          suspended: suspended.control.checked, suspensionWorkers: susWorkers.control.value, suspensionCause: susCause.control.value,
        }),
        problems(live) {
          const out = rows.flatMap((r) => r.problems(live).map(([f, text]) => [f, text, r.name(f)]));
          const add = (f, text) => out.push([f, text, section.name(f)]);
          const o = intOrZero(other.control.value);
          if (!(o >= 0 && o <= MAX_WORKERS)) add(other, t('l68w.wholeNumber'));
          const e = intOrZero(exemption.control.value);
          if (!(e >= 0 && e <= 100)) add(exemption, t('l68w.exemptionRange'));
          if (suspended.control.checked) {
            const w = intOf(susWorkers.control.value);
            if (!(w >= 0 && w <= MAX_WORKERS)) add(susWorkers, t('l68w.wholeNumber'));
            if (!susCause.control.value.trim()) add(susCause, t('l68w.needCause'));
          }
          if (sections.some((x) => x !== section && x.province() === section.province()) && sections.indexOf(section) > sections.findIndex((x) => x.province() === section.province())) {
            add(province, t('reason.L68_DUPLICATE_PROVINCE'));
          }
          return out;
        },
      };
      province.control.addEventListener('change', () => {
        section.renumber();
        syncProvinceSelects();
      });
      addRow.addEventListener('click', () => section.addRow(blankEmployee(), true));
      removeSection.addEventListener('click', () => {
        const i = sections.indexOf(section);
        sections.splice(i, 1);
        element.remove();
        sections.forEach((x) => x.renumber());
        syncProvinceSelects();
        announce(t('l68w.sectionRemoved', { province: provinceLabel(section.province()) }));
        focusHeading(sections[Math.max(0, i - 1)]?.heading);
        changed();
      });
      [province, other, exemption, susWorkers, susCause].forEach((f) => register(f, ''));
      return section;
    }

    function appendSection(s, focus) {
      const section = sectionBlock({ ...s, employees: [] });
      sections.push(section);
      sectionsHost.append(section.element);
      section.renumber();
      for (const e of s.employees) section.addRow(e, false);
      section.renumber();
      syncProvinceSelects();
      if (focus) {
        focusHeading(section.heading);
        announce(t('l68w.sectionAdded', { province: provinceLabel(section.province()) }));
      }
      return section;
    }

    // ---- compensations ----
    function compensationRow(c) {
      const n = ++counter;
      const key = `l68-c${n}`;
      const kind = field({ id: `${key}-kind`, kind: 'select', label: t('l68w.compKind'), value: c.kind || QUOTA_KINDS[0],
        options: QUOTA_KINDS.map((v) => ({ value: v, label: quotaKindLabel(v) })) });
      const from = field({ id: `${key}-from`, kind: 'select', label: t('l68w.compFrom'), required: true, options: [] });
      const to = field({ id: `${key}-to`, kind: 'select', label: t('l68w.compTo'), required: true, options: [] });
      const positions = field({ id: `${key}-positions`, label: t('l68w.compPositions'), type: 'number', required: true, value: c.positions,
        attrs: { min: '1', max: String(MAX_WORKERS), inputmode: 'numeric' } });
      const legend = h('legend', { class: 'h6 sisl-legend' });
      const which = h('span', { class: 'visually-hidden' });
      const remove = h('button', { type: 'button', class: 'btn btn-outline-danger btn-sm', dataset: { action: 'remove-compensation' } },
        h('span', {}, t('l68w.removeCompensation')), which);
      const element = h('fieldset', { class: 'sisl-band sisl-l68-row' }, legend,
        h('div', { class: 'row' }, h('div', { class: 'col-md-6' }, kind.wrapper), h('div', { class: 'col-md-6' }, positions.wrapper)),
        h('div', { class: 'row' }, h('div', { class: 'col-md-6' }, from.wrapper), h('div', { class: 'col-md-6' }, to.wrapper)),
        h('div', { class: 'mb-3' }, remove));
      let wanted = { from: c.from, to: c.to };
      const row = {
        element,
        sync() {
          fillSectionSelect(from.control, from.control.value || wanted.from, true);
          fillSectionSelect(to.control, to.control.value || wanted.to, true);
          wanted = { from: from.control.value, to: to.control.value };
        },
        number(i) {
          row.index = i;
          legend.textContent = t('l68w.compensationN', { n: i + 1 });
          which.textContent = ` ${i + 1}`;
        },
        raw: () => ({ kind: kind.control.value, from: from.control.value, to: to.control.value, positions: positions.control.value }),
        problems() {
          const out = [];
          const name = (f) => `${t('l68w.compensationN', { n: row.index + 1 })}, ${label(f).firstChild.textContent}`;
          if (!from.control.value) out.push([from, t('form.required'), name(from)]);
          if (!to.control.value) out.push([to, t('form.required'), name(to)]);
          else if (to.control.value === from.control.value) out.push([to, t('l68w.compSame'), name(to)]);
          const p = intOf(positions.control.value);
          if (!(p >= 1 && p <= MAX_WORKERS)) out.push([positions, t('l68w.compPositionsRange'), name(positions)]);
          return out;
        },
      };
      remove.addEventListener('click', () => {
        compensations.splice(compensations.indexOf(row), 1);
        element.remove();
        compensations.forEach((x, i) => x.number(i));
        announce(t('l68w.compensationRemoved'));
        addComp.focus();
        changed();
      });
      [kind, from, to, positions].forEach((f) => register(f, ''));
      return row;
    }

    function appendCompensation(c, focus) {
      const row = compensationRow(c);
      compensations.push(row);
      compHost.append(row.element);
      compensations.forEach((x, i) => x.number(i));
      row.sync();
      if (focus) {
        row.element.querySelector('select')?.focus();
        announce(t('l68w.compensationAdded', { n: compensations.length }));
        changed();
      }
    }

    addSection.addEventListener('click', () => {
      const free = ['TO', 'CN', 'AL', 'NO', 'AT', 'BI', 'VC', 'VB', 'MI'].find((p) => !provincesUsed().includes(p)) || 'RM';
      appendSection(blankSection(free), true);
      changed();
    });
    addComp.addEventListener('click', () => appendCompensation({ kind: QUOTA_KINDS[0], from: '', to: '', positions: '1' }, true));

    // ---- correction reason, buttons ----
    const reason = mode === 'correction'
      ? field({ id: 'l68-correction-reason', kind: 'textarea', label: t('l68w.correctionNote'), hint: t('l68w.correctionNoteHint'), attrs: { maxlength: '500' } })
      : null;
    if (reason) register(reason, t('l68w.correctionNote'));
    const saveButton = h('button', { type: 'button', class: 'btn btn-outline-primary', id: 'l68-save' },
      icon('it-check', 'icon-primary icon-sm'), h('span', {}, t(mode === 'correction' ? 'l68w.saveCorrection' : 'l68w.saveDraft')));
    // No submit button: Enter in a field must not file the return.
    const sendButton = h('button', { type: 'button', class: 'btn btn-primary', id: 'l68-submit' },
      icon('it-upload', 'icon-white icon-sm'), h('span', {}, t(mode === 'correction' ? 'l68w.sendCorrection' : 'l68w.submit')));
    const backButton = h('button', { type: 'button', class: 'btn btn-outline-secondary', id: 'l68-back' }, t('l68w.back'));

    const form = h('form', { id: 'l68-form', novalidate: true },
      h('fieldset', { class: 'mb-3' }, h('legend', { class: 'h5 sisl-legend' }, t('l68w.general')),
        h('div', { class: 'row' }, h('div', { class: 'col-md-4' }, year.wrapper), h('div', { class: 'col-md-8' }, office.wrapper))),
      h('h3', { class: 'h4' }, t('l68w.sectionsHeading')),
      h('p', {}, t('l68w.sectionsLead')),
      sectionsHost,
      h('div', { class: 'sisl-actions mb-4' }, addSection),
      h('fieldset', { class: 'mb-4', id: 'l68-compensations' }, h('legend', { class: 'h5 sisl-legend' }, t('l68w.compensations')),
        h('p', { class: 'form-text' }, t('l68w.compensationsHint')), compHost, addComp),
      reason?.wrapper,
      h('div', { class: 'd-flex gap-2 flex-wrap mt-4' }, sendButton, saveButton, backButton));

    // ---- the computation beside the form ----
    const panelStatus = h('p', { id: 'l68-calc-status', class: 'sisl-l68-status' });
    const panelBody = h('div', { id: 'l68-calc-body' });
    const panel = h('section', { class: 'sisl-card sisl-l68-panel', id: 'l68-calc', 'aria-labelledby': 'l68-calc-heading', 'aria-busy': 'false' },
      h('h2', { id: 'l68-calc-heading', class: 'h4' }, t('l68w.calcHeading')),
      h('p', { class: 'form-text' }, t('l68w.calcLead')),
      panelStatus, panelBody);

    const intro = [];
    if (mode === 'correction') {
      const why = correctionReason(ret);
      intro.push(h('div', { class: 'callout note sisl-callout' },
        h('div', { class: 'callout-title' }, icon('it-info-circle'), h('span', {}, t('l68w.correctionTitle'))),
        h('p', {}, t('l68w.correctionLead', { protocol: ret.protocolNumber })),
        why ? h('p', { class: 'mb-0' }, t('l68w.correctionWhy', { reason: why })) : null));
    }

    clear(root,
      heading, errorsHost, intro,
      h('div', { class: 'row g-4' },
        h('div', { class: 'col-lg-7' }, form),
        h('div', { class: 'col-lg-5' }, h('div', { class: 'sisl-l68-panel-wrap' }, panel))));

    parts = {
      heading, errors, errorsHost, entries, sections, compensations, year: () => year.control.value, office, panel, panelStatus, panelBody,
      reason, setHeading,
      // Saved once: the reference year cannot change any more.
      lockYear() {
        year.control.disabled = true;
        const hint = year.wrapper.querySelector('.form-text');
        if (hint) hint.textContent = t('l68w.yearFixed');
        setHeading();
      },
      raw: () => ({
        year: year.control.value, office: office.control.value, sections: sections.map((s) => s.raw()), compensations: compensations.map((c) => c.raw()),
      }),
      problems(live) {
        const out = sections.flatMap((s) => s.problems(live));
        out.push(...compensations.flatMap((c) => c.problems()));
        if (!live && !sections.length) out.push([office, t('reason.L68_NO_PROVINCES'), t('l68w.office')]);
        return out;
      },
    };

    for (const s of raw.sections) appendSection(s, false);
    office.control.value = raw.office;
    if (!office.control.value && sections.length) office.control.value = sections[0].province();
    for (const c of raw.compensations) appendCompensation(c, false);
    setHeading();

    // Every edit recomputes (debounced); Enter in a field submits nothing by accident.
    form.addEventListener('input', () => changed());
    form.addEventListener('change', () => changed());
    form.addEventListener('submit', (ev) => ev.preventDefault());
    sendButton.addEventListener('click', () => send(sendButton));
    saveButton.addEventListener('click', () => saveOnly(saveButton));
    backButton.addEventListener('click', () => {
      clearTimeout(timer);
      seq += 1;
      onBack?.(current);
    });
    if (notice) clear(errorsHost, alertBox(notice.kind, notice.text));
    // The explanations the person opened stay open when the figures are drawn again.
    panel.addEventListener('toggle', (e) => {
      const d = e.target;
      if (!d.matches?.('details.sisl-l68-why')) return;
      if (d.open) openKeys.add(d.dataset.key);
      else openKeys.delete(d.dataset.key);
    }, true);
    drawPanel();
  }

  // ---- problems and API errors on the fields ----
  const problem = ([f, text, name]) => ({ field: { ...parts.entries.get(f.control), label: name || label(f).firstChild.textContent }, text });

  // "input.provinces[1].employees[0].weekly_minutes" (gateway or service) -> the control.
  function controlFor(path) {
    const p = (path || '').replace(/^input\./, '').replace(/_/g, '').toLowerCase();
    let m = /^provinces\[(\d+)\](?:\.(.*))?$/.exec(p);
    if (m) {
      const s = parts.sections[Number(m[1])];
      if (!s) return null;
      const rest = m[2] || '';
      const e = /^employees\[(\d+)\](?:\.(.*))?$/.exec(rest);
      if (e) {
        const row = s.rows[Number(e[1])];
        if (!row) return s.provinceField;
        const f = { count: row.count, workingtime: row.wt, role: row.role, weeklyminutes: row.hours, fulltimeweeklyminutes: row.full, exclusion: row.excl }[e[2]];
        return f || row.count;
      }
      if (rest.startsWith('otherdisabledcoverage')) return s.other;
      if (rest.startsWith('exemptionpercent')) return s.exemption;
      if (rest.startsWith('suspension.workers')) return s.susWorkers;
      if (rest.startsWith('suspension')) return s.susCause;
      return s.provinceField;
    }
    m = /^compensations\[(\d+)\]/.exec(p);
    if (m) {
      const c = parts.compensations[Number(m[1])];
      return c ? { control: c.element.querySelector('select'), wrapper: c.element } : null;
    }
    if (p.startsWith('registeredofficeprovince') || p === 'provinces') return parts.office;
    if (p === 'reason' && parts.reason) return parts.reason;
    return null;
  }

  function apiProblems(err) {
    const own = err.violations.length === 1 && (has(`reason.${err.reason}`) || has(`reason.${err.reason}`, 'it'));
    return err.violations.map((v) => {
      const f = controlFor(v.field);
      const entry = f && parts.entries.get(f.control);
      const text = own ? errorMessage(err) : violationText(v);
      return entry ? { field: { ...entry, label: label(f)?.firstChild.textContent || '' }, text } : { text: `${v.field}: ${text}` };
    });
  }

  function showError(err) {
    if (err?.violations?.length) parts.errors.showProblems(apiProblems(err), errorMessage(err));
    else parts.errors.show(err);
  }

  // ---- the live computation ----
  function changed() {
    if (!parts) return;
    clearTimeout(timer);
    timer = setTimeout(computeNow, DEBOUNCE_MS);
  }

  function drawPanel() {
    const { panelBody, panelStatus } = parts;
    if (!computation) {
      panelStatus.textContent = t('l68w.calcEmpty');
      clear(panelBody);
      return;
    }
    const inPanel = parts.panel.contains(document.activeElement) ? document.activeElement.closest('details')?.dataset.key : null;
    clear(panelBody, computationView(computation, { open: openKeys }));
    const n = computation.national || {};
    const summary = t('l68w.liveSummary', { quota: n.quota?.value ?? '0', due: n.positionsDue?.value ?? '0', uncovered: n.uncovered?.value ?? '0' });
    panelStatus.textContent = summary;
    if (inPanel) panelBody.querySelector(`details[data-key="${inPanel}"] summary`)?.focus();
    if (summary !== lastSummary) {
      announce(summary);
      lastSummary = summary;
    }
  }

  function panelProblems(items) {
    parts.panelStatus.textContent = t('l68w.calcWaiting');
    clear(parts.panelBody, h('ul', { class: 'sisl-l68-waiting' }, items.map((p) => h('li', {}, p.field
      ? h('a', { href: `#${p.field.control.id}`, onclick: (e) => { e.preventDefault(); p.field.control.focus(); } }, `${p.field.label}: ${p.text}`)
      : p.text))));
  }

  async function computeNow() {
    const local = parts.problems(true);
    if (local.length) {
      seq += 1;
      parts.panel.setAttribute('aria-busy', 'false');
      panelProblems(local.map(problem));
      lastSent = '';
      return;
    }
    const input = inputOf(parts.raw(), { live: true });
    if (!input.provinces.some((p) => p.employees.length)) {
      seq += 1;
      computation = null;
      lastSent = '';
      drawPanel();
      return;
    }
    const body = JSON.stringify(input);
    if (body === lastSent && computation) {
      drawPanel();
      return;
    }
    const mine = ++seq;
    parts.panel.setAttribute('aria-busy', 'true');
    parts.panelStatus.textContent = t('l68w.computing');
    try {
      const r = await post('/api/v1/l68-returns:compute', { input });
      if (mine !== seq) return;
      lastSent = body;
      computation = r.computation;
      drawPanel();
    } catch (err) {
      if (mine !== seq) return;
      if (err.status === 429) {
        timer = setTimeout(computeNow, RETRY_MS);
        return;
      }
      computation = null;
      if (err.violations?.length) panelProblems(apiProblems(err));
      else {
        parts.panelStatus.textContent = t('l68w.calcFailed');
        clear(parts.panelBody, h('p', {}, errorMessage(err)));
      }
    } finally {
      if (mine === seq) parts.panel.setAttribute('aria-busy', 'false');
    }
  }

  // ---- save, submit, correct ----
  function checked() {
    const problems = parts.problems(false);
    if (problems.length) {
      parts.errors.showProblems(problems.map(problem));
      return null;
    }
    parts.errors.clear();
    return inputOf(parts.raw());
  }

  async function save(input) {
    const body = JSON.stringify(input);
    let r;
    if (current) {
      r = await request('PATCH', `/api/v1/l68-returns/${encodeURIComponent(current.l68ReturnId)}`, { body: { l68ReturnId: current.l68ReturnId, input } });
    } else {
      r = await post('/api/v1/l68-returns', { input, requestId: createKey }, { idempotencyKey: createKey });
    }
    current = r.l68Return;
    savedBody = body;
    return current;
  }

  async function saveOnly(button) {
    const input = checked();
    if (!input) return;
    try {
      const wasNew = !current;
      await busy(button, () => save(input));
      const text = t(mode === 'correction' ? 'l68w.correctionSaved' : 'l68w.draftSaved', { year: current.year });
      notice = { kind: 'success', text };
      if (wasNew) {
        // The year is now fixed: the form is drawn again around the same values.
        build(parts.raw());
      } else {
        parts.setHeading();
        clear(parts.errorsHost, alertBox('success', text));
      }
      announce(text);
      focusHeading(parts.heading);
    } catch (err) {
      showError(err);
    }
  }

  async function send(button) {
    const input = checked();
    if (!input) return;
    try {
      await busy(button, async () => {
        if (mode === 'correction') {
          const r = await post(`/api/v1/l68-returns/${encodeURIComponent(current.l68ReturnId)}:correct`,
            { l68ReturnId: current.l68ReturnId, input, reason: parts.reason.control.value.trim() });
          const next = r.l68Return;
          seq += 1;
          clearTimeout(timer);
          await onDone?.(next, t('l68w.corrected', { year: next.year, version: next.version, protocol: next.protocolNumber, late: lateText(next) }));
          return;
        }
        if (!current || JSON.stringify(input) !== savedBody) {
          await save(input);
          parts.lockYear();
        }
        const r = await post(`/api/v1/l68-returns/${encodeURIComponent(current.l68ReturnId)}:submit`, { l68ReturnId: current.l68ReturnId });
        const done = r.l68Return;
        seq += 1;
        clearTimeout(timer);
        await onDone?.(done, t('l68w.submitted', { year: done.year, protocol: done.protocolNumber, late: lateText(done) }));
      });
    } catch (err) {
      showError(err);
    }
  }

  build(start);
  changed();
  return {
    element: root,
    focus: () => focusHeading(parts.heading),
    // After a language change: the same values in the new language, the figures kept.
    redraw: () => {
      const raw = parts.raw();
      notice = null;
      build(raw);
    },
    stop: () => {
      clearTimeout(timer);
      seq += 1;
    },
  };
}
