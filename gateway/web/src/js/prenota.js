// Citizen: book an appointment, or move one (/prenota?sposta=<id>).
import { get } from './api.js';
import { BookingWizard } from './booking-wizard.js';
import { startPage } from './chrome.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import { alertBox, clear, h } from './ui.js';

let wizard = null;

async function render(s) {
  const app = document.getElementById('app');
  const moveId = new URLSearchParams(location.search).get('sposta');
  if (!moveId) {
    wizard = new BookingWizard(app, { mode: 'book', actor: 'citizen', session: s });
    return wizard.start();
  }
  for (const id of ['page-title', 'crumb']) document.getElementById(id).dataset.i18n = 'book.moveTitle';
  document.getElementById('page-lead').dataset.i18n = 'book.moveLead';
  document.documentElement.dataset.titleKey = 'book.moveTitle';
  for (const id of ['page-title', 'crumb']) document.getElementById(id).textContent = t('book.moveTitle');
  document.getElementById('page-lead').textContent = t('book.moveLead');
  document.title = `${t('book.moveTitle')} - ${t('site.short')}`;
  try {
    const { appointment } = await get(`/api/v1/appointments/${encodeURIComponent(moveId)}`);
    if (appointment.state !== 'APPOINTMENT_STATE_TO_DELIVER') {
      clear(app, alertBox('warning', t('reason.APPOINTMENT_NOT_OPEN')), h('p', {}, h('a', { href: '/appuntamenti' }, t('nav.myAppointments'))));
      return undefined;
    }
    wizard = new BookingWizard(app, {
      mode: 'move', actor: 'citizen', session: s, appointment, onCancel: () => location.assign('/appuntamenti'),
    });
    return wizard.start();
  } catch (e) {
    clear(app, alertBox('danger', errorMessage(e), { focus: true }), h('p', {}, h('a', { href: '/appuntamenti' }, t('nav.myAppointments'))));
    return undefined;
  }
}

startPage({ role: 'citizen', render, onLanguage: () => wizard?.rerender() });
