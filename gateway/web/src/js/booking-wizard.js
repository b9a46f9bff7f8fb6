// The booking wizard, shared by the citizen (book, move) and the contact centre (book, move on
// behalf of a citizen): service and delivery mode -> where -> month -> day's slots -> summary and
// confirmation -> outcome. Every step is a form operable with the keyboard; the step heading
// takes the focus when the step changes; errors are announced and focused.
import { ApiError, get, newRequestKey, offices, post, services } from './api.js';
import {
  dirOf, formatDateTime, formatDay, formatMonth, language, LANGUAGES, loadDictionary, localTime, t, todayInRome, weekdayNames,
} from './i18n.js';
import { deliveryModeLabel, errorMessage, officeLabel, scopeLabel, serviceName } from './labels.js';
import { municipalityField, municipalityText } from './municipality-field.js';
import { alertBox, announce, busy, checkbox, clear, field, focusHeading, h, icon, radioGroup, spinner, uid } from './ui.js';

const STEPS = ['wizard.stepService', 'wizard.stepWhere', 'wizard.stepDay', 'wizard.stepTime', 'wizard.stepSummary'];
const SCOPES = ['SEARCH_SCOPE_NEAREST', 'SEARCH_SCOPE_PROVINCE', 'SEARCH_SCOPE_REGION'];
// The booking service's problems about the municipality of domicile: shown on that field too.
const DOMICILE_REASONS = new Set(['DOMICILE_REQUIRED', 'NOT_DOMICILED_IN_PIEDMONT', 'UNKNOWN_MUNICIPALITY', 'AMBIGUOUS_MUNICIPALITY']);
const FIELD_LABELS = { where: 'wizard.municipality', domicile: 'contact.municipality' };
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

const addMonths = (month, n) => {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
const addDays = (day, n) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};

export class BookingWizard {
  // options: {mode: 'book'|'move', actor: 'citizen'|'agent', session, fiscalCode, appointment,
  //           headingLevel, onDone(appointment), onCancel()}
  constructor(host, options) {
    this.host = host;
    this.o = { mode: 'book', actor: 'citizen', headingLevel: 2, ...options };
    this.headingTag = `h${this.o.headingLevel}`;
    // where (nearest search) and contact.domicile: the state of a municipality field,
    // {selected: {istatCode, name, provinceCode, provinceName, region} | null, text}.
    this.s = {
      step: 1, service: null, mode: '', scope: '', where: { selected: null, text: '' }, province: '', month: '', days: null, day: '',
      slots: null, slot: null, first: null, error: null, stepError: null, fieldErrors: {}, result: null,
      contact: {
        email: this.o.actor === 'citizen' ? this.o.session?.user?.email || '' : '', mobile: '',
        domicile: { selected: null, text: '' }, language: language(), schooling: false, note: '',
      },
    };
    this.idBase = uid('wiz');
  }

  async start() {
    clear(this.host, spinner());
    try {
      const [catalogue, officeMap] = await Promise.all([services(this.o.actor === 'citizen'), offices()]);
      this.catalogue = this.o.mode === 'move' || this.o.actor !== 'citizen' ? await services(false) : catalogue;
      this.offices = officeMap;
      this.provinces = [...new Set([...officeMap.values()].map((o) => o.province))].sort((a, b) => a.localeCompare(b, 'it'));
    } catch (e) {
      clear(this.host, alertBox('danger', errorMessage(e), { focus: true }));
      return;
    }
    if (this.o.mode === 'move') {
      const a = this.o.appointment;
      this.s.service = this.catalogue.find((x) => x.code === a.serviceCode) || null;
      this.s.mode = a.deliveryMode;
      const office = this.offices.get(a.siteCode);
      this.s.province = office?.province || '';
      if (office) this.s.where = { selected: await this.officeMunicipality(office), text: '' };
    }
    this.render(false);
  }

  // The municipality of an office, from the reference data (its ISTAT code for the nearest
  // search); the office's own name when the search fails (the service also takes a unique name).
  async officeMunicipality(office) {
    try {
      const r = await get('/api/v1/municipalities', { query: office.municipality, piedmontOnly: true });
      const found = (r.municipalities || []).filter((m) => fold(m.name) === fold(office.municipality));
      const m = found.find((x) => x.provinceName === office.province) || (found.length === 1 ? found[0] : null);
      if (m) return m;
    } catch {
      // below
    }
    return { istatCode: '', name: office.municipality, provinceCode: '', provinceName: office.province, region: '' };
  }

  // ---- rendering -----------------------------------------------------------------------------
  render(moveFocus = true) {
    const body = h('div', { class: 'sisl-wizard' });
    if (this.s.step <= 5) body.append(this.stepper());
    const stepNode = [null, this.stepService, this.stepWhere, this.stepDay, this.stepTime, this.stepSummary, this.stepDone][this.s.step]
      .call(this);
    body.append(stepNode);
    for (const link of body.querySelectorAll('.sisl-to-field')) {
      const input = body.querySelector(`[data-field-key="${link.dataset.fieldKey}"] input`);
      if (input) link.setAttribute('href', `#${input.id}`);
      else link.closest('p').remove();
    }
    clear(this.host, body);
    const heading = body.querySelector('[data-step-heading]');
    if (moveFocus) {
      const err = body.querySelector('.alert[role="alert"]');
      (err || heading) && focusHeading(err || heading);
    }
  }

  // After a language change: the step is rebuilt from the state, which every input updates, so
  // what was typed stays.
  rerender() {
    this.render(false);
  }

  stepper() {
    const list = h('ul', { 'aria-label': t('wizard.progress') });
    STEPS.forEach((key, i) => {
      const n = i + 1;
      const cls = n < this.s.step ? 'confirmed' : n === this.s.step ? 'active' : '';
      list.append(h('li', { class: cls, 'aria-current': n === this.s.step ? 'step' : null },
        h('span', {}, t(key)),
        n < this.s.step ? icon('it-check', 'steppers-success') : null,
        h('span', { class: 'visually-hidden' }, n < this.s.step ? ` (${t('wizard.done')})` : n === this.s.step ? ` (${t('wizard.current')})` : '')));
    });
    return h('div', { class: 'steppers mb-4' }, h('div', { class: 'steppers-header' }, list,
      h('span', { class: 'steppers-index', 'aria-hidden': 'true' }, `${this.s.step}/${STEPS.length}`)));
  }

  heading(key, vars) {
    return h(this.headingTag, { class: 'sisl-step-heading', tabindex: '-1', dataset: { stepHeading: '1' } }, t(key, vars));
  }

  errorBox() {
    const e = this.s.stepError;
    if (!e) return null;
    const box = alertBox('danger', e.text, { title: t('wizard.errorTitle') });
    if (e.link) box.append(h('p', { class: 'mb-0 mt-2' }, h('a', { href: e.link.href }, e.link.text)));
    if (e.fieldKey) {
      // A link to the field in error that takes the focus there (its href is set by render()).
      box.append(h('p', { class: 'mb-0 mt-2' }, h('a', { href: '#', class: 'sisl-to-field', dataset: { fieldKey: e.fieldKey }, onclick: (ev) => {
        ev.preventDefault();
        this.host.querySelector(`[data-field-key="${e.fieldKey}"] input`)?.focus();
      } }, t('wizard.toField', { field: t(FIELD_LABELS[e.fieldKey]) }))));
    }
    return box;
  }

  // The field error of a municipality field (key: 'where' or 'domicile') with the step's alert.
  fieldFail(key, text, extra = {}) {
    this.s.fieldErrors = { [key]: text };
    this.s.stepError = { text, fieldKey: key, ...extra };
    this.render(true);
  }

  // A municipality field bound to this.s.where or this.s.contact.domicile.
  muniField(key, state, { hint, required }) {
    const f = municipalityField({
      label: t(FIELD_LABELS[key]), hint, required, state, error: this.s.fieldErrors[key],
      onChange: () => { delete this.s.fieldErrors[key]; },
    });
    f.wrapper.dataset.fieldKey = key;
    return f;
  }

  nav({ back = true, nextLabel, onNext, nextId }) {
    const row = h('div', { class: 'sisl-wizard-nav' });
    if (back) {
      row.append(h('button', { type: 'button', class: 'btn btn-outline-primary', onclick: () => this.go(this.s.step - 1) },
        icon('it-arrow-left', 'icon-primary icon-sm sisl-flip'), h('span', {}, t('wizard.back'))));
    } else if (this.o.onCancel) {
      row.append(h('button', { type: 'button', class: 'btn btn-outline-secondary', onclick: () => this.o.onCancel() }, t('wizard.cancel')));
    }
    if (onNext) {
      row.append(h('button', { type: 'submit', class: 'btn btn-primary', id: nextId },
        h('span', {}, nextLabel || t('wizard.next')), icon('it-arrow-right', 'icon-white icon-sm sisl-flip')));
    }
    return row;
  }

  go(step) {
    if (step < 1) return this.o.onCancel?.();
    this.s.step = step;
    this.s.stepError = null;
    this.s.fieldErrors = {};
    this.render(true);
    if (step === 3) this.loadMonth();
    if (step === 4) this.loadDay();
  }

  fail(e, extra = {}) {
    this.s.fieldErrors = {};
    this.s.stepError = { text: e instanceof ApiError ? errorMessage(e) : String(e), ...extra };
    this.render(true);
  }

  // ---- step 1: service and delivery mode ------------------------------------------------------
  stepService() {
    const form = h('form', { novalidate: true, onsubmit: (e) => {
      e.preventDefault();
      if (!this.s.service) return this.fail(t('wizard.chooseService'));
      if (!this.s.mode) return this.fail(t('wizard.chooseMode'));
      if (!this.s.scope) this.s.scope = this.s.service.defaultScope || 'SEARCH_SCOPE_NEAREST';
      this.go(2);
    } });
    form.append(this.heading(this.o.mode === 'move' ? 'wizard.moveModeHeading' : 'wizard.serviceHeading'));
    form.append(this.errorBox() || '');
    if (this.o.mode === 'move') {
      form.append(h('p', {}, t('wizard.movingService', { service: serviceName(this.s.service) })));
    } else {
      form.append(radioGroup({
        name: `${this.idBase}-service`, legend: t('wizard.service'), value: this.s.service?.code,
        options: this.catalogue.map((sv) => ({
          value: sv.code, label: serviceName(sv),
          hint: t('wizard.serviceHint', { minutes: sv.durationMinutes, modes: sv.deliveryModes.map((m) => deliveryModeLabel(m)).join(', ') }),
        })),
        onchange: (code) => {
          this.s.service = this.catalogue.find((x) => x.code === code);
          if (!this.s.service.deliveryModes.includes(this.s.mode)) this.s.mode = this.s.service.deliveryModes[0] || '';
          this.s.scope = this.s.service.defaultScope || 'SEARCH_SCOPE_NEAREST';
          const modes = form.querySelector('[data-modes]');
          modes.replaceWith(this.modeGroup());
        },
      }));
    }
    form.append(this.modeGroup());
    form.append(this.nav({ back: false, onNext: true, nextId: `${this.idBase}-next1` }));
    return form;
  }

  modeGroup() {
    const modes = this.s.service?.deliveryModes || [];
    const group = modes.length
      ? radioGroup({
        name: `${this.idBase}-mode`, legend: t('wizard.mode'), value: this.s.mode,
        options: modes.map((m) => ({ value: m, label: deliveryModeLabel(m) })),
        onchange: (m) => { this.s.mode = m; },
      })
      : h('p', { class: 'text-secondary' }, t('wizard.modeAfterService'));
    group.dataset.modes = '1';
    return group;
  }

  // ---- step 2: where ------------------------------------------------------------------------------
  stepWhere() {
    const form = h('form', { novalidate: true, onsubmit: (e) => {
      e.preventDefault();
      if (this.s.scope === 'SEARCH_SCOPE_NEAREST' && !this.s.where.selected) return this.fieldFail('where', t('wizard.needMunicipality'));
      if (this.s.scope === 'SEARCH_SCOPE_PROVINCE' && !this.s.province) return this.fail(t('wizard.needProvince'));
      this.s.month = '';
      this.s.days = null;
      this.go(3);
    } });
    form.append(this.heading('wizard.whereHeading'));
    form.append(this.errorBox() || '');
    const detail = h('div', { class: 'sisl-scope-detail' });
    const renderDetail = () => {
      if (this.s.scope === 'SEARCH_SCOPE_NEAREST') {
        clear(detail, this.muniField('where', this.s.where, { hint: t('wizard.municipalityHint'), required: true }).wrapper);
      } else if (this.s.scope === 'SEARCH_SCOPE_PROVINCE') {
        const f = field({ kind: 'select', label: t('wizard.province'), value: this.s.province,
          options: [{ value: '', label: t('wizard.chooseProvince') }, ...this.provinces.map((p) => ({ value: p, label: p }))] });
        f.control.addEventListener('change', () => { this.s.province = f.control.value; });
        clear(detail, f.wrapper);
      } else {
        clear(detail, h('p', {}, t('wizard.regionHint')));
      }
    };
    form.append(radioGroup({
      name: `${this.idBase}-scope`, legend: t('wizard.scope'), value: this.s.scope,
      options: SCOPES.map((sc) => ({ value: sc, label: scopeLabel(sc) })),
      onchange: (sc) => { this.s.scope = sc; renderDetail(); },
    }));
    renderDetail();
    form.append(detail);
    form.append(this.nav({ onNext: true, nextId: `${this.idBase}-next2` }));
    return form;
  }

  scopeQuery() {
    const q = { serviceCode: this.s.service.code, deliveryMode: this.s.mode, 'scope.scope': this.s.scope };
    if (this.s.scope === 'SEARCH_SCOPE_NEAREST') q['scope.municipality'] = this.s.where.selected.istatCode || this.s.where.selected.name;
    if (this.s.scope === 'SEARCH_SCOPE_PROVINCE') q['scope.province'] = this.s.province;
    return q;
  }

  // ---- step 3: the month ------------------------------------------------------------------------
  async loadMonth() {
    try {
      if (!this.s.month) {
        this.s.first = null;
        try {
          const r = await get('/api/v1/availability/first', this.scopeQuery());
          this.s.first = r.slot || null;
        } catch (e) {
          if (e.reason !== 'NO_AVAILABILITY' && e.status !== 404) throw e;
        }
        this.s.month = this.s.first ? this.s.first.localStart.slice(0, 7) : todayInRome().slice(0, 7);
      }
      const r = await get('/api/v1/availability/month', { ...this.scopeQuery(), month: this.s.month });
      this.s.days = r.days || [];
      this.render(false);
      announce(t('wizard.monthLoaded', { month: formatMonth(this.s.month), count: this.s.days.length }));
    } catch (e) {
      this.s.days = [];
      this.fail(e);
    }
  }

  stepDay() {
    const wrap = h('div');
    wrap.append(this.heading('wizard.dayHeading'));
    wrap.append(h('p', { class: 'sisl-choice-summary' }, `${serviceName(this.s.service)} · ${deliveryModeLabel(this.s.mode)} · ${this.scopeText()}`));
    wrap.append(this.errorBox() || '');
    if (this.s.days === null) {
      wrap.append(spinner(t('wizard.loadingMonth')));
      wrap.append(this.nav({}));
      return wrap;
    }
    const today = todayInRome();
    const horizonDay = addDays(today, this.s.service.bookingHorizonDays || 60);
    const minMonth = today.slice(0, 7);
    const maxMonth = horizonDay.slice(0, 7);
    if (this.s.first) {
      const first = this.s.first;
      wrap.append(h('p', {}, h('button', { type: 'button', class: 'btn btn-link p-0 sisl-first', onclick: () => this.pickDay(first.localStart.slice(0, 10)) },
        t('wizard.firstAvailable', { when: `${formatDay(first.localStart.slice(0, 10))}, ${localTime(first.localStart)}` }))));
    }
    const monthNav = h('div', { class: 'sisl-month-nav' },
      h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', disabled: this.s.month <= minMonth,
        onclick: () => this.changeMonth(-1) }, icon('it-chevron-left', 'icon-primary icon-sm sisl-flip'), h('span', {}, t('wizard.prevMonth'))),
      h('p', { class: 'sisl-month-name', id: `${this.idBase}-month`, 'aria-live': 'polite' }, formatMonth(this.s.month)),
      h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', disabled: this.s.month >= maxMonth,
        onclick: () => this.changeMonth(1) }, h('span', {}, t('wizard.nextMonth')), icon('it-chevron-right', 'icon-primary icon-sm sisl-flip')));
    wrap.append(monthNav);
    if (!this.s.days.length) {
      wrap.append(alertBox('info', t('wizard.noDays'), {}));
      if (this.s.scope !== 'SEARCH_SCOPE_REGION') {
        wrap.append(h('p', {}, h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', onclick: () => {
          this.s.scope = 'SEARCH_SCOPE_REGION';
          this.s.month = '';
          this.s.days = null;
          this.go(3);
        } }, t('wizard.widen'))));
      }
    }
    wrap.append(this.calendarTable());
    wrap.append(this.nav({}));
    return wrap;
  }

  changeMonth(n) {
    this.s.month = addMonths(this.s.month, n);
    this.s.days = null;
    this.render(false);
    this.loadMonth().then(() => this.host.querySelector('.sisl-month-nav button:not([disabled])')?.focus());
  }

  calendarTable() {
    const free = new Map(this.s.days.map((d) => [d.date, d.freeSeats]));
    const [y, m] = this.s.month.split('-').map(Number);
    const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const firstWeekday = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7; // Monday = 0
    const names = weekdayNames(language(), 'short');
    const longNames = weekdayNames(language(), 'long');
    const table = h('table', { class: 'sisl-calendar' },
      h('caption', {}, t('wizard.calendarCaption', { month: formatMonth(this.s.month) })),
      h('thead', {}, h('tr', {}, names.map((n, i) => h('th', { scope: 'col' }, h('abbr', { title: longNames[i] }, n))))));
    const tbody = h('tbody');
    let row = h('tr');
    for (let i = 0; i < firstWeekday; i++) row.append(h('td', { class: 'sisl-empty' }));
    for (let d = 1; d <= daysInMonth; d++) {
      const day = `${this.s.month}-${String(d).padStart(2, '0')}`;
      const seats = free.get(day);
      const cell = h('td');
      if (seats) {
        // The accessible name starts with the visible day number (WCAG 2.5.3); the seats shown
        // under it are drawn outside the button, hidden from assistive technologies.
        cell.append(h('button', {
          type: 'button', class: `sisl-day${day === this.s.day ? ' selected' : ''}`, dataset: { day },
          'aria-pressed': day === this.s.day ? 'true' : null,
          onclick: () => this.pickDay(day),
        }, h('span', { class: 'sisl-day-number' }, String(d)), h('span', { class: 'visually-hidden' }, `, ${t('wizard.dayButton', { day: formatDay(day), seats })}`)),
        h('span', { class: 'sisl-day-seats', 'aria-hidden': 'true' }, t('wizard.seatsShort', { seats })));
        cell.classList.add('sisl-day-cell');
      } else {
        cell.append(h('span', { class: 'sisl-day-off' }, String(d)), h('span', { class: 'visually-hidden' }, ` ${t('wizard.noSeats')}`));
      }
      row.append(cell);
      if ((firstWeekday + d) % 7 === 0) {
        tbody.append(row);
        row = h('tr');
      }
    }
    if (row.childElementCount) {
      while (row.childElementCount < 7) row.append(h('td', { class: 'sisl-empty' }));
      tbody.append(row);
    }
    table.append(tbody);
    return h('div', { class: 'table-responsive' }, table);
  }

  scopeText() {
    if (this.s.scope === 'SEARCH_SCOPE_NEAREST') return t('wizard.nearTo', { municipality: municipalityText(this.s.where.selected) });
    if (this.s.scope === 'SEARCH_SCOPE_PROVINCE') return t('wizard.inProvince', { province: this.s.province });
    return t('scope.REGION');
  }

  pickDay(day) {
    this.s.day = day;
    this.s.slots = null;
    this.go(4);
  }

  // ---- step 4: the day's slots ------------------------------------------------------------------
  async loadDay() {
    try {
      const r = await get('/api/v1/availability/day', { ...this.scopeQuery(), date: this.s.day });
      this.s.slots = r.slots || [];
      const keepError = this.s.stepError;
      this.render(false);
      if (keepError) this.host.querySelector('.alert')?.focus();
      announce(t('wizard.slotsLoaded', { count: this.s.slots.length }));
    } catch (e) {
      this.s.slots = [];
      this.fail(e);
    }
  }

  stepTime() {
    const wrap = h('div');
    wrap.append(this.heading('wizard.timeHeading', { day: formatDay(this.s.day) }));
    wrap.append(this.errorBox() || '');
    if (this.s.slots === null) {
      wrap.append(spinner());
      wrap.append(this.nav({}));
      return wrap;
    }
    if (!this.s.slots.length) wrap.append(alertBox('info', t('wizard.noSlots')));
    const bySite = new Map();
    for (const slot of this.s.slots) {
      if (!bySite.has(slot.siteCode)) bySite.set(slot.siteCode, []);
      bySite.get(slot.siteCode).push(slot);
    }
    for (const [site, slots] of bySite) {
      const office = this.offices.get(site);
      const headingId = uid('site');
      const group = h('section', { class: 'sisl-site', 'aria-labelledby': headingId },
        h(`h${this.o.headingLevel + 1}`, { class: 'h5', id: headingId }, office?.label || site),
        h('p', { class: 'sisl-site-address' }, icon('it-map-marker', 'icon-sm icon-secondary'), office ? `${office.address}, ${office.municipality} (${office.province})` : site));
      const list = h('ul', { class: 'sisl-slots' });
      for (const slot of slots.sort((a, b) => a.localStart.localeCompare(b.localStart))) {
        const time = localTime(slot.localStart);
        list.append(h('li', { class: 'sisl-slot-item' }, h('button', {
          type: 'button', class: 'btn btn-outline-primary sisl-slot', dataset: { slot: slot.id },
          onclick: () => {
            this.s.slot = slot;
            this.s.requestKey = newRequestKey();
            // The municipality the citizen searched from (labelled "municipality of domicile") is
            // proposed as the domicile.
            const domicile = this.s.contact.domicile;
            if (this.o.actor === 'citizen' && !domicile.selected && !domicile.text && this.s.scope === 'SEARCH_SCOPE_NEAREST'
              && this.s.where.selected?.istatCode) {
              this.s.contact.domicile = { selected: this.s.where.selected, text: '' };
            }
            this.go(5);
          },
        }, h('span', { class: 'sisl-slot-time' }, time),
        h('span', { class: 'visually-hidden' }, `, ${t('wizard.slotButton', { time, seats: slot.freeSeats, site: office?.label || site })}`)),
        h('span', { class: 'sisl-slot-seats', 'aria-hidden': 'true' }, t('wizard.seatsShort', { seats: slot.freeSeats }))));
      }
      group.append(list);
      wrap.append(group);
    }
    wrap.append(this.nav({}));
    return wrap;
  }

  // ---- step 5: summary and confirmation -------------------------------------------------------
  summaryList(lang = language()) {
    const slot = this.s.slot;
    const office = this.offices.get(slot.siteCode);
    const row = (k, v) => [h('dt', {}, t(k, {}, lang)), h('dd', {}, v)];
    return h('dl', { class: 'sisl-summary' },
      row('summary.service', serviceName(this.s.service, lang)),
      row('summary.mode', deliveryModeLabel(this.s.mode, lang)),
      row('summary.when', `${formatDay(slot.localStart.slice(0, 10), lang)}, ${localTime(slot.localStart)}`),
      row('summary.where', office ? officeLabel(office) : slot.siteCode));
  }

  stepSummary() {
    const form = h('form', { novalidate: true, onsubmit: (e) => {
      e.preventDefault();
      this.confirm(form.querySelector('button[type="submit"]'));
    } });
    form.append(this.heading(this.o.mode === 'move' ? 'wizard.summaryMoveHeading' : 'wizard.summaryHeading'));
    form.append(this.errorBox() || '');
    if (this.o.mode === 'move') {
      const a = this.o.appointment;
      form.append(h('p', {}, t('wizard.moveFrom', { when: formatDateTime(a.startTime), site: this.offices.get(a.siteCode)?.label || a.siteCode })));
    }
    if (this.o.actor === 'agent') form.append(h('p', {}, t('wizard.forCitizen', { code: this.o.fiscalCode })));
    form.append(this.summaryList());
    const c = this.s.contact;
    if (this.o.mode === 'book') {
      const fs = h('fieldset', { class: 'mt-4' }, h('legend', { class: 'h5 sisl-legend' }, t('contact.legend')),
        h('p', { class: 'small' }, t('contact.why')));
      const email = field({ label: t('contact.email'), type: 'email', value: c.email, attrs: { autocomplete: this.o.actor === 'citizen' ? 'email' : 'off' } });
      email.control.addEventListener('input', () => { c.email = email.control.value; });
      const mobile = field({ label: t('contact.mobile'), type: 'tel', value: c.mobile, hint: t('contact.mobileHint'),
        attrs: { autocomplete: this.o.actor === 'citizen' ? 'tel' : 'off' } });
      mobile.control.addEventListener('input', () => { c.mobile = mobile.control.value; });
      const required = Boolean(this.s.service.requiresPiedmontDomicile);
      const domicile = this.muniField('domicile', c.domicile, {
        hint: t(required ? 'contact.domicileHintRequired' : 'contact.domicileHint'), required,
      });
      const schooling = checkbox({ label: t('contact.schooling'), checked: c.schooling, hint: t('contact.schoolingHint') });
      schooling.control.addEventListener('change', () => { c.schooling = schooling.control.checked; });
      const lang = field({ kind: 'select', label: t('contact.language'), value: c.language,
        options: Object.entries(LANGUAGES).map(([code, l]) => ({ value: code, label: l.name })) });
      lang.control.querySelectorAll('option').forEach((o) => o.setAttribute('lang', o.value));
      lang.control.addEventListener('change', () => { c.language = lang.control.value; });
      fs.append(email.wrapper, mobile.wrapper, domicile.wrapper, schooling.wrapper, lang.wrapper);
      form.append(fs);
    }
    if (this.o.actor === 'agent' || this.o.mode === 'book') {
      const note = field({ kind: 'textarea', label: t(this.o.actor === 'agent' ? 'contact.agentNote' : 'contact.note'), value: c.note,
        attrs: { maxlength: '500' } });
      note.control.addEventListener('input', () => { c.note = note.control.value; });
      form.append(note.wrapper);
    }
    form.append(this.nav({ onNext: true, nextLabel: t(this.o.mode === 'move' ? 'wizard.confirmMove' : 'wizard.confirm'), nextId: `${this.idBase}-confirm` }));
    return form;
  }

  async confirm(button) {
    const c = this.s.contact;
    if (this.o.mode === 'book' && !c.domicile.selected) {
      // Required for the services reserved to Piedmont; otherwise a text not chosen from the list.
      if (this.s.service.requiresPiedmontDomicile) return this.fieldFail('domicile', t('reason.DOMICILE_REQUIRED'));
      if (c.domicile.text.trim()) return this.fieldFail('domicile', t('wizard.needMunicipality'));
    }
    this.s.requestKey = newRequestKey();
    try {
      const result = await busy(button, () => {
        if (this.o.mode === 'move') {
          return post(`/api/v1/appointments/${encodeURIComponent(this.o.appointment.id)}:move`, {
            newSlotId: this.s.slot.id, deliveryMode: this.s.mode, requestId: this.s.requestKey, note: c.note.trim() || undefined,
          }, { idempotencyKey: this.s.requestKey });
        }
        const citizen = {
          email: c.email.trim() || undefined, mobile: c.mobile.trim() || undefined,
          domicileMunicipality: c.domicile.selected?.istatCode || undefined, language: c.language, compulsorySchoolingCompleted: c.schooling,
        };
        if (this.o.actor === 'agent') citizen.fiscalCode = this.o.fiscalCode;
        return post('/api/v1/appointments', {
          slotId: this.s.slot.id, deliveryMode: this.s.mode, requestId: this.s.requestKey, citizen, note: c.note.trim() || undefined,
        }, { idempotencyKey: this.s.requestKey });
      });
      this.s.result = result.appointment;
      const confirmationLang = this.o.mode === 'book' ? c.language : language();
      if (confirmationLang !== language()) await loadDictionary(confirmationLang).catch(() => {});
      this.s.step = 6;
      this.render(true);
      this.o.onDone?.(this.s.result);
    } catch (e) {
      if (e.reason === 'SLOT_TAKEN' || e.reason === 'SLOT_IN_PAST' || e.reason === 'MINIMUM_NOTICE_NOT_MET') {
        // Back to the day's slots, refreshed, with the message.
        this.s.step = 4;
        this.s.slots = null;
        this.s.stepError = { text: errorMessage(e) };
        this.render(true);
        this.loadDay();
        return;
      }
      const extra = {};
      if (e.reason === 'ALREADY_BOOKED_FOR_SERVICE' && this.o.actor === 'citizen') {
        extra.link = { href: '/appuntamenti', text: t('nav.myAppointments') };
      }
      if (this.o.mode === 'book' && DOMICILE_REASONS.has(e.reason)) {
        this.fieldFail('domicile', errorMessage(e), extra);
        return;
      }
      this.fail(e, extra);
    }
  }

  // ---- step 6: outcome ------------------------------------------------------------------------
  confirmation(lang) {
    const a = this.s.result;
    const office = this.offices.get(a.siteCode);
    const key = this.o.mode === 'move' ? 'confirm.moved' : 'confirm.booked';
    const domicile = this.o.mode === 'book' ? this.s.contact.domicile.selected : null;
    const box = h('div', { class: 'sisl-confirmation', lang, dir: dirOf(lang) },
      h('p', { class: 'sisl-confirmation-title' }, icon('it-check-circle', 'icon-success'), h('span', {}, t(key, {}, lang))),
      h('dl', { class: 'sisl-summary' },
        h('dt', {}, t('summary.service', {}, lang)), h('dd', {}, serviceName(this.s.service, lang)),
        h('dt', {}, t('summary.mode', {}, lang)), h('dd', {}, deliveryModeLabel(a.deliveryMode, lang)),
        h('dt', {}, t('summary.when', {}, lang)), h('dd', {}, formatDateTime(a.startTime, lang)),
        h('dt', {}, t('summary.where', {}, lang)), h('dd', {}, office ? officeLabel(office) : a.siteCode),
        domicile ? [h('dt', {}, t('summary.domicile', {}, lang)), h('dd', {}, t('summary.domicileValue', { name: domicile.name, province: domicile.provinceName }, lang))] : null,
        h('dt', {}, t('summary.code', {}, lang)), h('dd', { class: 'sisl-code' }, a.id)),
      h('p', { class: 'mb-0' }, t('confirm.reminder', {}, lang)));
    return box;
  }

  stepDone() {
    const wrap = h('div');
    const a = this.s.result;
    wrap.append(this.heading(this.o.mode === 'move' ? 'confirm.movedHeading' : 'confirm.bookedHeading'));
    wrap.append(alertBox('success', t(this.o.mode === 'move' ? 'confirm.moved' : 'confirm.booked')));
    wrap.append(this.confirmation(language()));
    const other = this.o.mode === 'book' ? this.s.contact.language : language();
    if (other !== language()) {
      const hid = uid('conf');
      wrap.append(h('section', { class: 'mt-4', 'aria-labelledby': hid },
        h(`h${this.o.headingLevel + 1}`, { class: 'h5', id: hid }, t('confirm.inLanguage', { language: LANGUAGES[other].name })),
        this.confirmation(other)));
    }
    const actions = h('div', { class: 'sisl-wizard-nav' });
    actions.append(h('a', { class: 'btn btn-outline-primary', href: `/api/v1/appointments/${encodeURIComponent(a.id)}/ics`, download: `appuntamento-${a.id}.ics` },
      icon('it-download', 'icon-primary icon-sm'), h('span', {}, t('appointments.ics'))));
    if (this.o.actor === 'citizen') actions.append(h('a', { class: 'btn btn-primary', href: '/appuntamenti' }, t('nav.myAppointments')));
    else if (this.o.onCancel) actions.append(h('button', { type: 'button', class: 'btn btn-primary', onclick: () => this.o.onCancel(true) }, t('cc.backToCitizen')));
    wrap.append(actions);
    return wrap;
  }
}
