// Contact centre: find a citizen by fiscal code (checked while typed), see their appointments,
// book, move or cancel on their behalf with a note. Every read names its reason (audited).
import { get, listAll, offices, services } from './api.js';
import { appointmentList } from './appointment-list.js';
import { BookingWizard } from './booking-wizard.js';
import { startPage } from './chrome.js';
import { checkFiscalCode } from './fiscal-code.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import { alertBox, announce, clear, floatLabel, focusHeading, h, icon, spinner } from './ui.js';

const input = () => document.getElementById('cc-fiscal-code');
const statusEl = () => document.getElementById('cc-fiscal-code-status');
let lastStatus = '';
let current = null; // {fiscalCode, accessReason, appointments, offices, services}
let view = 'list';
let wizard = null;
let session = null;

function statusText(r) {
  switch (r.status) {
    case 'empty': return '';
    case 'incomplete': return t('cf.incomplete');
    case 'format': return r.position > 16 ? t('cf.tooLong') : t('cf.format', { position: r.position });
    case 'month': return t('cf.month');
    case 'day': return t('cf.day');
    case 'check': return t('cf.check', { expected: r.expected });
    default: return t('cf.valid');
  }
}

function checkInput() {
  const el = input();
  const r = checkFiscalCode(el.value);
  const bad = ['format', 'month', 'day', 'check'].includes(r.status);
  el.classList.toggle('is-invalid', bad);
  el.classList.toggle('is-valid', r.status === 'valid');
  el.setAttribute('aria-invalid', bad ? 'true' : 'false');
  // The live region speaks only when the verdict changes, not at every key.
  const text = statusText(r);
  const st = statusEl();
  st.className = `sisl-cf-status ${bad ? 'text-danger' : r.status === 'valid' ? 'text-success' : ''}`;
  if (text !== lastStatus) st.textContent = text;
  lastStatus = text;
  return r;
}

async function search(fiscalCode, accessReason, message) {
  const result = document.getElementById('cc-result');
  clear(result, spinner());
  try {
    const [appointments, officeMap, catalogue] = await Promise.all([
      listAll('/api/v1/appointments:search', { fiscalCode, accessReason }, 'appointments'), offices(), services(false)]);
    current = { fiscalCode, accessReason, appointments, offices: officeMap, services: catalogue };
    view = 'list';
    drawList(message, !message);
  } catch (e) {
    clear(result, alertBox('danger', errorMessage(e), { focus: true }));
  }
}

function drawList(message, focusTitle = false) {
  const result = document.getElementById('cc-result');
  const title = h('h2', { class: 'h3', id: 'cc-citizen-heading', tabindex: '-1' }, t('cc.citizenHeading', { code: current.fiscalCode }));
  const list = appointmentList({
    appointments: current.appointments, offices: current.offices, services: current.services, actor: 'agent', headingLevel: 3,
    onMove: (a) => openWizard('move', a),
    onChanged: (text) => search(current.fiscalCode, current.accessReason, text),
  });
  const newButton = h('button', { type: 'button', class: 'btn btn-primary mb-4', id: 'cc-new-booking', onclick: () => openWizard('book') },
    icon('it-plus-circle', 'icon-white icon-sm'), h('span', {}, t('cc.newBooking')));
  clear(result, h('section', { 'aria-labelledby': 'cc-citizen-heading' },
    title, message ? alertBox('success', message, { focus: true }) : null, newButton, list));
  if (message) announce(message);
  else if (focusTitle) focusHeading(title);
}

function openWizard(mode, appointment) {
  view = 'wizard';
  const result = document.getElementById('cc-result');
  const heading = h('h2', { class: 'h3', id: 'cc-wizard-heading' },
    t(mode === 'move' ? 'cc.moveHeading' : 'cc.bookHeading', { code: current.fiscalCode }));
  const host = h('div');
  clear(result, h('section', { 'aria-labelledby': 'cc-wizard-heading' }, heading, host));
  wizard = new BookingWizard(host, {
    mode, actor: 'agent', session, fiscalCode: current.fiscalCode, appointment, headingLevel: 3,
    onCancel: (done) => search(current.fiscalCode, current.accessReason, done ? t(mode === 'move' ? 'confirm.moved' : 'confirm.booked') : undefined),
  });
  wizard.start();
}

function render(s) {
  session = s;
  document.getElementById('cc-search').hidden = false;
  floatLabel(document.querySelector('label[for="cc-fiscal-code"]'), input());
  input().addEventListener('input', () => {
    const el = input();
    const upper = el.value.toUpperCase().replace(/\s+/g, '');
    if (upper !== el.value) {
      const pos = el.selectionStart;
      el.value = upper;
      el.setSelectionRange(pos, pos);
    }
    checkInput();
  });
  document.getElementById('cc-search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const r = checkInput();
    if (r.status !== 'valid') {
      const st = statusEl();
      if (r.status === 'empty' || r.status === 'incomplete') {
        st.textContent = t(r.status === 'empty' ? 'cf.required' : 'cf.incompleteSubmit');
        lastStatus = st.textContent;
      }
      input().focus();
      return;
    }
    search(r.code, document.getElementById('cc-access-reason').value);
  });
  input().focus();
}

startPage({
  role: 'contact_centre',
  render,
  onLanguage: () => {
    if (input()?.value) checkInput();
    if (current && view === 'list') drawList();
    if (view === 'wizard') wizard?.rerender();
  },
});
