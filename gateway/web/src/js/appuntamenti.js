// Citizen: my appointments (move, cancel with a reason, .ics).
import { listAll, offices, services } from './api.js';
import { appointmentList } from './appointment-list.js';
import { startPage } from './chrome.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import { alertBox, announce, clear, h, icon, spinner } from './ui.js';

let state = null;

function draw(message) {
  const app = document.getElementById('app');
  const list = appointmentList({
    appointments: state.appointments, offices: state.offices, services: state.services, actor: 'citizen',
    onChanged: (text) => load(text),
  });
  const top = h('div', { class: 'd-flex flex-wrap gap-2 mb-4' },
    h('a', { class: 'btn btn-primary', href: '/prenota' }, icon('it-plus-circle', 'icon-white icon-sm'), h('span', {}, t('appointments.new'))));
  const msg = message ? alertBox('success', message, { focus: true }) : null;
  clear(app, msg, top, list);
  if (message) announce(message);
}

async function load(message) {
  const app = document.getElementById('app');
  if (!state) clear(app, spinner());
  try {
    const [appointments, officeMap, catalogue] = await Promise.all([
      listAll('/api/v1/my/appointments', {}, 'appointments'), offices(), services(false)]);
    state = { appointments, offices: officeMap, services: catalogue };
    draw(message);
  } catch (e) {
    clear(app, alertBox('danger', errorMessage(e), { focus: true }));
  }
}

startPage({ role: 'citizen', render: () => load(), onLanguage: () => state && draw() });
